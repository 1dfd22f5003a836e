"""Volume Shadow Copies of NTFS volumes, read by libvshadow (pyvshadow).

Intake (:func:`discover`) lists every shadow copy store of every NTFS volume as its own volume
with layer ``vss<N>`` (N: the store's 1-based index in the volume's catalog, as libvshadow and
``vshadowinfo`` number them), at the same offset and slot as the live volume. The resolver opens
a store with :func:`open_store`: the volume as it was when the copy was made, read-only, on
which The Sleuth Kit opens the file system like any other.
"""

from __future__ import annotations

import hashlib
import threading
from typing import Any

import pytsk3
import pyvshadow

from ..errors import FileSystemError, TriageError
from ..model import FileResult, FileSource, Locator
from ..timeutil import from_filetime
from .layers import ByteVolume, FileObject, LayerContext, MediaSlice, VolumeImg
from .source import chunks

PREFIX = "vss"


def filetime_iso(value: int) -> str | None:
    """A FILETIME (100 ns ticks since 1601, UTC) as ISO 8601 UTC with all seven fraction digits."""
    when = from_filetime(value)
    if when is None:
        return None
    return when.strftime("%Y-%m-%dT%H:%M:%S") + f".{int(value) % 10_000_000:07d}Z"


class StoreVolume:
    """The bytes of one shadow copy store (a :class:`~.layers.ByteVolume`), read-only."""

    def __init__(self, below: ByteVolume, index: int) -> None:
        self._file = FileObject(below)
        self._volume = pyvshadow.volume()
        self._lock = threading.Lock()
        try:
            self._volume.open_file_object(self._file)
            count = int(self._volume.number_of_stores)
            if not 1 <= index <= count:
                raise FileSystemError(f"This volume holds {count} shadow copies; there is no shadow copy {index}.")
            self._store = self._volume.get_store(index - 1)
        except OSError as exc:
            raise FileSystemError(f"The shadow copies of this volume cannot be read: {exc}.") from exc
        self.size = int(self._store.volume_size)

    def read(self, offset: int, length: int) -> bytes:
        if offset < 0 or offset >= self.size or length <= 0:
            return b""
        with self._lock:
            return bytes(self._store.read_buffer_at_offset(min(length, self.size - offset), offset))


def open_store(ctx: LayerContext) -> ByteVolume:
    """The volume as shadow copy store ``ctx.arg`` (1-based) saw it."""
    if not ctx.arg.isdigit():
        raise FileSystemError(f"{ctx.segment!r} does not name a shadow copy (expected vss1, vss2...).")
    return StoreVolume(ctx.below(), int(ctx.arg))


def _store_info(store: Any, index: int, count: int) -> dict[str, Any]:
    ticks = int(store.get_creation_time_as_integer() or 0)
    return {"store_index": index, "stores": count, "store_identifier": str(store.identifier),
            "copy_identifier": str(store.copy_identifier), "copy_set_identifier": str(store.copy_set_identifier),
            "creation_time_utc": filetime_iso(ticks), "creation_filetime": ticks,
            "creation_time_basis": "utc (FILETIME in the shadow copy catalog)",
            "volume_size": int(store.volume_size)}


def label(details: dict[str, Any]) -> str:
    """'Shadow copy 1 of 2 (created 2013-12-03 06:35:09 UTC)' from a store's details."""
    created = str(details.get("creation_time_utc") or "")
    when = f" (created {created[:10]} {created[11:19]} UTC)" if created else ""
    return f"Shadow copy {details.get('store_index')} of {details.get('stores')}{when}"


def _fs_of(volume: ByteVolume) -> tuple[str | None, int | None]:
    from .volumes import fs_type_name

    try:
        fs = pytsk3.FS_Info(VolumeImg(volume), offset=0)
    except (OSError, RuntimeError):
        return None, None
    return fs_type_name(fs), int(fs.info.block_size)


def stores_of(below: ByteVolume) -> list[dict[str, Any]]:
    """The details of every shadow copy store on a volume's bytes (empty: no shadow copy volume
    header). Raises :class:`FileSystemError` when the header is there but the catalog or a store
    cannot be read."""
    handle = FileObject(below)
    try:
        if not pyvshadow.check_volume_signature_file_object(handle):
            return []
    except OSError:
        return []
    volume = pyvshadow.volume()
    try:
        volume.open_file_object(handle)
    except OSError as exc:
        raise FileSystemError(_reason(exc)) from exc
    try:
        count = int(volume.number_of_stores)
        return [_store_info(volume.get_store(i), i + 1, count) for i in range(count)]
    except OSError as exc:
        raise FileSystemError(_reason(exc)) from exc
    finally:
        volume.close()


def _reason(exc: OSError) -> str:
    """libvshadow's cause from its chain of messages ('func: unable to open volume. func: invalid
    catalog header identifier. ...' -> 'invalid catalog header identifier')."""
    parts = [p.split(": ", 1)[-1].strip() for p in str(exc).split(". ") if p.strip()]
    return parts[1] if len(parts) > 1 else parts[0] if parts else type(exc).__name__


def discover(media: ByteVolume, volumes: list[Any]) -> list[Any]:
    """``volumes`` followed by one volume per shadow copy store of each NTFS volume read directly
    from the media (layer ``vss<N>``, parent: the live volume). A shadow copy catalog that cannot
    be read is listed as a volume with status 'error' and layer ``vss`` whose note says why."""
    from .volumes import VolumeInfo

    found: list[Any] = []
    for parent in volumes:
        if parent.fs_type != "NTFS" or parent.layer or parent.status != "pending":
            continue
        below = MediaSlice(media, parent.offset, parent.length)
        try:
            stores = stores_of(below)
            for details in stores:
                index = int(details["store_index"])
                fs_type, block_size = _fs_of(StoreVolume(below, index))
                found.append(VolumeInfo(
                    parent.addr, parent.offset, parent.length, label(details), parent.vs_type, fs_type, block_size,
                    None, "pending" if fs_type else "no-fs", layer=f"{PREFIX}{index}", details=details,
                    parent_layer=parent.layer))
        except FileSystemError as exc:
            found.append(VolumeInfo(
                parent.addr, parent.offset, parent.length, "Volume Shadow Copies (not readable)", parent.vs_type,
                None, None, None, "error", layer=PREFIX, parent_layer=parent.layer,
                note=f"The NTFS volume at byte {parent.offset} has Volume Shadow Copies whose catalog cannot be "
                f"read ({exc.message}); the live volume is examined, its shadow copies are not."))
    return volumes + found


def identical_result(source: FileSource, locator: Locator, size: int, file_id: int,
                     same_as: tuple[int, str]) -> FileResult | None:
    """The result of a shadow copy's file whose bytes hash the same as the examined file
    ``same_as`` = (id, SHA-256): its hashes only, with ``duplicate_of`` set (the scans are not run
    again). None when the bytes differ or cannot all be read (the file is then examined in full)."""
    digests = (hashlib.md5(), hashlib.sha1(), hashlib.sha256())
    count = 0
    try:
        stream = source.open(locator, size)
        for data in chunks(stream):
            for digest in digests:
                digest.update(data)
            count += len(data)
    except (OSError, TriageError):
        return None
    if count != size or digests[2].hexdigest() != same_as[1]:
        return None
    md5, sha1, sha256 = (d.hexdigest() for d in digests)
    return FileResult(file_id=file_id, md5=md5, sha1=sha1, sha256=sha256, bytes_read=count, duplicate_of=same_as[0])


__all__ = ["StoreVolume", "discover", "filetime_iso", "identical_result", "label", "open_store", "stores_of"]
