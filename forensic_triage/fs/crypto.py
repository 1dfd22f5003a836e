"""Encrypted volumes: BitLocker (libbde, ``pybde``) and LUKS 1/2, found at intake, unlocked on request.

* :func:`discover` (an intake hook, :data:`.layers.DISCOVERY`) marks every volume that starts with
  a BitLocker header (``-FVE-FS-``, or BitLocker To Go's ``MSWIN4.1`` with the BitLocker GUID) or
  a LUKS header (``LUKS\\xba\\xbe``, version 1 or 2) as *locked*: ``fs_status`` 'locked', what
  unlocks it and what the header says in ``details``, and a note (a stored warning) — never
  "no file system". Triage does not walk a locked volume.
* :func:`unlock_bde` / :func:`unlock_luks` (:data:`.layers.UNLOCKERS`) check a secret against the
  volume and name the file system on the decrypted bytes; :func:`unlock_volume` is what
  ``evidence unlock`` and the desktop application call: it records the unlocked volume (layer
  ``bde`` / ``luks``), keeps the secret in :mod:`..evidence.keyring` (this login session only,
  never in the case) and audits *that* the volume was unlocked and with which kind of secret.
* :func:`open_bde` / :func:`open_luks` (:data:`.layers.VOLUME_LAYERS`) give the resolver the
  decrypted bytes, with the secret from the keyring.

LUKS1 is decrypted by libluksde (``pyluksde``). libluksde does not read LUKS2 headers, so LUKS2
(and a LUKS1 key file that is not text, which ``pyluksde`` cannot take) is read here: the key slot
is derived with PBKDF2 or Argon2id, anti-forensic-merged and checked against the header's digest,
and the data is AES-XTS (``plain64``) decrypted with the ``cryptography`` package.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
import math
import os
import struct
import tempfile
import uuid
from typing import Any

import pybde
import pyluksde
import pytsk3

from ..errors import EvidenceError, FileSystemError
from ..evidence import keyring
from .layers import ByteVolume, FileObject, LayerContext, MediaSlice, VolumeImg
from .volumes import VolumeInfo, fs_type_name

LUKS_MAGIC = b"LUKS\xba\xbe"
_BDE_TOGO_GUID = uuid.UUID("4967d63b-2e29-4ad8-8399-f6a339e3d001").bytes_le
_LUKS1_ENABLED = 0x00AC71F3
_SECTOR = 512

# What unlocks each kind, in the words of the note and the dialog (keyring.KINDS in brackets).
NEEDS = {
    "BitLocker": "a recovery key or password (or its startup key file, .BEK)",
    "LUKS1": "a passphrase or key file",
    "LUKS2": "a passphrase or key file",
}
UNLOCKS_WITH = {"BitLocker": ["password", "recovery-key", "key-file"],
                "LUKS1": ["password", "key-file"], "LUKS2": ["password", "key-file"]}
SECRET_WORDS = {"password": "password", "recovery-key": "recovery key", "key-file": "key file"}


# ----------------------------------------------------------------------------- recognising

def kind_of_header(head: bytes) -> str | None:
    """'BitLocker', 'LUKS1', 'LUKS2' or None for the first bytes of a volume."""
    if head[3:11] == b"-FVE-FS-" or (head[3:11] == b"MSWIN4.1" and head[160:176] == _BDE_TOGO_GUID):
        return "BitLocker"
    if head[:6] == LUKS_MAGIC and len(head) >= 8:
        version = struct.unpack_from(">H", head, 6)[0]
        if version in (1, 2):
            return f"LUKS{version}"
    return None


def _text(raw: bytes) -> str:
    return raw.split(b"\0", 1)[0].decode("ascii", "replace")


def _luks_json(volume: ByteVolume) -> dict[str, Any]:
    """The JSON metadata of a LUKS2 header."""
    hdr_size = struct.unpack_from(">Q", volume.read(8, 8))[0]
    if not 16384 <= hdr_size <= 4 << 20:
        raise EvidenceError(f"The LUKS2 header claims {hdr_size} bytes of metadata; it is damaged.")
    raw = volume.read(4096, hdr_size - 4096).split(b"\0", 1)[0]
    try:
        data = json.loads(raw.decode("utf-8"))
    except ValueError as exc:
        raise EvidenceError(f"The LUKS2 header's metadata cannot be read ({exc}); it is damaged.") from exc
    if not isinstance(data, dict):
        raise EvidenceError("The LUKS2 header's metadata is not an object; it is damaged.")
    return data


def luks_details(volume: ByteVolume) -> dict[str, Any]:
    """What a LUKS header says of itself: version, uuid, cipher, hash, data offset."""
    head = volume.read(0, 592)
    version = struct.unpack_from(">H", head, 6)[0]
    details: dict[str, Any] = {"kind": f"LUKS{version}", "uuid": _text(head[168:208]),
                               "unlocks_with": UNLOCKS_WITH[f"LUKS{version}"]}
    if version == 1:
        details.update(cipher=f"{_text(head[8:40])}-{_text(head[40:72])}", hash=_text(head[72:104]),
                       data_offset=struct.unpack_from(">I", head, 104)[0] * _SECTOR,
                       key_bits=struct.unpack_from(">I", head, 108)[0] * 8)
        return details
    meta = _luks_json(volume)
    segment: dict[str, Any] = next(iter(meta.get("segments", {}).values()), {})
    digest: dict[str, Any] = next(iter(meta.get("digests", {}).values()), {})
    details.update(cipher=str(segment.get("encryption", "")), hash=str(digest.get("hash", "")),
                   data_offset=int(segment.get("offset", 0)), sector_size=int(segment.get("sector_size", 512)),
                   label=_text(head[24:72]),
                   key_derivation=sorted({str(k.get("kdf", {}).get("type", "")) for k in
                                          meta.get("keyslots", {}).values()}))
    return details


def bde_details(volume: ByteVolume) -> dict[str, Any]:
    """What a BitLocker volume says of itself (through libbde where it can read the metadata)."""
    details: dict[str, Any] = {"kind": "BitLocker", "unlocks_with": UNLOCKS_WITH["BitLocker"]}
    head = volume.read(0, 512)
    details["variant"] = "BitLocker To Go" if head[3:11] == b"MSWIN4.1" else "BitLocker"
    handle = pybde.volume()
    try:
        handle.open_file_object(FileObject(volume))
    except (OSError, RuntimeError) as exc:
        details["metadata"] = f"not readable by libbde ({_first_sentence(exc)})"
        return details
    try:
        details["identifier"] = str(handle.get_volume_identifier() or "")
        details["description"] = str(handle.get_description() or "")
        details["encryption_method"] = _method_name(handle.get_encryption_method())
        created = handle.get_creation_time()
        details["creation_time"] = created.isoformat() if created else ""
        protectors = []
        for index in range(handle.get_number_of_key_protectors()):
            protector = handle.get_key_protector(index)
            protectors.append({"identifier": str(protector.get_identifier() or ""),
                               "type": _protector_name(protector.get_type())})
        details["key_protectors"] = protectors
    except (OSError, RuntimeError) as exc:
        details["metadata"] = f"partly readable by libbde ({_first_sentence(exc)})"
    finally:
        handle.close()
    return details


def _enum_name(owner: Any, value: int) -> str:
    for name in dir(owner):
        if name.isupper() and getattr(owner, name) == value:
            return name.lower().replace("_", "-")
    return str(value)


def _method_name(value: int) -> str:
    return _enum_name(pybde.encryption_methods, value)


def _protector_name(value: int) -> str:
    return _enum_name(pybde.key_protection_types, value)


def _first_sentence(exc: BaseException) -> str:
    """The first sentence of a libyal error, without the function name it starts with."""
    first = str(exc).strip().split(". ")[0].rstrip(".")
    return first.split(": ", 1)[-1] if first else type(exc).__name__


# ----------------------------------------------------------------------------- discovery

def _listed(rows: list[Any]) -> list[Any]:
    """The volumes the examiner numbers (``--volume N``): not gaps, not tables, not layers; by offset."""
    def get(row: Any, key: str) -> Any:
        return row[key] if isinstance(row, dict) else getattr(row, key)

    def status(row: Any) -> str:
        return str(get(row, "fs_status") if isinstance(row, dict) else row.status)

    kept = [r for r in rows if status(r) not in ("unallocated", "meta") and not get(r, "layer")]
    return sorted(kept, key=lambda r: (int(get(r, "offset")), -1 if get(r, "addr") is None else int(get(r, "addr"))))


def volume_number(rows: list[Any], row: Any) -> int:
    """The number (from 1) of ``row`` among ``rows`` as ``evidence unlock --volume`` counts them."""
    return next(i for i, r in enumerate(_listed(rows), 1) if r is row or r == row)


def locked_note(kind: str, offset: int, number: int) -> str:
    return (f"the volume at byte {offset} (volume {number}) is locked: {kind}, needs {NEEDS[kind]}; its files "
            f"are not listed until it is unlocked (forensic-triage evidence unlock CASE EXHIBIT --volume {number}, "
            "or in the desktop application).")


def discover(media: ByteVolume, volumes: list[VolumeInfo]) -> list[VolumeInfo]:
    """Mark each volume that starts with a BitLocker or LUKS header as locked (see module)."""
    out = []
    for v in volumes:
        if v.status in ("unallocated", "meta") or v.layer or v.offset >= media.size:
            out.append(v)
            continue
        kind = kind_of_header(media.read(v.offset, 512))
        if kind is None:
            out.append(v)
            continue
        slice_ = MediaSlice(media, v.offset, v.length)
        try:
            details = bde_details(slice_) if kind == "BitLocker" else luks_details(slice_)
        except (EvidenceError, ValueError, struct.error) as exc:
            details = {"kind": kind, "unlocks_with": UNLOCKS_WITH[kind], "metadata": str(exc)}
        details["needs"] = NEEDS[kind]
        locked = dataclasses.replace(v, fs_type=kind, block_size=None, label=None, status="locked", fs_size=None,
                                     lock_state="locked", details=details)
        out.append(locked)
    for i, v in enumerate(out):
        if v.lock_state == "locked":
            out[i] = dataclasses.replace(v, note=locked_note(v.fs_type or "", v.offset, volume_number(out, v)))
    return out


# ----------------------------------------------------------------------------- decrypted bytes

class _LibyalVolume:
    """The decrypted bytes of a pybde / pyluksde volume."""

    def __init__(self, handle: Any, keep: Any = None) -> None:
        self._handle, self._keep = handle, keep  # keep: the file object the handle reads
        self.size = int(handle.get_size())

    def read(self, offset: int, length: int) -> bytes:
        if offset < 0 or offset >= self.size or length <= 0:
            return b""
        return bytes(self._handle.read_buffer_at_offset(min(length, self.size - offset), offset))


class _XtsVolume:
    """AES-XTS ``plain64`` decryption of the data segment of a LUKS volume."""

    def __init__(self, below: ByteVolume, key: bytes, data_offset: int, size: int, sector_size: int,
                 iv_tweak: int) -> None:
        from cryptography.hazmat.primitives.ciphers import Cipher, algorithms

        self._below, self._offset, self._sector, self._tweak = below, data_offset, sector_size, iv_tweak
        self._cipher, self._algorithm = Cipher, algorithms.AES(key)
        self.size = max(0, size)

    def read(self, offset: int, length: int) -> bytes:
        from cryptography.hazmat.primitives.ciphers import modes

        if offset < 0 or offset >= self.size or length <= 0:
            return b""
        length = min(length, self.size - offset)
        first, last = offset // self._sector, (offset + length - 1) // self._sector
        raw = self._below.read(self._offset + first * self._sector, (last - first + 1) * self._sector)
        out = bytearray()
        for i in range(len(raw) // self._sector):
            iv = (self._tweak + first + i).to_bytes(16, "little")
            dec = self._cipher(self._algorithm, modes.XTS(iv)).decryptor()
            out += dec.update(raw[i * self._sector:(i + 1) * self._sector]) + dec.finalize()
        start = offset - first * self._sector
        return bytes(out[start:start + length])


# ----------------------------------------------------------------------------- LUKS key slots

def _af_merge(material: bytes, key_size: int, stripes: int, hash_name: str) -> bytes:
    """The anti-forensic split of LUKS undone (cryptsetup's AF_merge)."""
    digest_size = hashlib.new(hash_name).digest_size

    def diffuse(block: bytes) -> bytes:
        out = b""
        for i in range(math.ceil(len(block) / digest_size)):
            chunk = block[i * digest_size:(i + 1) * digest_size]
            out += hashlib.new(hash_name, i.to_bytes(4, "big") + chunk).digest()[:len(chunk)]
        return out

    def xor(a: bytes, b: bytes) -> bytes:
        return (int.from_bytes(a, "big") ^ int.from_bytes(b, "big")).to_bytes(key_size, "big")

    value = bytes(key_size)
    for i in range(stripes - 1):
        value = diffuse(xor(value, material[i * key_size:(i + 1) * key_size]))
    return xor(value, material[(stripes - 1) * key_size:stripes * key_size])


def _xts_decrypt_area(data: bytes, key: bytes, cipher: str) -> bytes:
    if cipher != "aes-xts-plain64":
        raise EvidenceError(f"The LUKS key slot is encrypted with {cipher}; this version reads aes-xts-plain64 only.")
    area = _XtsVolume(_Bytes(data), key, 0, len(data), _SECTOR, 0)
    return area.read(0, len(data))


class _Bytes:
    def __init__(self, data: bytes) -> None:
        self.data, self.size = data, len(data)

    def read(self, offset: int, length: int) -> bytes:
        return self.data[offset:offset + length]


def _kdf(kdf: dict[str, Any], secret: bytes, size: int) -> bytes:
    salt = base64.b64decode(kdf["salt"])
    kind = kdf.get("type")
    if kind == "pbkdf2":
        return hashlib.pbkdf2_hmac(str(kdf["hash"]), secret, salt, int(kdf["iterations"]), size)
    if kind == "argon2id":
        from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

        return Argon2id(salt=salt, length=size, iterations=int(kdf["time"]), lanes=int(kdf["cpus"]),
                        memory_cost=int(kdf["memory"])).derive(secret)
    raise EvidenceError(f"This LUKS key slot uses {kind} to derive its key; this version reads pbkdf2 and argon2id.",
                        hint="Add a key slot with pbkdf2 or argon2id (cryptsetup luksAddKey --pbkdf) on a copy.")


def _luks1_master_key(volume: ByteVolume, secret: bytes) -> bytes | None:
    head = volume.read(0, 592)
    mode = _text(head[40:72])
    hash_name = _text(head[72:104])
    key_bytes = struct.unpack_from(">I", head, 108)[0]
    mk_digest, mk_salt = head[112:132], head[132:164]
    mk_iter = struct.unpack_from(">I", head, 164)[0]
    cipher = f"{_text(head[8:40])}-{mode}"
    for slot in range(8):
        active, iterations = struct.unpack_from(">II", head, 208 + 48 * slot)
        if active != _LUKS1_ENABLED:
            continue
        salt = head[216 + 48 * slot:248 + 48 * slot]
        material_sector, stripes = struct.unpack_from(">II", head, 248 + 48 * slot)
        key = hashlib.pbkdf2_hmac(hash_name, secret, salt, iterations, key_bytes)
        size = -(-key_bytes * stripes // _SECTOR) * _SECTOR
        material = _xts_decrypt_area(volume.read(material_sector * _SECTOR, size), key, cipher)
        candidate = _af_merge(material, key_bytes, stripes, hash_name)
        if hashlib.pbkdf2_hmac(hash_name, candidate, mk_salt, mk_iter, 20) == mk_digest:
            return candidate
    return None


def _luks2_master_key(meta: dict[str, Any], volume: ByteVolume, secret: bytes) -> tuple[bytes, str] | None:
    """(volume key, segment id) the secret opens, or None."""
    for slot_id, slot in sorted(meta.get("keyslots", {}).items()):
        if slot.get("type") != "luks2":
            continue
        area, af = slot["area"], slot["af"]
        key = _kdf(slot["kdf"], secret, int(area["key_size"]))
        key_size, stripes = int(slot["key_size"]), int(af["stripes"])
        size = -(-key_size * stripes // _SECTOR) * _SECTOR
        material = _xts_decrypt_area(volume.read(int(area["offset"]), size), key, str(area["encryption"]))
        candidate = _af_merge(material, key_size, stripes, str(af["hash"]))
        for digest in meta.get("digests", {}).values():
            if slot_id not in digest.get("keyslots", []) or digest.get("type") != "pbkdf2":
                continue
            want = base64.b64decode(digest["digest"])
            got = hashlib.pbkdf2_hmac(str(digest["hash"]), candidate, base64.b64decode(digest["salt"]),
                                      int(digest["iterations"]), len(want))
            if got == want:
                return candidate, str(digest.get("segments", ["0"])[0])
    return None


def _luks1_python(volume: ByteVolume, secret: bytes, wrong: EvidenceError, where: str) -> ByteVolume:
    master = _luks1_master_key(volume, secret)
    if master is None:
        raise wrong
    head = volume.read(0, 112)
    cipher = f"{_text(head[8:40])}-{_text(head[40:72])}"
    if cipher != "aes-xts-plain64":
        raise EvidenceError(f"The LUKS1 volume {where} is encrypted with {cipher}; with a key file that is not text "
                            "this version reads aes-xts-plain64 only.")
    offset = struct.unpack_from(">I", head, 104)[0] * _SECTOR
    return _XtsVolume(volume, master, offset, volume.size - offset, _SECTOR, 0)


def _open_luks(volume: ByteVolume, kind: str, secret: bytes, where: str) -> ByteVolume:
    """The decrypted bytes of a LUKS volume, or EvidenceError when the secret does not open it."""
    head = volume.read(0, 8)
    version = struct.unpack_from(">H", head, 6)[0] if head[:6] == LUKS_MAGIC else 0
    wrong = EvidenceError(f"The {SECRET_WORDS.get(kind, kind)} given does not unlock the LUKS{version} volume {where}; "
                          "nothing was recorded.", hint="Check the passphrase or key file (a key file is used byte "
                                                        "for byte, with no newline removed) and try again.")
    if version == 1:
        try:
            password = secret.decode("utf-8")
        except UnicodeDecodeError:  # a binary key file: pyluksde takes text only (and no 512-bit key)
            return _luks1_python(volume, secret, wrong, where)
        handle = pyluksde.volume()
        keep = FileObject(volume)
        try:
            handle.open_file_object(keep)
            handle.set_password(password)
            if not handle.unlock():
                raise wrong
        except (OSError, RuntimeError) as exc:
            raise EvidenceError(f"The LUKS1 volume {where} could not be read by libluksde: {exc}") from exc
        return _LibyalVolume(handle, keep)
    if version != 2:
        raise EvidenceError(f"The volume {where} is not a LUKS volume this version reads.")
    meta = _luks_json(volume)
    found = _luks2_master_key(meta, volume, secret)
    if found is None:
        raise wrong
    key, segment_id = found
    segment = meta["segments"][segment_id]
    if segment.get("encryption") != "aes-xts-plain64":
        raise EvidenceError(f"The LUKS2 volume {where} is encrypted with {segment.get('encryption')}; this version "
                            "reads aes-xts-plain64 only.")
    offset = int(segment["offset"])
    size = volume.size - offset if segment.get("size") == "dynamic" else int(segment["size"])
    return _XtsVolume(volume, key, offset, size, int(segment.get("sector_size", _SECTOR)),
                      int(segment.get("iv_tweak", 0)))


# ----------------------------------------------------------------------------- BitLocker

def _open_bde(volume: ByteVolume, kind: str, secret: bytes, where: str) -> ByteVolume:
    """The decrypted bytes of a BitLocker volume, or EvidenceError when the secret does not open it."""
    handle = pybde.volume()
    keep = FileObject(volume)
    startup_path = None
    try:
        if kind == "password":
            handle.set_password(secret.decode("utf-8"))
        elif kind == "recovery-key":
            handle.set_recovery_password(secret.decode("ascii").strip())
        elif kind == "key-file":  # libbde reads a startup key (.BEK) from a file: a private one, removed at once
            fd, startup_path = tempfile.mkstemp(suffix=".BEK", dir=keyring.folder())
            with os.fdopen(fd, "wb") as out:
                out.write(secret)
            handle.read_startup_key(startup_path)
        else:
            raise EvidenceError(f"A BitLocker volume is not unlocked with a {kind}.")
    except (UnicodeDecodeError, OSError, RuntimeError) as exc:
        raise EvidenceError(f"The {SECRET_WORDS.get(kind, kind)} given cannot be used for the BitLocker volume "
                            f"{where} ({_first_sentence(exc)}); nothing was recorded.",
                            hint="A recovery key is 48 digits in 8 groups separated by hyphens; a startup key is "
                                 "the .BEK file written when BitLocker was turned on.") from exc
    finally:
        if startup_path:
            os.unlink(startup_path)
    try:
        handle.open_file_object(keep)
    except (OSError, RuntimeError) as exc:
        raise EvidenceError(f"The BitLocker volume {where} could not be opened by libbde ({_first_sentence(exc)}): "
                            "its metadata is damaged or of a kind this version does not read; nothing was "
                            "recorded.") from exc
    try:
        locked = handle.is_locked() and not handle.unlock()
    except (OSError, RuntimeError):
        locked = True
    if locked:
        raise EvidenceError(f"The {SECRET_WORDS.get(kind, kind)} given does not unlock the BitLocker volume {where}; "
                            "nothing was recorded.", hint="Check it and try again (a recovery key is 48 digits, "
                                                          "8 groups of 6).")
    return _LibyalVolume(handle, keep)


# ----------------------------------------------------------------------------- unlockers and openers

def _unlocked(volume: dict[str, Any], layer: str, label: str, plain: ByteVolume) -> list[VolumeInfo]:
    try:
        fs = pytsk3.FS_Info(VolumeImg(plain), offset=0)
        fs_type, block, status = fs_type_name(fs), int(fs.info.block_size), "pending"
    except (OSError, RuntimeError):
        fs_type, block, status = None, None, "no-fs"
    outer = str(volume.get("layer") or "")
    details = json.loads(volume.get("details") or "{}") if isinstance(volume.get("details"), str) \
        else dict(volume.get("details") or {})
    details["decrypted_size"] = plain.size
    return [VolumeInfo(volume.get("addr"), int(volume["offset"]), plain.size,
                       f"{volume.get('description') or 'volume'} ({label}, unlocked)", volume.get("vs_type"),
                       fs_type, block, None, status, layer=f"{outer}+{layer}" if outer else layer,
                       lock_state="unlocked", details=details, parent_layer=outer)]


def _where(volume: dict[str, Any]) -> str:
    return f"at byte {int(volume['offset'])}"


def unlock_bde(media: ByteVolume, volume: dict[str, Any], kind: str, secret: bytes) -> list[VolumeInfo]:
    """The volume a BitLocker secret opens (layer ``bde``); EvidenceError when it does not."""
    below = MediaSlice(media, int(volume["offset"]), int(volume["length"]))
    return _unlocked(volume, "bde", "BitLocker", _open_bde(below, kind, secret, _where(volume)))


def unlock_luks(media: ByteVolume, volume: dict[str, Any], kind: str, secret: bytes) -> list[VolumeInfo]:
    """The volume a LUKS passphrase or key file opens (layer ``luks``); EvidenceError when it does not."""
    below = MediaSlice(media, int(volume["offset"]), int(volume["length"]))
    return _unlocked(volume, "luks", "LUKS", _open_luks(below, kind, secret, _where(volume)))


def _secret(ctx: LayerContext, what: str) -> tuple[str, bytes]:
    layer = f"{ctx.outer}+{ctx.segment}" if ctx.outer else ctx.segment
    found = keyring.get(ctx.evidence_path, ctx.offset, layer)
    if found is None:
        raise FileSystemError(f"locked: the {what} volume at byte {ctx.offset} has not been unlocked in this session: "
                              "run evidence unlock first.",
                              hint="forensic-triage evidence unlock CASE EXHIBIT --volume N (or unlock it in the "
                                   "desktop application); the secret is kept until logout or 'evidence lock'.")
    return found


def open_bde(ctx: LayerContext) -> ByteVolume:
    """The decrypted bytes of a BitLocker volume (the secret from the session keyring)."""
    kind, secret = _secret(ctx, "BitLocker")
    try:
        return _open_bde(ctx.below(), kind, secret, f"at byte {ctx.offset}")
    except EvidenceError as exc:
        raise FileSystemError(str(exc), hint=exc.hint) from exc


def open_luks(ctx: LayerContext) -> ByteVolume:
    """The decrypted bytes of a LUKS volume (the secret from the session keyring)."""
    kind, secret = _secret(ctx, "LUKS")
    try:
        return _open_luks(ctx.below(), kind, secret, f"at byte {ctx.offset}")
    except EvidenceError as exc:
        raise FileSystemError(str(exc), hint=exc.hint) from exc


# ----------------------------------------------------------------------------- the case side

@dataclasses.dataclass(slots=True)
class Unlocked:
    """What :func:`unlock_volume` did."""

    evidence: str
    number: int
    kind: str  # BitLocker | LUKS1 | LUKS2
    secret_kind: str
    layer: str
    fs_type: str | None
    recorded: bool  # False: already unlocked earlier (only the session secret was kept again)


def locked_volumes_in(rows: list[dict[str, Any]]) -> list[tuple[int, dict[str, Any]]]:
    """(number, row) of every encrypted volume (locked or unlocked) among an item's volume rows."""
    return [(i, r) for i, r in enumerate(_listed(rows), 1) if r["lock_state"] in ("locked", "unlocked")]


def locked_volumes(store: Any, evidence_id: int) -> list[tuple[int, dict[str, Any]]]:
    """(number, row) of every encrypted volume of an item (locked or unlocked), by number."""
    return locked_volumes_in(store.evidence.volumes(evidence_id))


def find_item(store: Any, exhibit: str) -> dict[str, Any]:
    items = store.evidence.named(exhibit)
    if not items:
        raise EvidenceError(f"No evidence item {exhibit!r} in this case.",
                            hint="'forensic-triage evidence list CASE' lists them.")
    return dict(items[0])


def unlock_volume(store: Any, exhibit: str, number: int, secret_kind: str, secret: bytes,
                  actor: str | None = None) -> Unlocked:
    """Unlock volume ``number`` of evidence item ``exhibit`` with ``secret`` (of ``secret_kind``, one of
    :data:`keyring.KINDS`): check it, keep it in the session keyring, record the decrypted volume
    (so triage walks it) and audit the unlock — never the secret. A wrong secret raises
    :class:`EvidenceError` and records nothing."""
    from ..evidence.images import open_media
    from .layers import UNLOCKERS, load

    item = find_item(store, exhibit)
    found = dict(locked_volumes(store, int(item["id"])))
    if number not in found:
        numbers = ", ".join(str(n) for n in found) or "none"
        raise EvidenceError(f"Volume {number} of {item['uid']} is not an encrypted volume (encrypted volumes: "
                            f"{numbers}).")
    row = found[number]
    details = json.loads(row["details"] or "{}")
    kind = str(details.get("kind") or row["fs_type"] or "")
    prefix = "bde" if kind == "BitLocker" else "luks"
    if secret_kind not in UNLOCKS_WITH.get(kind, []):
        raise EvidenceError(f"A {kind} volume is not unlocked with a {SECRET_WORDS.get(secret_kind, secret_kind)}; "
                            f"it needs {NEEDS.get(kind, 'a secret')}.")
    media = open_media(item["path"])
    try:
        new = load(UNLOCKERS[prefix])(media, row, secret_kind, secret)
    finally:
        media.close()
    layer = new[0].layer
    keyring.put(item["path"], int(row["offset"]), layer, secret_kind, secret)
    recorded = row["lock_state"] == "locked"
    with store.transaction():
        if recorded:
            for v in new:
                store.evidence.add_layer_volume(int(item["id"]), int(row["id"]), v)
            store.evidence.update_volume(int(row["id"]), lock_state="unlocked")
            store.triage.add_warning(source="fs.crypto", kind="warning", evidence_id=int(item["id"]),
                              locator=f"{item['uid']}:{row['offset']}",
                              details={"volume": number, "layer": layer, "secret_kind": secret_kind},
                              message=f"Evidence item {item['uid']}: the {kind} volume at byte {row['offset']} "
                                      f"(volume {number}), locked when it was added, was unlocked with a "
                                      f"{SECRET_WORDS[secret_kind]}; its files are listed through layer '{layer}' "
                                      f"({new[0].fs_type or 'no file system found on the decrypted bytes'}).")
        store.audit(actor or store.examiner, "evidence volume unlocked", {
            "evidence": item["uid"], "volume": number, "offset": int(row["offset"]), "encryption": kind,
            "secret_kind": secret_kind, "layer": layer, "file_system": new[0].fs_type,
            "first_unlock": recorded}, touched=("volumes", "warnings"))
    return Unlocked(str(item["uid"]), number, kind, secret_kind, layer, new[0].fs_type, recorded)


def lock_volumes(store: Any, exhibit: str) -> int:
    """Forget this session's secrets of every encrypted volume of an item; how many were kept."""
    item = find_item(store, exhibit)
    forgotten = 0
    for row in store.evidence.volumes(int(item["id"])):
        if row["lock_state"] == "unlocked" and row["layer"]:
            forgotten += keyring.forget(item["path"], int(row["offset"]), str(row["layer"]))
    return forgotten


__all__ = ["Unlocked", "discover", "find_item", "lock_volumes", "locked_volumes", "locked_volumes_in", "unlock_volume", "kind_of_header", "open_bde", "open_luks", "unlock_bde", "unlock_luks",
           "volume_number"]
