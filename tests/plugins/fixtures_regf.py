"""A minimal writer of Windows registry hives (regf 1.5) for test fixtures.

No maintained library writes hives, and the corpus has no SOFTWARE hive, so the tests build
small hives here: one hive bin, ``nk`` keys with ``li`` sub-key lists, ``vk`` values (data of
up to 4 bytes stored in the value cell, larger data in its own cell). Only what libregf needs
to read the hive is written; libregf (and regipy, in a test) read the result back, which is
what proves the writer right.

A key is ``Key(name, values=[Value(...)], subkeys=[Key(...)], written=FILETIME)``.
"""

from __future__ import annotations

import dataclasses
import struct

REG_SZ, REG_EXPAND_SZ, REG_BINARY, REG_DWORD, REG_MULTI_SZ, REG_QWORD = 1, 2, 3, 4, 7, 11

# 2024-03-01T10:00:00Z as FILETIME.
FILETIME_2024_03_01 = (1709287200 + 11644473600) * 10_000_000


def filetime(unix_seconds: float) -> int:
    return int((unix_seconds + 11644473600) * 10_000_000)


@dataclasses.dataclass
class Value:
    name: str
    type: int
    data: bytes

    @classmethod
    def sz(cls, name: str, text: str, kind: int = REG_SZ) -> Value:
        return cls(name, kind, text.encode("utf-16-le") + b"\0\0")

    @classmethod
    def dword(cls, name: str, number: int) -> Value:
        return cls(name, REG_DWORD, struct.pack("<I", number))

    @classmethod
    def qword(cls, name: str, number: int) -> Value:
        return cls(name, REG_QWORD, struct.pack("<Q", number))

    @classmethod
    def binary(cls, name: str, data: bytes) -> Value:
        return cls(name, REG_BINARY, data)

    @classmethod
    def multi(cls, name: str, items: list[str]) -> Value:
        return cls(name, REG_MULTI_SZ, "".join(i + "\0" for i in items).encode("utf-16-le") + b"\0\0")


@dataclasses.dataclass
class Key:
    name: str
    values: list[Value] = dataclasses.field(default_factory=list)
    subkeys: list[Key] = dataclasses.field(default_factory=list)
    written: int = FILETIME_2024_03_01

    def add(self, path: str, *values: Value, written: int | None = None) -> Key:
        """The key at ``path`` below this one (created as needed), with ``values`` added."""
        node = self
        for part in path.split("\\"):
            found = next((k for k in node.subkeys if k.name.lower() == part.lower()), None)
            if found is None:
                found = Key(part, written=self.written)
                node.subkeys.append(found)
            node = found
        node.values.extend(values)
        if written is not None:
            node.written = written
        return node


def _name(text: str) -> tuple[bytes, bool]:
    try:
        return text.encode("ascii"), True
    except UnicodeEncodeError:
        return text.encode("utf-16-le"), False


class _Cells:
    def __init__(self) -> None:
        self.buf = bytearray(32)  # room for the hive bin header

    def alloc(self, payload: bytes) -> int:
        offset = len(self.buf)
        size = (4 + len(payload) + 7) & ~7
        self.buf += struct.pack("<i", -size) + payload + b"\0" * (size - 4 - len(payload))
        return offset

    def patch(self, offset: int, payload: bytes) -> None:
        self.buf[offset + 4: offset + 4 + len(payload)] = payload


def _write_key(cells: _Cells, key: Key, parent: int, root: bool) -> int:
    name, compressed = _name(key.name)
    nk = cells.alloc(bytes(76 + len(name)))
    value_offsets = []
    for value in key.values:
        vname, vcomp = _name(value.name)
        if len(value.data) <= 4:
            size_field = len(value.data) | 0x80000000
            data_offset = int.from_bytes(value.data.ljust(4, b"\0"), "little")
        else:
            size_field = len(value.data)
            data_offset = cells.alloc(value.data)
        vk = struct.pack("<2sHIIIHH", b"vk", len(vname), size_field, data_offset, value.type,
                         1 if vcomp else 0, 0) + vname
        value_offsets.append(cells.alloc(vk))
    values_list = cells.alloc(b"".join(struct.pack("<I", o) for o in value_offsets)) if value_offsets else 0xFFFFFFFF
    children = sorted(key.subkeys, key=lambda k: k.name.upper())
    child_offsets = [_write_key(cells, child, nk, False) for child in children]
    if child_offsets:
        subkey_list = cells.alloc(struct.pack("<2sH", b"li", len(child_offsets))
                                  + b"".join(struct.pack("<I", o) for o in child_offsets))
    else:
        subkey_list = 0xFFFFFFFF
    flags = (0x2C if root else 0x20) if compressed else (0x0C if root else 0x00)
    max_sub = max((len(c.name) * 2 for c in children), default=0)
    max_vname = max((len(v.name) * 2 for v in key.values), default=0)
    max_data = max((len(v.data) for v in key.values), default=0)
    payload = struct.pack(
        "<2sHQ15IHH", b"nk", flags, key.written, 0, parent if not root else 0xFFFFFFFF,
        len(child_offsets), 0, subkey_list, 0xFFFFFFFF, len(value_offsets), values_list, 0xFFFFFFFF,
        0xFFFFFFFF, max_sub, 0, max_vname, max_data, 0, len(name), 0) + name
    cells.patch(nk, payload)
    return nk


def build_hive(root: Key, *, file_name: str = "\\SystemRoot\\System32\\Config\\TEST",
               sequence: tuple[int, int] = (1, 1)) -> bytes:
    """The bytes of a hive holding ``root`` and everything below it."""
    cells = _Cells()
    root_offset = _write_key(cells, root, 0, True)
    size = (len(cells.buf) + 8 + 4095) & ~4095
    free = size - len(cells.buf)
    cells.buf += struct.pack("<i", free) + b"\0" * (free - 4)
    struct.pack_into("<4sIIQQ", cells.buf, 0, b"hbin", 0, size, 0, root.written)
    base = bytearray(4096)
    struct.pack_into("<4sIIQIIIIIII", base, 0, b"regf", sequence[0], sequence[1], root.written, 1, 5, 0, 1,
                     root_offset, size, 1)
    encoded = file_name.encode("utf-16-le")[:64]
    base[0x30: 0x30 + len(encoded)] = encoded
    checksum = 0
    for (word,) in struct.iter_unpack("<I", bytes(base[:508])):
        checksum ^= word
    struct.pack_into("<I", base, 0x1FC, checksum)
    return bytes(base) + bytes(cells.buf)
