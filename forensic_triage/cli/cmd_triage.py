"""``forensic-triage triage``."""

from __future__ import annotations

import argparse
import os
import time

from ..jobs.context import JobContext
from ..jobs.intake import intake_problems
from ..jobs.options import add_arguments, parse_duration, settings_from_args
from ..jobs.triage import run_triage
from ..store import CaseStore
from .common import ProgressBar, human_bytes, plural


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "triage", help="examine every file of every evidence item (resumable)",
        description="Walk every file system (allocated and deleted entries), then read each file once: "
                    "MD5/SHA-1/SHA-256, file type, entropy, extension check, YARA, artifact extractors and "
                    "content search. Ctrl-C stops cleanly; running it again resumes.")
    p.add_argument("case_dir", metavar="CASE_DIR")
    add_arguments(p)  # declared once in jobs/options.py: the GUI triage form is built from the same list
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument("--broker", default=None, metavar="URL",
                   help="lab mode: send the work to the Celery workers of this Redis broker (redis://HOST:6379/0); "
                        "the case must be on PostgreSQL")
    p.set_defaults(func=cmd_triage)


parse_budget = parse_duration


def process_started() -> float:
    """This process's start as a ``time.monotonic()`` value (Linux: from /proc), else now: a time
    budget counts the interpreter's start-up too, as the examiner waiting for it does."""
    now = time.monotonic()
    try:
        with open("/proc/self/stat", encoding="ascii", errors="replace") as f:
            start_ticks = int(f.read().rsplit(")", 1)[1].split()[19])  # field 22, starttime
        with open("/proc/uptime", encoding="ascii") as f:
            uptime = float(f.read().split()[0])
        age = uptime - start_ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return now
    return now - min(max(age, 0.0), 60.0)


def case_totals(store: CaseStore) -> str:
    """``14 files (1 deleted), 11 artifacts, 1 YARA hit, 27 content hits, 1 warning``."""
    totals = store.case.totals()
    files, deleted = totals.files, totals.deleted_files
    counts = [(totals.artifacts, "artifact"), (totals.yara_hits, "YARA hit"), (totals.hash_matches, "hash-set match"),
              (totals.content_hits, "content hit"), (totals.warnings, "warning")]
    return ", ".join([f"{plural(files, 'file')} ({deleted:,} deleted)"]
                     + [plural(n, w, "hash-set matches" if w == "hash-set match" else None) for n, w in counts])


def cmd_triage(args: argparse.Namespace) -> int:
    settings = settings_from_args(args)
    bar = ProgressBar(enabled=False if args.quiet else None)
    with CaseStore.open(args.case_dir) as store:
        try:
            if args.broker:
                from ..lab.dispatch import run_distributed_triage

                stats = run_distributed_triage(store, settings, JobContext(bar), args.broker)
            else:
                stats = run_triage(store, settings, JobContext(bar), budget_from=process_started())
        finally:
            bar.close()
        for message in intake_problems(store):
            print(f"warning: {message}")
        totals = case_totals(store)
    rate = stats.files_processed / stats.seconds if stats.seconds else 0
    if not (stats.files_walked or stats.files_processed or stats.remaining or stats.crashed_files):
        print(f"Everything was already examined in an earlier run; case totals: {totals}.")
    else:
        print(f"Triage finished: {plural(stats.files_walked, 'entry', 'entries')} listed, "
              f"{plural(stats.files_processed, 'file')} examined "
              f"({human_bytes(stats.bytes_read)}) in {stats.seconds:.1f} s ({rate:.0f} files/s); "
              f"{plural(stats.artifacts, 'artifact')}, {plural(stats.hits, 'YARA hit')}, "
              f"{plural(stats.warnings, 'warning')}.")
        print(f"Case totals: {totals}.")
    for note in getattr(stats, "notes", []):
        print(note)
    if stats.remaining:
        print(f"{stats.remaining} files were not examined yet; run triage again to continue.")
    return 0
