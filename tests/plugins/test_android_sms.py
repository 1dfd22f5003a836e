"""android.sms: an mmssms.db built with the telephony provider's schema (AOSP MmsSmsDatabaseHelper)."""

from __future__ import annotations

import pytest
from forensic_triage.plugins.android_sms import AndroidSmsExtractor
from helpers import build_sqlite, run_extractor, selects

DB_PATH = "data/data/com.android.providers.telephony/databases/mmssms.db"
SCHEMA = """
CREATE TABLE sms (_id INTEGER PRIMARY KEY, thread_id INTEGER, address TEXT, person INTEGER, date INTEGER,
  date_sent INTEGER DEFAULT 0, protocol INTEGER, read INTEGER DEFAULT 0, status INTEGER DEFAULT -1,
  type INTEGER, reply_path_present INTEGER, subject TEXT, body TEXT, service_center TEXT,
  locked INTEGER DEFAULT 0, sub_id INTEGER DEFAULT -1, error_code INTEGER DEFAULT 0, creator TEXT,
  seen INTEGER DEFAULT 0);
CREATE TABLE pdu (_id INTEGER PRIMARY KEY AUTOINCREMENT, thread_id INTEGER, date INTEGER,
  date_sent INTEGER DEFAULT 0, msg_box INTEGER, read INTEGER DEFAULT 0, m_id TEXT, sub TEXT, sub_cs INTEGER,
  ct_t TEXT, ct_l TEXT, exp INTEGER, m_cls TEXT, m_type INTEGER, v INTEGER, m_size INTEGER, pri INTEGER,
  rr INTEGER, rpt_a INTEGER, resp_st INTEGER, st INTEGER, tr_id TEXT, retr_st INTEGER, retr_txt TEXT,
  retr_txt_cs INTEGER, read_status INTEGER, ct_cls INTEGER, resp_txt TEXT, d_tm INTEGER, d_rpt INTEGER,
  locked INTEGER DEFAULT 0, sub_id INTEGER DEFAULT -1, seen INTEGER DEFAULT 0, creator TEXT,
  text_only INTEGER DEFAULT 0);
CREATE TABLE addr (_id INTEGER PRIMARY KEY, msg_id INTEGER, contact_id INTEGER, address TEXT, type INTEGER,
  charset INTEGER);
CREATE TABLE part (_id INTEGER PRIMARY KEY AUTOINCREMENT, mid INTEGER, seq INTEGER DEFAULT 0, ct TEXT,
  name TEXT, chset INTEGER, cd TEXT, fn TEXT, cid TEXT, cl TEXT, ctt_s INTEGER, ctt_t TEXT, _data TEXT,
  text TEXT);
CREATE TABLE threads (_id INTEGER PRIMARY KEY AUTOINCREMENT, date INTEGER DEFAULT 0,
  message_count INTEGER DEFAULT 0, recipient_ids TEXT, snippet TEXT, snippet_cs INTEGER DEFAULT 0,
  read INTEGER DEFAULT 1, archived INTEGER DEFAULT 0, type INTEGER DEFAULT 0, error INTEGER DEFAULT 0,
  has_attachment INTEGER DEFAULT 0);
"""
ROWS = """
INSERT INTO sms (_id, thread_id, address, date, date_sent, read, type, body, service_center)
  VALUES (1, 1, '+15551230001', 1680344430123, 1680344428000, 1, 1, 'Meet at the dock at 9', '+15550000000');
INSERT INTO sms (_id, thread_id, address, date, date_sent, read, type, body)
  VALUES (2, 1, '+15551230001', 1680344500000, 0, 1, 2, 'OK, bring the papers');
INSERT INTO pdu (_id, thread_id, date, date_sent, msg_box, read, sub, m_type)
  VALUES (1, 2, 1680345000, 1680344990, 1, 0, 'Photos', 132);
INSERT INTO addr (msg_id, address, type, charset) VALUES (1, '+15551230002', 137, 106);
INSERT INTO addr (msg_id, address, type, charset) VALUES (1, 'insert-address-token', 151, 106);
INSERT INTO part (mid, seq, ct, name, cl, text) VALUES (1, -1, 'application/smil', NULL, 'smil.xml', '<smil/>');
INSERT INTO part (mid, seq, ct, name, cl, text) VALUES (1, 0, 'image/jpeg', 'IMG_0001.jpg', 'IMG_0001.jpg', NULL);
INSERT INTO part (mid, seq, ct, name, cl, text) VALUES (1, 1, 'text/plain', NULL, 'text_0.txt', 'Here they are');
"""


def test_inputs() -> None:
    assert selects(AndroidSmsExtractor, DB_PATH)[0]
    assert selects(AndroidSmsExtractor, "user_de/0/com.android.providers.telephony/databases/mmssms.db")[0]
    assert not selects(AndroidSmsExtractor, "data/data/com.example/databases/other.db")[0]


def test_sms_and_mms_records() -> None:
    db, _ = build_sqlite(SCHEMA + ROWS)
    versions: dict[str, str] = {}
    artifacts, warnings = run_extractor(AndroidSmsExtractor, db, DB_PATH, library_versions=versions)
    assert warnings == []
    assert len(artifacts) == 3
    art = artifacts[0]
    assert (art.type, art.plugin, art.plugin_version) == ("android.message", "android.sms", "1.1")
    assert art.data == {
        "kind": "SMS", "message_id": 1, "thread_id": 1, "direction": "received", "address": "+15551230001",
        "date": "2023-04-01T10:20:30.123000Z", "date_sent": "2023-04-01T10:20:28Z", "read": True,
        "subject": None, "body": "Meet at the dock at 9", "attachments": [], "service_center": "+15550000000",
        "table": "sms", "row_id": 1, "recovered": "",
        "phone": {"role": "message", "application": "SMS", "direction": "received", "party": "+15551230001",
                  "time": "2023-04-01T10:20:30.123000Z", "body": "Meet at the dock at 9", "thread": "1"},
    }
    assert art.times == [("Message (SMS/MMS)", "2023-04-01T10:20:30.123000Z"),
                         ("Message sent (SMS/MMS, sender's clock)", "2023-04-01T10:20:28Z")]
    assert artifacts[1].data["direction"] == "sent" and artifacts[1].data["date_sent"] is None
    assert artifacts[2].data == {
        "kind": "MMS", "message_id": 1, "thread_id": 2, "direction": "received", "address": "+15551230002",
        "date": "2023-04-01T10:30:00Z", "date_sent": "2023-04-01T10:29:50Z", "read": False, "subject": "Photos",
        "body": "Here they are", "attachments": ["IMG_0001.jpg (image/jpeg)"], "service_center": None,
        "table": "pdu", "row_id": 1, "recovered": "",
        "phone": {"role": "message", "application": "MMS", "direction": "received", "party": "+15551230002",
                  "time": "2023-04-01T10:30:00Z", "body": "Here they are", "thread": "2"},
    }
    assert "sqlite3" in versions


def test_rows_only_in_the_wal_are_read() -> None:
    db, wal = build_sqlite(SCHEMA, wal_script=ROWS)
    assert wal
    artifacts, warnings = run_extractor(AndroidSmsExtractor, db, DB_PATH)
    assert artifacts == [] and warnings == []  # without the WAL the database looks empty
    artifacts, warnings = run_extractor(AndroidSmsExtractor, db, DB_PATH, siblings={"mmssms.db-wal": wal})
    assert warnings == [] and len(artifacts) == 3


@pytest.mark.parametrize("damage", ["truncate", "garbage", "wrong_db"])
def test_damaged_database_is_a_warning(damage: str) -> None:
    db, _ = build_sqlite(SCHEMA + ROWS + "INSERT INTO sms (body) SELECT hex(randomblob(3000)) FROM sms, sms, pdu;")
    if damage == "truncate":
        data = db[: len(db) // 3]
    elif damage == "garbage":
        data = b"\x00" * 100 + db[100:]
    else:
        data, _ = build_sqlite("CREATE TABLE t (x);")
    artifacts, warnings = run_extractor(AndroidSmsExtractor, data, DB_PATH)
    assert warnings, damage
    assert all(w.kind == "warning" for w in warnings)
