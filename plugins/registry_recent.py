"""What a user opened or typed (NTUSER.DAT): RecentDocs, Explorer TypedPaths and Internet
Explorer TypedURLs (with TypedURLsTime on Windows 8 and later).

Times: a most-recently-used list records only when its newest item was used (the key's last
written time), so only that item carries a time; TypedURLsTime gives every typed URL its own.
"""

from __future__ import annotations

import dataclasses
import re
import struct
from collections.abc import Iterator
from typing import Any, BinaryIO, ClassVar

from forensic_triage.plugin_api import ExtractContext, Extractor, FileInfo, Record

from .registry_common import (
    Hive,
    filetime_bytes,
    hive_inputs,
    key_name,
    key_time,
    open_hive,
    utf16z,
    value_bytes,
)

RECENT_DOCS = "Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\RecentDocs"
TYPED_PATHS = "Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\TypedPaths"
TYPED_URLS = "Software\\Microsoft\\Internet Explorer\\TypedURLs"
TYPED_URLS_TIME = "Software\\Microsoft\\Internet Explorer\\TypedURLsTime"


@dataclasses.dataclass(frozen=True)
class RecentDocument(Record):
    record_type: ClassVar[str] = "windows.recent_doc"
    time_fields: ClassVar[dict[str, str]] = {"opened_time": "File or folder opened (RecentDocs)"}

    user: str | None
    name: str
    extension: str | None               # the RecentDocs sub key holding it (".docx", "Folder")
    mru_position: int | None            # 0 = most recent overall (None: only in an extension list)
    opened_time: str | None             # known only for the newest item of a list

    def summary(self) -> str:
        return f"Recently opened: {self.name}"


@dataclasses.dataclass(frozen=True)
class TypedPath(Record):
    record_type: ClassVar[str] = "windows.typed_path"
    time_fields: ClassVar[dict[str, str]] = {"typed_time": "Path typed in Explorer"}

    user: str | None
    path: str
    position: int                       # 1 = most recent
    typed_time: str | None

    def summary(self) -> str:
        return f"Typed in Explorer: {self.path}"


@dataclasses.dataclass(frozen=True)
class TypedUrl(Record):
    record_type: ClassVar[str] = "windows.typed_url"
    time_fields: ClassVar[dict[str, str]] = {"typed_time": "URL typed (Internet Explorer)"}

    user: str | None
    url: str
    position: int
    typed_time: str | None

    def summary(self) -> str:
        return f"Typed URL: {self.url}"


def mru_order(data: bytes | None) -> list[int]:
    if not data:
        return []
    order = []
    for (item,) in struct.iter_unpack("<I", data[: len(data) - len(data) % 4]):
        if item == 0xFFFFFFFF:
            break
        order.append(item)
    return order


def _numbered(hive: Hive, key: Any, where: str, prefix: str) -> list[tuple[int, str]]:
    """(n, text) of values named ``<prefix>n``, ordered by n."""
    out = []
    for value in hive.values(key, where):
        try:
            name = str(value.name or "")
        except OSError:
            continue
        m = re.fullmatch(prefix + r"(\d+)", name, re.IGNORECASE)
        if m:
            out.append((int(m.group(1)), utf16z(value_bytes(value))))
    return sorted(out)


class RecentActivityExtractor(Extractor):
    name = "windows.registry.recent"
    version = "1.0"
    description = "RecentDocs, Explorer TypedPaths and Internet Explorer TypedURLs (NTUSER.DAT)"
    references = (
        "https://github.com/libyal/winreg-kb/blob/main/docs/sources/explorer-keys/Most-recently-used.md",
        "https://github.com/keydet89/RegRipper3.0/blob/master/plugins/recentdocs.pl",
    )
    inputs = hive_inputs("NTUSER.DAT")
    record_types = (RecentDocument, TypedPath, TypedUrl)

    def extract(self, ctx: ExtractContext, stream: BinaryIO, file_info: FileInfo) -> Iterator[Record]:
        hive = open_hive(ctx, stream, self.inputs, file_info)
        if hive is not None:
            yield from hive.finish(self._records(ctx, hive))

    def _records(self, ctx: ExtractContext, hive: Hive) -> Iterator[Record]:
        yield from self._recent_docs(hive, ctx.user)
        paths = hive.key(TYPED_PATHS)
        if paths is not None:
            written = key_time(paths)
            for n, text in _numbered(hive, paths, TYPED_PATHS, "url"):
                yield TypedPath(user=ctx.user, path=text, position=n, typed_time=written if n == 1 else None)
        urls = hive.key(TYPED_URLS)
        if urls is not None:
            times = hive.key(TYPED_URLS_TIME)
            written = key_time(urls)
            for n, text in _numbered(hive, urls, TYPED_URLS, "url"):
                when = filetime_bytes(hive.binary(times, f"url{n}")) if times is not None else None
                if times is None and n == 1:
                    when = written
                yield TypedUrl(user=ctx.user, url=text, position=n, typed_time=when)

    def _recent_docs(self, hive: Hive, user: str | None) -> Iterator[RecentDocument]:
        root = hive.key(RECENT_DOCS)
        if root is None:
            return
        entries: dict[str, dict[str, Any]] = {}

        def read_list(key: Any, where: str, extension: str | None) -> None:
            order = mru_order(hive.binary(key, "MRUListEx"))
            written = key_time(key)
            for position, item in enumerate(order):
                name = utf16z(hive.binary(key, str(item)) or b"")
                if not name:
                    continue
                entry = entries.setdefault(name.lower(), {"name": name, "extension": None, "mru_position": None,
                                                          "opened_time": None})
                if extension is None:
                    entry["mru_position"] = position
                else:
                    entry["extension"] = extension
                if position == 0 and written and (entry["opened_time"] is None or written > entry["opened_time"]):
                    entry["opened_time"] = written

        read_list(root, RECENT_DOCS, None)
        for sub in hive.subkeys(root, RECENT_DOCS):
            read_list(sub, f"{RECENT_DOCS}\\{key_name(sub)}", key_name(sub))
        ordered = sorted(entries.values(), key=lambda e: (e["mru_position"] is None, e["mru_position"] or 0,
                                                          e["name"].lower()))
        for e in ordered:
            yield RecentDocument(user=user, name=e["name"], extension=e["extension"],
                                 mru_position=e["mru_position"], opened_time=e["opened_time"])


EXTRACTORS = (RecentActivityExtractor,)
