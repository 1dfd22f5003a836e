"""File-system times for ``forensic-triage timeline --file-times``: modified, accessed, metadata
changed and created, each with its basis (a FAT local clock is made UTC only with the zone the
examiner declared for that evidence item, and is listed at the end when that zone is unknown)."""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator
from typing import Any

from ..store import CaseStore
from ..timeutil import compact_iso, display_time, resolve_time, sortable

FILE_TIME_EVENTS = (("mtime", "File modified"), ("atime", "File accessed"), ("ctime", "File metadata changed"),
                    ("crtime", "File created"))


def file_time_rows(store: CaseStore, bounds: list[tuple[str, str]]) -> list[dict[str, Any]]:
    """Every file-system time as a timeline row, sorted by UTC (unknown-zone local times last)."""
    case_zone = store.timezone
    rows: list[dict[str, Any]] = []
    for r in store.files.file_times():
        for column, event in FILE_TIME_EVENTS:
            text = r[column]
            if not text:
                continue
            utc, label = resolve_time(text, r["time_basis"], r["source_timezone"])
            key = sortable(utc) if utc else None
            if key is not None and not all(_within(key, b) for b in bounds):
                continue
            if key is None and bounds:
                continue  # a time that cannot be placed in UTC is outside every UTC range
            rows.append({"time_utc": compact_iso(utc) if utc else None,
                         "time": display_time(text, r["time_basis"], r["source_timezone"], case_zone),
                         "event": event, "source": "file system", "evidence": r["evidence"],
                         "partition_offset": r["partition_offset"], "inode": r["inode"], "locator": r["locator"],
                         "path": r["path"], "description": f"{r['path']} ({label})", "_key": key or "\uffff" + text})
    rows.sort(key=lambda row: row["_key"])
    return rows


def _within(key: str, bound: tuple[str, str]) -> bool:
    op, value = bound
    value = sortable(value) or value
    return {"<": key < value, "<=": key <= value, ">=": key >= value}.get(op, True)


def merged(events: Iterable[dict[str, Any]], file_rows: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """The extractors' events and the file-system times, in one time order."""
    def keyed(rows: Iterable[dict[str, Any]]) -> Iterator[tuple[str, int, dict[str, Any]]]:
        for n, row in enumerate(rows):
            yield (row.pop("_key", None) or sortable(row.get("time_utc")) or "\uffff", n, row)

    for _key, _n, row in heapq.merge(keyed(events), keyed(file_rows), key=lambda t: t[0]):
        yield row
