"""Precision of the built-in content search, measured on labelled files (docs/content-search-precision.md).

Two sets:

* generated (always runs): OOXML documents built with zipfile (the real part names, content types and
  namespaces of a Word document), a Chrome-like SQLite history made with sqlite3, prose and a binary
  with planted e-mail addresses, URLs, IPv4 addresses, card and phone numbers among look-alikes, and
  random bytes. A hit is a true positive when it is one of the values planted in that file.
* third-party (the corpus, skipped without it): browser databases, registry hives, event logs, LNK,
  jump lists, prefetch, EXIF, PE and recycle-bin files under $FT_CORPUS/artifacts. Every (kind, value)
  found there was labelled by hand once, with a reason, in content_labels.json; a value without a label
  fails the test, so a change in what the search finds is labelled before it is counted.

Precision = TP / (TP + FP) over stored hits (the analyzer's own caps apply, as in a triage run).
Run with ``pytest -s`` to see the figures.
"""

from __future__ import annotations

import collections
import io
import json
import random
import sqlite3
import zipfile
from pathlib import Path

import pytest

from forensic_triage.content_search import TextScanner
from forensic_triage.model import ContentHit, FileResult, Locator
from forensic_triage.pipeline.analyzers import FileInfo
from forensic_triage.pipeline.filework import identify
from forensic_triage.scan.content_analyzer import ContentSearchAnalyzer

LABELS = json.loads((Path(__file__).with_name("content_labels.json")).read_text(encoding="utf-8"))
KINDS = ("email", "url", "ipv4", "card", "phone", "btc", "eth")


def search(data: bytes, name: str) -> list[ContentHit]:
    """The hits a triage run stores for a file of these bytes (type from its head, 1 MiB chunks)."""
    mime, magic = identify(data[:65536])
    info = FileInfo(1, Locator("EXH-1", 0, 5, path="/" + name), "EXH-1", "/" + name, name, "", len(data), False,
                    mime, magic, data[:65536])
    run = ContentSearchAnalyzer(TextScanner()).start(info)
    assert run is not None
    for i in range(0, len(data), 1 << 20):
        run.feed(i, data[i:i + (1 << 20)])
    result = FileResult(file_id=1)
    run.finish(result, True)
    return result.content_hits


class Tally:
    def __init__(self) -> None:
        self.tp: collections.Counter[str] = collections.Counter()
        self.fp: collections.Counter[str] = collections.Counter()
        self.false: list[tuple[str, str, str]] = []

    def add(self, kind: str, ok: bool, where: str, value: str) -> None:
        (self.tp if ok else self.fp)[kind] += 1
        if not ok:
            self.false.append((where, kind, value))

    def precision(self, kind: str | None = None) -> float:
        tp = sum(self.tp.values()) if kind is None else self.tp[kind]
        fp = sum(self.fp.values()) if kind is None else self.fp[kind]
        return tp / (tp + fp) if tp + fp else 1.0

    def report(self, title: str) -> str:
        rows = [f"{title}: overall precision {self.precision():.3f} "
                f"({sum(self.tp.values())} TP, {sum(self.fp.values())} FP)"]
        for kind in KINDS:
            if self.tp[kind] + self.fp[kind]:
                rows.append(f"  {kind:6} {self.precision(kind):.3f} ({self.tp[kind]} TP, {self.fp[kind]} FP)")
        return "\n".join(rows)


# ----------------------------------------------------------------------------- the generated set

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def docx(body: str, link: str, compress: int) -> bytes:
    """A Word document as Word writes its parts (content types, relationships, core/app properties)."""
    parts = {
        "[Content_Types].xml":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/'
            'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
            'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override '
            'PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.document.main+xml"/></Types>',
        "_rels/.rels":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId3" Type="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/'
            'core-properties" Target="docProps/core.xml"/><Relationship Id="rId1" Type="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
            '</Relationships>',
        "docProps/core.xml":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties xmlns:cp="http://schemas.'
            'openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>Q3</dc:title><dc:creator>M. Ramdin'
            '</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">2025-02-27T09:00:00Z</dcterms:created>'
            '</cp:coreProperties>',
        "docProps/app.xml":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.'
            'openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.'
            'org/officeDocument/2006/docPropsVTypes"><Template>Normal.dotm</Template><Application>Microsoft Office '
            'Word</Application><AppVersion>16.0000</AppVersion></Properties>',
        "word/_rels/document.xml.rels":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId5" Type="http://schemas.'
            f'openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="{link}" TargetMode="External"/>'
            '</Relationships>',
        "word/document.xml":
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W}" xmlns:r="{R}" '
            'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" xmlns:mc="http://schemas.openxmlformats'
            '.org/markup-compatibility/2006" mc:Ignorable="w14"><w:body><w:p><w:r><w:t xml:space="preserve">'
            f'{body}</w:t></w:r></w:p><w:sectPr/></w:body></w:document>',
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compress) as z:
        for name, text in parts.items():
            z.writestr(zipfile.ZipInfo(name, (2025, 2, 27, 9, 0, 0)), text)
    return out.getvalue()


def chrome_history(tmp: Path) -> tuple[bytes, set[tuple[str, str]]]:
    """A Chrome-like history (urls + downloads tables) written by SQLite itself: values back to back."""
    rng = random.Random(3)
    con = sqlite3.connect(tmp / "History")
    con.execute("CREATE TABLE urls (id INTEGER PRIMARY KEY, url LONGVARCHAR, title LONGVARCHAR, visit_count INTEGER,"
                " typed_count INTEGER, last_visit_time INTEGER, hidden INTEGER)")
    con.execute("CREATE TABLE downloads (id INTEGER PRIMARY KEY, guid VARCHAR, target_path LONGVARCHAR, "
                "referrer VARCHAR, tab_url VARCHAR, http_method VARCHAR, mime_type VARCHAR)")
    planted: set[tuple[str, str]] = set()
    words = ["Order", "Invoice", "Login", "Track", "Download", "Report", "eicar", "Home", "1", "2025"]
    with con:
        for i in range(300):
            host = rng.choice(["portal.example.com", "files.example.net", "shop.example.co.uk", "203.0.113.7",
                               "www.example.org", "secure.example.tt"])
            url = f"https://{host}/{rng.choice(words).lower()}/{i}-{rng.randrange(10**6)}"
            if i % 3 == 0:
                url += f"?q={rng.choice(words)}&n={i}"
            title = f"{rng.choice(words)} {i} - {host}"
            con.execute("INSERT INTO urls (url, title, visit_count, typed_count, last_visit_time, hidden) "
                        "VALUES (?, ?, ?, 0, ?, 0)", (url, title, i % 7, 13_300_000_000_000_000 + i))
            planted.add(("url", url))
            if host == "203.0.113.7":
                planted.add(("ipv4", host))
            if host.startswith("www."):
                planted.add(("url", host))  # the title names the host: a www. name in text is a finding too
        for i in range(40):
            ref = f"https://www.example.org/get/{i}/"
            con.execute("INSERT INTO downloads (guid, target_path, referrer, tab_url, http_method, mime_type) VALUES "
                        "(?, ?, ?, ?, 'GET', 'application/pdf')",
                        (f"{i:08x}-aaaa", f"C:\\Users\\jdoe\\Downloads\\file{i}.pdf", ref, ref + "page"))
            planted |= {("url", ref), ("url", ref + "page")}
    con.close()
    return (tmp / "History").read_bytes(), planted


PROSE_TRUE = {
    ("email", "m.ramdin@example.tt"), ("email", "ACCOUNTS@EXAMPLE.CO.UK"), ("email", "bob+orders@mail.example.net"),
    ("url", "https://portal.example.com/orders/2025-0227"), ("url", "http://203.0.113.5:8080/x.sh"),
    ("url", "www.example.org/wiki/Foo_(bar)"), ("url", "ftp://files.example.net/pub/a.zip"),
    ("ipv4", "198.51.100.23"), ("ipv4", "10.0.4.17"), ("ipv4", "203.0.113.5"),
    ("card", "4539148803436467"), ("card", "378282246310005"), ("phone", "+18685550123"), ("phone", "+12465550142"),
}
PROSE = (
    "Dear team,\nplease write to m.ramdin@example.tt or ACCOUNTS@EXAMPLE.CO.UK (copy bob+orders@mail.example.net).\n"
    "The order page is https://portal.example.com/orders/2025-0227. The loader came from "
    "\"http://203.0.113.5:8080/x.sh\"; see also (www.example.org/wiki/Foo_(bar)) and <ftp://files.example.net/pub/a.zip>.\n"
    "Hosts: 198.51.100.23, 10.0.4.17 and the C2 at 203.0.113.5. Card 4539 1488 0343 6467, amex 378282246310005.\n"
    "Call (868) 555-0123 or 1-246-555-0142.\n"
    # look-alikes that are not findings
    "Icons: icon@2x.png, logo@3x.jpg. Build version 10.0.19041.1 and v6.1.7601.0; OID 1.3.6.1.4.1.311.\n"
    "Kerberos: host/ws01.corp.example.com@CORP.EXAMPLE.COM and ws01.corp.example.com@CORP.EXAMPLE.COM.\n"
    "Glued: https://secure.eicar.org.com1 http://example.comOrder http://intranet/share\n"
    "Version 12.5.7.0 and SkypeApp_14.35.152.0_x64; card-like 4111 1111 1111 1111; 1234567890123456.\n"
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>\n'
    '<x xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns="http://ns.example.net/v1"/>\n'
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n'
)


def utf16_binary() -> tuple[bytes, set[tuple[str, str]]]:
    rng = random.Random(9)
    out = bytearray()
    planted = {("email", "alice@example.net"), ("url", "https://c2.example.net/beacon?id=7"), ("ipv4", "192.0.2.44")}
    for value in ("alice@example.net", "https://c2.example.net/beacon?id=7", "192.0.2.44"):
        out += rng.randbytes(3000) + b"\x00\x00" + value.encode("utf-16-le") + b"\x00\x00"
    return bytes(out + rng.randbytes(3000)), planted


def generated(tmp: Path) -> list[tuple[str, bytes, set[tuple[str, str]]]]:
    body = "Prepared by M. Ramdin (m.ramdin@example.tt), see https://portal.example.com/q3 for figures."
    truth = {("email", "m.ramdin@example.tt"), ("url", "https://portal.example.com/q3"),
             ("url", "https://drive.example.net/share/q3.xlsx")}
    history, history_truth = chrome_history(tmp)
    binary, binary_truth = utf16_binary()
    return [
        ("Q3 report (stored).docx", docx(body, "https://drive.example.net/share/q3.xlsx", zipfile.ZIP_STORED), truth),
        ("Q3 report.docx", docx(body, "https://drive.example.net/share/q3.xlsx", zipfile.ZIP_DEFLATED), truth),
        ("History", history, history_truth),
        ("notes.txt", PROSE.encode(), PROSE_TRUE),
        ("blob.bin", binary, binary_truth),
        ("random.bin", random.Random(11).randbytes(8 << 20), set()),
    ]


def test_precision_and_recall_on_generated_files(tmp_path: Path) -> None:
    tally = Tally()
    missed: list[tuple[str, str, str]] = []
    files = generated(tmp_path)
    for name, data, truth in files:
        hits = search(data, name)
        found = {(h.kind, h.value) for h in hits}
        for h in hits:
            tally.add(h.kind, (h.kind, h.value) in truth, name, h.value)
        # a deflated document hides its text: nothing planted there can be found, and nothing may be invented
        if not name.endswith(" report.docx"):
            missed += [(name, kind, value) for kind, value in sorted(truth - found)]
    planted = sum(len(truth) for name, _, truth in files if not name.endswith(" report.docx"))
    print("\n" + tally.report("generated set") + f"\n  recall of planted values {1 - len(missed) / planted:.3f}"
          f" ({planted - len(missed)} of {planted})")
    assert tally.false == [], tally.false
    assert missed == []
    assert sum(tally.tp.values()) > 300


# ----------------------------------------------------------------------------- the third-party set

def test_precision_on_labelled_third_party_files(corpus: Path) -> None:
    root = corpus / "artifacts"
    tally = Tally()
    unlabelled: list[tuple[str, str, str]] = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        where = str(path.relative_to(root))
        for h in search(path.read_bytes(), path.name):
            label = LABELS.get(h.kind, {}).get(h.value)
            if label is None:
                unlabelled.append((where, h.kind, h.value))
                continue
            tally.add(h.kind, bool(label[0]), where, h.value)
    assert unlabelled == [], "label these hits in tests/scan/content_labels.json first"
    print("\n" + tally.report("third-party corpus"))
    for where, kind, value in tally.false:
        print(f"  FP {kind} {value[:70]!r} in {where}: {LABELS[kind][value][1]}")
    assert tally.precision() >= 0.95
    assert tally.precision("url") >= 0.95 and tally.precision("email") >= 0.95
    # IPv4 too: version strings under numeric Amcache value names are versions, not addresses.
    assert tally.precision("ipv4") >= 0.95 and tally.tp["ipv4"] >= 19
    assert sum(tally.tp.values()) > 400  # the search still finds what these files hold


@pytest.mark.parametrize("kind", ["url", "email", "ipv4"])
def test_every_label_has_a_reason(kind: str) -> None:
    assert LABELS[kind]
    assert all(isinstance(ok, bool) and len(why) > 10 for ok, why in LABELS[kind].values())


def test_sample_case_content_hits_are_exact(tmp_path: Path) -> None:
    """The hits issue 11 found on the sample case ('...2025-0227Order', 'eicar.com1', namespace URIs) are gone:
    the Chrome history gives its stored URLs exactly, the Word document only its author's address."""
    from forensic_triage.cli.main import run

    assert run(["demo", str(tmp_path / "demo"), "--quiet"]) == 0
    with sqlite3.connect(tmp_path / "demo" / "case" / "case.sqlite") as conn:
        rows = conn.execute("SELECT f.path, h.kind, h.value FROM content_hits h JOIN files f ON f.id = h.file_id").fetchall()
    by_file: dict[str, set[tuple[str, str]]] = collections.defaultdict(set)
    for path, kind, value in rows:
        by_file[path.rsplit("/", 1)[-1]].add((kind, value))
    assert by_file["History"] == {
        ("url", "https://portal.example.com/orders/2025-0227"),
        ("url", "https://www.eicar.org/download-anti-malware-testfile/"),
        ("url", "https://files.example.net/billing/"),
        ("url", "https://files.example.net/billing/invoice.pdf"),
        ("url", "https://www.example.com/blog/remove-exif-metadata"),
        ("url", "https://www.google.com/search?q=how+to+remove+exif+data+from+photos"),
        ("url", "https://secure.eicar.org/eicar.com"),
    }
    assert by_file["Quarterly Report.docx"] == {("email", "john.doe@example.com")}
