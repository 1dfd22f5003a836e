"""``forensic-triage search``: a keyword / regular-expression search after triage.

The built-in patterns and the keywords given to ``triage`` run during the single read. A new
keyword list or expression later needs the bytes again: this explicit search job re-reads the
content of the files already listed (read-only, through the same image layer), records itself
as a job (kind ``search``) with its settings, and stores its hits under the search's name.
Files matched by known-good hash sets and compressed media bodies are skipped.
"""

from __future__ import annotations

import argparse
import re
import shlex
import sys
import time
from typing import Any

from ..content_search import HEAD_BYTES, HEAD_ONLY_MIME, ContentRun, TextScanner
from ..errors import Cancelled, TriageError, UsageError
from ..jobs.context import JobContext
from ..model import ContentHit
from ..scan.content_analyzer import file_sha256, load_keywords
from ..store import CaseStore
from .common import ProgressBar, human_bytes

CHUNK = 1024 * 1024


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("search", help="search the examined files for keywords or regular expressions",
                       description="Re-reads the content of the case's files (read-only) and stores every hit "
                                   "with its locator, byte offset and context under the search name. ASCII/UTF-8 "
                                   "and UTF-16LE text are searched; keywords are case-insensitive.")
    p.add_argument("case_dir", metavar="CASE_DIR")
    p.add_argument("--keywords", action="append", default=[], metavar="FILE",
                   help="keyword list, one keyword or phrase per line (repeatable)")
    p.add_argument("--regex", action="append", default=[], metavar="EXPR",
                   help="regular expression (Python syntax, case-insensitive; repeatable)")
    p.add_argument("--name", help="name the hits are stored under (default: search-<job number>)")
    p.add_argument("--builtin", action="store_true", help="also run the built-in patterns (e-mail, URL, cards...)")
    p.add_argument("--include-known-good", action="store_true", help="also search files of known-good hash sets")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_search)


def _scanner(args: argparse.Namespace) -> tuple[TextScanner, list[dict[str, str]]]:
    keywords: list[str] = []
    sources = []
    for path in args.keywords:
        try:
            keywords.extend(load_keywords(path))
        except OSError as exc:
            raise UsageError(f"Cannot read the keyword list {path}: {exc.strerror or exc}.") from exc
        sources.append({"path": path, "sha256": file_sha256(path)})
    try:
        scanner = TextScanner(args.builtin, keywords, args.regex)
    except (re.error, OverflowError, RecursionError, UnicodeEncodeError) as exc:
        # a syntax error, a repetition count too large, nesting too deep, text that is not UTF-8
        raise UsageError(f"A regular expression is not valid: {exc}.") from exc
    if not scanner.active:
        raise UsageError("Nothing to search for.", hint="Give --keywords FILE and/or --regex EXPR.")
    return scanner, sources


def cmd_search(args: argparse.Namespace) -> int:
    scanner, sources = _scanner(args)
    bar = ProgressBar(enabled=False if args.quiet else None)
    ctx = JobContext(bar)
    settings = {"keywords": scanner.keywords, "keyword_files": sources, "regexes": scanner.regexes,
                "builtin": scanner.builtin, "include_known_good": args.include_known_good}
    with CaseStore.open(args.case_dir) as store:
        job_id = store.start_job("search", settings, shlex.join(sys.argv))
        name = args.name or f"search-{job_id}"
        stats: dict[str, Any] = {"name": name, "files": 0, "bytes": 0, "hits": 0, "warnings": 0}
        outcome = "completed"
        started = time.monotonic()
        try:
            _run(store, scanner, name, job_id, args.include_known_good, ctx, stats)
        except (Cancelled, KeyboardInterrupt):
            outcome = "cancelled"
            raise
        except BaseException:
            outcome = "failed"
            raise
        finally:
            bar.close()
            stats["seconds"] = round(time.monotonic() - started, 3)
            store.end_job(job_id, outcome, stats)
    print(f"Search {name!r}: {stats['hits']} hits in {stats['files']} files ({human_bytes(stats['bytes'])}) "
          f"in {stats['seconds']:.1f} s; {stats['warnings']} warnings. "
          f"See: forensic-triage hits {args.case_dir} --kind content --search {shlex.quote(name)}")
    return 0


def _run(store: CaseStore, scanner: TextScanner, name: str, job_id: int, include_known_good: bool,
         ctx: JobContext, stats: dict[str, Any]) -> None:
    from ..fs.resolver import Resolver

    for ev in store.evidence.items():
        files = store.files.to_search(ev["id"], include_known_good=include_known_good)
        if not files:
            continue
        ctx.begin(f"searching {ev['uid']}", total=len(files), unit="files")
        with Resolver(keep=1) as resolver:
            for row in files:
                hits, problems, read = _search_file(resolver, ev["path"], row, scanner)
                _store(store, row, ev["id"], job_id, name, hits, problems)
                stats["files"] += 1
                stats["bytes"] += read
                stats["hits"] += len(hits)
                stats["warnings"] += len(problems)
                ctx.advance(1, message=row["path"])
                ctx.check_cancel()


def _search_file(resolver: Any, evidence_path: str, row: Any,
                 scanner: TextScanner) -> tuple[list[ContentHit], list[str], int]:
    stop_at = HEAD_BYTES if (row["mime"] or "").startswith(HEAD_ONLY_MIME) else None
    run = ContentRun(scanner, stop_at=stop_at, max_hits=1000, max_same=5)
    problems: list[str] = []
    size = row["size"] if stop_at is None else min(row["size"], stop_at)
    read = 0
    try:  # through the resolver: the file may live behind a layer (an APFS volume, a shadow copy...)
        stream = resolver.open_row(evidence_path, row)
    except (OSError, TriageError) as exc:
        return [], [f"The file cannot be opened for the search: {exc}"], 0
    offset = 0
    while offset < size:
        length = min(CHUNK, size - offset)
        try:
            data = resolver.read(stream, offset, length)
        except OSError as exc:
            problems.append(f"Bytes {offset}-{offset + length - 1} could not be read for the search ({exc}).")
            offset += length
            continue
        if not data:
            problems.append(f"The file ends early for the search: {offset} of {size} bytes readable.")
            break
        run.feed(offset, data)
        offset += len(data)
        read += len(data)
    hits = run.close()
    if run.dropped:
        problems.append(f"The search stopped recording at {len(hits)} hits in this file; {run.dropped} more were "
                        "not recorded.")
    return hits, problems, read


def _store(store: CaseStore, row: Any, evidence_id: int, job_id: int, name: str, hits: list[ContentHit],
           problems: list[str]) -> None:
    if not hits and not problems:
        return
    with store.transaction() as conn:
        store.triage.add_content_hits(file_id=row["id"], locator=row["locator"], search=name,
                                      hits=[(h.kind, h.value, h.offset, h.context, h.encoding) for h in hits])
        for message in problems:
            store.add_warning(conn, source="search", message=message, job_id=job_id, evidence_id=evidence_id,
                              file_id=row["id"], locator=row["locator"])
