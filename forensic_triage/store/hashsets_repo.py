"""Hash sets in the case: matches found during triage, the case's hashes exported as a set (store-core).

The examiner's hash-set library (a database of its own, shared by cases) is in :mod:`.hashset_library`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .base import Repo

# Files the export scopes select (``export_case_hashes``): tagged (the file, or a hit, artifact or
# content hit in it), or notable (tagged, matched by a notable set, or hit by a YARA rule).
_TAGGED = (
    "f.id IN (SELECT target_id FROM tags WHERE target_kind = 'file'"
    " UNION SELECT y.file_id FROM tags t JOIN yara_hits y ON t.target_kind = 'hit' AND y.id = t.target_id"
    " UNION SELECT a.file_id FROM tags t JOIN artifacts a ON t.target_kind = 'artifact' AND a.id = t.target_id"
    " UNION SELECT c.file_id FROM tags t JOIN content_hits c ON t.target_kind = 'content_hit' AND c.id = t.target_id)"
)
EXPORT_SCOPES = {
    "tagged": _TAGGED,
    "notable": f"({_TAGGED} OR f.hashset_match = 'notable' OR f.hit_count > 0)",
}


def not_known_good(alias: str = "f") -> str:
    """SQL condition that hides files matched only by known-good sets (``WHERE ... AND <this>``), for
    queries inside ``store/`` on the file table under ``alias``."""
    return f"coalesce({alias}.hashset_match, '') != 'known-good'"


class HashsetsRepo(Repo):
    """Reached as ``store.hashsets``."""

    def matches(self, *, hide_known_good: bool = False) -> Iterator[dict[str, Any]]:
        """Every hash-set match, by file then set name: ``set_name``, ``kind``, ``algorithm``, ``hash`` and the
        file's provenance (``evidence``, ``partition_offset``, ``inode``, ``path``, ``sha256``, ``locator``)."""
        hide = f" AND {not_known_good()}" if hide_known_good else ""
        return self._iter(
            "SELECT h.set_name, h.kind, h.algorithm, h.hash, e.uid AS evidence,"
            " f.partition_offset AS partition_offset, f.inode AS inode, f.path AS path, f.sha256 AS sha256,"
            " f.locator AS locator FROM hash_matches h"
            " JOIN files f ON f.id = h.file_id JOIN evidence e ON e.id = f.evidence_id WHERE 1"
            f"{hide} ORDER BY f.id, h.set_name")

    def hashes_to_export(self, scope: str) -> list[dict[str, Any]]:
        """``size``, ``md5``, ``sha256``, ``path`` and ``exhibit`` of the examined files in ``scope`` (one of
        :data:`EXPORT_SCOPES`), never those matched only by known-good sets, by SHA-256 then id."""
        if scope not in EXPORT_SCOPES:
            raise ValueError(f"unknown export scope {scope!r}")
        return self._rows(
            "SELECT f.size, f.md5, f.sha256, f.path, e.exhibit FROM files f JOIN evidence e ON e.id = f.evidence_id"
            f" WHERE f.sha256 IS NOT NULL AND f.status = 'done' AND {EXPORT_SCOPES[scope]} AND {not_known_good()}"
            " ORDER BY f.sha256, f.id")
