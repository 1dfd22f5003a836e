"""``forensic-triage exercise``: exercise packs, training cases and grading (see docs/training.md)."""

from __future__ import annotations

import argparse
import json
import shlex
from pathlib import Path
from typing import Any

from ..exports import keys
from ..i18n import _, pack_text
from .common import ProgressBar, command_name

PACK_HELP = "a pack file (.ftpack) or a built-in pack id (see 'exercise list')"


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("exercise", help="training: exercise packs, training cases, answers and grading",
                       description="Training exercises. A pack holds evidence, a briefing, questions and an answer key "
                                   "sealed with the trainer's passphrase. 'start' makes a TRAINING case (marked, never "
                                   "casework); the student answers, takes hints (they cost points) and submits; the "
                                   "trainer grades. Built-in packs are public: no passphrase needed for them.")
    ex = p.add_subparsers(dest="exercise_command", metavar="ACTION")
    _register_student(ex)
    _register_trainer(ex)
    p.set_defaults(func=lambda a: p.print_help() or 2)


def _fmt(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("table", "jsonl"), default="table",
                        help="output format (default: %(default)s); jsonl = one JSON object per line")


def _register_student(ex: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    ls = ex.add_parser("list", help="list the built-in exercise packs", description="List the built-in packs.")
    _fmt(ls)
    ls.set_defaults(func=cmd_list)
    st = ex.add_parser("start", help="create a training case from a pack and triage its evidence",
                       description="Create a TRAINING case in CASE_DIR (a new folder) from a pack: the evidence is "
                                   "checked against the pack's SHA-256, copied read-only into CASE_DIR/exercise-evidence, "
                                   "added (hashed) and triaged, as a student expects to find it.")
    st.add_argument("pack", metavar="PACK", help=PACK_HELP)
    st.add_argument("case_dir", metavar="CASE_DIR")
    st.add_argument("--student", required=True, metavar="NAME", help="the student's name (the case's examiner)")
    st.add_argument("--image", metavar="PATH", help="the image, for a pack that refers to it by SHA-256 only")
    st.add_argument("--no-triage", action="store_true",
                    help="add the evidence but leave triage to the student ('forensic-triage triage CASE_DIR')")
    st.add_argument("--quiet", action="store_true", help="no progress bar")
    st.set_defaults(func=cmd_start)
    qs = ex.add_parser("questions", help="show the briefing, the questions and the current answers")
    qs.add_argument("case_dir", metavar="CASE_DIR")
    _fmt(qs)
    qs.set_defaults(func=cmd_questions)
    an = ex.add_parser("answer", help="answer questions (audited; changeable until submitted)",
                       description="Record or change the answer to a question; repeat --question ID --value TEXT to "
                                   "answer several at once (each pair in order). Times are UTC unless they carry an "
                                   "offset; a set of paths is given one per line, separated by ';' or as a JSON list; "
                                   "a choice by its text or its letter.")
    an.add_argument("case_dir", metavar="CASE_DIR")
    an.add_argument("--question", required=True, metavar="ID", action="append")
    an.add_argument("--value", required=True, metavar="TEXT", action="append")
    an.set_defaults(func=cmd_answer)
    hi = ex.add_parser("hint", help="show the next hint of a question (costs points; audited)")
    hi.add_argument("case_dir", metavar="CASE_DIR")
    hi.add_argument("--question", required=True, metavar="ID")
    hi.set_defaults(func=cmd_hint)
    su = ex.add_parser("submit", help="submit the answers (they cannot change afterwards)",
                       description="Freeze the answers. Questions answered by tagging take the items tagged now.")
    su.add_argument("case_dir", metavar="CASE_DIR")
    su.set_defaults(func=cmd_submit)


def _register_trainer(ex: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    gr = ex.add_parser("grade", help="grade a training case with the pack's sealed key",
                       description="Per question: correct or not, points earned (hint costs taken off) and the "
                                   "expected answer; the total. Reads the case only.")
    gr.add_argument("case_dir", metavar="CASE_DIR")
    gr.add_argument("--pack", required=True, metavar="PACK", help=PACK_HELP)
    gr.add_argument("--passphrase-file", metavar="F", help="the trainer's passphrase (first line; not needed for a "
                                                           "public built-in pack)")
    gr.add_argument("--out", metavar="FILE", help="also write the grade as a JSON file (for 'class-report')")
    _fmt(gr)
    gr.set_defaults(func=cmd_grade)
    bu = ex.add_parser("build", help="make a pack from your own image and questions",
                       description="Make a pack: the image, the briefing and the questions of Q.json (a list of "
                                   '{"id", "text", "points", "type", "answer", "tolerance"}; optional "choices", '
                                   '"hints": [{"text", "cost"}], "source": "tags" with "tag"), the answers sealed '
                                   "with the passphrase (AES-256-GCM, scrypt).")
    bu.add_argument("--image", required=True, metavar="IMG")
    bu.add_argument("--questions", required=True, metavar="Q.json")
    bu.add_argument("--out", required=True, metavar="PACK")
    bu.add_argument("--passphrase-file", required=True, metavar="F", help="the sealing passphrase (first line)")
    bu.add_argument("--id", metavar="ID", help="the pack id (default: from Q.json or the file name)")
    bu.add_argument("--title", metavar="TEXT")
    bu.add_argument("--briefing", metavar="FILE", help="a text file with the briefing the students read")
    bu.add_argument("--exhibit", metavar="EXHIBIT", help="the exhibit number (default EXH-001)")
    bu.add_argument("--source-timezone", metavar="ZONE", help="the zone of the device's clocks, declared at start")
    bu.add_argument("--reference-only", action="store_true",
                    help="do not put the image in the pack, only its SHA-256 (students give it with --image)")
    bu.set_defaults(func=cmd_build)
    ke = ex.add_parser("key", help="show a pack's answer key (trainer)")
    ke.add_argument("pack", metavar="PACK", help=PACK_HELP)
    ke.add_argument("--passphrase-file", metavar="F", help="the sealing passphrase (not needed for a public pack)")
    _fmt(ke)
    ke.set_defaults(func=cmd_key)
    rs = ex.add_parser("reseal", help="seal a pack's key with a new passphrase (makes it private)")
    rs.add_argument("pack", metavar="PACK", help=PACK_HELP)
    rs.add_argument("--out", required=True, metavar="PACK2")
    rs.add_argument("--passphrase-file", required=True, metavar="F", help="the new passphrase (first line)")
    rs.add_argument("--old-passphrase-file", metavar="F", help="the pack's present passphrase (not needed for a "
                                                               "public pack)")
    rs.set_defaults(func=cmd_reseal)
    wr = ex.add_parser("write", help="write a built-in pack to a file (to hand out)")
    wr.add_argument("pack_id", metavar="ID")
    wr.add_argument("--out", required=True, metavar="PACK")
    wr.set_defaults(func=cmd_write)
    cr = ex.add_parser("class-report", help="grades of a class per student and per question (CSV or PDF)",
                       description="RESULTS_DIR holds the students' case folders (directly or one level down) and/or "
                                   "grade files from 'exercise grade --out'. Case folders are graded with --pack.")
    cr.add_argument("results_dir", metavar="RESULTS_DIR")
    cr.add_argument("--out", required=True, metavar="report.pdf|csv")
    cr.add_argument("--pack", metavar="PACK", help=PACK_HELP + "; needed for case folders")
    cr.add_argument("--passphrase-file", metavar="F", help="the sealing passphrase (not needed for a public pack)")
    cr.set_defaults(func=cmd_class_report)


def _passphrase(path: str | None) -> bytes | None:
    return keys.read_passphrase(path) if path else None


def _emit_jsonl(rows: list[dict[str, Any]]) -> None:
    for row in rows:
        print(json.dumps(row, ensure_ascii=False, default=str))


def cmd_list(args: argparse.Namespace) -> int:
    from ..training import list_packs

    packs = list_packs()
    if args.format == "jsonl":
        _emit_jsonl(packs)
        return 0
    for p in packs:
        print(f"{p['id']:<10} {pack_text(p['title'])}\n{'':<10} {pack_text(p['summary'])}")
    return 0


def cmd_start(args: argparse.Namespace) -> int:
    from ..jobs.context import JobContext
    from ..training import start

    bar = ProgressBar(enabled=False if args.quiet else None)
    try:
        result = start(args.pack, args.case_dir, args.student, triage=not args.no_triage,
                       images={"*": args.image} if args.image else None, ctx=JobContext(bar))
    finally:
        bar.close()
    where = shlex.quote(str(result.case_dir))
    print(_("Training case {case} for {student}: {title} ({n} questions). It is marked TRAINING - NOT EVIDENCE.")
          .format(case=result.case_dir, student=result.student, title=pack_text(result.title), n=result.questions))
    for e in result.evidence:
        print(_("  evidence {uid} ({exhibit}): {path}").format(uid=e["uid"], exhibit=e["exhibit"], path=e["path"]))
    ft = command_name()
    if not result.triaged:
        print(_("Next: triage it yourself: {command}").format(command=f"{ft} triage {where}"))
    print(_("Read the briefing and questions: {command}").format(command=f"{ft} exercise questions {where}"))
    return 0


def _open(case_dir: str, read_only: bool = False) -> Any:
    from ..store import CaseStore

    return CaseStore.open(case_dir, read_only=read_only)


def cmd_questions(args: argparse.Namespace) -> int:
    from ..training import exercise_of, questions

    with _open(args.case_dir, read_only=True) as store:
        ex = exercise_of(store)
        rows = questions(store)
        sub = store.training.submission()
    if args.format == "jsonl":
        _emit_jsonl(rows)
        return 0
    print(_("TRAINING - NOT EVIDENCE. Exercise: {title} ({pack}), student {student}").format(
        title=pack_text(str(ex.get("title") or "")), pack=ex.get("pack_id"), student=ex.get("student")))
    print(_("Submitted {time}.").format(time=sub["submitted_utc"]) if sub else _("Not submitted yet."))
    print("\n" + _("Briefing: {text}").format(text=pack_text(str(ex.get("briefing") or ""))) + "\n")
    for q in rows:
        print(_("{id} ({points} points, {type}): {text}").format(id=q["id"], points=f"{q['points']:g}", type=q["type"],
                                                                  text=pack_text(q["text"])))
        for i, choice in enumerate(q["choices"]):
            print(f"    {chr(65 + i)}) {pack_text(choice)}")
        if q["answer_from_tag"]:
            print(_("    answered by tagging items '{tag}'; tagged now: {paths}").format(
                tag=q["answer_from_tag"], paths="; ".join(q["answer"]) or _("nothing")))
        else:
            shown = "; ".join(q["answer"]) if isinstance(q["answer"], list) else q["answer"]
            print(_("    your answer: {answer}").format(answer=shown if shown else _("(none)")))
        for h in q["hints_taken"]:
            print(_("    hint (-{cost}): {text}").format(cost=f"{h['cost']:g}", text=pack_text(h["text"])))
        if q["hints_left"]:
            print(_("    {n} more hint(s); the next costs {cost} point(s)").format(
                n=q["hints_left"], cost=f"{q['next_hint_cost']:g}"))
    return 0


def cmd_answer(args: argparse.Namespace) -> int:
    from ..errors import UsageError
    from ..training import answer

    if len(args.question) != len(args.value):
        raise UsageError(f"{len(args.question)} --question but {len(args.value)} --value: give one value per question.")
    with _open(args.case_dir) as store:
        for qid, value in zip(args.question, args.value, strict=True):
            revision = answer(store, qid, value)
            print(_("Answer to {id} recorded (change {n}).").format(id=qid, n=revision - 1) if revision > 1
                  else _("Answer to {id} recorded.").format(id=qid))
    return 0


def cmd_hint(args: argparse.Namespace) -> int:
    from ..training import take_hint

    with _open(args.case_dir) as store:
        hint = take_hint(store, args.question)
    print(_("Hint for {id} (costs {cost} point(s)): {text}").format(id=hint.question, cost=f"{hint.cost:g}",
                                                                    text=pack_text(hint.text)))
    if hint.left:
        print(_("{n} more hint(s) for this question.").format(n=hint.left))
    return 0


def cmd_submit(args: argparse.Namespace) -> int:
    from ..training import submit

    with _open(args.case_dir) as store:
        done = submit(store)
    print(_("Submitted at {time}: {answers} of {questions} questions answered. The answers can no longer change.")
          .format(time=done["submitted_utc"], answers=done["answers"], questions=done["questions"]))
    return 0


def cmd_grade(args: argparse.Namespace) -> int:
    from ..errors import UsageError
    from ..training import grade
    from ..training.classreport import grade_file_dict

    out = Path(args.out) if args.out else None
    if out is not None and out.exists():
        raise UsageError(f"{out} already exists; a grade file is never written over another file.")
    with _open(args.case_dir, read_only=True) as store:
        result = grade(store, args.pack, _passphrase(args.passphrase_file))
    if out is not None:
        out.write_text(json.dumps(grade_file_dict(result), indent=1, ensure_ascii=False, default=str) + "\n",
                       encoding="utf-8")
    if args.format == "jsonl":
        _emit_jsonl([{"question": q.id, "correct": q.correct, "points": q.points, "earned": q.earned,
                      "hint_cost": q.hint_cost, "given": q.given, "expected": q.expected} for q in result.questions])
        _emit_jsonl([{"total": result.total, "maximum": result.maximum, "student": result.student,
                      "submitted_utc": result.submitted_utc}])
        return 0
    print(f"{result.student}: {result.title} ({result.pack_id}), "
          + (f"submitted {result.submitted_utc}" if result.submitted_utc else "NOT SUBMITTED"))
    for q in result.questions:
        mark = "correct" if q.correct else "wrong"
        cost = f", hints -{q.hint_cost:g}" if q.hint_cost else ""
        print(f"  {q.id}: {mark:<7} {q.earned:g}/{q.points:g}{cost}  given: {_show(q.given)}  expected: "
              f"{_show(q.expected)}")
    print(f"Total: {result.total:g} of {result.maximum:g}")
    return 0


def _show(value: Any) -> str:
    if value is None:
        return "(none)"
    return "; ".join(map(str, value)) if isinstance(value, list) else str(value)


def cmd_build(args: argparse.Namespace) -> int:
    from ..training import build_pack

    briefing = None
    if args.briefing:
        briefing = Path(args.briefing).read_text(encoding="utf-8")
    out = build_pack(args.image, args.questions, args.out, keys.read_passphrase(args.passphrase_file),
                     pack_id=args.id, title=args.title, briefing=briefing, exhibit=args.exhibit,
                     source_timezone=args.source_timezone, reference_only=args.reference_only)
    print(f"Pack written: {out}. Keep the passphrase; it is needed to grade and to see the key.")
    return 0


def cmd_key(args: argparse.Namespace) -> int:
    from ..training import key

    rows = key(args.pack, _passphrase(args.passphrase_file))
    if args.format == "jsonl":
        _emit_jsonl(rows)
        return 0
    for r in rows:
        tol = f" (tolerance {r['tolerance']:g})" if isinstance(r.get("tolerance"), int | float) else ""
        print(f"{r['id']} ({r['points']:g} points, {r['type']}): {r['text']}\n    answer: {_show(r.get('answer'))}{tol}")
    return 0


def cmd_reseal(args: argparse.Namespace) -> int:
    from ..training import reseal

    out = reseal(args.pack, args.out, keys.read_passphrase(args.passphrase_file),
                 _passphrase(args.old_passphrase_file))
    print(f"Pack re-sealed: {out}. Its key now opens only with the new passphrase.")
    return 0


def cmd_write(args: argparse.Namespace) -> int:
    from ..training import write_builtin_pack

    out = write_builtin_pack(args.pack_id, args.out)
    print(f"Built-in pack {args.pack_id} written: {out} (public key; 'exercise reseal' makes it private).")
    return 0


def cmd_class_report(args: argparse.Namespace) -> int:
    from ..training import class_report

    report = class_report(args.results_dir, args.out, pack=args.pack, passphrase=_passphrase(args.passphrase_file))
    print(f"Class report written: {args.out} ({len(report.results)} students).")
    for problem in report.problems:
        print(f"  not graded: {problem}")
    return 0
