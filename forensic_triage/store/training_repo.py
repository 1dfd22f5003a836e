"""Training cases: the exercise a case was made from, answers, hints, submission (training).

A training case carries the JSON of its exercise in ``case_info.training`` ('' for casework).
It is set once, on a new case without evidence, and nothing here changes it afterwards: a
training case never becomes casework and casework never becomes training (migration 4 in
``schema.py``; an edit outside the tool is named by ``verify``, case_info being a covered table).
Writes here happen inside the caller's transaction; the caller anchors them with
``store.audit(..., touched=TOUCHED)``.
"""

from __future__ import annotations

import json
from typing import Any

from ..errors import StoreError
from .base import Repo

# The tables an exercise action writes (for ``store.audit(touched=...)``).
TOUCHED = ("case_info", "exercise_questions", "exercise_answers", "exercise_hints", "exercise_submission")


class TrainingRepo(Repo):
    """Reached as ``store.training``."""

    # ------------------------------------------------------------------ the mark
    def exercise(self) -> dict[str, Any] | None:
        """The exercise this case was made from (``case_info.training`` as a dict), or None for casework."""
        row = self._one("SELECT training FROM case_info WHERE id = 1")
        text = str(row["training"] or "") if row else ""
        if not text:
            return None
        try:
            value = json.loads(text)
        except ValueError:
            return {"unreadable": text}
        return value if isinstance(value, dict) else {"unreadable": text}

    def mark_training(self, exercise: dict[str, Any]) -> None:
        """Mark a new case as a training case: refused once it is marked or holds evidence."""
        if self._scalar("SELECT training FROM case_info WHERE id = 1"):
            raise StoreError("This case is already a training case; its exercise never changes.")
        if self._scalar("SELECT count(*) FROM evidence"):
            raise StoreError("A case that holds evidence cannot be turned into a training case.",
                             hint="Start the exercise in a new case folder.")
        self._conn.execute("UPDATE case_info SET training = ? WHERE id = 1",
                           (json.dumps(exercise, sort_keys=True, ensure_ascii=False),))

    def copy_mark(self, mark: str) -> None:
        """Give a new case (a package being imported) the training mark of the case it came from."""
        if self._scalar("SELECT training FROM case_info WHERE id = 1"):
            raise StoreError("This case is already a training case; its exercise never changes.")
        self._conn.execute("UPDATE case_info SET training = ? WHERE id = 1", (mark,))

    # ------------------------------------------------------------------ questions
    def add_questions(self, questions: list[dict[str, Any]]) -> None:
        for seq, q in enumerate(questions, 1):
            details = {k: v for k, v in q.items() if k not in ("id", "text", "points", "type")}
            self._conn.execute(
                "INSERT INTO exercise_questions(id, seq, text, points, type, details) VALUES (?,?,?,?,?,?)",
                (q["id"], seq, q["text"], float(q["points"]), q["type"],
                 json.dumps(details, sort_keys=True, ensure_ascii=False)))

    def questions(self) -> list[dict[str, Any]]:
        """The questions in pack order: id, seq, text, points, type and the details' keys merged in."""
        out = []
        for row in self._rows("SELECT id, seq, text, points, type, details FROM exercise_questions ORDER BY seq"):
            details = json.loads(row.pop("details") or "{}")
            out.append({**details, **row})
        return out

    # ------------------------------------------------------------------ answers
    def answers(self) -> dict[str, dict[str, Any]]:
        """Current answers by question id: value, actor, answered_utc, revisions."""
        return {r["question_id"]: r for r in self._rows(
            "SELECT question_id, value, actor, answered_utc, revisions FROM exercise_answers ORDER BY question_id")}

    def set_answer(self, question_id: str, value: str, actor: str, when: str) -> int:
        """Insert or replace the answer; returns its revision number."""
        self._conn.execute(
            "INSERT INTO exercise_answers(question_id, value, actor, answered_utc, revisions) VALUES (?,?,?,?,1)"
            " ON CONFLICT(question_id) DO UPDATE SET value = excluded.value, actor = excluded.actor,"
            " answered_utc = excluded.answered_utc, revisions = revisions + 1",
            (question_id, value, actor, when))
        return int(self._scalar("SELECT revisions FROM exercise_answers WHERE question_id = ?", (question_id,)))

    # ------------------------------------------------------------------ hints
    def hints_taken(self) -> list[dict[str, Any]]:
        return self._rows("SELECT question_id, hint_index, cost, actor, taken_utc FROM exercise_hints ORDER BY id")

    def add_hint(self, question_id: str, hint_index: int, cost: float, actor: str, when: str) -> None:
        self._conn.execute(
            "INSERT INTO exercise_hints(question_id, hint_index, cost, actor, taken_utc) VALUES (?,?,?,?,?)",
            (question_id, hint_index, cost, actor, when))

    # ------------------------------------------------------------------ submission
    def submission(self) -> dict[str, Any] | None:
        return self._one("SELECT actor, submitted_utc, answers_sha256 FROM exercise_submission WHERE id = 1")

    def submit(self, actor: str, when: str, answers_sha256: str) -> None:
        self._conn.execute("INSERT INTO exercise_submission(id, actor, submitted_utc, answers_sha256)"
                           " VALUES (1,?,?,?)", (actor, when, answers_sha256))

    # ------------------------------------------------------------------ what the case shows
    def tagged_paths(self, tag: str) -> list[str]:
        """Paths of the files behind every item tagged ``tag`` (case-insensitive): files themselves,
        and the files that artifacts, YARA hits and content hits were found in."""
        rows = self._rows(
            "SELECT f.path FROM tags t JOIN files f ON t.target_kind = 'file' AND f.id = t.target_id"
            " WHERE lower(t.tag) = lower(:tag)"
            " UNION SELECT f.path FROM tags t JOIN artifacts a ON t.target_kind = 'artifact' AND a.id = t.target_id"
            " JOIN files f ON f.id = a.file_id WHERE lower(t.tag) = lower(:tag)"
            " UNION SELECT f.path FROM tags t JOIN yara_hits h ON t.target_kind = 'hit' AND h.id = t.target_id"
            " JOIN files f ON f.id = h.file_id WHERE lower(t.tag) = lower(:tag)"
            " UNION SELECT f.path FROM tags t JOIN content_hits c ON t.target_kind = 'content_hit'"
            " AND c.id = t.target_id JOIN files f ON f.id = c.file_id WHERE lower(t.tag) = lower(:tag)"
            " ORDER BY 1", {"tag": tag})
        return [str(r["path"]) for r in rows]

    def evidence_hashes(self) -> list[dict[str, Any]]:
        """Evidence items of the case with their computed media hashes (what the exercise was started on)."""
        return self._rows("SELECT uid, exhibit, sha256, verdict FROM evidence ORDER BY id")
