"""The walk of a young case builds the secondary indexes of ``files`` once, at its end: after
triage every index is there, also when the walk was cancelled, and a run after a walk killed
without its end (the indexes gone) puts them back."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from imagebuilders import build_ext4

from forensic_triage.errors import Cancelled
from forensic_triage.jobs.context import JobContext, Progress
from forensic_triage.jobs.intake import add_evidence
from forensic_triage.jobs.settings import TriageSettings
from forensic_triage.jobs.triage import run_triage
from forensic_triage.store import DB_NAME, CaseStore
from forensic_triage.store.triage_repo import WALK_DEFERRED_INDEXES

LEAN = TriageSettings(jobs=1, plugins=[], builtin_rules=False, content_search=False)


def _indexes(case: Path) -> set[str]:
    with sqlite3.connect(f"file:{case / DB_NAME}?mode=ro", uri=True) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='index' AND tbl_name='files'")}


def _case(tmp_path: Path) -> tuple[CaseStore, Path]:
    image = build_ext4(tmp_path / "fs.img", {f"d{i}/f{j}.txt": b"x" * (i + j) for i in range(5) for j in range(20)})
    case = tmp_path / "case"
    store = CaseStore.create(case, case_number="IDX", examiner="tester")
    add_evidence(store, image)
    return store, case


def test_triage_keeps_every_index(tmp_path: Path) -> None:
    store, case = _case(tmp_path)
    assert set(WALK_DEFERRED_INDEXES) <= _indexes(case)
    run_triage(store, LEAN)
    assert set(WALK_DEFERRED_INDEXES) <= _indexes(case)
    assert store.scalar("SELECT count(*) FROM files") >= 105
    # a walk killed after dropping them: the next run builds them again
    with store.transaction():
        store.triage.drop_walk_indexes()
    assert not set(WALK_DEFERRED_INDEXES) & _indexes(case)
    run_triage(store, LEAN)
    assert set(WALK_DEFERRED_INDEXES) <= _indexes(case)
    store.close()


def test_cancelled_walk_keeps_every_index(tmp_path: Path) -> None:
    store, case = _case(tmp_path)
    ctx = JobContext(min_interval=0.0)
    phases: list[str] = []

    def on_progress(p: Progress) -> None:
        phases.append(p.phase)
        if p.phase.startswith("listing"):
            ctx.cancel_token.cancel()

    ctx.on_progress = on_progress
    with pytest.raises(Cancelled):
        run_triage(store, LEAN, ctx)
    assert any(p.startswith("indexing") for p in phases)  # the indexes were deferred, then built
    assert set(WALK_DEFERRED_INDEXES) <= _indexes(case)
    store.close()
