"""One read per file: hashes, type, entropy, signature check, and every analyzer, from one pass."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence

import numpy as np
import pytsk3

from ..model import FileResult, Locator, WarningRecord
from .analyzers import Analyzer, AnalyzerRun, FileInfo
from .filetype import identify
from .signature import check_extension

CHUNK = 1024 * 1024
HEAD = 64 * 1024


def byte_histogram(data: bytes) -> np.ndarray:
    """Count of each byte value, exact. Large buffers are counted as 16-bit pairs (half as many
    elements for numpy to widen to machine integers; 1.6x faster than a plain bincount on
    1 MiB, measured), then folded into the 256 byte values."""
    if len(data) < 65536:
        return np.bincount(np.frombuffer(data, dtype=np.uint8), minlength=256)
    even = len(data) & ~1
    pairs = np.bincount(np.frombuffer(data, dtype=np.uint16, count=even // 2), minlength=65536).reshape(256, 256)
    counts: np.ndarray = pairs.sum(axis=0) + pairs.sum(axis=1)
    if even != len(data):
        counts[data[-1]] += 1
    return counts


def _no_stage(text: str) -> None:
    return None


def _failure(source: str, what: str, exc: BaseException, locator: Locator) -> WarningRecord:
    kind = "memory" if isinstance(exc, MemoryError) else "error"
    return WarningRecord(source, f"{what}: {exc!r}", str(locator), kind)


def entropy_of(counts: np.ndarray, total: int) -> float:
    if total <= 0:
        return 0.0
    p = counts[counts > 0] / total
    return float(-(p * np.log2(p)).sum())


class FileProcessor:
    """Processes file streams of one open file system; thread-safe except per-file state."""

    def __init__(self, analyzers: Sequence[Analyzer] = (),
                 on_stage: Callable[[str], None] | None = None) -> None:
        self.analyzers = list(analyzers)
        # Tells a watching parent what runs now (a worker's status slot), so a crash or hang
        # can be blamed on the right plugin.
        self._stage = on_stage or _no_stage

    def process(self, fs: pytsk3.FS_Info, file_id: int, locator: Locator, *, name: str, extension: str,
                size: int, deleted: bool, mtime: str | None = None, crtime: str | None = None) -> FileResult:
        result = FileResult(file_id=file_id)
        md5, sha1, sha256 = hashlib.md5(), hashlib.sha1(), hashlib.sha256()
        counts = np.zeros(256, dtype=np.int64)
        try:
            fs_file = fs.open_meta(inode=locator.inode)
        except OSError as exc:
            result.status = "error"
            result.warnings.append(WarningRecord("read", f"The file's metadata cannot be opened: {exc}",
                                                 str(locator), "error"))
            return result
        args: tuple[int, ...] = ()
        if locator.attr_type is not None and locator.attr_id is not None:
            args = (locator.attr_type, locator.attr_id)

        def read(offset: int, length: int) -> bytes:
            return bytes(fs_file.read_random(offset, length, *args))

        offset = 0
        head = b""
        runs: list[AnalyzerRun] = []
        names: dict[int, str] = {}
        started = False
        complete = True
        while offset < size or (size == 0 and not started):
            length = min(CHUNK, size - offset)
            data = b""
            if length > 0:
                try:
                    data = read(offset, length)
                except OSError as exc:
                    # Record the unreadable range and go on with the rest of the file.
                    bad_end = min(size, offset + length)
                    result.read_errors.append((offset, bad_end))
                    result.warnings.append(WarningRecord(
                        "read", f"Bytes {offset}-{bad_end - 1} could not be read ({exc}); hashes cover "
                        "the readable bytes only.", str(locator), "error", details={"start": offset, "end": bad_end}))
                    complete = False
                    offset = bad_end
                    continue
                if not data:
                    result.warnings.append(WarningRecord(
                        "read", f"The file ends early: {offset} of {size} bytes readable.", str(locator), "error",
                        details={"start": offset, "end": size}))
                    result.read_errors.append((offset, size))
                    complete = False
                    break
            if not started:
                started = True
                head = data[:HEAD]
                self._stage("libmagic")
                result.mime, result.magic = identify(head)
                info = FileInfo(file_id, locator, locator.evidence, locator.path, name, extension, size, deleted,
                                result.mime, result.magic, head, mtime, crtime,
                                read_sibling=sibling_reader(fs, locator.path))
                for analyzer in self.analyzers:
                    self._stage(f"analyzer {analyzer.name}")
                    try:
                        run = analyzer.start(info)
                    except Exception as exc:  # one analyzer's bug must not stop the others
                        result.warnings.append(_failure(analyzer.name, "failed to start", exc, locator))
                        continue
                    if run is not None:
                        runs.append(run)
                        names[id(run)] = analyzer.name
                if not data:
                    break
            md5.update(data)
            sha1.update(data)
            sha256.update(data)
            counts += byte_histogram(data)
            for run in list(runs):
                self._stage(f"analyzer {names[id(run)]}")
                try:
                    run.feed(offset, data)
                except Exception as exc:
                    runs.remove(run)
                    result.warnings.append(_failure(names[id(run)], "failed", exc, locator))
            self._stage("read")
            offset += len(data)
        result.bytes_read = int(counts.sum())
        result.md5, result.sha1, result.sha256 = md5.hexdigest(), sha1.hexdigest(), sha256.hexdigest()
        result.entropy = round(entropy_of(counts, result.bytes_read), 4)
        result.ext_mismatch, result.detected_ext = check_extension(extension, result.mime, size)
        for run in runs:
            self._stage(f"analyzer {names[id(run)]}")
            try:
                run.finish(result, complete)
            except Exception as exc:
                result.warnings.append(_failure(names[id(run)], "failed", exc, locator))
        return result


SIBLING_LIMIT = 256 * 1024 * 1024


def sibling_reader(fs: pytsk3.FS_Info, path: str) -> Callable[[str], bytes | None]:
    """A reader for files beside ``path`` (SQLite -wal/-journal companions), read-only, bounded."""
    folder = path.rsplit("/", 1)[0] if "/" in path else ""

    def read(name: str) -> bytes | None:
        if "/" in name or name in ("", ".", ".."):
            return None
        try:
            sibling = fs.open(path=f"{folder}/{name}")
            size = int(sibling.info.meta.size) if sibling.info.meta else 0
            if size <= 0 or size > SIBLING_LIMIT:
                return None
            return bytes(sibling.read_random(0, size))
        except OSError:
            return None

    return read


def entropy_bits(data: bytes) -> float:
    """Shannon entropy (bits per byte) of a buffer."""
    if not data:
        return 0.0
    counts = byte_histogram(data)
    return entropy_of(counts, len(data))


__all__ = ["CHUNK", "HEAD", "FileProcessor", "entropy_bits", "identify"]
