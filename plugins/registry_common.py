"""Shared pieces of the Windows registry extractors (libregf through pyregf).

A hive is opened from the bytes the pipeline already read (never from the evidence). Each
extractor finds its hives by path glob, by file name, or by the ``regf`` signature and then by
content (the keys it needs), so a renamed or exported hive is still examined. A damaged hive
is opened as far as it goes: a truncated one is cut back to its last whole hive bin, and every
unreadable key or value becomes a warning, never an exception.

This module is a helper, not an extractor: its ``EXTRACTORS`` tuple is empty.
"""

from __future__ import annotations

import datetime as _dt
import fnmatch
import io
import struct
from collections.abc import Iterator
from typing import Any, BinaryIO

import pyregf

from forensic_triage.plugin_api import ExtractContext, Extractor, FileInfo, InputSpec, Record, glob_to_regex
from forensic_triage.timeutil import from_filetime, iso

REGF = b"regf"
HIVE_GLOBS = {
    "SYSTEM": "%SystemRoot%/System32/config/SYSTEM",
    "SOFTWARE": "%SystemRoot%/System32/config/SOFTWARE",
    "SAM": "%SystemRoot%/System32/config/SAM",
    "NTUSER.DAT": "%UserProfile%/NTUSER.DAT",
}

REG_SZ, REG_EXPAND_SZ, REG_BINARY, REG_DWORD, REG_DWORD_BE, REG_MULTI_SZ, REG_QWORD = 1, 2, 3, 4, 5, 7, 11


def hive_inputs(*hives: str) -> InputSpec:
    """Select a hive by its usual path, by its file name, or by the ``regf`` signature."""
    return InputSpec(globs=tuple(HIVE_GLOBS[h] for h in hives), names=hives, signatures=(REGF,))


class Hive:
    """An open hive plus the context to report damage through."""

    def __init__(self, ctx: ExtractContext, regf: Any, damaged: bool, named: bool = True) -> None:
        self.ctx = ctx
        self.regf = regf
        self.damaged = damaged
        self.named = named
        self._seen: set[str] = set()
        self._pending: list[str] = []

    def warn_once(self, where: str, exc: Exception) -> None:
        """Report damage once per distinct libregf error (one broken list fails many look-ups).

        For a hive selected only by its signature the report waits until the extractor has
        found its own keys in it (see :meth:`finish`): damage in some other kind of hive is
        not this extractor's business.
        """
        detail = str(exc)
        if detail in self._seen:
            return
        self._seen.add(detail)
        message = f"Damaged registry data at {where}: {_short(exc)}; the rest of the hive is still read."
        if self.named:
            self.ctx.warn(message)
        else:
            self._pending.append(message)

    def finish(self, records: Iterator[Record]) -> Iterator[Record]:
        """Pass the extractor's records through, then report held-back damage if it found any."""
        count = 0
        for record in records:
            count += 1
            yield record
        if count:
            for message in self._pending:
                self.ctx.warn(message)
        self._pending.clear()

    def key(self, path: str) -> Any | None:
        """The key at ``path`` (relative to the root, backslash separated), or None."""
        try:
            return self.regf.get_key_by_path(path)
        except OSError as exc:
            self.warn_once(path, exc)
            return None

    def subkeys(self, key: Any, where: str) -> Iterator[Any]:
        return self._children(key, where, "number_of_sub_keys", "get_sub_key", "sub key")

    def values(self, key: Any, where: str) -> Iterator[Any]:
        return self._children(key, where, "number_of_values", "get_value", "value")

    def _children(self, key: Any, where: str, count_attr: str, getter: str, label: str) -> Iterator[Any]:
        """Sub keys or values of a key; each damaged one is a warning and the rest are still read."""
        try:
            count = getattr(key, count_attr)
        except OSError as exc:
            self.warn_once(where, exc)
            return
        for index in range(count):
            try:
                yield getattr(key, getter)(index)
            except OSError as exc:
                self.warn_once(f"{where} ({label} {index})", exc)

    def value(self, key: Any, name: str, where: str = "") -> Any | None:
        try:
            return key.get_value_by_name(name)
        except OSError as exc:
            self.warn_once(f"{where}\\{name}" if where else name, exc)
            return None

    def string(self, key: Any, name: str) -> str | None:
        return value_text(self.value(key, name))

    def integer(self, key: Any, name: str) -> int | None:
        return value_int(self.value(key, name))

    def binary(self, key: Any, name: str) -> bytes | None:
        v = self.value(key, name)
        return value_bytes(v) if v is not None else None

    def control_set(self) -> str | None:
        """The control set in use (``ControlSet001``) from ``Select\\Current``; None if not a SYSTEM hive."""
        select = self.key("Select")
        if select is None:
            return None
        current = self.integer(select, "Current")
        if current is None:
            current = self.integer(select, "Default")
        if current is None or self.key(f"ControlSet{current:03d}") is None:
            self.ctx.warn("Select\\Current names no existing control set; ControlSet001 is used.")
            return "ControlSet001" if self.key("ControlSet001") is not None else None
        return f"ControlSet{current:03d}"


def open_hive(ctx: ExtractContext, stream: BinaryIO, spec: InputSpec, info: FileInfo) -> Hive | None:
    """Open the hive in ``stream``; a damaged one is salvaged where possible. None: not readable.

    A file selected only by the ``regf`` signature that libregf refuses (e.g. a transaction log)
    is passed over silently; one at a hive's path or with a hive's name gets a warning.
    """
    ctx.uses_library("libregf", pyregf.get_version())
    data = stream.read()
    named = _selected_by_name(spec, info)
    try:
        return Hive(ctx, _open(data), damaged=False, named=named)
    except OSError as exc:
        first_error = exc
    if not data.startswith(REGF):
        # Only at a hive's own path: a file that merely shares a name ("system") is not a hive.
        if _at_hive_path(spec, info):
            ctx.warn(f"Not a registry hive (no 'regf' signature); not parsed ({_short(first_error)}).")
        return None
    salvaged, usable = _salvage(data)
    if salvaged is not None:
        try:
            hive = Hive(ctx, _open(salvaged), damaged=True, named=named)
        except OSError:
            hive = None
        if hive is not None:
            message = (f"The hive is truncated or damaged ({_short(first_error)}); {usable} of {len(data)} bytes "
                       "could be used and what they hold is reported.")
            if named:
                ctx.warn(message)
            else:
                hive._pending.append(message)
            return hive
    if named:
        ctx.warn(f"The registry hive cannot be opened: {_short(first_error)}.")
    return None


def _open(data: bytes) -> Any:
    regf = pyregf.file()
    regf.open_file_object(io.BytesIO(data))
    regf.get_root_key()  # fails early on a hive whose root cannot be read
    return regf


def _salvage(data: bytes) -> tuple[bytes | None, int]:
    """A copy cut back to the last whole hive bin, with the base block's size and checksum fixed."""
    end = 4096
    while end + 32 <= len(data) and data[end: end + 4] == b"hbin":
        size = struct.unpack_from("<I", data, end + 8)[0]
        if size < 4096 or size % 4096 or end + size > len(data):
            break
        end += size
    if end == 4096:
        return None, 0
    copy = bytearray(data[:end])
    struct.pack_into("<I", copy, 0x28, end - 4096)
    checksum = 0
    for (word,) in struct.iter_unpack("<I", bytes(copy[:508])):
        checksum ^= word
    struct.pack_into("<I", copy, 0x1FC, checksum)
    return bytes(copy), end


def _at_hive_path(spec: InputSpec, info: FileInfo) -> bool:
    rel = info.path.lstrip("/")
    return any(glob_to_regex(g).match(rel) for g in spec.globs)


def _selected_by_name(spec: InputSpec, info: FileInfo) -> bool:
    if _at_hive_path(spec, info):
        return True
    return any(fnmatch.fnmatchcase(info.name.lower(), n.lower()) for n in spec.names)


def _short(exc: Exception) -> str:
    """libyal errors chain outermost to innermost cause: keep the first and the last link."""
    parts = [p.strip().rstrip(".") for p in str(exc).split(". ") if p.strip()]
    if not parts:
        return type(exc).__name__
    text = parts[0] if len(parts) == 1 else f"{parts[0]}: {parts[-1]}"
    return text[:300]


# --------------------------------------------------------------------------------- values
def value_bytes(value: Any) -> bytes:
    try:
        data = value.data
    except OSError:
        return b""
    return bytes(data) if data else b""


def value_text(value: Any | None) -> str | None:
    """REG_SZ / REG_EXPAND_SZ as text (other types: their bytes decoded as UTF-16 if plausible)."""
    if value is None:
        return None
    data = value_bytes(value)
    try:
        kind = value.type
    except OSError:
        kind = REG_BINARY
    if kind == REG_MULTI_SZ:
        return "; ".join(multi_sz(data))
    if kind in (REG_DWORD, REG_QWORD, REG_DWORD_BE):
        number = value_int(value)
        return None if number is None else str(number)
    return utf16z(data)


def value_int(value: Any | None) -> int | None:
    if value is None:
        return None
    data = value_bytes(value)
    try:
        kind = value.type
    except OSError:
        return None
    if kind == REG_DWORD_BE and len(data) >= 4:
        return int(struct.unpack(">I", data[:4])[0])
    if len(data) >= 8 and kind == REG_QWORD:
        return int(struct.unpack("<Q", data[:8])[0])
    if len(data) >= 4 and kind in (REG_DWORD, REG_BINARY, REG_QWORD):
        return int(struct.unpack("<I", data[:4])[0])
    if kind in (REG_SZ, REG_EXPAND_SZ):
        text = utf16z(data).strip()
        return int(text) if text.isdigit() else None
    return None


def utf16z(data: bytes) -> str:
    """UTF-16LE text up to its first NUL character (bad code units replaced, never dropped)."""
    if len(data) % 2:
        data = data[:-1]
    for i in range(0, len(data), 2):
        if data[i: i + 2] == b"\x00\x00":
            data = data[:i]
            break
    return data.decode("utf-16-le", "replace")


def multi_sz(data: bytes) -> list[str]:
    text = data[: len(data) - len(data) % 2].decode("utf-16-le", "replace")
    return [part for part in text.split("\x00") if part]


def key_name(key: Any) -> str:
    try:
        return str(key.name or "")
    except OSError:
        return ""


def key_time(key: Any) -> str | None:
    """The key's last written time, ISO UTC."""
    try:
        return filetime_int(key.get_last_written_time_as_integer())
    except OSError:
        return None


def filetime_int(value: int | None) -> str | None:
    return iso(from_filetime(value)) if value else None


def filetime_bytes(data: bytes | None, offset: int = 0) -> str | None:
    if not data or len(data) < offset + 8:
        return None
    return filetime_int(struct.unpack_from("<Q", data, offset)[0])


def systemtime_bytes(data: bytes | None) -> str | None:
    """A 16-byte SYSTEMTIME as ``YYYY-MM-DDTHH:MM:SS.mmm`` (no zone: Windows writes local time here)."""
    if not data or len(data) < 16:
        return None
    year, month, _dow, day, hour, minute, second, millis = struct.unpack_from("<8H", data)
    try:
        moment = _dt.datetime(year, month, day, hour, minute, second, millis * 1000)
    except ValueError:
        return None
    return moment.isoformat(timespec="milliseconds")


# A helper module: it registers no extractor of its own (see plugins/__init__.py).
EXTRACTORS: tuple[type[Extractor], ...] = ()
