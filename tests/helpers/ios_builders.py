"""Real iOS databases and property lists for the ios_* extractor tests, written by SQLite / plistlib.

The CREATE TABLE statements are those of the iOS apps (column names, types and order as iOS 15/16
writes them, trimmed of columns no extractor reads where a table has dozens; the columns the
public parsers such as iLEAPP query are all present). Times are Apple times (seconds or
nanoseconds since 2001-01-01 UTC) computed from the ISO times the tests expect.
"""

from __future__ import annotations

import datetime as dt
import plistlib
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

APPLE_EPOCH = dt.datetime(2001, 1, 1, tzinfo=dt.UTC)


def apple_seconds(iso: str) -> float:
    return (dt.datetime.fromisoformat(iso.replace("Z", "+00:00")) - APPLE_EPOCH).total_seconds()


def apple_nanos(iso: str) -> int:
    delta = dt.datetime.fromisoformat(iso.replace("Z", "+00:00")) - APPLE_EPOCH
    return (delta.days * 86400 + delta.seconds) * 1_000_000_000 + delta.microseconds * 1000


def build_db(script: str, *, wal_script: str | None = None,
             params: list[tuple[str, tuple[Any, ...]]] | None = None) -> tuple[bytes, bytes | None]:
    """Bytes of a database made by ``script`` (then the parametrised statements ``params``), with
    ``secure_delete`` off as on a phone. With ``wal_script``: the database in WAL mode and the bytes
    of its ``-wal`` holding that script's changes, not checkpointed (read while the connection is open)."""
    with tempfile.TemporaryDirectory(prefix="ft-ios-") as folder:
        path = Path(folder) / "db.sqlite"
        conn = sqlite3.connect(path, isolation_level=None)
        try:
            conn.execute("PRAGMA secure_delete=OFF")
            if wal_script is not None:
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA wal_autocheckpoint=0")
            conn.executescript(script)
            for sql, values in params or []:
                conn.execute(sql, values)
            if wal_script is None:
                conn.close()
                return path.read_bytes(), None
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.executescript(wal_script)
            return path.read_bytes(), (Path(folder) / "db.sqlite-wal").read_bytes()
        finally:
            conn.close()


# ------------------------------------------------------------------------------------------------ sms.db
SMS_SCHEMA = """
CREATE TABLE _SqliteDatabaseProperties (key TEXT, value TEXT, UNIQUE(key));
CREATE TABLE handle (ROWID INTEGER PRIMARY KEY AUTOINCREMENT UNIQUE, id TEXT NOT NULL, country TEXT,
  service TEXT NOT NULL, uncanonicalized_id TEXT, person_centric_id TEXT, UNIQUE (id, service));
CREATE TABLE chat (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, guid TEXT UNIQUE NOT NULL, style INTEGER,
  state INTEGER, account_id TEXT, properties BLOB, chat_identifier TEXT, service_name TEXT, room_name TEXT,
  account_login TEXT, is_archived INTEGER DEFAULT 0, last_addressed_handle TEXT, display_name TEXT,
  group_id TEXT, is_filtered INTEGER DEFAULT 0, successful_query INTEGER, engram_id TEXT,
  server_change_token TEXT, ck_sync_state INTEGER DEFAULT 0, original_group_id TEXT,
  last_read_message_timestamp INTEGER DEFAULT 0, cloudkit_record_id TEXT, last_addressed_sim_id TEXT,
  is_blackholed INTEGER DEFAULT 0, syndication_date INTEGER DEFAULT 0, syndication_type INTEGER DEFAULT 0);
CREATE TABLE message (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, guid TEXT UNIQUE NOT NULL, text TEXT,
  replace INTEGER DEFAULT 0, service_center TEXT, handle_id INTEGER DEFAULT 0, subject TEXT, country TEXT,
  attributedBody BLOB, version INTEGER DEFAULT 0, type INTEGER DEFAULT 0, service TEXT, account TEXT,
  account_guid TEXT, error INTEGER DEFAULT 0, date INTEGER, date_read INTEGER, date_delivered INTEGER,
  is_delivered INTEGER DEFAULT 0, is_finished INTEGER DEFAULT 0, is_emote INTEGER DEFAULT 0,
  is_from_me INTEGER DEFAULT 0, is_empty INTEGER DEFAULT 0, is_delayed INTEGER DEFAULT 0,
  is_auto_reply INTEGER DEFAULT 0, is_prepared INTEGER DEFAULT 0, is_read INTEGER DEFAULT 0,
  is_system_message INTEGER DEFAULT 0, is_sent INTEGER DEFAULT 0, has_dd_results INTEGER DEFAULT 0,
  is_service_message INTEGER DEFAULT 0, is_forward INTEGER DEFAULT 0, was_downgraded INTEGER DEFAULT 0,
  is_archive INTEGER DEFAULT 0, cache_has_attachments INTEGER DEFAULT 0, cache_roomnames TEXT,
  was_data_detected INTEGER DEFAULT 0, was_deduplicated INTEGER DEFAULT 0, is_audio_message INTEGER DEFAULT 0,
  is_played INTEGER DEFAULT 0, date_played INTEGER, item_type INTEGER DEFAULT 0, other_handle INTEGER DEFAULT 0,
  group_title TEXT, group_action_type INTEGER DEFAULT 0, share_status INTEGER DEFAULT 0,
  share_direction INTEGER DEFAULT 0, is_expirable INTEGER DEFAULT 0, expire_state INTEGER DEFAULT 0,
  message_action_type INTEGER DEFAULT 0, message_source INTEGER DEFAULT 0, associated_message_guid TEXT,
  associated_message_type INTEGER DEFAULT 0, balloon_bundle_id TEXT, payload_data BLOB,
  expressive_send_style_id TEXT, associated_message_range_location INTEGER DEFAULT 0,
  associated_message_range_length INTEGER DEFAULT 0, time_expressive_send_played INTEGER,
  message_summary_info BLOB, ck_sync_state INTEGER DEFAULT 0, ck_record_id TEXT,
  ck_record_change_tag TEXT, destination_caller_id TEXT, is_corrupt INTEGER DEFAULT 0, reply_to_guid TEXT,
  sort_id INTEGER, is_spam INTEGER DEFAULT 0, has_unseen_mention INTEGER DEFAULT 0, thread_originator_guid TEXT,
  thread_originator_part TEXT, syndication_ranges TEXT, synced_syndication_ranges TEXT,
  was_delivered_quietly INTEGER DEFAULT 0, did_notify_recipient INTEGER DEFAULT 0,
  date_retracted INTEGER DEFAULT 0, date_edited INTEGER DEFAULT 0, was_detonated INTEGER DEFAULT 0,
  part_count INTEGER, is_stewie INTEGER DEFAULT 0, is_kt_verified INTEGER DEFAULT 0);
CREATE TABLE attachment (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, guid TEXT UNIQUE NOT NULL,
  created_date INTEGER DEFAULT 0, start_date INTEGER DEFAULT 0, filename TEXT, uti TEXT, mime_type TEXT,
  transfer_state INTEGER DEFAULT 0, is_outgoing INTEGER DEFAULT 0, user_info BLOB, transfer_name TEXT,
  total_bytes INTEGER DEFAULT 0, is_sticker INTEGER DEFAULT 0, sticker_user_info BLOB,
  attribution_info BLOB, hide_attachment INTEGER DEFAULT 0, ck_sync_state INTEGER DEFAULT 0,
  ck_server_change_token_blob BLOB, ck_record_id TEXT, original_guid TEXT UNIQUE NOT NULL,
  is_commsafety_sensitive INTEGER DEFAULT 0);
CREATE TABLE chat_handle_join (chat_id INTEGER REFERENCES chat (ROWID) ON DELETE CASCADE,
  handle_id INTEGER REFERENCES handle (ROWID) ON DELETE CASCADE, UNIQUE(chat_id, handle_id));
CREATE TABLE chat_message_join (chat_id INTEGER REFERENCES chat (ROWID) ON DELETE CASCADE,
  message_id INTEGER REFERENCES message (ROWID) ON DELETE CASCADE, message_date INTEGER DEFAULT 0,
  PRIMARY KEY (chat_id, message_id));
CREATE TABLE message_attachment_join (message_id INTEGER REFERENCES message (ROWID) ON DELETE CASCADE,
  attachment_id INTEGER REFERENCES attachment (ROWID) ON DELETE CASCADE, UNIQUE(message_id, attachment_id));
CREATE INDEX message_idx_handle ON message(handle_id, date);
CREATE INDEX chat_message_join_idx_message_date_id_chat_id ON chat_message_join(chat_id, message_date, message_id);
"""

# (guid, text, handle, service, account, date, date_read, date_delivered, is_from_me, chat)
SMS_MESSAGES: list[tuple[str, str | None, int, str, str, str, str | None, str | None, int, int]] = [
    ("A1B2C3D4-0001", "Meet at the dock at 9", 1, "SMS", "p:+18685550199", "2023-04-01T10:20:30.123456Z",
     "2023-04-01T10:21:00Z", None, 0, 1),
    ("A1B2C3D4-0002", "OK, bring the papers", 1, "SMS", "p:+18685550199", "2023-04-01T10:22:00Z", None,
     "2023-04-01T10:22:03Z", 1, 1),
    ("A1B2C3D4-0003", "Photo attached", 2, "iMessage", "e:owner@icloud.com", "2023-04-02T08:00:00Z",
     "2023-04-02T08:05:00Z", "2023-04-02T08:00:01Z", 0, 2),
    ("A1B2C3D4-0004", "Delete this after reading", 2, "iMessage", "e:owner@icloud.com", "2023-04-02T08:10:00Z",
     None, None, 0, 2),
    ("A1B2C3D4-0005", None, 2, "iMessage", "e:owner@icloud.com", "2023-04-03T09:00:00Z", None,
     "2023-04-03T09:00:02Z", 1, 2),
]
SMS_ATTRIBUTED_TEXT = "Sent from iOS 16, text only in attributedBody"
DELETED_GUID = "A1B2C3D4-0004"


def attributed_body(text: str) -> bytes:
    """An NSAttributedString archived as Apple's typedstream, as iOS 16 writes ``attributedBody``."""
    raw = text.encode("utf-8")
    size = bytes([len(raw)]) if len(raw) < 0x80 else b"\x81" + len(raw).to_bytes(2, "little")
    return (b"\x04\x0bstreamtyped\x81\xe8\x03\x84\x01@\x84\x84\x84\x12NSAttributedString\x00\x84\x84\x08NSObject"
            b"\x00\x85\x92\x84\x84\x84\x08NSString\x01\x94\x84\x01+" + size + raw
            + b"\x86\x84\x02iI\x01" + bytes([len(text)]) + b"\x92\x84\x84\x84\x0cNSDictionary\x00\x94\x84\x01i\x01"
            b"\x92\x84\x96\x96\x1d__kIMMessagePartAttributeName\x86\x92\x84\x84\x84\x08NSNumber\x00\x84\x84\x07"
            b"NSValue\x00\x94\x84\x01*\x84\x99\x99\x00\x86\x86\x86")


def sms_db(*, unit: str = "ns", delete: str = "") -> tuple[bytes, bytes | None]:
    """sms.db with SMS_MESSAGES (times in ``unit`` "ns" or "s"); ``delete`` "wal": message 4 deleted in
    the uncheckpointed WAL; "file": deleted in the database (its cell left in free space)."""
    def t(iso: str | None) -> int | float:
        if iso is None:
            return 0
        return apple_nanos(iso) if unit == "ns" else int(apple_seconds(iso))

    params: list[tuple[str, tuple[Any, ...]]] = [
        ("INSERT INTO handle (id, country, service, uncanonicalized_id) VALUES (?,?,?,?)",
         ("+18685550100", "tt", "SMS", "8685550100")),
        ("INSERT INTO handle (id, country, service) VALUES (?,?,?)", ("friend@example.com", "us", "iMessage")),
        ("INSERT INTO chat (guid, style, state, chat_identifier, service_name, display_name) VALUES (?,?,?,?,?,?)",
         ("SMS;-;+18685550100", 45, 3, "+18685550100", "SMS", "")),
        ("INSERT INTO chat (guid, style, state, chat_identifier, service_name, display_name) VALUES (?,?,?,?,?,?)",
         ("iMessage;-;friend@example.com", 45, 3, "friend@example.com", "iMessage", "Harbour crew")),
        ("INSERT INTO chat_handle_join VALUES (1, 1)", ()),
        ("INSERT INTO chat_handle_join VALUES (2, 2)", ()),
        ("INSERT INTO attachment (guid, created_date, filename, uti, mime_type, transfer_name, total_bytes,"
         " original_guid) VALUES (?,?,?,?,?,?,?,?)",
         ("AT-1", t("2023-04-02T08:00:00Z"), "~/Library/SMS/Attachments/0a/10/AT-1/IMG_0042.HEIC",
          "public.heic", "image/heic", "IMG_0042.HEIC", 1843200, "AT-1")),
    ]
    messages = []
    for i, (guid, text, handle, service, account, date, read, delivered, mine, chat) in enumerate(SMS_MESSAGES, 1):
        body = attributed_body(text or SMS_ATTRIBUTED_TEXT)
        messages.append(("INSERT INTO message (guid, text, handle_id, attributedBody, service, account, date,"
                         " date_read, date_delivered, is_from_me, is_delivered, is_read, is_sent) VALUES"
                         " (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                         (guid, text, handle, body, service, account, t(date), t(read), t(delivered), mine,
                          1, 1 if read else 0, mine)))
        messages.append(("INSERT INTO chat_message_join VALUES (?,?,?)", (chat, i, t(date))))
    messages.append(("INSERT INTO message_attachment_join VALUES (3, 1)", ()))
    drop = "DELETE FROM chat_message_join WHERE message_id = 4; DELETE FROM message WHERE ROWID = 4;"
    if delete == "wal":
        # Everything after the schema goes to the WAL: the message's insert, then its delete.
        return build_db(SMS_SCHEMA, wal_script=_inline(params + messages) + drop)
    return build_db(SMS_SCHEMA + (_inline(params + messages) + drop if delete == "file" else ""),
                    params=[] if delete == "file" else params + messages)


def _inline(statements: list[tuple[str, tuple[Any, ...]]]) -> str:
    """Parametrised statements as one SQL script (values quoted by SQLite's own quote())."""
    conn = sqlite3.connect(":memory:")
    try:
        out = []
        for sql, values in statements:
            for v in values:
                quoted = conn.execute("SELECT quote(?)", (v,)).fetchone()[0]
                sql = sql.replace("?", str(quoted), 1)
            out.append(sql + ";")
        return "\n".join(out)
    finally:
        conn.close()
