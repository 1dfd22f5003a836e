"""EXIF metadata of pictures (JPEG, TIFF and TIFF-based camera raw files) through Pillow.

Only the metadata is read: Pillow parses the header and the EXIF block, never the pixels, so a
decompression bomb costs nothing.

Times and their basis: EXIF date/time tags are the camera's clock with no time zone. When the
camera also wrote OffsetTimeOriginal, ``taken`` is that moment in UTC computed with the offset
the camera recorded (kept in ``taken_offset``): a real zone, basis 'utc'. Without it the reading
is kept as naive ISO text (``taken_camera_clock``; ``modified_camera_clock`` for IFD0 DateTime),
basis 'local': it goes on the timeline only when the examiner declares the evidence item's
zone, labelled as resting on that assumption (the camera's clock may not have been set to the
same zone as the device the picture was found on), and is never passed off as UTC.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import math
import warnings
from collections.abc import Iterator
from typing import Any, BinaryIO, ClassVar

from forensic_triage.plugin_api import ExtractContext, Extractor, FileInfo, InputSpec, Record
from forensic_triage.timeutil import iso

EXIF_IFD, GPS_IFD = 0x8769, 0x8825
MAKE, MODEL, SOFTWARE, MODIFIED = 0x010F, 0x0110, 0x0131, 0x0132
ORIGINAL, OFFSET_ORIGINAL, BODY_SERIAL, LENS_MODEL, CAMERA_SERIAL = 0x9003, 0x9011, 0xA431, 0xA434, 0xC62F


@dataclasses.dataclass(frozen=True)
class PhotoExif(Record):
    record_type: ClassVar[str] = "image.exif"
    time_fields: ClassVar[dict[str, str]] = {
        "taken": "Photo taken (EXIF, with the UTC offset the camera recorded)",
        "taken_camera_clock": "Photo taken (EXIF camera clock, no zone recorded)",
        "modified_camera_clock": "Picture changed (EXIF DateTime, camera or editor clock, no zone recorded)",
        "gps_time": "GPS fix (EXIF, UTC)",
    }

    make: str | None
    model: str | None
    serial_number: str | None
    lens_model: str | None
    software: str | None
    taken: str | None  # DateTimeOriginal converted to UTC (OffsetTimeOriginal present)
    taken_offset: str | None  # OffsetTimeOriginal as the camera recorded it ("+02:00")
    taken_camera_clock: str | None  # DateTimeOriginal as recorded, zone unknown (no OffsetTimeOriginal)
    modified_camera_clock: str | None  # IFD0 DateTime as recorded
    latitude: float | None  # decimal degrees, south negative
    longitude: float | None  # decimal degrees, west negative
    altitude: float | None  # metres, below sea level negative
    gps_time: str | None
    gps_map_datum: str | None
    width: int
    height: int

    def summary(self) -> str:
        camera = " ".join(p for p in (self.make, self.model) if p) or "unknown camera"
        where = f" at {self.latitude:.6f},{self.longitude:.6f}" if self.latitude is not None and \
            self.longitude is not None else ""
        return f"Photo by {camera}, taken {self.taken or self.taken_camera_clock or 'unknown'}{where}"


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    text = str(value).replace("\x00", "").strip()
    return text or None


def _number(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    return number if math.isfinite(number) else None


def _degrees(value: Any, ref: Any) -> float | None:
    if not isinstance(value, tuple) or len(value) != 3:
        return None
    parts = [_number(v) for v in value]
    if any(p is None for p in parts):
        return None
    deg, minutes, seconds = (p or 0.0 for p in parts)
    decimal = deg + minutes / 60 + seconds / 3600
    if (_text(ref) or "").upper() in ("S", "W"):
        decimal = -decimal
    return round(decimal, 7)


def _exif_time(text: str | None) -> _dt.datetime | None:
    if not text:
        return None
    try:
        return _dt.datetime.strptime(text[:19], "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None


def _offset(text: str | None) -> _dt.timezone | None:
    if not text or len(text) < 6 or text[0] not in "+-":
        return None
    try:
        hours, minutes = int(text[1:3]), int(text[4:6])
    except ValueError:
        return None
    delta = _dt.timedelta(hours=hours, minutes=minutes)
    return _dt.timezone(-delta if text[0] == "-" else delta)


def _gps_time(gps: dict[int, Any]) -> str | None:
    date, stamp = _text(gps.get(29)), gps.get(7)
    if not date or not isinstance(stamp, tuple) or len(stamp) != 3:
        return None
    parts = [_number(v) for v in stamp]
    if any(p is None for p in parts):
        return None
    try:
        day = _dt.datetime.strptime(date[:10], "%Y:%m:%d").replace(tzinfo=_dt.UTC)
    except ValueError:
        return None
    hours, minutes, seconds = (p or 0.0 for p in parts)
    return iso(day + _dt.timedelta(hours=hours, minutes=minutes, seconds=seconds))


def photo_from_exif(exif: Any, size: tuple[int, int]) -> PhotoExif | None:
    """The record for a Pillow ``Exif`` object, or None when it holds nothing of interest."""
    sub = dict(exif.get_ifd(EXIF_IFD)) if EXIF_IFD in exif else {}
    gps = dict(exif.get_ifd(GPS_IFD)) if GPS_IFD in exif else {}
    original = _exif_time(_text(sub.get(ORIGINAL)))
    offset_text = _text(sub.get(OFFSET_ORIGINAL))
    zone = _offset(offset_text)
    modified = _exif_time(_text(exif.get(MODIFIED)))
    altitude = _number(gps.get(6))
    if altitude is not None and gps.get(5) in (b"\x01", 1):
        altitude = -altitude
    record = PhotoExif(
        make=_text(exif.get(MAKE)), model=_text(exif.get(MODEL)),
        serial_number=_text(sub.get(BODY_SERIAL)) or _text(exif.get(CAMERA_SERIAL)),
        lens_model=_text(sub.get(LENS_MODEL)), software=_text(exif.get(SOFTWARE)),
        taken=iso(original.replace(tzinfo=zone)) if original and zone else None,
        taken_offset=offset_text[:6] if original and zone and offset_text else None,
        taken_camera_clock=original.isoformat() if original and not zone else None,
        modified_camera_clock=modified.isoformat() if modified else None,
        latitude=_degrees(gps.get(2), gps.get(1)), longitude=_degrees(gps.get(4), gps.get(3)),
        altitude=round(altitude, 3) if altitude is not None else None,
        gps_time=_gps_time(gps), gps_map_datum=_text(gps.get(18)),
        width=int(size[0]), height=int(size[1]),
    )
    interesting = (record.make, record.model, record.serial_number, record.taken, record.taken_camera_clock,
                   record.latitude, record.longitude, record.modified_camera_clock, record.software)
    return record if any(v is not None for v in interesting) else None


class ExifExtractor(Extractor):
    name = "image.exif"
    version = "1.1"
    description = "Picture EXIF: camera make/model/serial, DateTimeOriginal, GPS position in decimal degrees"
    references = ("https://www.cipa.jp/std/documents/download_e.html?DC-008-Translation-2023-E",
                  "https://pillow.readthedocs.io/en/stable/reference/ExifTags.html")
    inputs = InputSpec(
        names=("*.jpg", "*.jpeg", "*.jpe", "*.jfif", "*.tif", "*.tiff", "*.dng", "*.nef", "*.cr2", "*.arw",
               "*.webp"),
        signatures=(b"\xff\xd8\xff", b"II*\x00", b"MM\x00*"),
        max_size=128 * 1024 * 1024,
    )
    record_types = (PhotoExif,)

    def extract(self, ctx: ExtractContext, stream: BinaryIO, file_info: FileInfo) -> Iterator[Record]:
        import PIL
        from PIL import Image, UnidentifiedImageError

        ctx.uses_library("Pillow", PIL.__version__)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # Pillow warns about odd EXIF; the failure below is what counts
                with Image.open(stream) as image:
                    size = image.size
                    exif = image.getexif()
                    record = photo_from_exif(exif, size)
        except UnidentifiedImageError:
            looks_like_picture = file_info.mime.startswith("image/") or any(
                file_info.head.startswith(sig) for sig in self.inputs.signatures)
            if not looks_like_picture:
                # Selected by its name only (e.g. a Recycle Bin $I file keeps the original .jpg):
                # not a picture, nothing to say here; the extension check reports real lies.
                return
            ctx.warn("Not a picture format Pillow can read (damaged or mislabelled).")
            return
        except Image.DecompressionBombError as exc:
            ctx.warn(f"Picture header declares an implausible size; EXIF not read ({exc}).")
            return
        except Exception as exc:  # noqa: BLE001 - Pillow raises many types on hostile input
            ctx.warn(f"Picture or its EXIF block is damaged ({type(exc).__name__}: {exc}).")
            return
        if record is not None:
            yield record


EXTRACTORS = (ExifExtractor,)
