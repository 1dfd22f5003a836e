"""``forensic-triage tag``: tag and annotate a file, an artifact, a YARA hit or a content hit;
change the note, interpretation or alternative explanations of an existing tag; list the tags."""

from __future__ import annotations

import argparse
import textwrap

from ..case_details import read_text_arg
from ..cli.common import add_format, emit, safe_text
from ..errors import UsageError
from ..store import CaseStore
from ..tags import TARGET_PREFIX, WORDS, add_tag, edit_tag, list_tags, parse_tag_id

TEXT_HELP = "text, or @FILE to read a UTF-8 file (@- for standard input; @@ for a text starting with @)"


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "tag", help="tag a file, artifact or hit, with a note and the examiner's interpretation",
        description=textwrap.fill(
            "Tag an item and optionally add a note, the examiner's interpretation of the finding and the "
            "alternative explanations considered; recorded in the audit log. Tagging a picture keeps a "
            "small preview in the case for the report. With --id, change the note, interpretation or "
            "alternative explanations of an existing tag; --list shows every tag with its id.", 100),
        epilog="examples:\n"
               "  forensic-triage tag CASE --hit YARA-1 --tag notable --interpretation @interp.txt\n"
               "  forensic-triage tag CASE --list\n"
               "  forensic-triage tag CASE --id TAG-3 --alternatives 'Downloaded by another user of the laptop'",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("case_dir", metavar="CASE_DIR")
    target = p.add_mutually_exclusive_group(required=True)
    target.add_argument("--file", metavar="LOCATOR", help="a locator as printed by 'forensic-triage files'")
    target.add_argument("--hit", metavar="ID", help="a YARA hit id (number or YARA-n)")
    target.add_argument("--artifact", metavar="ID", help="an artifact id (number or ART-n)")
    target.add_argument("--content-hit", metavar="ID", help="a content-search hit id (number or TEXT-n)")
    target.add_argument("--id", metavar="TAG", help="an existing tag (number or TAG-n): change its note, "
                                                    "interpretation or alternative explanations")
    target.add_argument("--list", action="store_true", help="list the tags with their ids")
    p.add_argument("--tag", metavar="NAME", help="the tag name (needed when tagging an item)")
    p.add_argument("--note", metavar="TEXT", help="a short note")
    p.add_argument("--interpretation", metavar="TEXT", help=f"what the finding means, in the examiner's words: {TEXT_HELP}")
    p.add_argument("--alternatives", metavar="TEXT",
                   help=f"other explanations considered for the finding: {TEXT_HELP}")
    p.add_argument("--examiner", metavar="NAME", help="who tags (default: the case examiner)")
    add_format(p)
    p.set_defaults(func=cmd_tag)


def text_arg(value: str | None, what: str) -> str | None:
    """TEXT as given, or the content of @FILE (@- = standard input, @@... = a text starting with @)."""
    if value is None:
        return None
    if value.startswith("@@"):
        return value[1:]
    if value.startswith("@"):
        if len(value) == 1:
            raise UsageError(f"'@' needs a file name for the {what}, e.g. @{what.split()[0]}.txt.")
        return read_text_arg(value[1:], what)
    return value


def cmd_tag(args: argparse.Namespace) -> int:
    if args.list:
        return cmd_list(args)
    if args.interpretation == args.alternatives == "@-":
        raise UsageError("Only one of --interpretation and --alternatives can read standard input (@-).")
    interpretation = text_arg(args.interpretation, WORDS["interpretation"])
    alternatives = text_arg(args.alternatives, WORDS["alternatives"])
    if args.id is not None:
        if args.tag is not None:
            raise UsageError("--tag cannot be changed on an existing tag.",
                             hint="Tag the item again with the new name; the old tag stays in the audit log.")
        tag_id = parse_tag_id(args.id)
        with CaseStore.open(args.case_dir) as store:
            changed = edit_tag(store, tag_id, interpretation=interpretation, alternatives=alternatives,
                               note=args.note, examiner=args.examiner)
        if changed:
            print(f"Tag TAG-{tag_id}: saved the {', '.join(WORDS[c] for c in changed)}; recorded in the audit log.")
        else:
            print(f"Tag TAG-{tag_id}: nothing changed.")
        return 0
    if not (args.tag or "").strip():
        raise UsageError("A tag needs a name, e.g. --tag notable.")
    if args.file:
        kind, ident = "file", args.file
    elif args.hit:
        kind, ident = "hit", args.hit
    elif args.artifact:
        kind, ident = "artifact", args.artifact
    else:
        kind, ident = "content_hit", args.content_hit
    with CaseStore.open(args.case_dir) as store:
        result = add_tag(store, kind, ident, args.tag, args.note or "", args.examiner,
                         interpretation=interpretation or "", alternatives=alternatives or "")
    extra = f"; preview: {result.thumbnail}" if kind == "file" else ""
    print(f"Tagged {kind} {result.target_id} ({safe_text(result.locator)}) as {safe_text(args.tag)}"
          f" (TAG-{result.tag_id}){extra}")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    with CaseStore.open(args.case_dir, read_only=True) as store:
        rows = [{"id": f"TAG-{t['id']}", "target": f"{TARGET_PREFIX.get(t['target_kind'], t['target_kind'])}-"
                                                   f"{t['target_id']}",
                 "tag": t["tag"], "locator": t["locator"], "note": t["note"], "interpretation": t["interpretation"],
                 "alternatives": t["alternatives"], "examiner": t["examiner"], "created_utc": t["created_utc"]}
                for t in list_tags(store)]
    emit(rows, args.format, table_columns=("id", "target", "tag", "note", "interpretation", "alternatives"))
    return 0
