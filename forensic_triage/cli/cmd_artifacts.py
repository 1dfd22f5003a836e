"""``forensic-triage plugins``, ``artifacts`` and ``timeline``: what the extractors can read and
what they found, read from the case database only."""

from __future__ import annotations

import argparse
import contextlib
import datetime as _dt
import json
import sys
from collections.abc import Generator, Iterator
from typing import Any

from ..errors import UsageError
from ..extractors import load_registry
from ..jobs.options import TIMELINE_FILE_TIMES_DEFAULT
from ..plugin_api import Extractor
from ..store import CaseStore
from ..timeutil import BASIS_LOCAL, UTC, basis_zone, compact_iso, iso, sortable, timeline_display
from .common import add_format, emit, safe_text

# The fixed leading keys of an artifact row; a record field with one of these names is written
# as ``record_<name>`` so it never overwrites the provenance.
ARTIFACT_KEYS = ("id", "type", "plugin", "plugin_version", "evidence", "partition_offset", "inode", "path")
TIMELINE_KEYS = ("time_utc", "time", "basis", "local_time", "event", "source", "evidence", "partition_offset", "inode",
                 "locator", "path", "description")


def artifact_time_label(basis: str | None) -> str:
    """How an artifact's times are known, in words (artifacts.time_basis)."""
    zone = basis_zone(basis)
    if zone:
        return f"local clock times placed with zone {zone} declared by the examiner (assumed)"
    if basis == BASIS_LOCAL:
        return "has local clock times, zone unknown: kept in the record, not on the UTC timeline"
    return "UTC as recorded by the source"


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("plugins", help="list the artifact extractors, their versions and what each reads",
                       description="List every artifact extractor that can be loaded (built-in, entry points, "
                                   "user plugin folder) with its version, description, inputs and record types. "
                                   "Plugins that cannot be loaded are reported by name.")
    add_format(p)
    p.set_defaults(func=cmd_plugins)

    p = sub.add_parser("artifacts", help="list the artifacts the extractors found",
                       description="List artifact records with their provenance (plugin and version, evidence, "
                                   "partition offset, inode, path) and the record's own fields. --type and "
                                   "--plugin accept * globs, e.g. 'browser.*'.")
    p.add_argument("case_dir", metavar="CASE_DIR")
    p.add_argument("--type", metavar="T", help="record type, e.g. browser.visit or 'windows.*'")
    p.add_argument("--plugin", metavar="P", help="extractor name, e.g. windows.evtx")
    add_format(p)
    p.set_defaults(func=cmd_artifacts)

    p = sub.add_parser("timeline", help="list every dated event the extractors found, in time order",
                       description="The unified timeline: every time an artifact carries, in UTC and in the "
                                   "case's time zone. A local clock time (a camera, a local registry value) is on it "
                                   "only when the evidence item's zone was declared (basis 'assumed:ZONE', the "
                                   "original text in local_time); without a zone it stays in its record and is "
                                   "counted on stderr. --from/--to take ISO 8601 dates or times (UTC unless an "
                                   "offset is given); a date alone in --to means the whole day.")
    p.add_argument("case_dir", metavar="CASE_DIR")
    p.add_argument("--from", dest="start", metavar="ISO", help="first moment, e.g. 2024-03-01 or 2024-03-01T10:00Z")
    p.add_argument("--to", dest="end", metavar="ISO", help="last moment (inclusive)")
    p.add_argument("--file-times", action="store_true", default=TIMELINE_FILE_TIMES_DEFAULT,
                   help="also list every file's file-system times (modified, accessed, changed, created); "
                        "off by default here and in the desktop application's Timeline")
    add_format(p)
    p.set_defaults(func=cmd_timeline)


# ------------------------------------------------------------------------------- plugins
def describe_inputs(cls: type[Extractor]) -> str:
    spec = cls.inputs
    parts = list(spec.globs) + [f"name {n}" for n in spec.names]
    parts += [f"signature {sig!r}" for sig in spec.signatures] + [f"type {m}" for m in spec.mime]
    text = "; ".join(parts)
    if spec.require_all and spec.signatures:
        text += " (name and signature must both match)"
    return text


def plugin_rows(extractors: list[type[Extractor]]) -> Iterator[dict[str, Any]]:
    for cls in extractors:
        yield {
            "name": cls.name, "version": cls.version, "description": cls.description,
            "reads": describe_inputs(cls), "max_size": cls.inputs.max_size,
            "record_types": sorted({r.record_type for r in cls.record_types}),
            "enabled_by_default": cls.enabled_by_default, "references": list(cls.references),
        }


def cmd_plugins(args: argparse.Namespace) -> int:
    reg = load_registry()
    emit(plugin_rows(reg.extractors), args.format,
         table_columns=("name", "version", "description", "reads"))
    for problem in reg.problems:
        print(f"warning: {problem.message}", file=sys.stderr)
    return 0


# ----------------------------------------------------------------------------- artifacts
def iter_artifacts(store: CaseStore, *, record_type: str | None = None,
                   plugin: str | None = None) -> Generator[dict[str, Any], None, None]:
    """Artifact rows: provenance first, then the record's fields (plus ``summary``/``time_utc`` apart)."""
    for r in store.findings.artifact_rows(record_type=record_type, plugin=plugin):
        row: dict[str, Any] = {
            "id": f"ART-{r['id']}",  # the id 'tag --artifact' takes
            "type": r["type"], "plugin": r["plugin"], "plugin_version": r["plugin_version"],
            "evidence": r["evidence"] if r["evidence"] is not None else r["locator"].split(":", 1)[0],
            "partition_offset": r["partition_offset"], "inode": r["inode"], "path": r["path"],
        }
        try:
            data = json.loads(r["data"])
        except ValueError:
            data = {"unreadable_data": r["data"]}
        fields = data if isinstance(data, dict) else {"value": data}
        for key, value in fields.items():
            row[f"record_{key}" if key in ARTIFACT_KEYS else key] = value
        yield {"row": row, "summary": r["summary"], "time_utc": r["time_utc"], "time_basis": r["time_basis"]}


def cmd_artifacts(args: argparse.Namespace) -> int:
    with CaseStore.open(args.case_dir, read_only=True) as store:
        types = store.findings.artifact_types(record_type=args.type, plugin=args.plugin)
        # Closed inside the with block: a reader that stops early (| head) must not leave a
        # cursor behind on a closed database.
        with contextlib.closing(iter_artifacts(store, record_type=args.type, plugin=args.plugin)) as items:
            _emit_artifacts(items, args.format, len(types))
    return 0


def _emit_artifacts(items: Iterator[dict[str, Any]], fmt: str, type_count: int) -> None:
    def times(i: dict[str, Any]) -> dict[str, Any]:
        return {"time_utc": i["time_utc"], "time_basis": i["time_basis"],
                "time_basis_label": artifact_time_label(i["time_basis"])}

    if fmt == "jsonl":
        emit(({**i["row"], "time_basis": i["time_basis"]} for i in items), "jsonl")
    elif fmt == "csv" and type_count == 1:
        emit((i["row"] | times(i) | {"summary": i["summary"]} for i in items), "csv")
    elif fmt == "csv":  # several record types: their fields differ, so they travel as one JSON column
        emit(({**{k: i["row"][k] for k in ARTIFACT_KEYS}, **times(i), "summary": i["summary"],
               "data": json.dumps({k: v for k, v in i["row"].items() if k not in ARTIFACT_KEYS}, ensure_ascii=False)}
              for i in items), "csv")
    else:
        emit(({**i["row"], **times(i), "time": _artifact_time(i), "summary": i["summary"]} for i in items), "table",
             table_columns=("id", "type", "evidence", "path", "time", "summary"))


def _artifact_time(item: dict[str, Any]) -> str:
    """The table's time cell: the earliest UTC time, with an 'assumed' mark when local clock times
    were placed with a declared zone; 'local, zone unknown' when the record has only such times."""
    when, basis = item["time_utc"], item["time_basis"]
    zone = basis_zone(basis)
    if when:
        text = compact_iso(when) or str(when)
        return f"{text} (zone {zone} assumed for local times)" if zone else text
    return "local clock, zone unknown" if basis == BASIS_LOCAL else ""


# ------------------------------------------------------------------------------ timeline
def parse_bound(text: str | None, *, end: bool) -> tuple[str, str] | None:
    """(comparison, ISO UTC bound) for --from/--to: ``>=`` for --from, ``<=`` or ``<`` for --to (a date
    alone in --to covers the whole day, up to the next midnight excluded)."""
    if not text:
        return None
    value = text.strip()
    try:
        if len(value) == 10:
            day = _dt.date.fromisoformat(value)
            moment = _dt.datetime(day.year, day.month, day.day, tzinfo=UTC)
            if end:
                return "<", iso(moment + _dt.timedelta(days=1)) or ""
            return ">=", iso(moment) or ""
        moment = _dt.datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError as exc:
        raise UsageError(f"{text!r} is not an ISO 8601 date or time.",
                         hint="Use e.g. 2024-03-01, 2024-03-01T10:00:00Z or 2024-03-01T06:00:00-04:00.") from exc
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return ("<=" if end else ">="), iso(moment) or ""


def iter_timeline(store: CaseStore, start: str | None = None,
                  end: str | None = None) -> Generator[dict[str, Any], None, None]:
    zone = store.timezone
    # Timeline times are stored fixed-width (timeutil.sortable): text order is time order, and the
    # comparison can use the index.
    first, last = parse_bound(start, end=False), parse_bound(end, end=True)
    rows = store.findings.timeline_rows(
        from_utc=(sortable(first[1]) or first[1]) if first else None,
        to_utc=(sortable(last[1]) or last[1]) if last else None,
        to_inclusive=last is None or last[0] == "<=")
    for r in rows:
        try:
            shown = timeline_display(r["time_utc"], r["basis"], r["local_time"], zone)
        except ValueError:
            shown = safe_text(r["time_utc"])
        yield {
            "time_utc": compact_iso(r["time_utc"]), "time": shown, "basis": r["basis"], "local_time": r["local_time"],
            "event": r["event"], "source": r["source"],
            "evidence": r["evidence"] if r["evidence"] is not None else str(r["locator"]).split(":", 1)[0],
            "partition_offset": r["partition_offset"], "inode": r["inode"], "locator": r["locator"],
            "path": r["path"], "description": r["description"],
        }


def unplaced_local(store: CaseStore) -> int:
    """Artifacts whose local clock times are not on the timeline (their zone is unknown)."""
    return store.findings.artifact_count_with_time_basis(BASIS_LOCAL)


def cmd_timeline(args: argparse.Namespace) -> int:
    with CaseStore.open(args.case_dir, read_only=True) as store, \
            contextlib.closing(iter_timeline(store, args.start, args.end)) as rows:
        if getattr(args, "file_times", False):
            from .timeline_files import file_time_rows, merged

            bounds = [b for b in (parse_bound(args.start, end=False), parse_bound(args.end, end=True)) if b]
            rows = merged(rows, file_time_rows(store, bounds))  # type: ignore[assignment]
        emit(rows, args.format, columns=TIMELINE_KEYS, table_columns=("time", "event", "source", "path", "description"))
        left_out = unplaced_local(store)
    if left_out:
        print(f"note: {left_out} artifact(s) hold local clock times with no known zone; they are not on this UTC "
              "timeline. Declare the zone with 'forensic-triage evidence set CASE EXHIBIT --source-timezone ZONE'.",
              file=sys.stderr)
    return 0
