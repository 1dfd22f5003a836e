"""``forensic-triage verify``: evidence containers unchanged, audit chain intact, case tables as recorded."""

from __future__ import annotations

import argparse
import json

from ..jobs.intake import check_containers
from ..store import CaseStore, digest


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("verify", help="re-hash evidence containers, check the audit chain and the case tables",
                       description="Re-hash every evidence container (SHA-256, size, mtime against intake), check "
                                   "every audit-log entry's hash chain and recompute the digest of every case table "
                                   "against the one last anchored in the audit log. Exit code 5 if anything changed.")
    p.add_argument("case_dir", metavar="CASE_DIR")
    p.add_argument("--expect-head", metavar="HASH",
                   help="audit head hash printed in an earlier report or package: it must still be in the chain")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=cmd_verify)


def cmd_verify(args: argparse.Namespace) -> int:
    with CaseStore.open(args.case_dir, read_only=True) as store:
        containers = check_containers(store)
        problems, head = store.verify_audit()
        entries = store.case.audit_entry_count()
        if args.expect_head and not store.case.audit_has_entry_hash(args.expect_head.lower()):
            problems.append(f"the audit head {args.expect_head} recorded earlier is no longer in the chain")
        table_problems = store.case.digest_problems()
        anchor, first = store.case.digest_anchors()
    ok = not problems and not table_problems and all(c["status"] == "UNCHANGED" for c in containers)
    combined = str(anchor["combined"]) if anchor else None
    first_note = (f"The case was made before case digests existed: edits made before audit entry {first['seq']} "
                  f"({first['time_utc']}) cannot be detected." if first else None)
    if args.format == "json":
        print(json.dumps({"ok": ok, "containers": containers, "audit_problems": problems, "audit_head": head,
                          "audit_entries": entries, "table_problems": table_problems, "case_digest": combined,
                          "anchor_seq": anchor["seq"] if anchor else None, "first_anchor": first,
                          "limits": digest.ATTACKER_LIMITS}, indent=2))
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
    if table_problems:
        print(f"Case tables CHANGED ({len(table_problems)} problem(s)):")
        for p in table_problems:
            print(f"  - {p}")
    elif anchor:
        print(f"Case tables as recorded in audit entry {anchor['seq']} ({anchor['time_utc']}): "
              f"{len(digest.COVERED_TABLES)} tables, case digest {combined}")
    if first_note:
        print(first_note)
    if ok:
        print(f"Write this in your notebook: audit head {head} (entry {entries}), case digest {combined}.")
    print(digest.ATTACKER_LIMITS)
    print("VERIFIED: nothing changed." if ok else "VERIFICATION FAILED: see above.")
    return 0 if ok else 5
