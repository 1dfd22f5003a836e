"""Training: exercise packs with sealed answer keys, training cases, grading (issue 15).

Python API (what the GUI and the CLI call; no Qt here)
------------------------------------------------------
Packs (``pack`` is a pack file path, a built-in pack id such as ``"shipment"``, or an opened
:class:`Pack`; ``passphrase`` is bytes, or ``None`` for a public built-in pack):

``list_packs() -> list[dict]``
    The built-in packs: ``id``, ``title``, ``summary``, ``builtin``, ``public``.
``open_pack(path) -> Pack``
    Open and verify a pack file (member hashes, signature); :class:`IntegrityError` if tampered.
``key(pack, passphrase) -> list[dict]``
    The answer key for the trainer (``id``, ``text``, ``type``, ``points``, ``answer``,
    ``tolerance``, ``explanation``). Wrong passphrase: :class:`UsageError`; a pack re-signed by
    someone else: :class:`IntegrityError`.
``write_builtin_pack(pack_id, out) -> Path`` / ``build_pack(...)`` / ``reseal(...)``
    Write a built-in pack file; make a pack from a trainer's image and questions; re-seal.

Training cases (``store`` is an open :class:`~forensic_triage.store.CaseStore`):

``start(pack, case_dir, student, *, triage=True, images=None, ctx=None) -> StartResult``
    Create a training case, add the pack's evidence (SHA-256 checked) and triage it.
``is_training(store) -> bool``
``exercise_of(store) -> dict``
    The exercise the case was made from (pack id, title, content id, student, briefing...).
``questions(store) -> list[dict]``
    ``id``, ``seq``, ``text``, ``type``, ``points``, ``choices``, ``tolerance``,
    ``answer_from_tag`` (tag name when the question is answered by tagging), ``answer`` (current:
    a string, or a list of paths for ``paths``), ``hints_taken``, ``hints_left``, ``next_hint_cost``.
``answer(store, qid, value, actor=None) -> int``
    Record or change an answer (audited); returns the revision. Refused after submission.
``take_hint(store, qid, actor=None) -> Hint``
    Reveal the next hint (``text``, ``cost``, ``left``); audited; its cost comes off the question.
``submit(store, actor=None) -> dict``
    Freeze the answers; tag-answered questions take the paths tagged at that moment.
``grade(store, pack, passphrase) -> GradeResult``
    Per question (:class:`QuestionGrade`): ``given``, ``expected``, ``correct``, ``points``,
    ``hint_cost``, ``earned``; ``total`` and ``maximum``; ``to_dict()`` for JSON. Reads only.
``class_report(results_dir, out, *, pack=None, passphrase=None) -> ClassReport``
    Grades of a class (folder of student case folders and/or grade files) as CSV or PDF.

Every user-facing problem is a :class:`~forensic_triage.errors.TriageError` with one clear
sentence (``UsageError`` for wrong use, ``IntegrityError`` for a tampered pack).
"""

from __future__ import annotations

from .builtin import BUILTIN_PACKS, BuiltinPack, write_builtin_pack
from .classreport import ClassReport, class_report
from .exercise import (
    WATERMARK,
    GradeResult,
    Hint,
    QuestionGrade,
    StartResult,
    answer,
    exercise_of,
    grade,
    is_training,
    key,
    list_packs,
    questions,
    resolve_pack,
    start,
    submit,
    take_hint,
)
from .pack import PUBLIC_PASSPHRASE, Pack, open_pack
from .trainer import build_pack, reseal

__all__ = [
    "BUILTIN_PACKS", "PUBLIC_PASSPHRASE", "WATERMARK", "BuiltinPack", "ClassReport", "GradeResult", "Hint", "Pack",
    "QuestionGrade", "StartResult", "answer", "build_pack", "class_report", "exercise_of", "grade", "is_training",
    "key", "list_packs", "open_pack", "questions", "reseal", "resolve_pack", "start", "submit", "take_hint",
    "write_builtin_pack",
]
