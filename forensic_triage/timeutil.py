"""Time handling: store UTC, display UTC plus the case's local zone with its offset."""

from __future__ import annotations

import datetime as _dt
import functools
import time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

UTC = _dt.UTC

# FILETIME epoch (1601-01-01) to Unix epoch, in 100 ns ticks.
_FILETIME_EPOCH_DELTA = 116444736000000000


def utcnow() -> _dt.datetime:
    return _dt.datetime.now(UTC)


def utcnow_iso() -> str:
    return iso(utcnow()) or ""


def iso(value: _dt.datetime | None) -> str | None:
    """ISO 8601 in UTC with a trailing ``Z`` (microseconds kept when present)."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    text = value.astimezone(UTC).isoformat()
    return text.replace("+00:00", "Z")


def sortable(text: str | None) -> str | None:
    """An ISO time normalised to fixed width (``2025-02-27T18:22:05.000000Z``), so text order is
    time order; used for the timeline, whose times come from many sources and precisions."""
    if not text:
        return None
    try:
        moment = _dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        # A time without a zone (a camera clock, a local registry time) is never shown as UTC.
        return None
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def compact_iso(text: str | None) -> str | None:
    """The shortest ISO form of a stored time (no ``.000000`` where there were no fractions)."""
    try:
        return iso(parse_iso(text)) if text else text
    except ValueError:
        return text


def from_unix(seconds: float | int | None, nanos: int = 0) -> _dt.datetime | None:
    """A Unix time (as pytsk3 gives it) as an aware UTC datetime; ``None`` for 0/unset."""
    if not seconds and not nanos:
        return None
    try:
        base = _dt.datetime.fromtimestamp(int(seconds or 0), UTC)
    except (OverflowError, OSError, ValueError):
        return None
    if nanos:
        base += _dt.timedelta(microseconds=int(nanos) // 1000)
    return base


_MAX_UNIX = 253402300799  # 9999-12-31T23:59:59Z, the last second ISO 8601 years can hold


@functools.lru_cache(maxsize=65536)
def _second_text(seconds: int) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(seconds))


def unix_iso(seconds: float | int | None, nanos: int = 0) -> str | None:
    """A Unix time (with nanoseconds) as ISO UTC text; ``None`` for 0/unset or out of range.

    The walk formats four times per entry, so this avoids datetime objects (same output as
    ``iso(from_unix(seconds, nanos))``, several times faster; file times share seconds).
    """
    if not seconds and not nanos:
        return None
    whole = int(seconds or 0)
    if whole > _MAX_UNIX or whole < -62135596800:
        return None
    try:
        base = _second_text(whole)
    except (OverflowError, OSError, ValueError):
        return None
    micro = int(nanos) // 1000
    return f"{base}.{micro:06d}Z" if micro else f"{base}Z"


def from_filetime(value: int | None) -> _dt.datetime | None:
    """A Windows FILETIME (100 ns ticks since 1601) as UTC; ``None`` for 0 or out of range."""
    if not value or value < _FILETIME_EPOCH_DELTA // 1000:
        return None
    try:
        micro = (int(value) - _FILETIME_EPOCH_DELTA) // 10
        return _dt.datetime(1970, 1, 1, tzinfo=UTC) + _dt.timedelta(microseconds=micro)
    except (OverflowError, ValueError):
        return None


def parse_iso(text: str | None) -> _dt.datetime | None:
    if not text:
        return None
    value = _dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value


def zone(name: str | None) -> _dt.tzinfo:
    """The tzinfo for an IANA name (``America/Jamaica``) or a fixed offset (``-04:00``)."""
    if not name or name.upper() in ("UTC", "Z"):
        return UTC
    if name[0] in "+-" and ":" in name:
        sign = -1 if name[0] == "-" else 1
        hours, minutes = name[1:].split(":", 1)
        return _dt.timezone(sign * _dt.timedelta(hours=int(hours), minutes=int(minutes)))
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown time zone {name!r}: use an IANA name such as America/Port_of_Spain") from exc


def local_display(value: str | _dt.datetime | None, tz_name: str | None) -> str:
    """``2025-02-27 18:22:05 UTC (14:22:05 -04:00)``: UTC first, then the case's local time."""
    if value is None or value == "":
        return ""
    moment = parse_iso(value) if isinstance(value, str) else value
    if moment is None:
        return ""
    utc_text = moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    if not tz_name or tz_name.upper() == "UTC":
        return utc_text
    local = moment.astimezone(zone(tz_name))
    offset = local.strftime("%z")
    offset = f"{offset[:3]}:{offset[3:]}" if offset else ""
    return f"{utc_text} ({local.strftime('%Y-%m-%d %H:%M:%S')} {offset})"


# ----------------------------------------------------------------------------- time basis
# How a stored time is known (case format 3). A file system or artifact either records UTC
# ('utc') or a local wall clock with no zone ('local': FAT, EXIF, some registry values). A local
# time becomes UTC only with the zone the examiner declares for that evidence item, and is then
# labelled as resting on that assumption; without a zone it is shown as local and never as UTC.
BASIS_UTC = "utc"
BASIS_LOCAL = "local"


def local_to_utc(text: str | None, source_zone: str | None) -> str | None:
    """A naive local time (``2025-02-27T14:22:05`` or a date ``2025-02-27``) made UTC with the
    declared zone; ``None`` without a zone or for text that is not a time. A date alone has no
    time of day and is never made UTC."""
    moment = _zoned_local(text, source_zone)
    return iso(moment) if moment else None


def _zoned_local(text: str | None, source_zone: str | None) -> _dt.datetime | None:
    """A naive local time (not a date alone) as an aware time in the declared zone; ``None``
    without a zone or for text that is not a time. Text that carries an offset keeps it.

    fold=0: in the repeated hour at the end of summer time the earlier instant is taken; the
    label says the zone is assumed, so the ambiguity is the examiner's to weigh."""
    if not text or not source_zone or len(text) <= 10:
        return None
    try:
        moment = _dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=zone(source_zone))


def basis_label(basis: str, source_zone: str | None) -> str:
    """Plain words for how a time is known, for reports and tables."""
    if basis == BASIS_LOCAL:
        if source_zone:
            return f"local clock, zone {source_zone} declared by the examiner (assumed)"
        return "local clock, zone unknown"
    return "UTC as recorded by the source"


def resolve_time(text: str | None, basis: str, source_zone: str | None) -> tuple[str | None, str]:
    """``(UTC ISO text or None, basis label)`` for a stored time and its basis."""
    if not text:
        return None, basis_label(basis, source_zone)
    if basis == BASIS_LOCAL:
        return local_to_utc(text, source_zone), basis_label(basis, source_zone)
    return text, basis_label(basis, source_zone)


def display_time(text: str | None, basis: str, source_zone: str | None, case_zone: str | None) -> str:
    """One human string that never claims more than is known:

    * UTC source: ``2025-02-27 18:22:05 UTC (14:22:05 -04:00)`` (as :func:`local_display`);
    * local with a declared zone: the same, followed by ``[local clock, zone … assumed]``;
    * local, zone unknown: ``2025-02-27 14:22:05 local (zone unknown)``; a date alone stays a date.
    """
    if not text:
        return ""
    if basis != BASIS_LOCAL:
        return local_display(text, case_zone)
    utc_text = local_to_utc(text, source_zone)
    if utc_text:
        return f"{local_display(utc_text, case_zone)} [local clock, zone {source_zone} assumed]"
    shown = text.replace("T", " ")
    if len(text) <= 10:
        return f"{shown} (date only, local, zone unknown)" if not source_zone else f"{shown} (date only, local)"
    return f"{shown} local (zone unknown)"


# ----------------------------------------------------------------------------- timeline basis
# timeline.basis is 'utc' (the source recorded UTC or an offset) or 'assumed:ZONE' (a local
# clock time made UTC with the zone the examiner declared; timeline.local_time keeps the text).
ASSUMED_PREFIX = "assumed:"


def assumed_basis(source_zone: str) -> str:
    return f"{ASSUMED_PREFIX}{source_zone}"


def basis_zone(basis: str | None) -> str | None:
    """The declared zone an ``assumed:ZONE`` basis rests on; ``None`` for 'utc'."""
    if basis and basis.startswith(ASSUMED_PREFIX):
        return basis[len(ASSUMED_PREFIX):] or None
    return None


def is_local_text(text: str | None) -> bool:
    """True for a naive ISO time or date (no 'Z', no offset): a local clock with no zone."""
    if not text:
        return False
    try:
        moment = _dt.datetime.fromisoformat(text)
    except ValueError:
        return False
    return moment.tzinfo is None


def offset_iso(text: str | None, source_zone: str | None) -> str | None:
    """A naive local time written with the UTC offset the declared zone gives at that moment
    (``2025-02-27T10:22:04-04:00``): the offset actually used; ``None`` without a zone."""
    moment = _zoned_local(text, source_zone)
    return moment.isoformat() if moment else None


def timeline_display(time_utc: str | None, basis: str | None, local_time: str | None, case_zone: str | None) -> str:
    """A timeline time with how it is known: UTC from the source as :func:`local_display`; a
    time resting on a declared zone adds ``[local clock 2025-02-27 10:22:04, zone X assumed]``."""
    if not time_utc:
        return ""
    shown = local_display(time_utc, case_zone)
    assumed = basis_zone(basis)
    if assumed:
        clock = (local_time or "").replace("T", " ")
        return f"{shown} [local clock {clock}, zone {assumed} assumed]" if clock else \
            f"{shown} [local clock, zone {assumed} assumed]"
    return shown


def sortable_local(text: str | None, source_zone: str | None) -> str | None:
    """A local clock time made UTC with a declared zone, in the timeline's fixed-width form; None
    without a zone or for a date alone (registered as the SQL function ``ft_utc`` by readers)."""
    try:
        return sortable(local_to_utc(text, source_zone))
    except ValueError:
        return None
