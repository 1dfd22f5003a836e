"""An upgrade of the case format never hides an edit and never makes an intact case look edited."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from forensic_triage.store import DB_NAME, CaseStore, digest
from forensic_triage.store import db as store_db


def _case(tmp_path: Path) -> Path:
    folder = tmp_path / "case"
    store = CaseStore.create(folder, case_number="UP-1", examiner="A. Examiner", title="upgrade")
    store.close()
    return folder


def _next_format(monkeypatch: pytest.MonkeyPatch) -> int:
    """A further format that changes the shape of covered tables (as every real upgrade may)."""
    version = store_db.SCHEMA_VERSION + 1
    migrations = dict(store_db.MIGRATIONS)
    migrations[version] = ("ALTER TABLE case_info ADD COLUMN upgrade_probe TEXT NOT NULL DEFAULT '';"
                           "ALTER TABLE files ADD COLUMN upgrade_probe INTEGER;")
    monkeypatch.setattr(store_db, "MIGRATIONS", migrations)
    monkeypatch.setattr(store_db, "SCHEMA_VERSION", version)
    return version


def test_an_upgrade_of_an_intact_case_checks_clean(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _case(tmp_path)
    version = _next_format(monkeypatch)
    with CaseStore.open(folder) as store:
        assert digest.check(store.conn) == []
        entries = [str(r[0]) for r in store.conn.execute(
            "SELECT details FROM audit WHERE action = ?", (digest.ACTION_UPGRADED,))]
        assert len(entries) == 1 and f'"to_format":{version}' in entries[0]
        assert '"changed_before_upgrade":[]' in entries[0]
        errors, _head = store.verify_audit()
        assert errors == []


def test_an_edit_made_before_an_upgrade_is_still_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _case(tmp_path)
    with sqlite3.connect(folder / DB_NAME) as conn:
        conn.execute("UPDATE case_info SET title = 'edited outside the tool'")
    _next_format(monkeypatch)
    with CaseStore.open(folder) as store:
        problems = digest.check(store.conn)
    assert any("upgraded" in p and "'case_info'" in p for p in problems), problems
