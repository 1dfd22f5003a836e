"""EWF (E01) chunk checksums, checked as ``ewfverify`` checks them, from the stored bytes.

pyewf does not expose libewf's checksum-error list, and it returns a chunk that fails its
checksum as zeros. So the chunk layout is read here from the segment files themselves
(EWF-E01 format, libyal "Expert Witness Compression Format" specification):

* segment file header, 13 bytes: ``EVF\\x09\\x0d\\x0a\\xff\\x00``, 0x01, segment number, 0x0000;
* section descriptors, 76 bytes: type (16), next offset (8), size (8), padding (40), Adler-32;
* ``volume``/``disk`` section: chunk count, sectors per chunk, bytes per sector, sector count;
* ``table`` sections: entry count (4), padding (4), base offset (8), padding (4), Adler-32 (4),
  then one 32-bit entry per chunk (bit 31: compressed; bits 0-30: offset from the base);
  a chunk's stored bytes end where the next chunk (or the next section) begins;
* an uncompressed chunk is its data followed by the Adler-32 of the data (little-endian);
  a compressed chunk is a zlib stream, whose trailer is the Adler-32 of the data (big-endian).

:class:`ChunkChecker` is fed the media as pyewf decodes it, chunk-aligned and in order. A chunk
whose decoded bytes are not all zero and match the stored checksum is good (libewf decoded it
from the stored bytes); any other chunk is checked from its stored bytes alone. A failed chunk
is counted, and the bytes it contributes to the media hash are what ``ewfverify`` hashes: the
stored data of an uncompressed chunk, the inflated data of a compressed one whose checksum
alone is wrong, zeros where nothing can be inflated. The media hash then equals the one
``ewfverify`` prints as "calculated over data".
"""

from __future__ import annotations

import dataclasses
import os
import struct
import zlib
from collections.abc import Iterator
from pathlib import Path

from .images import close_all

EVF1 = b"EVF\x09\x0d\x0a\xff\x00"
_DESCRIPTOR = 76
_MAX_SECTIONS = 1_000_000


class LayoutError(Exception):
    """The segment files' structure cannot be followed (the checksums were not checked)."""


@dataclasses.dataclass(frozen=True, slots=True)
class ChunkRef:
    index: int
    segment: int  # index into the segment list
    start: int  # byte offset of the stored chunk in its segment file
    end: int  # end of the stored bytes (exclusive)
    compressed: bool


@dataclasses.dataclass(slots=True)
class Geometry:
    sectors_per_chunk: int
    bytes_per_sector: int
    chunk_count: int
    sector_count: int

    @property
    def chunk_size(self) -> int:
        return self.sectors_per_chunk * self.bytes_per_sector


@dataclasses.dataclass(slots=True)
class BadChunk:
    index: int
    first_sector: int
    last_sector: int  # inclusive, as ewfverify prints them
    reason: str  # 'checksum' (data read as stored) | 'unreadable' (nothing could be inflated)


def _sections(fd: int, size: int) -> Iterator[tuple[bytes, int, int]]:
    """(type, descriptor offset, section size) of every section of one segment file."""
    offset = 13
    for _ in range(_MAX_SECTIONS):
        if offset + _DESCRIPTOR > size:
            return
        desc = os.pread(fd, _DESCRIPTOR, offset)
        if len(desc) < _DESCRIPTOR:
            return
        kind = desc[:16].rstrip(b"\0")
        nxt, length = struct.unpack_from("<QQ", desc, 16)
        if zlib.adler32(desc[:72]) != struct.unpack_from("<I", desc, 72)[0]:
            raise LayoutError(f"the section descriptor at byte {offset} is damaged")
        yield kind, offset, length
        if kind in (b"done", b"next") or nxt <= offset:
            return
        offset = nxt


def read_geometry(first_segment: Path) -> Geometry:
    fd = os.open(first_segment, os.O_RDONLY)
    try:
        size = os.fstat(fd).st_size
        if os.pread(fd, 8, 0) != EVF1:
            raise LayoutError("not an EWF-E01 segment file (Ex01 chunk checksums are not checked by this version)")
        for kind, offset, _length in _sections(fd, size):
            if kind in (b"volume", b"disk"):
                body = os.pread(fd, 24, offset + _DESCRIPTOR)
                chunks, per_chunk, per_sector, sectors = struct.unpack_from("<IIIQ", body, 4)
                if per_chunk <= 0 or per_sector <= 0:
                    raise LayoutError("the volume section gives no chunk size")
                return Geometry(per_chunk, per_sector, chunks, sectors)
    finally:
        os.close(fd)
    raise LayoutError("no volume section was found in the first segment")


def iter_chunks(segments: tuple[Path, ...], fds: list[int]) -> Iterator[ChunkRef]:
    """Every stored chunk, in media order, from the ``table`` sections of each segment."""
    index = 0
    for seg_no, fd in enumerate(fds):
        size = os.fstat(fd).st_size
        if os.pread(fd, 8, 0) != EVF1:
            raise LayoutError(f"{segments[seg_no].name} is not an EWF-E01 segment file")
        sections = list(_sections(fd, size))
        starts = sorted(off for _, off, _ in sections)
        tables = [(off, length) for kind, off, length in sections if kind == b"table"]
        table2 = [off for kind, off, _ in sections if kind == b"table2"]
        for number, (off, _length) in enumerate(tables):
            entries, base = _table_entries(fd, off)
            if entries is None and number < len(table2):
                entries, base = _table_entries(fd, table2[number])
            if entries is None:
                raise LayoutError(f"the chunk table at byte {off} of {segments[seg_no].name} is damaged")
            offsets = [base + (e & 0x7FFFFFFF) for e in entries]
            for i, entry in enumerate(entries):
                start = offsets[i]
                if i + 1 < len(offsets):
                    end = offsets[i + 1]
                else:  # the last chunk of a table ends where the next section starts
                    end = next((s for s in starts if s > start), size)
                if end <= start or end > size:
                    raise LayoutError(f"chunk {index} has an impossible place in {segments[seg_no].name}")
                yield ChunkRef(index, seg_no, start, end, bool(entry & 0x80000000))
                index += 1


def _table_entries(fd: int, off: int) -> tuple[list[int] | None, int]:
    head = os.pread(fd, 24, off + _DESCRIPTOR)
    if len(head) < 24:
        return None, 0
    count, _pad, base, _pad2, checksum = struct.unpack("<IIQII", head)
    if zlib.adler32(head[:20]) != checksum or count > 0x7FFFFFFF // 4:
        return None, 0
    raw = os.pread(fd, 4 * count + 4, off + _DESCRIPTOR + 24)
    if len(raw) < 4 * count:
        return None, 0
    if len(raw) == 4 * count + 4:
        stored = struct.unpack_from("<I", raw, 4 * count)[0]
        if stored != zlib.adler32(raw[: 4 * count]):
            return None, 0
    return list(struct.unpack_from(f"<{count}I", raw)), base


def _inflate(stream: bytes) -> tuple[bytes | None, bool]:
    """(inflated data or None, checksum good) of one zlib stream; the deflate data may be
    whole with only the trailer (the checksum) damaged, as ewfverify also reads it."""
    if len(stream) < 6 or stream[0] & 0x0F != 8 or (stream[0] << 8 | stream[1]) % 31:
        return None, False
    inflater = zlib.decompressobj(-15)
    try:
        data = inflater.decompress(stream[2:])
    except zlib.error:
        return None, False
    if not inflater.eof:
        return None, False
    trailer = inflater.unused_data[:4]
    return data, len(trailer) == 4 and int.from_bytes(trailer, "big") == zlib.adler32(data)


class ChunkChecker:
    """Check each chunk's stored checksum while the media is hashed (see the module notes)."""

    def __init__(self, segments: tuple[Path, ...], media_size: int) -> None:
        self.segments = segments
        self.media_size = media_size
        self.geometry = read_geometry(segments[0])
        self.chunk_size = self.geometry.chunk_size
        self.bad: list[BadChunk] = []
        self.checked = 0
        self.problem: str | None = None  # why checking stopped early, if it did
        self._fds = [os.open(s, os.O_RDONLY) for s in segments]
        self._chunks = iter_chunks(segments, self._fds)
        self._zero = bytes(self.chunk_size)

    def close(self) -> None:
        close_all(self._fds)
        self._fds = []

    def _next(self) -> ChunkRef | None:
        if self.problem is not None:
            return None
        try:
            return next(self._chunks)
        except StopIteration:
            self.problem = f"the chunk tables end after {self.checked} chunks"
            return None
        except (LayoutError, OSError, struct.error) as exc:
            self.problem = str(exc)
            return None

    def stored_chunk(self, ref: ChunkRef, length: int) -> tuple[bytes, str | None]:
        """(what ewfverify reads for this chunk, None or why it failed) from the stored bytes alone."""
        raw = os.pread(self._fds[ref.segment], ref.end - ref.start, ref.start)
        if ref.compressed:
            data, good = _inflate(raw)
            if data is None:
                return bytes(length), "unreadable"
            if len(data) < length:
                return data.ljust(length, b"\0"), "unreadable"
            return data[:length], None if good else "checksum"
        if len(raw) < length + 4:
            return raw[:length].ljust(length, b"\0"), "unreadable"
        data = raw[:length]
        return data, None if zlib.adler32(data) == struct.unpack_from("<I", raw, length)[0] else "checksum"

    def _expected(self, ref: ChunkRef, length: int) -> int | None:
        fd = self._fds[ref.segment]
        if ref.compressed:
            tail = os.pread(fd, 4, ref.end - 4)
            return int.from_bytes(tail, "big") if len(tail) == 4 else None
        if ref.end - ref.start < length + 4:
            return None
        raw = os.pread(fd, 4, ref.start + length)
        return int.from_bytes(raw, "little") if len(raw) == 4 else None

    def check(self, offset: int, data: bytes | None) -> bytes:
        """Check the chunks of ``data`` (decoded media at ``offset``, chunk-aligned; None when
        libewf could not decode it); return the bytes to hash for that range. Raises
        :class:`LayoutError` when libewf could not decode a chunk the tables do not hold either
        (a truncated image or a missing segment: nothing honest can be hashed there)."""
        length = len(data) if data is not None else min(self.chunk_size, self.media_size - offset)
        if offset % self.chunk_size:
            raise ValueError("ChunkChecker.check needs chunk-aligned reads")
        out: list[bytes] = []
        pos = 0
        while pos < length:
            n = min(self.chunk_size, length - pos, self.media_size - offset - pos)
            decoded = data[pos: pos + n] if data is not None else None
            ref = self._next()
            if ref is None and decoded is None:
                raise LayoutError(f"no stored chunk for media byte {offset + pos} ({self.problem})")
            if ref is None:
                out.append(decoded if decoded is not None else bytes(n))
                pos += n
                continue
            expected = self._expected(ref, n) if decoded is not None else None
            if (decoded is not None and expected is not None and decoded != self._zero[:n]
                    and zlib.adler32(decoded) == expected):
                out.append(decoded)
            else:
                content, failure = self.stored_chunk(ref, n)
                if failure:
                    first = ref.index * self.geometry.sectors_per_chunk
                    last = first + -(-n // self.geometry.bytes_per_sector) - 1
                    self.bad.append(BadChunk(ref.index, first, last, failure))
                out.append(content)
            self.checked += 1
            pos += n
        return b"".join(out) if len(out) != 1 else out[0]


def sector_ranges(bad: list[BadChunk]) -> list[tuple[int, int]]:
    """Merge adjacent bad chunks into inclusive (first, last) sector ranges."""
    ranges: list[tuple[int, int]] = []
    for chunk in sorted(bad, key=lambda b: b.first_sector):
        if ranges and chunk.first_sector <= ranges[-1][1] + 1:
            ranges[-1] = (ranges[-1][0], max(ranges[-1][1], chunk.last_sector))
        else:
            ranges.append((chunk.first_sector, chunk.last_sector))
    return ranges


def describe_ranges(ranges: list[tuple[int, int]], limit: int = 10) -> str:
    shown = [f"{a}–{b}" if a != b else str(a) for a, b in ranges[:limit]]
    more = f" and {len(ranges) - limit} more range(s)" if len(ranges) > limit else ""
    return ", ".join(shown) + more
