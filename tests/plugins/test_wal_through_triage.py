"""SQLite write-ahead logs reach the extractors through a real triage (siblings read from the image)."""

from __future__ import annotations

from pathlib import Path

from helpers import build_sqlite
from imagebuilders import build_fat, require_tools
from test_android_sms import ROWS, SCHEMA

from forensic_triage.evidence.intake import add_evidence
from forensic_triage.jobs.settings import TriageSettings
from forensic_triage.jobs.triage import run_triage
from forensic_triage.store import CaseStore


def test_rows_only_in_the_wal_are_found_by_triage(tmp_path: Path) -> None:
    require_tools("mkfs.fat|mkfs.vfat", "mcopy")
    db, wal = build_sqlite(SCHEMA, wal_script=ROWS)
    assert wal
    folder = "data/data/com.android.providers.telephony/databases/"
    image = build_fat(tmp_path / "phone.img", {folder + "mmssms.db": db, folder + "mmssms.db-wal": wal})
    store = CaseStore.create(tmp_path / "case", case_number="W", examiner="tester")
    add_evidence(store, image)
    run_triage(store, TriageSettings(jobs=1, plugins=["android.sms"], builtin_rules=False, content_search=False))
    messages = store.query("SELECT data, locator FROM artifacts WHERE type = 'android.message'")
    store.close()
    assert messages, "messages that exist only in the -wal file must be found"
    assert all("mmssms.db" in m["locator"] for m in messages)
