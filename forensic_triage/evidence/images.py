"""Read-only media access: one file-like interface over raw, split raw, EWF and virtual disk
(:mod:`.vdisk`: VHD/VHDX, VMDK, QCOW) containers.

Nothing here opens an evidence file for writing: every container is opened with
``os.open(path, O_RDONLY)`` (raw, split) or as read-only Python file objects handed to
pyewf (``open_file_objects``) and the libyal virtual disk libraries, so the operating system
itself refuses any write.
"""

from __future__ import annotations

import bisect
import os
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Protocol

import pytsk3

from ..errors import EvidenceError
from .detect import Detected, detect
from .vdisk import FORMATS as VDISK_FORMATS
from .vdisk import VirtualDisk


def close_all(fds: list[int]) -> None:
    """Close read-only descriptors of evidence segments; one that is already gone is no error."""
    for fd in fds:
        try:
            os.close(fd)
        except OSError:
            pass

class Media(Protocol):
    """The decoded media of one evidence item (a disk or volume), read-only."""

    format: str
    segments: tuple[Path, ...]
    size: int
    sector_size: int

    def read(self, offset: int, length: int) -> bytes: ...

    def close(self) -> None: ...


def _open_ro(path: Path) -> int:
    try:
        return os.open(path, os.O_RDONLY | getattr(os, "O_NOATIME", 0))
    except PermissionError:
        # O_NOATIME needs ownership; fall back to a plain read-only open.
        return os.open(path, os.O_RDONLY)


class RawMedia:
    """raw/dd and split raw: segments concatenated, read with pread."""

    def __init__(self, segments: tuple[Path, ...], fmt: str = "raw") -> None:
        self.format = fmt
        self.segments = segments
        self.sector_size = 512
        self._fds: list[int] = []
        self._starts: list[int] = []
        total = 0
        try:
            for seg in segments:
                fd = _open_ro(seg)
                self._fds.append(fd)
                self._starts.append(total)
                total += os.fstat(fd).st_size
        except OSError as exc:
            self.close()
            raise EvidenceError(f"Cannot open the evidence segment {exc.filename}: {exc.strerror}.") from exc
        self.size = total

    def read(self, offset: int, length: int) -> bytes:
        if offset < 0:
            raise EvidenceError(f"Negative read offset {offset}.")
        if offset >= self.size or length <= 0:
            return b""
        length = min(length, self.size - offset)
        if len(self._fds) == 1:
            return os.pread(self._fds[0], length, offset)
        parts = []
        while length > 0:
            idx = bisect.bisect_right(self._starts, offset) - 1
            seg_end = self._starts[idx + 1] if idx + 1 < len(self._starts) else self.size
            take = min(length, seg_end - offset)
            data = os.pread(self._fds[idx], take, offset - self._starts[idx])
            if not data:
                break
            parts.append(data)
            offset += len(data)
            length -= len(data)
        return b"".join(parts)

    def close(self) -> None:
        close_all(self._fds)
        self._fds = []


class EwfMedia:
    """EWF (E01/Ex01, all segments) through pyewf, with a cache of decoded chunks.

    pytsk3 issues many small reads; each pyewf read decompresses a whole chunk, so reads
    are aligned to chunks and the decoded chunks kept in a bounded LRU cache.
    """

    CACHE_BYTES = 64 * 1024 * 1024

    def __init__(self, segments: tuple[Path, ...]) -> None:
        import pyewf

        self.format = "ewf"
        self.segments = segments
        self._files = []
        self._lock = threading.Lock()
        try:
            for seg in segments:
                self._files.append(os.fdopen(_open_ro(seg), "rb"))
            handle = pyewf.handle()
            handle.open_file_objects(self._files)
        except OSError as exc:
            self.close()
            raise EvidenceError(
                f"Cannot open the EWF image {segments[0]}: {exc}.",
                hint="Check that every segment (.E01, .E02, ...) is present and complete.",
            ) from exc
        self._handle = handle
        self.size = int(handle.get_media_size())
        self.sector_size = int(handle.get_bytes_per_sector() or 512)
        try:
            self.chunk_size = int(handle.get_chunk_size()) or 32768
        except (OSError, AttributeError):
            self.chunk_size = 32768
        self._cache: OrderedDict[int, bytes] = OrderedDict()
        self._cache_max = max(4, self.CACHE_BYTES // self.chunk_size)

    def _chunk(self, index: int) -> bytes:
        data = self._cache.get(index)
        if data is not None:
            self._cache.move_to_end(index)
            return data
        start = index * self.chunk_size
        try:
            data = self._handle.read_buffer_at_offset(min(self.chunk_size, self.size - start), start)
        except OSError as exc:
            raise self._read_error(start, exc) from exc
        self._cache[index] = data
        if len(self._cache) > self._cache_max:
            self._cache.popitem(last=False)
        return bytes(data)

    def read(self, offset: int, length: int) -> bytes:
        if offset < 0:
            raise EvidenceError(f"Negative read offset {offset}.")
        if offset >= self.size or length <= 0:
            return b""
        length = min(length, self.size - offset)
        with self._lock:
            if length >= 4 * self.chunk_size:
                # Large sequential reads: let libewf decode directly, no cache churn.
                try:
                    return bytes(self._handle.read_buffer_at_offset(length, offset))
                except OSError as exc:
                    raise self._read_error(offset, exc) from exc
            parts = []
            end = offset + length
            pos = offset
            while pos < end:
                idx = pos // self.chunk_size
                chunk = self._chunk(idx)
                lo = pos - idx * self.chunk_size
                piece = chunk[lo: lo + (end - pos)]
                if not piece:
                    break
                parts.append(piece)
                pos += len(piece)
            return b"".join(parts)

    def _read_error(self, offset: int, exc: BaseException) -> EvidenceError:
        return EvidenceError(
            f"The EWF image {self.segments[0]} cannot be read at byte {offset}: the image is damaged or "
            "truncated, or a segment is missing.",
            hint=f"Check the copy against the original (libewf said: {str(exc).split('.')[0]}).",
        )

    def header(self) -> dict[str, str]:
        values: dict[str, str] = {}
        for key in ("case_number", "evidence_number", "examiner_name", "description", "notes",
                    "acquiry_date", "system_date", "acquiry_software", "acquiry_software_version",
                    "acquiry_operating_system", "model", "serial_number", "device_label"):
            try:
                value = self._handle.get_header_value(key)
            except (OSError, KeyError):
                value = None
            if value:
                values[key] = str(value)
        return values

    def stored_hashes(self) -> dict[str, str]:
        hashes: dict[str, str] = {}
        for name in ("MD5", "SHA1", "SHA256"):
            try:
                value = self._handle.get_hash_value(name)
            except (OSError, KeyError):
                value = None
            if value:
                hashes[name.lower()] = str(value).lower()
        return hashes

    def close(self) -> None:
        handle = getattr(self, "_handle", None)
        if handle is not None:
            try:
                handle.close()
            except OSError:
                pass
            self._handle = None
        for f in self._files:
            f.close()
        self._files = []


AnyMedia = RawMedia | EwfMedia | VirtualDisk


def open_media(path: str | os.PathLike[str], detected: Detected | None = None) -> AnyMedia:
    found = detected or detect(path)
    if found.format == "ewf":
        return EwfMedia(found.segments)
    if found.format in VDISK_FORMATS:
        return VirtualDisk(found.segments[0], found.format)
    return RawMedia(found.segments, found.format)


class TskImage(pytsk3.Img_Info):  # type: ignore[misc]
    """pytsk3 image over any :class:`Media` (the dfvfs ``tsk_image`` pattern)."""

    def __init__(self, media: AnyMedia) -> None:
        self._media = media
        super().__init__(url="", type=pytsk3.TSK_IMG_TYPE_EXTERNAL)

    def read(self, offset: int, size: int) -> bytes:
        return self._media.read(offset, size)

    def get_size(self) -> int:
        return self._media.size

    def close(self) -> None:
        pass


def tsk_image(media: AnyMedia) -> pytsk3.Img_Info:
    """The fastest read-only pytsk3 image for ``media``.

    A single raw file is opened by The Sleuth Kit's own raw reader (``open(path, O_RDONLY)``
    in tsk/img/raw.c): no Python call per TSK read. Measured on the reference image: listing
    an ext4 volume 1.5-2x faster, reading every file 1.7x faster. Split raw and EWF go
    through :class:`TskImage` over our read-only media (EWF with its chunk cache).
    """
    if isinstance(media, RawMedia) and media.format == "raw" and len(media.segments) == 1:
        try:
            img = pytsk3.Img_Info(str(media.segments[0]), type=pytsk3.TSK_IMG_TYPE_RAW)
            if int(img.get_size()) == media.size:
                return img
        except (OSError, RuntimeError):
            pass
    return TskImage(media)
