"""The one way to open evidence content read-only: media -> volume -> file system -> file stream.

Every reader of evidence bytes after intake goes through a :class:`Resolver`: the triage worker,
the viewers, the package copier (``exports.evidence_read``), the content search, the map of
damaged sectors. The open chain — the container (raw, split raw, EWF) opened read-only by
:mod:`..evidence.images`, the volume found by its byte offset, the file system opened by The Sleuth
Kit, the file stream found by inode and attribute — is written here once (compare dfvfs's path
specifications and resolver), so a new layer (a virtual disk, a shadow copy, an unlocked encrypted
volume, an archive member) is added in one place and every reader gains it.

A locator names its volume by byte offset and, for a nested layer, by ``Locator.layer``
(``bde+vss1``, ``apfs1``, ``zip``...): :meth:`Resolver.source` opens the chain segment by
segment with the openers :mod:`.layers` names, and every reader gets a :class:`~.source.FileSource`.

Opened media and file systems are cached (least recently used first out) and shared between
threads under one lock; pytsk3 handles are not thread-safe, so reads through one resolver are
serialised. A worker process holds its own resolver.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Mapping
from typing import Any

import pytsk3

from ..errors import EvidenceError, FileSystemError
from ..evidence.images import AnyMedia, open_media, tsk_image
from ..model import Locator
from . import layers as _layers
from .source import CHUNK, FileSource, Stream, TskSource, TskStream, chunks

__all__ = ["CHUNK", "EvidenceError", "FileStream", "Resolver", "chunks"]

FileStream = TskStream  # the name readers used before file sources (kept for them)


class Resolver:
    """Opens evidence read-only and keeps the last few media and file systems open."""

    def __init__(self, *, keep: int = 4) -> None:
        self.keep = keep
        self._lock = threading.RLock()
        self._media: OrderedDict[str, tuple[AnyMedia, pytsk3.Img_Info]] = OrderedDict()
        self._fs: dict[tuple[str, int, str], pytsk3.FS_Info] = {}
        self._sources: dict[tuple[str, int, str], FileSource] = {}
        self._volumes: dict[tuple[str, int, str], _layers.ByteVolume] = {}

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
                    self._drop_layers(old)
                    old_media.close()
            self._media.move_to_end(evidence_path)
            return entry[1]

    def attach(self, evidence_path: str) -> None:
        """Check that the evidence is reachable: its media opens, or (a folder or iOS backup given
        as evidence, read by its own source layer) the folder is there."""
        if not os.path.isdir(evidence_path):
            self.image(evidence_path)

    def media(self, evidence_path: str) -> AnyMedia:
        """The decoded media of an evidence item (the bytes below every layer)."""
        with self._lock:
            self.image(evidence_path)
            return self._media[evidence_path][0]

    def filesystem(self, evidence_path: str, partition_offset: int, volume_layer: str = "") -> pytsk3.FS_Info:
        """The Sleuth Kit's file system of the volume at ``partition_offset`` bytes into the media,
        through ``volume_layer`` when given (volume layers only: ``bde``, ``vss1``...).

        Raises :class:`FileSystemError` (with the reason) when it cannot be opened.
        """
        key = (evidence_path, int(partition_offset), volume_layer)
        with self._lock:
            fs = self._fs.get(key)
            if fs is None:
                img = self.image(evidence_path) if not volume_layer else _layers.VolumeImg(
                    self.volume(evidence_path, partition_offset, volume_layer))
                try:
                    fs = pytsk3.FS_Info(img, offset=int(partition_offset) if not volume_layer else 0)
                except OSError as exc:
                    where = f"byte {partition_offset}" + (f" (layer {volume_layer})" if volume_layer else "")
                    raise FileSystemError(f"The file system at {where} cannot be opened: {exc}") from exc
                self._fs[key] = fs
            return fs

    def volume(self, evidence_path: str, partition_offset: int, layer: str = "") -> _layers.ByteVolume:
        """The bytes of the volume at ``partition_offset`` through the volume layers of ``layer``
        (the whole rest of the media when ``layer`` is empty)."""
        key = (evidence_path, int(partition_offset), layer)
        with self._lock:
            found = self._volumes.get(key)
            if found is not None:
                return found
            segments = _layers.split_layer(layer)
            if not segments:
                found = _layers.MediaSlice(self.media(evidence_path), int(partition_offset))
            else:
                segment, prefix, arg = segments[-1]
                outer = "+".join(s for s, _p, _a in segments[:-1])
                if _layers.kind_of(prefix) != "volume":
                    raise FileSystemError(f"The layer {segment!r} does not give the bytes of a volume.")
                ctx = self._context(evidence_path, partition_offset, segment, prefix, arg, outer)
                found = _layers.load(_layers.VOLUME_LAYERS[prefix])(ctx)
            self._volumes[key] = found
            return found

    def _context(self, evidence_path: str, offset: int, segment: str, prefix: str, arg: str,
                 outer: str) -> _layers.LayerContext:
        return _layers.LayerContext(evidence_path, int(offset), segment, prefix, arg, outer,
                                    lambda: self.volume(evidence_path, offset, outer))

    def source(self, evidence_path: str, partition_offset: int, layer: str = "") -> FileSource:
        """The file source (file system or file collection) at ``partition_offset`` through ``layer``.

        Raises :class:`FileSystemError` when it cannot be opened (a locked volume, a missing
        reader, a damaged file system), with the reason."""
        key = (evidence_path, int(partition_offset), layer)
        with self._lock:
            found = self._sources.get(key)
            if found is not None:
                return found
            segments = _layers.split_layer(layer)
            if segments and _layers.kind_of(segments[-1][1]) == "source":
                segment, prefix, arg = segments[-1]
                outer = "+".join(s for s, _p, _a in segments[:-1])
                ctx = self._context(evidence_path, partition_offset, segment, prefix, arg, outer)
                found = _layers.load(_layers.SOURCE_LAYERS[prefix])(ctx)
            elif any(_layers.kind_of(p) == "" for _s, p, _a in segments):
                unknown = next(s for s, p, _a in segments if _layers.kind_of(p) == "")
                raise FileSystemError(
                    f"The layer {unknown!r} at byte {partition_offset} cannot be opened by this version.",
                    hint="Open the case with the version of the tool that recorded it.")
            else:
                found = TskSource(self.filesystem(evidence_path, partition_offset, layer))
            self._sources[key] = found
            return found

    def _drop_layers(self, evidence_path: str) -> None:
        for key in [k for k in self._sources if k[0] == evidence_path]:
            self._sources.pop(key).close()
        self._volumes = {k: v for k, v in self._volumes.items() if k[0] != evidence_path}

    # ------------------------------------------------------------------- files
    def open(self, evidence_path: str, locator: Locator, *, size: int) -> Stream:
        """The file stream a locator names (through its layers), read-only.

        Raises :class:`FileSystemError` when its volume cannot be opened and :class:`EvidenceError`
        when the file's metadata cannot be read.
        """
        with self._lock:
            return self.source(evidence_path, locator.partition_offset, locator.layer).open(locator, size)

    def open_row(self, evidence_path: str, row: Mapping[str, Any]) -> Stream:
        """The file stream of a ``files`` row (a dict with uid-free locator columns and ``size``)."""
        locator = Locator(
            str(row.get("evidence_uid") or ""), int(row["partition_offset"]), int(row["inode"]),
            None if row.get("attr_type") is None else int(row["attr_type"]),
            None if row.get("attr_id") is None else int(row["attr_id"]),
            str(row.get("stream") or ""), str(row.get("path") or ""), str(row.get("layer") or ""))
        return self.open(evidence_path, locator, size=int(row.get("size") or 0))

    def read(self, stream: Stream, offset: int, length: int) -> bytes:
        """A read of ``stream`` under the resolver's lock (for readers on several threads)."""
        with self._lock:
            return stream.read(offset, length)

    def close(self) -> None:
        with self._lock:
            for source in self._sources.values():
                source.close()
            self._sources.clear()
            self._volumes.clear()
            for media, _img in self._media.values():
                media.close()
            self._media.clear()
            self._fs.clear()

    def __enter__(self) -> Resolver:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
