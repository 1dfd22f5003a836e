"""Read a file's content from the evidence for the viewers: read-only, bounded, cached handles.

The viewers never trust sizes from the evidence: every read is capped, and the image is
opened through the core's one resolver (``forensic_triage.fs.resolver``), exactly as triage
opened it. Called from worker threads; the resolver's lock serialises the pytsk3 handles.
What the bytes are parsed into (pictures, SQLite tables) is done in child processes with limits
(``forensic_triage.isolated_views``), never in this process.
"""

from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path
from typing import Any

from forensic_triage import isolated_views
from forensic_triage.errors import EvidenceError
from forensic_triage.fs.resolver import Resolver

MAX_VIEW = 1024 * 1024           # hex / text window
MAX_PICTURE = 32 * 1024 * 1024   # picture preview
MAX_SQLITE = 256 * 1024 * 1024   # 'view as SQLite' temp copy


class ContentReader:
    """Keeps the last few opened images and file systems; thread-safe."""

    KEEP = 3

    def __init__(self) -> None:
        self._resolver = Resolver(keep=self.KEEP)
        self._temp = tempfile.TemporaryDirectory(prefix="ft-view-")

    def read(self, file_row: dict[str, Any], evidence_path: str, offset: int = 0, length: int = MAX_VIEW) -> bytes:
        """Up to ``length`` bytes of a file stream starting at ``offset`` (capped at its size)."""
        size = int(file_row.get("size") or 0)
        length = max(0, min(length, size - offset))
        if length == 0:
            return b""
        stream = self._resolver.open_row(evidence_path, file_row)
        try:
            return self._resolver.read(stream, offset, length)
        except OSError as exc:
            raise EvidenceError(
                f"The content of {file_row.get('path', 'this file')} cannot be read from the evidence: {exc}.",
                hint="Deleted files are often partly overwritten; the metadata shown is still valid.",
            ) from exc

    def sqlite_copy(self, file_row: dict[str, Any], evidence_path: str,
                    companions: dict[str, dict[str, Any]] | None = None) -> Path:
        """A temporary copy of a SQLite file (with its -wal/-journal if given) to browse read-only."""
        size = int(file_row.get("size") or 0)
        if size > MAX_SQLITE:
            raise EvidenceError(f"This file is {size} bytes; the SQLite viewer opens files up to {MAX_SQLITE} bytes.")
        folder = Path(tempfile.mkdtemp(dir=self._temp.name))
        target = folder / "copy.sqlite"
        target.write_bytes(self.read(file_row, evidence_path, 0, size))
        for suffix, row in (companions or {}).items():
            if int(row.get("size") or 0) <= MAX_SQLITE:
                (folder / f"copy.sqlite{suffix}").write_bytes(self.read(row, evidence_path, 0, int(row["size"])))
        return target

    def close(self) -> None:
        self._resolver.close()
        with contextlib.suppress(OSError):
            self._temp.cleanup()


def sqlite_tables(path: Path) -> list[str]:
    """The tables of our temporary copy, listed in a child process with the hostile-schema
    protections (``isolated_views``); views are listed there but never run, so not offered.
    Raises :class:`ParseError` saying what happened (a crash, a time or memory limit)."""
    return isolated_views.sqlite_tables(path).tables
