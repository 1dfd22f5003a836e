"""Builders for small Windows fixtures: LNK files, OLE compound files (CFB v3), OLE property sets.

Written from the published specifications ([MS-SHLLINK], [MS-CFB], [MS-OLEPS]) so the tests do not
need committed binaries. They write only what the tests need and are read back by the real
libyal libraries, which is what the tests check.
"""

from __future__ import annotations

import struct
import uuid

LNK_CLSID = bytes.fromhex("0114020000000000c000000000000046")


def build_lnk(*, local_path: str, working_dir: str, arguments: str, relative_path: str,
              created: int, accessed: int, modified: int, size: int, attributes: int = 0x20,
              drive_type: int = 3, serial: int = 0x1234ABCD, label: str = "SYSTEM",
              machine_id: str = "pc-01", droid_volume: uuid.UUID, droid_file: uuid.UUID) -> bytes:
    """A shortcut with LinkInfo (volume + local path), string data and a tracker data block."""
    flags = 0x2 | 0x8 | 0x10 | 0x20 | 0x80  # LinkInfo, RelativePath, WorkingDir, Arguments, Unicode
    header = struct.pack("<I16sIIQQQIiIHHII", 0x4C, LNK_CLSID, flags, attributes, created, accessed,
                         modified, size, 0, 1, 0, 0, 0, 0)
    volume_id = struct.pack("<IIII", 16 + len(label) + 1, drive_type, serial, 16) + label.encode("ascii") + b"\0"
    base = local_path.encode("cp1252") + b"\0"
    info_header = 0x1C
    vol_off = info_header
    base_off = vol_off + len(volume_id)
    suffix_off = base_off + len(base)
    body = volume_id + base + b"\0"
    link_info = struct.pack("<IIIIIII", info_header + len(body), info_header, 1, vol_off, base_off, 0,
                            suffix_off) + body

    def string(text: str) -> bytes:
        return struct.pack("<H", len(text)) + text.encode("utf-16-le")

    strings = string(relative_path) + string(working_dir) + string(arguments)
    tracker = struct.pack("<IIII", 0x60, 0xA0000003, 0x58, 0) + machine_id.encode("ascii").ljust(16, b"\0")
    tracker += droid_volume.bytes_le + droid_file.bytes_le + droid_volume.bytes_le + droid_file.bytes_le
    return header + link_info + strings + tracker + struct.pack("<I", 0)


# --- OLE compound file (CFB version 3, 512-byte sectors) -------------------------------------------

FREESECT, ENDOFCHAIN, FATSECT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
SECTOR, MINI, CUTOFF = 512, 64, 4096


def _dir_entry(name: str, kind: int, child: int = NOSTREAM, right: int = NOSTREAM, start: int = ENDOFCHAIN,
               size: int = 0) -> bytes:
    raw = name.encode("utf-16-le") + b"\0\0"
    return struct.pack("<64sHBBIII16sIQQIQ", raw, len(raw), kind, 1, NOSTREAM, right, child, b"\0" * 16,
                       0, 0, 0, start, size)


def build_cfb(streams: list[tuple[str, bytes]]) -> bytes:
    """An OLE compound file holding ``streams`` in its root storage (small ones in the mini stream)."""
    ordered = sorted(streams, key=lambda s: (len(s[0]), s[0].upper()))
    mini_stream = b""
    mini_fat: list[int] = []
    placed: list[tuple[int, int, bool]] = []  # (start, size, in mini stream)
    big: list[tuple[int, bytes]] = []
    for index, (_, data) in enumerate(ordered):
        if len(data) < CUTOFF:
            count = max(1, -(-len(data) // MINI))
            start = len(mini_fat)
            mini_fat.extend(list(range(start + 1, start + count)) + [ENDOFCHAIN])
            mini_stream += data.ljust(count * MINI, b"\0")
            placed.append((start if data else ENDOFCHAIN, len(data), True))
        else:
            big.append((index, data))
            placed.append((0, len(data), False))

    def sectors(n: int) -> int:
        return -(-n // SECTOR)

    n_dir = sectors(128 * (len(ordered) + 1))
    n_minifat = sectors(4 * len(mini_fat)) if mini_fat else 0
    n_ministream = sectors(len(mini_stream))
    n_big = sum(sectors(len(d)) for _, d in big)
    n_fat = 1
    while n_fat * 128 < n_fat + n_dir + n_minifat + n_ministream + n_big:
        n_fat += 1
    fat: list[int] = [FATSECT] * n_fat

    def chain(count: int) -> int:
        start = len(fat)
        fat.extend(list(range(start + 1, start + count)) + [ENDOFCHAIN])
        return start

    dir_start = chain(n_dir)
    minifat_start = chain(n_minifat) if n_minifat else ENDOFCHAIN
    ministream_start = chain(n_ministream) if n_ministream else ENDOFCHAIN
    big_starts = {index: chain(sectors(len(data))) for index, data in big}
    fat.extend([FREESECT] * (n_fat * 128 - len(fat)))

    entries = [_dir_entry("Root Entry", 5, child=1 if ordered else NOSTREAM, start=ministream_start,
                          size=len(mini_stream))]
    for index, (name, _) in enumerate(ordered):
        start, size, in_mini = placed[index]
        right = index + 2 if index + 1 < len(ordered) else NOSTREAM
        entries.append(_dir_entry(name, 2, right=right, start=start if in_mini else big_starts[index], size=size))
    unused = b"\0" * 68 + struct.pack("<III", NOSTREAM, NOSTREAM, NOSTREAM) + b"\0" * 48
    directory = b"".join(entries) + unused * (n_dir * 4 - len(entries))
    difat = list(range(n_fat)) + [FREESECT] * (109 - n_fat)
    header = struct.pack("<8s16sHHHHH6sIIIIIIIII", bytes.fromhex("d0cf11e0a1b11ae1"), b"\0" * 16, 0x3E, 3,
                         0xFFFE, 9, 6, b"\0" * 6, 0, n_fat, dir_start, 0, CUTOFF, minifat_start, n_minifat,
                         ENDOFCHAIN, 0) + struct.pack("<109I", *difat)
    body = struct.pack(f"<{len(fat)}I", *fat) + directory
    if n_minifat:
        mf = mini_fat + [FREESECT] * (n_minifat * 128 - len(mini_fat))
        body += struct.pack(f"<{len(mf)}I", *mf)
    body += mini_stream.ljust(n_ministream * SECTOR, b"\0")
    for _, data in big:
        body += data.ljust(sectors(len(data)) * SECTOR, b"\0")
    return header + body


# --- OLE property set ([MS-OLEPS]) -----------------------------------------------------------------

SUMMARY_FMTID = uuid.UUID("f29f85e0-4ff9-1068-ab91-08002b27b3d9")


def build_property_set(fmtid: uuid.UUID, properties: dict[int, str | int | tuple[str, int]]) -> bytes:
    """One-section property set: str -> VT_LPSTR (cp1252), int -> VT_I4, ("filetime", n) -> VT_FILETIME."""
    values: list[tuple[int, bytes]] = [(1, struct.pack("<Ihxx", 2, 1252))]  # PID_CODEPAGE, VT_I2
    for pid, value in properties.items():
        if isinstance(value, tuple):
            values.append((pid, struct.pack("<IQ", 0x40, value[1])))
        elif isinstance(value, int):
            values.append((pid, struct.pack("<Ii", 3, value)))
        else:
            raw = value.encode("cp1252") + b"\0"
            raw = raw.ljust(-(-len(raw) // 4) * 4, b"\0")
            values.append((pid, struct.pack("<II", 0x1E, len(value) + 1) + raw))
    table_size = 8 + 8 * len(values)
    offsets, blob = [], b""
    for _, raw in values:
        offsets.append(table_size + len(blob))
        blob += raw
    section = struct.pack("<II", table_size + len(blob), len(values))
    section += b"".join(struct.pack("<II", pid, off) for (pid, _), off in zip(values, offsets, strict=True))
    section += blob
    header = struct.pack("<HHI16sI", 0xFFFE, 0, 0x00020006, b"\0" * 16, 1) + fmtid.bytes_le + struct.pack("<I", 48)
    return header + section
