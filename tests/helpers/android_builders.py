"""Android artifacts as the apps write them, for the android.* extractor tests.

Databases are written by the real SQLite library (Python's sqlite3) with the apps' own
``CREATE TABLE`` statements (AOSP providers, AccountsDb, WhatsApp, Telegram's MessagesStorage,
Google Maps); deleted rows are left the way a phone leaves them (``secure_delete`` off, no
VACUUM), or only in the write-ahead log. ``abx`` writes Android Binary XML following
``BinaryXmlSerializer`` (token = event | type << 4, interned names, big-endian values).
Telegram message objects are TL-serialized (little-endian, TL strings padded to 4 bytes).
"""

from __future__ import annotations

import sqlite3
import struct
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from pathlib import Path

# ----------------------------------------------------------------------------- databases

CALLLOG_SCHEMA = """
CREATE TABLE calls (_id INTEGER PRIMARY KEY AUTOINCREMENT, number TEXT, presentation INTEGER NOT NULL DEFAULT 1,
  post_dial_digits TEXT NOT NULL DEFAULT '', via_number TEXT NOT NULL DEFAULT '', date INTEGER,
  duration INTEGER, data_usage INTEGER, type INTEGER, features INTEGER NOT NULL DEFAULT 0,
  subscription_component_name TEXT, subscription_id TEXT, phone_account_address TEXT,
  phone_account_hidden INTEGER NOT NULL DEFAULT 0, sub_id INTEGER DEFAULT -1, new INTEGER, name TEXT,
  numbertype INTEGER, numberlabel TEXT, countryiso TEXT, voicemail_uri TEXT, is_read INTEGER,
  geocoded_location TEXT, lookup_uri TEXT, matched_number TEXT, normalized_number TEXT, photo_id INTEGER
  NOT NULL DEFAULT 0, photo_uri TEXT, formatted_number TEXT, last_modified INTEGER DEFAULT 0);
CREATE TABLE voicemail_status (_id INTEGER PRIMARY KEY AUTOINCREMENT, source_package TEXT NOT NULL,
  phone_account_component_name TEXT, phone_account_id TEXT, settings_uri TEXT, voicemail_access_uri TEXT,
  configuration_state INTEGER, data_channel_state INTEGER, notification_channel_state INTEGER);
"""
CALLS = [  # number, date (ms UTC), duration, type, name
    ("+15551230001", 1680344430000, 75, 1, "Victor"),
    ("+15551230002", 1680344500000, 0, 3, None),
    ("+15551230003", 1680344600000, 12, 2, None),
    ("+15551230004", 1680344700000, 300, 2, "Dock office"),
]

MMSSMS_SMS = """
CREATE TABLE sms (_id INTEGER PRIMARY KEY, thread_id INTEGER, address TEXT, person INTEGER, date INTEGER,
  date_sent INTEGER DEFAULT 0, protocol INTEGER, read INTEGER DEFAULT 0, status INTEGER DEFAULT -1,
  type INTEGER, reply_path_present INTEGER, subject TEXT, body TEXT, service_center TEXT,
  locked INTEGER DEFAULT 0, sub_id INTEGER DEFAULT -1, error_code INTEGER DEFAULT 0, creator TEXT,
  seen INTEGER DEFAULT 0);
"""
SMS = [  # thread, address, date (ms), type, body
    (1, "+15551230001", 1680344430123, 1, "Meet at the dock at 9"),
    (1, "+15551230001", 1680344500000, 2, "OK, bring the papers"),
    (2, "+15551230009", 1680350000000, 1, "Delete this after reading"),
]

ACCOUNTS_CE = """
CREATE TABLE accounts (_id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, type TEXT NOT NULL,
  password TEXT, UNIQUE(name,type));
CREATE TABLE authtokens (_id INTEGER PRIMARY KEY AUTOINCREMENT, accounts_id INTEGER NOT NULL, type TEXT NOT NULL,
  authtoken TEXT, UNIQUE (accounts_id,type));
CREATE TABLE extras (_id INTEGER PRIMARY KEY AUTOINCREMENT, accounts_id INTEGER, key TEXT NOT NULL, value TEXT,
  UNIQUE(accounts_id,key));
"""
ACCOUNTS_DE = """
CREATE TABLE accounts (_id INTEGER PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL, previous_name TEXT,
  last_password_entry_time_millis_epoch INTEGER DEFAULT 0, UNIQUE(name,type));
CREATE TABLE grants (accounts_id INTEGER NOT NULL, auth_token_type STRING NOT NULL, uid INTEGER NOT NULL,
  UNIQUE (accounts_id,auth_token_type,uid));
CREATE TABLE visibility (accounts_id INTEGER NOT NULL, _package TEXT NOT NULL, value INTEGER,
  PRIMARY KEY(accounts_id,_package));
CREATE TABLE shared_accounts (_id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, type TEXT NOT NULL,
  UNIQUE(name,type));
CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT);
"""
ACCOUNTS = [  # name, type
    ("alice.harbour@gmail.com", "com.google"),
    ("+15551230000", "com.whatsapp"),
    ("alice_h", "org.telegram.messenger"),
]

# Telegram's MessagesStorage (cache4.db), the tables read here as recent versions create them.
TELEGRAM_SCHEMA = """
CREATE TABLE users(uid INTEGER PRIMARY KEY, name TEXT, status INTEGER, data BLOB);
CREATE TABLE chats(uid INTEGER PRIMARY KEY, name TEXT, data BLOB);
CREATE TABLE dialogs(did INTEGER PRIMARY KEY, date INTEGER, unread_count INTEGER, last_mid INTEGER,
  inbox_max INTEGER, outbox_max INTEGER, last_mid_i INTEGER, unread_count_i INTEGER, pts INTEGER,
  date_i INTEGER, pinned INTEGER, flags INTEGER, folder_id INTEGER, data BLOB, unread_reactions INTEGER,
  last_mid_group INTEGER, ttl_period INTEGER);
CREATE TABLE messages_v2(mid INTEGER, uid INTEGER, read_state INTEGER, send_state INTEGER, date INTEGER,
  data BLOB, out INTEGER, ttl INTEGER, media INTEGER, replydata BLOB, imp INTEGER, mention INTEGER,
  forwards INTEGER, replies_data BLOB, thread_reply_id INTEGER, is_channel INTEGER, reply_to_message_id INTEGER,
  custom_params BLOB, group_id INTEGER, reply_to_story_id INTEGER, PRIMARY KEY(mid, uid));
CREATE INDEX uid_mid_read_out_idx_messages_v2 ON messages_v2(uid, mid, read_state, out);
"""

MAPS_DESTINATIONS = """
CREATE TABLE destination_history (time INTEGER, dest_lat INTEGER, dest_lng INTEGER, dest_title TEXT,
  dest_address TEXT, dest_token TEXT, source_lat INTEGER, source_lng INTEGER, day INTEGER,
  PRIMARY KEY (dest_lat, dest_lng, dest_title));
"""
DESTINATIONS = [  # time (ms), dest_lat/lng (1e-6 degrees), title, address, token, source_lat/lng, day
    (1680344000000, 40712776, -74005974, "Pier 40", "353 West St, New York, NY", None, 40758896, -73985130, 19448),
]
MAPS_MYPLACES = """
CREATE TABLE sync_item (corpus INTEGER NOT NULL, key_string TEXT NOT NULL, timestamp INTEGER, merge_key INTEGER,
  feature_fprint TEXT, latitude_e6 INTEGER, longitude_e6 INTEGER, sync_item BLOB, PRIMARY KEY (corpus, key_string));
CREATE TABLE sync_deleted_item (corpus INTEGER NOT NULL, key_string TEXT NOT NULL, timestamp INTEGER,
  PRIMARY KEY (corpus, key_string));
"""
MAPS_SEARCHES = """
CREATE TABLE suggestions (_id INTEGER PRIMARY KEY, display1 TEXT UNIQUE ON CONFLICT REPLACE, query TEXT,
  date LONG);
"""


def write_db(script: str, *, delete: str | None = None, wal_script: str | None = None,
             params: Mapping[str, list[tuple[object, ...]]] | None = None) -> tuple[bytes, bytes | None]:
    """Bytes of a database made by ``script`` (plus ``params``: table -> rows for ``INSERT INTO table
    VALUES``); ``delete`` runs afterwards with secure_delete off (rows left in free space); with
    ``wal_script``, also the bytes of the ``-wal`` file holding that script's changes (not checkpointed)."""
    with tempfile.TemporaryDirectory(prefix="ft-android-") as folder:
        path = Path(folder) / "db.sqlite"
        conn = sqlite3.connect(path, isolation_level=None)
        try:
            conn.execute("PRAGMA secure_delete=OFF")
            if wal_script is not None:
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA wal_autocheckpoint=0")
            conn.executescript(script)
            for table, rows in (params or {}).items():
                marks = ", ".join("?" * len(rows[0]))
                conn.execute("BEGIN")
                conn.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)  # noqa: S608 - test tables
                conn.execute("COMMIT")
            if delete:
                conn.executescript(delete)
            if wal_script is None:
                conn.close()
                return path.read_bytes(), None
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.executescript(wal_script)
            return path.read_bytes(), (Path(folder) / "db.sqlite-wal").read_bytes()
        finally:
            conn.close()


def count(data: bytes, sql: str) -> int:
    """``sql`` (a COUNT) run by SQLite on a database given as bytes."""
    conn = sqlite3.connect(":memory:")
    try:
        conn.deserialize(data)
        return int(conn.execute(sql).fetchone()[0])
    finally:
        conn.close()


def calllog_db(*, deleted_number: str | None = None) -> bytes:
    rows = [(None, n, 1, "", "", d, dur, None, t, 0, None, "8901260000000000001", None, 0, 1, 0, name, None, None,
             "US", None, 1, None, None, None, None, 0, None, None, 0) for n, d, dur, t, name in CALLS]
    delete = f"DELETE FROM calls WHERE number = '{deleted_number}';" if deleted_number else None
    return write_db(CALLLOG_SCHEMA, params={"calls": rows}, delete=delete)[0]


def mmssms_db(*, wal_delete_id: int | None = None) -> tuple[bytes, bytes | None]:
    """mmssms.db with SMS; with ``wal_delete_id`` that message is deleted in the (uncheckpointed) WAL."""
    rows = [(i, th, a, None, d, 0, 0, 1, -1, t, 0, None, b, None, 0, 1, 0, "com.google.android.apps.messaging", 1)
            for i, (th, a, d, t, b) in enumerate(SMS, start=1)]
    wal = f"DELETE FROM sms WHERE _id = {wal_delete_id};" if wal_delete_id else None
    return write_db(MMSSMS_SMS, params={"sms": rows}, wal_script=wal)


def accounts_ce_db(*, deleted: str | None = None) -> bytes:
    rows = [(None, n, t, "ya29.token" if t == "com.google" else None) for n, t in ACCOUNTS]
    delete = f"DELETE FROM accounts WHERE name = '{deleted}';" if deleted else None
    return write_db(ACCOUNTS_CE, params={"accounts": rows}, delete=delete)[0]


def accounts_de_db() -> bytes:
    rows = [(i, n, t, None, 1680000000000 + i * 1000 if t == "com.google" else 0)
            for i, (n, t) in enumerate(ACCOUNTS, start=1)]
    return write_db(ACCOUNTS_DE, params={"accounts": rows})[0]


# ----------------------------------------------------------------------------- Telegram TL objects

PEER_USER = 0x59511722
TL_MESSAGE = 0x94345242  # message#94345242 (flags, flags2, id ...), the decoder checks the layout, not this id


def tl_string(value: str) -> bytes:
    raw = value.encode("utf-8")
    head = bytes([len(raw)]) if len(raw) < 254 else b"\xfe" + len(raw).to_bytes(3, "little")
    body = head + raw
    return body + b"\x00" * (-len(body) % 4)


def tl_message(mid: int, date: int, text: str, *, peer: int, sender: int | None = None, out: bool = False,
               reply_to: int | None = None) -> bytes:
    """A TL ``message`` as Telegram serializes it (flags2 present: layer 160+)."""
    flags = (1 << 1 if out else 0) | (1 << 8 if sender is not None else 0) | (1 << 3 if reply_to else 0)
    blob = struct.pack("<Iiii", TL_MESSAGE, flags, 0, mid)
    if sender is not None:
        blob += struct.pack("<Iq", PEER_USER, sender)
    blob += struct.pack("<Iq", PEER_USER, peer)
    if reply_to:
        blob += struct.pack("<Iii", 0xAFBC09DB, 0, reply_to)  # messageReplyHeader with reply_to_msg_id
    blob += struct.pack("<i", date) + tl_string(text)
    return blob + struct.pack("<I", 0x3DED6320)  # messageMediaEmpty


TL_USER = 0x215C4438  # user#215c4438 (flags, flags2, id:long ...); the decoder checks the id, not this


def tl_user(uid: int, first: str, last: str | None, username: str | None, phone: str | None) -> bytes:
    """A TL ``user`` (layer 160+: flags2 present) with access_hash, names, user name and phone."""
    flags = 1 | 1 << 1 | (1 << 2 if last else 0) | (1 << 3 if username else 0) | (1 << 4 if phone else 0)
    blob = struct.pack("<IiiqQ", TL_USER, flags, 0, uid, 0x1122334455667788)
    for value in (first, last, username, phone):
        if value:
            blob += tl_string(value)
    return blob + struct.pack("<II", 0x4F11BAE1, 0x09D05049)  # userProfilePhotoEmpty, userStatusEmpty


def telegram_db(*, wal_deleted_mid: int | None = None) -> tuple[bytes, bytes | None]:
    users = [(777000, "telegram", 0, tl_user(777000, "Telegram", None, None, "42777")),
             (5550101, "victor vance;;;vvance", 1680344000, tl_user(5550101, "Victor", "Vance", "vvance", "15551230101")),
             (5550102, "dock office", 0, b"\x00\x01broken")]
    dialogs = [(5550101, 1680344600, 1, 3, 3, 2, 0, 0, 10, 0, 1, 0, 0, None, 0, 0, 0),
               (5550102, 1680345000, 1, 4, 3, 0, 0, 0, 11, 0, 0, 0, 0, None, 0, 0, 0)]
    msgs = [
        (1, 5550101, 1, 0, 1680344430, tl_message(1, 1680344430, "Meet at the dock at 9", peer=5550101,
                                                  sender=5550101), 0),
        (2, 5550101, 1, 0, 1680344500, tl_message(2, 1680344500, "OK \u2014 bring the papers \U0001f4c4",
                                                  peer=5550101, out=True), 1),
        (3, 5550101, 1, 0, 1680344600, tl_message(3, 1680344600, "which dock?", peer=5550101, sender=5550101,
                                                  reply_to=2), 0),
        (4, 5550102, 0, 0, 1680345000, tl_message(4, 1680345000, "Container 7 is open", peer=5550102,
                                                  sender=5550102), 0),
    ]
    rows = [(m, u, r, s, d, data, o, 0, 0, None, 0, 0, 0, None, 0, 0, 0, None, 0, 0)
            for m, u, r, s, d, data, o in msgs]
    wal = f"DELETE FROM messages_v2 WHERE mid = {wal_deleted_mid};" if wal_deleted_mid else None
    return write_db(TELEGRAM_SCHEMA, params={"users": users, "dialogs": dialogs, "messages_v2": rows}, wal_script=wal)


# ----------------------------------------------------------------------------- XML files

PACKAGES = [  # name, codePath, version, userId, installer, it, ut (ms), publicFlags
    ("com.whatsapp", "/data/app/~~Xq3==/com.whatsapp-aB1==", 232475002, 10187, "com.android.vending",
     1680000000000, 1680300000000, 0x38B8BE44),
    ("org.telegram.messenger", "/data/app/~~Yr4==/org.telegram.messenger-cD2==", 40184, 10201,
     "com.android.vending", 1680100000000, 1680100000000, 0x38B8BE44),
    ("com.android.chrome", "/product/app/Chrome", 561510533, 10110, None, 1230768000000, 1680200000000,
     0x38B8BE45),
]
PERMISSIONS = ("android.permission.INTERNET", "android.permission.READ_CONTACTS", "android.permission.CAMERA")


def packages_tree() -> ET.Element:
    """The <packages> element as PackageManager's Settings writes it (the parts read here and a few more)."""
    root = ET.Element("packages")
    ET.SubElement(root, "version", {"sdkVersion": "33", "databaseVersion": "3", "fingerprint": "google/x/y:13"})
    for name, code, version, uid, installer, it, ut, flags in PACKAGES:
        attrs = {"name": name, "codePath": code, "nativeLibraryPath": code + "/lib", "publicFlags": str(flags),
                 "privateFlags": "0", "ft": format(ut - 5000, "x"), "it": format(it, "x"), "ut": format(ut, "x"),
                 "version": str(version), "userId": str(uid), "isOrphaned": "true"}
        if installer:
            attrs["installer"] = installer
            attrs["installInitiator"] = installer
        pkg = ET.SubElement(root, "package", attrs)
        ET.SubElement(pkg, "sigs", {"count": "1", "schemeVersion": "3"})
        perms = ET.SubElement(pkg, "perms")
        for perm in PERMISSIONS:
            ET.SubElement(perms, "item", {"name": perm, "granted": "true" if perm != "android.permission.CAMERA"
                                          else "false", "flags": "0"})
    return root


def packages_xml() -> bytes:
    return b"<?xml version='1.0' encoding='utf-8' standalone='yes' ?>\n" + ET.tostring(packages_tree())


# BinaryXmlSerializer: events and value types
_START_DOCUMENT, _END_DOCUMENT, _START_TAG, _END_TAG, _TEXT, _ATTRIBUTE = 0, 1, 2, 3, 4, 15
_T_NULL, _T_STRING, _T_INTERNED, _T_INT, _T_LONG_HEX, _T_LONG = 1 << 4, 2 << 4, 3 << 4, 6 << 4, 9 << 4, 8 << 4
_T_TRUE, _T_FALSE = 12 << 4, 13 << 4
# How PackageManager writes these attributes (Settings.writePackageLPr with TypedXmlSerializer)
_ABX_TYPES = {"ft": _T_LONG_HEX, "it": _T_LONG_HEX, "ut": _T_LONG_HEX, "version": _T_LONG, "userId": _T_INT,
              "publicFlags": _T_INT, "privateFlags": _T_INT, "flags": _T_INT, "sdkVersion": _T_INT,
              "databaseVersion": _T_INT, "count": _T_INT, "schemeVersion": _T_INT}


def abx(root: ET.Element) -> bytes:
    """``root`` as Android Binary XML (magic ``ABX\\0``), typed as PackageManager types the attributes."""
    out = bytearray(b"ABX\x00")
    interned: dict[str, int] = {}

    def utf(value: str) -> bytes:
        raw = value.encode("utf-8")
        return struct.pack(">H", len(raw)) + raw

    def intern(value: str) -> bytes:
        if value in interned:
            return struct.pack(">H", interned[value])
        interned[value] = len(interned)
        return b"\xff\xff" + utf(value)

    def element(node: ET.Element) -> None:
        out.extend(bytes([_START_TAG | _T_INTERNED]) + intern(node.tag))
        for name, value in node.attrib.items():
            kind = _ABX_TYPES.get(name, _T_STRING)
            if value in ("true", "false") and kind == _T_STRING:
                out.extend(bytes([_ATTRIBUTE | (_T_TRUE if value == "true" else _T_FALSE)]) + intern(name))
            elif kind == _T_INT:
                out.extend(bytes([_ATTRIBUTE | kind]) + intern(name) + struct.pack(">i", int(value)))
            elif kind == _T_LONG:
                out.extend(bytes([_ATTRIBUTE | kind]) + intern(name) + struct.pack(">q", int(value)))
            elif kind == _T_LONG_HEX:
                out.extend(bytes([_ATTRIBUTE | kind]) + intern(name) + struct.pack(">q", int(value, 16)))
            else:
                out.extend(bytes([_ATTRIBUTE | _T_STRING]) + intern(name) + utf(value))
        if node.text and node.text.strip():
            out.extend(bytes([_TEXT | _T_STRING]) + utf(node.text))
        for child in node:
            element(child)
        out.extend(bytes([_END_TAG | _T_INTERNED]) + intern(node.tag))

    out.append(_START_DOCUMENT | _T_NULL)
    element(root)
    out.append(_END_DOCUMENT | _T_NULL)
    return bytes(out)


PACKAGES_LIST = (
    b"com.whatsapp 10187 0 /data/user/0/com.whatsapp default:targetSdkVersion=33 3003 0 232475002\n"
    b"org.telegram.messenger 10201 0 /data/user/0/org.telegram.messenger default:targetSdkVersion=33 3003 0 40184\n"
    b"com.example.debug 10250 1 /data/user/0/com.example.debug default:targetSdkVersion=33 none 1 7\n"
)

WIFI_CONFIG_STORE = b"""<?xml version='1.0' encoding='utf-8' standalone='yes' ?>
<WifiConfigStoreData>
<int name="Version" value="3" />
<NetworkList>
<Network>
<WifiConfiguration>
<string name="ConfigKey">&quot;HarbourNet&quot;WPA_PSK</string>
<string name="SSID">&quot;HarbourNet&quot;</string>
<null name="BSSID" />
<string name="PreSharedKey">&quot;dock-9-secret&quot;</string>
<null name="WEPKeys" />
<int name="WEPTxKeyIndex" value="0" />
<boolean name="HiddenSSID" value="false" />
<boolean name="RequirePMF" value="false" />
<byte-array name="AllowedKeyMgmt" num="1">02</byte-array>
<byte-array name="AllowedProtocols" num="1">03</byte-array>
<byte-array name="AllowedAuthAlgos" num="1">01</byte-array>
<byte-array name="AllowedGroupCiphers" num="1">0f</byte-array>
<byte-array name="AllowedPairwiseCiphers" num="1">06</byte-array>
<byte-array name="AllowedGroupMgmtCiphers" num="0"></byte-array>
<byte-array name="AllowedSuiteBCiphers" num="0"></byte-array>
<boolean name="Shared" value="true" />
<boolean name="AutoJoinEnabled" value="true" />
<int name="Status" value="2" />
<null name="FQDN" />
<null name="ProviderFriendlyName" />
<null name="LinkedNetworksList" />
<string name="DefaultGwMacAddress">b0:be:76:12:34:56</string>
<boolean name="ValidatedInternetAccess" value="true" />
<boolean name="NoInternetAccessExpected" value="false" />
<boolean name="MeteredHint" value="false" />
<int name="MeteredOverride" value="0" />
<int name="NumAssociation" value="14" />
<int name="CreatorUid" value="1000" />
<string name="CreatorName">android.uid.system:1000</string>
<int name="LastUpdateUid" value="1000" />
<string name="LastUpdateName">android.uid.system:1000</string>
<int name="LastConnectUid" value="1000" />
<boolean name="IsLegacyPasspointConfig" value="false" />
<long-array name="RoamingConsortiumOIs" num="0" />
<string name="RandomizedMacAddress">6e:11:22:33:44:55</string>
<int name="MacRandomizationSetting" value="3" />
<int name="CarrierId" value="-1" />
<boolean name="IsMostRecentlyConnected" value="true" />
</WifiConfiguration>
<NetworkStatus>
<string name="SelectionStatus">NETWORK_SELECTION_ENABLED</string>
<string name="DisableReason">NETWORK_SELECTION_ENABLE</string>
<null name="ConnectChoice" />
<boolean name="HasEverConnected" value="true" />
<boolean name="CaptivePortalNeverDetected" value="true" />
</NetworkStatus>
<IpConfiguration>
<string name="IpAssignment">DHCP</string>
<string name="ProxySettings">NONE</string>
</IpConfiguration>
</Network>
<Network>
<WifiConfiguration>
<string name="ConfigKey">&quot;Cafe Guest&quot;NONE</string>
<string name="SSID">&quot;Cafe Guest&quot;</string>
<null name="BSSID" />
<null name="PreSharedKey" />
<null name="WEPKeys" />
<boolean name="HiddenSSID" value="false" />
<byte-array name="AllowedKeyMgmt" num="1">01</byte-array>
<int name="CreatorUid" value="10187" />
<string name="CreatorName">com.example.wifiapp</string>
<null name="LastUpdateName" />
</WifiConfiguration>
<NetworkStatus>
<string name="SelectionStatus">NETWORK_SELECTION_ENABLED</string>
<boolean name="HasEverConnected" value="false" />
</NetworkStatus>
</Network>
</NetworkList>
<MacAddressMap>
<map name="MacMapEntry">
</map>
</MacAddressMap>
</WifiConfigStoreData>
"""

WPA_SUPPLICANT = b"""ctrl_interface=/data/misc/wifi/sockets
disable_scan_offload=1
update_config=1
device_name=angler
manufacturer=Huawei

network={
\tssid="OldOffice"
\tpsk="office-pass"
\tkey_mgmt=WPA-PSK
\tpriority=3
\tid_str="%7B%22creatorUid%22%3A%221000%22%2C%22configKey%22%3A%22%5C%22OldOffice%5C%22WPA_PSK%22%7D"
}

network={
\tssid="Airport_Free"
\tkey_mgmt=NONE
\tpriority=1
\tdisabled=1
}
"""

DATA_PREFIX = {  # the /data tree as each layout shows it
    "ext4": "",               # the userdata partition's root is /data
    "tar": "data/",           # a TAR of /data
    "zip": "Dump/data/",      # a ZIP from an extraction tool, with a top folder
}


def data_tree() -> dict[str, bytes]:
    """The /data files of a small phone, relative to /data (``data/com.android...`` = /data/data/...)."""
    sms, _ = mmssms_db()
    telegram, _ = telegram_db()
    return {
        "data/com.android.providers.telephony/databases/mmssms.db": sms,
        "user_de/0/com.android.providers.contacts/databases/calllog.db": calllog_db(deleted_number="+15551230003"),
        "system_ce/0/accounts_ce.db": accounts_ce_db(),
        "system_de/0/accounts_de.db": accounts_de_db(),
        "system/packages.xml": abx(packages_tree()),
        "system/packages.list": PACKAGES_LIST,
        "misc/apexdata/com.android.wifi/WifiConfigStore.xml": WIFI_CONFIG_STORE,
        "user/0/org.telegram.messenger/files/cache4.db": telegram,
        "data/com.google.android.apps.maps/databases/da_destination_history":
            write_db(MAPS_DESTINATIONS, params={"destination_history": DESTINATIONS})[0],
    }
