"""``forensic-triage hits``: what the triage found — YARA hits, hash-set matches, content hits,
extension lies and encrypted files — read from the case store only."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from typing import Any

from ..scan.setup import job_rulesets
from ..store import CaseStore
from .common import add_format, emit

KINDS = ("yara", "hashset", "content", "signature")
_TABLE = {
    "yara": ("id", "locator", "namespace", "rule", "severity"),
    "hashset": ("locator", "set_name", "kind", "algorithm"),
    "content": ("id", "locator", "kind", "value", "offset", "encoding"),
    "signature": ("locator", "finding", "claimed", "detected"),
}
def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("hits", help="list YARA hits, hash-set matches, content hits and signature findings",
                       description="Findings of the triage, from the case database. --kind yara (default) lists "
                                   "YARA hits; hashset the hash-set matches; content the content-search hits; "
                                   "signature the extension lies and encrypted files.")
    p.add_argument("case_dir", metavar="CASE_DIR")
    p.add_argument("--kind", choices=KINDS, default="yara", help="which findings (default: %(default)s)")
    p.add_argument("--hide-known-good", action="store_true", help="leave out files matched by known-good hash sets")
    p.add_argument("--search", help="content hits of this search only ('builtin' = found during triage)")
    add_format(p)
    p.set_defaults(func=cmd_hits)


def yara_rows(store: CaseStore, hide_known_good: bool = False) -> Iterator[dict[str, Any]]:
    for r in store.findings.yara_hit_rows(hide_known_good=hide_known_good):
        meta = json.loads(r["meta"])
        yield {"id": f"YARA-{r['id']}", "rule": r["rule"], "namespace": r["namespace"], "tags": json.loads(r["tags"]), "meta": meta,
               "strings": json.loads(r["strings"]), "evidence": r["evidence"],
               "partition_offset": r["partition_offset"], "inode": r["inode"], "path": r["path"],
               "sha256": r["sha256"], "severity": meta.get("severity", ""), "locator": r["locator"],
               "ruleset_sha256": r["ruleset_sha256"]}


def hashset_rows(store: CaseStore, hide_known_good: bool = False) -> Iterator[dict[str, Any]]:
    yield from store.hashsets.matches(hide_known_good=hide_known_good)


def content_rows(store: CaseStore, hide_known_good: bool = False, search: str | None = None
                 ) -> Iterator[dict[str, Any]]:
    for r in store.findings.content_hit_rows(hide_known_good=hide_known_good, search=search):
        yield {**r, "id": f"TEXT-{r['id']}"}  # the id 'tag --content-hit' takes


def signature_rows(store: CaseStore, hide_known_good: bool = False) -> Iterator[dict[str, Any]]:
    for r in store.files.signature_findings(hide_known_good=hide_known_good):
        base = {"evidence": r["evidence"], "partition_offset": r["partition_offset"], "inode": r["inode"],
                "path": r["path"], "sha256": r["sha256"], "locator": r["locator"],
                "claimed": "." + r["extension"] if r["extension"] else "", "mime": r["mime"],
                "entropy": r["entropy"]}
        if r["ext_mismatch"]:
            yield base | {"finding": "extension mismatch", "detected": f".{r['detected_ext']} ({r['mime']})"}
        if r["encrypted"]:
            yield base | {"finding": "encrypted", "detected": r["encrypted"]}


def cmd_hits(args: argparse.Namespace) -> int:
    with CaseStore.open(args.case_dir, read_only=True) as store:
        if args.kind == "yara":
            rows = yara_rows(store, args.hide_known_good)
        elif args.kind == "hashset":
            rows = hashset_rows(store, args.hide_known_good)
        elif args.kind == "content":
            rows = content_rows(store, args.hide_known_good, args.search)
        else:
            rows = signature_rows(store, args.hide_known_good)
        count = emit(rows, args.format, table_columns=_TABLE[args.kind])
        if args.format == "table" and args.kind == "yara":
            for rs in job_rulesets(store):
                print(f"rule set of job {rs['job_id']}: {rs['name']} SHA-256 {rs['sha256']} "
                      f"({len(rs['files'])} files)", file=sys.stderr)
    if args.format == "table":
        print(f"{count} {args.kind} finding(s).", file=sys.stderr)
    return 0
