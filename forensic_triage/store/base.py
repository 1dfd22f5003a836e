"""Base of the repository classes: the only place SQL on the case database is written.

A repository is one area of the case (files, findings, tags...). It is reached as an attribute
of :class:`~forensic_triage.store.db.CaseStore` (``store.files``, ``store.tags``...), returns
plain Python values (dicts with named keys, dataclasses, numbers, strings) — never cursors or
``sqlite3.Row`` — and takes its parameters by name, so callers never see the dialect. A second
back-end (PostgreSQL, lab mode) implements the same classes; callers do not change.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .db import CaseStore

Params = tuple[Any, ...] | dict[str, Any]


class Repo:
    """One area of the case database; holds the :class:`CaseStore` it belongs to."""

    def __init__(self, store: CaseStore) -> None:
        self._store = store

    @property
    def _conn(self) -> sqlite3.Connection:
        return self._store.conn

    def _rows(self, sql: str, params: Params = ()) -> list[dict[str, Any]]:
        """All rows of a query as dicts keyed by column name."""
        return [dict(r) for r in self._store.query(sql, params)]

    def _iter(self, sql: str, params: Params = ()) -> Iterator[dict[str, Any]]:
        for row in self._store.iter_query(sql, params):
            yield dict(row)

    def _one(self, sql: str, params: Params = ()) -> dict[str, Any] | None:
        rows = self._store.query(sql, params)
        return dict(rows[0]) if rows else None

    def _scalar(self, sql: str, params: tuple[Any, ...] = ()) -> Any:
        return self._store.scalar(sql, params)
