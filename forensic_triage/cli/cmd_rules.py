"""``forensic-triage rules list|add|test``: the YARA rule packs and the user's rule library."""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..scan.rules import (
    RULE_SUFFIXES,
    RuleFile,
    build_ruleset,
    compile_file,
    find_rule_files,
    shipped_rules_dir,
    user_rules_dir,
)
from ..scan.yara_scan import externals_for, hit_strings
from .common import add_format, emit, safe_text


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("rules", help="list, add and test YARA rules",
                       description="The YARA rule packs shipped with the product and the rule library of this "
                                   "user (used by every triage run), plus a test bench for rule files.")
    rsub = p.add_subparsers(dest="rules_command", metavar="ACTION")
    lp = rsub.add_parser("list", help="list every rule with its metadata (shipped packs and your library)")
    lp.add_argument("--no-builtin", action="store_true", help="only the rules of your library")
    add_format(lp)
    lp.set_defaults(func=cmd_list)
    ap = rsub.add_parser("add", help="add a rule file or folder to your rule library (compile-checked)")
    ap.add_argument("path", metavar="PATH", help=".yar/.yara file, or a folder of them (includes allowed)")
    ap.add_argument("--name", help="folder name inside the library (default: the file or folder name)")
    ap.add_argument("--replace", action="store_true", help="replace rules already in the library under that name")
    ap.set_defaults(func=cmd_add)
    tp = rsub.add_parser("test", help="compile rules and optionally scan plain files with them")
    tp.add_argument("path", metavar="PATH", help="rule file or folder")
    tp.add_argument("files", metavar="FILE", nargs="*", help="plain files to scan (not evidence images)")
    tp.set_defaults(func=cmd_test)
    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])


def _rows(files: list[RuleFile]) -> Iterator[dict[str, Any]]:
    for f in files:
        if f.error:
            yield {"origin": f.origin, "namespace": f.namespace, "rule": "", "severity": "", "category": "",
                   "tags": [], "description": f"NOT COMPILED: {f.error}", "file": f.path, "meta": {}}
            continue
        for r in f.rules:
            if r.private:
                continue  # building blocks of other rules, never reported on their own
            yield {"origin": f.origin, "namespace": f.namespace, "rule": r.identifier,
                   "severity": r.meta.get("severity", ""), "category": r.meta.get("category", ""), "tags": r.tags,
                   "description": r.meta.get("description", ""), "file": f.path, "meta": r.meta}


def cmd_list(args: argparse.Namespace) -> int:
    sources = [] if args.no_builtin else [("builtin", shipped_rules_dir())]
    library = user_rules_dir()
    if library.is_dir():
        sources.append(("library", library))
    rs = build_ruleset(sources, name="listing")
    emit(_rows(rs.files), args.format,
         table_columns=("origin", "rule", "severity", "category", "description"))
    if args.format == "table":
        print(f"\n{rs.rule_count} rules in {len(rs.good)} files (rule set SHA-256 {rs.sha256}); "
              f"library: {library}", file=sys.stderr)
    return 1 if rs.broken else 0


def _report_errors(files: list[RuleFile]) -> None:
    for f in files:
        if f.error:
            print(f"error: {safe_text(f.error)}", file=sys.stderr)


def cmd_add(args: argparse.Namespace) -> int:
    source = Path(args.path)
    if not source.exists():
        raise UsageError(f"No such rule file or folder: {source}.")
    if source.is_file() and source.suffix.lower() not in RULE_SUFFIXES:
        raise UsageError(f"{source} is not a .yar/.yara file.")
    library = user_rules_dir()
    name = args.name or (source.stem if source.is_file() else source.name)
    if not name or "/" in name or name.startswith("."):
        raise UsageError(f"{name!r} cannot name a folder of the rule library.")
    target = library / name
    if target.exists() and not args.replace:
        raise UsageError(f"The rule library already holds {target}.", hint="Pass --replace or choose --name.")
    library.mkdir(parents=True, exist_ok=True)
    # Stage inside the library (same file system), compile-check there, then move into place:
    # includes are checked exactly as they will resolve in the library.
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=library))
    try:
        staged = staging / name
        if source.is_dir():
            shutil.copytree(source, staged)
        else:
            staged.mkdir()
            shutil.copy2(source, staged / source.name)
        files = [compile_file(p, "library", f"library.{p.stem}")[0] for p in find_rule_files(staged)]
        for f in files:
            if f.error:
                f.error = f.error.replace(str(staged), str(source if source.is_dir() else source.parent))
        if not files:
            raise UsageError(f"{source} holds no .yar/.yara rule file.")
        if any(f.error for f in files):
            _report_errors(files)
            print(f"Nothing was added: {sum(1 for f in files if f.error)} of {len(files)} rule files do not "
                  "compile (file and line above).", file=sys.stderr)
            return 1
        if target.exists():
            shutil.rmtree(target) if target.is_dir() else target.unlink()
        staged.rename(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    count = sum(len(f.rules) for f in files)
    print(f"Added {count} rules from {len(files)} files to {target}; every triage run uses them from now on.")
    return 0


def cmd_test(args: argparse.Namespace) -> int:
    source = Path(args.path)
    if not source.exists():
        raise UsageError(f"No such rule file or folder: {source}.")
    rs = build_ruleset([("test", source)], name="test")
    _report_errors(rs.files)
    for f in rs.files:
        for w in f.warnings:
            print(f"warning: {safe_text(w)}", file=sys.stderr)
    print(f"{rs.rule_count} rules compiled from {len(rs.good)} of {len(rs.files)} files; "
          f"rule set SHA-256 {rs.sha256}")
    if rs.compiled is None:
        return 1
    for name in args.files:
        _scan_plain(rs.compiled, Path(name))
    return 1 if rs.broken else 0


def _scan_plain(compiled: Any, path: Path) -> None:
    import magic

    from ..model import Locator
    from ..pipeline.analyzers import FileInfo

    if not path.is_file():
        raise UsageError(f"No such file to scan: {path}.")
    data = path.read_bytes()
    head = data[:65536]
    info = FileInfo(0, Locator("file", 0, 0, path=str(path)), "file", str(path.resolve()), path.name,
                    path.suffix.lstrip(".").lower(), len(data), False, magic.from_buffer(head, mime=True),
                    magic.from_buffer(head), head)
    import hashlib

    matches = compiled.match(data=data, externals=externals_for(info, hashlib.md5(data).hexdigest()))
    if not matches:
        print(f"{safe_text(path)}: no match")
    for m in matches:
        print(f"{safe_text(path)}: {m.namespace}:{m.rule} {m.tags} {m.meta.get('severity', '')}")
        for s in hit_strings(m, data, 0):
            print(f"    0x{s['offset']:x} {s['identifier']} {s['hex'][:48]} {safe_text(s['text'])}")
