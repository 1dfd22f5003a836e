"""``forensic-triage tag``: tag and annotate a file, an artifact, a YARA hit or a content hit."""

from __future__ import annotations

import argparse

from ..cli.common import safe_text
from ..store import CaseStore
from ..tags import add_tag


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("tag", help="tag a file, artifact or hit, with an optional note",
                       description="Tag an item and optionally add a note; recorded in the audit log. Tagging a "
                                   "picture keeps a small preview in the case for the report.")
    p.add_argument("case_dir", metavar="CASE_DIR")
    target = p.add_mutually_exclusive_group(required=True)
    target.add_argument("--file", metavar="LOCATOR", help="a locator as printed by 'forensic-triage files'")
    target.add_argument("--hit", metavar="ID", help="a YARA hit id (number or YARA-n)")
    target.add_argument("--artifact", metavar="ID", help="an artifact id (number or ART-n)")
    target.add_argument("--content-hit", metavar="ID", help="a content-search hit id (number or TEXT-n)")
    p.add_argument("--tag", required=True, metavar="NAME")
    p.add_argument("--note", default="", metavar="TEXT")
    p.add_argument("--examiner", metavar="NAME", help="who tags (default: the case examiner)")
    p.set_defaults(func=cmd_tag)


def cmd_tag(args: argparse.Namespace) -> int:
    if args.file:
        kind, ident = "file", args.file
    elif args.hit:
        kind, ident = "hit", args.hit
    elif args.artifact:
        kind, ident = "artifact", args.artifact
    else:
        kind, ident = "content_hit", args.content_hit
    with CaseStore.open(args.case_dir) as store:
        result = add_tag(store, kind, ident, args.tag, args.note, args.examiner)
    extra = f"; preview: {result.thumbnail}" if kind == "file" else ""
    print(f"Tagged {kind} {result.target_id} ({safe_text(result.locator)}) as {safe_text(args.tag)}{extra}")
    return 0
