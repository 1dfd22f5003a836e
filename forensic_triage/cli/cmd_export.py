"""``forensic-triage export``: the court report, CASE/UCO graph, DFXML, body file or CSV tables."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import UsageError
from ..exports.findings import SCOPES, collect, selected_file_ids
from ..store import CaseStore

FORMATS = ("pdf", "case", "dfxml", "bodyfile", "csv")


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
    p.set_defaults(func=cmd_export)


def cmd_export(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if args.format != "csv" and out.is_dir():
        raise UsageError(f"{out} is a folder; give a file name for --out.")
    if args.format != "csv":
        out.parent.mkdir(parents=True, exist_ok=True)
    if args.scope is None:
        args.scope = "notable" if args.format == "pdf" else "all"
    with CaseStore.open(args.case_dir) as store:
        detail: dict[str, object] = {"format": args.format, "scope": args.scope, "path": str(out)}
        if args.format == "pdf":
            from ..exports.pdf_report import export_pdf

            report = export_pdf(store, out, args.scope)
            state = "DRAFT (missing: " + ", ".join(report.draft_missing) + ")" if report.draft else "final"
            print(f"Report {report.report_id} written to {out} (scope {args.scope}; {state}; unsigned)")
            return 0  # export_pdf records its own audit entry (report id, SHA-256)
        if args.format == "case":
            from ..exports.case_uco import export_case

            export_case(store, out, args.scope)
            print(f"CASE/UCO 1.5 graph written to {out}")
        elif args.format in ("dfxml", "bodyfile"):
            ids = None if args.scope == "all" else selected_file_ids(store, collect(store, args.scope), args.scope)
            if args.format == "dfxml":
                from ..exports.dfxml import export_dfxml

                n = export_dfxml(store, out, ids)
            else:
                from ..exports.bodyfile import export_bodyfile, zone_unknown_count

                n = export_bodyfile(store, out, ids)
                unknown = zone_unknown_count(store, ids)
                if unknown:
                    detail["entries_local_zone_unknown"] = unknown
                    print(f"warning: {unknown} entries hold local clock times with no known zone (FAT, exFAT); they are "
                          "written as 0 (unknown) rather than as UTC. Declare the zone with 'forensic-triage evidence "
                          "set' to place them.", file=sys.stderr)
            detail["entries"] = n
            print(f"{n} entries written to {out}")
        else:
            from ..exports.tables import write_csv

            files = write_csv(store, out, args.scope)
            detail["files"] = [f.name for f in files]
            print(f"{len(files)} CSV files written to {out}")
        import hashlib

        if out.is_file():
            detail["sha256"] = hashlib.sha256(out.read_bytes()).hexdigest()
        store.audit(store.examiner, f"{args.format} exported", detail)
    return 0
