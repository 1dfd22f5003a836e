"""``forensic-triage warnings``: the stored warnings (what could not be read or examined, and why),
read from the case store only; the report's limitations section counts the same rows."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from typing import Any

from ..store import CaseStore
from .common import add_format, emit, plural

_TABLE = ("id", "job", "evidence", "kind", "source", "path", "message")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("warnings", help="list the stored warnings (what could not be read or examined)",
                       description="List the warnings stored in the case: files or structures that could not be "
                                   "read or examined, with the job, evidence, source (walker, extractor, rule "
                                   "scan ...), kind and message. Filter by job, kind or source.")
    p.add_argument("case_dir", metavar="CASE_DIR")
    p.add_argument("--job", type=int, metavar="N", help="warnings of this job only (see 'case show')")
    p.add_argument("--kind", metavar="K", help="warnings of this kind only (e.g. warning, unreadable, timeout)")
    p.add_argument("--source", metavar="S", help="warnings from this source only (e.g. walker, an extractor name)")
    add_format(p)
    p.set_defaults(func=cmd_warnings)


def warning_rows(store: CaseStore, job: int | None = None, kind: str | None = None,
                 source: str | None = None) -> Iterator[dict[str, Any]]:
    for r in store.triage.warning_rows(job_id=job, kind=kind, source=source):
        try:
            details = json.loads(r["details"] or "{}")
        except ValueError:
            details = r["details"]
        yield {"id": r["id"], "job": r["job_id"], "evidence": r["evidence"], "kind": r["kind"],
               "source": r["source"], "path": r["path"], "inode": r["inode"], "locator": r["locator"],
               "message": r["message"], "details": details, "created_utc": r["created_utc"]}


def cmd_warnings(args: argparse.Namespace) -> int:
    with CaseStore.open(args.case_dir, read_only=True) as store:
        count = emit(warning_rows(store, args.job, args.kind, args.source), args.format, table_columns=_TABLE)
    if args.format == "table":
        print(f"{plural(count, 'warning')}.", file=sys.stderr)
    return 0
