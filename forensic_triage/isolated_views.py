"""Parsing evidence bytes for the examiner's eyes, in child processes with limits.

The viewers and the tag thumbnails parse what the evidence holds: pictures and their EXIF (Pillow),
SQLite databases. A hostile or damaged file can crash a C decoder, loop forever or ask for
gigabytes (a decompression bomb); here that costs a child process, never the desktop application
or the command line. The caller reads the bytes itself (through the resolver, read-only) and
gets back plain data — a PNG it can show, labelled EXIF fields, table names, rows — or a sentence
saying what happened (:class:`~.errors.ParseError` for the SQLite views, a ``problem`` text for
pictures, whose metadata may survive a picture that cannot be drawn).

SQLite databases found in the evidence are opened like the extractors open them: a temporary
copy, ``trusted_schema=OFF`` (views, triggers, generated columns and virtual tables of the
schema cannot call functions with side effects), ``query_only``, an authorizer that lets our
statements read and call a few harmless functions only (no ATTACH, no PRAGMA, no write), and
views listed but never run. Reading rows fires no trigger.
"""

from __future__ import annotations

import dataclasses
import io
import re
import sqlite3
from pathlib import Path
from typing import Any

from .errors import ParseError
from .isolation import Channel, Limits, Outcome, run_limited

MAX_RENDER_SIDE = 4096             # a preview is at most this many pixels wide or high
MAX_PIXELS = 64 * 1024 * 1024      # larger pictures are not decoded (decompression bombs)
MAX_CELL_TEXT = 4000               # characters of one SQLite value sent to the viewer
BLOB_HEAD = 32                     # bytes of a SQLite BLOB sent to the viewer


def picture_limits() -> Limits:
    return Limits.named("picture", 30.0, 1024)


def sqlite_limits() -> Limits:
    return Limits.named("sqlite", 30.0, 1024)


# ------------------------------------------------------------------------------------ EXIF labels
_POINTERS = {0x8769, 0x8825, 0xA005}  # ExifOffset, GPSInfo, InteropOffset: where a sub-directory starts
_EXIF_LABELS = {
    "Make": "Camera make", "Model": "Camera model", "BodySerialNumber": "Camera serial number",
    "DateTime": "Changed (camera clock)", "DateTimeOriginal": "Taken (camera clock)",
    "DateTimeDigitized": "Digitised (camera clock)", "OffsetTimeOriginal": "Camera clock offset (taken)",
    "Software": "Software", "Orientation": "Orientation", "XResolution": "Horizontal resolution",
    "YResolution": "Vertical resolution", "ResolutionUnit": "Resolution unit", "ExposureTime": "Exposure time (s)",
    "FNumber": "F-number", "ISOSpeedRatings": "ISO speed", "FocalLength": "Focal length (mm)",
    "LensModel": "Lens model", "YCbCrPositioning": "YCbCr positioning", "ExifVersion": "EXIF version",
    "ExifImageWidth": "EXIF image width", "ExifImageHeight": "EXIF image height", "OffsetTime": "Camera clock offset",
    "ImageDescription": "Description", "Artist": "Artist", "Copyright": "Copyright",
}
_EXIF_CODES = {
    "ResolutionUnit": {1: "none", 2: "inch", 3: "centimetre"},
    "Orientation": {1: "normal", 2: "mirrored", 3: "rotated 180°", 4: "mirrored vertically",
                    5: "mirrored, rotated 90° anticlockwise", 6: "rotated 90° clockwise",
                    7: "mirrored, rotated 90° clockwise", 8: "rotated 90° anticlockwise"},
    "ColorSpace": {1: "sRGB", 0xFFFF: "uncalibrated"},
    "YCbCrPositioning": {1: "centred", 2: "co-sited"},
}


def _exif_field(name: str, value: object) -> tuple[str, str]:
    codes = _EXIF_CODES.get(name)
    if codes is not None and isinstance(value, int) and value in codes:
        return _exif_label(name), f"{codes[value]} ({value})"
    return _exif_label(name), _exif_value(value)


def _exif_label(name: str) -> str:
    if name in _EXIF_LABELS:
        return _EXIF_LABELS[name]
    words = re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", " ", name).split()
    return " ".join([words[0], *[w.lower() if not w.isupper() else w for w in words[1:]]]) if words else name


def _exif_value(value: object) -> str:
    """A decoded EXIF value: rationals as numbers, text as text, other bytes as hex."""
    from PIL.TiffImagePlugin import IFDRational

    if isinstance(value, bytes):
        stripped = value.rstrip(b"\x00")
        if stripped and all(32 <= c < 127 for c in stripped):
            return stripped.decode("ascii")
        return value[:64].hex(" ")
    if isinstance(value, tuple):
        return ", ".join(_exif_value(v) for v in value)
    if isinstance(value, IFDRational):
        return "undefined" if value.denominator == 0 else f"{float(value):g}"
    if isinstance(value, float):
        return f"{value:g}"
    return ("" if value is None else str(value))[:200]


def _gps_degrees(value: object, ref: object) -> float | None:
    try:
        d, m, s = (float(v) for v in value)  # type: ignore[attr-defined]
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    degrees = d + m / 60 + s / 3600
    ref_text = ref.decode("ascii", "replace") if isinstance(ref, bytes) else str(ref or "")
    return -degrees if ref_text.strip().upper() in ("S", "W") else degrees


def gps_fields(gps: dict[int, object]) -> list[tuple[str, str]]:
    """The GPS directory as a position in decimal degrees plus map links as text (offline tool)."""
    from PIL import ExifTags

    out: list[tuple[str, str]] = []
    lat, lon = _gps_degrees(gps.get(2), gps.get(1)), _gps_degrees(gps.get(4), gps.get(3))
    if lat is not None and lon is not None and abs(lat) <= 90 and abs(lon) <= 180:
        out.append(("GPS position", f"{lat:.6f}, {lon:.6f} (decimal degrees, "
                                    f"{_exif_value(gps.get(18)) or 'datum not stated'})"))
        out.append(("Open in a map", f"geo:{lat:.6f},{lon:.6f}  ·  "
                    f"https://www.openstreetmap.org/?mlat={lat:.6f}&mlon={lon:.6f}#map=16/{lat:.6f}/{lon:.6f}"))
    if gps.get(6) is not None:
        below = gps.get(5) in (b"\x01", 1)
        out.append(("GPS altitude", f"{'-' if below else ''}{_exif_value(gps.get(6))} m"))
    if gps.get(7) is not None or gps.get(29) is not None:
        stamp = gps.get(7)
        hms = ":".join(f"{int(float(v)):02d}" for v in stamp) if isinstance(stamp, tuple) and len(stamp) == 3 else ""
        out.append(("GPS fix time (UTC)", f"{_exif_value(gps.get(29)) or ''} {hms}".strip()))
    shown = {1, 2, 3, 4, 5, 6, 7, 18, 29} if out else set()
    for tag, value in gps.items():
        if tag not in shown:
            out.append((_exif_label(ExifTags.GPSTAGS.get(tag, hex(tag))), _exif_value(value)))
    return out


def exif_fields(img: Any) -> list[tuple[str, str]]:
    """Labelled EXIF of an opened Pillow picture: the position first, no directory pointers."""
    from PIL import ExifTags

    fields: list[tuple[str, str]] = []
    raw = img.getexif()
    try:
        fields.extend(gps_fields(dict(raw.get_ifd(ExifTags.IFD.GPSInfo))))
    except (KeyError, ValueError, OSError):
        fields.append(("GPS", "the GPS directory cannot be read"))
    for tag, value in raw.items():
        if tag not in _POINTERS:
            fields.append(_exif_field(ExifTags.TAGS.get(tag, hex(tag)), value))
    try:
        for tag, value in raw.get_ifd(ExifTags.IFD.Exif).items():
            if tag not in _POINTERS:
                fields.append(_exif_field(ExifTags.TAGS.get(tag, hex(tag)), value))
    except (KeyError, ValueError, OSError):
        fields.append(("EXIF", "the EXIF directory cannot be read"))
    return fields


# ---------------------------------------------------------------------------------------- pictures
def _open_picture(data: bytes) -> Any:
    import warnings

    from PIL import Image

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    warnings.simplefilter("error", Image.DecompressionBombWarning)  # over the limit: refused, not decoded
    return Image.open(io.BytesIO(data))


def _picture_child(channel: Channel, data: bytes) -> None:
    fields: list[tuple[str, str]] = []
    problem = ""
    png = b""
    try:
        with _open_picture(data) as img:
            fields.append(("Format", f"{img.format} {img.width}×{img.height} {img.mode}"))
            try:
                fields.extend(exif_fields(img))
            except Exception as exc:  # noqa: BLE001 - hostile metadata: said, and the picture still drawn
                fields.append(("EXIF", f"cannot be read ({type(exc).__name__}: {exc})"))
            img.draft("RGB", (MAX_RENDER_SIDE, MAX_RENDER_SIDE))
            img.thumbnail((MAX_RENDER_SIDE, MAX_RENDER_SIDE))
            shown = img.convert("RGBA" if "A" in img.getbands() or "transparency" in img.info else "RGB")
            out = io.BytesIO()
            shown.save(out, format="PNG", compress_level=1)
            png = out.getvalue()
    except MemoryError:
        raise  # the child's limit: reported as such by run_limited
    except Exception as exc:  # noqa: BLE001 - Pillow raises many types on hostile input; the viewer says so
        problem = f"{type(exc).__name__}: {exc}"
    channel.answer({"fields": fields, "problem": problem}, [png] if png else [])


@dataclasses.dataclass(frozen=True, slots=True)
class Picture:
    png: bytes | None         # the picture drawn as PNG (at most MAX_RENDER_SIDE), or None
    fields: list[tuple[str, str]]
    problem: str              # "" when the picture was decoded


def render_picture(data: bytes, limits: Limits | None = None) -> Picture:
    """Decode a picture from the evidence in a child: a PNG to show, its labelled EXIF, or why not."""
    outcome = run_limited(_picture_child, (data,), limits or picture_limits())
    if not outcome.ok:
        return Picture(None, [], f"decoding the picture failed: {outcome.reason()}")
    try:
        value = outcome.value
        fields = [(str(k), str(v)) for k, v in value["fields"]]
        problem = str(value["problem"])
    except (KeyError, TypeError, ValueError) as exc:
        return Picture(None, [], f"the picture decoder's answer cannot be read ({exc})")
    return Picture(outcome.blobs[0] if outcome.blobs else None, fields, problem)


def _thumbnail_child(channel: Channel, data: bytes, size: int) -> None:
    from PIL import Image, UnidentifiedImageError

    try:
        with _open_picture(data) as img:
            img.thumbnail((size, size))
            rgb = img.convert("RGB")
            out = io.BytesIO()
            rgb.save(out, format="PNG", optimize=True)
            width, height = rgb.size
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError,
            Image.DecompressionBombWarning) as exc:
        channel.fail(str(exc))
        return
    channel.answer({"width": width, "height": height}, [out.getvalue()])


@dataclasses.dataclass(frozen=True, slots=True)
class Thumbnail:
    png: bytes
    width: int
    height: int


def make_thumbnail(data: bytes, size: int, limits: Limits | None = None) -> Thumbnail:
    """A PNG preview at most ``size`` pixels wide or high, made in a child; raises
    :class:`ParseError` (the sentence says why) when the picture cannot be decoded."""
    outcome = run_limited(_thumbnail_child, (data, size), limits or picture_limits())
    if not outcome.ok:
        raise ParseError(f"it cannot be decoded ({outcome.reason()})")
    try:
        return Thumbnail(outcome.blobs[0], int(outcome.value["width"]), int(outcome.value["height"]))
    except (IndexError, KeyError, TypeError, ValueError) as exc:
        raise ParseError(f"the decoder's answer cannot be read ({exc})") from exc


# ----------------------------------------------------------------------------------------- SQLite
_SAFE_FUNCTIONS = frozenset({"abs", "coalesce", "ifnull", "nullif", "length", "lower", "upper", "substr",
                             "substring", "trim", "ltrim", "rtrim", "typeof", "hex", "quote", "round", "min", "max"})


def _authorize(action: int, arg1: str | None, arg2: str | None, _db: str | None, _trigger: str | None) -> int:
    """Our statements may read, and call a few harmless functions; nothing else (belt and braces:
    the functions a hostile schema declares are restricted by ``trusted_schema=OFF``)."""
    if action in (sqlite3.SQLITE_SELECT, sqlite3.SQLITE_READ):
        return sqlite3.SQLITE_OK
    if action == sqlite3.SQLITE_FUNCTION and (arg2 or "").lower() in _SAFE_FUNCTIONS:
        return sqlite3.SQLITE_OK
    if action == sqlite3.SQLITE_PRAGMA and arg1 in ("table_info", "table_xinfo"):
        return sqlite3.SQLITE_OK
    return sqlite3.SQLITE_DENY


def open_untrusted_sqlite(path: Path) -> sqlite3.Connection:
    """Open a temporary copy of a database from the evidence with the hostile-schema protections."""
    conn = sqlite3.connect(str(path))
    conn.execute("PRAGMA trusted_schema=OFF")
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # replays a copied WAL, if any
    conn.execute("PRAGMA query_only=ON")
    conn.set_authorizer(_authorize)
    return conn


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _schema(conn: sqlite3.Connection) -> dict[str, str]:
    """name -> type ('table' or 'view') of what the database declares."""
    return {str(n): str(t) for n, t in conn.execute(
        "SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY name")}


def _sqlite_tables_child(channel: Channel, path: str) -> None:
    try:
        conn = open_untrusted_sqlite(Path(path))
        try:
            schema = _schema(conn)
        finally:
            conn.close()
    except sqlite3.Error as exc:
        channel.fail(f"not a readable SQLite database ({exc})")
        return
    channel.answer({"tables": [n for n, t in schema.items() if t == "table"],
                    "views": [n for n, t in schema.items() if t == "view"]})


def _cell(value: Any) -> Any:
    if isinstance(value, bytes):
        return {"blob": len(value), "head": value[:BLOB_HEAD].hex()}
    if isinstance(value, str):
        return value[:MAX_CELL_TEXT]
    return value


def _sqlite_page_child(channel: Channel, path: str, table: str, offset: int, count: int) -> None:
    try:
        conn = open_untrusted_sqlite(Path(path))
        try:
            if _schema(conn).get(table) != "table":
                channel.fail(f"{table!r} is not a table of this database (views are not run)")
                return
            cur = conn.execute(f"SELECT * FROM {_quote(table)} LIMIT ? OFFSET ?", (count, offset))  # noqa: S608
            headers = [str(d[0]) for d in cur.description or []]
            rows = [[_cell(v) for v in row] for row in cur.fetchall()]
        finally:
            conn.close()
    except sqlite3.Error as exc:
        channel.fail(str(exc))
        return
    channel.answer({"headers": headers, "rows": rows})


@dataclasses.dataclass(frozen=True, slots=True)
class Blob:
    """A SQLite BLOB as the viewer shows it: its size and first bytes."""

    size: int
    head: bytes


@dataclasses.dataclass(frozen=True, slots=True)
class SqliteTables:
    tables: list[str]
    views: list[str]  # listed, never run


@dataclasses.dataclass(frozen=True, slots=True)
class SqlitePage:
    headers: list[str]
    rows: list[tuple[Any, ...]]


def _answer(outcome: Outcome, what: str) -> Any:
    if outcome.ok:
        return outcome.value
    raise ParseError(f"{what}: {outcome.reason()}.")


def sqlite_tables(path: Path, limits: Limits | None = None) -> SqliteTables:
    """The tables and views of a (copied) database, listed in a child; raises :class:`ParseError`."""
    value = _answer(run_limited(_sqlite_tables_child, (str(path),), limits or sqlite_limits()),
                    "The database cannot be listed")
    try:
        return SqliteTables([str(t) for t in value["tables"]], [str(v) for v in value["views"]])
    except (KeyError, TypeError) as exc:
        raise ParseError(f"The database listing cannot be read ({exc}).") from exc


def _value(cell: Any) -> Any:
    if isinstance(cell, dict):
        return Blob(int(cell.get("blob") or 0), bytes.fromhex(str(cell.get("head") or "")))
    if cell is None or isinstance(cell, (int, float, str)):
        return cell
    return str(cell)


def sqlite_page(path: Path, table: str, offset: int, count: int, limits: Limits | None = None) -> SqlitePage:
    """``count`` rows of a table from ``offset``, read in a child; raises :class:`ParseError`."""
    value = _answer(run_limited(_sqlite_page_child, (str(path), table, offset, count), limits or sqlite_limits()),
                    "The table cannot be read")
    try:
        return SqlitePage([str(h) for h in value["headers"]], [tuple(_value(c) for c in row) for row in value["rows"]])
    except (KeyError, TypeError, ValueError) as exc:
        raise ParseError(f"The table's rows cannot be read ({exc}).") from exc
