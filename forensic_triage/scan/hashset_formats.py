"""Readers for the hash-set formats examiners receive: NSRL RDS, *sum lists, hashdeep, HashKeeper.

Each reader yields ``(algorithm, digest bytes)`` and counts the lines it could not use, so an
import can say exactly what it took. Hex is accepted in either case (the NSRL RDS stores it
upper-case). Where a row carries several digests, the strongest is kept (SHA-256, then SHA-1,
then MD5): one entry per file, and never a weaker match where a stronger one is possible.
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import io
import re
from collections.abc import Iterator
from pathlib import Path

from ..store.nsrl_rds import NsrlRds, RdsError

FORMATS = ("auto", "nsrl", "md5sum", "sha1sum", "sha256sum", "hashdeep", "hashkeeper")
ALGORITHMS = {16: "md5", 20: "sha1", 32: "sha256"}
_HEX_LEN = {"md5": 32, "sha1": 40, "sha256": 64}
_SUM_LINE = re.compile(r"^\\?([0-9A-Fa-f]{32}|[0-9A-Fa-f]{40}|[0-9A-Fa-f]{64})(?:\s+\*?(.*))?$")
_BSD_LINE = re.compile(r"^(MD5|SHA1|SHA256) \((.*)\) = ([0-9A-Fa-f]+)$")


class FormatError(ValueError):
    """The file is not in the format named (or no format could be recognised)."""


@dataclasses.dataclass(slots=True)
class ReadStats:
    format: str
    rows: int = 0
    skipped: int = 0
    source_info: str = ""


def _digest(hex_text: str | None, algorithm: str) -> bytes | None:
    if not hex_text:
        return None
    text = hex_text.strip()
    if len(text) != _HEX_LEN[algorithm]:
        return None
    try:
        return bytes.fromhex(text)
    except ValueError:
        return None


def _strongest(row: dict[str, str | None]) -> tuple[str, bytes] | None:
    for algorithm in ("sha256", "sha1", "md5"):
        digest = _digest(row.get(algorithm), algorithm)
        if digest is not None:
            return algorithm, digest
    return None


def detect_format(path: Path) -> str:
    """Recognise the format from the first bytes / lines."""
    with path.open("rb") as fh:
        head = fh.read(8192)
    if head.startswith(b"SQLite format 3\x00"):
        return "nsrl"
    text = head.decode("utf-8", "replace").lstrip("\ufeff")
    first = next((line for line in text.splitlines() if line.strip()), "")
    if first.startswith("%%%% HASHDEEP"):
        return "hashdeep"
    lowered = first.lower().replace('"', "")
    if lowered.startswith("file_id,hashset_id,file_name"):
        return "hashkeeper"
    if lowered.startswith("sha-1,md5,crc32,filename"):
        return "nsrl"  # RDS 2.x NSRLFile.txt
    m = _SUM_LINE.match(first.strip()) or None
    if m:
        return {32: "md5sum", 40: "sha1sum", 64: "sha256sum"}[len(m.group(1))]
    b = _BSD_LINE.match(first.strip())
    if b:
        return {"MD5": "md5sum", "SHA1": "sha1sum", "SHA256": "sha256sum"}[b.group(1)]
    raise FormatError(f"{path}: not a recognised hash-set format (first line {first[:60]!r}).")


def read_hashes(path: Path, fmt: str = "auto") -> tuple[Iterator[tuple[str, bytes]], ReadStats]:
    """(iterator of (algorithm, digest), stats filled while iterating)."""
    if fmt == "auto":
        fmt = detect_format(path)
    stats = ReadStats(fmt)
    if fmt == "nsrl":
        with path.open("rb") as fh:
            is_sqlite = fh.read(16) == b"SQLite format 3\x00"
        return (_nsrl_sqlite(path, stats) if is_sqlite else _nsrl_text(path, stats)), stats
    if fmt in ("md5sum", "sha1sum", "sha256sum"):
        return _sums(path, fmt[:-3], stats), stats
    if fmt == "hashdeep":
        return _hashdeep(path, stats), stats
    if fmt == "hashkeeper":
        return _csv_columns(path, stats, {"md5": "hash"}), stats
    raise FormatError(f"unknown hash-set format {fmt!r}; choose one of {', '.join(FORMATS)}.")


def _nsrl_sqlite(path: Path, stats: ReadStats) -> Iterator[tuple[str, bytes]]:
    try:
        with contextlib.closing(NsrlRds(path)) as rds:
            if not rds.has_file_table():
                raise FormatError(f"{path}: an SQLite database without the NSRL RDS v3 FILE table.")
            wanted = rds.file_hash_columns()
            if not wanted:
                raise FormatError(f"{path}: the FILE table has none of the columns sha256, sha1, md5.")
            stats.source_info = rds.version_text()
            for row in rds.file_hashes(wanted):
                stats.rows += 1
                found = _strongest(row)
                if found is None:
                    stats.skipped += 1
                    continue
                yield found
    except RdsError as exc:
        raise FormatError(f"{path}: the NSRL database cannot be read ({exc}).") from exc


def _text_lines(path: Path) -> Iterator[str]:
    with path.open("r", encoding="utf-8-sig", errors="replace", newline="") as fh:
        yield from fh


def _nsrl_text(path: Path, stats: ReadStats) -> Iterator[tuple[str, bytes]]:
    yield from _csv_columns(path, stats, {"sha1": "sha-1", "md5": "md5"})


def _sums(path: Path, algorithm: str, stats: ReadStats) -> Iterator[tuple[str, bytes]]:
    for line in _text_lines(path):
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        stats.rows += 1
        m = _SUM_LINE.match(text)
        hex_text = m.group(1) if m else None
        if m is None:
            b = _BSD_LINE.match(text)
            hex_text = b.group(3) if b else None
        digest = _digest(hex_text, algorithm)
        if digest is None:
            stats.skipped += 1
            continue
        yield algorithm, digest


def _hashdeep(path: Path, stats: ReadStats) -> Iterator[tuple[str, bytes]]:
    columns: list[str] = []
    for line in _text_lines(path):
        text = line.rstrip("\r\n")
        if text.startswith("%%%%") and "," in text:
            columns = [c.strip().lower() for c in text[4:].strip().split(",")]
            continue
        if not text or text.startswith(("%%%%", "##")):
            continue
        if not columns:
            raise FormatError(f"{path}: hashdeep file without its '%%%% size,...' column line.")
        stats.rows += 1
        values = next(csv.reader(io.StringIO(text)))
        row = dict(zip(columns, values, strict=False))
        found = _strongest({"sha256": row.get("sha256"), "sha1": row.get("sha1"), "md5": row.get("md5")})
        if found is None:
            stats.skipped += 1
            continue
        yield found


def _csv_columns(path: Path, stats: ReadStats, mapping: dict[str, str]) -> Iterator[tuple[str, bytes]]:
    """CSV with a header row; ``mapping`` = algorithm -> column name (case-insensitive)."""
    reader = csv.reader(_text_lines(path))
    header = next(reader, None)
    if header is None:
        return
    index = {h.strip().lower(): i for i, h in enumerate(header)}
    cols = {alg: index[name] for alg, name in mapping.items() if name in index}
    if not cols:
        raise FormatError(f"{path}: no {' / '.join(mapping.values())} column in the header {header[:6]}.")
    for values in reader:
        if not values:
            continue
        stats.rows += 1
        row = {alg: values[i] if i < len(values) else None for alg, i in cols.items()}
        found = _strongest(row)
        if found is None:
            stats.skipped += 1
            continue
        yield found


__all__ = ["ALGORITHMS", "FORMATS", "FormatError", "ReadStats", "detect_format", "read_hashes"]
