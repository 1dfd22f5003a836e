"""Training cases: start one from a pack, answer, take hints, submit, grade."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..errors import IntegrityError, UsageError
from ..store import CaseStore
from ..store.training_repo import TOUCHED
from ..timeutil import utcnow_iso
from .answers import is_correct, split_paths, valid_for_type
from .builtin import BUILTIN_PACKS, write_builtin_pack
from .pack import PACK_SUFFIX, Pack, open_pack, sha256_file

EVIDENCE_FOLDER = "exercise-evidence"
WATERMARK = "TRAINING \u2014 NOT EVIDENCE"


# --------------------------------------------------------------------------- packs


def list_packs() -> list[dict[str, Any]]:
    """The built-in packs: id, title, summary (nothing is generated to list them)."""
    return [{"id": p.id, "title": p.title, "summary": p.summary, "builtin": True, "public": True}
            for p in BUILTIN_PACKS]


@contextmanager
def resolve_pack(pack: str | os.PathLike[str] | Pack) -> Iterator[Pack]:
    """A verified :class:`Pack` from a pack file, or from a built-in pack id (generated into a
    temporary folder that lives as long as the ``with`` block)."""
    if isinstance(pack, Pack):
        yield pack
        return
    path = Path(pack)
    if path.is_file() or str(pack).endswith(PACK_SUFFIX) or os.sep in str(pack):
        yield open_pack(path)
        return
    with tempfile.TemporaryDirectory(prefix="ft-exercise-") as tmp:
        built = write_builtin_pack(str(pack), Path(tmp) / f"{pack}{PACK_SUFFIX}")
        yield open_pack(built)


def key(pack: str | os.PathLike[str] | Pack, passphrase: bytes | None) -> list[dict[str, Any]]:
    """The answer key for the trainer: per question id, text, type, points, answer, tolerance."""
    with resolve_pack(pack) as p:
        answers = p.open_key(passphrase)["answers"]
        return [{"id": q["id"], "text": q["text"], "type": q["type"], "points": q["points"],
                 **answers.get(q["id"], {})} for q in p.questions]


# --------------------------------------------------------------------------- the case


def is_training(store: CaseStore) -> bool:
    return store.training.exercise() is not None


def exercise_of(store: CaseStore) -> dict[str, Any]:
    ex = store.training.exercise()
    if ex is None:
        raise UsageError(f"The case {store.case_dir} is a casework case, not a training exercise.",
                         hint="Start an exercise with 'forensic-triage exercise start PACK CASE_DIR --student NAME'.")
    return ex


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").upper()[:40] or "STUDENT"


@dataclasses.dataclass
class StartResult:
    case_dir: Path
    pack_id: str
    title: str
    student: str
    evidence: list[dict[str, Any]]  # uid, exhibit, sha256, verdict
    triaged: bool
    questions: int


def start(pack: str | os.PathLike[str] | Pack, case_dir: str | os.PathLike[str], student: str, *,
          triage: bool = True, images: dict[str, str] | None = None, ctx: Any = None) -> StartResult:
    """Create a training case from a pack, add its evidence and (by default) triage it.

    ``images`` maps an evidence name to a file, for packs that refer to an image by SHA-256
    only. The case folder must be new; the evidence is copied into ``CASE_DIR/exercise-evidence``
    (read-only) after its SHA-256 is checked against the pack."""
    from ..jobs.context import JobContext
    from ..jobs.intake import add_evidence
    from ..jobs.triage import run_triage

    name = " ".join(student.split())
    if not name:
        raise UsageError("An exercise needs the student's name (--student NAME).")
    folder = Path(case_dir)
    with resolve_pack(pack) as p:
        sources = _evidence_sources(p, images or {})
        store = CaseStore.create(folder, case_number=f"TRAINING-{_slug(p.id)}-{_slug(name)}", examiner=name,
                                 title=f"Training exercise: {p.title}", agency="Training",
                                 authority="Training exercise - not evidence", scope=WATERMARK)
        try:
            exercise = {"pack_id": p.id, "title": p.title, "content_id": p.content_id, "pack_sha256": p.pack_sha256,
                        "pack_file": p.path.name if not p.manifest.get("builtin") else None,
                        "builtin": bool(p.manifest.get("builtin")), "public": p.public, "student": name,
                        "briefing": p.manifest.get("briefing", ""), "started_utc": utcnow_iso(),
                        "evidence": [{"name": e["name"], "sha256": e["sha256"], "exhibit": e.get("exhibit")}
                                     for e in p.evidence]}
            with store.transaction():
                store.training.mark_training(exercise)
                store.training.add_questions(p.questions)
                store.audit(name, "exercise started", {"pack_id": p.id, "content_id": p.content_id,
                                                       "pack_sha256": p.pack_sha256, "student": name,
                                                       "questions": len(p.questions)}, touched=TOUCHED)
            added = []
            for item in p.evidence:
                image = _place_evidence(p, item, sources.get(item["name"]), folder)
                result = add_evidence(store, image, exhibit=item.get("exhibit") or None,
                                      description=item.get("description", ""), ctx=ctx or JobContext(),
                                      source_timezone=item.get("source_timezone"))
                added.append({"uid": result.uid, "exhibit": item.get("exhibit"), "sha256": result.sha256,
                              "verdict": result.verdict, "path": str(image)})
            if triage:
                run_triage(store, None, ctx or JobContext(), command_line=f"exercise start {p.id}")
        finally:
            store.close()
        return StartResult(folder, p.id, p.title, name, added, triage, len(p.questions))


def _evidence_sources(p: Pack, images: dict[str, str]) -> dict[str, Path]:
    out: dict[str, Path] = {}
    for item in p.evidence:
        if item.get("member"):
            continue
        given = images.get(item["name"]) or (next(iter(images.values())) if len(images) == 1 else None)
        if not given:
            raise UsageError(f"The pack refers to the image {item['name']} by its SHA-256 only.",
                             hint="Give the image with --image PATH.")
        if sha256_file(Path(given)) != item["sha256"]:
            raise IntegrityError(f"The image {given} is not the one the pack names: its SHA-256 differs from "
                                 f"{item['sha256']}.", hint="Use the image the trainer gave with the pack.")
        out[item["name"]] = Path(given).resolve()
    return out


def _place_evidence(p: Pack, item: dict[str, Any], source: Path | None, folder: Path) -> Path:
    if source is not None:
        return source
    return p.extract_evidence(item, folder / EVIDENCE_FOLDER / str(item["name"]))


# --------------------------------------------------------------------------- student actions


def questions(store: CaseStore) -> list[dict[str, Any]]:
    """The questions with the student's current answer, hints taken and what they cost.

    A question answered from tags (``source`` = ``tags``) shows the paths now tagged."""
    exercise_of(store)
    answers = store.training.answers()
    hints: dict[str, list[dict[str, Any]]] = {}
    for h in store.training.hints_taken():
        hints.setdefault(h["question_id"], []).append(h)
    out = []
    for q in store.training.questions():
        row: dict[str, Any] = {k: q.get(k) for k in ("id", "seq", "text", "type", "points")}
        row["choices"] = q.get("choices") or []
        row["tolerance"] = q.get("tolerance")
        row["answer_from_tag"] = q.get("tag") if q.get("source") == "tags" else None
        given = answers.get(q["id"])
        if q.get("source") == "tags" and given is None:
            row["answer"] = store.training.tagged_paths(str(q["tag"]))
        else:
            row["answer"] = _loads_answer(q, given["value"]) if given else None
        taken = hints.get(q["id"], [])
        all_hints = q.get("hints") or []
        row["hints_taken"] = [{"index": h["hint_index"], "text": all_hints[h["hint_index"]]["text"]
                               if h["hint_index"] < len(all_hints) else "", "cost": h["cost"]} for h in taken]
        row["hints_left"] = max(0, len(all_hints) - len(taken))
        row["next_hint_cost"] = all_hints[len(taken)].get("cost", 0) if len(taken) < len(all_hints) else None
        out.append(row)
    return out


def _loads_answer(q: dict[str, Any], value: str) -> Any:
    if q.get("type") == "paths":
        return split_paths(value)
    return value


def _question(store: CaseStore, qid: str) -> dict[str, Any]:
    for q in store.training.questions():
        if str(q["id"]).casefold() == qid.strip().casefold():
            return q
    known = ", ".join(str(q["id"]) for q in store.training.questions())
    raise UsageError(f"There is no question {qid!r} in this exercise.", hint=f"Questions: {known}.")


def _refuse_if_submitted(store: CaseStore) -> None:
    sub = store.training.submission()
    if sub:
        raise UsageError(f"The exercise was submitted on {sub['submitted_utc']}; answers can no longer change.")


def answer(store: CaseStore, qid: str, value: str | list[str], actor: str | None = None) -> int:
    """Record (or change) the answer to one question; audited. Returns the revision number."""
    exercise_of(store)
    _refuse_if_submitted(store)
    q = _question(store, qid)
    if q.get("source") == "tags":
        raise UsageError(f"Question {q['id']} is answered by tagging items with '{q['tag']}' in the case.",
                         hint=f"Tag them: forensic-triage tag CASE --file LOCATOR --tag {q['tag']}")
    text = json.dumps(value, ensure_ascii=False) if isinstance(value, list) else str(value).strip()
    if not text:
        raise UsageError("An answer cannot be empty.")
    problem = valid_for_type(str(q["type"]), text)
    if problem:
        raise UsageError(problem)
    if q["type"] == "choice":
        text = _as_choice(text, list(q.get("choices") or []))
    who = actor or store.examiner
    with store.transaction():
        revision = store.training.set_answer(str(q["id"]), text, who, utcnow_iso())
        store.audit(who, "exercise answer", {"question": q["id"], "value": text, "revision": revision},
                    touched=TOUCHED)
    return revision


def _as_choice(text: str, choices: list[str]) -> str:
    """The choice's own text for an answer given as its text or its letter; refused otherwise."""
    for choice in choices:
        if is_correct("choice", text, choice, choices=choices):
            return choice
    letters = ", ".join(f"{chr(65 + i)}) {c}" for i, c in enumerate(choices))
    raise UsageError(f"Answer one of the choices: {letters}.")


@dataclasses.dataclass
class Hint:
    question: str
    index: int
    text: str
    cost: float
    left: int


def take_hint(store: CaseStore, qid: str, actor: str | None = None) -> Hint:
    """Reveal the question's next hint; its cost is taken from the points the question earns."""
    exercise_of(store)
    _refuse_if_submitted(store)
    q = _question(store, qid)
    hints = q.get("hints") or []
    taken = [h for h in store.training.hints_taken() if h["question_id"] == q["id"]]
    if len(taken) >= len(hints):
        raise UsageError(f"Question {q['id']} has no {'more ' if hints else ''}hints.")
    index = len(taken)
    cost = float(hints[index].get("cost", 0))
    who = actor or store.examiner
    with store.transaction():
        store.training.add_hint(str(q["id"]), index, cost, who, utcnow_iso())
        store.audit(who, "exercise hint taken", {"question": q["id"], "hint": index, "cost": cost}, touched=TOUCHED)
    return Hint(str(q["id"]), index, str(hints[index].get("text", "")), cost, len(hints) - index - 1)


def submit(store: CaseStore, actor: str | None = None) -> dict[str, Any]:
    """Freeze the answers (tag-answered questions take the paths tagged now); audited."""
    exercise_of(store)
    _refuse_if_submitted(store)
    who = actor or store.examiner
    with store.transaction():
        now = utcnow_iso()
        for q in store.training.questions():
            if q.get("source") == "tags":
                paths = store.training.tagged_paths(str(q["tag"]))
                store.training.set_answer(str(q["id"]), json.dumps(paths, ensure_ascii=False), who, now)
        answers = store.training.answers()
        digest = hashlib.sha256(json.dumps({k: v["value"] for k, v in answers.items()}, sort_keys=True,
                                           ensure_ascii=False).encode()).hexdigest()
        store.training.submit(who, now, digest)
        store.audit(who, "exercise submitted", {"answers": len(answers), "answers_sha256": digest}, touched=TOUCHED)
    return {"submitted_utc": now, "answers": len(answers), "questions": len(store.training.questions()),
            "answers_sha256": digest}


# --------------------------------------------------------------------------- grading


@dataclasses.dataclass
class QuestionGrade:
    id: str
    text: str
    type: str
    points: float
    given: Any
    expected: Any
    correct: bool
    hint_cost: float
    earned: float
    explanation: str = ""


@dataclasses.dataclass
class GradeResult:
    student: str
    case_number: str
    pack_id: str
    title: str
    content_id: str
    submitted_utc: str | None
    questions: list[QuestionGrade]

    @property
    def total(self) -> float:
        return round(sum(q.earned for q in self.questions), 2)

    @property
    def maximum(self) -> float:
        return round(sum(q.points for q in self.questions), 2)

    def to_dict(self) -> dict[str, Any]:
        return {"student": self.student, "case_number": self.case_number, "pack_id": self.pack_id,
                "title": self.title, "content_id": self.content_id, "submitted_utc": self.submitted_utc,
                "total": self.total, "maximum": self.maximum,
                "questions": [dataclasses.asdict(q) for q in self.questions]}


def grade(store: CaseStore, pack: str | os.PathLike[str] | Pack, passphrase: bytes | None) -> GradeResult:
    """Grade a training case with the pack's sealed key (reads the case only)."""
    ex = exercise_of(store)
    with resolve_pack(pack) as p:
        if p.content_id != ex.get("content_id"):
            raise UsageError(f"The case was started from exercise {ex.get('pack_id')!r} ({ex.get('title')}), not "
                             f"from the pack given ({p.id!r}, {p.title}).",
                             hint="Grade it with the pack the student started from (or its re-sealed copy).")
        answers_key = p.open_key(passphrase)["answers"]
    given = store.training.answers()
    costs: dict[str, float] = {}
    for h in store.training.hints_taken():
        costs[h["question_id"]] = costs.get(h["question_id"], 0.0) + float(h["cost"])
    sub = store.training.submission()
    graded = []
    for q in store.training.questions():
        qid = str(q["id"])
        item = answers_key.get(qid, {})
        expected = item.get("answer")
        if qid in given:
            value: Any = given[qid]["value"]
        elif q.get("source") == "tags":
            value = json.dumps(store.training.tagged_paths(str(q["tag"])))
        else:
            value = None
        ok = value is not None and is_correct(str(q["type"]), value, expected,
                                              tolerance=item.get("tolerance", q.get("tolerance")),
                                              choices=list(q.get("choices") or []))
        points = float(q["points"])
        cost = costs.get(qid, 0.0)
        graded.append(QuestionGrade(qid, str(q["text"]), str(q["type"]), points,
                                    _loads_answer(q, value) if value is not None else None, expected, ok, cost,
                                    round(max(0.0, points - cost), 2) if ok else 0.0,
                                    str(item.get("explanation", ""))))
    info = store.case_info()
    return GradeResult(str(ex.get("student") or info["examiner"]), str(info["case_number"]), str(ex.get("pack_id")),
                       str(ex.get("title")), str(ex.get("content_id")), sub["submitted_utc"] if sub else None, graded)
