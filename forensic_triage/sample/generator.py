"""Built-in sample evidence: a small, realistic and byte-for-byte reproducible disk image.

:func:`build_sample_image` writes a 16 MiB raw disk image with an MBR partition table and
one FAT16 file system holding a Windows-like user profile. Everything is produced here with
the standard library only (no root, no mount, no system tools, no third-party packages), so
it runs the same on Linux, macOS and Windows, and two runs give the same SHA-256.

What is inside (times are local FAT times of a fictional laptop in UTC-04:00, 2025-02-27):

* ``Users/jdoe/Documents``: a text file with an e-mail address, a URL, a Luhn-valid *test*
  card number and a Caribbean phone number; a CSV; a real minimal OOXML ``.docx``; a small
  hand-written PDF; and a **deleted** ``deleted_plan.txt`` (0xE5 in its 8.3 and long-name
  entries, FAT chain freed, clusters intact: The Sleuth Kit recovers it).
* ``Users/jdoe/Pictures``: a baseline JPEG with an EXIF APP1 segment (Make, Model,
  DateTimeOriginal, GPS latitude/longitude) and a PNG.
* ``Users/jdoe/Downloads``: ``invoice.pdf`` that is really a PNG (the extension lies) and
  the harmless EICAR anti-virus test file.
* ``Users/jdoe/AppData/Local/Google/Chrome/User Data/Default/History``: a real SQLite
  database with Chrome's schema (``urls``, ``visits``, ``downloads``,
  ``keyword_search_terms``...) and WebKit timestamps; it is stored in two fragments.
* ``Windows/WIN.INI`` (a plain 8.3 name, no long name) and an empty ``Windows/Prefetch``.

Reproducibility: fixed times, volume serial and disk signature; compressed streams (PNG
IDAT) use *stored* deflate blocks and the OOXML zip stores its members, so the bytes do not
depend on the zlib build; the SQLite header fields that name the library version and count
writes are normalised after the database is built.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import hashlib
import io
import sqlite3
import struct
import tempfile
import zipfile
import zlib
from pathlib import Path
from typing import Any

__all__ = ["build_sample_image", "chrome_history_bytes", "SAMPLE_IMAGE_SIZE"]

SECTOR = 512
SAMPLE_IMAGE_SIZE = 16 * 1024 * 1024
PART_START = 2048  # sectors: the first partition starts at 1 MiB
PART_SECTORS = SAMPLE_IMAGE_SIZE // SECTOR - PART_START
PART_TYPE = 0x0E  # FAT16 (LBA)
DISK_SIGNATURE = 0x4A444F45  # "EODJ" on disk
VOLUME_SERIAL = 0x2C7A_19E3
VOLUME_LABEL = "JDOE-LAPTOP"
OEM_NAME = b"MSDOS5.0"
SECTORS_PER_CLUSTER = 4  # 2 KiB clusters
RESERVED_SECTORS = 4
NUM_FATS = 2
ROOT_ENTRIES = 512
UTC_OFFSET = _dt.timedelta(hours=-4)  # America/Port_of_Spain, no daylight saving time
TIMEZONE = "America/Port_of_Spain (UTC-04:00)"
SOURCE_ZONE = "America/Port_of_Spain"  # the zone the sample laptop's clock was set to (its FAT times are local)

ATTR_READ_ONLY, ATTR_HIDDEN, ATTR_SYSTEM, ATTR_VOLUME, ATTR_DIR, ATTR_ARCHIVE = 1, 2, 4, 8, 0x10, 0x20
ATTR_LFN = 0x0F

# SQLite header fields normalised after the build (see _normalise_sqlite).
_SQLITE_VERSION_NUMBER = 3_045_001


def _t(text: str) -> _dt.datetime:
    return _dt.datetime.strptime(text, "%Y-%m-%d %H:%M:%S")


# --------------------------------------------------------------------------- small formats


def zlib_stored(data: bytes) -> bytes:
    """A zlib stream made of stored (uncompressed) deflate blocks: identical on every zlib."""
    out = bytearray(b"\x78\x01")
    pos = 0
    while True:
        block = data[pos: pos + 0xFFFF]
        pos += len(block)
        final = pos >= len(data)
        out += bytes([1 if final else 0]) + struct.pack("<HH", len(block), len(block) ^ 0xFFFF) + block
        if final:
            break
    out += struct.pack(">I", zlib.adler32(data))
    return bytes(out)


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def make_png(width: int, height: int, pixel: Any, text: dict[str, str] | None = None) -> bytes:
    """An 8-bit RGB PNG; ``pixel(x, y)`` returns an (r, g, b) tuple."""
    raw = bytearray()
    for y in range(height):
        raw.append(0)  # filter type None
        for x in range(width):
            raw += bytes(pixel(x, y))
    chunks = [_png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))]
    for key, value in (text or {}).items():
        chunks.append(_png_chunk(b"tEXt", key.encode("latin-1") + b"\0" + value.encode("latin-1")))
    chunks.append(_png_chunk(b"IDAT", zlib_stored(bytes(raw))))
    chunks.append(_png_chunk(b"IEND", b""))
    return b"\x89PNG\r\n\x1a\n" + b"".join(chunks)


def _screenshot_pixel(x: int, y: int) -> tuple[int, int, int]:
    # A window on a desktop: blue title bar, white page with lines of "text".
    if x < 8 or x >= 120 or y < 6 or y >= 66:
        return (0, 90, 158)  # desktop background
    if y < 14:
        return (255, 255, 255) if 110 <= x < 116 and 8 <= y < 12 else (32, 32, 96)
    if (y - 18) % 6 < 2 and 14 <= x < 14 + (37 * (y + 3)) % 90:
        return (40, 40, 40)
    return (250, 250, 250)


def _invoice_pixel(x: int, y: int) -> tuple[int, int, int]:
    # A scanned invoice: white page, grey lines and a red "PAID" stamp.
    if 38 <= x < 58 and 52 <= y < 62:
        return (200, 30, 30)
    if 6 <= x < 58 and y % 8 == 4 and y < 48:
        return (150, 150, 150)
    return (255, 255, 255)


# JPEG --------------------------------------------------------------------------------------

_Q_LUMA = [16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56,
           14, 17, 22, 29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92,
           49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99]
_Q_CHROMA = ([17, 18, 24, 47] + [99] * 4 + [18, 21, 26, 66] + [99] * 4 + [24, 26, 56] + [99] * 5
             + [47, 66] + [99] * 6 + [99] * 32)

# The 24 patches of a colour checker chart (sRGB), 6 columns x 4 rows.
_CHART = [
    (115, 82, 68), (194, 150, 130), (98, 122, 157), (87, 108, 67), (133, 128, 177), (103, 189, 170),
    (214, 126, 44), (80, 91, 166), (193, 90, 99), (94, 60, 108), (157, 188, 64), (224, 163, 46),
    (56, 61, 150), (70, 148, 73), (175, 54, 60), (231, 199, 31), (187, 86, 149), (8, 133, 161),
    (243, 243, 242), (200, 200, 200), (160, 160, 160), (122, 122, 121), (85, 85, 85), (52, 52, 52),
]


def _zigzag() -> list[int]:
    order: list[int] = []
    for s in range(15):
        rows = range(max(0, s - 7), min(s, 7) + 1)
        for r in (rows if s % 2 else reversed(rows)):
            order.append(r * 8 + (s - r))
    return order


def _scaled_table(table: list[int], quality: int = 90) -> list[int]:
    scale = 200 - 2 * quality
    return [min(255, max(1, (q * scale + 50) // 100)) for q in table]


class _BitWriter:
    def __init__(self) -> None:
        self.out = bytearray()
        self.acc = 0
        self.n = 0

    def write(self, value: int, length: int) -> None:
        self.acc = (self.acc << length) | (value & ((1 << length) - 1))
        self.n += length
        while self.n >= 8:
            self.n -= 8
            byte = (self.acc >> self.n) & 0xFF
            self.out.append(byte)
            if byte == 0xFF:
                self.out.append(0)  # byte stuffing
        self.acc &= (1 << self.n) - 1

    def flush(self) -> bytes:
        if self.n:
            self.write((1 << (8 - self.n)) - 1, 8 - self.n)  # pad with 1 bits
        return bytes(self.out)


def _segment(marker: int, body: bytes) -> bytes:
    return struct.pack(">HH", 0xFF00 | marker, len(body) + 2) + body


# TIFF/EXIF types
_BYTE, _ASCII, _SHORT, _LONG, _RATIONAL, _UNDEFINED = 1, 2, 3, 4, 5, 7
_TYPE_SIZE = {_BYTE: 1, _ASCII: 1, _SHORT: 2, _LONG: 4, _RATIONAL: 8, _UNDEFINED: 1}


def _tiff_value(kind: int, value: Any) -> tuple[int, bytes]:
    if kind == _ASCII:
        raw = value.encode("ascii") + b"\0"
        return len(raw), raw
    if kind == _UNDEFINED:
        return len(value), bytes(value)
    values = value if isinstance(value, list) else [value]
    if kind == _BYTE:
        return len(values), bytes(values)
    if kind == _SHORT:
        return len(values), b"".join(struct.pack("<H", v) for v in values)
    if kind == _LONG:
        return len(values), b"".join(struct.pack("<I", v) for v in values)
    if kind == _RATIONAL:
        return len(values), b"".join(struct.pack("<II", n, d) for n, d in values)
    raise ValueError(kind)


def _tiff_ifd(entries: list[tuple[int, int, Any]], start: int) -> bytes:
    """One little-endian IFD placed at ``start`` (TIFF offset), followed by its value area."""
    entries = sorted(entries)
    head = bytearray(struct.pack("<H", len(entries)))
    data = bytearray()
    data_start = start + 2 + 12 * len(entries) + 4
    for tag, kind, value in entries:
        count, raw = _tiff_value(kind, value)
        if len(raw) <= 4:
            head += struct.pack("<HHI", tag, kind, count) + raw.ljust(4, b"\0")
        else:
            if (data_start + len(data)) % 2:
                data.append(0)
            head += struct.pack("<HHII", tag, kind, count, data_start + len(data))
            data += raw
    head += struct.pack("<I", 0)  # no next IFD
    return bytes(head + data)


def _dms(value: float) -> list[tuple[int, int]]:
    value = abs(value)
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    centi_seconds = round(((value - degrees) * 60 - minutes) * 60 * 100)
    return [(degrees, 1), (minutes, 1), (centi_seconds, 100)]


def make_exif(make: str, model: str, taken: _dt.datetime, lat: float, lon: float, width: int,
              height: int, offset: str = "-04:00") -> bytes:
    """An APP1 Exif payload (``Exif\\0\\0`` + little-endian TIFF) with IFD0, Exif and GPS IFDs."""
    stamp = taken.strftime("%Y:%m:%d %H:%M:%S")
    utc = taken - UTC_OFFSET
    ifd0_entries: list[tuple[int, int, Any]] = [
        (0x010F, _ASCII, make), (0x0110, _ASCII, model), (0x0112, _SHORT, 1),
        (0x011A, _RATIONAL, (72, 1)), (0x011B, _RATIONAL, (72, 1)), (0x0128, _SHORT, 2),
        (0x0132, _ASCII, stamp), (0x0213, _SHORT, 2),
    ]
    exif_entries: list[tuple[int, int, Any]] = [
        (0x829A, _RATIONAL, (1, 125)), (0x829D, _RATIONAL, (56, 10)), (0x8827, _SHORT, 200),
        (0x9000, _UNDEFINED, b"0231"), (0x9003, _ASCII, stamp), (0x9004, _ASCII, stamp),
        (0x9010, _ASCII, offset), (0x9011, _ASCII, offset), (0xA001, _SHORT, 1),
        (0xA002, _SHORT, width), (0xA003, _SHORT, height),
    ]
    gps_entries: list[tuple[int, int, Any]] = [
        (0x0000, _BYTE, [2, 3, 0, 0]), (0x0001, _ASCII, "N" if lat >= 0 else "S"), (0x0002, _RATIONAL, _dms(lat)),
        (0x0003, _ASCII, "E" if lon >= 0 else "W"), (0x0004, _RATIONAL, _dms(lon)), (0x0005, _BYTE, 0),
        (0x0006, _RATIONAL, (12, 1)),
        (0x0007, _RATIONAL, [(utc.hour, 1), (utc.minute, 1), (utc.second, 1)]),
        (0x001D, _ASCII, utc.strftime("%Y:%m:%d")),
    ]
    # IFD0 size does not depend on the pointer values: build once to measure, then for real.
    probe = _tiff_ifd(ifd0_entries + [(0x8769, _LONG, 0), (0x8825, _LONG, 0)], 8)
    exif_at = 8 + len(probe)
    exif_ifd = _tiff_ifd(exif_entries, exif_at)
    gps_at = exif_at + len(exif_ifd)
    gps_at += gps_at % 2
    exif_ifd = exif_ifd.ljust(gps_at - exif_at, b"\0")
    gps_ifd = _tiff_ifd(gps_entries, gps_at)
    ifd0 = _tiff_ifd(ifd0_entries + [(0x8769, _LONG, exif_at), (0x8825, _LONG, gps_at)], 8)
    tiff = b"II*\0" + struct.pack("<I", 8) + ifd0 + exif_ifd + gps_ifd
    return b"Exif\0\0" + tiff


def make_jpeg(exif: bytes | None, patch: int = 16) -> tuple[bytes, int, int]:
    """A baseline (SOF0) YCbCr 4:4:4 JPEG of a colour checker chart: (bytes, width, height).

    Each 8x8 block is one flat colour, so only DC coefficients are non-zero and the encoder
    needs integer arithmetic only (no floating-point DCT: identical on every platform). The
    Huffman tables are valid fixed-length tables (4-bit DC codes, 8-bit AC codes).
    """
    cols, rows = 6, 4
    width, height = cols * patch, rows * patch
    q_luma, q_chroma = _scaled_table(_Q_LUMA), _scaled_table(_Q_CHROMA)
    zigzag = _zigzag()
    dqt = (b"\x00" + bytes(q_luma[i] for i in zigzag)) + (b"\x01" + bytes(q_chroma[i] for i in zigzag))
    sof = struct.pack(">BHHB", 8, height, width, 3) + bytes([1, 0x11, 0, 2, 0x11, 1, 3, 0x11, 1])
    dc_symbols = list(range(12))
    ac_symbols = [0x00, 0xF0] + [(run << 4) | size for run in range(16) for size in range(1, 11)]
    dht = (b"\x00" + bytes([0, 0, 0, 12] + [0] * 12) + bytes(dc_symbols)
           + b"\x10" + bytes([0] * 7 + [len(ac_symbols)] + [0] * 8) + bytes(ac_symbols))
    sos = bytes([3, 1, 0x00, 2, 0x00, 3, 0x00, 0, 63, 0])
    eob_code = ac_symbols.index(0x00)

    bits = _BitWriter()
    pred = [0, 0, 0]
    for by in range(height // 8):
        for bx in range(width // 8):
            r, g, b = _CHART[(by * 8 // patch) * cols + (bx * 8 // patch)]
            y = (77 * r + 150 * g + 29 * b + 128) >> 8
            cb = ((-43 * r - 85 * g + 128 * b + 128) >> 8) + 128
            cr = ((128 * r - 107 * g - 21 * b + 128) >> 8) + 128
            for comp, (value, q) in enumerate(((y, q_luma[0]), (cb, q_chroma[0]), (cr, q_chroma[0]))):
                value = min(255, max(0, value))
                coeff = 8 * (value - 128)
                quant = (coeff + q // 2) // q if coeff >= 0 else -((-coeff + q // 2) // q)
                diff = quant - pred[comp]
                pred[comp] = quant
                size = abs(diff).bit_length()
                bits.write(size, 4)  # DC code: category index, 4 bits
                if size:
                    bits.write(diff if diff > 0 else diff + (1 << size) - 1, size)
                bits.write(eob_code, 8)  # all AC coefficients zero
    scan = bits.flush()
    parts = [b"\xff\xd8"]
    if exif:
        parts.append(_segment(0xE1, exif))
    parts += [_segment(0xDB, dqt), _segment(0xC0, sof), _segment(0xC4, dht), _segment(0xDA, sos), scan, b"\xff\xd9"]
    return b"".join(parts), width, height


# OOXML, PDF, text -------------------------------------------------------------------------------


def make_docx(title: str, paragraphs: list[str], author: str, created_utc: str, modified_utc: str,
              stamp: tuple[int, int, int, int, int, int]) -> bytes:
    """A minimal but valid WordprocessingML package (members stored, fixed times)."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    xml = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
    body = "".join(f"<w:p><w:r><w:t xml:space=\"preserve\">{p}</w:t></w:r></w:p>" for p in [title, *paragraphs])
    members = [
        ("[Content_Types].xml", xml + (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.wordprocessingml.document.main+xml"/>'
            '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.'
            'core-properties+xml"/>'
            '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.extended-properties+xml"/></Types>')),
        ("_rels/.rels", xml + (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'extended-properties" Target="docProps/app.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/'
            'core-properties" Target="docProps/core.xml"/>'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'officeDocument" Target="word/document.xml"/></Relationships>')),
        ("word/document.xml", xml + f'<w:document xmlns:w="{w}"><w:body>{body}<w:sectPr/></w:body></w:document>'),
        ("docProps/core.xml", xml + (
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"<dc:title>{title}</dc:title><dc:creator>{author}</dc:creator>"
            "<cp:lastModifiedBy>jdoe</cp:lastModifiedBy><cp:revision>3</cp:revision>"
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{created_utc}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{modified_utc}</dcterms:modified>'
            "</cp:coreProperties>")),
        ("docProps/app.xml", xml + (
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
            "<Template>Normal.dotm</Template><TotalTime>14</TotalTime><Pages>1</Pages>"
            "<Application>Microsoft Office Word</Application><Company>Example Trading Ltd</Company>"
            "<AppVersion>16.0000</AppVersion></Properties>")),
    ]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_STORED) as zf:
        for name, text in members:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_STORED
            info.create_system = 0  # MS-DOS/Windows, whatever the host
            info.create_version = 20
            info.external_attr = 0
            zf.writestr(info, text.encode("utf-8"))
    return buf.getvalue()


def _pdf_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def make_pdf(title: str, lines: list[str], author: str, created: str) -> bytes:
    """A one-page PDF 1.4 with a correct cross-reference table and an Info dictionary."""
    content = ["BT", "/F1 16 Tf", "72 720 Td", f"({_pdf_escape(title)}) Tj", "/F1 11 Tf"]
    for line in lines:
        content += ["0 -18 Td", f"({_pdf_escape(line)}) Tj"]
    content.append("ET")
    stream = ("\n".join(content) + "\n").encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> "
        b"/Contents 4 0 R >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"endstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        (f"<< /Title ({_pdf_escape(title)}) /Author ({author}) /Creator (Microsoft Word) "
         f"/Producer (Microsoft: Print To PDF) /CreationDate ({created}) /ModDate ({created}) >>").encode("latin-1"),
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref_at = len(out)
    out += f"xref\n0 {len(objects) + 1}\n".encode() + b"0000000000 65535 f \n"
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    file_id = hashlib.md5(bytes(out), usedforsecurity=False).hexdigest().upper()
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info 6 0 R /ID [<{file_id}> <{file_id}>] >>\n"
            f"startxref\n{xref_at}\n%%EOF\n").encode()
    return bytes(out)


def eicar_bytes() -> bytes:
    """The standard 68-byte EICAR anti-virus test string (harmless by design).

    Assembled at run time so that no source or byte-code file of this package contains it
    whole (some scanners are stricter than the EICAR convention of "at the start of a file").
    """
    return b"".join([b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$", b"EICAR-STANDARD-ANTIVIRUS", b"-TEST-FILE!$H+H*"])


def _crlf(text: str) -> bytes:
    return text.replace("\n", "\r\n").encode("utf-8")


# Chrome History ------------------------------------------------------------------------------

WEBKIT_EPOCH = _dt.datetime(1601, 1, 1)


def webkit_time(local: _dt.datetime) -> int:
    """Chrome/WebKit time: microseconds since 1601-01-01 UTC, from a local sample time."""
    delta = (local - UTC_OFFSET) - WEBKIT_EPOCH
    return (delta.days * 86400 + delta.seconds) * 1_000_000 + delta.microseconds


_CHROME_SCHEMA = """
CREATE TABLE meta(key LONGVARCHAR NOT NULL UNIQUE PRIMARY KEY, value LONGVARCHAR);
CREATE TABLE urls(id INTEGER PRIMARY KEY AUTOINCREMENT,url LONGVARCHAR,title LONGVARCHAR,visit_count INTEGER DEFAULT 0 NOT NULL,typed_count INTEGER DEFAULT 0 NOT NULL,last_visit_time INTEGER NOT NULL,hidden INTEGER DEFAULT 0 NOT NULL);
CREATE TABLE visits(id INTEGER PRIMARY KEY AUTOINCREMENT,url INTEGER NOT NULL,visit_time INTEGER NOT NULL,from_visit INTEGER,external_referrer_url TEXT,transition INTEGER DEFAULT 0 NOT NULL,segment_id INTEGER,visit_duration INTEGER DEFAULT 0 NOT NULL,incremented_omnibox_typed_score BOOLEAN DEFAULT FALSE NOT NULL,opener_visit INTEGER,originator_cache_guid TEXT,originator_visit_id INTEGER,originator_from_visit INTEGER,originator_opener_visit INTEGER,is_known_to_sync BOOLEAN DEFAULT FALSE NOT NULL,consider_for_ntp_most_visited BOOLEAN DEFAULT FALSE NOT NULL,visited_link_id INTEGER DEFAULT 0 NOT NULL,app_id TEXT);
CREATE TABLE visit_source(id INTEGER PRIMARY KEY,source INTEGER NOT NULL);
CREATE INDEX visits_url_index ON visits (url);
CREATE INDEX visits_from_index ON visits (from_visit);
CREATE INDEX visits_time_index ON visits (visit_time);
CREATE TABLE keyword_search_terms (keyword_id INTEGER NOT NULL,url_id INTEGER NOT NULL,term LONGVARCHAR NOT NULL,normalized_term LONGVARCHAR NOT NULL);
CREATE INDEX keyword_search_terms_index1 ON keyword_search_terms (keyword_id,normalized_term);
CREATE INDEX keyword_search_terms_index2 ON keyword_search_terms (url_id);
CREATE INDEX keyword_search_terms_index3 ON keyword_search_terms (term);
CREATE TABLE downloads (id INTEGER PRIMARY KEY,guid VARCHAR NOT NULL,current_path LONGVARCHAR NOT NULL,target_path LONGVARCHAR NOT NULL,start_time INTEGER NOT NULL,received_bytes INTEGER NOT NULL,total_bytes INTEGER NOT NULL,state INTEGER NOT NULL,danger_type INTEGER NOT NULL,interrupt_reason INTEGER NOT NULL,hash BLOB NOT NULL,end_time INTEGER NOT NULL,opened INTEGER NOT NULL,last_access_time INTEGER NOT NULL,transient INTEGER NOT NULL,referrer VARCHAR NOT NULL,site_url VARCHAR NOT NULL,embedder_download_data VARCHAR NOT NULL,tab_url VARCHAR NOT NULL,tab_referrer_url VARCHAR NOT NULL,http_method VARCHAR NOT NULL,by_ext_id VARCHAR NOT NULL,by_ext_name VARCHAR NOT NULL,by_web_app_id VARCHAR NOT NULL,etag VARCHAR NOT NULL,last_modified VARCHAR NOT NULL,mime_type VARCHAR(255) NOT NULL,original_mime_type VARCHAR(255) NOT NULL);
CREATE TABLE downloads_url_chains (id INTEGER NOT NULL,chain_index INTEGER NOT NULL,url LONGVARCHAR NOT NULL, PRIMARY KEY (id, chain_index) );
CREATE TABLE downloads_slices (download_id INTEGER NOT NULL,offset INTEGER NOT NULL,received_bytes INTEGER NOT NULL,finished INTEGER NOT NULL DEFAULT 0,PRIMARY KEY (download_id, offset) );
CREATE TABLE segments (id INTEGER PRIMARY KEY,name VARCHAR,url_id INTEGER NON NULL);
CREATE INDEX segments_name ON segments(name);
CREATE INDEX segments_url_id ON segments(url_id);
CREATE TABLE segment_usage (id INTEGER PRIMARY KEY,segment_id INTEGER NOT NULL,time_slot INTEGER NOT NULL,visit_count INTEGER DEFAULT 0 NOT NULL);
CREATE INDEX segment_usage_time_slot_segment_id ON segment_usage(time_slot, segment_id);
CREATE INDEX segments_usage_seg_id ON segment_usage(segment_id);
"""

# transition = core type | qualifiers (CHAIN_START 0x10000000 | CHAIN_END 0x20000000, FROM_ADDRESS_BAR 0x02000000)
_LINK, _TYPED, _GENERATED = 0x30000000, 0x32000001, 0x32000005

# (url, title, local visit time, transition, from_visit, duration seconds)
CHROME_VISITS = [
    ("https://www.google.com/search?q=how+to+remove+exif+data+from+photos",
     "how to remove exif data from photos - Google Search", "2025-02-27 10:40:12", _GENERATED, 0, 45),
    ("https://www.example.com/blog/remove-exif-metadata", "How to remove EXIF metadata from photos",
     "2025-02-27 10:41:03", _LINK, 1, 220),
    ("https://files.example.net/billing/", "Billing portal - Example Files", "2025-02-27 10:46:50", _TYPED, 0, 30),
    ("https://www.eicar.org/download-anti-malware-testfile/", "Download Anti Malware Testfile - EICAR",
     "2025-02-27 10:52:20", _TYPED, 0, 25),
    ("https://portal.example.com/orders/2025-0227", "Order 2025-0227 - Example Portal", "2025-02-27 11:10:00",
     _TYPED, 0, 120),
]


def chrome_history_bytes(downloads: list[dict[str, Any]] | None = None) -> bytes:
    """A Chrome ``History`` SQLite database with a few rows, byte-for-byte reproducible.

    ``downloads`` rows: dicts with ``target_path``, ``url``, ``referrer``, ``tab_url``,
    ``start`` / ``end`` (local sample datetimes), ``size``, ``mime_type``.

    Built in a private temporary folder with ``journal_mode=DELETE`` and a fixed page size,
    then copied out with ``VACUUM INTO`` (a compact file, no free-list garbage). The header
    fields that record the writing library's version and the change counters are set to
    fixed values afterwards, so the result does not depend on the SQLite build either.
    """
    with tempfile.TemporaryDirectory(prefix="ft-sample-") as tmp:
        work, final = Path(tmp) / "History.build", Path(tmp) / "History"
        conn = sqlite3.connect(work, isolation_level=None)
        try:
            conn.execute("PRAGMA page_size=4096")
            conn.execute("PRAGMA journal_mode=DELETE")
            conn.execute("PRAGMA encoding='UTF-8'")
            conn.execute("BEGIN")
            for statement in filter(None, (s.strip() for s in _CHROME_SCHEMA.split(";"))):
                conn.execute(statement)
            meta = [("mmap_status", "-1"), ("version", "70"), ("last_compatible_version", "16"),
                    ("early_expiration_threshold", str(webkit_time(_t("2025-01-27 00:00:00"))))]
            conn.executemany("INSERT INTO meta(key, value) VALUES (?, ?)", meta)
            for number, (url, title, when, transition, from_visit, duration) in enumerate(CHROME_VISITS, 1):
                stamp = webkit_time(_t(when))
                conn.execute("INSERT INTO urls(id, url, title, visit_count, typed_count, last_visit_time, hidden)"
                             " VALUES (?,?,?,?,?,?,0)",
                             (number, url, title, 1, 1 if transition == _TYPED else 0, stamp))
                conn.execute("INSERT INTO visits(id, url, visit_time, from_visit, transition, segment_id,"
                              " visit_duration) VALUES (?,?,?,?,?,?,?)",
                              (number, number, stamp, from_visit, transition, 0, duration * 1_000_000))
            conn.execute("INSERT INTO keyword_search_terms(keyword_id, url_id, term, normalized_term)"
                         " VALUES (2, 1, ?, ?)", ("how to remove exif data from photos",) * 2)
            for number, row in enumerate(downloads or [], 1):
                guid = f"8D4C3A2B-1E0F-4A5B-9C6D-{number:012X}"
                conn.execute(
                    "INSERT INTO downloads VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (number, guid, row["target_path"], row["target_path"], webkit_time(row["start"]),
                     row["size"], row["size"], 1, 0, 0, b"", webkit_time(row["end"]), 0, 0, 0, row["referrer"],
                     "", "", row["tab_url"], "", "GET", "", "", "", "", "", row["mime_type"], row["mime_type"]))
                conn.execute("INSERT INTO downloads_url_chains VALUES (?, 0, ?)", (number, row["url"]))
            conn.execute("COMMIT")
            conn.execute("VACUUM INTO ?", (str(final),))
        finally:
            conn.close()
        data = bytearray(final.read_bytes())
    return _normalise_sqlite(data)


def _normalise_sqlite(data: bytearray) -> bytes:
    if data[:16] != b"SQLite format 3\0":
        raise ValueError("not a SQLite database")
    struct.pack_into(">I", data, 24, 1)  # file change counter
    struct.pack_into(">I", data, 92, 1)  # version-valid-for (must equal the change counter)
    struct.pack_into(">I", data, 96, _SQLITE_VERSION_NUMBER)  # SQLITE_VERSION_NUMBER of the writer
    return bytes(data)


# --------------------------------------------------------------------------- FAT16 writer


@dataclasses.dataclass
class _Times:
    created: _dt.datetime
    modified: _dt.datetime
    accessed: _dt.date


@dataclasses.dataclass
class _Node:
    name: str
    is_dir: bool
    times: _Times
    data: bytes = b""
    attr: int = 0
    deleted: bool = False
    fragment_gap: int = 0  # free clusters left in the middle of the file's chain
    children: list[_Node] = dataclasses.field(default_factory=list)
    clusters: list[int] = dataclasses.field(default_factory=list)
    short: bytes = b""
    lfn: bool = False


_SHORT_OK = set(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789$%'-_@~`!(){}^#&")


def _fat_date(value: _dt.date) -> int:
    return ((value.year - 1980) << 9) | (value.month << 5) | value.day


def _fat_time(value: _dt.datetime) -> int:
    return (value.hour << 11) | (value.minute << 5) | (value.second // 2)


def short_name(name: str, used: set[bytes]) -> tuple[bytes, bool]:
    """Windows-style 8.3 alias: (11-byte name, needs long-name entries)."""
    upper = name.upper()
    base, dot, ext = upper.rpartition(".") if "." in upper.lstrip(".") else (upper, "", "")
    if not dot:
        base, ext = upper, ""
    encoded_base, encoded_ext = base.encode("ascii", "replace"), ext.encode("ascii", "replace")
    fits = (0 < len(encoded_base) <= 8 and len(encoded_ext) <= 3
            and all(c in _SHORT_OK for c in encoded_base + encoded_ext))
    if fits:
        candidate = encoded_base.ljust(8) + encoded_ext.ljust(3)
        if candidate not in used:
            return candidate, name != upper
    clean_base = bytes(c if c in _SHORT_OK else ord("_") for c in encoded_base.replace(b" ", b"").replace(b".", b""))
    clean_ext = bytes(c if c in _SHORT_OK else ord("_") for c in encoded_ext.replace(b" ", b""))[:3]
    for n in range(1, 1000):
        tail = f"~{n}".encode()
        candidate = (clean_base[: 8 - len(tail)] + tail).ljust(8) + clean_ext.ljust(3)
        if candidate not in used:
            return candidate, True
    raise ValueError(f"no free short name for {name!r}")


def lfn_checksum(short: bytes) -> int:
    total = 0
    for byte in short:
        total = (((total & 1) << 7) + (total >> 1) + byte) & 0xFF
    return total


def lfn_entries(name: str, checksum: int) -> list[bytes]:
    """The long-name entries of ``name`` in on-disk order (last part first)."""
    units = [name.encode("utf-16-le")[i: i + 2] for i in range(0, len(name.encode("utf-16-le")), 2)]
    if len(units) > 255:
        raise ValueError(f"long name too long: {name!r}")
    if len(units) % 13:
        units.append(b"\0\0")
        while len(units) % 13:
            units.append(b"\xff\xff")
    count = len(units) // 13
    entries = []
    for index in range(count):
        part = units[index * 13: (index + 1) * 13]
        seq = (index + 1) | (0x40 if index == count - 1 else 0)
        entries.append(bytes([seq]) + b"".join(part[0:5]) + bytes([ATTR_LFN, 0, checksum])
                       + b"".join(part[5:11]) + b"\0\0" + b"".join(part[11:13]))
    return entries[::-1]


def _dir_entry(short: bytes, attr: int, times: _Times, cluster: int, size: int) -> bytes:
    created = times.created
    tenths = (created.second % 2) * 100 + created.microsecond // 10000
    return struct.pack("<11sBBBHHHHHHHI", short, attr, 0, tenths, _fat_time(created), _fat_date(created.date()),
                       _fat_date(times.accessed), cluster >> 16, _fat_time(times.modified),
                       _fat_date(times.modified.date()), cluster & 0xFFFF, size)


class Fat16Builder:
    """Lays out a FAT16 volume in memory: boot sector, two FATs, root folder, data clusters."""

    def __init__(self, total_sectors: int, hidden_sectors: int, label: str, serial: int,
                 format_time: _dt.datetime) -> None:
        self.total_sectors = total_sectors
        self.hidden = hidden_sectors
        self.label = label.upper().encode("ascii").ljust(11)[:11]
        self.serial = serial
        self.format_times = _Times(format_time, format_time, format_time.date())
        self.root = _Node("", True, self.format_times)
        self.cluster_bytes = SECTORS_PER_CLUSTER * SECTOR
        self.root_sectors = ROOT_ENTRIES * 32 // SECTOR
        tmp = total_sectors - (RESERVED_SECTORS + self.root_sectors)
        self.fat_sectors = -(-tmp // (256 * SECTORS_PER_CLUSTER + NUM_FATS))
        self.data_start = RESERVED_SECTORS + NUM_FATS * self.fat_sectors + self.root_sectors
        self.clusters = (total_sectors - self.data_start) // SECTORS_PER_CLUSTER
        if not 4085 <= self.clusters < 65525:
            raise ValueError(f"{self.clusters} clusters is not a FAT16 volume")
        self._next = 2

    # tree ----------------------------------------------------------------------------------
    def _find(self, parts: list[str]) -> _Node:
        node = self.root
        for part in parts:
            matches = [c for c in node.children if c.name == part and c.is_dir and not c.deleted]
            if not matches:
                raise KeyError("/".join(parts))
            node = matches[0]
        return node

    def add_dir(self, path: str, times: _Times, attr: int = 0) -> None:
        *parent, name = path.split("/")
        self._find(parent).children.append(_Node(name, True, times, attr=ATTR_DIR | attr))

    def add_file(self, path: str, data: bytes, times: _Times, *, attr: int = ATTR_ARCHIVE, deleted: bool = False,
                 fragment_gap: int = 0) -> None:
        *parent, name = path.split("/")
        self._find(parent).children.append(_Node(name, False, times, data=data, attr=attr, deleted=deleted,
                                                 fragment_gap=fragment_gap))

    # layout --------------------------------------------------------------------------------
    def _entry_slots(self, node: _Node) -> int:
        return 1 + (len(lfn_entries(node.name, 0)) if node.lfn else 0)

    def _alloc(self, count: int, gap: int = 0) -> list[int]:
        clusters: list[int] = []
        first_half = count // 2 if gap else count
        for index in range(count):
            if gap and index == first_half:
                self._next += gap  # leave free clusters: the file is fragmented
            clusters.append(self._next)
            self._next += 1
        if clusters and clusters[-1] > self.clusters + 1:
            raise ValueError("the sample does not fit its volume")
        return clusters

    def _name_children(self, directory: _Node) -> None:
        used: set[bytes] = set()
        for child in directory.children:
            child.short, child.lfn = short_name(child.name, used)
            used.add(child.short)

    def _layout(self, directory: _Node) -> None:
        for child in directory.children:
            if child.is_dir:
                self._name_children(child)
                slots = 2 + sum(self._entry_slots(c) for c in child.children)
                child.clusters = self._alloc(max(1, -(-slots * 32 // self.cluster_bytes)))
                self._layout(child)
            elif child.data:
                if child.deleted and child.fragment_gap:
                    raise ValueError("a deleted sample file must be contiguous to be recoverable")
                child.clusters = self._alloc(-(-len(child.data) // self.cluster_bytes), child.fragment_gap)

    def _dir_bytes(self, directory: _Node, parent: _Node | None) -> bytes:
        out = bytearray()
        if parent is None:
            out += _dir_entry(self.label, ATTR_VOLUME, self.format_times, 0, 0)
        else:
            out += _dir_entry(b".".ljust(11), ATTR_DIR, directory.times, directory.clusters[0], 0)
            up = parent.clusters[0] if parent.clusters else 0
            out += _dir_entry(b"..".ljust(11), ATTR_DIR, parent.times if parent.clusters else directory.times, up, 0)
        for child in directory.children:
            entries = lfn_entries(child.name, lfn_checksum(child.short)) if child.lfn else []
            entries.append(_dir_entry(child.short, child.attr, child.times,
                                      child.clusters[0] if child.clusters else 0,
                                      0 if child.is_dir else len(child.data)))
            for entry in entries:
                out += (b"\xe5" + entry[1:]) if child.deleted else entry
        return bytes(out)

    def _boot_sector(self) -> bytes:
        boot = bytearray(SECTOR)
        boot[0:3] = b"\xeb\x3c\x90"
        boot[3:11] = OEM_NAME
        total16 = self.total_sectors if self.total_sectors < 0x10000 else 0
        total32 = 0 if total16 else self.total_sectors
        struct.pack_into("<HBHBHHBHHHII", boot, 11, SECTOR, SECTORS_PER_CLUSTER, RESERVED_SECTORS, NUM_FATS,
                         ROOT_ENTRIES, total16, 0xF8, self.fat_sectors, 63, 255, self.hidden, total32)
        struct.pack_into("<BBBI11s8s", boot, 36, 0x80, 0, 0x29, self.serial, self.label, b"FAT16   ")
        # Boot code of a data volume: print a message and wait for a key, then reboot.
        message = b"\r\nThis is not a bootable disk.\r\nRemove it and press any key to restart.\r\n\0"
        code = bytes([0x0E, 0x1F, 0xBE, 0x5B, 0x7C, 0xAC, 0x22, 0xC0, 0x74, 0x0B, 0x56, 0xB4, 0x0E, 0xBB, 0x07,
                      0x00, 0xCD, 0x10, 0x5E, 0xEB, 0xF0, 0x32, 0xE4, 0xCD, 0x16, 0xCD, 0x19, 0xEB, 0xFE])
        boot[62: 62 + len(code)] = code
        boot[62 + len(code): 62 + len(code) + len(message)] = message
        boot[510:512] = b"\x55\xaa"
        return bytes(boot)

    def build(self) -> tuple[bytes, dict[str, Any]]:
        """The volume's bytes and a listing {path: (node, full path)} for the manifest."""
        self._name_children(self.root)
        self._layout(self.root)
        volume = bytearray(self.total_sectors * SECTOR)
        volume[0:SECTOR] = self._boot_sector()
        fat = [0] * (self.clusters + 2)
        fat[0], fat[1] = 0xFFF8, 0xFFFF
        listing: dict[str, Any] = {}

        def place(node: _Node, parent: _Node | None, path: str) -> None:
            if node.clusters and not node.deleted:
                for here, after in zip(node.clusters, node.clusters[1:] + [0xFFFF], strict=True):
                    fat[here] = after
            if node.is_dir:
                payload = self._dir_bytes(node, parent)
            else:
                payload = node.data
            if node is self.root:
                start = (RESERVED_SECTORS + NUM_FATS * self.fat_sectors) * SECTOR
                if len(payload) > ROOT_ENTRIES * 32:
                    raise ValueError("root folder overflow")
                volume[start: start + len(payload)] = payload
            else:
                for index, cluster in enumerate(node.clusters):
                    chunk = payload[index * self.cluster_bytes: (index + 1) * self.cluster_bytes]
                    offset = (self.data_start + (cluster - 2) * SECTORS_PER_CLUSTER) * SECTOR
                    volume[offset: offset + len(chunk)] = chunk
                listing[path] = node
            for child in node.children:
                place(child, node, f"{path}/{child.name}" if path else child.name)

        place(self.root, None, "")
        fat_bytes = struct.pack(f"<{len(fat)}H", *fat).ljust(self.fat_sectors * SECTOR, b"\0")
        for copy in range(NUM_FATS):
            start = (RESERVED_SECTORS + copy * self.fat_sectors) * SECTOR
            volume[start: start + len(fat_bytes)] = fat_bytes
        return bytes(volume), listing


# --------------------------------------------------------------------------- MBR


def _chs(lba: int, heads: int = 255, sectors: int = 63) -> bytes:
    cylinder = lba // (heads * sectors)
    if cylinder > 1023:
        return b"\xfe\xff\xff"
    head = (lba // sectors) % heads
    sector = lba % sectors + 1
    return bytes([head, (sector & 0x3F) | ((cylinder >> 2) & 0xC0), cylinder & 0xFF])


def make_mbr(partitions: list[tuple[int, int, int, bool]], signature: int) -> bytes:
    """A DOS partition table: partitions are (start LBA, sectors, type, bootable)."""
    mbr = bytearray(SECTOR)
    struct.pack_into("<IH", mbr, 440, signature, 0)
    for index, (start, count, kind, boot) in enumerate(partitions):
        entry = (bytes([0x80 if boot else 0]) + _chs(start) + bytes([kind]) + _chs(start + count - 1)
                 + struct.pack("<II", start, count))
        mbr[446 + 16 * index: 462 + 16 * index] = entry
    mbr[510:512] = b"\x55\xaa"
    return bytes(mbr)


# --------------------------------------------------------------------------- the sample


def _times(created: str, modified: str | None = None, accessed: str | None = None) -> _Times:
    c = _t(created)
    m = _t(modified) if modified else c
    a = _t(accessed).date() if accessed else max(c, m).date()
    return _Times(c, m, a)


def _sample_content() -> dict[str, Any]:
    """Every file's bytes (and the facts the manifest reports about them)."""
    contacts = _crlf(
        "Meeting notes - shipment follow-up (27 Feb 2025)\n\n"
        "Contact: John Doe <john.doe@example.com>\n"
        "Order portal: https://portal.example.com/orders/2025-0227\n"
        "Phone (Port of Spain office): (868) 555-0123\n"
        "Card on file (test number, not a real card): 4111 1111 1111 1111\n\n"
        "- confirm the March schedule with the warehouse\n- send the signed invoice back by Friday\n")
    budget = _crlf(
        "month,category,amount_ttd,notes\n2025-01,freight,12500.00,Q1 contract\n"
        "2025-01,storage,3400.50,warehouse B\n2025-02,freight,11875.25,\n2025-02,customs,2210.00,broker fee\n"
        "2025-03,freight,13020.00,estimate\n")
    docx = make_docx(
        "Quarterly Report Q1 2025",
        ["Shipments rose 12% over the previous quarter.", "Freight costs: see budget_2025.csv.",
         "Prepared by John Doe (john.doe@example.com)."],
        "John Doe", "2025-02-26T20:20:00Z", "2025-02-27T13:30:00Z", (2025, 2, 27, 9, 30, 0))
    pdf = make_pdf("Shipment schedule - March 2025",
                   ["03 Mar  Port of Spain -> Bridgetown   12 pallets", "10 Mar  Port of Spain -> Kingston     8 pallets",
                    "17 Mar  Port of Spain -> Miami       20 pallets", "Contact: john.doe@example.com"],
                   "John Doe", "D:20250227094100-04'00'")
    deleted_plan = _crlf(
        "Plan (draft)\n\n1. Copy the shipment files to the USB drive on Friday.\n"
        "2. Clear the browser history.\n3. Delete this note.\n")
    todo = _crlf("TODO 27/02\n- call (868) 555-0123 about the invoice\n- back up Pictures\n")
    win_ini = _crlf("; for 16-bit app support\n[fonts]\n[extensions]\n[mci extensions]\n[files]\n[Mail]\nMAPI=1\n")
    taken = _t("2025-02-27 10:15:02")
    lat, lon = 10.6596, -61.5019  # Port of Spain, Trinidad
    make, model = "Canon", "Canon EOS 80D"
    jpeg, jpeg_w, jpeg_h = make_jpeg(make_exif(make, model, taken, lat, lon, 96, 64))
    screenshot = make_png(128, 72, _screenshot_pixel)
    invoice = make_png(64, 80, _invoice_pixel, {"Title": "Invoice INV-2025-0227", "Software": "ScanSoft"})
    eicar = eicar_bytes()
    history = chrome_history_bytes([
        {"target_path": "C:\\Users\\jdoe\\Downloads\\invoice.pdf", "url": "https://files.example.net/billing/invoice.pdf",
         "referrer": "https://files.example.net/billing/", "tab_url": "https://files.example.net/billing/",
         "start": _t("2025-02-27 10:47:02"), "end": _t("2025-02-27 10:47:05"), "size": len(invoice),
         "mime_type": "application/pdf"},
        {"target_path": "C:\\Users\\jdoe\\Downloads\\eicar_test.com", "url": "https://secure.eicar.org/eicar.com",
         "referrer": "https://www.eicar.org/download-anti-malware-testfile/",
         "tab_url": "https://www.eicar.org/download-anti-malware-testfile/",
         "start": _t("2025-02-27 10:52:30"), "end": _t("2025-02-27 10:52:31"), "size": len(eicar),
         "mime_type": "application/octet-stream"},
    ])
    return {
        "contacts": contacts, "budget": budget, "docx": docx, "pdf": pdf, "deleted_plan": deleted_plan,
        "todo": todo, "win_ini": win_ini, "jpeg": jpeg, "screenshot": screenshot, "invoice": invoice,
        "eicar": eicar, "history": history,
        "exif": {"make": make, "model": model, "datetime_original": taken.strftime("%Y:%m:%d %H:%M:%S"),
                 "gps_latitude": lat, "gps_longitude": lon, "width": jpeg_w, "height": jpeg_h},
    }


def _populate(fs: Fat16Builder, c: dict[str, Any]) -> None:
    day0 = "2025-02-20 08:30:00"
    u = "Users/jdoe"
    fs.add_dir("Users", _times(day0, day0, "2025-02-27 00:00:00"))
    fs.add_dir(u, _times("2025-02-20 08:31:10", "2025-02-20 08:31:10", "2025-02-27 00:00:00"))
    fs.add_dir(f"{u}/Desktop", _times("2025-02-20 08:31:12", "2025-02-27 11:30:05", "2025-02-27 00:00:00"))
    fs.add_file(f"{u}/Desktop/todo_list.txt", c["todo"], _times("2025-02-27 08:55:21", "2025-02-27 08:57:40"))
    fs.add_file(f"{u}/Desktop/New Text Document.txt", b"", _times("2025-02-27 11:30:05"))
    fs.add_dir(f"{u}/Documents", _times("2025-02-20 08:31:12", "2025-02-27 11:20:13", "2025-02-27 00:00:00"))
    fs.add_file(f"{u}/Documents/contacts.txt", c["contacts"], _times("2025-02-26 16:02:10", "2025-02-27 09:12:44"))
    fs.add_file(f"{u}/Documents/budget_2025.csv", c["budget"], _times("2025-02-25 14:10:00", "2025-02-26 17:45:30"))
    fs.add_file(f"{u}/Documents/Quarterly Report.docx", c["docx"], _times("2025-02-26 16:20:00", "2025-02-27 09:30:00"))
    fs.add_file(f"{u}/Documents/shipment_schedule.pdf", c["pdf"], _times("2025-02-27 09:41:00", "2025-02-27 09:41:00"))
    fs.add_file(f"{u}/Documents/deleted_plan.txt", c["deleted_plan"],
                _times("2025-02-27 11:05:07", "2025-02-27 11:06:48"), deleted=True)
    fs.add_dir(f"{u}/Pictures", _times("2025-02-20 08:31:12", "2025-02-27 10:33:40", "2025-02-27 00:00:00"))
    fs.add_file(f"{u}/Pictures/IMG_20250227_101502.jpg", c["jpeg"],
                _times("2025-02-27 10:20:00", "2025-02-27 10:15:02"))
    fs.add_file(f"{u}/Pictures/screenshot.png", c["screenshot"], _times("2025-02-27 10:33:40"))
    fs.add_dir(f"{u}/Downloads", _times("2025-02-20 08:31:12", "2025-02-27 10:52:31", "2025-02-27 00:00:00"))
    fs.add_file(f"{u}/Downloads/invoice.pdf", c["invoice"], _times("2025-02-27 10:47:02", "2025-02-27 10:47:05"))
    fs.add_file(f"{u}/Downloads/eicar_test.com", c["eicar"], _times("2025-02-27 10:52:30", "2025-02-27 10:52:31"))
    chrome = f"{u}/AppData/Local/Google/Chrome/User Data/Default"
    fs.add_dir(f"{u}/AppData", _times("2025-02-20 08:31:11"), attr=ATTR_HIDDEN)
    for part in ("Local", "Local/Google", "Local/Google/Chrome", "Local/Google/Chrome/User Data",
                 "Local/Google/Chrome/User Data/Default"):
        fs.add_dir(f"{u}/AppData/{part}", _times("2025-02-20 08:45:00", "2025-02-20 08:45:00", "2025-02-27 00:00:00"))
    fs.add_file(f"{chrome}/History", c["history"], _times("2025-02-20 08:45:03", "2025-02-27 11:15:30"),
                fragment_gap=3)
    fs.add_dir("Windows", _times(day0, day0, "2025-02-27 00:00:00"))
    fs.add_file("Windows/WIN.INI", c["win_ini"], _times(day0, "2019-12-07 05:12:00", "2025-02-27 00:00:00"))
    fs.add_dir("Windows/Prefetch", _times(day0, day0, "2025-02-27 00:00:00"))


def _digests(data: bytes) -> dict[str, str]:
    return {"md5": hashlib.md5(data, usedforsecurity=False).hexdigest(),
            "sha1": hashlib.sha1(data, usedforsecurity=False).hexdigest(),
            "sha256": hashlib.sha256(data).hexdigest()}


def build_sample_image(path: Path | str) -> dict[str, Any]:
    """Write the sample disk image to ``path`` and return its manifest.

    The manifest (JSON-able) has ``image`` (size, hashes), ``partition_table``,
    ``partitions`` (offset/size in bytes, MBR type...), ``files`` (path ->
    size/hashes/deleted/times), ``directories``, ``lying_file``, ``deleted_file``, and the
    facts a triage run should find (``exif``, ``chrome_history``, ``indicators``, ``eicar``).
    Paths are relative to the partition root with ``/`` separators, as ``fls -p`` prints them.
    """
    path = Path(path)
    content = _sample_content()
    fs = Fat16Builder(PART_SECTORS, PART_START, VOLUME_LABEL, VOLUME_SERIAL, _t("2025-02-20 08:25:00"))
    _populate(fs, content)
    volume, listing = fs.build()

    image = bytearray(SAMPLE_IMAGE_SIZE)
    image[0:SECTOR] = make_mbr([(PART_START, PART_SECTORS, PART_TYPE, True)], DISK_SIGNATURE)
    image[PART_START * SECTOR: PART_START * SECTOR + len(volume)] = volume
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    with open(tmp, "wb") as handle:
        handle.write(image)
    tmp.replace(path)

    files: dict[str, Any] = {}
    directories: list[str] = []
    for name, node in listing.items():
        if node.is_dir:
            directories.append(name)
            continue
        files[name] = {
            "size": len(node.data), **_digests(node.data), "deleted": node.deleted,
            "short_name": (node.short[:8].rstrip() + (b"." + node.short[8:].rstrip() if node.short[8:].strip()
                                                      else b"")).decode("ascii"),
            "created": node.times.created.isoformat(), "modified": node.times.modified.isoformat(),
            "accessed": node.times.accessed.isoformat(), "clusters": len(node.clusters),
            "fragmented": any(b - a != 1 for a, b in zip(node.clusters, node.clusters[1:], strict=False)),
        }
    deleted = [p for p, f in files.items() if f["deleted"]]
    u = "Users/jdoe"
    return {
        "name": "forensic-triage built-in sample",
        "image": {"size": len(image), "sector_size": SECTOR, **_digests(bytes(image))},
        "timezone": TIMEZONE,
        "partition_table": "dos",
        "disk_signature": f"0x{DISK_SIGNATURE:08x}",
        "partitions": [{
            "index": 0, "start_sector": PART_START, "sectors": PART_SECTORS, "offset": PART_START * SECTOR,
            "size": PART_SECTORS * SECTOR, "type": PART_TYPE, "type_name": "FAT16 (LBA)", "bootable": True,
            "filesystem": "FAT16", "label": VOLUME_LABEL, "serial": f"{VOLUME_SERIAL >> 16:04X}-{VOLUME_SERIAL & 0xFFFF:04X}",
            "cluster_size": fs.cluster_bytes, "clusters": fs.clusters,
        }],
        "files": files,
        "directories": sorted(directories),
        "lying_file": {"path": f"{u}/Downloads/invoice.pdf", "extension": "pdf", "actual_type": "image/png"},
        "deleted_file": {"path": deleted[0], **files[deleted[0]]},
        "deleted_files": deleted,
        "eicar": {"path": f"{u}/Downloads/eicar_test.com", "sha256": files[f"{u}/Downloads/eicar_test.com"]["sha256"]},
        "exif": {"path": f"{u}/Pictures/IMG_20250227_101502.jpg", **content["exif"]},
        "chrome_history": {"path": f"{u}/AppData/Local/Google/Chrome/User Data/Default/History",
                           "urls": [v[0] for v in CHROME_VISITS], "downloads": 2,
                           "search_terms": ["how to remove exif data from photos"]},
        "indicators": {"path": f"{u}/Documents/contacts.txt", "email": "john.doe@example.com",
                       "url": "https://portal.example.com/orders/2025-0227",
                       "card": "4111 1111 1111 1111", "phone": "(868) 555-0123"},
    }
