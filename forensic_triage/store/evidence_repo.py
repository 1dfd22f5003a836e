"""Evidence items, their container files and volumes (store-core)."""

from __future__ import annotations

from typing import Any

from .base import Repo


class EvidenceRepo(Repo):
    """Reached as ``store.evidence``."""

    # -- added by store-ui
    def items(self) -> list[dict[str, Any]]:
        """Every evidence item (all columns), in the order they were added."""
        return self._rows("SELECT * FROM evidence ORDER BY id")

    def by_id(self, evidence_id: int) -> dict[str, Any] | None:
        return self._one("SELECT * FROM evidence WHERE id=?", (evidence_id,))

    def count(self) -> int:
        return int(self._scalar("SELECT count(*) FROM evidence") or 0)

    def volumes_of(self, evidence_id: int) -> list[dict[str, Any]]:
        """The volumes of one evidence item (all columns), by offset."""
        return self._rows("SELECT * FROM volumes WHERE evidence_id=? ORDER BY offset", (evidence_id,))

    def unlisted_volume_count(self) -> int:
        """File systems found but not walked yet (their files are listed when triage runs)."""
        return int(self._scalar("SELECT count(*) FROM volumes WHERE fs_type IS NOT NULL AND fs_status = 'pending'")
                   or 0)

    def declared_zones(self) -> list[dict[str, Any]]:
        """``exhibit, source_timezone`` of the items whose device clock zone was declared, by id."""
        return self._rows("SELECT exhibit, source_timezone FROM evidence WHERE source_timezone IS NOT NULL ORDER BY id")
