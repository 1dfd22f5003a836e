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
                       description="Chain of custody per exhibit: who, when (with time zone), where, why, seals.")
    cs = p.add_subparsers(dest="custody_command", metavar="ACTION")
    add = cs.add_parser("add", help="record a custody event")
    add.add_argument("case_dir", metavar="CASE_DIR")
    add.add_argument("--exhibit", required=True, help="exhibit number or evidence id (e.g. EXH-001)")
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
                             args.why, args.from_party, args.to_party, args.seals, args.note)
        event_id = add_event(store, event)
    print(f"Custody event {event_id}: {args.exhibit} {args.action} by {args.who} at "
          f"{local_display(event.time_utc, tz)}")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    with CaseStore.open(args.case_dir, read_only=True) as store:
        rows = [{"id": e.id, "exhibit": e.exhibit, "action": e.action, "who": e.who,
                 "when": local_display(e.time_utc, e.timezone), "time_utc": e.time_utc, "timezone": e.timezone,
                 "where": e.location, "why": e.purpose, "from": e.from_party, "to": e.to_party, "seals": e.seals,
                 "note": e.note} for e in list_events(store, args.exhibit)]
    emit(rows, args.format, table_columns=("id", "exhibit", "action", "who", "when", "where", "seals"))
    return 0
