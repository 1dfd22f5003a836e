"""``forensic-triage package | verify-package | import-package``: the signed evidence package."""

from __future__ import annotations

import argparse
import json

from ..exports.findings import SCOPES
from ..store import CaseStore


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("package", help="build a signed evidence package (BagIt)",
                       description="Build an evidence package: the PDF report, CASE/UCO graph, DFXML, body file, "
                                   "CSV and lossless tables, audit log and (with --include-files) copies of the files "
                                   "behind the findings, all listed with SHA-256 in a BagIt manifest signed with the "
                                   "examiner's Ed25519 key.")
    p.add_argument("case_dir", metavar="CASE_DIR")
    p.add_argument("--out", required=True, metavar="DIR", help="package folder to create (must be new or empty)")
    p.add_argument("--scope", choices=SCOPES, default="all",
                   help="what the CASE graph, CSV/JSONL tables and file copies hold (default: all)")
    p.add_argument("--report-scope", choices=SCOPES, default="notable",
                   help="what the PDF report presents (default: notable findings; the tables hold the rest)")
    p.add_argument("--include-files", action="store_true", help="copy the files behind the findings (read-only "
                   "from the evidence, hashes re-checked against the case)")
    p.add_argument("--key", metavar="KEY", help="the examiner's private key (from 'keys new')")
    p.add_argument("--passphrase-file", metavar="F", help="the key's passphrase (first line); else asked")
    p.add_argument("--signing-as", metavar="NAME",
                   help="sign with a key that is not the case examiner's, in the name given (recorded in the signed "
                        "statement and the audit log)")
    p.add_argument("--zip", action="store_true", help="also write DIR.zip")
    p.set_defaults(func=cmd_package)
    v = sub.add_parser("verify-package", help="verify a package's hashes and signature offline",
                       description="Check every file's SHA-256, the signed statement (who signed, when, with which "
                                   "key, over which manifests) and the case digest recomputed from the package's "
                                   "database snapshot. Names every missing, added and changed file. Exit code 0 when "
                                   "it passes, 5 when it fails.")
    v.add_argument("package", metavar="DIR|ZIP")
    v.add_argument("--pubkey", metavar="KEY", help="the signer's public key received out of band (pins the signer)")
    v.add_argument("--format", choices=("text", "json"), default="text")
    v.set_defaults(func=cmd_verify)
    i = sub.add_parser("import-package", help="open a verified package as a read-only review case",
                       description="Verify a package and open it as a new read-only review case (files, findings, "
                                   "custody, notes) without the original evidence image.")
    i.add_argument("package", metavar="DIR|ZIP")
    i.add_argument("new_case_dir", metavar="NEW_CASE_DIR")
    i.add_argument("--pubkey", metavar="KEY", help="the signer's public key (pins the signer)")
    i.add_argument("--examiner", metavar="NAME", help="the receiving examiner (recorded in the audit log)")
    i.add_argument("--training", action="store_true",
                   help="the package is a training exercise's: open it as a training case (only then is one accepted)")
    i.set_defaults(func=cmd_import)


def cmd_package(args: argparse.Namespace) -> int:
    from ..exports.keys import read_passphrase
    from ..exports.operations import export_package

    passphrase = read_passphrase(args.passphrase_file) if args.key else None
    with CaseStore.open(args.case_dir) as store:
        summary = export_package(store, args.out, scope=args.scope, include_files=args.include_files,
                                 key_path=args.key, passphrase=passphrase, make_zip=args.zip,
                                 signing_as=args.signing_as, report_scope=args.report_scope).details
    print(f"Package {summary['package']} ({summary['files']} files, {summary['bytes']} bytes), report "
          f"{summary['report_id']}")
    print(f"Manifest SHA-256 {summary['manifest_sha256']}")
    print(f"Case digest {summary['case_digest']}, audit head {summary['audit_head_covered']}")
    if summary["signer_fingerprint"]:
        as_text = f" as {summary['signing_as']}" if summary["signing_as"] else ""
        print(f"Signed by {summary['signer']}{as_text} at {summary['signed_utc']}, key {summary['signer_fingerprint']}")
    else:
        print("NOT SIGNED: give --key to sign the package.")
    if summary["zip"]:
        print(f"Zip: {summary['zip']}")
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    from ..exports.package_verify import verify_package
    from ..text import safe_text

    result = verify_package(args.package, args.pubkey)
    if args.format == "json":
        print(json.dumps(result.as_dict(), indent=2))
        return 0 if result.ok else 5
    for label, items in (("MISSING", result.missing), ("ADDED", result.added), ("CHANGED", result.changed)):
        for item in items:
            print(f"{label:>8}  {safe_text(item)}")
    for problem in result.problems:
        print(f" PROBLEM  {safe_text(problem)}")
    for note in result.notes:
        print(f"    NOTE  {safe_text(note)}")
    if result.signed and result.fingerprint:
        state = "valid" if result.signature_valid else "INVALID"
        print(f"Signature {state} (Ed25519), key {result.fingerprint}")
        if result.signer_covered:
            as_text = f", signing as {safe_text(result.signing_as)}" if result.signing_as else ""
            print(f"  Signed by {safe_text(result.signer)}{as_text} at {safe_text(result.signed_utc)} (both covered "
                  "by the signature)")
        elif result.signature_format == 1:
            print(f"  Signer named in the file (not covered): {safe_text(result.signer)}")
        if not args.pubkey and result.signature_valid:
            print("  Compare this fingerprint with the one the sender gave you, or pass --pubkey.")
    if result.case_digest:
        checked = f", {result.tables_checked} tables recomputed from the snapshot" if result.tables_checked else ""
        print(f"Case digest {result.case_digest}{checked}; audit head {result.audit_head}")
    print(f"{result.files_checked} files checked.")
    print("PACKAGE VERIFIED." if result.ok else f"PACKAGE VERIFICATION FAILED: {safe_text(result.reason)}")
    return 0 if result.ok else 5


def cmd_import(args: argparse.Namespace) -> int:
    from ..exports.package_import import import_package

    store, result = import_package(args.package, args.new_case_dir, pubkey_path=args.pubkey, examiner=args.examiner,
                                   training=args.training)
    try:
        totals = store.case.totals()
        findings, files = totals.artifacts, totals.entries
    finally:
        store.close()
    signer = f"{result.signer}, key {result.fingerprint}" if result.signer_covered else f"key {result.fingerprint}"
    print(f"Package verified (signed by {signer}); review case created in {args.new_case_dir} "
          f"with {files} files and {findings} artifact records. It is read-only; add your own custody event with "
          "'forensic-triage custody add'.")
    return 0
