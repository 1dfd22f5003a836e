"""The zone an evidence item's local clocks were set to, as the examiner declares it.

File systems such as FAT and exFAT, EXIF camera clocks and some registry values record a local
wall-clock time with no zone. Those times are stored as written (naive ISO text, basis
'local'). The examiner may declare the zone the device was set to (``evidence add
--source-timezone`` or ``evidence set``); every such time is then shown in UTC *as an
assumption* and its artifact times go on the timeline with ``basis='assumed:ZONE'`` and the
original text in ``local_time``. Changing or clearing the zone re-derives every stored value
that rests on it, in one transaction with an audit entry naming the old and new zone.
File-system times are converted when read (their stored text never changes), so only
artifacts and timeline rows are rewritten here.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from ..errors import UsageError
from ..store import CaseStore
from ..timeutil import BASIS_UTC, zone

UNKNOWN = ("unknown", "none", "")


def check_zone(text: str | None) -> str | None:
    """A declared zone as stored (IANA name or ±HH:MM), ``None`` for 'unknown'; a clear usage
    error for anything else."""
    if text is None or text.strip().lower() in UNKNOWN:
        return None
    name = text.strip()
    try:
        zone(name)
    except (ValueError, OverflowError) as exc:
        raise UsageError(f"{name!r} is not a time zone this tool knows.",
                         hint="Use an IANA name such as America/Port_of_Spain, or an offset such as -04:00; "
                              "'unknown' clears it.") from exc
    if name[0] in "+-" and ":" in name:
        hours, minutes = name[1:].split(":", 1)
        name = f"{name[0]}{int(hours):02d}:{int(minutes):02d}"
    elif name.upper() in ("UTC", "Z"):
        name = "UTC"
    return name


@dataclasses.dataclass(slots=True)
class ZoneChange:
    evidence: str
    exhibit: str
    old: str | None
    new: str | None
    local_files: int = 0
    artifacts: int = 0
    removed: int = 0
    placed: int = 0
    not_rederived: int = 0  # artifacts whose plugin cannot be loaded and had nothing placed before


def find_evidence(store: CaseStore, ident: str) -> dict[str, Any]:
    rows = store.evidence.named(ident)
    if not rows:
        known = ", ".join(str(r["exhibit"]) for r in store.evidence.items())
        raise UsageError(f"No evidence item {ident!r} in this case.",
                         hint=f"Known exhibits: {known}." if known else "Add one with 'forensic-triage evidence add'.")
    return rows[0]


def set_source_timezone(store: CaseStore, ident: str, zone_text: str | None, actor: str | None = None,
                        registry: Any = None) -> ZoneChange:
    """Declare (or clear, with ``None``) the source zone of one evidence item and re-derive every
    timeline row and artifact time that rests on it; audited, all in one transaction."""
    from ..extractors import find_record_type, load_registry, record_times
    from ..jobs.writer import insert_timeline, place_times

    new = check_zone(zone_text)
    ev = find_evidence(store, ident)
    change = ZoneChange(str(ev["uid"]), str(ev["exhibit"]), ev["source_timezone"], new)
    arts = store.evidence.artifacts_not_utc(ev["id"], BASIS_UTC)
    reg = registry if registry is not None or not arts else load_registry()
    with store.transaction() as conn:
        store.evidence.set_source_timezone(ev["id"], new)
        change.local_files = store.evidence.local_time_file_count(ev["id"])
        for a in arts:
            old_rows = store.evidence.assumed_timeline_events(a["id"])
            cls = find_record_type(reg, a["plugin"], a["type"]) if reg is not None else None
            if cls is not None:
                try:
                    data = json.loads(a["data"])
                except ValueError:
                    data = {}
                times = record_times(cls, data if isinstance(data, dict) else {})
            else:
                # The plugin cannot be loaded here: what was placed before is all that is known.
                times = [(event, str(local)) for event, local in old_rows if local]
                if not times:
                    change.not_rederived += 1
                    continue
            placed, basis = place_times(times, new)
            assumed = [p for p in placed if p[2] != BASIS_UTC]
            change.removed += store.evidence.remove_assumed_timeline(a["id"])
            insert_timeline(conn, assumed, int(a["id"]), str(a["plugin"]), a["file_id"], str(a["locator"]),
                            str(a["summary"]))
            change.placed += len(assumed)
            store.evidence.set_artifact_time_basis(a["id"], basis)
            change.artifacts += 1
        store.audit(actor or store.examiner, "evidence source time zone set", {
            "evidence": change.evidence, "exhibit": change.exhibit, "old": change.old, "new": change.new,
            "local_file_entries": change.local_files, "artifacts_rederived": change.artifacts,
            "timeline_rows_removed": change.removed, "timeline_rows_placed": change.placed,
            "artifacts_not_rederived": change.not_rederived,
        }, touched=("evidence", "artifacts", "timeline"))
    return change


def describe(change: ZoneChange) -> str:
    """One plain sentence for the examiner."""
    zone_words = (f"{change.new} (declared by the examiner; times resting on it are labelled 'assumed')"
                  if change.new else "unknown (local clock times are shown as local and kept off the UTC timeline)")
    text = (f"Source time zone of {change.exhibit} is now {zone_words}; was {change.old or 'unknown'}. "
            f"{change.local_files} file entries keep local clock times; {change.artifacts} artifacts re-derived, "
            f"{change.removed} timeline rows removed and {change.placed} placed.")
    if change.not_rederived:
        text += (f" {change.not_rederived} artifacts with local times could not be re-derived because their plugin"
                 " cannot be loaded.")
    return text
