"""``forensic-triage case new|show``."""

from __future__ import annotations

import argparse
import json

from ..errors import UsageError
from ..store import CaseStore
from ..timeutil import zone


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    case = sub.add_parser("case", help="create or show a case", description="Create or show a case folder.")
    case_sub = case.add_subparsers(dest="case_command", metavar="ACTION")
    new = case_sub.add_parser("new", help="create a new case folder",
                              description="Create a new case folder with its case database and audit log.")
    new.add_argument("case_dir", metavar="CASE_DIR")
    new.add_argument("--case-number", required=True, help="the case or investigation number")
    new.add_argument("--examiner", required=True, help="examiner's full name")
    new.add_argument("--title", default="", help="short case title")
    new.add_argument("--agency", default="", help="agency and laboratory")
    new.add_argument("--timezone", default="UTC",
                     help="display time zone: IANA name (America/Port_of_Spain) or offset (-04:00); default UTC")
    new.add_argument("--authority", default="", help="warrant / court order number")
    new.add_argument("--requester", default="", help="requesting officer or agency")
    new.set_defaults(func=cmd_new)
    show = case_sub.add_parser("show", help="show the case details", description="Show the case details.")
    show.add_argument("case_dir", metavar="CASE_DIR")
    show.add_argument("--format", choices=("text", "json"), default="text")
    show.set_defaults(func=cmd_show)
    case.set_defaults(func=lambda a: case.print_help() or 2)


def cmd_new(args: argparse.Namespace) -> int:
    try:
        zone(args.timezone)
    except ValueError as exc:
        raise UsageError(f"Unknown time zone {args.timezone!r}.",
                         hint="Use an IANA name such as America/Port_of_Spain or an offset such as -04:00.") from exc
    store = CaseStore.create(args.case_dir, case_number=args.case_number, examiner=args.examiner, title=args.title,
                             agency=args.agency, timezone=args.timezone, authority=args.authority,
                             requester=args.requester)
    store.close()
    print(f"Created case {args.case_number} in {args.case_dir}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    with CaseStore.open(args.case_dir, read_only=True) as store:
        info = store.case_info()
        counts = {
            "evidence_items": store.scalar("SELECT count(*) FROM evidence"),
            "files": store.scalar("SELECT count(*) FROM files"),
            "pending": store.scalar("SELECT count(*) FROM files WHERE status='pending'"),
            "artifacts": store.scalar("SELECT count(*) FROM artifacts"),
            "yara_hits": store.scalar("SELECT count(*) FROM yara_hits"),
            "warnings": store.scalar("SELECT count(*) FROM warnings"),
        }
    if args.format == "json":
        print(json.dumps({**info, **counts}, indent=2))
    else:
        for key, value in {**info, **counts}.items():
            print(f"{key:>16}: {value}")
    return 0
