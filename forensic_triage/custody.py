"""Chain of custody: who had each exhibit, when (with time zone), where, why, under which seals."""

from __future__ import annotations

import dataclasses
import datetime as _dt
from typing import Any

from .errors import UsageError
from .store import CaseStore
from .timeutil import iso, parse_iso, utcnow, zone

ACTIONS = ("received", "sealed", "unsealed", "imaged", "verified", "analysed", "exported", "handed over")


@dataclasses.dataclass(slots=True)
class CustodyEvent:
    exhibit: str
    action: str
    who: str
    time_utc: str
    timezone: str = "UTC"
    location: str = ""
    purpose: str = ""
    from_party: str = ""
    to_party: str = ""
    seals: str = ""
    note: str = ""
    evidence_id: int | None = None
    id: int | None = None


def parse_when(text: str | None, tz_name: str) -> str:
    """An ISO time as given by the examiner (``2025-03-04T10:02``, with or without offset) in UTC.

    A time without an offset is taken in ``tz_name`` (the zone the event happened in).
    """
    if not text:
        return iso(utcnow()) or ""
    try:
        value = _dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError as exc:
        raise UsageError(f"{text!r} is not a date and time.", hint="Use e.g. 2025-03-04T10:02 or 2025-03-04T10:02-04:00.") from exc
    if value.tzinfo is None:
        value = value.replace(tzinfo=zone(tz_name))
    return iso(value) or ""


def add_event(store: CaseStore, event: CustodyEvent, actor: str | None = None) -> int:
    """Record one custody event for an exhibit (an evidence item of the case or a physical item)."""
    if event.action not in ACTIONS:
        raise UsageError(f"Unknown custody action {event.action!r}.", hint=f"Use one of: {', '.join(ACTIONS)}.")
    if not event.who.strip():
        raise UsageError("A custody event needs the name of who acted (--who).")
    try:
        zone(event.timezone)
    except ValueError as exc:
        raise UsageError(str(exc)) from exc
    if parse_iso(event.time_utc) is None:
        raise UsageError("A custody event needs a time.")
    row = store.query("SELECT id, exhibit FROM evidence WHERE uid = ? OR exhibit = ? ORDER BY id LIMIT 1",
                      (event.exhibit, event.exhibit))
    evidence_id = int(row[0]["id"]) if row else None
    exhibit = str(row[0]["exhibit"]) if row else event.exhibit
    with store.transaction() as conn:
        cur = conn.execute(
            "INSERT INTO custody(evidence_id, exhibit, action, who, time_utc, timezone, location, purpose, from_party,"
            " to_party, seals, note) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (evidence_id, exhibit, event.action, event.who, event.time_utc, event.timezone, event.location,
             event.purpose, event.from_party, event.to_party, event.seals, event.note))
        event_id = int(cur.lastrowid or 0)
        details = dataclasses.asdict(event)
        details.update(id=event_id, evidence_id=evidence_id, exhibit=exhibit)
        store.audit(actor or event.who, "custody event", details)
    return event_id


def list_events(store: CaseStore, exhibit: str | None = None) -> list[CustodyEvent]:
    sql = "SELECT * FROM custody"
    params: tuple[Any, ...] = ()
    if exhibit:
        sql += " WHERE exhibit = ? OR evidence_id IN (SELECT id FROM evidence WHERE uid = ?)"
        params = (exhibit, exhibit)
    rows = store.query(sql + " ORDER BY time_utc, id", params)
    names = {f.name for f in dataclasses.fields(CustodyEvent)}
    return [CustodyEvent(**{k: r[k] for k in r.keys() if k in names}) for r in rows]


def local_iso(time_utc: str, tz_name: str) -> str:
    """The event time as ISO 8601 with the offset of the zone it happened in (``...-04:00``)."""
    moment = parse_iso(time_utc)
    if moment is None:
        return time_utc
    local = moment.astimezone(zone(tz_name))
    text = local.isoformat()
    return text.replace("+00:00", "Z") if tz_name.upper() in ("UTC", "Z") else text
