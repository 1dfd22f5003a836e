"""A pure-Python NTFS (version 3.1) file-system builder for the training packs.

:class:`NtfsBuilder` writes a small, byte-for-byte reproducible NTFS volume with the standard
library only: boot sector and its backup in the last sector, ``$MFT`` (1 KiB records with
update-sequence fixups) and ``$MFTMirr``, the system files 0-11 (records 12-15 reserved),
``$Extend`` with ``$ObjId``, ``$Quota`` and ``$Reparse``, and then the caller's folders and files:

* every file and folder has ``$STANDARD_INFORMATION`` (four UTC FILETIMEs, attributes) and a
  Win32 ``$FILE_NAME`` (NTFS times are UTC: no time zone is involved anywhere);
* ``$DATA`` is resident when small, otherwise non-resident with data runs; a file may be
  stored in two fragments; named streams (an alternate data stream such as
  ``Zone.Identifier``) are extra ``$DATA`` attributes;
* a folder keeps its entries, sorted by the upper-cased name as NTFS collates them, in
  ``$INDEX_ROOT`` when they fit in the MFT record, else in one ``INDX`` record of
  ``$INDEX_ALLOCATION`` (with fixups) marked in a ``$BITMAP``;
* a *deleted* file keeps its MFT record (flag "in use" cleared, sequence number bumped, MFT
  bitmap bit cleared), its name is removed from its folder's index and its clusters are free in
  ``$Bitmap`` but not overwritten: The Sleuth Kit lists it under its folder and recovers it.

Nothing here depends on the clock, the locale or the zlib build: the same calls give the same
bytes. Only what TSK (``fls``, ``icat``, ``istat``, ``fsstat``) and ntfs-3g (``ntfsinfo``,
``ntfsls``) need is written; there is no ``$LogFile`` content (all 0xFF: an empty, clean log),
no security descriptors and no 8.3 names.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import struct
from collections.abc import Iterable

__all__ = ["NtfsBuilder", "NtfsTimes", "filetime", "upcase_table", "apply_fixups"]

SECTOR = 512
CLUSTER = 4096
RECORD = 1024  # MFT record size
INDEX_BLOCK = 4096  # INDX record size (one cluster)
MFT_RECORDS = 256
FIRST_USER_RECORD = 64
LOG_CLUSTERS = 64  # $LogFile: 256 KiB of 0xFF (an empty, clean log)

# attribute types
SI, ATTR_LIST, FILE_NAME, OBJECT_ID, SECURITY, VOLUME_NAME, VOLUME_INFO = 0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70
DATA, INDEX_ROOT, INDEX_ALLOCATION, BITMAP = 0x80, 0x90, 0xA0, 0xB0
END = 0xFFFFFFFF

# file attribute flags
FA_READONLY, FA_HIDDEN, FA_SYSTEM, FA_ARCHIVE, FA_NORMAL = 0x01, 0x02, 0x04, 0x20, 0x80
FA_DIR_INDEX = 0x10000000  # $FILE_NAME of a folder: "has a $I30 index"

_EPOCH = _dt.datetime(1601, 1, 1, tzinfo=_dt.UTC)


def filetime(moment: _dt.datetime) -> int:
    """A FILETIME (100 ns ticks since 1601-01-01 UTC); a naive datetime is taken as UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=_dt.UTC)
    delta = moment - _EPOCH
    return (delta.days * 86400 + delta.seconds) * 10_000_000 + delta.microseconds * 10


@dataclasses.dataclass(frozen=True)
class NtfsTimes:
    """The four NTFS times of a file (UTC)."""

    created: _dt.datetime
    modified: _dt.datetime
    changed: _dt.datetime  # MFT record changed
    accessed: _dt.datetime

    @classmethod
    def of(cls, created: _dt.datetime, modified: _dt.datetime | None = None,
           accessed: _dt.datetime | None = None, changed: _dt.datetime | None = None) -> NtfsTimes:
        modified = modified or created
        return cls(created, modified, changed or modified, accessed or max(created, modified))

    def packed(self) -> bytes:
        return struct.pack("<4Q", filetime(self.created), filetime(self.modified), filetime(self.changed),
                           filetime(self.accessed))


def upcase_table() -> bytes:
    """The $UpCase table: 65536 little-endian code units (ASCII and Latin-1 letters upper-cased).

    Fixed here rather than taken from Python's Unicode database, so that it never changes with
    the interpreter; the builder collates names with the same table.
    """
    table = list(range(65536))
    for c in range(ord("a"), ord("z") + 1):
        table[c] = c - 32
    for c in range(0xE0, 0xFF):
        if c != 0xF7:
            table[c] = c - 32
    table[0xFF] = 0x178
    table[0xB5] = 0x39C
    return struct.pack("<65536H", *table)


_UPCASE = [c - 32 if ord("a") <= c <= ord("z") or (0xE0 <= c < 0xFF and c != 0xF7) else
           (0x178 if c == 0xFF else 0x39C if c == 0xB5 else c) for c in range(65536)]


def _collate_key(name: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    units = struct.unpack(f"<{len(name.encode('utf-16-le')) // 2}H", name.encode("utf-16-le"))
    return tuple(_UPCASE[u] for u in units), units


def apply_fixups(record: bytearray, usa_offset: int, sectors: int, usn: int) -> None:
    """Protect ``record`` with the update sequence array (in place): the last two bytes of each
    sector move into the array and are replaced by the update sequence number."""
    struct.pack_into("<H", record, usa_offset, usn)
    for i in range(sectors):
        end = (i + 1) * SECTOR - 2
        record[usa_offset + 2 + 2 * i: usa_offset + 4 + 2 * i] = record[end: end + 2]
        struct.pack_into("<H", record, end, usn)


def _signed_min(value: int) -> bytes:
    """The shortest little-endian two's-complement encoding of ``value``."""
    for size in range(1, 9):
        if -(1 << (8 * size - 1)) <= value < (1 << (8 * size - 1)):
            return value.to_bytes(size, "little", signed=True)
    raise ValueError(value)


def encode_runs(runs: Iterable[tuple[int | None, int]]) -> bytes:
    """Data runs: (first cluster or None for sparse, length in clusters) -> the mapping pairs."""
    out = bytearray()
    previous = 0
    for lcn, length in runs:
        size = _signed_min(length)
        if lcn is None:
            out += bytes([len(size)]) + size
            continue
        delta = _signed_min(lcn - previous)
        previous = lcn
        out += bytes([(len(delta) << 4) | len(size)]) + size + delta
    out.append(0)
    return bytes(out)


def _align8(n: int) -> int:
    return (n + 7) & ~7


# --------------------------------------------------------------------------- attributes


def resident(kind: int, value: bytes, attr_id: int, name: str = "", indexed: bool = False) -> bytes:
    name_raw = name.encode("utf-16-le")
    name_off = 0x18
    value_off = _align8(name_off + len(name_raw))
    length = _align8(value_off + len(value))
    out = bytearray(length)
    struct.pack_into("<IIBBHHHIHBB", out, 0, kind, length, 0, len(name), name_off if name else value_off, 0,
                     attr_id, len(value), value_off, 1 if indexed else 0, 0)
    out[name_off: name_off + len(name_raw)] = name_raw
    out[value_off: value_off + len(value)] = value
    return bytes(out)


def non_resident(kind: int, runs: list[tuple[int | None, int]], real_size: int, attr_id: int,
                 name: str = "", initialized: int | None = None) -> bytes:
    name_raw = name.encode("utf-16-le")
    name_off = 0x40
    runs_off = _align8(name_off + len(name_raw))
    mapping = encode_runs(runs)
    length = _align8(runs_off + len(mapping))
    clusters = sum(n for _, n in runs)
    out = bytearray(length)
    struct.pack_into("<IIBBHHH", out, 0, kind, length, 1, len(name), name_off if name else runs_off, 0, attr_id)
    struct.pack_into("<QQHH4xQQQ", out, 0x10, 0, max(clusters - 1, 0), runs_off, 0, clusters * CLUSTER,
                     real_size, real_size if initialized is None else initialized)
    out[name_off: name_off + len(name_raw)] = name_raw
    out[runs_off: runs_off + len(mapping)] = mapping
    return bytes(out)


def standard_information(times: NtfsTimes, attributes: int) -> bytes:
    return times.packed() + struct.pack("<IIIIIIQQ", attributes, 0, 0, 0, 0, 0, 0, 0)


def file_name_value(parent_ref: int, name: str, times: NtfsTimes, alloc: int, size: int, flags: int,
                    namespace: int = 1) -> bytes:
    raw = name.encode("utf-16-le")
    return (struct.pack("<Q", parent_ref) + times.packed()
            + struct.pack("<QQIIBB", alloc, size, flags, 0, len(raw) // 2, namespace) + raw)


def index_entry(file_ref: int, key: bytes, last: bool = False, child_vcn: int | None = None) -> bytes:
    flags = (2 if last else 0) | (1 if child_vcn is not None else 0)
    length = _align8(0x10 + len(key)) + (8 if child_vcn is not None else 0)
    out = bytearray(length)
    struct.pack_into("<QHHI", out, 0, 0 if last else file_ref, length, len(key), flags)
    out[0x10: 0x10 + len(key)] = key
    if child_vcn is not None:
        struct.pack_into("<Q", out, length - 8, child_vcn)
    return bytes(out)


def index_root_value(entries: bytes, collation: int = 1, indexed_type: int = FILE_NAME,
                     large: bool = False) -> bytes:
    header = struct.pack("<IIIB3x", indexed_type, collation, INDEX_BLOCK, INDEX_BLOCK // CLUSTER)
    node = struct.pack("<IIIB3x", 0x10, 0x10 + len(entries), 0x10 + len(entries), 1 if large else 0)
    return header + node + entries


def indx_record(vcn: int, entries: bytes) -> bytes:
    """One INDX record (a leaf) holding ``entries``, with its fixups applied."""
    usa_off, usa_count = 0x28, INDEX_BLOCK // SECTOR + 1
    first = _align8(usa_off + 2 * usa_count)  # 0x40
    if first + len(entries) > INDEX_BLOCK:
        raise ValueError("folder too large for one index record")
    rec = bytearray(INDEX_BLOCK)
    struct.pack_into("<4sHHQQ", rec, 0, b"INDX", usa_off, usa_count, 0, vcn)
    struct.pack_into("<IIIB3x", rec, 0x18, first - 0x18, first - 0x18 + len(entries), INDEX_BLOCK - 0x18, 0)
    rec[first: first + len(entries)] = entries
    apply_fixups(rec, usa_off, INDEX_BLOCK // SECTOR, 1)
    return bytes(rec)


def _split_leaves(entries: list[tuple[int, bytes]]) -> tuple[list[bytes], list[tuple[int, bytes]]]:
    """Sorted index entries -> (leaf INDX contents, separator entries for the root).

    A B-tree of depth one: each leaf is filled in order; the entry that does not fit is lifted
    into the root (pointing to the leaf before it) and the next leaf starts after it.
    """
    room = INDEX_BLOCK - 0x40 - len(index_entry(0, b"", last=True))
    leaves: list[bytes] = []
    separators: list[tuple[int, bytes]] = []
    current = b""
    for ref, key in entries:
        raw = index_entry(ref, key)
        if len(current) + len(raw) > room:
            leaves.append(current + index_entry(0, b"", last=True))
            separators.append((ref, key))
            current = b""
            continue
        current += raw
    leaves.append(current + index_entry(0, b"", last=True))
    return leaves, separators


def mft_record(number: int, seq: int, links: int, flags: int, attrs: list[bytes], usn: int = 1) -> bytes:
    rec = bytearray(RECORD)
    body = b"".join(attrs) + struct.pack("<II", END, 0)
    used = 0x38 + len(body)
    if used > RECORD:
        raise ValueError(f"MFT record {number} overflows ({used} bytes)")
    next_id = len(attrs)
    struct.pack_into("<4sHHQHHHHIIQHHI", rec, 0, b"FILE", 0x30, RECORD // SECTOR + 1, 0, seq, links, 0x38,
                     flags, used, RECORD, 0, next_id, 0, number)
    rec[0x38: 0x38 + len(body)] = body
    apply_fixups(rec, 0x30, RECORD // SECTOR, usn)
    return bytes(rec)


def _attrdef() -> bytes:
    rows = [("$STANDARD_INFORMATION", SI, 0, 0x40, 0x30, 0x48), ("$ATTRIBUTE_LIST", ATTR_LIST, 0, 0x80, 0, -1),
            ("$FILE_NAME", FILE_NAME, 1, 0x42, 0x44, 0x242), ("$OBJECT_ID", OBJECT_ID, 0, 0x40, 0, 0x100),
            ("$SECURITY_DESCRIPTOR", SECURITY, 0, 0x80, 0, -1), ("$VOLUME_NAME", VOLUME_NAME, 0, 0x40, 2, 0x100),
            ("$VOLUME_INFORMATION", VOLUME_INFO, 0, 0x40, 0xC, 0xC), ("$DATA", DATA, 0, 0, 0, -1),
            ("$INDEX_ROOT", INDEX_ROOT, 0, 0x40, 0, -1), ("$INDEX_ALLOCATION", INDEX_ALLOCATION, 0, 0x80, 0, -1),
            ("$BITMAP", BITMAP, 0, 0x80, 0, -1), ("$REPARSE_POINT", 0xC0, 0, 0x80, 0, 0x4000),
            ("$EA_INFORMATION", 0xD0, 0, 0x40, 8, 8), ("$EA", 0xE0, 0, 0, 0, 0x10000),
            ("$LOGGED_UTILITY_STREAM", 0x100, 0, 0x80, 0, 0x10000)]
    out = bytearray()
    for name, kind, collation, flags, low, high in rows:
        out += name.encode("utf-16-le").ljust(128, b"\0")
        out += struct.pack("<IIIIqq", kind, 0, collation, flags, low, high)
    return bytes(out.ljust(2560, b"\0"))


# --------------------------------------------------------------------------- the tree


@dataclasses.dataclass
class _Node:
    name: str
    times: NtfsTimes
    is_dir: bool
    parent: _Node | None
    data: bytes = b""
    streams: dict[str, bytes] = dataclasses.field(default_factory=dict)
    attributes: int = FA_ARCHIVE
    deleted: bool = False
    fragment: bool = False
    record: int = 0
    seq: int = 1
    children: list[_Node] = dataclasses.field(default_factory=list)
    runs: dict[str, list[tuple[int | None, int]]] = dataclasses.field(default_factory=dict)
    index: list[tuple[int, bytes]] = dataclasses.field(default_factory=list)  # (lcn, INDX record) if large

    @property
    def ref(self) -> int:
        return self.record | (self.seq << 48)

    def path(self) -> str:
        parts = []
        node: _Node | None = self
        while node is not None and node.parent is not None:
            parts.append(node.name)
            node = node.parent
        return "/".join(reversed(parts))


@dataclasses.dataclass(frozen=True)
class _Layout:
    """Where the system files' data lies (first cluster of each)."""

    boot: int
    mft: int
    mft_bitmap: int
    mirror: int
    log: int
    attrdef: int
    bitmap: int
    upcase: int
    attrdef_data: bytes
    upcase_data: bytes


class _Clusters:
    """First-fit cluster allocation over the volume."""

    def __init__(self, count: int) -> None:
        self.used = bytearray(count)
        self.free_in_bitmap: set[int] = set()  # clusters of deleted files: kept, but shown free

    def take(self, count: int, at: int | None = None, start: int = 0) -> int:
        if at is None:
            at = start
            while True:
                if at + count > len(self.used):
                    raise ValueError("the NTFS volume is full")
                busy = [i for i in range(at, at + count) if self.used[i]]
                if not busy:
                    break
                at = busy[-1] + 1
        for i in range(at, at + count):
            if self.used[i]:
                raise ValueError(f"cluster {i} allocated twice")
            self.used[i] = 1
        return at

    def bitmap(self) -> bytes:
        size = _align8((len(self.used) + 7) // 8)
        out = bytearray(size)
        for i, used in enumerate(self.used):
            if used and i not in self.free_in_bitmap:
                out[i >> 3] |= 1 << (i & 7)
        return bytes(out)


class NtfsBuilder:
    """Collect folders and files, then :meth:`build` the volume's bytes.

    ``sectors`` is the partition size; ``hidden_sectors`` its start on the disk (written in the
    boot sector as Windows does). Paths use ``/`` and are relative to the volume root.
    """

    RESIDENT_LIMIT = 600  # bytes of $DATA kept inside the MFT record

    def __init__(self, sectors: int, *, hidden_sectors: int, serial: int, label: str,
                 formatted: _dt.datetime) -> None:
        self.sectors = sectors
        self.total_sectors = sectors - 1  # the last sector holds the backup boot sector
        self.clusters = self.total_sectors // (CLUSTER // SECTOR)
        self.hidden = hidden_sectors
        self.serial = serial
        self.label = label
        self.sys_times = NtfsTimes.of(formatted)
        self.root = _Node(".", self.sys_times, True, None, attributes=FA_HIDDEN | FA_SYSTEM, record=5, seq=5)
        self.root.parent = None
        self._by_path: dict[str, _Node] = {"": self.root}
        self._order: list[_Node] = []

    # ------------------------------------------------------------------ public API

    def add_dir(self, path: str, times: NtfsTimes, attributes: int = 0) -> None:
        self._add(path, _Node(path.rsplit("/", 1)[-1], times, True, None, attributes=attributes))

    def add_file(self, path: str, data: bytes, times: NtfsTimes, *, streams: dict[str, bytes] | None = None,
                 attributes: int = FA_ARCHIVE, deleted: bool = False, fragmented: bool = False) -> None:
        """A file; ``fragmented`` stores its data in two runs with another file's clusters between."""
        if fragmented and len(data) <= 2 * CLUSTER:
            raise ValueError("a fragmented file needs more than two clusters of data")
        self._add(path, _Node(path.rsplit("/", 1)[-1], times, False, None, data=data,
                              streams=dict(streams or {}), attributes=attributes, deleted=deleted,
                              fragment=fragmented))

    def _add(self, path: str, node: _Node) -> None:
        path = path.strip("/")
        if path in self._by_path:
            raise ValueError(f"{path} added twice")
        parent_path = path.rsplit("/", 1)[0] if "/" in path else ""
        parent = self._by_path.get(parent_path)
        if parent is None or not parent.is_dir:
            raise ValueError(f"add the folder {parent_path!r} before {path!r}")
        node.parent = parent
        parent.children.append(node)
        self._by_path[path] = node
        self._order.append(node)

    # ------------------------------------------------------------------ layout

    def _fn(self, node: _Node) -> bytes:
        assert node.parent is not None or node is self.root
        parent = node.parent or self.root
        if node.is_dir:
            return file_name_value(parent.ref, node.name, node.times, 0, 0, node.attributes | FA_DIR_INDEX)
        alloc = 0 if len(node.data) <= self.RESIDENT_LIMIT else -(-len(node.data) // CLUSTER) * CLUSTER
        return file_name_value(parent.ref, node.name, node.times, alloc, len(node.data), node.attributes)

    def build(self) -> bytes:
        """The volume's bytes (``sectors`` x 512)."""
        self._number_records()
        alloc = _Clusters(self.clusters)
        lay = self._system_layout(alloc)
        volume = bytearray(self.sectors * SECTOR)
        for lcn, chunk in self._place_data(alloc, lay.upcase + len(lay.upcase_data) // CLUSTER).items():
            volume[lcn * CLUSTER: lcn * CLUSTER + len(chunk)] = chunk
        folders = [self.root, *[n for n in self._order if n.is_dir]]
        extend, extend_children = self._extend()
        index_values: dict[int, bytes] = {}
        for folder in [*folders, extend]:
            entries = self._sorted_entries(folder, self._system_entries() if folder is self.root else [])
            index_values[folder.record] = self._index(folder, entries, alloc, lay.upcase)
            for lcn, record in folder.index:
                volume[lcn * CLUSTER: (lcn + 1) * CLUSTER] = record
        boot = self._boot_sector(lay.mft, lay.mirror)
        volume[0:SECTOR] = boot
        volume[(self.sectors - 1) * SECTOR: self.sectors * SECTOR] = boot
        volume[lay.log * CLUSTER: (lay.log + LOG_CLUSTERS) * CLUSTER] = b"\xff" * (LOG_CLUSTERS * CLUSTER)
        volume[lay.attrdef * CLUSTER: lay.attrdef * CLUSTER + len(lay.attrdef_data)] = lay.attrdef_data
        volume[lay.upcase * CLUSTER: lay.upcase * CLUSTER + len(lay.upcase_data)] = lay.upcase_data

        records = self._system_records(lay, index_values[11], extend, extend_children)
        for node in folders:
            records[node.record] = self._folder_record(node, index_values[node.record])
        for node in self._order:
            if not node.is_dir:
                records[node.record] = self._file_record(node)
        mft = b"".join(records.get(rec) or mft_record(rec, 0, 0, 0, []) for rec in range(MFT_RECORDS))
        volume[lay.mft * CLUSTER: lay.mft * CLUSTER + len(mft)] = mft
        volume[lay.mirror * CLUSTER: lay.mirror * CLUSTER + 4 * RECORD] = mft[: 4 * RECORD]
        mft_bits = self._mft_bitmap()
        volume[lay.mft_bitmap * CLUSTER: lay.mft_bitmap * CLUSTER + len(mft_bits)] = mft_bits
        bitmap = alloc.bitmap()
        volume[lay.bitmap * CLUSTER: lay.bitmap * CLUSTER + len(bitmap)] = bitmap
        return bytes(volume)

    def _number_records(self) -> None:
        """System files 0-15, $Extend's children 24-26, then the caller's entries from 64."""
        number = FIRST_USER_RECORD
        for node in self._order:
            node.record = number
            node.seq = 2 if node.deleted else 1  # Windows bumps the sequence number when a record is freed
            number += 1
        if number > MFT_RECORDS:
            raise ValueError("too many files for the MFT")

    def _system_layout(self, alloc: _Clusters) -> _Layout:
        boot = alloc.take(2, at=0)
        mft = alloc.take(MFT_RECORDS * RECORD // CLUSTER, at=4)
        mft_bitmap = alloc.take(1)
        mirror = alloc.take(1, at=self.clusters // 2)
        log = alloc.take(LOG_CLUSTERS, start=mft_bitmap + 1)
        attrdef = alloc.take(1)
        bitmap = alloc.take(self._bitmap_clusters())
        upcase_data = upcase_table()
        upcase = alloc.take(len(upcase_data) // CLUSTER)
        return _Layout(boot, mft, mft_bitmap, mirror, log, attrdef, bitmap, upcase, _attrdef(), upcase_data)

    def _bitmap_size(self) -> int:
        return _align8((self.clusters + 7) // 8)

    def _bitmap_clusters(self) -> int:
        return -(-self._bitmap_size() // CLUSTER)

    def _place_data(self, alloc: _Clusters, start: int) -> dict[int, bytes]:
        """Clusters for every non-resident stream, in the order added: {cluster: bytes}.

        A fragmented file leaves a three-cluster hole between its two runs, which the files
        that follow fill; a deleted file keeps its clusters (not overwritten) but they are
        free in $Bitmap.
        """
        contents: dict[int, bytes] = {}
        for node in self._order:
            if node.is_dir:
                continue
            for stream, payload in [("", node.data), *sorted(node.streams.items())]:
                if len(payload) <= self.RESIDENT_LIMIT:
                    continue
                need = -(-len(payload) // CLUSTER)
                if node.fragment and stream == "":
                    first = need // 2
                    lcn1 = alloc.take(first, start=start)
                    hole = alloc.take(3, at=lcn1 + first)
                    lcn2 = alloc.take(need - first, start=hole + 3)
                    for i in range(hole, hole + 3):
                        alloc.used[i] = 0
                    runs: list[tuple[int | None, int]] = [(lcn1, first), (lcn2, need - first)]
                else:
                    runs = [(alloc.take(need, start=start), need)]
                node.runs[stream] = runs
                padded = payload.ljust(need * CLUSTER, b"\0")
                clusters = [lcn + i for lcn, count in runs if lcn is not None for i in range(count)]
                for n, lcn in enumerate(clusters):
                    contents[lcn] = padded[n * CLUSTER: (n + 1) * CLUSTER]
                if node.deleted:
                    alloc.free_in_bitmap.update(clusters)
        return contents

    def _extend(self) -> tuple[_Node, list[_Node]]:
        extend = _Node("$Extend", self.sys_times, True, self.root, attributes=FA_HIDDEN | FA_SYSTEM, record=11,
                       seq=11)
        extend.children = [_Node(name, self.sys_times, False, extend, attributes=FA_HIDDEN | FA_SYSTEM | 0x20000000,
                                 record=rec, seq=1) for name, rec in (("$ObjId", 25), ("$Quota", 24),
                                                                      ("$Reparse", 26))]
        return extend, extend.children

    def _index(self, folder: _Node, entries: list[tuple[int, bytes]], alloc: _Clusters, start: int) -> bytes:
        """The folder's $INDEX_ROOT value; its INDX records (if any) go to ``folder.index``."""
        blob = b"".join(index_entry(ref, key) for ref, key in entries)
        if len(blob) <= 360:
            return index_root_value(blob + index_entry(0, b"", last=True))
        leaves, separators = _split_leaves(entries)
        folder.index = [(alloc.take(1, start=start), indx_record(vcn, leaf)) for vcn, leaf in enumerate(leaves)]
        root = b"".join(index_entry(ref, key, child_vcn=vcn) for vcn, (ref, key) in enumerate(separators))
        root += index_entry(0, b"", last=True, child_vcn=len(leaves) - 1)
        return index_root_value(root, large=True)

    def _mft_bitmap(self) -> bytes:
        bits = bytearray(_align8(MFT_RECORDS // 8))
        for rec in [*range(27), *(n.record for n in self._order if not n.deleted)]:
            bits[rec >> 3] |= 1 << (rec & 7)
        return bytes(bits)

    def _system_records(self, lay: _Layout, extend_index: bytes, extend: _Node,
                        extend_children: list[_Node]) -> dict[int, bytes]:
        records: dict[int, bytes] = {}
        sd = self.sys_times
        sysattr = FA_HIDDEN | FA_SYSTEM

        def sys_file(rec: int, name: str, extra: list[bytes], size: int = 0, alloc_size: int = 0,
                     flags: int = 1, fn_flags: int = sysattr) -> None:
            fn = file_name_value(self.root.ref, name, sd, alloc_size, size, fn_flags, namespace=3)
            attrs = [resident(SI, standard_information(sd, sysattr), 0), resident(FILE_NAME, fn, 1, indexed=True)]
            attrs += [_renumber(a, 2 + i) for i, a in enumerate(extra)]
            records[rec] = mft_record(rec, rec or 1, 1, flags, attrs)

        mft_size = MFT_RECORDS * RECORD
        sys_file(0, "$MFT", [non_resident(DATA, [(lay.mft, mft_size // CLUSTER)], mft_size, 0),
                             non_resident(BITMAP, [(lay.mft_bitmap, 1)], len(self._mft_bitmap()), 0)],
                 mft_size, mft_size)
        sys_file(1, "$MFTMirr", [non_resident(DATA, [(lay.mirror, 1)], 4 * RECORD, 0)], 4 * RECORD, CLUSTER)
        log_size = LOG_CLUSTERS * CLUSTER
        sys_file(2, "$LogFile", [non_resident(DATA, [(lay.log, LOG_CLUSTERS)], log_size, 0)], log_size, log_size)
        sys_file(3, "$Volume", [resident(VOLUME_NAME, self.label.encode("utf-16-le"), 0),
                                resident(VOLUME_INFO, struct.pack("<QBBH", 0, 3, 1, 0), 0), resident(DATA, b"", 0)])
        sys_file(4, "$AttrDef", [non_resident(DATA, [(lay.attrdef, 1)], len(lay.attrdef_data), 0)],
                 len(lay.attrdef_data), CLUSTER)
        sys_file(6, "$Bitmap", [non_resident(DATA, [(lay.bitmap, self._bitmap_clusters())], self._bitmap_size(), 0)],
                 self._bitmap_size(), self._bitmap_clusters() * CLUSTER)
        sys_file(7, "$Boot", [non_resident(DATA, [(lay.boot, 2)], 2 * CLUSTER, 0)], 2 * CLUSTER, 2 * CLUSTER)
        sys_file(8, "$BadClus", [resident(DATA, b"", 0),
                                 non_resident(DATA, [(None, self.clusters)], self.clusters * CLUSTER, 0, name="$Bad")])
        empty_view = index_entry(0, b"", last=True)
        sys_file(9, "$Secure", [resident(DATA, b"", 0, name="$SDS"),
                                resident(INDEX_ROOT, index_root_value(empty_view, 0x12, 0), 0, name="$SDH"),
                                resident(INDEX_ROOT, index_root_value(empty_view, 0x10, 0), 0, name="$SII")],
                 flags=1 | 8)
        upcase = lay.upcase_data
        sys_file(10, "$UpCase", [non_resident(DATA, [(lay.upcase, len(upcase) // CLUSTER)], len(upcase), 0)],
                 len(upcase), len(upcase))
        sys_file(11, "$Extend", [resident(INDEX_ROOT, extend_index, 0, name="$I30")], flags=3,
                 fn_flags=sysattr | FA_DIR_INDEX)
        for rec in range(12, 16):
            records[rec] = mft_record(rec, rec, 0, 0, [])
        views = {"$ObjId": [("$O", 0x13)], "$Quota": [("$O", 0x13), ("$Q", 0x10)], "$Reparse": [("$R", 0x13)]}
        for child in extend_children:
            fn = file_name_value(extend.ref, child.name, sd, 0, 0, child.attributes, namespace=3)
            attrs = [resident(SI, standard_information(sd, child.attributes), 0),
                     resident(FILE_NAME, fn, 1, indexed=True)]
            for i, (name, collation) in enumerate(views[child.name]):
                attrs.append(resident(INDEX_ROOT, index_root_value(empty_view, collation, 0), 2 + i, name=name))
            records[child.record] = mft_record(child.record, 1, 1, 1 | 4 | 8, attrs)
        return records

    def _system_entries(self) -> list[tuple[int, bytes]]:
        """Index keys of the system files named in the root folder (their $FILE_NAME values)."""
        sd, sysattr = self.sys_times, FA_HIDDEN | FA_SYSTEM
        sizes = {"$MFT": (MFT_RECORDS * RECORD, MFT_RECORDS * RECORD), "$MFTMirr": (CLUSTER, 4 * RECORD),
                 "$LogFile": (LOG_CLUSTERS * CLUSTER, LOG_CLUSTERS * CLUSTER), "$Volume": (0, 0), "$AttrDef": (CLUSTER, 2560),
                 "$Bitmap": (self._bitmap_clusters() * CLUSTER, self._bitmap_size()),
                 "$Boot": (2 * CLUSTER, 2 * CLUSTER), "$BadClus": (0, 0), "$Secure": (0, 0),
                 "$UpCase": (131072, 131072), "$Extend": (0, 0)}
        numbers = {"$MFT": 0, "$MFTMirr": 1, "$LogFile": 2, "$Volume": 3, "$AttrDef": 4, ".": 5, "$Bitmap": 6,
                   "$Boot": 7, "$BadClus": 8, "$Secure": 9, "$UpCase": 10, "$Extend": 11}
        out = []
        for name, rec in numbers.items():
            if name == ".":
                key = file_name_value(self.root.ref, ".", sd, 0, 0, sysattr | FA_DIR_INDEX, namespace=3)
            else:
                alloc_size, size = sizes[name]
                flags = sysattr | (FA_DIR_INDEX if name == "$Extend" else 0)
                key = file_name_value(self.root.ref, name, sd, alloc_size, size, flags, namespace=3)
            out.append((rec | ((rec or 1) << 48), key, name))
        return [(ref, key) for ref, key, _ in out]

    def _sorted_entries(self, folder: _Node, extra: list[tuple[int, bytes]]) -> list[tuple[int, bytes]]:
        entries = list(extra)
        for child in folder.children:
            if child.deleted:
                continue
            if folder.record == 11:  # $Extend's children
                entries.append((child.ref, file_name_value(folder.ref, child.name, self.sys_times, 0, 0,
                                                           child.attributes, namespace=3)))
            else:
                entries.append((child.ref, self._fn(child)))

        def key(entry: tuple[int, bytes]) -> tuple[tuple[int, ...], tuple[int, ...]]:
            value = entry[1]
            length = value[0x40]
            return _collate_key(value[0x42: 0x42 + 2 * length].decode("utf-16-le"))

        return sorted(entries, key=key)

    def _folder_record(self, node: _Node, root_value: bytes) -> bytes:
        attrs = [resident(SI, standard_information(node.times, node.attributes), 0),
                 resident(FILE_NAME, self._fn(node) if node is not self.root else
                          file_name_value(self.root.ref, ".", node.times, 0, 0,
                                          node.attributes | FA_DIR_INDEX, namespace=3), 1, indexed=True),
                 resident(INDEX_ROOT, root_value, 2, name="$I30")]
        if node.index:
            attrs.append(non_resident(INDEX_ALLOCATION, [(lcn, 1) for lcn, _ in node.index],
                                      len(node.index) * INDEX_BLOCK, 3, name="$I30"))
            bits = ((1 << len(node.index)) - 1).to_bytes(8, "little")
            attrs.append(resident(BITMAP, bits, 4, name="$I30"))
        return mft_record(node.record, node.seq, 1, 3 if not node.deleted else 2, attrs)

    def _file_record(self, node: _Node) -> bytes:
        attrs = [resident(SI, standard_information(node.times, node.attributes), 0),
                 resident(FILE_NAME, self._fn(node), 1, indexed=True)]
        for i, (stream, payload) in enumerate([("", node.data), *sorted(node.streams.items())]):
            if stream in node.runs:
                attrs.append(non_resident(DATA, node.runs[stream], len(payload), 2 + i, name=stream))
            else:
                attrs.append(resident(DATA, payload, 2 + i, name=stream))
        return mft_record(node.record, node.seq, 1, 0 if node.deleted else 1, attrs)

    def _boot_sector(self, mft_lcn: int, mirr_lcn: int) -> bytes:
        boot = bytearray(SECTOR)
        boot[0:3] = b"\xeb\x52\x90"
        boot[3:11] = b"NTFS    "
        struct.pack_into("<HBH3sHBHHHI", boot, 11, SECTOR, CLUSTER // SECTOR, 0, b"\0\0\0", 0, 0xF8, 0, 63, 255,
                         self.hidden)
        struct.pack_into("<IQQQbxxxbxxxQI", boot, 0x24, 0x00800080, self.total_sectors, mft_lcn, mirr_lcn,
                         -10, INDEX_BLOCK // CLUSTER, self.serial, 0)
        message = b"\r\nA disk read error occurred\r\n\0This is not a bootable disk.\r\n\0"
        boot[0x54: 0x54 + 2] = b"\xfa\xf4"  # cli; hlt
        boot[0x1A0: 0x1A0 + len(message)] = message
        boot[510:512] = b"\x55\xaa"
        return bytes(boot)


def _renumber(attr: bytes, attr_id: int) -> bytes:
    out = bytearray(attr)
    struct.pack_into("<H", out, 0x0E, attr_id)
    return bytes(out)
