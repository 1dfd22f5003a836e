"""What every walkable file source gives the engine: a walk, and streams opened by locator.

A *file source* is one file system or file collection of an evidence item, reached through
zero or more layers (see :mod:`.layers`): an NTFS volume read by The Sleuth Kit, the same
volume as a shadow copy saw it, an unlocked BitLocker volume, an APFS volume (read by
libfsapfs, which TSK cannot), the members of a ZIP or TAR, the files of a folder or of an
iOS backup. The walk yields :class:`~forensic_triage.model.FileEntry` rows with locators
that carry the layer; :meth:`FileSource.open` gives the bytes of one entry back, read-only.
The triage worker, the viewers, the package copier and the read-only mount use nothing else,
so a new kind of source is added in one place (compare dfvfs's file-system and file-entry
interfaces).

:class:`TskSource` is the one over The Sleuth Kit; other sources live beside the layer that
opens them and register themselves with :func:`forensic_triage.fs.layers.register_layer`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytsk3

from ..errors import EvidenceError
from ..model import FileEntry, FileSource, Locator, Stream

CHUNK = 1024 * 1024


def chunks(stream: Stream, limit: int | None = None, chunk: int = CHUNK) -> Iterator[bytes]:
    """A stream's bytes in order, up to ``limit`` (default: its size); stops at the first short
    or empty read (the caller compares what it got with what it asked for)."""
    end = stream.size if limit is None else min(stream.size, limit)
    offset = 0
    while offset < end:
        data = stream.read(offset, min(chunk, end - offset))
        if not data:
            return
        offset += len(data)
        yield data


class TskStream:
    """One file stream (a file or an NTFS attribute) opened read-only through The Sleuth Kit."""

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
        if length <= 0:
            return b""
        return bytes(self.file.read_random(offset, length, *self._args))

    def chunks(self, limit: int | None = None, chunk: int = CHUNK) -> Iterator[bytes]:
        return chunks(self, limit, chunk)


class TskSource:
    """A file system The Sleuth Kit opens (NTFS, FAT, exFAT, ext, HFS+, ISO 9660, UFS)."""

    def __init__(self, fs: pytsk3.FS_Info) -> None:
        from .volumes import fs_type_name
        from .walker import time_basis_of

        self.fs = fs
        self.fs_type = fs_type_name(fs)
        try:
            self.block_size = int(fs.info.block_size) or 512
        except (AttributeError, TypeError, ValueError):
            self.block_size = 512
        self.time_basis = time_basis_of(fs)

    def walk(self, evidence_uid: str, offset: int, layer: str,
             on_warning: Callable[[str], None] | None = None) -> Iterator[FileEntry]:
        from .walker import Walker

        walker = Walker(self.fs, evidence_uid, offset, ntfs=self.fs_type == "NTFS", on_warning=on_warning,
                        layer=layer)
        yield from walker.walk()

    def rows(self, evidence_uid: str, offset: int, layer: str,
             on_warning: Callable[[str], None] | None = None) -> Iterator[tuple[Any, ...]]:
        """The entries of :meth:`walk` as ``files`` row values (``jobs.worker.entry_row``), made
        without a FileEntry per entry: the walk the triage worker uses (about twice as fast)."""
        from .walker import RowWalker

        walker = RowWalker(self.fs, evidence_uid, offset, ntfs=self.fs_type == "NTFS", on_warning=on_warning,
                           layer=layer)
        yield from walker.rows()

    def open(self, locator: Locator, size: int) -> TskStream:
        try:
            handle = self.fs.open_meta(inode=locator.inode)
        except OSError as exc:
            raise EvidenceError(f"{locator.path or str(locator)} cannot be opened in the evidence: {exc}.") from exc
        return TskStream(handle, size=size, path=locator.path, attr_type=locator.attr_type,
                         attr_id=locator.attr_id)

    def open_path(self, path: str) -> TskStream | None:
        try:
            handle = self.fs.open(path=path)
            size = int(handle.info.meta.size) if handle.info.meta else 0
        except (OSError, AttributeError):
            return None
        return TskStream(handle, size=size, path=path)

    def close(self) -> None:
        """pytsk3 frees the file system with its last reference."""


__all__ = ["CHUNK", "FileSource", "Stream", "TskSource", "TskStream", "chunks"]
