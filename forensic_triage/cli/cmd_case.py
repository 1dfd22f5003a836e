"""``forensic-triage case new|show|set``."""

from __future__ import annotations

import argparse
import json

from ..case_details import DRAFT_NOTE, FIELDS, REQUIRED, case_details, read_text_arg, set_case_details
from ..errors import UsageError
from ..store import CaseStore
from ..timeutil import zone
from .common import safe_text


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    case = sub.add_parser("case", help="create, show or complete a case",
                          description="Create or show a case folder, or write the examiner's words for the report.")
    case_sub = case.add_subparsers(dest="case_command", metavar="ACTION")
    new = case_sub.add_parser("new", help="create a new case folder",
                              description="Create a new case folder with its case database and audit log.")
    new.add_argument("case_dir", metavar="CASE_DIR")
    new.add_argument("--case-number", required=True, help="the case or investigation number")
    new.add_argument("--examiner", required=True, help="examiner's full name")
    new.add_argument("--title", default="", help="short case title")
    new.add_argument("--agency", default="", help="agency and laboratory")
    new.add_argument("--timezone", default=None,
                     help="the time zone the report shows times in: IANA name (America/Port_of_Spain) or "
                          "offset (-04:00); default UTC")
    new.add_argument("--authority", default="", help="warrant / court order number")
    new.add_argument("--requester", default="", help="requesting officer or agency")
    new.add_argument("--database", default=None, metavar="URL",
                     help="lab mode: put the case database on a PostgreSQL server, postgresql://USER@HOST/DB (an "
                          "empty database; no password in the address: ~/.pgpass or PGPASSFILE holds it)")
    new.set_defaults(func=cmd_new)
    show = case_sub.add_parser("show", help="show the case details", description="Show the case details.")
    show.add_argument("case_dir", metavar="CASE_DIR")
    show.add_argument("--format", choices=("text", "json"), default="text")
    show.set_defaults(func=cmd_show)
    cset = case_sub.add_parser(
        "set", help="write the request, qualifications and conclusions for the report",
        description="Write the examiner's own words for the report, each from a UTF-8 text file (or '-' for "
                    "standard input): the request (the questions asked), the case examiner's qualifications and "
                    "the conclusions. Every change is recorded in the audit log with the SHA-256 of the new text. "
                    "A report is marked DRAFT until request, qualifications and conclusions are all filled. "
                    "A review case imported from a package cannot be changed.")
    cset.add_argument("case_dir", metavar="CASE_DIR")
    cset.add_argument("--request", metavar="FILE", help="the request: the questions the examination must answer")
    cset.add_argument("--qualifications", metavar="FILE", help="the case examiner's qualifications and competence")
    cset.add_argument("--conclusions", metavar="FILE", help="the examiner's conclusions")
    cset.add_argument("--examiner-role", metavar="TEXT", help="the case examiner's role, e.g. 'Digital forensic "
                                                              "examiner' (text, not a file)")
    cset.add_argument("--organisation", metavar="TEXT", help="the case examiner's organisation (text, not a file)")
    cset.set_defaults(func=cmd_set)
    case.set_defaults(func=lambda a: case.print_help() or 2)


def cmd_new(args: argparse.Namespace) -> int:
    given = args.timezone is not None
    args.timezone = args.timezone if given else "UTC"
    try:
        zone(args.timezone)
    except ValueError as exc:
        raise UsageError(f"Unknown time zone {args.timezone!r}.",
                         hint="Use an IANA name such as America/Port_of_Spain or an offset such as -04:00.") from exc
    store = CaseStore.create(args.case_dir, case_number=args.case_number, examiner=args.examiner, title=args.title,
                             agency=args.agency, timezone=args.timezone, authority=args.authority,
                             requester=args.requester, database=args.database)
    store.close()
    print(f"Created case {args.case_number} in {args.case_dir}")
    if given:
        print(f"  time zone: {args.timezone}")
    else:
        print("  time zone: UTC (none given; use --timezone to set the zone the report shows)")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    with CaseStore.open(args.case_dir, read_only=True) as store:
        info = store.case_info()
        totals = store.case.totals()
        counts = {"evidence_items": totals.evidence_items, "files": totals.entries, "pending": totals.pending,
                  "artifacts": totals.artifacts, "yara_hits": totals.yara_hits, "warnings": totals.warnings}
        words = case_details(store)
    missing = [n for n in REQUIRED if not words[n].strip()]
    long_text = ("request", "conclusions")
    if args.format == "json":
        qualifications = {"qualifications": words["qualifications"], "examiner_role": words["role"],
                          "organisation": words["organisation"]}
        print(json.dumps({**info, **qualifications, **counts, "report_words_missing": missing}, indent=2))
        return 0
    for key, value in {**info, **counts}.items():
        if key not in long_text:
            print(f"{key:>16}: {value}")
    print(f"{'examiner role':>16}: {words['role']}")
    print(f"{'organisation':>16}: {words['organisation']}")
    for name in REQUIRED:
        label = FIELDS[name][2]
        text = words[name]
        if not text.strip():
            print(f"\n{label}: (empty)")
        else:
            print(f"\n{label}:")
            for line in text.splitlines():
                print(f"    {safe_text(line)}")
    if missing:
        print(f"\nStill empty: {', '.join(missing)}; {DRAFT_NOTE}. Fill them with 'forensic-triage case set'.")
    else:
        print("\nRequest, qualifications and conclusions are filled: the report will not be marked DRAFT.")
    return 0


def cmd_set(args: argparse.Namespace) -> int:
    sources = {"request": args.request, "qualifications": args.qualifications, "conclusions": args.conclusions}
    if sum(1 for v in sources.values() if v == "-") > 1:
        raise UsageError("Only one of --request, --qualifications and --conclusions can read standard input ('-').")
    values: dict[str, str | None] = {k: (read_text_arg(v, FIELDS[k][2]) if v is not None else None)
                                     for k, v in sources.items()}
    values["role"] = args.examiner_role
    values["organisation"] = args.organisation
    with CaseStore.open(args.case_dir) as store:
        changed = set_case_details(store, values)
        missing = [n for n in REQUIRED if not case_details(store)[n].strip()]
    if changed:
        print(f"Saved {', '.join(FIELDS[k][2] for k in changed)}; recorded in the audit log.")
    else:
        print("Nothing changed: the case already holds these words.")
    if missing:
        print(f"Still empty: {', '.join(missing)}; {DRAFT_NOTE}.")
    return 0
