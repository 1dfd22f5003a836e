"""Tags, notes and thumbnails (hostile).

Writes are called inside the caller's ``store.transaction()`` (with the audit entry of the same
examiner action); reads return dicts keyed by column name.
"""

from __future__ import annotations

from typing import Any

from .base import Repo

# Tag target kind -> the table its ids are in (files are found by locator instead).
_TARGET_TABLES = {"artifact": "artifacts", "hit": "yara_hits", "content_hit": "content_hits"}


class TagsRepo(Repo):
    """Reached as ``store.tags``."""

    # ------------------------------------------------------------------ targets
    def files_by_locator(self, key: str) -> list[dict[str, Any]]:
        """File rows whose locator is ``key`` or starts with ``key/`` (a stream of it), by id."""
        return self._rows("SELECT * FROM files WHERE locator = ? OR substr(locator, 1, ?) = ? ORDER BY id",
                          (key, len(key) + 1, key + "/"))

    def finding_target(self, kind: str, target_id: int) -> dict[str, Any] | None:
        """``id, locator, file_id, path`` of an artifact, YARA hit or content hit (``kind``)."""
        table = _TARGET_TABLES[kind]
        return self._one(f"SELECT t.id, t.locator, t.file_id, f.path FROM {table} t"  # noqa: S608 - fixed names
                         " LEFT JOIN files f ON f.id = t.file_id WHERE t.id = ?", (target_id,))

    # --------------------------------------------------------------------- tags
    def insert_tag(self, *, kind: str, target_id: int, locator: str, tag: str, note: str, examiner: str,
                   created_utc: str, interpretation: str, alternatives: str) -> int:
        """A new tag row (inside the caller's transaction); returns its id."""
        cur = self._conn.execute(
            "INSERT INTO tags(target_kind, target_id, locator, tag, note, examiner, created_utc, interpretation,"
            " alternatives) VALUES (?,?,?,?,?,?,?,?,?)",
            (kind, target_id, locator, tag, note, examiner, created_utc, interpretation, alternatives))
        return int(cur.lastrowid or 0)

    def update_tag_texts(self, tag_id: int, texts: dict[str, str]) -> None:
        """Set ``interpretation``, ``alternatives`` and/or ``note`` of a tag (inside the caller's transaction)."""
        allowed = ("interpretation", "alternatives", "note")
        names = [n for n in allowed if n in texts]
        if len(names) != len(texts):
            raise ValueError(f"only {', '.join(allowed)} of a tag can be changed")
        self._conn.execute(f"UPDATE tags SET {', '.join(f'{n} = ?' for n in names)} WHERE id = ?",  # noqa: S608
                           (*(texts[n] for n in names), tag_id))

    def all_tags(self) -> list[dict[str, Any]]:
        return self._rows("SELECT * FROM tags ORDER BY id")

    # --------------------------------------------------------------- thumbnails
    def has_thumbnail(self, file_id: int) -> bool:
        return bool(self._scalar("SELECT 1 FROM thumbnails WHERE file_id = ?", (file_id,)))

    def save_thumbnail(self, *, file_id: int, source_sha256: str, width: int, height: int, png: bytes,
                       created_utc: str) -> None:
        """Keep (or replace) a file's PNG preview (inside the caller's transaction)."""
        self._conn.execute(
            "INSERT OR REPLACE INTO thumbnails(file_id, source_sha256, mime, width, height, image, created_utc)"
            " VALUES (?,?,?,?,?,?,?)", (file_id, source_sha256, "image/png", width, height, png, created_utc))

    # -- added by store-ui
    def by_id(self, tag_id: int) -> dict[str, Any] | None:
        return self._one("SELECT * FROM tags WHERE id = ?", (tag_id,))

    def names(self) -> list[str]:
        """Every tag name used in the case, sorted."""
        return [str(r["tag"]) for r in self._rows("SELECT DISTINCT tag FROM tags ORDER BY tag")]
