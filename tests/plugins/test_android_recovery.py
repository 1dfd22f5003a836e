"""Deleted Android records come back, marked: a call from the free space of calllog.db, an SMS
deleted in the write-ahead log of mmssms.db (its committed version still in the database file)."""

from __future__ import annotations

import sys
from pathlib import Path

from forensic_triage.plugins.android_calls import AndroidCallsExtractor
from forensic_triage.plugins.android_sms import AndroidSmsExtractor
from helpers import run_extractor

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "helpers"))
import android_builders as ab  # noqa: E402

CALLLOG = "data/user_de/0/com.android.providers.contacts/databases/calllog.db"
MMSSMS = "data/data/com.android.providers.telephony/databases/mmssms.db"


def test_deleted_call_is_recovered_from_free_space() -> None:
    db = ab.calllog_db(deleted_number="+15551230003")
    arts, warnings = run_extractor(AndroidCallsExtractor, db, CALLLOG)
    assert warnings == []
    live = [a.data for a in arts if not a.data["recovered"]]
    assert len(live) == ab.count(db, "SELECT count(*) FROM calls") == len(ab.CALLS) - 1
    assert [(d["row_id"], d["table"]) for d in live] == [(1, "calls"), (2, "calls"), (4, "calls")]
    gone = [a for a in arts if a.data["recovered"]]
    assert len(gone) == 1
    call = gone[0].data
    assert (call["number"], call["call_type"], call["duration_seconds"], call["date"], call["recovered"]) == (
        "+15551230003", "outgoing", 12, "2023-04-01T10:23:20Z", "freelist")
    assert call["phone"]["role"] == "call" and call["phone"]["party"] == "+15551230003"
    assert "[recovered: freelist]" in gone[0].summary


def test_sms_deleted_in_the_wal_is_recovered_with_its_row_id() -> None:
    db, wal = ab.mmssms_db(wal_delete_id=3)
    assert wal
    arts, warnings = run_extractor(AndroidSmsExtractor, db, MMSSMS, siblings={"mmssms.db-wal": wal})
    assert warnings == []
    assert [(a.data["row_id"], a.data["recovered"]) for a in arts] == [(1, ""), (2, ""), (3, "wal")]
    gone = arts[2].data
    assert (gone["body"], gone["address"], gone["date"], gone["message_id"]) == (
        "Delete this after reading", "+15551230009", "2023-04-01T11:53:20Z", 3)
    # without the WAL the database file alone still shows the message, live
    arts, _ = run_extractor(AndroidSmsExtractor, db, MMSSMS)
    assert [(a.data["row_id"], a.data["recovered"]) for a in arts] == [(1, ""), (2, ""), (3, "")]
