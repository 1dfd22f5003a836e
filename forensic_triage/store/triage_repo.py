"""Write side of jobs: job rows, the single writer's inserts and updates, warnings (jobs)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from .base import Repo


class TriageRepo(Repo):
    """Reached as ``store.triage``."""

    # -- added by store-core (content search job; the warnings listing)
    def add_content_hits(self, *, file_id: int, locator: str, search: str,
                         hits: Iterable[tuple[str, str, int, str, str]]) -> None:
        """Store a search's hits in one file (kind, value, offset, context, encoding); a hit already stored
        is kept once. Inside the caller's transaction."""
        self._conn.executemany(
            "INSERT OR IGNORE INTO content_hits(file_id, locator, kind, value, offset, context, encoding, search)"
            " VALUES (?,?,?,?,?,?,?,?)",
            [(file_id, locator, kind, value, offset, context, encoding, search)
             for kind, value, offset, context, encoding in hits])

    def warning_rows(self, *, job_id: int | None = None, kind: str | None = None,
                     source: str | None = None) -> Iterator[dict[str, Any]]:
        """Stored warnings in order of entry, of one job, kind and/or source or all: ``id``, ``job_id``,
        ``kind``, ``source``, ``message``, ``details`` (JSON text), ``locator``, ``created_utc``, and the
        ``evidence`` id, file ``path`` and ``inode`` they concern (``None`` where they concern none)."""
        clauses: list[str] = []
        params: list[Any] = []
        for column, value in (("w.job_id", job_id), ("w.kind", kind), ("w.source", source)):
            if value is not None:
                clauses.append(f"{column} = ?")
                params.append(value)
        return self._iter(
            "SELECT w.id, w.job_id, w.kind, w.source, w.message, w.details, w.locator, w.created_utc,"
            " e.uid AS evidence, f.path AS path, f.inode AS inode FROM warnings w"
            " LEFT JOIN evidence e ON e.id = w.evidence_id LEFT JOIN files f ON f.id = w.file_id"
            + (" WHERE " + " AND ".join(clauses) if clauses else "") + " ORDER BY w.id", tuple(params))
