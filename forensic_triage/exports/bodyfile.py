"""The Sleuth Kit body file (3.x format) for ``mactime -b``: one line per file-system entry.

``MD5|name|inode|mode_as_string|UID|GID|size|atime|mtime|ctime|crtime`` with times in Unix
seconds (0 = unknown). Names are prefixed with the evidence item and partition offset
(``EXH-001@32256:/path``) so several evidence items can share one timeline; a ``|`` or a
control character in an evidence name is written as a visible escape so it cannot break the
line format.

Times and their basis: mactime needs Unix seconds, i.e. an instant. File systems that record
UTC give it directly. Local clock times (FAT, exFAT: ``files.time_basis = 'local'``) are
written as the instant the examiner's declared source zone gives them (an assumption recorded
in the case and the audit log). When the zone is unknown no instant exists, so they are
written as 0 ("unknown") rather than read as if they were UTC, which would misplace them by
the device's offset; a FAT access time is a date with no time of day and is always 0.
:func:`zone_unknown_count` says how many entries were left without times this way, so the
caller can warn.
"""

from __future__ import annotations

import stat
from pathlib import Path
from typing import TextIO

from ..store import CaseStore
from ..text import safe_text
from ..timeutil import BASIS_LOCAL, local_to_utc, parse_iso

_TYPE_CHAR = {"file": "r", "dir": "d", "link": "l", "virtual": "v", "other": "-"}


def _mode(kind: str, mode: int | None) -> str:
    t = _TYPE_CHAR.get(kind, "-")
    perms = stat.filemode(int(mode) & 0o7777)[1:] if mode is not None else "---------"
    return f"{t}/{t}{perms}"


def _epoch(value: str | None, basis: str = "utc", source_zone: str | None = None) -> str:
    if value and basis == BASIS_LOCAL:
        value = local_to_utc(value, source_zone)  # None without a zone, and for a date alone
    moment = parse_iso(value) if value else None
    return str(int(moment.timestamp())) if moment else "0"


def _name(text: str) -> str:
    return safe_text(text).replace("|", "\\x7c")


def write_bodyfile(store: CaseStore, out: TextIO, file_ids: set[int] | None = None) -> int:
    """Write the body file; ``file_ids`` limits it to some files (None: every entry). Returns lines."""
    count = 0
    for r in store.findings.iter_file_rows(file_ids):
        name = f"{r['evidence_uid']}@{r['partition_offset']}:{r['path']}"
        if r["stream"]:
            name += f":{r['stream']}"
        if not r["allocated"]:
            name += " (deleted)"
        inode = str(r["inode"])
        if r["attr_type"] is not None:
            inode += f"-{r['attr_type']}-{r['attr_id']}"
        basis, zone = r["time_basis"], r["source_timezone"]
        # mactime's MD5 field stands for the whole file: '0' (unknown) unless the whole file was read.
        fields = [(r["md5"] if r["status"] == "done" else None) or "0", _name(name), inode, _mode(r["type"], r["mode"]), str(r["uid"] or 0),
                  str(r["gid"] or 0), str(r["size"]), _epoch(r["atime"], basis, zone), _epoch(r["mtime"], basis, zone),
                  _epoch(r["ctime"], basis, zone), _epoch(r["crtime"], basis, zone)]
        out.write("|".join(fields) + "\n")
        count += 1
    return count


def zone_unknown_count(store: CaseStore, file_ids: set[int] | None = None) -> int:
    """Entries whose local clock times were written as 0 because their evidence item's zone is unknown."""
    return store.findings.local_zone_unknown_count(BASIS_LOCAL, file_ids)


def export_bodyfile(store: CaseStore, path: str | Path, file_ids: set[int] | None = None) -> int:
    with Path(path).open("w", encoding="utf-8", newline="\n") as fh:
        return write_bodyfile(store, fh, file_ids)
