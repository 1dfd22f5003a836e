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
    ("A1B2C3D4-0006", "See you all at 9", 0, "iMessage", "e:owner@icloud.com", "2023-04-03T20:00:00Z", None,
     "2023-04-03T20:00:01Z", 1, 3),
]
SMS_ATTRIBUTED_TEXT = "Sent from iOS 16, text only in attributedBody"
DELETED_GUID = "A1B2C3D4-0004"


def attributed_body(text: str) -> bytes:
    """An NSAttributedString archived as Apple's typedstream, as iOS 16 writes ``attributedBody``."""
    def number(n: int) -> bytes:  # typedstream integers: one byte, or 0x81 and 16 bits little-endian
        return bytes([n]) if n < 0x80 else b"\x81" + n.to_bytes(2, "little")

    raw = text.encode("utf-8")
    size = number(len(raw))
    return (b"\x04\x0bstreamtyped\x81\xe8\x03\x84\x01@\x84\x84\x84\x12NSAttributedString\x00\x84\x84\x08NSObject"
            b"\x00\x85\x92\x84\x84\x84\x08NSString\x01\x94\x84\x01+" + size + raw
            + b"\x86\x84\x02iI\x01" + number(len(text.encode("utf-16-le")) // 2) + b"\x92\x84\x84\x84\x0cNSDictionary\x00\x94\x84\x01i\x01"
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
         ("iMessage;-;friend@example.com", 45, 3, "friend@example.com", "iMessage", "")),
        # a group chat (style 43): a sent message has no handle, only the chat
        ("INSERT INTO chat (guid, style, state, chat_identifier, service_name, display_name, group_id)"
         " VALUES (?,?,?,?,?,?,?)", ("iMessage;+;chat884413457", 43, 3, "chat884413457", "iMessage", "Harbour crew",
                                     "5F3A2B1C-0000-4E4E-9F9F-0123456789AB")),
        ("INSERT INTO chat_handle_join VALUES (1, 1)", ()),
        ("INSERT INTO chat_handle_join VALUES (2, 2)", ()),
        ("INSERT INTO chat_handle_join VALUES (3, 1)", ()),
        ("INSERT INTO chat_handle_join VALUES (3, 2)", ()),
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


# ------------------------------------------------------------------------------------ CallHistory.storedata
CALLS_SCHEMA = """
CREATE TABLE Z_PRIMARYKEY (Z_ENT INTEGER PRIMARY KEY, Z_NAME VARCHAR, Z_SUPER INTEGER, Z_MAX INTEGER);
CREATE TABLE Z_METADATA (Z_VERSION INTEGER PRIMARY KEY, Z_UUID VARCHAR(255), Z_PLIST BLOB);
CREATE TABLE ZCALLDBPROPERTIES ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZKEY VARCHAR, ZVALUE BLOB );
CREATE TABLE ZCALLRECORD ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZANSWERED INTEGER,
  ZCALL_CATEGORY INTEGER, ZCALLTYPE INTEGER, ZDISCONNECTED_CAUSE INTEGER, ZFACE_TIME_DATA INTEGER,
  ZHANDLE_TYPE INTEGER, ZNUMBER_AVAILABILITY INTEGER, ZORIGINATED INTEGER, ZREAD INTEGER,
  ZJUNKCONFIDENCE INTEGER, ZVERIFICATIONSTATUS INTEGER, ZDATE TIMESTAMP, ZDURATION FLOAT, ZADDRESS BLOB,
  ZDEVICE_ID VARCHAR, ZISO_COUNTRY_CODE VARCHAR, ZLOCATION VARCHAR, ZNAME VARCHAR, ZSERVICE_PROVIDER VARCHAR,
  ZUNIQUE_ID VARCHAR, ZPARTICIPANTGROUPUUID VARCHAR );
CREATE INDEX ZCALLRECORD_ZDATE_INDEX ON ZCALLRECORD (ZDATE);
INSERT INTO Z_PRIMARYKEY VALUES (1, 'CallDBProperties', 0, 0), (2, 'CallRecord', 0, 4);
"""
# (answered, calltype, originated, date, duration, address, country, location, name, provider, unique id)
CALLS = [
    (1, 1, 0, "2023-04-01T09:15:00.250Z", 125.5, b"+18685550100", "tt", "Trinidad and Tobago", "Ray",
     "com.apple.Telephony", "C-1"),
    (0, 1, 0, "2023-04-01T11:00:00Z", 0.0, b"+18685550111", "tt", None, None, "com.apple.Telephony", "C-2"),
    (1, 8, 1, "2023-04-02T20:30:00Z", 610.0, b"friend@example.com", None, None, None, "com.apple.FaceTime", "C-3"),
    (1, 1, 1, "2023-04-03T07:45:10Z", 42.0, b"+18685550100", "tt", None, "Ray", "net.whatsapp.WhatsApp", "C-4"),
]


def calls_db(*, delete_last: bool = False) -> tuple[bytes, bytes | None]:
    params = [("INSERT INTO ZCALLRECORD (Z_ENT, Z_OPT, ZANSWERED, ZCALL_CATEGORY, ZCALLTYPE, ZDISCONNECTED_CAUSE,"
               " ZHANDLE_TYPE, ZNUMBER_AVAILABILITY, ZORIGINATED, ZREAD, ZDATE, ZDURATION, ZADDRESS, ZISO_COUNTRY_CODE,"
               " ZLOCATION, ZNAME, ZSERVICE_PROVIDER, ZUNIQUE_ID) VALUES (2, 1, ?, 1, ?, 0, 2, 0, ?, 1, ?, ?, ?, ?, ?, ?,"
               " ?, ?)", (a, t, o, apple_seconds(d), dur, addr, c, loc, n, p, u))
              for a, t, o, d, dur, addr, c, loc, n, p, u in CALLS]
    if delete_last:
        params.append(("DELETE FROM ZCALLRECORD WHERE Z_PK = ?", (len(CALLS),)))
    return build_db(CALLS_SCHEMA, params=params)


# ---------------------------------------------------------------------------------- AddressBook.sqlitedb
# ABPerson's guid column defaults to ab_generate_guid(), a function of the Contacts framework: the
# builder gives the guid itself (same column, no default).
CONTACTS_SCHEMA = """
CREATE TABLE _SqliteDatabaseProperties (key TEXT, value TEXT, UNIQUE(key));
CREATE TABLE ABPerson (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, First TEXT, Last TEXT, Middle TEXT,
  FirstPhonetic TEXT, MiddlePhonetic TEXT, LastPhonetic TEXT, Organization TEXT, Department TEXT, Note TEXT,
  Kind INTEGER, Birthday TEXT, JobTitle TEXT, Nickname TEXT, Prefix TEXT, Suffix TEXT, FirstSort TEXT,
  LastSort TEXT, CreationDate INTEGER, ModificationDate INTEGER, CompositeNameFallback TEXT,
  ExternalIdentifier TEXT, ExternalModificationTag TEXT, ExternalUUID TEXT, StoreID INTEGER, DisplayName TEXT,
  ExternalRepresentation BLOB, FirstSortSection TEXT, LastSortSection TEXT,
  FirstSortLanguageIndex INTEGER DEFAULT 2147483647, LastSortLanguageIndex INTEGER DEFAULT 2147483647,
  PersonLink INTEGER DEFAULT -1, ImageURI TEXT, IsPreferredName INTEGER DEFAULT 1, guid TEXT,
  PhonemeData TEXT, AlternateBirthday TEXT, MapsData TEXT, FirstPronunciation TEXT, MiddlePronunciation TEXT,
  LastPronunciation TEXT, OrganizationPhonetic TEXT, OrganizationPronunciation TEXT, PreviousFamilyName TEXT,
  PreferredLikenessSource TEXT, PreferredPersonaIdentifier TEXT, PreferredChannel TEXT, DowntimeWhitelist TEXT,
  ImageType TEXT, ImageHash BLOB, MemojiMetadata BLOB, Wallpaper BLOB, DisplayFlags INTEGER DEFAULT 0,
  SensitiveContentConfiguration BLOB);
CREATE TABLE ABMultiValue (UID INTEGER PRIMARY KEY, record_id INTEGER, property INTEGER, identifier INTEGER,
  label INTEGER, value TEXT, guid TEXT);
CREATE TABLE ABMultiValueLabel (value TEXT, UNIQUE(value));
CREATE TABLE ABMultiValueEntry (parent_id INTEGER, key INTEGER, value TEXT, UNIQUE(parent_id, key));
CREATE INDEX ABMultiValueRecordIDIndex ON ABMultiValue(record_id);
INSERT INTO ABMultiValueLabel VALUES ('_$!<Mobile>!$_'), ('_$!<Home>!$_'), ('_$!<Work>!$_');
"""
# (first, last, organization, note, created, modified, phones, emails)
CONTACTS = [
    ("Ray", "Mohammed", None, "Boat owner", "2022-01-10T12:00:00Z", "2023-03-30T18:00:00Z",
     ["+1 (868) 555-0100", "868-555-0101"], ["ray@example.com"]),
    (None, None, "Harbour Office", None, "2022-05-01T08:30:00Z", "2022-05-01T08:30:00Z", ["+18685550222"], []),
    ("Ann", "Lee", None, None, "2023-01-02T00:00:00Z", "2023-01-02T00:00:00Z", [], ["ann@example.org"]),
]


def contacts_db() -> tuple[bytes, bytes | None]:
    params: list[tuple[str, tuple[Any, ...]]] = []
    for i, (first, last, org, note, created, modified, phones, emails) in enumerate(CONTACTS, 1):
        params.append(("INSERT INTO ABPerson (First, Last, Organization, Note, Kind, CreationDate, ModificationDate,"
                       " StoreID, guid) VALUES (?,?,?,?,?,?,?,0,?)",
                       (first, last, org, note, 1 if org and not first else 0, int(apple_seconds(created)),
                        int(apple_seconds(modified)), f"PERSON-{i}")))
        for j, phone in enumerate(phones):
            params.append(("INSERT INTO ABMultiValue (record_id, property, identifier, label, value, guid)"
                           " VALUES (?, 3, ?, ?, ?, ?)", (i, j, 1 + j % 2, phone, f"MV-{i}-P{j}")))
        for j, email in enumerate(emails):
            params.append(("INSERT INTO ABMultiValue (record_id, property, identifier, label, value, guid)"
                           " VALUES (?, 4, ?, 3, ?, ?)", (i, j, email, f"MV-{i}-E{j}")))
    # a postal address (property 5) is not a number nor an e-mail
    params.append(("INSERT INTO ABMultiValue (record_id, property, identifier, label, value) VALUES (1, 5, 0, 2, NULL)",
                   ()))
    return build_db(CONTACTS_SCHEMA, params=params)


# ------------------------------------------------------------------------------------ ChatStorage.sqlite
WHATSAPP_SCHEMA = """
CREATE TABLE Z_PRIMARYKEY (Z_ENT INTEGER PRIMARY KEY, Z_NAME VARCHAR, Z_SUPER INTEGER, Z_MAX INTEGER);
CREATE TABLE ZWACHATSESSION ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZARCHIVED INTEGER,
  ZCONTACTABID INTEGER, ZFLAGS INTEGER, ZHIDDEN INTEGER, ZIDENTITYVERIFICATIONEPOCH INTEGER,
  ZIDENTITYVERIFICATIONSTATE INTEGER, ZMESSAGECOUNTER INTEGER, ZREMOVED INTEGER, ZSESSIONTYPE INTEGER,
  ZSPOTLIGHTSTATUS INTEGER, ZUNREADCOUNT INTEGER, ZGROUPINFO INTEGER, ZLASTMESSAGE INTEGER, ZPROPERTIES INTEGER,
  ZLASTMESSAGEDATE TIMESTAMP, ZLOCATIONSHARINGENDDATE TIMESTAMP, ZCONTACTIDENTIFIER VARCHAR, ZCONTACTJID VARCHAR,
  ZETAG VARCHAR, ZLASTMESSAGETEXT VARCHAR, ZPARTNERNAME VARCHAR, ZSAVEDINPUT VARCHAR );
CREATE TABLE ZWAGROUPMEMBER ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZCONTACTABID INTEGER,
  ZISACTIVE INTEGER, ZISADMIN INTEGER, ZSENDERKEYSENT INTEGER, ZCHATSESSION INTEGER, ZRECENTGROUPCHAT INTEGER,
  ZCONTACTIDENTIFIER VARCHAR, ZCONTACTNAME VARCHAR, ZFIRSTNAME VARCHAR, ZMEMBERJID VARCHAR );
CREATE TABLE ZWAMEDIAITEM ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZCLOUDSTATUS INTEGER,
  ZFILESIZE INTEGER, ZMEDIAORIGIN INTEGER, ZMOVIEDURATION INTEGER, ZMESSAGE INTEGER, ZASPECTRATIO FLOAT,
  ZHACCURACY FLOAT, ZLATITUDE FLOAT, ZLONGITUDE FLOAT, ZMEDIAURLDATE TIMESTAMP, ZAUTHORNAME VARCHAR,
  ZCOLLECTIONNAME VARCHAR, ZMEDIALOCALPATH VARCHAR, ZMEDIAURL VARCHAR, ZTHUMBNAILLOCALPATH VARCHAR,
  ZTITLE VARCHAR, ZVCARDNAME VARCHAR, ZVCARDSTRING VARCHAR, ZXMPPTHUMBPATH VARCHAR, ZMEDIAKEY BLOB,
  ZMETADATA BLOB );
CREATE TABLE ZWAMESSAGE ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER,
  ZCHILDMESSAGESDELIVEREDCOUNT INTEGER, ZCHILDMESSAGESPLAYEDCOUNT INTEGER, ZCHILDMESSAGESREADCOUNT INTEGER,
  ZDATAITEMVERSION INTEGER, ZDOCID INTEGER, ZENCRETRYCOUNT INTEGER, ZFILTEREDRECIPIENTCOUNT INTEGER,
  ZFLAGS INTEGER, ZGROUPEVENTTYPE INTEGER, ZISFROMME INTEGER, ZMESSAGEERRORSTATUS INTEGER,
  ZMESSAGESTATUS INTEGER, ZMESSAGETYPE INTEGER, ZSORT INTEGER, ZSPOTLIGHTSTATUS INTEGER, ZSTARRED INTEGER,
  ZCHATSESSION INTEGER, ZGROUPMEMBER INTEGER, ZLASTSESSION INTEGER, ZMEDIAITEM INTEGER, ZMESSAGEINFO INTEGER,
  ZPARENTMESSAGE INTEGER, ZMESSAGEDATE TIMESTAMP, ZSENTDATE TIMESTAMP, ZFROMJID VARCHAR,
  ZMEDIASECTIONID VARCHAR, ZPHASH VARCHAR, ZPUSHNAME VARCHAR, ZSTANZAID VARCHAR, ZTEXT VARCHAR,
  ZTOJID VARCHAR );
CREATE INDEX ZWAMESSAGE_ZCHATSESSION_INDEX ON ZWAMESSAGE (ZCHATSESSION);
INSERT INTO ZWACHATSESSION (Z_PK, Z_ENT, Z_OPT, ZSESSIONTYPE, ZCONTACTJID, ZPARTNERNAME, ZLASTMESSAGEDATE)
  VALUES (1, 3, 1, 0, '18685550100@s.whatsapp.net', 'Ray', 702000000),
         (2, 3, 1, 1, '18685550000-1600000000@g.us', 'Boat trip', 702000000);
INSERT INTO ZWAGROUPMEMBER (Z_PK, Z_ENT, Z_OPT, ZCHATSESSION, ZCONTACTNAME, ZMEMBERJID)
  VALUES (1, 5, 1, 2, 'Ann', '18685550333@s.whatsapp.net');
INSERT INTO ZWAMEDIAITEM (Z_PK, Z_ENT, Z_OPT, ZFILESIZE, ZMESSAGE, ZLATITUDE, ZLONGITUDE, ZMEDIALOCALPATH)
  VALUES (1, 7, 1, 0, 3, 10.6549, -61.5019, NULL),
         (2, 7, 1, 204800, 4, -180.0, -180.0, 'Media/18685550000-1600000000@g.us/a/b/photo.jpg');
"""
# (from me, message type, chat, group member, media, date, sent date, from jid, to jid, text, push name)
WHATSAPP = [
    (0, 0, 1, None, None, "2023-04-01T12:00:00Z", "2023-04-01T11:59:58Z", "18685550100@s.whatsapp.net", None,
     "Are you at the marina?", "Ray"),
    (1, 0, 1, None, None, "2023-04-01T12:01:30Z", "2023-04-01T12:01:30Z", None, "18685550100@s.whatsapp.net",
     "Yes, pier 3", None),
    (1, 5, 1, None, 1, "2023-04-01T12:02:00Z", "2023-04-01T12:02:00Z", None, "18685550100@s.whatsapp.net",
     None, None),
    (0, 1, 2, 1, 2, "2023-04-02T15:00:00Z", "2023-04-02T14:59:59Z", "18685550000-1600000000@g.us", None,
     "Look at this", "Ann"),
]


def whatsapp_db(*, delete_first: bool = False) -> tuple[bytes, bytes | None]:
    params: list[tuple[str, tuple[Any, ...]]] = [
        ("INSERT INTO ZWAMESSAGE (Z_ENT, Z_OPT, ZISFROMME, ZMESSAGESTATUS, ZMESSAGETYPE, ZCHATSESSION, ZGROUPMEMBER,"
         " ZMEDIAITEM, ZMESSAGEDATE, ZSENTDATE, ZFROMJID, ZTOJID, ZTEXT, ZPUSHNAME, ZSTANZAID)"
         " VALUES (9, 2, ?, 8, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
         (mine, kind, chat, member, media, apple_seconds(d), apple_seconds(s), f, t, body, push, f"3EB0{i:04d}"))
        for i, (mine, kind, chat, member, media, d, s, f, t, body, push) in enumerate(WHATSAPP, 1)]
    if delete_first:
        params.append(("DELETE FROM ZWAMESSAGE WHERE Z_PK = 1", ()))
    return build_db(WHATSAPP_SCHEMA, params=params)


# ------------------------------------------------------------------------------------------ Photos.sqlite
def photos_schema(table: str) -> str:
    return f"""
CREATE TABLE Z_PRIMARYKEY (Z_ENT INTEGER PRIMARY KEY, Z_NAME VARCHAR, Z_SUPER INTEGER, Z_MAX INTEGER);
CREATE TABLE {table} ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZAVALANCHEPICKTYPE INTEGER,
  ZBUNDLESCOPE INTEGER, ZCAMERAPROCESSINGADJUSTMENTSTATE INTEGER, ZCLOUDISMYASSET INTEGER,
  ZCLOUDLOCALSTATE INTEGER, ZCOMPLETE INTEGER, ZDEFERREDPROCESSING INTEGER, ZFAVORITE INTEGER, ZHASADJUSTMENTS INTEGER,
  ZHEIGHT INTEGER, ZHIDDEN INTEGER, ZKIND INTEGER, ZKINDSUBTYPE INTEGER, ZORIENTATION INTEGER,
  ZPLAYBACKSTYLE INTEGER, ZSAVEDASSETTYPE INTEGER, ZTRASHEDSTATE INTEGER, ZVISIBILITYSTATE INTEGER,
  ZWIDTH INTEGER, ZADDITIONALATTRIBUTES INTEGER, ZEXTENDEDATTRIBUTES INTEGER, ZMOMENT INTEGER,
  ZADDEDDATE TIMESTAMP, ZCURATIONSCORE FLOAT, ZDATECREATED TIMESTAMP, ZDURATION FLOAT, ZLASTSHAREDDATE TIMESTAMP,
  ZLATITUDE FLOAT, ZLONGITUDE FLOAT, ZMODIFICATIONDATE TIMESTAMP, ZSORTTOKEN FLOAT, ZTRASHEDDATE TIMESTAMP,
  ZCLOUDASSETGUID VARCHAR, ZDIRECTORY VARCHAR, ZFILENAME VARCHAR, ZORIGINALCOLORSPACE VARCHAR,
  ZUNIFORMTYPEIDENTIFIER VARCHAR, ZUUID VARCHAR, ZIMAGEREQUESTHINTS BLOB, ZLOCATIONDATA BLOB );
CREATE TABLE ZADDITIONALASSETATTRIBUTES ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER,
  ZALLOWEDFORANALYSIS INTEGER, ZCAMERACAPTUREDEVICE INTEGER, ZORIGINALFILESIZE INTEGER, ZORIGINALHEIGHT INTEGER,
  ZORIGINALORIENTATION INTEGER, ZORIGINALWIDTH INTEGER, ZTIMEZONEOFFSET INTEGER, ZASSET INTEGER,
  ZEXIFTIMESTAMPSTRING VARCHAR, ZORIGINALFILENAME VARCHAR, ZTIMEZONENAME VARCHAR, ZREVERSELOCATIONDATA BLOB );
CREATE INDEX Z_{table}_ZDATECREATED ON {table} (ZDATECREATED);
"""


# (kind, w, h, created, modified, trashed date, lat, lon, directory, filename, uuid, original name)
PHOTOS = [
    (0, 4032, 3024, "2023-04-01T10:05:00.5Z", "2023-04-01T10:05:01Z", None, 10.6549, -61.5019, "DCIM/100APPLE",
     "IMG_0042.HEIC", "UUID-0042", "IMG_0042.HEIC"),
    (1, 1920, 1080, "2023-04-02T16:00:00Z", "2023-04-02T16:00:02Z", None, -180.0, -180.0, "DCIM/100APPLE",
     "IMG_0043.MOV", "UUID-0043", "IMG_0043.MOV"),
    (0, 1170, 2532, "2023-04-03T08:00:00Z", "2023-04-04T09:00:00Z", "2023-04-04T09:00:00Z", 51.5007, -0.1246,
     "DCIM/100APPLE", "IMG_0044.PNG", "UUID-0044", "Screenshot.png"),
]


def photos_db(*, table: str = "ZASSET") -> tuple[bytes, bytes | None]:
    params: list[tuple[str, tuple[Any, ...]]] = []
    for i, (kind, w, h, created, modified, trashed, lat, lon, folder, name, uuid, original) in enumerate(PHOTOS, 1):
        params.append((f"INSERT INTO {table} (Z_ENT, Z_OPT, ZCOMPLETE, ZKIND, ZWIDTH, ZHEIGHT, ZTRASHEDSTATE,"  # noqa: S608
                       " ZADDITIONALATTRIBUTES, ZDATECREATED, ZMODIFICATIONDATE, ZTRASHEDDATE, ZLATITUDE, ZLONGITUDE,"
                       " ZDIRECTORY, ZFILENAME, ZUUID, ZADDEDDATE) VALUES (3, 4, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                       " ?, ?)", (kind, w, h, 1 if trashed else 0, i, apple_seconds(created), apple_seconds(modified),
                                  apple_seconds(trashed) if trashed else None, lat, lon, folder, name, uuid,
                                  apple_seconds(created))))
        params.append(("INSERT INTO ZADDITIONALASSETATTRIBUTES (Z_ENT, Z_OPT, ZASSET, ZORIGINALFILENAME,"
                       " ZTIMEZONENAME) VALUES (1, 1, ?, ?, 'GMT-0400')", (i, original)))
    return build_db(photos_schema(table), params=params)


# ----------------------------------------------------------------------------------------- BrowserState.db
TABS_SCHEMA = """
CREATE TABLE browser_windows (id INTEGER PRIMARY KEY AUTOINCREMENT, uuid TEXT UNIQUE NOT NULL,
  active_document_index INTEGER, active_document_index_private INTEGER, extra_data BLOB, is_last_session INTEGER);
CREATE TABLE tabs (id INTEGER PRIMARY KEY AUTOINCREMENT, uuid TEXT UNIQUE NOT NULL, title TEXT, url TEXT,
  user_visible_url TEXT, order_index INTEGER NOT NULL DEFAULT 0, last_viewed_time REAL NOT NULL DEFAULT 0,
  opened_from_link BOOLEAN NOT NULL DEFAULT 0, showing_reader BOOLEAN NOT NULL DEFAULT 0,
  reader_view_top_scroll_offset INTEGER NOT NULL DEFAULT 0, browser_window_uuid TEXT, browser_window_id INTEGER,
  private_browsing BOOLEAN NOT NULL DEFAULT 0, displaying_standalone_image BOOLEAN NOT NULL DEFAULT 0,
  ancestor_tab_uuids TEXT, is_blank BOOLEAN NOT NULL DEFAULT 0, wbsttab_uuid TEXT, last_visit_time REAL,
  FOREIGN KEY(browser_window_id) REFERENCES browser_windows(id) ON DELETE CASCADE);
CREATE TABLE tab_sessions (id INTEGER PRIMARY KEY AUTOINCREMENT, tab_uuid TEXT UNIQUE NOT NULL,
  session_data BLOB);
INSERT INTO browser_windows (uuid, active_document_index) VALUES ('WIN-1', 0);
"""
TABS = [
    ("TAB-1", "Marine forecast", "https://www.example.com/forecast?port=pos", "2023-04-01T06:30:00.75Z", 0),
    ("TAB-2", "Cheap flights", "https://flights.example.net/search", "2023-04-02T22:10:00Z", 1),
]


def tabs_db() -> tuple[bytes, bytes | None]:
    params = [("INSERT INTO tabs (uuid, title, url, user_visible_url, order_index, last_viewed_time,"
               " browser_window_uuid, browser_window_id, private_browsing) VALUES (?,?,?,?,?,?,'WIN-1',1,?)",
               (u, title, url, url, i, apple_seconds(seen), private))
              for i, (u, title, url, seen, private) in enumerate(TABS)]
    return build_db(TABS_SCHEMA, params=params)


# -------------------------------------------------------------------------------------------- knowledgeC.db
KNOWLEDGEC_SCHEMA = """
CREATE TABLE ZSOURCE ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZUSERID INTEGER,
  ZBUNDLEID VARCHAR, ZDEVICEID VARCHAR, ZGROUPID VARCHAR, ZITEMID VARCHAR, ZSOURCEID VARCHAR );
CREATE TABLE ZOBJECT ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZUUIDHASH INTEGER, ZEVENT INTEGER,
  ZSOURCE INTEGER, ZCATEGORYTYPE INTEGER, ZINTEGERVALUE INTEGER, ZENDDAYOFWEEK INTEGER, ZENDSECONDOFDAY INTEGER,
  ZHASCUSTOMMETADATA INTEGER, ZHASSTRUCTUREDMETADATA INTEGER, ZSECONDSFROMGMT INTEGER, ZSHOULDSYNC INTEGER,
  ZSTARTDAYOFWEEK INTEGER, ZSTARTSECONDOFDAY INTEGER, ZVALUECLASS INTEGER, ZVALUEINTEGER INTEGER,
  ZVALUETYPECODE INTEGER, ZIDENTIFIERTYPE INTEGER, ZSTRUCTUREDMETADATA INTEGER, ZCREATIONDATE TIMESTAMP,
  ZLOCALCREATIONDATE TIMESTAMP, ZSTARTDATE TIMESTAMP, ZENDDATE TIMESTAMP, ZCONFIDENCE FLOAT, ZVALUEDOUBLE FLOAT,
  ZUUID VARCHAR, ZSTREAMNAME VARCHAR, ZVALUESTRING VARCHAR, ZMETADATA BLOB );
CREATE INDEX ZOBJECT_ZSTREAMNAME_ZSTARTDATE ON ZOBJECT (ZSTREAMNAME, ZSTARTDATE);
"""
# (stream, value, start, end, seconds from GMT)
KNOWLEDGE = [
    ("/app/inFocus", "com.apple.MobileSMS", "2023-04-01T10:20:00Z", "2023-04-01T10:23:30Z", -14400),
    ("/app/inFocus", "net.whatsapp.WhatsApp", "2023-04-01T12:00:00.5Z", "2023-04-01T12:02:10Z", -14400),
    ("/device/isLocked", None, "2023-04-01T12:03:00Z", "2023-04-01T12:30:00Z", -14400),
    ("/app/usage", "com.apple.mobilesafari", "2023-04-02T22:09:00Z", "2023-04-02T22:15:00Z", -14400),
]


def knowledgec_db(*, delete_first: bool = False) -> tuple[bytes, bytes | None]:
    params = [("INSERT INTO ZOBJECT (Z_ENT, Z_OPT, ZSECONDSFROMGMT, ZSTARTDATE, ZENDDATE, ZCREATIONDATE, ZSTREAMNAME,"
               " ZVALUESTRING, ZUUID, ZVALUEINTEGER) VALUES (11, 1, ?, ?, ?, ?, ?, ?, ?, ?)",
               (gmt, apple_seconds(start), apple_seconds(end), apple_seconds(end) + 1, stream, value, f"K-{i}",
                1 if value is None else None))
              for i, (stream, value, start, end, gmt) in enumerate(KNOWLEDGE, 1)]
    if delete_first:
        params.append(("DELETE FROM ZOBJECT WHERE Z_PK = 1", ()))
    return build_db(KNOWLEDGEC_SCHEMA, params=params)


# --------------------------------------------------------------------------------- applicationState.db
APPSTATE_SCHEMA = """
CREATE TABLE application_identifier_tab (id INTEGER PRIMARY KEY, application_identifier TEXT UNIQUE NOT NULL);
CREATE TABLE key_tab (id INTEGER PRIMARY KEY, key TEXT UNIQUE NOT NULL);
CREATE TABLE kvs (id INTEGER PRIMARY KEY, application_identifier INTEGER REFERENCES application_identifier_tab(id),
  key INTEGER REFERENCES key_tab(id), value BLOB, UNIQUE(application_identifier, key));
CREATE TABLE kvs_debug (id INTEGER PRIMARY KEY, application_identifier TEXT, key TEXT, value BLOB);
CREATE TABLE schema (version INTEGER);
INSERT INTO schema VALUES (4);
INSERT INTO key_tab (key) VALUES ('compatibilityInfo'), ('XBApplicationSnapshotManifest'),
  ('SBApplicationShortcutSystemItems');
"""
APPS = [
    ("com.apple.mobilesafari", "/Applications/MobileSafari.app", None),
    ("net.whatsapp.WhatsApp", "/private/var/containers/Bundle/Application/5E0A1F1C-AAAA-4B4B-8C8C-0123456789AB/"
     "WhatsApp.app", "/private/var/mobile/Containers/Data/Application/9D9D9D9D-BBBB-4C4C-8D8D-0123456789AB"),
]


def compatibility_info(bundle_id: str, bundle: str, sandbox: str | None) -> bytes:
    """An LSApplicationProxy archived by NSKeyedArchiver (binary plist), as FrontBoard stores it."""
    objects: list[Any] = ["$null", {"$class": plistlib.UID(5), "bundleIdentifier": plistlib.UID(2),
                                    "bundlePath": plistlib.UID(3), "sandboxPath": plistlib.UID(4 if sandbox else 0)},
                          bundle_id, bundle, sandbox or "$null",
                          {"$classname": "LSApplicationProxy", "$classes": ["LSApplicationProxy", "NSObject"]}]
    return plistlib.dumps({"$version": 100000, "$archiver": "NSKeyedArchiver", "$top": {"root": plistlib.UID(1)},
                           "$objects": objects}, fmt=plistlib.FMT_BINARY)


def appstate_db() -> tuple[bytes, bytes | None]:
    params: list[tuple[str, tuple[Any, ...]]] = []
    for i, (bundle_id, bundle, sandbox) in enumerate(APPS, 1):
        params.append(("INSERT INTO application_identifier_tab (application_identifier) VALUES (?)", (bundle_id,)))
        params.append(("INSERT INTO kvs (application_identifier, key, value) VALUES (?, 1, ?)",
                       (i, compatibility_info(bundle_id, bundle, sandbox))))
        params.append(("INSERT INTO kvs (application_identifier, key, value) VALUES (?, 2, ?)",
                       (i, plistlib.dumps({"snapshots": []}, fmt=plistlib.FMT_BINARY))))
    return build_db(APPSTATE_SCHEMA, params=params)


# ------------------------------------------------------------------------------------ backup property lists
def itunes_metadata(name: str, version: str) -> bytes:
    return plistlib.dumps({"itemName": name, "bundleShortVersionString": version, "bundleVersion": "1",
                           "artistName": "Example Inc.", "softwareVersionBundleId": name.lower()},
                          fmt=plistlib.FMT_BINARY)


def backup_info_plist() -> bytes:
    """A backup's Info.plist (XML, as iTunes and Finder write it)."""
    return plistlib.dumps({
        "Build Version": "20E252", "Device Name": "Ray's iPhone", "Display Name": "Ray's iPhone",
        "Product Type": "iPhone14,5", "Product Version": "16.4.1", "Serial Number": "F2LXXXXXXXX",
        "Unique Identifier": "00008110-000A1B2C3D4E801E", "Last Backup Date": dt.datetime(2023, 4, 5, 12, 0),
        "Installed Applications": ["net.whatsapp.WhatsApp", "com.example.notes"],
        "Applications": {"net.whatsapp.WhatsApp": {"iTunesMetadata": itunes_metadata("WhatsApp Messenger", "23.7.0"),
                                                   "PlaceholderIcon": b"\x89PNG"},
                         "com.example.notes": {"iTunesMetadata": itunes_metadata("Notes Pro", "2.1")}},
        "iTunes Version": "12.12.4.1"})


def backup_manifest_plist() -> bytes:
    """A backup's Manifest.plist (binary)."""
    return plistlib.dumps({
        "Version": "10.0", "IsEncrypted": False, "Date": dt.datetime(2023, 4, 5, 12, 0),
        "Applications": {"net.whatsapp.WhatsApp": {"CFBundleIdentifier": "net.whatsapp.WhatsApp",
                                                   "CFBundleVersion": "23.7.0.75",
                                                   "ContainerContentClass": "Data/Application",
                                                   "Path": "/var/containers/Bundle/Application/5E0A/WhatsApp.app"},
                         "com.example.maps": {"CFBundleIdentifier": "com.example.maps", "CFBundleVersion": "5",
                                              "ContainerContentClass": "Data/Application",
                                              "Path": "/var/containers/Bundle/Application/77AB/Maps.app"}},
        "Lockdown": {"DeviceName": "Ray's iPhone", "ProductVersion": "16.4.1"}}, fmt=plistlib.FMT_BINARY)


# ----------------------------------------------------------------------------------------- Wi-Fi plists
def wifi_legacy_plist() -> bytes:
    """com.apple.wifi.plist of iOS 13 and earlier (binary)."""
    return plistlib.dumps({"List of known networks": [
        {"SSID_STR": "MarinaGuest", "SSID": b"MarinaGuest", "BSSID": "a4:2b:b0:11:22:33", "SecurityMode": "WPA2 Personal",
         "HIDDEN_NETWORK": False, "lastJoined": dt.datetime(2023, 4, 1, 9, 0, 5),
         "lastAutoJoined": dt.datetime(2023, 4, 2, 7, 30), "addedAt": dt.datetime(2022, 12, 24, 18, 0)},
        {"SSID_STR": "HomeNet", "SSID": b"HomeNet", "BSSID": "f0:9f:c2:aa:bb:cc", "SecurityMode": "WPA2 Personal",
         "HIDDEN_NETWORK": True, "lastAutoJoined": dt.datetime(2023, 4, 3, 22, 0)},
    ], "Version": 14, "AllowEnable": 1}, fmt=plistlib.FMT_BINARY)


def wifi_known_networks_plist() -> bytes:
    """com.apple.wifi.known-networks.plist of iOS 14 and later (binary)."""
    return plistlib.dumps({
        "wifi.network.ssid.MarinaGuest": {
            "SSID": b"MarinaGuest", "AddedAt": dt.datetime(2022, 12, 24, 18, 0), "Hidden": False,
            "JoinedByUserAt": dt.datetime(2023, 4, 1, 9, 0, 5), "JoinedBySystemAt": dt.datetime(2023, 4, 2, 7, 30),
            "UpdatedAt": dt.datetime(2023, 4, 2, 7, 30), "SupportedSecurityTypes": 16,
            "BSSList": [{"BSSID": "a4:2b:b0:11:22:33", "Channel": 6,
                         "LastAssociatedAt": dt.datetime(2023, 4, 2, 7, 30)},
                        {"BSSID": "a4:2b:b0:11:22:34", "Channel": 36}],
            "__OSSpecific__": {"networkUsage": 12.5, "CaptiveProfile": {}}},
        "wifi.network.ssid.HomeNet": {
            "SSID": b"HomeNet", "AddedAt": dt.datetime(2021, 6, 1, 12, 0), "Hidden": True,
            "JoinedBySystemAt": dt.datetime(2023, 4, 3, 22, 0), "SupportedSecurityTypes": 8,
            "__OSSpecific__": {"BSSID": "f0:9f:c2:aa:bb:cc"}},
    }, fmt=plistlib.FMT_BINARY)


def query(db: bytes, sql: str, wal: bytes | None = None) -> list[tuple[Any, ...]]:
    """Rows of ``sql`` on a copy of ``db`` (with its ``-wal`` when given): what SQLite itself reads,
    the reference the extractors are compared with."""
    with tempfile.TemporaryDirectory(prefix="ft-ios-q-") as folder:
        path = Path(folder) / "copy.db"
        path.write_bytes(db if wal is not None else db[:18] + b"\x01\x01" + db[20:])  # no WAL: rollback mode
        if wal is not None:
            (Path(folder) / "copy.db-wal").write_bytes(wal)
        conn = sqlite3.connect(path)
        try:
            return conn.execute(sql).fetchall()
        finally:
            conn.close()


def padded(db_script: str, table_sql: str) -> bytes:
    """A database of ``db_script`` grown past a few pages by ``table_sql`` (for damage tests)."""
    return build_db(db_script + table_sql)[0]


def backup_files() -> list[tuple[str, str, bytes]]:
    """The databases of a small iPhone as an iTunes/Finder backup holds them: (domain, relativePath, bytes)."""
    return [("HomeDomain", "Library/SMS/sms.db", sms_db()[0]),
            ("HomeDomain", "Library/CallHistoryDB/CallHistory.storedata", calls_db()[0]),
            ("HomeDomain", "Library/AddressBook/AddressBook.sqlitedb", contacts_db()[0]),
            ("CameraRollDomain", "Media/PhotoData/Photos.sqlite", photos_db()[0]),
            ("AppDomain-com.apple.mobilesafari", "Library/Safari/BrowserState.db", tabs_db()[0]),
            ("AppDomainGroup-group.net.whatsapp.WhatsApp.shared", "ChatStorage.sqlite", whatsapp_db()[0]),
            ("SystemPreferencesDomain", "SystemConfiguration/com.apple.wifi.plist", wifi_legacy_plist())]
