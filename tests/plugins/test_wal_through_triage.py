"""SQLite write-ahead logs reach the extractors through a real triage (siblings read from the image)."""

from __future__ import annotations

import json
from pathlib import Path

from helpers import build_sqlite
from imagebuilders import build_fat, require_tools
from test_android_sms import ROWS, SCHEMA

from forensic_triage.jobs.intake import add_evidence
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
    warnings = store.query("SELECT message FROM warnings")
    db_path = store.scalar("SELECT path FROM files WHERE name = 'mmssms.db'")
    store.close()
    # Every message exists only in the -wal file: all three are found, with their content, from the database.
    found = sorted((d["kind"], d["message_id"], d["direction"], d["address"], d["body"], d["date"])
                   for d in (json.loads(m["data"]) for m in messages))
    assert found == [
        ("MMS", 1, "received", "+15551230002", "Here they are", "2023-04-01T10:30:00Z"),
        ("SMS", 1, "received", "+15551230001", "Meet at the dock at 9", "2023-04-01T10:20:30.123000Z"),
        ("SMS", 2, "sent", "+15551230001", "OK, bring the papers", "2023-04-01T10:21:40Z"),
    ]
    assert db_path == "/" + folder + "mmssms.db"
    assert {m["locator"].split("/", 1)[1] for m in messages} == {db_path[1:]}  # traceable to the database
    assert [w["message"] for w in warnings] == []
