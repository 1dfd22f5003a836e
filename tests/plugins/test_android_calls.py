"""android.calls: calllog.db (Android 7+) and the calls table of an older contacts2.db."""

from __future__ import annotations

from forensic_triage.plugins.android_calls import AndroidCallsExtractor
from helpers import build_sqlite, run_extractor, selects

CALLLOG = "data/data/com.android.providers.contacts/databases/calllog.db"
# CallLogDatabaseHelper (AOSP), the columns that matter plus a few neighbours.
SCHEMA = """
CREATE TABLE calls (_id INTEGER PRIMARY KEY AUTOINCREMENT, number TEXT, presentation INTEGER NOT NULL DEFAULT 1,
  post_dial_digits TEXT NOT NULL DEFAULT '', via_number TEXT NOT NULL DEFAULT '', date INTEGER,
  duration INTEGER, data_usage INTEGER, type INTEGER, features INTEGER NOT NULL DEFAULT 0,
  subscription_component_name TEXT, subscription_id TEXT, phone_account_address TEXT,
  phone_account_hidden INTEGER NOT NULL DEFAULT 0, sub_id INTEGER DEFAULT -1, new INTEGER, name TEXT,
  numbertype INTEGER, numberlabel TEXT, countryiso TEXT, voicemail_uri TEXT, is_read INTEGER,
  geocoded_location TEXT, lookup_uri TEXT, matched_number TEXT, normalized_number TEXT, photo_id INTEGER
  NOT NULL DEFAULT 0, photo_uri TEXT, formatted_number TEXT, last_modified INTEGER DEFAULT 0);
"""
ROWS = """
INSERT INTO calls (number, date, duration, type, subscription_id, name, countryiso, geocoded_location)
  VALUES ('+15551230001', 1680344430000, 75, 1, '8901260000000000001', 'Victor', 'US', 'New York, NY');
INSERT INTO calls (number, date, duration, type, name) VALUES ('+15551230002', 1680344500000, 0, 3, NULL);
INSERT INTO calls (number, date, duration, type) VALUES ('+15551230003', 1680344600000, 12, 2);
"""


def test_inputs() -> None:
    assert selects(AndroidCallsExtractor, CALLLOG)[0]
    assert selects(AndroidCallsExtractor, "user_de/0/com.android.providers.contacts/databases/calllog.db")[0]
    assert selects(AndroidCallsExtractor, "data/com.android.providers.contacts/databases/contacts2.db")[0]


def test_call_log_records() -> None:
    db, _ = build_sqlite(SCHEMA + ROWS)
    artifacts, warnings = run_extractor(AndroidCallsExtractor, db, CALLLOG)
    assert warnings == []
    assert [a.data["call_type"] for a in artifacts] == ["incoming", "missed", "outgoing"]
    art = artifacts[0]
    assert (art.type, art.plugin, art.plugin_version) == ("android.call", "android.calls", "1.1")
    assert art.data == {"call_id": 1, "call_type": "incoming", "number": "+15551230001", "name": "Victor",
                        "date": "2023-04-01T10:20:30Z", "duration_seconds": 75, "country_iso": "US",
                        "location": "New York, NY", "account": "8901260000000000001",
                        "table": "calls", "row_id": 1, "recovered": "",
                        "phone": {"role": "call", "application": "Phone", "direction": "incoming",
                                  "party": "+15551230001", "time": "2023-04-01T10:20:30Z", "duration_seconds": 75}}
    assert art.times == [("Phone call (call log)", "2023-04-01T10:20:30Z")]


def test_old_contacts2_calls_table_and_new_contacts2_without_calls() -> None:
    db, _ = build_sqlite("CREATE TABLE calls (_id INTEGER PRIMARY KEY AUTOINCREMENT, number TEXT, date INTEGER, "
                         "duration INTEGER, type INTEGER, new INTEGER, name TEXT, numbertype INTEGER, "
                         "numberlabel TEXT);" + "INSERT INTO calls (number, date, duration, type) "
                         "VALUES ('5550100', 1300000000000, 5, 2);")
    path = "data/data/com.android.providers.contacts/databases/contacts2.db"
    artifacts, warnings = run_extractor(AndroidCallsExtractor, db, path)
    assert warnings == [] and len(artifacts) == 1
    assert artifacts[0].data["date"] == "2011-03-13T07:06:40Z" and artifacts[0].data["country_iso"] is None
    modern, _ = build_sqlite("CREATE TABLE raw_contacts (_id INTEGER PRIMARY KEY);")
    assert run_extractor(AndroidCallsExtractor, modern, path) == ([], [])


def test_damaged_call_logs_are_warnings() -> None:
    db, _ = build_sqlite(SCHEMA + ROWS)
    for data in (db[:200], b"SQLite format 3\x00" + b"\xff" * 2000):
        artifacts, warnings = run_extractor(AndroidCallsExtractor, data, CALLLOG)
        assert artifacts == [] and len(warnings) == 1
    other, _ = build_sqlite("CREATE TABLE t (x);")
    artifacts, warnings = run_extractor(AndroidCallsExtractor, other, CALLLOG)
    assert len(warnings) == 1 and "no 'calls' table" in warnings[0].message
