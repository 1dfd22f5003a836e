"""A class's grades: per student and per question (which questions the class got wrong).

RESULTS_DIR holds, in any mix:

* student case folders (a folder with ``case.sqlite``, directly in RESULTS_DIR or one level
  below, e.g. ``RESULTS_DIR/alice/case``): graded here with the pack (``--pack``; the
  passphrase unless the pack is public);
* grade files ``*.json`` written by ``exercise grade CASE --out FILE`` (already graded, so no
  pack is needed for them).

A folder or file that cannot be read or belongs to another exercise is listed as a problem in
the report, not silently dropped.
"""

from __future__ import annotations

import csv
import dataclasses
import json
import os
from pathlib import Path
from typing import Any

from ..errors import TriageError, UsageError
from ..store import DB_NAME, CaseStore
from .exercise import WATERMARK, GradeResult, QuestionGrade, grade, resolve_pack
from .pack import Pack

GRADE_FORMAT = "forensic-triage exercise grade"


def grade_file_dict(result: GradeResult) -> dict[str, Any]:
    return {"format": GRADE_FORMAT, "version": 1, **result.to_dict()}


def _from_dict(data: dict[str, Any]) -> GradeResult:
    qs = [QuestionGrade(**{f.name: q.get(f.name) for f in dataclasses.fields(QuestionGrade)})
          for q in data.get("questions", [])]
    return GradeResult(str(data["student"]), str(data.get("case_number", "")), str(data["pack_id"]),
                       str(data.get("title", "")), str(data["content_id"]), data.get("submitted_utc"), qs)


@dataclasses.dataclass
class ClassReport:
    results: list[GradeResult]
    problems: list[str]
    question_ids: list[str]

    def question_stats(self) -> list[dict[str, Any]]:
        """Per question: how many students got it right, wrong, or left it unanswered."""
        out = []
        for qid in self.question_ids:
            grades = [q for r in self.results for q in r.questions if q.id == qid]
            right = sum(1 for q in grades if q.correct)
            blank = sum(1 for q in grades if q.given in (None, "", []))
            text = grades[0].text if grades else ""
            out.append({"question": qid, "text": text, "correct": right, "wrong": len(grades) - right - blank,
                        "unanswered": blank, "students": len(grades),
                        "percent_correct": round(100.0 * right / len(grades), 1) if grades else 0.0})
        return out


def _case_folders(root: Path) -> list[Path]:
    found = []
    for child in sorted(root.iterdir()):
        if not child.is_dir():
            continue
        if (child / DB_NAME).is_file():
            found.append(child)
            continue
        found += [g for g in sorted(child.iterdir()) if g.is_dir() and (g / DB_NAME).is_file()]
    return found


def collect(results_dir: str | os.PathLike[str], *, pack: str | os.PathLike[str] | Pack | None = None,
            passphrase: bytes | None = None) -> ClassReport:
    root = Path(results_dir)
    if not root.is_dir():
        raise UsageError(f"{root} is not a folder of student cases or grade files.")
    results: list[GradeResult] = []
    problems: list[str] = []
    for path in sorted(root.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(data, dict) or data.get("format") != GRADE_FORMAT:
                problems.append(f"{path.name}: not a grade file")
                continue
            results.append(_from_dict(data))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            problems.append(f"{path.name}: cannot be read ({exc})")
    folders = _case_folders(root)
    if folders and pack is None:
        raise UsageError(f"{root} holds student case folders; grading them needs the pack.",
                         hint="Give --pack PACK (and --passphrase-file F unless the pack is public).")
    if folders and pack is not None:
        with resolve_pack(pack) as p:
            for folder in folders:
                try:
                    with CaseStore.open(folder, read_only=True) as store:
                        results.append(grade(store, p, passphrase))
                except TriageError as exc:
                    if "passphrase" in exc.message or "altered" in exc.message:
                        raise
                    problems.append(f"{folder.relative_to(root)}: {exc.message}")
    if not results:
        raise UsageError(f"{root} holds no student case and no grade file.",
                         hint="Copy each student's case folder (or 'exercise grade --out' files) into it.")
    exercises = {r.content_id for r in results}
    if len(exercises) > 1:
        main = max(exercises, key=lambda c: sum(1 for r in results if r.content_id == c))
        for r in [r for r in results if r.content_id != main]:
            problems.append(f"{r.student} ({r.case_number}): another exercise ({r.pack_id}), left out")
        results = [r for r in results if r.content_id == main]
    ids: list[str] = []
    for r in results:
        ids += [q.id for q in r.questions if q.id not in ids]
    results.sort(key=lambda r: (r.student.casefold(), r.case_number))
    return ClassReport(results, problems, ids)


def write_csv(report: ClassReport, out: Path) -> None:
    """One row per student (points earned per question), then per question the class's counts."""
    with out.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["student", "case_number", "submitted_utc", "total", "maximum", "percent", *report.question_ids])
        for r in report.results:
            earned = {q.id: q.earned for q in r.questions}
            w.writerow([r.student, r.case_number, r.submitted_utc or "not submitted", r.total, r.maximum,
                        round(100.0 * r.total / r.maximum, 1) if r.maximum else 0.0,
                        *[earned.get(i, "") for i in report.question_ids]])
        stats = {s["question"]: s for s in report.question_stats()}
        for label, field in (("(class) answered correctly", "correct"), ("(class) answered wrongly", "wrong"),
                             ("(class) not answered", "unanswered"), ("(class) percent correct", "percent_correct")):
            w.writerow([label, "", "", "", "", "", *[stats[i][field] for i in report.question_ids]])
        for problem in report.problems:
            w.writerow([f"(not graded) {problem}"])


def write_pdf(report: ClassReport, out: Path) -> None:
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    ss = getSampleStyleSheet()
    page = landscape(A4)
    first = report.results[0]

    def mark(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica-Bold", 9)
        canvas.setFillColor(colors.HexColor("#a31c1c"))
        canvas.drawCentredString(page[0] / 2, page[1] - 10 * mm, WATERMARK)
        canvas.drawCentredString(page[0] / 2, 8 * mm, f"{WATERMARK} - page {doc.page}")
        canvas.restoreState()

    grid = TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey), ("FONTSIZE", (0, 0), (-1, -1), 8),
                       ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8edf2")), ("VALIGN", (0, 0), (-1, -1), "TOP")])
    story: list[Any] = [Paragraph(escape(f"Class report: {first.title} ({first.pack_id})"), ss["Title"]),
                        Paragraph(escape(f"{len(report.results)} students; exercise content id {first.content_id}."),
                                  ss["Normal"]), Spacer(1, 4 * mm), Paragraph("Grades per student", ss["Heading2"])]
    rows: list[list[Any]] = [["Student", "Submitted", "Score", *report.question_ids]]
    for r in report.results:
        earned = {q.id: f"{q.earned:g}" if q.correct else "x" for q in r.questions}
        rows.append([escape(r.student), r.submitted_utc or "not submitted", f"{r.total:g} / {r.maximum:g}",
                     *[earned.get(i, "") for i in report.question_ids]])
    story += [Table(rows, repeatRows=1, style=grid), Spacer(1, 4 * mm),
              Paragraph("Questions, most often missed first", ss["Heading2"])]
    qrows: list[list[Any]] = [["Question", "Text", "Correct", "Wrong", "Not answered", "% correct"]]
    for s in sorted(report.question_stats(), key=lambda s: (s["percent_correct"], s["question"])):
        qrows.append([s["question"], Paragraph(escape(s["text"]), ss["BodyText"]), s["correct"], s["wrong"],
                      s["unanswered"], f"{s['percent_correct']:g}"])
    story.append(Table(qrows, repeatRows=1, colWidths=[20 * mm, 160 * mm, 18 * mm, 18 * mm, 24 * mm, 20 * mm],
                       style=grid))
    if report.problems:
        story += [Spacer(1, 4 * mm), Paragraph("Not graded", ss["Heading2"])]
        story += [Paragraph(escape(p), ss["BodyText"]) for p in report.problems]
    doc = SimpleDocTemplate(str(out), pagesize=page, topMargin=16 * mm, bottomMargin=16 * mm,
                            title="Class report (training)", keywords="TRAINING")
    doc.build(story, onFirstPage=mark, onLaterPages=mark)


def class_report(results_dir: str | os.PathLike[str], out: str | os.PathLike[str], *,
                 pack: str | os.PathLike[str] | Pack | None = None, passphrase: bytes | None = None) -> ClassReport:
    """Grade a class and write ``out`` (``.csv`` or ``.pdf``, chosen by the suffix)."""
    target = Path(out)
    if target.suffix.lower() not in (".csv", ".pdf"):
        raise UsageError(f"{target.name}: the class report is written as .csv or .pdf; give --out with one of them.")
    if target.exists():
        raise UsageError(f"{target} already exists; a report is never written over another file.")
    report = collect(results_dir, pack=pack, passphrase=passphrase)
    (write_csv if target.suffix.lower() == ".csv" else write_pdf)(report, target)
    return report
