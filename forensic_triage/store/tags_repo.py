"""Tags, notes and thumbnails (store-core)."""

from __future__ import annotations

from typing import Any

from .base import Repo


class TagsRepo(Repo):
    """Reached as ``store.tags``."""

    # -- added by store-ui
    def by_id(self, tag_id: int) -> dict[str, Any] | None:
        return self._one("SELECT * FROM tags WHERE id = ?", (tag_id,))

    def names(self) -> list[str]:
        """Every tag name used in the case, sorted."""
        return [str(r["tag"]) for r in self._rows("SELECT DISTINCT tag FROM tags ORDER BY tag")]
