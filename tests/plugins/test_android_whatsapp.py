"""android.whatsapp: msgstore.db in the 2022+ layout (message/chat/jid) and the legacy messages table."""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path

from forensic_triage.plugins.android_whatsapp import WhatsAppExtractor
from helpers import build_sqlite, run_extractor, selects

PATH = "data/data/com.whatsapp/databases/msgstore.db"
MODERN = """
CREATE TABLE jid (_id INTEGER PRIMARY KEY AUTOINCREMENT, user TEXT NOT NULL, server TEXT NOT NULL,
  agent INTEGER, device INTEGER, type INTEGER, raw_string TEXT);
CREATE TABLE chat (_id INTEGER PRIMARY KEY AUTOINCREMENT, jid_row_id INTEGER UNIQUE, hidden INTEGER,
  subject TEXT, created_timestamp INTEGER, display_message_row_id INTEGER, last_message_row_id INTEGER,
  last_read_message_row_id INTEGER, archived INTEGER, sort_timestamp INTEGER);
CREATE TABLE message (_id INTEGER PRIMARY KEY AUTOINCREMENT, chat_row_id INTEGER NOT NULL,
  from_me INTEGER NOT NULL, key_id TEXT NOT NULL, sender_jid_row_id INTEGER, status INTEGER,
  broadcast INTEGER, recipient_count INTEGER, participant_hash TEXT, origination_flags INTEGER,
  origin INTEGER, timestamp INTEGER, received_timestamp INTEGER, receipt_server_timestamp INTEGER,
  message_type INTEGER, text_data TEXT, starred INTEGER, lookup_tables INTEGER, sort_id INTEGER);
CREATE TABLE message_media (message_row_id INTEGER PRIMARY KEY, chat_row_id INTEGER, autotransfer_retry_enabled
  INTEGER, multicast_id TEXT, media_job_uuid TEXT, transferred INTEGER, transcoded INTEGER, file_path TEXT,
  file_size INTEGER, suspicious_content INTEGER, trim_from INTEGER, trim_to INTEGER, face_x INTEGER,
  face_y INTEGER, media_key BLOB, media_key_timestamp INTEGER, width INTEGER, height INTEGER,
  has_streaming_sidecar INTEGER, gif_attribution INTEGER, thumbnail_height_width_ratio REAL,
  direct_path TEXT, first_scan_sidecar BLOB, first_scan_length INTEGER, message_url TEXT, mime_type TEXT,
  file_length INTEGER, media_name TEXT, file_hash TEXT, media_duration INTEGER, page_count INTEGER,
  enc_file_hash TEXT, partial_media_hash TEXT, partial_media_enc_hash TEXT, is_animated_sticker INTEGER,
  original_file_hash TEXT, mute_video INTEGER, media_caption TEXT);
INSERT INTO jid VALUES (1, '15551230001', 's.whatsapp.net', 0, 0, 0, '15551230001@s.whatsapp.net');
INSERT INTO jid VALUES (2, '120363000000000001', 'g.us', 0, 0, 1, '120363000000000001@g.us');
INSERT INTO jid VALUES (3, '15551230002', 's.whatsapp.net', 0, 0, 0, '15551230002@s.whatsapp.net');
INSERT INTO chat (_id, jid_row_id, subject) VALUES (1, 1, NULL), (2, 2, 'Harbour crew');
INSERT INTO message (_id, chat_row_id, from_me, key_id, sender_jid_row_id, timestamp, message_type, text_data,
  starred) VALUES (1, -1, 0, '-1', 0, 0, 7, NULL, 0);
INSERT INTO message (_id, chat_row_id, from_me, key_id, sender_jid_row_id, timestamp, message_type, text_data,
  starred) VALUES (2, 1, 0, 'A1', 0, 1680344430000, 0, 'Is it done?', 0);
INSERT INTO message (_id, chat_row_id, from_me, key_id, sender_jid_row_id, timestamp, message_type, text_data,
  starred) VALUES (3, 1, 1, 'A2', 0, 1680344460000, 0, 'Yes', 1);
INSERT INTO message (_id, chat_row_id, from_me, key_id, sender_jid_row_id, timestamp, message_type, text_data,
  starred) VALUES (4, 2, 0, 'A3', 3, 1680344500000, 1, 'look', 0);
INSERT INTO message_media (message_row_id, chat_row_id, file_path, file_size, mime_type)
  VALUES (4, 2, 'Media/WhatsApp Images/IMG-20230401-WA0001.jpg', 48213, 'image/jpeg');
"""
LEGACY = """
CREATE TABLE messages (_id INTEGER PRIMARY KEY AUTOINCREMENT, key_remote_jid TEXT NOT NULL,
  key_from_me INTEGER, key_id TEXT NOT NULL, status INTEGER, needs_push INTEGER, data TEXT, timestamp INTEGER,
  media_url TEXT, media_mime_type TEXT, media_wa_type TEXT, media_size INTEGER, media_name TEXT,
  media_caption TEXT, media_hash TEXT, media_duration INTEGER, origin INTEGER, latitude REAL, longitude REAL,
  thumb_image TEXT, remote_resource TEXT, received_timestamp INTEGER, send_timestamp INTEGER,
  receipt_server_timestamp INTEGER, receipt_device_timestamp INTEGER, read_device_timestamp INTEGER,
  played_device_timestamp INTEGER, raw_data BLOB, recipient_count INTEGER, participant_hash TEXT,
  starred INTEGER, quoted_row_id INTEGER, mentioned_jids TEXT, multicast_id TEXT, edit_version INTEGER,
  media_enc_hash TEXT, payment_transaction_id TEXT, forwarded INTEGER, preview_type INTEGER,
  send_count INTEGER, lookup_tables INTEGER, future_message_type INTEGER, message_add_on_flags INTEGER);
CREATE TABLE chat_list (_id INTEGER PRIMARY KEY AUTOINCREMENT, key_remote_jid TEXT UNIQUE,
  message_table_id INTEGER, subject TEXT, creation INTEGER, last_read_message_table_id INTEGER);
INSERT INTO messages (key_remote_jid, key_from_me, key_id, data, timestamp) VALUES ('-1', 0, '-1', NULL, 0);
INSERT INTO messages (key_remote_jid, key_from_me, key_id, data, timestamp, media_wa_type, remote_resource)
  VALUES ('120363000000000001@g.us', 0, 'B1', 'meet 9pm', 1500000000000, '0', '15551230002@s.whatsapp.net');
INSERT INTO chat_list (key_remote_jid, subject) VALUES ('120363000000000001@g.us', 'Harbour crew');
"""


def test_inputs() -> None:
    assert selects(WhatsAppExtractor, PATH)[0]
    assert selects(WhatsAppExtractor, "data/com.whatsapp/databases/msgstore.db")[0]
    assert not selects(WhatsAppExtractor, "sdcard/WhatsApp/Databases/msgstore.db.crypt14")[0]


def test_modern_schema_records() -> None:
    db, _ = build_sqlite(MODERN)
    artifacts, warnings = run_extractor(WhatsAppExtractor, db, PATH)
    assert warnings == []
    assert len(artifacts) == 3  # the chat_row_id -1 placeholder row is not a message
    assert [a.data["sender"] for a in artifacts] == ["15551230001@s.whatsapp.net", "(device owner)",
                                                         "15551230002@s.whatsapp.net"]
    art = artifacts[2]
    assert (art.type, art.plugin, art.plugin_version) == ("android.whatsapp.message", "android.whatsapp", "1.1")
    assert art.data == {
        "message_id": 4, "chat": "120363000000000001@g.us", "chat_subject": "Harbour crew", "from_me": False,
        "sender": "15551230002@s.whatsapp.net", "timestamp": "2023-04-01T10:21:40Z", "text": "look",
        "message_type": 1, "media_path": "Media/WhatsApp Images/IMG-20230401-WA0001.jpg",
        "media_mime": "image/jpeg", "media_size": 48213, "starred": False,
        "table": "message", "row_id": 4, "recovered": "",
        "phone": {"role": "message", "application": "WhatsApp", "direction": "received",
                  "party": "15551230002@s.whatsapp.net", "time": "2023-04-01T10:21:40Z", "body": "look",
                  "thread": "Harbour crew"},
    }
    assert art.times == [("WhatsApp message", "2023-04-01T10:21:40Z")]
    assert artifacts[1].data["starred"] is True and artifacts[1].data["from_me"] is True


def test_legacy_schema_records() -> None:
    db, _ = build_sqlite(LEGACY)
    artifacts, warnings = run_extractor(WhatsAppExtractor, db, PATH)
    assert warnings == []
    assert len(artifacts) == 1  # the '-1' placeholder row is not a message
    assert artifacts[0].data == {
        "message_id": 2, "chat": "120363000000000001@g.us", "chat_subject": "Harbour crew", "from_me": False,
        "sender": "15551230002@s.whatsapp.net", "timestamp": "2017-07-14T02:40:00Z", "text": "meet 9pm",
        "message_type": 0, "media_path": None, "media_mime": None, "media_size": None, "starred": False,
        "table": "messages", "row_id": 2, "recovered": "",
        "phone": {"role": "message", "application": "WhatsApp", "direction": "received",
                  "party": "15551230002@s.whatsapp.net", "time": "2017-07-14T02:40:00Z", "body": "meet 9pm",
                  "thread": "Harbour crew"},
    }


def test_encrypted_or_damaged_store_is_a_warning() -> None:
    artifacts, warnings = run_extractor(WhatsAppExtractor, bytes(range(256)) * 64, PATH)
    assert artifacts == [] and len(warnings) == 1 and "encrypted or damaged" in warnings[0].message
    db, _ = build_sqlite(MODERN)
    artifacts, warnings = run_extractor(WhatsAppExtractor, db[: len(db) // 2], PATH)
    assert warnings and all(w.kind == "warning" for w in warnings)


def test_deleted_message_is_recovered_from_free_space() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "msgstore.db"
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("PRAGMA secure_delete=OFF")
        conn.executescript(MODERN)
        conn.execute("DELETE FROM message WHERE _id = 3")
        live = conn.execute("SELECT count(*) FROM message WHERE chat_row_id != -1").fetchone()[0]
        conn.close()
        db = path.read_bytes()
    artifacts, warnings = run_extractor(WhatsAppExtractor, db, PATH)
    assert warnings == []
    assert len([a for a in artifacts if not a.data["recovered"]]) == live == 2
    gone = [a.data for a in artifacts if a.data["recovered"]]
    assert [(g["text"], g["from_me"], g["chat"], g["recovered"], g["phone"]["direction"]) for g in gone] == [
        ("Yes", True, "15551230001@s.whatsapp.net", "freelist", "sent")]
