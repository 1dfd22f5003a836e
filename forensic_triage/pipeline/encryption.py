"""Encrypted content: password-protected archives and documents, and encrypted containers.

Detected from the single read (head, tail and, for candidates only, a byte histogram):

* ZIP entries with the "encrypted" general-purpose flag (bit 0; ZipCrypto and WinZip AES);
* 7z archives whose header or content uses the AES coder (06 F1 07 01);
* RAR 4 archives with encrypted headers/files, RAR 5 archives with an encryption header;
* Office documents in an OLE container holding ``EncryptionInfo`` + ``EncryptedPackage``
  (how every password-protected .docx/.xlsx/.pptx is stored);
* PDFs with an ``/Encrypt`` entry in a trailer or cross-reference stream;
* LUKS and BitLocker volume headers, ASCII-armoured OpenPGP messages, age files;
* TrueCrypt/VeraCrypt-like containers: no known signature, size a multiple of 512 bytes and at
  least 256 KiB, entropy above 7.99 bits/byte *and* a byte histogram as flat as random data
  (chi-square below 400 for 255 degrees of freedom). Ordinary compressed formats carry a
  signature and are excluded by it; headerless compressed data fails the chi-square test.

The reason lands in ``FileResult.encrypted`` (short text); None means nothing was seen.
"""

from __future__ import annotations

import re
import struct

import numpy as np

from ..model import FileResult
from .analyzers import AnalyzerRun, FileInfo

TAIL = 64 * 1024
CONTAINER_MIN = 256 * 1024
ENTROPY_MIN = 7.99
CHI2_MAX = 400.0

_ZIP = b"PK\x03\x04"
_7Z = b"7z\xbc\xaf\x27\x1c"
_RAR4 = b"Rar!\x1a\x07\x00"
_RAR5 = b"Rar!\x1a\x07\x01\x00"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_AES_CODER = b"\x06\xf1\x07\x01"
_ENC_PACKAGE = "EncryptedPackage".encode("utf-16-le")
_ENC_INFO = "EncryptionInfo".encode("utf-16-le")
_PDF_ENCRYPT = re.compile(rb"/Encrypt\s*(?:\d+\s+\d+\s+R|<<)")
_CENTRAL = re.compile(rb"PK\x01\x02")


def _zip_reason(head: bytes, tail: bytes) -> str | None:
    names: list[str] = []
    if head.startswith(_ZIP) and len(head) >= 30:
        flags = struct.unpack_from("<H", head, 6)[0]
        if flags & 1:
            n = struct.unpack_from("<H", head, 26)[0]
            names.append(head[30:30 + n].decode("cp437", "replace"))
    for m in _CENTRAL.finditer(tail):
        p = m.start()
        if p + 46 > len(tail):
            break
        flags = struct.unpack_from("<H", tail, p + 8)[0]
        if flags & 1:
            n = struct.unpack_from("<H", tail, p + 28)[0]
            names.append(tail[p + 46:p + 46 + n].decode("cp437", "replace"))
    if not names:
        return None
    return f"ZIP with encrypted entries (e.g. {names[0][:60]!r})"


def _7z_reason(head: bytes, tail: bytes, size: int) -> str | None:
    if len(head) < 32:
        return None
    next_offset, next_size = struct.unpack_from("<QQ", head, 12)
    start = 32 + next_offset
    if next_size == 0 or start + next_size > size:
        return None
    if start + next_size <= len(head):
        header = head[start:start + next_size]
    elif start >= size - len(tail):
        header = tail[start - (size - len(tail)):][:next_size]
    else:
        return None  # header too far from both ends to see in the single read
    if not header:
        return None
    if _AES_CODER in header:
        if header[0] == 0x17:
            return "7z archive with encrypted header (names and content hidden)"
        return "7z archive with encrypted content"
    return None


def _rar_reason(head: bytes) -> str | None:
    if head.startswith(_RAR5):
        pos = len(_RAR5) + 4  # skip the header CRC32
        size, pos = _vint(head, pos)
        kind, pos = _vint(head, pos)
        if kind == 4:
            return "RAR 5 archive with encrypted headers"
        return None
    if head.startswith(_RAR4) and len(head) >= 7 + 13:
        _crc, htype, flags, hsize = struct.unpack_from("<HBHH", head, 7)
        if htype == 0x73 and flags & 0x0080:
            return "RAR archive with encrypted headers"
        pos = 7 + hsize
        if htype == 0x73 and len(head) >= pos + 7:
            _crc, ftype, fflags, _fsize = struct.unpack_from("<HBHH", head, pos)
            if ftype == 0x74 and fflags & 0x0004:
                return "RAR archive with encrypted file data"
    return None


def _vint(data: bytes, pos: int) -> tuple[int, int]:
    value = shift = 0
    while pos < len(data) and shift < 64:
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            break
    return value, pos


def _header_reason(head: bytes) -> str | None:
    if head.startswith(b"LUKS\xba\xbe"):
        return "LUKS encrypted volume header"
    if head[3:11] == b"-FVE-FS-":
        return "BitLocker encrypted volume header"
    if head.startswith(b"-----BEGIN PGP MESSAGE-----"):
        return "OpenPGP encrypted message (ASCII armour)"
    if head.startswith(b"age-encryption.org/v1\n"):
        return "age encrypted file"
    return None


def chi_square(counts: np.ndarray) -> float:
    total = counts.sum()
    if total <= 0:
        return float("inf")
    expected = total / 256.0
    return float(((counts - expected) ** 2 / expected).sum())


class _Run:
    def __init__(self, info: FileInfo, kind: str) -> None:
        self.info = info
        self.kind = kind
        self.tail = b""
        self.counts = np.zeros(256, dtype=np.int64) if kind == "container" else None
        self.ole_names: set[bytes] = set()
        self.ole_carry = b""
        self.ole_base = 0

    def feed(self, offset: int, data: bytes) -> None:
        if self.counts is not None:
            self.counts += np.bincount(np.frombuffer(data, dtype=np.uint8), minlength=256)
        if self.kind == "ole":
            self._ole(offset, data)
        if len(data) >= TAIL:
            self.tail = data[-TAIL:]
        else:
            self.tail = (self.tail + data)[-TAIL:]

    def _ole(self, offset: int, data: bytes) -> None:
        buf = self.ole_carry + data
        base = offset - len(self.ole_carry)
        for needle in (_ENC_PACKAGE, _ENC_INFO):
            i = buf.find(needle)
            while i >= 0:
                if (base + i) % 128 == 0:  # directory entries are 128-byte aligned in every sector size
                    self.ole_names.add(needle)
                i = buf.find(needle, i + 1)
        self.ole_carry = buf[-64:]

    def finish(self, result: FileResult, complete: bool) -> None:
        head, size = self.info.head, self.info.size
        reason: str | None = None
        if self.kind == "zip":
            reason = _zip_reason(head, self.tail)
        elif self.kind == "7z":
            reason = _7z_reason(head, self.tail, size)
        elif self.kind == "rar":
            reason = _rar_reason(head)
        elif self.kind == "ole":
            if self.ole_names == {_ENC_PACKAGE, _ENC_INFO}:
                reason = "password-protected Office document (EncryptionInfo + EncryptedPackage)"
        elif self.kind == "pdf":
            if _PDF_ENCRYPT.search(head) or _PDF_ENCRYPT.search(self.tail):
                reason = "encrypted PDF (/Encrypt dictionary)"
        elif self.kind == "header":
            reason = _header_reason(head)
        elif self.kind == "container" and self.counts is not None and complete:
            entropy = result.entropy or 0.0
            chi2 = chi_square(self.counts)
            if entropy > ENTROPY_MIN and chi2 < CHI2_MAX:
                reason = (f"possible encrypted container (TrueCrypt/VeraCrypt-like): no signature, "
                          f"{size} bytes = {size // 512} x 512, entropy {entropy:.4f}, chi-square {chi2:.0f}")
        if reason:
            result.encrypted = reason


class EncryptionAnalyzer:
    """Sets ``FileResult.encrypted``; only files whose head makes them candidates are followed."""

    name = "encryption"
    version = "1"

    def describe(self) -> dict[str, object]:
        return {"version": self.version, "container_min_bytes": CONTAINER_MIN, "entropy_min": ENTROPY_MIN,
                "chi_square_max": CHI2_MAX, "tail_bytes": TAIL}

    def start(self, info: FileInfo) -> AnalyzerRun | None:
        head = info.head
        kind: str | None = None
        if head.startswith(_ZIP):
            kind = "zip"
        elif head.startswith(_7Z):
            kind = "7z"
        elif head.startswith((_RAR4, _RAR5)):
            kind = "rar"
        elif head.startswith(_OLE):
            kind = "ole"
        elif b"%PDF-" in head[:1024]:
            kind = "pdf"
        elif _header_reason(head):
            kind = "header"
        elif (info.size >= CONTAINER_MIN and info.size % 512 == 0 and info.mime == "application/octet-stream"
              and info.magic == "data"):
            kind = "container"
        return _Run(info, kind) if kind else None


__all__ = ["EncryptionAnalyzer", "chi_square"]
