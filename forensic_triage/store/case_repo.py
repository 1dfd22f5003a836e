"""Case facts: case_info, examiners, meta; case-wide totals and the integrity records (store-core)."""

from __future__ import annotations

import dataclasses
import sqlite3
from typing import Any

from . import digest
from .base import Repo

# The examiner's words for the report: which column of which table holds each field. The
# names are fixed here (never taken from the caller), so they can be written into the SQL.
CASE_TEXT_COLUMNS = ("request", "conclusions")
EXAMINER_TEXT_COLUMNS = ("qualifications", "role", "organisation")


@dataclasses.dataclass(frozen=True, slots=True)
class CaseTotals:
    """How much a case holds (row counts)."""

    evidence_items: int
    entries: int  # every row of the file table (files, folders, other entries)
    files: int  # entries of type 'file'
    deleted_files: int  # files no longer allocated
    pending: int  # entries not examined yet
    artifacts: int
    yara_hits: int
    hash_matches: int
    content_hits: int
    warnings: int


class CaseRepo(Repo):
    """Reached as ``store.case``."""

    # ------------------------------------------------------------ totals
    def totals(self) -> CaseTotals:
        def count(sql: str) -> int:
            return int(self._scalar(sql) or 0)

        return CaseTotals(
            evidence_items=count("SELECT count(*) FROM evidence"),
            entries=count("SELECT count(*) FROM files"),
            files=count("SELECT count(*) FROM files WHERE type='file'"),
            deleted_files=count("SELECT count(*) FROM files WHERE type='file' AND allocated=0"),
            pending=count("SELECT count(*) FROM files WHERE status='pending'"),
            artifacts=count("SELECT count(*) FROM artifacts"),
            yara_hits=count("SELECT count(*) FROM yara_hits"),
            hash_matches=count("SELECT count(*) FROM hash_matches"),
            content_hits=count("SELECT count(*) FROM content_hits"),
            warnings=count("SELECT count(*) FROM warnings"),
        )

    # ------------------------------------------------- examiner's words
    def examiner_details(self, name: str) -> dict[str, str | None] | None:
        """``role``, ``organisation`` and ``qualifications`` of one examiner, ``None`` if not recorded."""
        return self._one("SELECT role, organisation, qualifications FROM examiners WHERE name = ?", (name,))

    def add_examiner(self, name: str) -> None:
        """Record an examiner by name (nothing happens when already recorded)."""
        self._conn.execute("INSERT OR IGNORE INTO examiners(name) VALUES (?)", (name,))

    def set_case_text(self, column: str, text: str) -> None:
        """Write one of the case's report texts (:data:`CASE_TEXT_COLUMNS`)."""
        if column not in CASE_TEXT_COLUMNS:
            raise ValueError(f"not a case text column: {column!r}")
        self._conn.execute(f"UPDATE case_info SET {column} = ? WHERE id = 1", (text,))  # noqa: S608

    def set_examiner_text(self, name: str, column: str, text: str) -> None:
        """Write one of an examiner's report texts (:data:`EXAMINER_TEXT_COLUMNS`)."""
        if column not in EXAMINER_TEXT_COLUMNS:
            raise ValueError(f"not an examiner text column: {column!r}")
        self._conn.execute(f"UPDATE examiners SET {column} = ? WHERE name = ?", (text, name))  # noqa: S608

    # --------------------------------------------------------- integrity
    def audit_entry_count(self) -> int:
        return int(self._scalar("SELECT count(*) FROM audit") or 0)

    def audit_has_entry_hash(self, entry_hash: str) -> bool:
        """Whether an audit entry with this hash (lower-case hex) is in the log."""
        return bool(self._scalar("SELECT 1 FROM audit WHERE hash = ?", (entry_hash,)))

    def digest_problems(self) -> list[str]:
        """Every covered table whose digest no longer matches the last anchor, in words."""
        return digest.check(self._conn)

    def digest_anchors(self) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
        """(latest, first) digest anchors of the audit log; ``(None, None)`` when they cannot be read."""
        try:
            return digest.latest_anchor(self._conn), digest.first_anchor(self._conn)
        except sqlite3.Error:
            return None, None
