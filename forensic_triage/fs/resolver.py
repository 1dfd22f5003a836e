"""The one way to open evidence content read-only: media -> volume -> file system -> file stream.

Every reader of evidence bytes after intake goes through a :class:`Resolver`: the triage worker,
the viewers, the package copier (``exports.evidence_read``), the content search, the map of
damaged sectors. The open chain — the container (raw, split raw, EWF) opened read-only by
:mod:`..evidence.images`, the volume found by its byte offset, the file system opened by The Sleuth
Kit, the file stream found by inode and attribute — is written here once (compare dfvfs's path
specifications and resolver), so a new layer (a virtual disk, a shadow copy, an unlocked encrypted
volume, an archive member) is added in one place and every reader gains it.

A locator names its volume by byte offset and, for a nested layer, by ``Locator.layer``-style text
(``volume_layer`` here); this version opens the plain layer only and says so for any other.

Opened media and file systems are cached (least recently used first out) and shared between
threads under one lock; pytsk3 handles are not thread-safe, so reads through one resolver are
serialised. A worker process holds its own resolver.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterator, Mapping
from typing import Any

import pytsk3

from ..errors import EvidenceError, FileSystemError
from ..evidence.images import EwfMedia, RawMedia, open_media, tsk_image
from ..model import Locator

CHUNK = 1024 * 1024


class FileStream:
    """One file stream (a file or an NTFS attribute) opened read-only from a file system."""

    def __init__(self, fs_file: pytsk3.File, *, size: int, path: str,
                 attr_type: int | None = None, attr_id: int | None = None) -> None:
        self.file = fs_file  # the pytsk3 handle (for block runs); never used to write
        self.size = size
        self.path = path
        self.attr_type = attr_type
        self.attr_id = attr_id
        self._args: tuple[int, ...] = ()
        if attr_type is not None and attr_id is not None:
            self._args = (int(attr_type), int(attr_id))

    def read(self, offset: int, length: int) -> bytes:
        """Up to ``length`` bytes from ``offset``; raises :class:`OSError` where the evidence cannot
        give them (callers say which range and what that means for the finding)."""
        if length <= 0:
            return b""
        return bytes(self.file.read_random(offset, length, *self._args))

    def chunks(self, limit: int | None = None, chunk: int = CHUNK) -> Iterator[bytes]:
        """The stream's bytes in order, up to ``limit`` (default: its size); stops at the first
        short or empty read (the caller compares what it got with what it asked for)."""
        end = self.size if limit is None else min(self.size, limit)
        offset = 0
        while offset < end:
            data = self.read(offset, min(chunk, end - offset))
            if not data:
                return
            offset += len(data)
            yield data


class Resolver:
    """Opens evidence read-only and keeps the last few media and file systems open."""

    def __init__(self, *, keep: int = 4) -> None:
        self.keep = keep
        self._lock = threading.RLock()
        self._media: OrderedDict[str, tuple[RawMedia | EwfMedia, pytsk3.Img_Info]] = OrderedDict()
        self._fs: dict[tuple[str, int, str], pytsk3.FS_Info] = {}

    # ------------------------------------------------------------------ layers
    def image(self, evidence_path: str) -> pytsk3.Img_Info:
        """The whole media of an evidence item as a pytsk3 image (read-only)."""
        with self._lock:
            entry = self._media.get(evidence_path)
            if entry is None:
                media = open_media(evidence_path)
                entry = (media, tsk_image(media))
                self._media[evidence_path] = entry
                while len(self._media) > self.keep:
                    old, (old_media, _img) = self._media.popitem(last=False)
                    self._fs = {k: v for k, v in self._fs.items() if k[0] != old}
                    old_media.close()
            self._media.move_to_end(evidence_path)
            return entry[1]

    def filesystem(self, evidence_path: str, partition_offset: int, volume_layer: str = "") -> pytsk3.FS_Info:
        """The file system of the volume at ``partition_offset`` bytes into the media.

        Raises :class:`FileSystemError` (with the reason) when it cannot be opened.
        """
        if volume_layer:
            raise FileSystemError(
                f"The volume layer {volume_layer!r} at byte {partition_offset} cannot be opened by this version.",
                hint="Open the case with the version of the tool that recorded it.")
        key = (evidence_path, int(partition_offset), volume_layer)
        with self._lock:
            fs = self._fs.get(key)
            if fs is None:
                img = self.image(evidence_path)
                try:
                    fs = pytsk3.FS_Info(img, offset=int(partition_offset))
                except OSError as exc:
                    raise FileSystemError(
                        f"The file system at byte {partition_offset} cannot be opened: {exc}") from exc
                self._fs[key] = fs
            return fs

    # ------------------------------------------------------------------- files
    def open(self, evidence_path: str, locator: Locator, *, size: int) -> FileStream:
        """The file stream a locator names (inode + attribute), read-only.

        Raises :class:`FileSystemError` when its volume cannot be opened and :class:`EvidenceError`
        when the file's metadata cannot be read.
        """
        with self._lock:
            fs = self.filesystem(evidence_path, locator.partition_offset)
            try:
                handle = fs.open_meta(inode=locator.inode)
            except OSError as exc:
                raise EvidenceError(f"{locator.path or str(locator)} cannot be opened in the evidence: {exc}.") from exc
        return FileStream(handle, size=size, path=locator.path, attr_type=locator.attr_type,
                          attr_id=locator.attr_id)

    def open_row(self, evidence_path: str, row: Mapping[str, Any]) -> FileStream:
        """The file stream of a ``files`` row (a dict with uid-free locator columns and ``size``)."""
        locator = Locator(
            str(row.get("evidence_uid") or ""), int(row["partition_offset"]), int(row["inode"]),
            None if row.get("attr_type") is None else int(row["attr_type"]),
            None if row.get("attr_id") is None else int(row["attr_id"]),
            str(row.get("stream") or ""), str(row.get("path") or ""))
        return self.open(evidence_path, locator, size=int(row.get("size") or 0))

    def read(self, stream: FileStream, offset: int, length: int) -> bytes:
        """A read of ``stream`` under the resolver's lock (for readers on several threads)."""
        with self._lock:
            return stream.read(offset, length)

    def close(self) -> None:
        with self._lock:
            for media, _img in self._media.values():
                media.close()
            self._media.clear()
            self._fs.clear()

    def __enter__(self) -> Resolver:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
