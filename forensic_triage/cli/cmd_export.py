"""``forensic-triage export``: the court report, CASE/UCO graph, DFXML, body file or CSV tables."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import UsageError
from ..exports.findings import SCOPES
from ..exports.operations import FORMATS, Exported, export
from ..store import CaseStore


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("export", help="export the report, CASE/UCO graph, DFXML, body file or CSV",
                       description="Export from the case database (the evidence is never reopened; the report "
                                   "re-hashes the evidence container files to show they are unchanged). "
                                   "csv writes one file per table into the --out folder.")
    p.add_argument("case_dir", metavar="CASE_DIR")
    p.add_argument("--format", required=True, choices=FORMATS)
    p.add_argument("--out", required=True, metavar="PATH", help="output file (folder for csv)")
    p.add_argument("--scope", choices=SCOPES, default=None,
                   help="findings to include: all, notable (YARA matches, notable hash sets, extension mismatches, "
                        "encrypted content, tagged) or tagged; default: notable for the pdf report, all otherwise")
    p.add_argument("--examiner", metavar="NAME", default=None,
                   help="who exports (recorded in the audit log; default: the case examiner)")
    p.set_defaults(func=cmd_export)


def cmd_export(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if args.format != "csv" and out.is_dir():
        raise UsageError(f"{out} is a folder; give a file name for --out.")
    if args.scope is None:
        args.scope = "notable" if args.format == "pdf" else "all"
    with CaseStore.open(args.case_dir) as store:
        # written atomically, audited once with its SHA-256, under the name of who exported it
        done = export(store, args.format, out, args.scope, actor=args.examiner)
    _say(done, args.scope)
    return 0


def _say(done: Exported, scope: str) -> None:
    out, details = done.path, done.details
    if done.format == "pdf" and done.report is not None:
        report = done.report
        state = "DRAFT (missing: " + ", ".join(report.draft_missing) + ")" if report.draft else "final"
        print(f"Report {report.report_id} written to {out} (scope {scope}; {state}; unsigned)")
    elif done.format == "case":
        print(f"CASE/UCO 1.5 graph written to {out}")
    elif done.format == "csv":
        print(f"{len(details['files'])} CSV files written to {out}")
    else:
        unknown = details.get("entries_local_zone_unknown")
        if unknown:
            print(f"warning: {unknown} entries hold local clock times with no known zone (FAT, exFAT); they are "
                  "written as 0 (unknown) rather than as UTC. Declare the zone with 'forensic-triage evidence "
                  "set' to place them.", file=sys.stderr)
        print(f"{details['entries']} entries written to {out}")
