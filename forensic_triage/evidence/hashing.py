"""The evidence containers themselves: hash the media in one read (E01: every chunk's checksum
too), hash each container file, compare with the stored hashes, and the warnings a split set or a
damaged E01 gives.

Containers only: this module knows nothing of file systems, jobs or the case store. The intake job
(:mod:`forensic_triage.jobs.intake`) drives it and records what it returns.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, Protocol

from ..errors import EvidenceError
from .ewfcheck import ChunkChecker, LayoutError, describe_ranges, sector_ranges
from .images import AnyMedia


class ReadProgress(Protocol):
    """What a long read reports to (a job's context satisfies it)."""

    def begin(self, phase: str, total: float | None = None, unit: str = "items") -> Any: ...

    def advance(self, amount: float = 1, message: str = "", total: float | None = None) -> None: ...

    def check_cancel(self) -> None: ...


CHUNK = 16 * 1024 * 1024  # per read of the media (4 MiB before; benchmarks/intake_hash.py)


@dataclasses.dataclass(slots=True)
class ContainerInfo:
    path: str
    size: int
    mtime_ns: int
    sha256: str


def hash_file(path: Path, ctx: ReadProgress | None) -> str:
    digest = hashlib.sha256()
    fd = os.open(path, os.O_RDONLY)
    try:
        offset = 0
        while True:
            data = os.pread(fd, CHUNK, offset)
            if not data:
                break
            digest.update(data)
            offset += len(data)
            if ctx:
                ctx.check_cancel()
    finally:
        os.close(fd)
    return digest.hexdigest()


class _Digests:
    """MD5, SHA-1 and SHA-256 (and optional per-segment SHA-256s) fed chunk by chunk, each digest
    on its own thread: hashlib releases the GIL for buffers over 2 KiB, so the three run on three
    cores while this thread reads the next chunk. At most one chunk is hashed while the next is
    read (memory: two chunks)."""

    def __init__(self, segment_bounds: list[int] | None, size: int) -> None:
        self.main = {"md5": hashlib.md5(), "sha1": hashlib.sha1(), "sha256": hashlib.sha256()}
        self.segments = [hashlib.sha256() for _ in (segment_bounds or [])]
        self.bounds = (segment_bounds or []) + [size]
        self.pool = ThreadPoolExecutor(max_workers=len(self.main) + (1 if self.segments else 0),
                                       thread_name_prefix="media-hash")
        self.pending: list[Future[None]] = []

    def feed(self, offset: int, data: bytes) -> None:
        self.wait()
        self.pending = [self.pool.submit(h.update, data) for h in self.main.values()]
        if self.segments:
            self.pending.append(self.pool.submit(self._segments, offset, data))

    def _segments(self, offset: int, data: bytes) -> None:
        view = memoryview(data)
        pos = 0
        while pos < len(data):
            idx = max(i for i in range(len(self.segments)) if self.bounds[i] <= offset + pos)
            take = min(len(data) - pos, self.bounds[idx + 1] - (offset + pos))
            self.segments[idx].update(view[pos: pos + take])
            pos += take

    def wait(self) -> None:
        for future in self.pending:
            future.result()
        self.pending = []

    def close(self) -> None:
        self.wait()
        self.pool.shutdown()


def hash_media(media: AnyMedia, ctx: ReadProgress | None = None,
               segment_bounds: list[int] | None = None,
               checker: ChunkChecker | None = None) -> tuple[dict[str, str], list[str]]:
    """MD5, SHA-1 and SHA-256 of the whole media in one read, each digest on its own thread.

    ``segment_bounds`` (start offsets of raw segments, two or more) also yields each segment's
    SHA-256 from the same read, since for raw containers the segments *are* the media (a single
    raw file's SHA-256 is the media's: the caller reuses it rather than hashing it twice).
    ``checker`` (EWF) checks each chunk's stored checksum on the way and supplies, for a chunk
    that fails, the bytes ``ewfverify`` hashes (see :mod:`.ewfcheck`).
    """
    digests = _Digests(segment_bounds, media.size)
    offset = 0
    step = CHUNK
    if checker is not None:
        step = checker.chunk_size * max(1, CHUNK // checker.chunk_size)
    if ctx:
        ctx.begin("hashing media", total=media.size, unit="bytes")
    try:
        while offset < media.size:
            want = min(step, media.size - offset)
            if checker is not None:
                data = _checked_read(media, checker, offset, want)
            else:
                data = media.read(offset, want)
            if not data:
                raise EvidenceError(
                    f"The image ends early: no data at byte {offset} of {media.size}.",
                    hint="The image is truncated or a segment is missing.",
                )
            digests.feed(offset, data)
            offset += len(data)
            if ctx:
                ctx.advance(len(data))
                ctx.check_cancel()
    finally:
        digests.close()
    return ({k: h.hexdigest() for k, h in digests.main.items()}, [h.hexdigest() for h in digests.segments])


def _checked_read(media: AnyMedia, checker: ChunkChecker, offset: int, length: int) -> bytes:
    """Decoded media checked chunk by chunk; a range libewf cannot decode is taken chunk by chunk
    from the stored bytes (zeros where nothing can be inflated) and counted as bad."""
    try:
        return checker.check(offset, media.read(offset, length))
    except EvidenceError:
        pass
    parts = []
    pos = offset
    while pos < offset + length:
        n = min(checker.chunk_size, offset + length - pos)
        try:
            decoded: bytes | None = media.read(pos, n)
            failure: EvidenceError | None = None
        except EvidenceError as exc:
            decoded, failure = None, exc
        try:
            parts.append(checker.check(pos, decoded))
        except LayoutError as exc:
            assert failure is not None
            raise failure from exc
        pos += n
    return b"".join(parts)


def verdict_for(stored: dict[str, str], computed: dict[str, str], checksum_errors: int = 0) -> str:
    """MATCH | MISMATCH | NOT STORED, or CHECKSUM ERRORS: the media hash matches (or none is stored)
    but chunks failed their own checksums, as ewfverify reports FAILURE."""
    compared = [k for k in ("md5", "sha1", "sha256") if stored.get(k)]
    if compared and not all(stored[k] == computed[k] for k in compared):
        return "MISMATCH"
    if checksum_errors:
        return "CHECKSUM ERRORS"
    return "MATCH" if compared else "NOT STORED"


FAILED_VERDICTS = ("MISMATCH", "CHECKSUM ERRORS")


def container_infos(segments: tuple[Path, ...], hashes: list[str] | None, ctx: ReadProgress | None) -> list[ContainerInfo]:
    infos = []
    for i, seg in enumerate(segments):
        st = os.stat(seg)
        sha = hashes[i] if hashes else hash_file(seg, ctx)
        infos.append(ContainerInfo(str(seg.resolve()), st.st_size, st.st_mtime_ns, sha))
    return infos


def segment_warnings(uid: str, segments: tuple[Path, ...]) -> list[tuple[str, str, dict[str, Any]]]:
    """A split set whose segments (other than the last) differ in size: one is probably incomplete."""
    if len(segments) < 2:
        return []
    sizes = [os.stat(s).st_size for s in segments]
    odd = [(s, n) for s, n in zip(segments[:-1], sizes[:-1], strict=True) if n != sizes[0]]
    warnings = []
    for seg, size in odd:
        warnings.append(("warning",
                         f"Evidence item {uid}: segment {seg.name} is {size} bytes where {segments[0].name} is "
                         f"{sizes[0]} bytes; if it is incomplete, every byte after it is read at the wrong offset.",
                         {"segment": seg.name, "size": size, "expected": sizes[0]}))
    if sizes[-1] > sizes[0]:
        warnings.append(("warning",
                         f"Evidence item {uid}: the last segment {segments[-1].name} ({sizes[-1]} bytes) is larger "
                         f"than the others ({sizes[0]} bytes); check that the set is complete and in order.",
                         {"segment": segments[-1].name, "size": sizes[-1], "expected": sizes[0]}))
    return warnings


def checksum_warnings(uid: str, checker: ChunkChecker, verdict: str, stored: dict[str, str],
                       sector_size: int) -> list[tuple[str, str, dict[str, Any]]]:
    warnings: list[tuple[str, str, dict[str, Any]]] = []
    if checker.bad:
        ranges = sector_ranges(checker.bad)
        byte_ranges = [[a * sector_size, (b + 1) * sector_size] for a, b in ranges]
        lost = sum(1 for b in checker.bad if b.reason == "unreadable")
        if verdict == "MISMATCH":
            hashed = "does not match the stored hash"
        elif verdict == "CHECKSUM ERRORS" and any(stored.values()):
            hashed = "matches the stored hash, yet the image is not verified"
        else:
            hashed = "cannot be compared (no hash is stored)"
        warnings.append(("integrity",
                         f"Evidence item {uid}: {len(checker.bad)} chunk(s) of the E01 failed their checksums, as "
                         f"ewfverify reports them: sectors {describe_ranges(ranges)}. The media hash, computed over "
                         f"those chunks as stored (as ewfverify does), {hashed}; the data there cannot be trusted, "
                         "and this tool reads those sectors as zeros."
                         + (f" {lost} of the chunks could not be decompressed at all and were hashed as zeros."
                            if lost else ""),
                         {"bad_sectors": [list(r) for r in ranges], "byte_ranges": byte_ranges,
                          "sector_size": sector_size, "chunks": [b.index for b in checker.bad],
                          "unreadable_chunks": [b.index for b in checker.bad if b.reason == "unreadable"]}))
    if checker.problem and checker.checked < checker.geometry.chunk_count:
        warnings.append(("warning",
                         f"Evidence item {uid}: the E01 chunk checksums were checked for {checker.checked} of "
                         f"{checker.geometry.chunk_count} chunks only ({checker.problem}).",
                         {"checked": checker.checked, "chunks": checker.geometry.chunk_count}))
    return warnings


def recheck_container(recorded: dict[str, Any], ctx: ReadProgress | None = None) -> dict[str, Any]:
    """One container file re-hashed against what intake recorded (``uid``, ``path``, ``size``,
    ``mtime_ns``, ``sha256``): status UNCHANGED, CHANGED or MISSING, with what changed."""
    entry: dict[str, Any] = {"evidence": recorded["uid"], "path": recorded["path"],
                             "recorded_sha256": recorded["sha256"], "recorded_size": recorded["size"],
                             "recorded_mtime_ns": recorded["mtime_ns"], "problems": []}
    p = Path(recorded["path"])
    if not p.exists():
        entry["problems"].append("missing")
        entry["status"] = "MISSING"
        return entry
    st = p.stat()
    entry["size"], entry["mtime_ns"] = st.st_size, st.st_mtime_ns
    entry["sha256"] = hash_file(p, ctx)
    if entry["sha256"] != recorded["sha256"]:
        entry["problems"].append("content changed (SHA-256 differs)")
    if st.st_size != recorded["size"]:
        entry["problems"].append(f"size changed ({recorded['size']} -> {st.st_size} bytes)")
    if st.st_mtime_ns != recorded["mtime_ns"]:
        entry["problems"].append("modification time changed")
    entry["status"] = "UNCHANGED" if not entry["problems"] else "CHANGED"
    return entry
