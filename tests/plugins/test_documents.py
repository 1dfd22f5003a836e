"""document.metadata: OOXML, OLE and PDF documents built here, plus hostile inputs."""

from __future__ import annotations

import datetime as dt
import io
import uuid
import zipfile

import pytest
from forensic_triage.plugins.documents import DocumentExtractor, pdf_time
from helpers import run_extractor, selects
from windows_builders import SUMMARY_FMTID, build_cfb, build_property_set

DOCS = "Users/alice/Documents"
CORE = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<dc:title>Q3 shipment plan</dc:title><dc:subject>Logistics</dc:subject><dc:creator>Alice Smith</dc:creator>
<cp:keywords>boat; harbour</cp:keywords><dc:description>draft</dc:description>
<cp:lastModifiedBy>Bob Jones</cp:lastModifiedBy><cp:revision>7</cp:revision>
<cp:lastPrinted>2023-04-03T09:00:00Z</cp:lastPrinted>
<dcterms:created xsi:type="dcterms:W3CDTF">2023-04-01T10:20:30Z</dcterms:created>
<dcterms:modified xsi:type="dcterms:W3CDTF">2023-04-02T11:22:33Z</dcterms:modified>
</cp:coreProperties>"""
APP = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">
<Template>Normal.dotm</Template><TotalTime>42</TotalTime><Application>Microsoft Office Word</Application>
<Company>ACME Shipping</Company><AppVersion>16.0000</AppVersion></Properties>"""
TYPES = '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'


def ooxml(core: str = CORE, app: str = APP) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", TYPES)
        zf.writestr("docProps/core.xml", core)
        zf.writestr("docProps/app.xml", app)
        zf.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


def filetime(day: int) -> int:
    """FILETIME of 2023-04-<day> 00:00:00 UTC, computed independently of the code under test."""
    return int(dt.datetime(2023, 4, day, tzinfo=dt.UTC).timestamp()) * 10_000_000 + 116444736000000000


def ole_doc() -> bytes:
    summary = build_property_set(SUMMARY_FMTID, {
        2: "Invoice 2023-117", 3: "Billing", 4: "Carol White", 5: "invoice", 6: "final", 7: "Normal.dot",
        8: "Dave Black", 9: "12", 10: ("filetime", 90 * 600_000_000), 11: ("filetime", filetime(4)),
        12: ("filetime", filetime(2)), 13: ("filetime", filetime(3)),
        18: "Microsoft Office Word"})
    doc_summary = build_property_set(uuid.UUID("d5cdd502-2e9c-101b-9397-08002b2cf9ae"), {15: "Harbour Ltd"})
    return build_cfb([("\x05SummaryInformation", summary), ("\x05DocumentSummaryInformation", doc_summary),
                      ("WordDocument", b"\0" * 600)])


def pdf(info: str = "/Title (Cargo manifest) /Author (Erin Gray) /Creator (Writer) /Producer (LibreOffice 7.5)"
        " /CreationDate (D:20230401102030+02'00') /ModDate (D:20230402080000Z)") -> bytes:
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>", f"<< {info} >>"]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info 4 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def test_inputs() -> None:
    assert selects(DocumentExtractor, f"{DOCS}/plan.docx")[0]
    assert selects(DocumentExtractor, "tmp/blob", b"%PDF-1.7\n")[0]
    assert not selects(DocumentExtractor, "tmp/archive.zip", b"PK\x03\x04")[0]


def test_ooxml_one_full_record() -> None:
    artifacts, warnings = run_extractor(DocumentExtractor, ooxml(), f"{DOCS}/plan.docx")
    assert warnings == []
    assert len(artifacts) == 1
    art = artifacts[0]
    assert (art.type, art.plugin, art.plugin_version) == ("document.metadata", "document.metadata", "1.1")
    assert art.data == {
        "format": "OOXML", "title": "Q3 shipment plan", "subject": "Logistics", "author": "Alice Smith",
        "last_saved_by": "Bob Jones", "keywords": "boat; harbour", "comments": "draft", "company": "ACME Shipping",
        "application": "Microsoft Office Word 16.0000", "producer": None, "template": "Normal.dotm",
        "revision": "7", "edit_time_minutes": 42, "created": "2023-04-01T10:20:30Z",
        "modified": "2023-04-02T11:22:33Z", "printed": "2023-04-03T09:00:00Z", "encrypted": False,
    }
    assert sorted(art.times) == [("Document created (metadata)", "2023-04-01T10:20:30Z"),
                                 ("Document last printed (metadata)", "2023-04-03T09:00:00Z"),
                                 ("Document last saved (metadata)", "2023-04-02T11:22:33Z")]


def test_ole_summary_information() -> None:
    versions: dict[str, str] = {}
    artifacts, warnings = run_extractor(DocumentExtractor, ole_doc(), f"{DOCS}/invoice.doc",
                                        library_versions=versions)
    assert warnings == [] and len(artifacts) == 1
    assert artifacts[0].data == {
        "format": "OLE", "title": "Invoice 2023-117", "subject": "Billing", "author": "Carol White",
        "last_saved_by": "Dave Black", "keywords": "invoice", "comments": "final", "company": "Harbour Ltd",
        "application": "Microsoft Office Word", "producer": None, "template": "Normal.dot", "revision": "12",
        "edit_time_minutes": 90, "created": "2023-04-02T00:00:00Z", "modified": "2023-04-03T00:00:00Z",
        "printed": "2023-04-04T00:00:00Z", "encrypted": False,
    }
    assert "libolecf-python" in versions


def test_pdf_info_dictionary() -> None:
    artifacts, warnings = run_extractor(DocumentExtractor, pdf(), f"{DOCS}/manifest.pdf")
    assert warnings == [] and len(artifacts) == 1
    assert artifacts[0].data == {
        "format": "PDF", "title": "Cargo manifest", "subject": None, "author": "Erin Gray",
        "last_saved_by": None, "keywords": None, "comments": None, "company": None, "application": "Writer",
        "producer": "LibreOffice 7.5", "template": None, "revision": None, "edit_time_minutes": None,
        "created": "2023-04-01T08:20:30Z", "modified": "2023-04-02T08:00:00Z", "printed": None,
        "encrypted": False,
    }


@pytest.mark.parametrize(("text", "expected"), [
    ("D:20230401102030+02'00'", "2023-04-01T08:20:30Z"), ("D:20230401102030-05'30", "2023-04-01T15:50:30Z"),
    ("D:20230401102030Z", "2023-04-01T10:20:30Z"),
    # no offset: the zone is unknown, so the time stays local text and never says UTC
    ("D:2023", "2023-01-01T00:00:00"), ("20230401", "2023-04-01T00:00:00"), ("garbage", None), ("", None)])
def test_pdf_dates(text: str, expected: str | None) -> None:
    assert pdf_time(text) == expected


def test_zip_bomb_member_is_refused_unread() -> None:
    bomb = ooxml(core=CORE.replace("<dc:title>", " " * (5 * 1024 * 1024) + "<dc:title>"))
    assert len(bomb) < 100_000
    artifacts, warnings = run_extractor(DocumentExtractor, bomb, f"{DOCS}/bomb.docx")
    assert any("declares" in w.message and "not read" in w.message for w in warnings)
    assert len(artifacts) == 1 and artifacts[0].data["author"] is None  # app.xml is still read
    assert artifacts[0].data["company"] == "ACME Shipping"


def test_xml_with_entities_is_refused() -> None:
    evil = CORE.replace('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
                        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]>')
    artifacts, warnings = run_extractor(DocumentExtractor, ooxml(core=evil), f"{DOCS}/evil.docx")
    assert len(warnings) == 1 and "DTD" in warnings[0].message


@pytest.mark.parametrize(("maker", "name"), [(ooxml, "plan.docx"), (ole_doc, "invoice.doc"), (pdf, "m.pdf")])
def test_truncated_documents_are_warnings(maker, name: str) -> None:  # type: ignore[no-untyped-def]
    data = maker()
    for cut in (len(data) // 2, 12):
        artifacts, warnings = run_extractor(DocumentExtractor, data[:cut], f"{DOCS}/{name}")
        assert warnings, f"{name} cut at {cut} gave no warning"
        assert all(w.kind == "warning" for w in warnings)
