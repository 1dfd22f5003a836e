"""``forensic-triage custody add|list``: the chain of custody of each exhibit."""

from __future__ import annotations

import argparse

from ..custody import ACTIONS, CustodyEvent, add_event, list_events, parse_when
from ..errors import UsageError
from ..store import CaseStore
from ..timeutil import local_display, zone
from .common import add_format, emit


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("custody", help="record or list chain-of-custody events",
                       description="Chain of custody per exhibit: who, when (with time zone), where, why, seals; "
                                   "and when and by whom each event was entered.")
    cs = p.add_subparsers(dest="custody_command", metavar="ACTION")
    add = cs.add_parser("add", help="record a custody event",
                        description="Record a custody event for an exhibit of the case. The exhibit must be an "
                                    "evidence item of the case (its id such as EXH-001, or its exhibit number); "
                                    "anything else is refused (exit 2) unless --physical-item says it is a physical "
                                    "item that is not imaged. The time of entry and the examiner entering it are "
                                    "recorded with the event, apart from when it happened (--when) and who acted "
                                    "(--who).")
    add.add_argument("case_dir", metavar="CASE_DIR")
    add.add_argument("--exhibit", required=True, help="evidence id (e.g. EXH-001) or exhibit number of the case")
    add.add_argument("--physical-item", action="store_true",
                     help="the exhibit is a physical item that is not imaged in this case (recorded as such)")
    add.add_argument("--action", required=True, choices=ACTIONS)
    add.add_argument("--who", required=True, help="who acted")
    add.add_argument("--when", help="date and time, e.g. 2025-03-04T10:02 (default: now); without an offset it "
                                    "is taken in --timezone")
    add.add_argument("--timezone", help="IANA zone or offset where the event happened (default: the case's)")
    add.add_argument("--where", default="", help="location")
    add.add_argument("--why", default="", help="purpose")
    add.add_argument("--from", dest="from_party", default="", help="handed over from")
    add.add_argument("--to", dest="to_party", default="", help="handed over to")
    add.add_argument("--seals", default="", help="seal numbers (and their condition)")
    add.add_argument("--note", default="")
    add.add_argument("--entered-by", metavar="NAME",
                     help="the examiner entering this record (default: the case examiner)")
    add.set_defaults(func=cmd_add)
    ls = cs.add_parser("list", help="list custody events")
    ls.add_argument("case_dir", metavar="CASE_DIR")
    ls.add_argument("--exhibit")
    add_format(ls)
    ls.set_defaults(func=cmd_list)
    p.set_defaults(func=lambda a: p.print_help() or 2)


def cmd_add(args: argparse.Namespace) -> int:
    with CaseStore.open(args.case_dir) as store:
        tz = args.timezone or store.timezone
        try:
            zone(tz)
        except ValueError as exc:
            raise UsageError(str(exc)) from exc
        event = CustodyEvent(args.exhibit, args.action, args.who, parse_when(args.when, tz), tz, args.where,
                             args.why, args.from_party, args.to_party, args.seals, args.note,
                             entered_by=args.entered_by or "", physical_item=args.physical_item)
        event_id = add_event(store, event)
        saved = list_events(store, event_id=event_id)[0]
    kind = " (physical item, not imaged)" if saved.physical_item else ""
    print(f"Custody event {event_id}: {saved.exhibit}{kind} {args.action} by {args.who} at "
          f"{local_display(event.time_utc, tz)}; entered by {saved.entered_by} at "
          f"{local_display(saved.entered_utc, tz)}")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    with CaseStore.open(args.case_dir, read_only=True) as store:
        case_tz = store.timezone
        rows = [{"id": e.id, "exhibit": e.exhibit + (" (physical item)" if e.physical_item else ""),
                 "physical_item": e.physical_item, "action": e.action, "who": e.who,
                 "when": local_display(e.time_utc, e.timezone), "time_utc": e.time_utc, "timezone": e.timezone,
                 "where": e.location, "why": e.purpose, "from": e.from_party, "to": e.to_party, "seals": e.seals,
                 "note": e.note, "entered": local_display(e.entered_utc, case_tz) if e.entered_utc else "not recorded",
                 "entered_utc": e.entered_utc, "entered_by": e.entered_by or "not recorded"}
                for e in list_events(store, args.exhibit)]
    emit(rows, args.format, table_columns=("id", "exhibit", "action", "who", "when", "where", "seals", "entered_by",
                                           "entered"))
    return 0
