"""Pure-Python writers of small Windows artifacts for the training packs (standard library only).

* :func:`regf_hive` - a registry hive file (``regf`` base block, one ``hbin``, ``nk``/``vk``/
  ``lh`` cells, a checksummed header): what libregf and RegRipper-style parsers read.
* :func:`prefetch_v30` - an uncompressed Windows 10 Prefetch file (format 30, ``SCCA``) with
  its run count, the last eight run times, the referenced files and the volume.
* :func:`lnk_file` - a shell link (``.lnk``) with a LinkInfo local path and the target's times.
* :func:`recycle_i_file` - a Recycle Bin ``$I`` file, version 2 (Windows 10).

Layouts follow libyal's format documentation (libregf, libscca, liblnk, dtformats). Every
value is given by the caller: nothing here reads the clock.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import struct
import uuid

from .ntfs import filetime

__all__ = ["RegKey", "regf_hive", "prefetch_v30", "prefetch_hash", "lnk_file", "recycle_i_file",
           "REG_SZ", "REG_BINARY", "REG_DWORD", "REG_QWORD", "REG_NONE"]

REG_NONE, REG_SZ, REG_EXPAND_SZ, REG_BINARY, REG_DWORD, REG_MULTI_SZ, REG_QWORD = 0, 1, 2, 3, 4, 7, 11


# --------------------------------------------------------------------------- registry hive


@dataclasses.dataclass
class RegKey:
    """A key: its name, last written time (UTC), values (name, type, data) and sub keys."""

    name: str
    written: _dt.datetime
    values: list[tuple[str, int, bytes]] = dataclasses.field(default_factory=list)
    subkeys: list[RegKey] = dataclasses.field(default_factory=list)

    def key(self, path: str, written: _dt.datetime | None = None) -> RegKey:
        """The sub key at ``path`` (backslash separated), created with ``written`` if missing."""
        node = self
        for part in path.split("\\"):
            found = next((k for k in node.subkeys if k.name.lower() == part.lower()), None)
            if found is None:
                found = RegKey(part, written or node.written)
                node.subkeys.append(found)
            node = found
        return node

    def set(self, name: str, kind: int, data: bytes | str | int) -> RegKey:
        if isinstance(data, str):
            raw = (data + "\0").encode("utf-16-le")
        elif isinstance(data, int):
            raw = struct.pack("<Q" if kind == REG_QWORD else "<I", data)
        else:
            raw = data
        self.values.append((name, kind, raw))
        return self


def _lh_hash(name: str) -> int:
    value = 0
    for ch in name.upper():
        value = (value * 37 + ord(ch)) & 0xFFFFFFFF
    return value


class _Cells:
    def __init__(self) -> None:
        self.data = bytearray()

    def add(self, body: bytes) -> int:
        offset = 0x20 + len(self.data)  # relative to the first hbin
        size = (len(body) + 4 + 7) & ~7
        self.data += struct.pack("<i", -size) + body.ljust(size - 4, b"\0")
        return offset

    def patch(self, offset: int, at: int, fmt: str, *values: int) -> None:
        struct.pack_into(fmt, self.data, offset - 0x20 + 4 + at, *values)


def _name_bytes(name: str) -> tuple[bytes, int]:
    """(stored name, 'compressed name' flag): ASCII names are stored one byte a character."""
    try:
        return name.encode("ascii"), 1
    except UnicodeEncodeError:
        return name.encode("utf-16-le"), 0


def _write_key(cells: _Cells, key: RegKey, parent: int, root: bool) -> int:
    name, ascii_name = _name_bytes(key.name)
    nk = bytearray(76)
    flags = (0x2C if root else 0x20) if ascii_name else (0x0C if root else 0)
    struct.pack_into("<2sHQI", nk, 0, b"nk", flags, filetime(key.written), 0)
    struct.pack_into("<IIIIIIIII", nk, 16, parent, len(key.subkeys), 0, 0xFFFFFFFF, 0xFFFFFFFF,
                     len(key.values), 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF)
    max_sub = max((len(k.name) * 2 for k in key.subkeys), default=0)
    max_vname = max((len(v[0]) * 2 for v in key.values), default=0)
    max_vdata = max((len(v[2]) for v in key.values), default=0)
    struct.pack_into("<IIIIIHH", nk, 52, max_sub, 0, max_vname, max_vdata, 0, len(name), 0)
    me = cells.add(bytes(nk) + name)
    if key.values:
        offsets = []
        for vname, kind, data in key.values:
            raw_name, ascii_value = _name_bytes(vname)
            if len(data) <= 4:
                size, where = 0x80000000 | len(data), int.from_bytes(data.ljust(4, b"\0"), "little")
            else:
                if len(data) > 16344:
                    raise ValueError("registry value too large for one cell")
                size, where = len(data), cells.add(data)
            vk = struct.pack("<2sHIIIHH", b"vk", len(raw_name), size, where, kind, ascii_value, 0) + raw_name
            offsets.append(cells.add(vk))
        cells.patch(me, 40, "<I", cells.add(struct.pack(f"<{len(offsets)}I", *offsets)))
    if key.subkeys:
        children = sorted(key.subkeys, key=lambda k: k.name.upper())
        child_offsets = [_write_key(cells, child, me, False) for child in children]
        lh = struct.pack("<2sH", b"lh", len(children)) + b"".join(
            struct.pack("<II", off, _lh_hash(child.name)) for off, child in zip(child_offsets, children, strict=True))
        cells.patch(me, 28, "<I", cells.add(lh))
    return me


def regf_hive(root: RegKey, file_name: str, written: _dt.datetime) -> bytes:
    """A registry hive file holding ``root`` and everything below it."""
    cells = _Cells()
    root_offset = _write_key(cells, root, 0xFFFFFFFF, True)
    used = 0x20 + len(cells.data)
    size = (used + 4095) // 4096 * 4096
    hbin = bytearray(size)
    struct.pack_into("<4sIIQQI", hbin, 0, b"hbin", 0, size, 0, filetime(written), 0)
    hbin[0x20: used] = cells.data
    if size > used:
        struct.pack_into("<i", hbin, used, size - used)  # the rest is one free cell
    base = bytearray(4096)
    struct.pack_into("<4sIIQIIIIIII", base, 0, b"regf", 1, 1, filetime(written), 1, 5, 0, 1, root_offset, size, 1)
    tail = file_name[-31:].encode("utf-16-le")
    base[0x30: 0x30 + len(tail)] = tail
    checksum = 0
    for (word,) in struct.iter_unpack("<I", bytes(base[:508])):
        checksum ^= word
    struct.pack_into("<I", base, 0x1FC, checksum)
    return bytes(base) + bytes(hbin)


# --------------------------------------------------------------------------- prefetch


def prefetch_hash(device_path: str) -> int:
    """The Prefetch hash (Vista algorithm) of the executable's device path, upper-cased UTF-16."""
    value = 314159
    for byte in device_path.upper().encode("utf-16-le"):
        value = (value * 37 + byte) % 0x100000000
    return value


def prefetch_v30(executable: str, device_path: str, run_times: list[_dt.datetime], run_count: int,
                 referenced: list[str], volume_device: str, volume_serial: int, volume_created: _dt.datetime,
                 directories: list[str]) -> tuple[bytes, int]:
    """An uncompressed format-30 Prefetch file and its hash. ``run_times``: most recent first (<= 8)."""
    pf_hash = prefetch_hash(device_path)
    names = [(n + "\0").encode("utf-16-le") for n in referenced]
    strings = b"".join(names)
    metrics_off = 0x130
    metrics = bytearray()
    pos = 0
    for i, name in enumerate(referenced):
        metrics += struct.pack("<IIIIIIQ", i, 1, 0, pos, len(name), 0x202 if i == 0 else 2, 0)
        pos += len(names[i])
    trace_off = metrics_off + len(metrics)
    traces = b"".join(struct.pack("<IBBH", 1, 3, 1, 0xFFFF) for _ in referenced)
    strings_off = trace_off + len(traces)
    volumes_off = (strings_off + len(strings) + 7) & ~7
    # Volume information: one 96-byte entry, then its device path, file references and folders.
    dev = (volume_device + "\0").encode("utf-16-le")
    refs = struct.pack("<II", 3, 0) + bytes(8)
    dirs = b"".join(struct.pack("<H", len(d)) + (d + "\0").encode("utf-16-le") for d in directories)
    path_at = 96
    refs_at = (path_at + len(dev) + 7) & ~7
    dirs_at = refs_at + len(refs)
    entry = bytearray(96)
    struct.pack_into("<IIQIIIIII", entry, 0, path_at, len(volume_device), filetime(volume_created), volume_serial,
                     refs_at, len(refs), dirs_at, len(directories), 0)
    struct.pack_into("<I", entry, 64, len(directories))
    volume = bytes(entry) + dev.ljust(refs_at - path_at, b"\0") + refs + dirs
    total = volumes_off + len(volume)
    head = bytearray(metrics_off)
    exe = executable.upper()[:29].encode("utf-16-le")
    struct.pack_into("<I4sII", head, 0, 30, b"SCCA", 0x11, total)
    head[16: 16 + len(exe)] = exe
    struct.pack_into("<II", head, 76, pf_hash, 0)
    struct.pack_into("<IIIIIIIII", head, 0x54, metrics_off, len(referenced), trace_off, len(referenced),
                     strings_off, len(strings), volumes_off, 1, len(volume))
    for i, moment in enumerate(run_times[:8]):
        struct.pack_into("<Q", head, 0x80 + 8 * i, filetime(moment))
    struct.pack_into("<I", head, 0xD0, run_count)
    out = bytes(head) + bytes(metrics) + traces + strings
    out = out.ljust(volumes_off, b"\0") + volume
    assert len(out) == total
    return out, pf_hash


# --------------------------------------------------------------------------- shortcut (LNK)


def lnk_file(target: str, created: _dt.datetime, modified: _dt.datetime, accessed: _dt.datetime, size: int,
             volume_serial: int, volume_label: str, machine: str, droid_volume: uuid.UUID,
             droid_file: uuid.UUID, drive_type: int = 3) -> bytes:
    """A shell link to the local file ``target``: header, LinkInfo (volume of ``drive_type``: 2
    removable, 3 fixed), tracker block."""
    flags = 0x02 | 0x80  # HasLinkInfo, IsUnicode
    header = struct.pack("<I16sIIQQQIIIHH8x", 0x4C, uuid.UUID("00021401-0000-0000-c000-000000000046").bytes_le,
                         flags, 0x20, filetime(created), filetime(accessed), filetime(modified), size, 0, 1, 0, 0)
    label = volume_label.encode("ascii") + b"\0"
    volume_id = struct.pack("<IIII", 16 + len(label), drive_type, volume_serial, 16) + label
    base = target.encode("cp1252") + b"\0"
    info_header = 0x1C
    vol_at = info_header
    base_at = vol_at + len(volume_id)
    suffix_at = base_at + len(base)
    info_size = suffix_at + 1
    link_info = struct.pack("<IIIIIII", info_size, info_header, 1, vol_at, base_at, 0, suffix_at) + volume_id \
        + base + b"\0"
    tracker = struct.pack("<IIII", 0x60, 0xA0000003, 0x58, 0) + machine.encode("ascii")[:15].ljust(16, b"\0") \
        + droid_volume.bytes_le + droid_file.bytes_le + droid_volume.bytes_le + droid_file.bytes_le
    return header + link_info + tracker + struct.pack("<I", 0)


# --------------------------------------------------------------------------- recycle bin


def recycle_i_file(original_path: str, size: int, deleted: _dt.datetime) -> bytes:
    """A Windows 10 ``$I`` file (version 2): header, size, deletion time, path length and path."""
    path = (original_path + "\0").encode("utf-16-le")
    return struct.pack("<QQQI", 2, size, filetime(deleted), len(path) // 2) + path
