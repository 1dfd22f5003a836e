"""``forensic-triage hashsets import|list|remove|export``: the hash-set library and case exports."""

from __future__ import annotations

import argparse
import hashlib
import shlex
import sys
import time
from pathlib import Path

from ..hashsets import KINDS, SCOPES, HashSetLibrary, export_case_hashes, library_path
from ..scan.hashset_formats import FORMATS
from ..store import CaseStore
from .common import add_format, emit


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("hashsets", help="import, list and export hash sets (known-good / notable)",
                       description="Your hash-set library (reused by every case): NSRL RDS (SQLite), md5sum/"
                                   "sha1sum/sha256sum lists, hashdeep and HashKeeper CSV. Use a set in a triage "
                                   "run with 'triage --hashset NAME'.")
    hsub = p.add_subparsers(dest="hashsets_command", metavar="ACTION")
    ip = hsub.add_parser("import", help="import a hash list as a named set")
    ip.add_argument("file", metavar="FILE")
    ip.add_argument("--name", required=True, help="name of the set, e.g. NSRL-2025.03-modern")
    ip.add_argument("--kind", required=True, choices=KINDS)
    ip.add_argument("--format", dest="fmt", choices=FORMATS, default="auto", help="default: recognise it")
    ip.add_argument("--replace", action="store_true", help="replace a set of the same name")
    ip.set_defaults(func=cmd_import)
    lp = hsub.add_parser("list", help="list the sets of the library")
    add_format(lp)
    lp.set_defaults(func=cmd_list)
    rp = hsub.add_parser("remove", help="remove a set from the library")
    rp.add_argument("name", metavar="NAME")
    rp.set_defaults(func=cmd_remove)
    ep = hsub.add_parser("export", help="write the hashes of a case's tagged or notable files as a hash set")
    ep.add_argument("case_dir", metavar="CASE_DIR")
    ep.add_argument("--out", required=True, metavar="FILE")
    ep.add_argument("--scope", choices=tuple(SCOPES), default="notable",
                    help="tagged = files you tagged; notable = tagged, notable hash-set matches and YARA hits "
                         "(default)")
    ep.add_argument("--format", dest="fmt", choices=("sha256sum", "hashdeep"), default=None,
                    help="default: hashdeep for .csv/.hashdeep, else sha256sum")
    ep.set_defaults(func=cmd_export)
    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])


def cmd_import(args: argparse.Namespace) -> int:
    started = time.monotonic()
    with HashSetLibrary() as lib:
        hs = lib.import_file(Path(args.file), args.name, args.kind, args.fmt, replace=args.replace)
    seconds = time.monotonic() - started
    print(f"Imported {hs.entries} hashes as {hs.kind} set {hs.name!r} ({hs.format}, {hs.skipped} lines skipped) "
          f"in {seconds:.1f} s into {lib.path}; source SHA-256 {hs.source_sha256}.")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    path = library_path()
    if not path.is_file():
        print(f"No hash-set library yet at {path}; import one with 'forensic-triage hashsets import'.",
              file=sys.stderr)
        return 0
    with HashSetLibrary(read_only=True) as lib:
        rows = [{"name": s.name, "kind": s.kind, "entries": s.entries, "format": s.format, "imported": s.imported_utc,
                 "source": s.source, "source_sha256": s.source_sha256, "skipped": s.skipped,
                 "source_info": s.source_info} for s in lib.sets()]
    emit(rows, args.format, table_columns=("name", "kind", "entries", "format", "imported", "source"))
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    with HashSetLibrary() as lib:
        lib.remove(args.name)
    print(f"Removed the hash set {args.name!r}.")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    out = Path(args.out)
    fmt = args.fmt or ("hashdeep" if out.suffix.lower() in (".csv", ".hashdeep") else "sha256sum")
    command = shlex.join(["forensic-triage", "hashsets", "export", args.case_dir, "--out", str(out),
                          "--scope", args.scope, "--format", fmt])
    with CaseStore.open(args.case_dir) as store:
        count = export_case_hashes(store, out, args.scope, fmt, command)
        digest = hashlib.sha256(out.read_bytes()).hexdigest()
        store.audit(store.examiner, "hash set exported", {"file": str(out.resolve()), "scope": args.scope,
                                                          "format": fmt, "files": count, "sha256": digest})
    print(f"Wrote the hashes of {count} {args.scope} files to {out} ({fmt}); SHA-256 {digest}.")
    return 0
