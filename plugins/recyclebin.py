"""Windows Recycle Bin: ``$I`` files (Vista-8.1 version 1, Windows 10+ version 2) and XP ``INFO2``.

Both are small fixed structures with no maintained parsing library, so they are read with
``struct`` (layouts as documented by libyal's dtformats and used by plaso's recycler parser).
"""

from __future__ import annotations

import dataclasses
import re
import struct
from collections.abc import Iterator
from typing import BinaryIO, ClassVar

from forensic_triage.plugin_api import ExtractContext, Extractor, FileInfo, InputSpec, Record
from forensic_triage.timeutil import from_filetime, iso

MAX_INFO2_RECORDS = 100_000
_SID = re.compile(r"^S-1-\d+(?:-\d+)+$", re.IGNORECASE)


@dataclasses.dataclass(frozen=True)
class RecycledFile(Record):
    record_type: ClassVar[str] = "windows.recyclebin"
    time_fields: ClassVar[dict[str, str]] = {"deleted": "File deleted to Recycle Bin"}

    format: str  # "$I v1" | "$I v2" | "INFO2"
    original_path: str
    deleted: str | None
    size: int
    owner_sid: str | None  # from the Recycle Bin folder the file sits in
    recycled_name: str  # the name the content was given in the Recycle Bin ($R... or Dc1.ext)
    index: int | None  # INFO2 record number
    drive_number: int | None  # INFO2 (0 = A:, 2 = C:)
    emptied: bool  # INFO2: the entry was removed from the bin (restored or purged)

    def summary(self) -> str:
        return f"{self.original_path} deleted {self.deleted or '(time unknown)'}"


def owner_sid(path: str) -> str | None:
    for part in reversed(path.split("/")[:-1]):
        if _SID.match(part):
            return part.upper()
    return None


def _utf16z(data: bytes) -> str:
    text = data.decode("utf-16-le", "replace")
    return text.split("\0", 1)[0]


def parse_i_file(data: bytes, name: str, sid: str | None, ctx: ExtractContext) -> RecycledFile | None:
    if len(data) < 24:
        ctx.warn(f"$I file is {len(data)} bytes: too short for its 24-byte header.")
        return None
    version, size, filetime = struct.unpack_from("<QQQ", data, 0)
    if version == 1:
        if len(data) < 24 + 520:
            ctx.warn("$I file (version 1) is truncated: the original path is incomplete.")
        path = _utf16z(data[24: 24 + 520])
    elif version == 2:
        if len(data) < 28:
            ctx.warn("$I file (version 2) is truncated before the path length.")
            return None
        chars, = struct.unpack_from("<I", data, 24)
        if 28 + 2 * chars > len(data):
            ctx.warn(f"$I file (version 2) announces a {chars}-character path but is truncated.")
        path = _utf16z(data[28: 28 + 2 * chars])
    else:
        ctx.warn(f"Not a Recycle Bin $I file: unknown format version {version}.")
        return None
    recycled = "$R" + name[2:] if name[:2].upper() == "$I" else ""
    return RecycledFile(f"$I v{version}", path, iso(from_filetime(filetime)), size, sid, recycled,
                        None, None, False)


def parse_info2(data: bytes, sid: str | None, ctx: ExtractContext) -> Iterator[RecycledFile]:
    if len(data) < 20:
        ctx.warn("INFO2 file is too short for its 20-byte header.")
        return
    version, _, _, record_size, _ = struct.unpack_from("<5I", data, 0)
    if record_size not in (280, 800):
        ctx.warn(f"Not a Recycle Bin INFO2 file: record size {record_size} (expected 280 or 800).")
        return
    offset, count = 20, 0
    while offset + record_size <= len(data) and count < MAX_INFO2_RECORDS:
        record = data[offset: offset + record_size]
        ansi = record[:260].split(b"\0", 1)[0]
        index, drive, filetime, size = struct.unpack_from("<IIQI", record, 260)
        unicode_path = _utf16z(record[280:800]) if record_size == 800 else ""
        letter = chr(ord("a") + drive) if drive < 26 else "?"
        emptied = record[0] == 0
        if emptied and not unicode_path:
            # Windows clears the first byte (the drive letter) when an entry leaves the bin.
            ansi = letter.upper().encode("ascii") + record[1:260].split(b"\0", 1)[0]
        path = unicode_path or ansi.decode("cp1252", "replace")
        ext = path.rsplit(".", 1)[1] if "." in path.rsplit("\\", 1)[-1] else ""
        recycled = f"D{letter}{index}" + (f".{ext}" if ext else "")
        yield RecycledFile("INFO2", path, iso(from_filetime(filetime)), size, sid, recycled, index, drive,
                           emptied)
        offset += record_size
        count += 1
    if offset < len(data) and count < MAX_INFO2_RECORDS:
        ctx.warn(f"INFO2 file ends with {len(data) - offset} bytes of a partial record (truncated?).")
    elif count >= MAX_INFO2_RECORDS:
        ctx.warn(f"INFO2 file holds more than {MAX_INFO2_RECORDS} records; the rest are not listed.")
    if version not in (4, 5):
        ctx.warn(f"INFO2 format version {version} is not one Windows writes (4 or 5); check the records.")


class RecycleBinExtractor(Extractor):
    name = "windows.recyclebin"
    version = "1.0"
    description = "Windows Recycle Bin: $I files (v1/v2) and INFO2: original path, deletion time, size, owner SID"
    references = (
        "https://github.com/libyal/dtformats/blob/main/documentation/Windows%20Recycle.Bin%20file%20formats.asciidoc",
    )
    inputs = InputSpec(
        globs=("$Recycle.Bin/*/$I*", "RECYCLER/*/INFO2", "RECYCLED/INFO2"),
        names=("$I??????*",),
        max_size=16 * 1024 * 1024,
    )
    record_types = (RecycledFile,)

    def extract(self, ctx: ExtractContext, stream: BinaryIO, file_info: FileInfo) -> Iterator[Record]:
        data = stream.read()
        sid = owner_sid(file_info.path)
        if file_info.name.upper() == "INFO2":
            yield from parse_info2(data, sid, ctx)
            return
        record = parse_i_file(data, file_info.name, sid, ctx)
        if record is not None:
            yield record


EXTRACTORS = (RecycleBinExtractor,)
