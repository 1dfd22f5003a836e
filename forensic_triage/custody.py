"""Chain of custody: who had each exhibit, when (with time zone), where, why, under which seals.

Every event names an exhibit the case knows (an evidence item, by its id such as EXH-001 or
its exhibit number); a name the case does not know is refused, so a typo cannot start a
second, unrelated chain. A physical item that is not imaged (a phone kept sealed, the bag a
disk came in) is recorded only when the examiner says so (``physical_item=True``,
``custody add --physical-item``); such events have no evidence id.

Each event also records when it was entered (``entered_utc``, the clock of the machine at the
time of entry, never given by the caller) and by whom (``entered_by``, default the case
examiner), separately from when it happened (``time_utc``) and who acted (``who``).
"""

from __future__ import annotations

import dataclasses
import datetime as _dt

from .errors import UsageError
from .store import CaseStore
from .timeutil import iso, parse_iso, utcnow, utcnow_iso, zone

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
    entered_utc: str = ""
    entered_by: str = ""
    physical_item: bool = False


def known_exhibits(store: CaseStore) -> list[str]:
    """The exhibits a custody event may name: ``EXH-001 (exhibit 12/2025)`` for each evidence item."""
    return [r["uid"] if r["uid"] == r["exhibit"] else f"{r['uid']} ({r['exhibit']})"
            for r in store.evidence.items()]


def resolve_exhibit(store: CaseStore, event: CustodyEvent) -> tuple[int | None, str]:
    """(evidence id, exhibit text) for an event; refuses an exhibit the case does not know."""
    if event.evidence_id is not None:
        item = store.evidence.by_id(event.evidence_id)
        if item is None:
            raise UsageError(f"The case has no evidence item with id {event.evidence_id}.")
        return int(item["id"]), str(item["exhibit"])
    name = event.exhibit.strip()
    if not name:
        raise UsageError("A custody event needs the exhibit it concerns (--exhibit).")
    rows = store.evidence.named(name)
    if len(rows) == 1 or (rows and all(r["exhibit"] == rows[0]["exhibit"] for r in rows)):
        return int(rows[0]["id"]), str(rows[0]["exhibit"])
    if rows:
        raise UsageError(f"{name!r} names more than one evidence item of this case.",
                         hint=f"Use the evidence id: {', '.join(known_exhibits(store))}.")
    if event.physical_item:
        return None, name
    known = known_exhibits(store)
    raise UsageError(f"The case has no exhibit {name!r}; nothing was recorded.",
                     hint=(f"Known exhibits: {', '.join(known)}." if known else "The case has no evidence items yet.")
                     + " For a physical item that is not imaged, add --physical-item.")


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
    """Record one custody event for an exhibit (an evidence item of the case, or a physical item
    when ``event.physical_item`` says so); audited. ``actor``, else ``event.entered_by``, else the
    case examiner is recorded as the one who entered it."""
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
    entered_by = (actor or event.entered_by or store.examiner).strip()
    if not entered_by:
        raise UsageError("A custody event needs the name of who entered it (--entered-by).")
    evidence_id, exhibit = resolve_exhibit(store, event)
    entered_utc = utcnow_iso()
    with store.transaction():
        event_id = store.custody.add(
            evidence_id=evidence_id, exhibit=exhibit, action=event.action, who=event.who, time_utc=event.time_utc,
            timezone=event.timezone, location=event.location, purpose=event.purpose, from_party=event.from_party,
            to_party=event.to_party, seals=event.seals, note=event.note, entered_utc=entered_utc,
            entered_by=entered_by)
        details = dataclasses.asdict(event)
        details.update(id=event_id, evidence_id=evidence_id, exhibit=exhibit, entered_utc=entered_utc,
                       entered_by=entered_by, physical_item=evidence_id is None)
        store.audit(entered_by, "custody event", details, touched=("custody",))
    return event_id


def list_events(store: CaseStore, exhibit: str | None = None, *, event_id: int | None = None) -> list[CustodyEvent]:
    rows = store.custody.events(exhibit=exhibit, event_id=event_id)
    names = {f.name for f in dataclasses.fields(CustodyEvent)}
    return [CustodyEvent(**{k: v for k, v in r.items() if k in names}, physical_item=r["evidence_id"] is None)
            for r in rows]


def local_iso(time_utc: str, tz_name: str) -> str:
    """The event time as ISO 8601 with the offset of the zone it happened in (``...-04:00``)."""
    moment = parse_iso(time_utc)
    if moment is None:
        return time_utc
    local = moment.astimezone(zone(tz_name))
    text = local.isoformat()
    return text.replace("+00:00", "Z") if tz_name.upper() in ("UTC", "Z") else text
