"""Office and PDF document metadata: OOXML (docProps), OLE SummaryInformation, PDF Info dictionary.

OOXML packages are read with ``zipfile`` under size guards (a declared or real member size over
the cap is refused, so a zip bomb costs nothing) and the XML is refused when it carries a DTD or
entity declarations. OLE property sets come from libolecf-python, PDF Info from pypdf.
"""

from __future__ import annotations

import codecs
import dataclasses
import datetime as _dt
import logging
import re
import struct
import zipfile
from collections.abc import Iterator
from typing import Any, BinaryIO, ClassVar
from xml.etree import ElementTree

from forensic_triage.plugin_api import ExtractContext, Extractor, FileInfo, InputSpec, Record
from forensic_triage.timeutil import UTC, from_filetime, iso

MAX_XML = 4 * 1024 * 1024
MAX_ZIP_MEMBERS = 100_000
OOXML_NAMES = ("*.docx", "*.docm", "*.dotx", "*.dotm", "*.xlsx", "*.xlsm", "*.xltx", "*.xltm", "*.pptx",
               "*.pptm", "*.potx", "*.ppsx", "*.vsdx")
OLE_NAMES = ("*.doc", "*.dot", "*.xls", "*.xlt", "*.ppt", "*.pps", "*.pot", "*.msg", "*.vsd", "*.pub")
OLE_SIGNATURE = bytes.fromhex("d0cf11e0a1b11ae1")
NS = {"cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
      "dc": "http://purl.org/dc/elements/1.1/", "dcterms": "http://purl.org/dc/terms/",
      "ep": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"}


@dataclasses.dataclass(frozen=True)
class DocumentMetadata(Record):
    record_type: ClassVar[str] = "document.metadata"
    time_fields: ClassVar[dict[str, str]] = {
        "created": "Document created (metadata)",
        "modified": "Document last saved (metadata)",
        "printed": "Document last printed (metadata)",
    }

    format: str  # OOXML | OLE | PDF
    title: str | None = None
    subject: str | None = None
    author: str | None = None
    last_saved_by: str | None = None
    keywords: str | None = None
    comments: str | None = None
    company: str | None = None
    application: str | None = None  # OOXML Application + AppVersion, OLE AppName, PDF Creator
    producer: str | None = None  # PDF Producer
    template: str | None = None
    revision: str | None = None
    edit_time_minutes: int | None = None
    created: str | None = None
    modified: str | None = None
    printed: str | None = None
    encrypted: bool = False

    def summary(self) -> str:
        who = self.author or self.last_saved_by or "unknown author"
        return f"{self.format} document '{self.title or ''}' by {who}, saved {self.modified or 'unknown'}"


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    text = value.replace("\x00", "").strip()
    return text or None


def _w3c_time(text: str | None) -> str | None:
    if not text:
        return None
    try:
        value = _dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return iso(value if value.tzinfo else value.replace(tzinfo=UTC))  # Office writes UTC


# --- OOXML -----------------------------------------------------------------------------------------

def _safe_xml(zf: zipfile.ZipFile, info: zipfile.ZipInfo, ctx: ExtractContext) -> ElementTree.Element | None:
    if info.file_size > MAX_XML:
        ctx.warn(f"{info.filename} declares {info.file_size} bytes uncompressed (limit {MAX_XML}); not read.")
        return None
    with zf.open(info) as member:
        data = member.read(MAX_XML + 1)
    if len(data) > MAX_XML:
        ctx.warn(f"{info.filename} inflates past {MAX_XML} bytes (zip bomb?); not read.")
        return None
    if re.search(rb"<!(DOCTYPE|ENTITY)", data, re.IGNORECASE):
        ctx.warn(f"{info.filename} carries a DTD or entity declarations; refused as unsafe XML.")
        return None
    try:
        return ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        ctx.warn(f"{info.filename} is not well-formed XML ({exc}).")
        return None


def _find(root: ElementTree.Element | None, tag: str) -> str | None:
    if root is None:
        return None
    node = root.find(tag, NS)
    return _clean(node.text) if node is not None and node.text else None


def read_ooxml(stream: BinaryIO, ctx: ExtractContext) -> DocumentMetadata | None:
    try:
        zf = zipfile.ZipFile(stream)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        ctx.warn(f"Not a readable OOXML package (zip: {exc}).")
        return None
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_ZIP_MEMBERS:
            ctx.warn(f"OOXML package lists {len(infos)} members; refused (limit {MAX_ZIP_MEMBERS}).")
            return None
        members = {i.filename.lower(): i for i in infos}
        try:
            core = _safe_xml(zf, members["docprops/core.xml"], ctx) if "docprops/core.xml" in members else None
            app = _safe_xml(zf, members["docprops/app.xml"], ctx) if "docprops/app.xml" in members else None
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
            ctx.warn(f"OOXML package is damaged (zip: {exc}).")
            return None
    if core is None and app is None:
        if "[content_types].xml" not in members:
            ctx.warn("Zip file is not an OOXML document (no [Content_Types].xml).")
        return None
    application = " ".join(p for p in (_find(app, "ep:Application"), _find(app, "ep:AppVersion")) if p) or None
    total = _find(app, "ep:TotalTime")
    return DocumentMetadata(
        format="OOXML", title=_find(core, "dc:title"), subject=_find(core, "dc:subject"),
        author=_find(core, "dc:creator"), last_saved_by=_find(core, "cp:lastModifiedBy"),
        keywords=_find(core, "cp:keywords"), comments=_find(core, "dc:description"),
        company=_find(app, "ep:Company"), application=application, template=_find(app, "ep:Template"),
        revision=_find(core, "cp:revision"), edit_time_minutes=int(total) if total and total.isdigit() else None,
        created=_w3c_time(_find(core, "dcterms:created")), modified=_w3c_time(_find(core, "dcterms:modified")),
        printed=_w3c_time(_find(core, "cp:lastPrinted")),
    )


# --- OLE -------------------------------------------------------------------------------------------

def _properties(stream: Any) -> dict[int, Any]:
    """Property id -> decoded value of the first section of an OLE property set stream."""
    values: dict[int, Any] = {}
    prop_set = stream.get_set()
    if prop_set.number_of_sections < 1:
        return values
    raw = [(p.identifier, p.value_type, bytes(p.data or b"")) for p in prop_set.get_section(0).properties]
    codepage = 1252
    for ident, vtype, data in raw:
        if ident == 1 and vtype == 2 and len(data) >= 2:
            codepage = struct.unpack_from("<H", data)[0]
    try:
        codecs.lookup(f"cp{codepage}")
        encoding = f"cp{codepage}" if codepage not in (1200, 65001) else ("utf-16-le" if codepage == 1200 else "utf-8")
    except LookupError:
        encoding = "cp1252"
    for ident, vtype, data in raw:
        if vtype == 30:
            values[ident] = _clean(data.decode(encoding, "replace"))
        elif vtype == 31:
            values[ident] = _clean(data.decode("utf-16-le", "replace"))
        elif vtype == 64 and len(data) >= 8:
            values[ident] = struct.unpack_from("<Q", data)[0]
        elif vtype in (2, 3, 19) and len(data) >= 2:
            values[ident] = int.from_bytes(data[:4], "little", signed=vtype != 19)
    return values


def read_ole(stream: BinaryIO, ctx: ExtractContext) -> DocumentMetadata | None:
    import pyolecf

    ctx.uses_library("libolecf-python", str(pyolecf.get_version()))
    olecf = pyolecf.file()
    try:
        olecf.open_file_object(stream)
    except OSError as exc:
        ctx.warn(f"Not a readable OLE compound file (libolecf: {exc}).")
        return None
    try:
        root = olecf.root_item
        summary = root.get_sub_item_by_name("\x05SummaryInformation")
        extra = root.get_sub_item_by_name("\x05DocumentSummaryInformation")
        encrypted = root.get_sub_item_by_name("EncryptedPackage") is not None
        props = _properties(summary) if summary is not None else {}
        doc = _properties(extra) if extra is not None else {}
    except OSError as exc:
        ctx.warn(f"OLE property set is damaged (libolecf: {exc}).")
        return None
    finally:
        olecf.close()
    if not props and not doc and not encrypted:
        return None

    def text(ident: int, source: dict[int, Any] = props) -> str | None:
        value = source.get(ident)
        return value if isinstance(value, str) else None

    def when(ident: int) -> str | None:
        value = props.get(ident)
        return iso(from_filetime(value)) if isinstance(value, int) else None

    edit = props.get(10)
    revision = props.get(9)
    return DocumentMetadata(
        format="OLE", title=text(2), subject=text(3), author=text(4), keywords=text(5), comments=text(6),
        template=text(7), last_saved_by=text(8), revision=str(revision) if revision is not None else None,
        edit_time_minutes=edit // 600_000_000 if isinstance(edit, int) else None,
        created=when(12), modified=when(13), printed=when(11), application=text(18),
        company=text(15, doc), encrypted=encrypted,
    )


# --- PDF -------------------------------------------------------------------------------------------

_PDF_DATE = re.compile(r"D?:?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?\s*([Zz+\-])?(\d{2})?'?(\d{2})?")


def pdf_time(text: str | None) -> str | None:
    """A PDF date (``D:YYYYMMDDHHmmSSOHH'mm'``) as ISO UTC when it carries ``Z`` or an offset;
    without either the PDF specification leaves the zone unknown, so the time is returned as
    naive local text (no ``Z``): it is never presented as UTC (see timeutil's time basis)."""
    match = _PDF_DATE.match(text.strip()) if text else None
    if not match:
        return None
    year, month, day, hour, minute, second, sign, off_h, off_m = match.groups()
    try:
        value = _dt.datetime(int(year), int(month or 1), int(day or 1), int(hour or 0), int(minute or 0),
                             int(second or 0))
    except ValueError:
        return None
    if sign in ("+", "-"):
        offset = _dt.timedelta(hours=int(off_h or 0), minutes=int(off_m or 0))
        return iso((value - (offset if sign == "+" else -offset)).replace(tzinfo=UTC))
    if sign in ("Z", "z"):
        return iso(value.replace(tzinfo=UTC))
    return value.isoformat()


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def read_pdf(stream: BinaryIO, ctx: ExtractContext) -> DocumentMetadata | None:
    import pypdf

    ctx.uses_library("pypdf", pypdf.__version__)
    logger = logging.getLogger("pypdf")
    collect = _Collect()
    logger.addHandler(collect)
    propagate, logger.propagate = logger.propagate, False
    try:
        reader = pypdf.PdfReader(stream, strict=False)
        encrypted = bool(reader.is_encrypted)
        if encrypted:
            try:
                reader.decrypt("")
            except Exception:  # noqa: BLE001 - wrong password or unsupported algorithm
                return DocumentMetadata(format="PDF", encrypted=True)
        info: Any = reader.metadata or {}
        fields = {key: _clean(str(info.get(key))) if info.get(key) is not None else None
                  for key in ("/Title", "/Subject", "/Author", "/Keywords", "/Creator", "/Producer",
                              "/CreationDate", "/ModDate")}
    except Exception as exc:  # noqa: BLE001 - pypdf raises many types on hostile input
        ctx.warn(f"PDF is damaged ({type(exc).__name__}: {exc}).")
        return None
    finally:
        logger.removeHandler(collect)
        logger.propagate = propagate
    if collect.messages:
        ctx.warn("PDF structure had to be repaired while reading: " + "; ".join(collect.messages[:3]))
    return DocumentMetadata(
        format="PDF", title=fields["/Title"], subject=fields["/Subject"], author=fields["/Author"],
        keywords=fields["/Keywords"], application=fields["/Creator"], producer=fields["/Producer"],
        created=pdf_time(fields["/CreationDate"]), modified=pdf_time(fields["/ModDate"]), encrypted=encrypted,
    )


class DocumentExtractor(Extractor):
    name = "document.metadata"
    version = "1.1"
    description = "Office (OOXML, OLE) and PDF metadata: author, last saved by, created/modified/printed, title"
    references = ("https://learn.microsoft.com/en-us/openspecs/office_standards/ms-oshared/",
                  "https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-oleps/",
                  "https://pypdf.readthedocs.io/en/stable/user/metadata.html")
    inputs = InputSpec(names=(*OOXML_NAMES, *OLE_NAMES, "*.pdf"), signatures=(b"%PDF-", OLE_SIGNATURE))
    record_types = (DocumentMetadata,)

    def extract(self, ctx: ExtractContext, stream: BinaryIO, file_info: FileInfo) -> Iterator[Record]:
        head = stream.read(8)
        stream.seek(0)
        if head.startswith(b"%PDF-") or (file_info.name.lower().endswith(".pdf") and b"%PDF-" in
                                         stream.read(1024)):
            stream.seek(0)
            record = read_pdf(stream, ctx)
        elif head.startswith(OLE_SIGNATURE):
            record = read_ole(stream, ctx)
        elif head.startswith(b"PK\x03\x04"):
            record = read_ooxml(stream, ctx)
        else:
            ctx.warn("Not an Office or PDF document: no OLE, zip or PDF signature.")
            record = None
        if record is not None:
            yield record


EXTRACTORS = (DocumentExtractor,)
