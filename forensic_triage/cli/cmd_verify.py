"""``forensic-triage verify``: evidence containers unchanged, audit chain intact."""

from __future__ import annotations

import argparse
import json

from ..evidence.intake import check_containers
from ..store import CaseStore


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("verify", help="re-hash evidence containers and check the audit chain",
                       description="Re-hash every evidence container (SHA-256, size, mtime against intake) and "
                                   "check every audit-log entry's hash chain. Exit code 5 if anything changed.")
    p.add_argument("case_dir", metavar="CASE_DIR")
    p.add_argument("--expect-head", metavar="HASH",
                   help="audit head hash printed in an earlier report or package: it must still be in the chain")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=cmd_verify)


def cmd_verify(args: argparse.Namespace) -> int:
    with CaseStore.open(args.case_dir, read_only=True) as store:
        containers = check_containers(store)
        problems, head = store.verify_audit()
        entries = store.scalar("SELECT count(*) FROM audit")
        if args.expect_head and not store.scalar("SELECT 1 FROM audit WHERE hash = ?", (args.expect_head.lower(),)):
            problems.append(f"the audit head {args.expect_head} recorded earlier is no longer in the chain")
    ok = not problems and all(c["status"] == "UNCHANGED" for c in containers)
    if args.format == "json":
        print(json.dumps({"ok": ok, "containers": containers, "audit_problems": problems, "audit_head": head,
                          "audit_entries": entries}, indent=2))
        return 0 if ok else 5
    for c in containers:
        detail = "; ".join(c["problems"]) if c["problems"] else f"SHA-256 {c['sha256']}"
        print(f"{c['status']:>9}  {c['evidence']}  {c['path']}  {detail}")
    if problems:
        print(f"Audit log BROKEN ({len(problems)} problem(s)):")
        for p in problems:
            print(f"  - {p}")
    else:
        print(f"Audit log intact: {entries} entries, head {head}")
    print("VERIFIED: nothing changed." if ok else "VERIFICATION FAILED: see above.")
    return 0 if ok else 5
