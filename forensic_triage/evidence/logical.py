"""Logical extractions given as evidence: a folder, a ZIP, a TAR (or TAR.GZ), an iOS backup.

:func:`detect_logical` recognises them by their content (a folder with ``Manifest.db`` /
``Manifest.plist`` / ``Info.plist`` is an iOS backup; a file is a ZIP by its ``PK`` header, a TAR
by ``ustar`` at byte 257, a TAR.GZ by the same inside its gzip stream) and returns ``None`` for
anything else (a disk image goes the usual way). An encrypted iOS backup is refused with the
reason. :func:`ios_details` reads what the backup says of the device (Info.plist, Manifest.plist);
:func:`hash_claims` reads the hash files an extraction tool left beside or inside the extraction.
Everything is opened read-only.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import plistlib
import re
import zlib
from pathlib import Path
from typing import Any

from ..errors import EvidenceError, UnsupportedFormatError

IOS_MARKERS = ("Manifest.db", "Manifest.plist", "Info.plist")
HASH_EXTS = {".md5": "md5", ".md5sum": "md5", ".sha1": "sha1", ".sha1sum": "sha1", ".sha256": "sha256",
             ".sha256sum": "sha256"}
_BY_LENGTH = {32: "md5", 40: "sha1", 64: "sha256"}
_BSD_LINE = re.compile(r"^(MD5|SHA1|SHA-1|SHA256|SHA-256)\s*\((?P<name>.*)\)\s*=\s*(?P<hex>[0-9a-fA-F]+)\s*$")
_GNU_LINE = re.compile(r"^(?P<hex>[0-9a-fA-F]{32,64})(?:\s+\*?(?P<name>.*?))?\s*$")
HASH_FILE_LIMIT = 1024 * 1024


@dataclasses.dataclass(frozen=True, slots=True)
class Logical:
    """What a logical extraction is: ``format`` (evidence.format: folder, zip, tar, iosbackup), the
    source ``layer`` of its one volume (dir, zip, tar, ios) and that volume's ``fs_type``."""

    format: str
    layer: str
    fs_type: str
    path: Path
    compression: str = ""  # 'gzip' for a TAR.GZ


def _read_ro(path: Path, length: int, offset: int = 0) -> bytes:
    fd = os.open(path, os.O_RDONLY)
    try:
        return os.pread(fd, length, offset)
    finally:
        os.close(fd)


def _plist(path: Path) -> dict[str, Any]:
    try:
        value = plistlib.loads(_read_ro(path, 16 * 1024 * 1024))
    except (OSError, plistlib.InvalidFileException, ValueError, TypeError, OverflowError):
        return {}
    return value if isinstance(value, dict) else {}


def _is_tar(block: bytes) -> bool:
    return len(block) >= 262 and block[257:262] == b"ustar"


def detect_logical(path: str | os.PathLike[str]) -> Logical | None:
    """The logical extraction at ``path``, or ``None`` when it is not one (or not there: the disk
    image detection then says why). Raises :class:`EvidenceError` for an encrypted or an older
    (iOS 9 and earlier) iOS backup."""
    p = Path(path)
    if p.is_dir():
        markers = [m for m in IOS_MARKERS if (p / m).is_file()]
        if not markers:
            return Logical("folder", "dir", "Folder", p)
        manifest = _plist(p / "Manifest.plist")
        if manifest.get("IsEncrypted") is True:
            raise EvidenceError(
                f"{p} is an encrypted iOS backup (Manifest.plist: IsEncrypted is true): every file in it, Manifest.db "
                "included, is encrypted with keys that only the backup password unlocks, so nothing in it can be "
                "listed or read; it was not added.",
                hint="Decrypt it with the backup password (e.g. the open-source iphone_backup_decrypt or "
                     "mvt-ios decrypt-backup, or the vendor's tool) into a new folder and add that folder, or make an "
                     "unencrypted backup of the device.")
        if not (p / "Manifest.db").is_file():
            if (p / "Manifest.mbdb").is_file():
                raise UnsupportedFormatError(
                    f"{p} is an iOS backup from iOS 9 or earlier (Manifest.mbdb); this version reads backups with a "
                    "Manifest.db (iOS 10 and later).", hint="Convert it with a backup tool, or add it as a folder "
                    "by copying its files into a folder without Info.plist/Manifest.plist.")
            raise EvidenceError(f"{p} looks like an iOS backup ({', '.join(markers)}) but has no Manifest.db; it "
                                "was not added.", hint="Check that the backup was copied completely.")
        return Logical("iosbackup", "ios", "iOS backup", p)
    try:
        head = _read_ro(p, 4096)
    except OSError:
        return None
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")):
        return Logical("zip", "zip", "ZIP", p)
    if _is_tar(head):
        return Logical("tar", "tar", "TAR", p)
    if head.startswith(b"\x1f\x8b"):
        try:
            inner = zlib.decompressobj(31).decompress(head, 512)
        except zlib.error:
            return None
        if _is_tar(inner):
            return Logical("tar", "tar", "TAR", p, compression="gzip")
    return None


def _text(value: Any) -> str | None:
    if isinstance(value, dt.datetime):
        stamp = value if value.tzinfo else value.replace(tzinfo=dt.UTC)  # plistlib: naive = UTC
        return stamp.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, (str, int)) and not isinstance(value, bool) and str(value).strip():
        return str(value).strip()
    return None


def ios_details(folder: Path) -> dict[str, Any]:
    """What an iOS backup says of the device and of itself (Info.plist, then Manifest.plist's
    Lockdown), in the ``device`` shape the report reads."""
    info = _plist(folder / "Info.plist")
    manifest = _plist(folder / "Manifest.plist")
    found = manifest.get("Lockdown")
    lockdown: dict[str, Any] = found if isinstance(found, dict) else {}
    status = _plist(folder / "Status.plist")

    def pick(*values: Any) -> str | None:
        return next((t for t in (_text(v) for v in values) if t), None)

    device = {
        "name": pick(info.get("Device Name"), info.get("Display Name"), lockdown.get("DeviceName")),
        "model": pick(info.get("Product Name"), info.get("Product Type"), lockdown.get("ProductType")),
        "product_type": pick(info.get("Product Type"), lockdown.get("ProductType")),
        "os_version": pick(info.get("Product Version"), lockdown.get("ProductVersion")),
        "build_version": pick(info.get("Build Version"), lockdown.get("BuildVersion")),
        "serial": pick(info.get("Serial Number"), lockdown.get("SerialNumber")),
        "udid": pick(info.get("Unique Identifier"), info.get("Target Identifier"), lockdown.get("UniqueDeviceID")),
        "imei": pick(info.get("IMEI")),
        "meid": pick(info.get("MEID")),
        "iccid": pick(info.get("ICCID")),
        "phone_number": pick(info.get("Phone Number")),
        "backup_date": pick(info.get("Last Backup Date"), manifest.get("Date"), status.get("Date")),
        "extraction_tool": "iTunes/Finder backup" + (f" (iTunes {info['iTunes Version']})"
                                                      if _text(info.get("iTunes Version")) else ""),
    }
    backup = {"encrypted": bool(manifest.get("IsEncrypted")), "version": _text(manifest.get("Version")),
              "passcode_set": manifest.get("WasPasscodeSet") if isinstance(manifest.get("WasPasscodeSet"), bool)
              else None, "full_backup": status.get("IsFullBackup") if isinstance(status.get("IsFullBackup"), bool)
              else None, "snapshot_state": _text(status.get("SnapshotState"))}
    return {"device": {k: v for k, v in device.items() if v},
            "backup": {k: v for k, v in backup.items() if v is not None}}


def parse_hash_file(data: bytes, default_name: str, algorithm: str | None) -> list[tuple[str, str, str]]:
    """(name, algorithm, hex) claimed by a hash file (GNU ``hex  name``, BSD ``SHA256 (name) = hex``,
    or a bare hex value that names ``default_name``)."""
    out = []
    for line in data.decode("utf-8", "replace").splitlines():
        line = line.strip().lstrip("\ufeff")
        bsd, gnu = _BSD_LINE.match(line), _GNU_LINE.match(line)
        if bsd:
            hexval, name = bsd.group("hex"), bsd.group("name")
        elif gnu:
            hexval, name = gnu.group("hex"), gnu.group("name") or default_name
        else:
            continue
        algo = _BY_LENGTH.get(len(hexval))
        if algo and (algorithm is None or algorithm == algo):
            out.append((name.strip(), algo, hexval.lower()))
    return out


def hash_claims(logical: Logical, members: list[str]) -> list[dict[str, str]]:
    """The hashes an extraction tool stated: hash files next to an archive (``x.zip.sha256``,
    ``x.md5``...) or at the top of an extracted folder. Each: ``path`` (the file named, relative
    to the folder; the archive's own name for an archive), ``algorithm``, ``value``, ``source``."""
    p = logical.path
    claims: list[dict[str, str]] = []
    if logical.format in ("zip", "tar"):
        sidecars = [p.with_name(p.name + ext) for ext in HASH_EXTS] + [p.with_suffix(ext) for ext in HASH_EXTS]
        for side in dict.fromkeys(sidecars):
            if side.is_file() and side.stat().st_size <= HASH_FILE_LIMIT:
                for name, algo, value in parse_hash_file(_read_ro(side, HASH_FILE_LIMIT), p.name,
                                                         HASH_EXTS.get(side.suffix.lower())):
                    if Path(name).name == p.name:
                        claims.append({"path": p.name, "algorithm": algo, "value": value, "source": str(side)})
        return claims
    for rel in members:
        if "/" in rel or Path(rel).suffix.lower() not in HASH_EXTS:
            continue
        side = p / rel
        if side.stat().st_size > HASH_FILE_LIMIT:
            continue
        for name, algo, value in parse_hash_file(_read_ro(side, HASH_FILE_LIMIT), "",
                                                 HASH_EXTS[side.suffix.lower()]):
            if name:
                claims.append({"path": name[2:] if name.startswith("./") else name,
                               "algorithm": algo, "value": value, "source": rel})
    return claims


__all__ = ["HASH_EXTS", "IOS_MARKERS", "Logical", "detect_logical", "hash_claims", "ios_details",
           "parse_hash_file"]
