"""android.contacts: a contacts2.db built with the ContactsDatabaseHelper (AOSP) table layout."""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path

from forensic_triage.plugins.android_contacts import AndroidContactsExtractor
from helpers import build_sqlite, run_extractor, selects

PATH = "data/data/com.android.providers.contacts/databases/contacts2.db"
SCHEMA = """
CREATE TABLE accounts (_id INTEGER PRIMARY KEY AUTOINCREMENT, account_name TEXT, account_type TEXT,
  data_set TEXT);
CREATE TABLE contacts (_id INTEGER PRIMARY KEY AUTOINCREMENT, name_raw_contact_id INTEGER REFERENCES raw_contacts(_id),
  photo_id INTEGER, photo_file_id INTEGER, custom_ringtone TEXT, send_to_voicemail INTEGER NOT NULL DEFAULT 0,
  times_contacted INTEGER NOT NULL DEFAULT 0, last_time_contacted INTEGER, starred INTEGER NOT NULL DEFAULT 0,
  pinned INTEGER NOT NULL DEFAULT 0, has_phone_number INTEGER NOT NULL DEFAULT 0, lookup TEXT,
  status_update_id INTEGER REFERENCES data(_id), contact_last_updated_timestamp INTEGER);
CREATE TABLE raw_contacts (_id INTEGER PRIMARY KEY AUTOINCREMENT, account_id INTEGER REFERENCES accounts(_id),
  sourceid TEXT, backup_id TEXT, raw_contact_is_read_only INTEGER NOT NULL DEFAULT 0,
  version INTEGER NOT NULL DEFAULT 1, dirty INTEGER NOT NULL DEFAULT 0, deleted INTEGER NOT NULL DEFAULT 0,
  metadata_dirty INTEGER NOT NULL DEFAULT 0, contact_id INTEGER REFERENCES contacts(_id),
  aggregation_mode INTEGER NOT NULL DEFAULT 0, aggregation_needed INTEGER NOT NULL DEFAULT 1,
  custom_ringtone TEXT, send_to_voicemail INTEGER NOT NULL DEFAULT 0, times_contacted INTEGER NOT NULL DEFAULT 0,
  last_time_contacted INTEGER, starred INTEGER NOT NULL DEFAULT 0, pinned INTEGER NOT NULL DEFAULT 0,
  display_name TEXT, display_name_alt TEXT, display_name_source INTEGER NOT NULL DEFAULT 0, phonetic_name TEXT,
  phonetic_name_style TEXT, sort_key TEXT, phonebook_label TEXT, phonebook_bucket INTEGER, sort_key_alt TEXT,
  name_verified INTEGER NOT NULL DEFAULT 0, sync1 TEXT, sync2 TEXT, sync3 TEXT, sync4 TEXT);
CREATE TABLE mimetypes (_id INTEGER PRIMARY KEY AUTOINCREMENT, mimetype TEXT NOT NULL);
CREATE TABLE data (_id INTEGER PRIMARY KEY AUTOINCREMENT, package_id INTEGER, mimetype_id INTEGER NOT NULL,
  raw_contact_id INTEGER NOT NULL, hash_id TEXT, is_read_only INTEGER NOT NULL DEFAULT 0,
  is_primary INTEGER NOT NULL DEFAULT 0, is_super_primary INTEGER NOT NULL DEFAULT 0,
  data_version INTEGER NOT NULL DEFAULT 0, data1 TEXT, data2 TEXT, data3 TEXT, data4 TEXT, data5 TEXT,
  data6 TEXT, data7 TEXT, data8 TEXT, data9 TEXT, data10 TEXT, data11 TEXT, data12 TEXT, data13 TEXT,
  data14 TEXT, data15 TEXT, data_sync1 TEXT, data_sync2 TEXT, data_sync3 TEXT, data_sync4 TEXT);
"""
ROWS = """
INSERT INTO accounts VALUES (1, 'alice@example.com', 'com.google', NULL);
INSERT INTO mimetypes (_id, mimetype) VALUES (5, 'vnd.android.cursor.item/phone_v2'),
  (6, 'vnd.android.cursor.item/email_v2'), (7, 'vnd.android.cursor.item/name'),
  (4, 'vnd.android.cursor.item/organization'), (9, 'vnd.android.cursor.item/photo');
INSERT INTO contacts (_id, name_raw_contact_id, times_contacted, last_time_contacted,
  contact_last_updated_timestamp) VALUES (1, 1, 3, 1680344430000, 1680000000000);
INSERT INTO raw_contacts (_id, account_id, contact_id, display_name, times_contacted, last_time_contacted,
  starred, deleted) VALUES (1, 1, 1, 'Victor Vance', 3, 1680344430000, 1, 0);
INSERT INTO raw_contacts (_id, account_id, contact_id, display_name, deleted) VALUES (2, 1, NULL, NULL, 1);
INSERT INTO data (mimetype_id, raw_contact_id, data1) VALUES (7, 1, 'Victor Vance'), (5, 1, '+15551230001'),
  (5, 1, '+15551230009'), (6, 1, 'victor@example.net'), (4, 1, 'Vance Logistics'), (9, 1, NULL),
  (7, 2, 'Ghost Number'), (5, 2, '+15550009999');
"""


def test_inputs() -> None:
    assert selects(AndroidContactsExtractor, PATH)[0]
    assert not selects(AndroidContactsExtractor, "data/data/com.android.providers.contacts/databases/calllog.db")[0]


def test_contact_records() -> None:
    db, _ = build_sqlite(SCHEMA + ROWS)
    artifacts, warnings = run_extractor(AndroidContactsExtractor, db, PATH)
    assert warnings == []
    assert len(artifacts) == 2
    art = artifacts[0]
    assert (art.type, art.plugin, art.plugin_version) == ("android.contact", "android.contacts", "1.1")
    assert art.data == {
        "raw_contact_id": 1, "display_name": "Victor Vance", "phone_numbers": ["+15551230001", "+15551230009"],
        "emails": ["victor@example.net"], "organization": "Vance Logistics", "account_name": "alice@example.com",
        "account_type": "com.google", "times_contacted": 3, "last_contacted": "2023-04-01T10:20:30Z",
        "last_updated": "2023-03-28T10:40:00Z", "starred": True, "deleted": False,
        "table": "raw_contacts", "row_id": 1, "recovered": "",
        "phone": {"role": "contact", "name": "Victor Vance", "numbers": ["+15551230001", "+15551230009"],
                  "emails": ["victor@example.net"], "application": "com.google"},
    }
    assert sorted(art.times) == [("Contact last contacted", "2023-04-01T10:20:30Z"),
                                 ("Contact last updated", "2023-03-28T10:40:00Z")]
    ghost = artifacts[1].data
    assert (ghost["display_name"], ghost["phone_numbers"], ghost["deleted"]) == ("Ghost Number", ["+15550009999"], True)


def test_damaged_contacts_are_warnings() -> None:
    db, _ = build_sqlite(SCHEMA + ROWS)
    artifacts, warnings = run_extractor(AndroidContactsExtractor, db[:1500], PATH)
    assert artifacts == [] and len(warnings) == 1
    other, _ = build_sqlite("CREATE TABLE t (x);")
    artifacts, warnings = run_extractor(AndroidContactsExtractor, other, PATH)
    assert len(warnings) == 1 and "raw_contacts" in warnings[0].message


def test_deleted_contact_is_recovered_from_free_space() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "contacts2.db"
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("PRAGMA secure_delete=OFF")
        conn.executescript(SCHEMA + ROWS + "INSERT INTO raw_contacts (_id, account_id, display_name) "
                           "VALUES (3, 1, 'Burner Phone Guy');")
        conn.execute("DELETE FROM raw_contacts WHERE _id = 3")
        conn.close()
        db = path.read_bytes()
    artifacts, warnings = run_extractor(AndroidContactsExtractor, db, PATH)
    assert warnings == []
    gone = [a.data for a in artifacts if a.data["recovered"]]
    assert [(g["display_name"], g["account_name"], g["recovered"]) for g in gone] == [
        ("Burner Phone Guy", "alice@example.com", "freelist")]
    assert gone[0]["phone"]["role"] == "contact"
