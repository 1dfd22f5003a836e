"""``forensic-triage triage``."""

from __future__ import annotations

import argparse
import os

from ..errors import UsageError
from ..evidence.intake import intake_problems
from ..jobs.context import JobContext
from ..jobs.settings import TriageSettings
from ..jobs.triage import run_triage
from ..store import CaseStore
from .common import ProgressBar, human_bytes


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "triage", help="examine every file of every evidence item (resumable)",
        description="Walk every file system (allocated and deleted entries), then read each file once: "
                    "MD5/SHA-1/SHA-256, file type, entropy, extension check, YARA, artifact extractors and "
                    "content search. Ctrl-C stops cleanly; running it again resumes.")
    p.add_argument("case_dir", metavar="CASE_DIR")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes (default: all cores)")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--plugins", help="comma-separated extractor names to run (default: all); see 'plugins'")
    group.add_argument("--no-plugins", action="store_true", help="run no artifact extractors")
    p.add_argument("--rules", action="append", default=[], metavar="PATH",
                   help="extra YARA rule file or folder (repeatable)")
    p.add_argument("--no-builtin-rules", action="store_true", help="do not use the shipped rule packs")
    p.add_argument("--hashset", action="append", default=[], metavar="NAME", help="hash set from the library (repeatable)")
    p.add_argument("--keywords", action="append", default=[], metavar="FILE", help="keyword list file (repeatable)")
    p.add_argument("--regex", action="append", default=[], metavar="EXPR",
                   help="extra regular expression to search for in file content (repeatable)")
    p.add_argument("--no-content-search", action="store_true", help="skip the built-in content patterns")
    p.add_argument("--read-order", choices=("physical", "walk"), default="physical",
                   help="order of file reads: by position on the media (default, best for disks) or walk order")
    p.add_argument("--budget", help="time budget, e.g. 20m or 1h: highest-value work first, the rest reported")
    p.add_argument("--file-timeout", type=float, default=300.0, metavar="SECONDS",
                   help="a worker stuck on one file longer than this (plus 1 s per 8 MiB) is stopped and the file "
                        "recorded as not examined (default: %(default)s)")
    p.add_argument("--worker-memory", type=int, default=2048, metavar="MIB",
                   help="address-space limit of each worker process in MiB (default: %(default)s)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_triage)


def parse_budget(text: str | None) -> float | None:
    if not text:
        return None
    units = {"s": 1, "m": 60, "h": 3600}
    try:
        if text[-1] in units:
            return float(text[:-1]) * units[text[-1]]
        return float(text)
    except ValueError as exc:
        raise UsageError(f"Cannot read the time budget {text!r}.", hint="Use e.g. 90s, 20m or 2h.") from exc


def cmd_triage(args: argparse.Namespace) -> int:
    if args.jobs < 1:
        raise UsageError("--jobs must be at least 1.")
    plugins = [] if args.no_plugins else ([p.strip() for p in args.plugins.split(",") if p.strip()]
                                          if args.plugins else None)
    settings = TriageSettings(jobs=args.jobs, plugins=plugins, rules=args.rules,
                              builtin_rules=not args.no_builtin_rules, hashsets=args.hashset,
                              keywords=args.keywords, regexes=args.regex, content_search=not args.no_content_search,
                              read_order=args.read_order, budget_seconds=parse_budget(args.budget),
                              file_timeout=args.file_timeout, worker_memory_mb=args.worker_memory)
    bar = ProgressBar(enabled=False if args.quiet else None)
    with CaseStore.open(args.case_dir) as store:
        try:
            stats = run_triage(store, settings, JobContext(bar))
        finally:
            bar.close()
        for message in intake_problems(store):
            print(f"warning: {message}")
    rate = stats.files_processed / stats.seconds if stats.seconds else 0
    print(f"Triage finished: {stats.files_walked} entries listed, {stats.files_processed} files examined "
          f"({human_bytes(stats.bytes_read)}) in {stats.seconds:.1f} s ({rate:.0f} files/s); "
          f"{stats.artifacts} artifacts, {stats.hits} YARA hits, {stats.warnings} warnings.")
    for note in getattr(stats, "notes", []):
        print(note)
    if stats.remaining:
        print(f"{stats.remaining} files were not examined yet; run triage again to continue.")
    return 0
