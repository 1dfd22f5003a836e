"""ios.sms: sms.db written with the Messages schema of iOS 16 (tests/helpers/ios_builders.py)."""

from __future__ import annotations

import pytest
from forensic_triage.plugins.ios_common import apple_time
from forensic_triage.plugins.ios_sms import IosSmsExtractor, attributed_text
from helpers import run_extractor, selects

from tests.helpers.ios_builders import (
    DELETED_GUID,
    SMS_ATTRIBUTED_TEXT,
    SMS_SCHEMA,
    attributed_body,
    build_db,
    query,
    sms_db,
)

BACKUP = "HomeDomain/Library/SMS/sms.db"
FULL = "private/var/mobile/Library/SMS/sms.db"


def test_inputs_both_path_shapes() -> None:
    assert selects(IosSmsExtractor, BACKUP)[0]
    assert selects(IosSmsExtractor, FULL)[0]
    assert not selects(IosSmsExtractor, "HomeDomain/Library/SMS/other.db")[0]
    assert not selects(IosSmsExtractor, "data/data/com.android.providers.telephony/databases/mmssms.db")[0]


@pytest.mark.parametrize("unit", ["ns", "s"])
def test_messages_fields_and_times(unit: str) -> None:
    db, _ = sms_db(unit=unit)
    versions: dict[str, str] = {}
    artifacts, warnings = run_extractor(IosSmsExtractor, db, BACKUP, library_versions=versions)
    assert warnings == []
    assert len(artifacts) == query(db, "SELECT count(*) FROM message")[0][0] == 6
    assert "sqlite3" in versions
    first = artifacts[0]
    assert (first.type, first.plugin) == ("ios.message", "ios.sms")
    # iOS 11+ writes nanoseconds (sub-second kept), older iOS whole seconds: both are 2001-based UTC
    date = "2023-04-01T10:20:30.123456Z" if unit == "ns" else "2023-04-01T10:20:30Z"
    assert first.data == {
        "table": "message", "row_id": 1, "recovered": "", "service": "SMS", "direction": "received",
        "party": "+18685550100", "chat": "+18685550100", "chat_name": None, "date": date,
        "date_read": "2023-04-01T10:21:00Z", "date_delivered": None, "text": "Meet at the dock at 9",
        "subject": None, "attachments": [], "account": "p:+18685550199", "guid": "A1B2C3D4-0001",
        "phone": {"role": "message", "application": "SMS", "direction": "received", "party": "+18685550100",
                  "time": date, "body": "Meet at the dock at 9", "thread": "+18685550100"}}
    assert first.times == [("Message (iOS Messages)", date), ("Message read (iOS Messages)", "2023-04-01T10:21:00Z")]
    sent = artifacts[1].data
    assert (sent["direction"], sent["party"], sent["date_delivered"]) == ("sent", "+18685550100",
                                                                          "2023-04-01T10:22:03Z")
    photo = artifacts[2].data
    assert photo["service"] == "iMessage" and photo["chat_name"] is None
    assert photo["attachments"] == ["~/Library/SMS/Attachments/0a/10/AT-1/IMG_0042.HEIC (image/heic)"]
    # iOS 16 leaves text NULL and keeps the words in attributedBody only
    assert artifacts[4].data["text"] == SMS_ATTRIBUTED_TEXT and artifacts[4].data["direction"] == "sent"
    group = artifacts[5].data  # sent to a group: no handle, the chat is the party
    assert (group["party"], group["chat"], group["chat_name"]) == ("chat884413457", "chat884413457", "Harbour crew")
    assert [a.data["row_id"] for a in artifacts] == [r[0] for r in query(db, "SELECT ROWID FROM message ORDER BY ROWID")]
    assert all(a.data["recovered"] == "" for a in artifacts)


def test_message_deleted_in_the_wal_is_recovered_with_its_rowid() -> None:
    db, wal = sms_db(delete="wal")
    assert wal
    assert query(db, "SELECT count(*) FROM message")[0][0] == 0  # the database alone: nothing checkpointed
    live = query(db, "SELECT count(*) FROM message", wal)[0][0]
    artifacts, warnings = run_extractor(IosSmsExtractor, db, BACKUP, siblings={"sms.db-wal": wal})
    assert warnings == []
    assert live == 5 and len(artifacts) == live + 1
    recovered = [a.data for a in artifacts if a.data["recovered"]]
    assert len(recovered) == 1
    assert (recovered[0]["recovered"], recovered[0]["row_id"], recovered[0]["guid"]) == ("wal", 4, DELETED_GUID)
    assert recovered[0]["text"] == "Delete this after reading" and recovered[0]["party"] == "friend@example.com"
    assert recovered[0]["date"] == "2023-04-02T08:10:00Z"
    assert DELETED_GUID not in {a.data["guid"] for a in artifacts if not a.data["recovered"]}


def test_message_deleted_in_the_file_is_carved_from_free_space() -> None:
    db, _ = sms_db(delete="file")
    assert query(db, "SELECT count(*) FROM message WHERE guid = 'A1B2C3D4-0004'")[0][0] == 0
    artifacts, warnings = run_extractor(IosSmsExtractor, db, FULL)
    assert warnings == []
    assert len([a for a in artifacts if not a.data["recovered"]]) == query(db, "SELECT count(*) FROM message")[0][0]
    recovered = [a.data for a in artifacts if a.data["recovered"]]
    assert [(r["recovered"], r["guid"], r["text"]) for r in recovered] == [
        ("freelist", DELETED_GUID, "Delete this after reading")]
    assert recovered[0]["row_id"] is None  # SQLite wrote over the cell's rowid when it freed it
    assert recovered[0]["phone"]["direction"] == "received"


def test_attributed_body_lengths() -> None:
    long = "x" * 300
    assert attributed_text(attributed_body(long)) == long  # 0x81: a 16-bit length
    assert attributed_text(attributed_body("hi")) == "hi"
    assert attributed_text(b"streamtyped without a string") is None
    assert attributed_text(None) is None


@pytest.mark.parametrize("mode", ["file", "wal", "wal-commits"])
def test_many_deleted_messages_exactly_without_false_records(mode: str) -> None:
    """300 messages over many pages, 25 deleted (runs and singles): exactly those are recovered.
    "wal-commits": one transaction per message and per delete, as Messages writes them (a WAL of
    about 1,900 frames; sqlite_recovery reads each page version once)."""
    inserts = "\n".join(
        f"INSERT INTO handle (id, service) VALUES ('+1868555{h:04d}', 'SMS');" for h in range(1, 6))
    inserts += "\n" + "\n".join(
        f"INSERT INTO message (guid, text, handle_id, service, date, is_from_me) VALUES "
        f"('G-{i:04d}', 'message {i} ' || substr('abcdefghijklmnopqrstuvwxyz', 1, {i % 26}), {1 + i % 5}, 'SMS', "
        f"{702000000 + i * 60}000000000, {i % 2});" for i in range(1, 301))
    gone = [7, 8, 9, 100, *range(200, 220), 299, 300]
    if mode == "wal-commits":
        delete = "".join(f"DELETE FROM message WHERE ROWID = {i};" for i in gone)
    else:
        inserts = f"BEGIN;\n{inserts}\nCOMMIT;"
        delete = f"DELETE FROM message WHERE ROWID IN ({', '.join(map(str, gone))});"
    if mode != "file":
        db, wal = build_db(SMS_SCHEMA, wal_script=inserts + delete)
    else:
        db, wal = build_db(SMS_SCHEMA + inserts + delete)
    artifacts, warnings = run_extractor(IosSmsExtractor, db, BACKUP, siblings={"sms.db-wal": wal} if wal else None)
    assert warnings == []
    live = [a.data for a in artifacts if not a.data["recovered"]]
    assert len(live) == query(db, "SELECT count(*) FROM message", wal)[0][0] == 300 - len(gone)
    recovered = [a.data for a in artifacts if a.data["recovered"]]
    assert sorted(r["guid"] for r in recovered) == [f"G-{i:04d}" for i in gone]
    assert {r["recovered"] for r in recovered} == {"freelist" if mode == "file" else "wal"}
    for r in recovered:
        i = int(r["guid"][2:])
        assert r["text"].startswith(f"message {i} ") and r["party"] == f"+1868555{1 + i % 5:04d}"
        assert r["date"] == apple_time(702000000 + i * 60)
