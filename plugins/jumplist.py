"""Windows jump lists: automaticDestinations-ms (OLE: DestList + LNK streams) and customDestinations-ms.

The OLE container is read with libolecf-python and every embedded shortcut with liblnk-python.
The DestList stream has no maintained parser, so its fixed layout (documented by libyal's
dtformats) is read with ``struct``. A customDestinations-ms file is a sequence of categories
holding concatenated shortcuts: each shortcut is found by its LNK header.
"""

from __future__ import annotations

import dataclasses
import struct
import uuid
from collections.abc import Iterator
from typing import Any, BinaryIO, ClassVar

from forensic_triage.plugin_api import ExtractContext, Extractor, FileInfo, InputSpec, Record
from forensic_triage.timeutil import from_filetime, iso

from .lnk import LNK_HEADER, LinkFields, clean_text, link_library, mac_from_droid, read_link

MAX_ENTRIES = 10_000
MAX_STREAM = 16 * 1024 * 1024
LINK_FIELD_NAMES = tuple(f.name for f in dataclasses.fields(LinkFields))


@dataclasses.dataclass(frozen=True)
class JumpListEntry(LinkFields):
    record_type: ClassVar[str] = "windows.jumplist"
    time_fields: ClassVar[dict[str, str]] = {**LinkFields.time_fields, "last_used": "Jump list entry last used"}

    jumplist_type: str  # automatic | custom
    app_id: str  # the AppID the file name starts with (identifies the application)
    entry_id: str  # OLE stream name (automatic) or position of the shortcut in the file (custom)
    destlist_path: str | None
    hostname: str | None
    last_used: str | None
    pin_status: int | None  # -1 = not pinned
    access_count: int | None  # DestList version 3 and later
    destlist_droid_volume: str | None
    destlist_droid_file: str | None

    def summary(self) -> str:
        return f"Jump list ({self.app_id}) entry {self.destlist_path or self.target_path or self.entry_id}"


@dataclasses.dataclass(frozen=True, slots=True)
class DestListEntry:
    entry_number: int
    path: str
    hostname: str
    last_used: str | None
    pin_status: int
    access_count: int | None
    droid_volume: str
    droid_file: str


def parse_destlist(data: bytes, ctx: ExtractContext) -> list[DestListEntry]:
    """The entries of a DestList stream (format 1: Windows 7/8; 3 and 4: Windows 10/11)."""
    if len(data) < 32:
        ctx.warn("DestList stream is shorter than its 32-byte header.")
        return []
    version, count = struct.unpack_from("<II", data, 0)
    if version not in (1, 2, 3, 4):
        ctx.warn(f"DestList format version {version} is not supported.")
        return []
    fixed = 114 if version == 1 else 130
    trailer = 0 if version == 1 else 4
    entries: list[DestListEntry] = []
    offset = 32
    while offset + fixed <= len(data) and len(entries) < min(count, MAX_ENTRIES):
        droid_volume = str(uuid.UUID(bytes_le=data[offset + 8: offset + 24]))
        droid_file = str(uuid.UUID(bytes_le=data[offset + 24: offset + 40]))
        hostname = data[offset + 72: offset + 88].split(b"\0", 1)[0].decode("ascii", "replace")
        number, = struct.unpack_from("<I", data, offset + 88)
        filetime, pin = struct.unpack_from("<Qi", data, offset + 100)
        access_count = struct.unpack_from("<I", data, offset + 116)[0] if version > 1 else None
        chars, = struct.unpack_from("<H", data, offset + fixed - 2)
        end = offset + fixed + 2 * chars
        if end > len(data):
            ctx.warn(f"DestList entry {number} runs past the end of the stream (truncated).")
            break
        path = data[offset + fixed: end].decode("utf-16-le", "surrogatepass")
        entries.append(DestListEntry(number, clean_text(path) or "", hostname, iso(from_filetime(filetime)),
                                     pin, access_count, droid_volume, droid_file))
        offset = end + trailer
    if len(entries) < count:
        ctx.warn(f"DestList header announces {count} entries; {len(entries)} could be read.")
    return entries


def _entry(kind: str, app_id: str, entry_id: str, link: dict[str, Any] | None,
           dest: DestListEntry | None) -> JumpListEntry:
    values = dict(link) if link else dict.fromkeys(LINK_FIELD_NAMES)
    if dest is not None and not values.get("mac_address"):
        values["mac_address"] = mac_from_droid(dest.droid_file)
    return JumpListEntry(
        **values, jumplist_type=kind, app_id=app_id, entry_id=entry_id,
        destlist_path=dest.path if dest else None, hostname=dest.hostname if dest else None,
        last_used=dest.last_used if dest else None, pin_status=dest.pin_status if dest else None,
        access_count=dest.access_count if dest else None,
        destlist_droid_volume=dest.droid_volume if dest else None,
        destlist_droid_file=dest.droid_file if dest else None,
    )


def _link(data: bytes, where: str, ctx: ExtractContext) -> dict[str, Any] | None:
    try:
        values, damaged = read_link(data)
    except OSError as exc:
        ctx.warn(f"Shortcut {where} is damaged (liblnk: {exc}).")
        return None
    if damaged:
        ctx.warn(f"Shortcut {where} is damaged or truncated: fields after the damage are missing.")
    return values


class JumpListExtractor(Extractor):
    name = "windows.jumplist"
    version = "1.0"
    description = "Windows jump lists: automatic (DestList + shortcuts) and custom destinations"
    references = (
        "https://github.com/libyal/dtformats/blob/main/documentation/Jump%20lists%20format.asciidoc",
        "https://github.com/libyal/libolecf",
    )
    inputs = InputSpec(
        globs=("%AppData%/Microsoft/Windows/Recent/AutomaticDestinations/*.automaticDestinations-ms",
               "%AppData%/Microsoft/Windows/Recent/CustomDestinations/*.customDestinations-ms"),
        names=("*.automaticDestinations-ms", "*.customDestinations-ms"),
        max_size=64 * 1024 * 1024,
    )
    record_types = (JumpListEntry,)

    def extract(self, ctx: ExtractContext, stream: BinaryIO, file_info: FileInfo) -> Iterator[Record]:
        link_library(ctx)
        app_id = file_info.name.split(".", 1)[0]
        if file_info.name.lower().endswith(".customdestinations-ms"):
            yield from self._custom(ctx, stream.read(), app_id)
        else:
            yield from self._automatic(ctx, stream, app_id)

    def _automatic(self, ctx: ExtractContext, stream: BinaryIO, app_id: str) -> Iterator[Record]:
        import pyolecf

        ctx.uses_library("libolecf-python", str(pyolecf.get_version()))
        olecf = pyolecf.file()
        try:
            olecf.open_file_object(stream)
        except OSError as exc:
            ctx.warn(f"Not a readable OLE compound file (libolecf: {exc}).")
            return
        try:
            streams: dict[str, Any] = {}
            for item in olecf.root_item.sub_items:
                streams[item.name or ""] = item
            destlist: list[DestListEntry] = []
            if "DestList" in streams:
                destlist = parse_destlist(self._read(streams.pop("DestList"), ctx), ctx)
            else:
                ctx.warn("No DestList stream: entries are listed without their use times.")
            for dest in destlist:
                name = f"{dest.entry_number:x}"
                item = streams.pop(name, None)
                link = _link(self._read(item, ctx), f"stream {name}", ctx) if item is not None else None
                yield _entry("automatic", app_id, name, link, dest)
            for name, item in sorted(streams.items()):
                data = self._read(item, ctx)
                if data.startswith(LNK_HEADER):
                    yield _entry("automatic", app_id, name, _link(data, f"stream {name}", ctx), None)
        except OSError as exc:
            ctx.warn(f"Jump list is damaged (libolecf: {exc}).")
        finally:
            olecf.close()

    @staticmethod
    def _read(item: Any, ctx: ExtractContext) -> bytes:
        size = int(item.size or 0)
        if size > MAX_STREAM:
            ctx.warn(f"Stream {item.name} is {size} bytes; only the first {MAX_STREAM} are read.")
            size = MAX_STREAM
        return bytes(item.read_buffer_at_offset(size, 0)) if size else b""

    def _custom(self, ctx: ExtractContext, data: bytes, app_id: str) -> Iterator[Record]:
        if len(data) < 12 or struct.unpack_from("<I", data, 0)[0] != 2:
            ctx.warn("Not a customDestinations-ms file (format version 2 header missing).")
            return
        starts: list[int] = []
        position = data.find(LNK_HEADER)
        while position >= 0 and len(starts) < MAX_ENTRIES:
            starts.append(position)
            position = data.find(LNK_HEADER, position + len(LNK_HEADER))
        if not starts:
            ctx.warn("customDestinations-ms file holds no shortcut.")
        for index, start in enumerate(starts):
            end = starts[index + 1] if index + 1 < len(starts) else len(data)
            link = _link(data[start:end], f"{index + 1} at offset {start}", ctx)
            if link is not None:
                yield _entry("custom", app_id, str(index + 1), link, None)
        if not data.endswith(b"\xab\xfb\xbf\xba"):
            ctx.warn("customDestinations-ms file does not end with its footer (truncated?).")


EXTRACTORS = (JumpListExtractor,)
