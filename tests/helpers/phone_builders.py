"""Phone extractions built for tests with the real writers: Python's zipfile and tarfile, sqlite3
for the databases, plistlib for an iOS backup's property lists and Manifest.db blobs.

Loaded by file path (``tests/helpers`` has no ``__init__.py`` so that it never shadows
``tests/plugins/helpers.py``).
"""

from __future__ import annotations

import hashlib
import io
import plistlib
import sqlite3
import stat
import tarfile
import tempfile
import zipfile
from pathlib import Path

SMS_DB = "data/data/com.android.providers.telephony/databases/mmssms.db"
CALLS_DB = "data/data/com.android.providers.contacts/databases/calllog.db"
CONTACTS_DB = "data/data/com.android.providers.contacts/databases/contacts2.db"
PREFS = "data/data/com.android.providers.telephony/shared_prefs/prefs.xml"
EPOCH = 1_700_000_000  # 2023-11-14T22:13:20Z


def sqlite_bytes(statements: list[str]) -> bytes:
    """A SQLite database written by SQLite (rollback journal, so one file) after ``statements``."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "db.sqlite"
        conn = sqlite3.connect(path)
        conn.execute("PRAGMA journal_mode=DELETE")
        for sql in statements:
            conn.execute(sql)
        conn.commit()
        conn.close()
        return path.read_bytes()


def android_files() -> list[tuple[str, bytes]]:
    """An Android /data layout with small real SQLite databases at their real paths."""
    sms = sqlite_bytes([
        "CREATE TABLE sms (_id INTEGER PRIMARY KEY, thread_id INTEGER, address TEXT, date INTEGER, type INTEGER,"
        " body TEXT, read INTEGER)",
        f"INSERT INTO sms VALUES (1, 1, '+15550100', {EPOCH * 1000}, 1, 'meet at the pier', 1)",
        f"INSERT INTO sms VALUES (2, 1, '+15550100', {(EPOCH + 60) * 1000}, 2, 'ok, 9pm', 1)"])
    calls = sqlite_bytes([
        "CREATE TABLE calls (_id INTEGER PRIMARY KEY, number TEXT, date INTEGER, duration INTEGER, type INTEGER)",
        f"INSERT INTO calls VALUES (1, '+15550100', {EPOCH * 1000}, 42, 2)"])
    contacts = sqlite_bytes([
        "CREATE TABLE raw_contacts (_id INTEGER PRIMARY KEY, display_name TEXT)",
        "INSERT INTO raw_contacts VALUES (1, 'Pat Doe')"])
    return [("data/", b""), ("data/data/", b""), (SMS_DB, sms), (CALLS_DB, calls), (CONTACTS_DB, contacts),
            (PREFS, b"<?xml version='1.0'?><map><int name='x' value='1'/></map>\n")]


def write_zip(path: Path, files: list[tuple[str, bytes]], *, force_zip64: bool = False,
              method: int = zipfile.ZIP_DEFLATED, when: tuple[int, ...] = (2024, 3, 1, 12, 30, 4),
              extra: bytes = b"") -> Path:
    """A ZIP of ``files`` in order (names ending in '/' are folders; duplicates kept)."""
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in files:
            info = zipfile.ZipInfo(name, when)
            info.compress_type = method if not name.endswith("/") else zipfile.ZIP_STORED
            info.extra = extra
            if name.endswith("/"):
                info.external_attr = (stat.S_IFDIR | 0o755) << 16
                info.create_system = 3
                zf.writestr(info, b"")
                continue
            with zf.open(info, "w", force_zip64=force_zip64) as out:
                out.write(data)
    return path


def write_tar(path: Path, files: list[tuple[str, bytes]], *, gz: bool = False, mtime: int = EPOCH) -> Path:
    """A (gzip-compressed) POSIX TAR of ``files`` in order (names ending in '/' are folders)."""
    with tarfile.open(path, "w:gz" if gz else "w", format=tarfile.PAX_FORMAT) as tf:
        for name, data in files:
            info = tarfile.TarInfo(name.rstrip("/") if name.endswith("/") else name)
            info.mtime, info.uid, info.gid = mtime, 1000, 1000
            if name.endswith("/"):
                info.type, info.mode = tarfile.DIRTYPE, 0o755
                tf.addfile(info)
            else:
                info.size, info.mode = len(data), 0o640
                tf.addfile(info, io.BytesIO(data))
    return path


class _RawNameInfo(zipfile.ZipInfo):
    """A ZipInfo whose name is written as the given bytes, flag bit 11 (UTF-8) off."""

    raw = b""

    def _encodeFilenameFlags(self) -> tuple[bytes, int]:  # noqa: N802 - zipfile's own hook
        return self.raw, self.flag_bits & ~0x800


def write_hostile_zip(path: Path) -> tuple[Path, list[bytes]]:
    """A ZIP with hostile member names and a link pointing outside; returns the exact names in order."""
    import warnings

    names = [b"/etc/passwd_abs", b"../../escape.txt", b"dir\\win.txt", b"caf\xe9.txt", b"dup.txt", b"dup.txt",
             b"link_out", b"nul\x00name.txt"]
    with zipfile.ZipFile(path, "w") as zf:
        for i, raw in enumerate(names):
            info = _RawNameInfo(raw.decode("cp437"), (2024, 1, 2, 3, 4, 6))
            info.raw = raw
            data = b"evil " + raw
            if raw == b"link_out":
                info.create_system = 3
                info.external_attr = (stat.S_IFLNK | 0o777) << 16
                data = b"../../../etc/shadow"
            elif raw == b"dup.txt":
                data = b"copy %d" % i
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # zipfile warns about the duplicate name: that is the point
                zf.writestr(info, data)
    return path, names


def write_hostile_tar(path: Path) -> tuple[Path, list[bytes]]:
    """A TAR with absolute, '..' and non-UTF-8 names and a symbolic link outside."""
    names = [b"/abs/file", b"a/../../up.txt", b"bad\xff\xfename", b"dup", b"dup", b"sym"]
    with tarfile.open(path, "w", format=tarfile.GNU_FORMAT, encoding="utf-8", errors="surrogateescape") as tf:
        for i, raw in enumerate(names):
            info = tarfile.TarInfo(raw.decode("utf-8", "surrogateescape"))
            info.mtime = EPOCH
            if raw == b"sym":
                info.type, info.linkname = tarfile.SYMTYPE, "/etc/passwd"
                tf.addfile(info)
                continue
            data = f"member {i}".encode()
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    return path, names


# ------------------------------------------------------------------------------------------ iOS
def _mbfile(size: int, mode: int, when: int, relative: str, target: str | None = None) -> bytes:
    """A Manifest.db ``file`` blob: an NSKeyedArchiver MBFile, as iOS writes it."""
    objects: list[object] = ["$null"]
    root: dict[str, object] = {"$class": plistlib.UID(2), "Size": size, "Mode": mode, "LastModified": when,
                               "Birth": when - 100, "LastStatusChange": when + 5, "UserID": 501, "GroupID": 501,
                               "InodeNumber": 1000 + size, "Flags": 0, "ProtectionClass": 3,
                               "RelativePath": plistlib.UID(3)}
    objects += [root, {"$classname": "MBFile", "$classes": ["MBFile", "NSObject"]}, relative]
    if target is not None:
        root["Target"] = plistlib.UID(4)
        objects.append(target)
    return plistlib.dumps({"$version": 100000, "$archiver": "NSKeyedArchiver", "$top": {"root": plistlib.UID(1)},
                           "$objects": objects}, fmt=plistlib.FMT_BINARY)


IOS_INFO = {"Device Name": "Pat's iPhone", "Display Name": "Pat's iPhone", "Product Type": "iPhone12,1",
            "Product Version": "17.4.1", "Build Version": "21E236", "Serial Number": "F2LXK0ABCDEF",
            "Unique Identifier": "00008030-001A2B3C4D5E6F70", "Target Identifier": "00008030-001A2B3C4D5E6F70",
            "IMEI": "356789012345678", "Phone Number": "+1 555 0100", "iTunes Version": "12.13"}


def ios_files() -> list[tuple[str, str, bytes]]:
    sms = sqlite_bytes([
        "CREATE TABLE message (ROWID INTEGER PRIMARY KEY, text TEXT, date INTEGER, is_from_me INTEGER)",
        "INSERT INTO message VALUES (1, 'hello from ios', 700000000000000000, 0)"])
    return [("HomeDomain", "Library/SMS/sms.db", sms),
            ("HomeDomain", "Library/Preferences/com.apple.x.plist", plistlib.dumps({"a": 1})),
            ("CameraRollDomain", "Media/DCIM/100APPLE/IMG_0001.JPG", b"\xff\xd8\xff\xe0" + b"\x00" * 100)]


def write_ios_backup(folder: Path, *, encrypted: bool = False, files: list[tuple[str, str, bytes]] | None = None,
                     missing: tuple[str, str] | None = None) -> Path:
    """An iOS 10+ backup folder: Manifest.db (Files table), blobs at xx/fileID, Info.plist,
    Manifest.plist and Status.plist. ``missing`` (domain, path) is listed with no blob."""
    import datetime as dt

    folder.mkdir(parents=True)
    when = dt.datetime(2024, 4, 2, 10, 11, 12)  # plistlib: naive = UTC
    files = ios_files() if files is None else files
    conn = sqlite3.connect(folder / "Manifest.db")
    conn.execute("PRAGMA journal_mode=WAL")  # a reader that is not immutable would add -wal/-shm beside it
    conn.execute("CREATE TABLE Files (fileID TEXT PRIMARY KEY, domain TEXT, relativePath TEXT, flags INTEGER,"
                 " file BLOB)")
    conn.execute("CREATE TABLE Properties (key TEXT PRIMARY KEY, value BLOB)")
    dirs: dict[tuple[str, str], None] = {}
    for domain, rel, _data in files:
        parts = rel.split("/")[:-1]
        for i in range(len(parts) + 1):
            dirs[(domain, "/".join(parts[:i]))] = None
    for domain, rel in dirs:
        fid = hashlib.sha1(f"{domain}-{rel}".encode()).hexdigest()
        conn.execute("INSERT INTO Files VALUES (?,?,?,?,?)",
                     (fid, domain, rel, 2, _mbfile(0, stat.S_IFDIR | 0o755, EPOCH, rel)))
    for domain, rel, data in files:
        fid = hashlib.sha1(f"{domain}-{rel}".encode()).hexdigest()
        conn.execute("INSERT INTO Files VALUES (?,?,?,?,?)",
                     (fid, domain, rel, 1, _mbfile(len(data), stat.S_IFREG | 0o644, EPOCH, rel)))
        (folder / fid[:2]).mkdir(exist_ok=True)
        (folder / fid[:2] / fid).write_bytes(data)
    if missing:
        fid = hashlib.sha1(f"{missing[0]}-{missing[1]}".encode()).hexdigest()
        conn.execute("INSERT INTO Files VALUES (?,?,?,?,?)",
                     (fid, missing[0], missing[1], 1, _mbfile(10, stat.S_IFREG | 0o644, EPOCH, missing[1])))
    link_rel = "Library/link_out"
    conn.execute("INSERT INTO Files VALUES (?,?,?,?,?)",
                 (hashlib.sha1(f"HomeDomain-{link_rel}".encode()).hexdigest(), "HomeDomain", link_rel, 4,
                  _mbfile(0, stat.S_IFLNK | 0o755, EPOCH, link_rel, target="/private/var/outside")))
    conn.commit()
    conn.close()
    info = dict(IOS_INFO, **{"Last Backup Date": when})
    (folder / "Info.plist").write_bytes(plistlib.dumps(info))
    (folder / "Manifest.plist").write_bytes(plistlib.dumps({
        "IsEncrypted": encrypted, "Version": "10.0", "Date": when, "WasPasscodeSet": True,
        "Lockdown": {"DeviceName": IOS_INFO["Device Name"], "ProductType": IOS_INFO["Product Type"],
                     "ProductVersion": IOS_INFO["Product Version"], "BuildVersion": IOS_INFO["Build Version"],
                     "SerialNumber": IOS_INFO["Serial Number"], "UniqueDeviceID": IOS_INFO["Unique Identifier"]}},
        fmt=plistlib.FMT_BINARY))
    (folder / "Status.plist").write_bytes(plistlib.dumps({"IsFullBackup": False, "Version": "3.3",
                                                          "SnapshotState": "finished", "Date": when}))
    return folder
