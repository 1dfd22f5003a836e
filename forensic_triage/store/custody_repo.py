"""Chain-of-custody events (store-core)."""

from __future__ import annotations

from typing import Any

from .base import Repo

# The columns of a custody event, in the order they are written.
CUSTODY_COLUMNS = ("evidence_id", "exhibit", "action", "who", "time_utc", "timezone", "location", "purpose",
                   "from_party", "to_party", "seals", "note", "entered_utc", "entered_by")


class CustodyRepo(Repo):
    """Reached as ``store.custody``."""

    def add(self, *, evidence_id: int | None, exhibit: str, action: str, who: str, time_utc: str, timezone: str,
            location: str, purpose: str, from_party: str, to_party: str, seals: str, note: str, entered_utc: str,
            entered_by: str) -> int:
        """Insert one custody event (inside the caller's transaction); its id."""
        cur = self._conn.execute(
            f"INSERT INTO custody({', '.join(CUSTODY_COLUMNS)}) VALUES ({','.join('?' * len(CUSTODY_COLUMNS))})",
            (evidence_id, exhibit, action, who, time_utc, timezone, location, purpose, from_party, to_party, seals,
             note, entered_utc, entered_by))
        return int(cur.lastrowid or 0)

    def events(self, *, exhibit: str | None = None, event_id: int | None = None) -> list[dict[str, Any]]:
        """Custody events (all columns) by time, then by order of entry: one event by id, the events of one
        exhibit (its exhibit text, or the evidence id of its item), or all."""
        sql = "SELECT * FROM custody"
        params: tuple[Any, ...] = ()
        if event_id is not None:
            sql += " WHERE id = ?"
            params = (event_id,)
        elif exhibit:
            sql += " WHERE exhibit = ? OR evidence_id IN (SELECT id FROM evidence WHERE uid = ?)"
            params = (exhibit, exhibit)
        return self._rows(sql + " ORDER BY time_utc, id", params)
