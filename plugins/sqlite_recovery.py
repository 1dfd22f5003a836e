"""Rows a SQLite database no longer shows: deleted records and superseded versions, read from the bytes.

Not an extractor (its EXTRACTORS tuple is empty): the phone extractors call
:func:`recovered_rows` after reading the live rows, and mark what it gives with
``RowRecord.recovered``:

* ``"wal"`` — a version of a row found in the write-ahead log (``-wal``) that the database as
  SQLite reads it does not hold: a frame after the last commit (never committed), or an older
  committed version that a later frame changed or deleted (also when that version is the one in
  the database file itself, the WAL holding the page's later state).
* ``"freelist"`` — a deleted record carved from free space: a page on the free list, the
  unallocated gap of a live page of the table, or a free block inside one (where SQLite writes
  4 bytes of its own over the start of the deleted cell, so the rowid and the record's first
  header bytes are lost: the rowid is then None and the first column is taken to be the table's
  INTEGER PRIMARY KEY alias, which SQLite stores as NULL — other tables' free blocks are not
  carved).

Attribution: cells on pages of the table's own b-tree belong to it. Those pages are the tree in
the file and in the latest state (as the latest schema names its root), and every page version
that was a leaf of the tree when it was current: the tree is walked again in the state after each
WAL transaction that may have reshaped it (see :func:`_history`), which finds the root page's
versions from while it was a leaf and leaves split off or merged away between two commits. On
free-list pages a record is attributed to the table when it has exactly the table's
number of columns and an INTEGER PRIMARY KEY column stored as NULL (its *shape*), which another
table of the same shape could share — stated in the docs. A record carved from a free block is
checked the same way, and its text must be valid in the database's encoding.

Everything is read from bytes given by the caller (the file's bytes as the engine read them, the
companion ``-wal`` as :meth:`ExtractContext.read_sibling` gives it), never from the temp copy
SQLite may have checkpointed. The database is only *parsed*; no SQL runs on it here except
``PRAGMA table_info`` on an in-memory image (``sqlite3.deserialize``) to learn the columns.

Speed on a long log (one transaction per message, as phones write): each distinct page image is
read once and each cell parsed once (a leaf rewritten 500 times holds the same cells 500 times);
the carver finds candidate records with a regular expression built from the columns' affinities
(C speed) instead of trying every byte in Python. ``benchmarks/sqlite_wal_recovery.py`` measures it.
"""

from __future__ import annotations

import dataclasses
import re
import sqlite3
import struct
from collections.abc import Callable, Iterator
from typing import Any, BinaryIO

from forensic_triage.plugin_api import ExtractContext, Extractor

WAL_MAGIC = (0x377F0682, 0x377F0683)
MAX_PAGES = 1_000_000  # a hostile header cannot make the carver walk forever
MAX_RECOVERED = 100_000
_ENCODINGS = {1: "utf-8", 2: "utf-16-le", 3: "utf-16-be"}


def _varint(buf: bytes, pos: int) -> tuple[int, int]:
    """(value, next position) of a SQLite varint at ``pos``; raises IndexError past the end."""
    value = 0
    for i in range(8):
        byte = buf[pos + i]
        value = (value << 7) | (byte & 0x7F)
        if not byte & 0x80:
            return value, pos + i + 1
    return (value << 8) | buf[pos + 8], pos + 9


def _size_of(serial: int) -> int:
    if serial < 0:
        raise ValueError("bad serial type")
    if serial <= 4:
        return (0, 1, 2, 3, 4)[serial]
    if serial in (5, 6, 7):
        return (6, 8, 8)[serial - 5]
    if serial in (8, 9):
        return 0
    if serial in (10, 11):
        raise ValueError("reserved serial type")
    return (serial - 12) // 2 if serial % 2 == 0 else (serial - 13) // 2


def _value(serial: int, raw: bytes, encoding: str) -> Any:
    if serial == 0:
        return None
    if 1 <= serial <= 6:
        return int.from_bytes(raw, "big", signed=True)
    if serial == 7:
        return struct.unpack(">d", raw)[0]
    if serial in (8, 9):
        return serial - 8
    if serial % 2 == 0:
        return bytes(raw)
    return raw.decode(encoding)  # strict: invalid text means this is not a record


@dataclasses.dataclass(slots=True)
class _Table:
    name: str
    root: int
    columns: list[str]
    alias: int | None  # index of the INTEGER PRIMARY KEY column (stored as NULL), if any
    affinity: list[str] = dataclasses.field(default_factory=list)  # per column: INTEGER | REAL | TEXT | ANY
    serials: re.Pattern[bytes] | None = None  # see _serials_pattern


# One serial type (a varint, non-canonical forms included) that a column of each affinity can hold in a
# carved record: INTEGER/REAL hold NULL or numbers (types 0-9), TEXT anything but numbers, ANY anything.
_SERIAL = {
    "INTEGER": rb"\x80{0,8}[\x00-\x09]",
    "REAL": rb"\x80{0,8}[\x00-\x09]",
    "TEXT": rb"(?>[\x00\x0c-\x7f]|[\x80-\xff]{1,7}[\x00-\x7f]|[\x80-\xff]{8}[\x00-\xff])",
    "ANY": rb"(?>[\x00-\x7f]|[\x80-\xff]{1,7}[\x00-\x7f]|[\x80-\xff]{8}[\x00-\xff])",
}


_ZEROS = re.compile(b"\x00*")


def _serials_pattern(affinity: list[str]) -> re.Pattern[bytes] | None:
    """A regular expression matching, at every position where :func:`_record_at` can find a record,
    the serial types of columns 2..n: a prefilter that lets the carver skip, at C
    speed, the positions where no record can start. It matches a superset of those positions (the
    exact checks follow), so it changes no result."""
    if len(affinity) < 2:
        return None
    return re.compile(b"".join(b"(?>" + _SERIAL.get(kind, _SERIAL["ANY"]) + b")" for kind in affinity[1:]))


def _affinity(declared: str) -> str:
    """SQLite's column affinity rules (https://sqlite.org/datatype3.html 3.1), NUMERIC/BLOB as ANY."""
    t = declared.upper()
    if "INT" in t:
        return "INTEGER"
    if any(k in t for k in ("CHAR", "CLOB", "TEXT")):
        return "TEXT"
    if any(k in t for k in ("REAL", "FLOA", "DOUB")):
        return "REAL"
    return "ANY"


def _typed(table: _Table, values: list[Any], first: int = 0) -> bool:
    """Values stored as their columns' affinity allows (a carved record that breaks it is misaligned)."""
    for i, v in enumerate(values, start=first):
        kind = table.affinity[i] if i < len(table.affinity) else "ANY"
        if v is None or kind == "ANY":
            continue
        if kind in ("INTEGER", "REAL") and isinstance(v, str | bytes):
            return False
        if kind == "TEXT" and isinstance(v, int | float):
            return False
    return True


@dataclasses.dataclass(frozen=True, slots=True)
class _Frame:
    index: int  # 1-based position in the -wal (SQLite's frame number)
    page: int
    content: bytes
    commit: int  # 1-based number of the transaction it belongs to (frames after the last commit: one more)
    committed: bool


class _Db:
    """The pages of a database file and, over them, its committed and uncommitted WAL frames."""

    def __init__(self, data: bytes, wal: bytes | None) -> None:
        if len(data) < 100 or not data.startswith(b"SQLite format 3\x00"):
            raise ValueError("not a SQLite database")
        size = struct.unpack_from(">H", data, 16)[0]
        self.page_size = 65536 if size == 1 else size
        if self.page_size < 512 or self.page_size & (self.page_size - 1):
            raise ValueError("bad page size")
        self.usable = self.page_size - data[20]
        self.encoding = _ENCODINGS.get(struct.unpack_from(">I", data, 56)[0], "utf-8")
        self.data = data
        self.committed: dict[int, bytes] = {}  # page -> latest committed WAL version
        self.source: dict[int, int] = {}  # page -> frame number of that version
        self.frames: list[_Frame] = []  # in log order
        if wal:
            self._read_wal(wal)

    def _read_wal(self, wal: bytes) -> None:
        if len(wal) < 32 or struct.unpack_from(">I", wal, 0)[0] not in WAL_MAGIC:
            return
        page_size = struct.unpack_from(">I", wal, 8)[0]
        if page_size != self.page_size:
            return
        salts = wal[16:24]
        pending: list[tuple[int, int, bytes]] = []
        commits = 0
        pos = 32
        while pos + 24 + page_size <= len(wal) and len(self.frames) < MAX_PAGES:
            page, commit = struct.unpack_from(">II", wal, pos)
            if wal[pos + 8:pos + 16] != salts:
                break  # frames of an earlier log generation: not part of this log
            content = wal[pos + 24:pos + 24 + page_size]
            pending.append((len(self.frames) + len(pending) + 1, page, content))
            if commit:
                commits += 1
                for i, p, c in pending:
                    self.committed[p] = c
                    self.source[p] = i
                    self.frames.append(_Frame(i, p, c, commits, True))
                pending = []
            pos += 24 + page_size
        self.frames.extend(_Frame(i, p, c, commits + 1, False) for i, p, c in pending)

    def transactions(self) -> Iterator[list[_Frame]]:
        """The frames grouped by transaction, in log order (the frames after the last commit last)."""
        group: list[_Frame] = []
        for frame in self.frames:
            if group and frame.commit != group[0].commit:
                yield group
                group = []
            group.append(frame)
        if group:
            yield group

    def page(self, number: int, *, latest: bool = True) -> bytes:
        if latest and number in self.committed:
            return self.committed[number]
        start = (number - 1) * self.page_size
        if number < 1 or start >= len(self.data):
            raise IndexError(f"page {number} is past the end")
        return self.data[start:start + self.page_size]

    def image(self) -> bytes:
        """The database as SQLite reads it (committed WAL frames applied)."""
        buf = bytearray(self.data)
        for number, content in self.committed.items():
            start = (number - 1) * self.page_size
            if start > len(buf):
                buf.extend(bytes(start - len(buf)))
            buf[start:start + self.page_size] = content
        # An image to read in memory: no WAL (read/write versions 1), the page count that it holds.
        buf[18:20] = b"\x01\x01"
        buf[28:32] = struct.pack(">I", len(buf) // self.page_size)
        buf[92:96] = buf[24:28]
        return bytes(buf)

    def free_pages(self) -> list[int]:
        first = self.page(1)
        trunk, count = struct.unpack_from(">II", first, 32)
        pages: list[int] = []
        seen: set[int] = set()
        while trunk and trunk not in seen and len(pages) <= min(count, MAX_PAGES):
            seen.add(trunk)
            try:
                body = self.page(trunk)
            except IndexError:
                break
            nxt, leaves = struct.unpack_from(">II", body, 0)
            leaves = min(leaves, (self.usable - 8) // 4)
            pages.extend(struct.unpack_from(f">{leaves}I", body, 8))
            trunk = nxt
        return pages


def _table(db: _Db, name: str) -> _Table | None:
    mem = sqlite3.connect(":memory:")
    try:
        mem.deserialize(db.image())
        mem.execute("PRAGMA trusted_schema=OFF")
        row = mem.execute("SELECT rootpage FROM sqlite_master WHERE type='table' AND name=? COLLATE NOCASE",
                          (name,)).fetchone()
        if row is None or not row[0]:
            return None
        info = mem.execute(f'PRAGMA table_info("{name.replace(chr(34), "")}")').fetchall()
        without_rowid = mem.execute("SELECT sql FROM sqlite_master WHERE type='table' AND name=? COLLATE NOCASE",
                                    (name,)).fetchone()[0] or ""
    except sqlite3.Error:
        return None
    finally:
        mem.close()
    if "WITHOUT ROWID" in without_rowid.upper():
        return None  # an index b-tree: records are carved differently (not done)
    columns = [str(c[1]) for c in info]
    keys = [c for c in info if c[5]]
    alias = None
    if len(keys) == 1 and str(keys[0][2]).upper() == "INTEGER":
        alias = int(keys[0][0])
    affinity = [_affinity(str(c[2] or "")) for c in info]
    return _Table(name, int(row[0]), columns, alias, affinity, _serials_pattern(affinity))


def _record(buf: bytes, pos: int, end: int, db: _Db, ncols: int) -> tuple[list[Any], int] | None:
    """The values of a record whose header starts at ``pos`` (its size varint), ending by ``end``."""
    try:
        hlen, p = _varint(buf, pos)
        if hlen < 2 or pos + hlen > end:
            return None
        serials: list[int] = []
        while p < pos + hlen:
            serial, p = _varint(buf, p)
            serials.append(serial)
        if p != pos + hlen or not 0 < len(serials) <= ncols:
            return None
        values: list[Any] = []
        body = pos + hlen
        for serial in serials:
            size = _size_of(serial)
            if body + size > end:
                return None
            values.append(_value(serial, buf[body:body + size], db.encoding))
            body += size
        return values, body
    except (IndexError, ValueError, UnicodeDecodeError, struct.error):
        return None


def _overflow(db: _Db, first: int, need: int) -> bytes | None:
    out = bytearray()
    page, hops = first, 0
    while page and len(out) < need and hops < 100_000:
        try:
            body = db.page(page)
        except IndexError:
            return None
        page = struct.unpack_from(">I", body, 0)[0]
        out += body[4:db.usable]
        hops += 1
    return bytes(out[:need]) if len(out) >= need else None


def _local_size(db: _Db, payload: int) -> int:
    u = db.usable
    x, m = u - 35, ((u - 12) * 32 // 255) - 23
    if payload <= x:
        return payload
    k = m + (payload - m) % (u - 4)
    return k if k <= x else m


def _cell(db: _Db, page: bytes, pos: int, ncols: int) -> tuple[int, list[Any]] | None:
    """(rowid, values) of an intact table-leaf cell at ``pos``."""
    try:
        payload, p = _varint(page, pos)
        rowid, p = _varint(page, p)
        local = _local_size(db, payload)
        if payload > 1 << 30 or p + local > db.usable:
            return None
        if local < payload:
            more = _overflow(db, struct.unpack_from(">I", page, p + local)[0], payload - local)
            if more is None:
                return None
            buf = page[p:p + local] + more
        else:
            buf = page[p:p + payload]
    except (IndexError, struct.error):
        return None
    found = _record(buf, 0, len(buf), db, ncols)
    if found is None or found[1] != len(buf):
        return None
    return rowid, found[0]


def _header_offset(number: int) -> int:
    return 100 if number == 1 else 0


def _leaf_cells(db: _Db, page: bytes, number: int, ncols: int) -> Iterator[tuple[int, list[Any]]]:
    h = _header_offset(number)
    count = struct.unpack_from(">H", page, h + 3)[0]
    for i in range(min(count, (db.usable - h - 8) // 2)):
        ptr = struct.unpack_from(">H", page, h + 8 + 2 * i)[0]
        cell = _cell(db, page, ptr, ncols) if 0 < ptr < db.usable else None
        if cell is not None:
            yield cell


def _tree_leaves(db: _Db, root: int, *, latest: bool) -> list[int]:
    """The leaf pages of the table b-tree at ``root``, in the latest state or the file's own."""
    return sorted(_walk(lambda number: db.page(number, latest=latest), root, db.usable)[0])


def _fits(table: _Table, values: list[Any]) -> bool:
    if len(values) > len(table.columns):
        return False
    return table.alias is None or (table.alias < len(values) and values[table.alias] is None)


def _row(table: _Table, rowid: int | None, values: list[Any]) -> dict[str, Any]:
    row = {name: (values[i] if i < len(values) else None) for i, name in enumerate(table.columns)}
    if table.alias is not None:
        row[table.columns[table.alias]] = rowid
    row["_rowid"] = rowid
    return row


def _carve_free(db: _Db, table: _Table, page: bytes, number: int) -> Iterator[list[Any]]:
    """Deleted records left in a leaf page: in its unallocated gap and its free blocks.

    SQLite writes a 4-byte free-block header (next block, size) over the start of a freed cell —
    its payload size, its rowid and, for a small row, the record header's size byte and first
    serial type — and leaves the rest. When a freed cell borders the unallocated gap, the gap
    grows over it and the header it had stays. So the carver looks, at every position, for the
    serial types of columns 2..n followed by a body that fits: the first column must be the
    table's INTEGER PRIMARY KEY alias (stored as NULL, serial type 0), and what precedes must be
    either the record's own intact header or a plausible free-block header. The rowid is read
    where the cell is intact, else it is lost (None)."""
    if table.alias != 0:
        return  # the lost header bytes can only be rebuilt for a leading INTEGER PRIMARY KEY alias
    h = _header_offset(number)
    first_free, count, content = struct.unpack_from(">HHH", page, h + 1)
    content = content or 65536
    regions = [(h + 8 + 2 * count, min(content, db.usable))]
    block, hops = first_free, 0
    while block and block + 4 <= db.usable and hops < 10_000:
        nxt, size = struct.unpack_from(">HH", page, block)
        regions.append((block, min(block + size, db.usable)))
        block, hops = nxt, hops + 1
    for start, end in regions:
        yield from _scan(db, table, page, start, end)


def _plausible_block(page: bytes, at: int, body_end: int, usable: int) -> bool:
    if at < 0:
        return False
    nxt: int
    size: int
    nxt, size = struct.unpack_from(">HH", page, at)
    return (nxt == 0 or at + 4 < nxt < usable) and 4 <= size <= usable - at and at + size >= body_end


def _scan(db: _Db, table: _Table, page: bytes, start: int, end: int) -> Iterator[list[Any]]:
    """Carved records in ``page[start:end]``: first those whose record header is intact, then, in
    the bytes left, those that follow a plausible free-block header (see :func:`_carve_free`)."""
    pattern = table.serials
    if pattern is None:
        return
    zeros = bytes(len(table.columns) - 1)
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, list[Any]]] = []
    for strong in (True, False):
        q = start + 2
        while q < end - 1:
            if any(a <= q < b for a, b in taken):
                q = next(b for a, b in taken if a <= q < b)
                continue
            # Jump to the next position whose bytes can be the serial types of a record (all the
            # positions skipped would fail _record_at): the scan runs in C, not byte by byte here.
            match = pattern.search(page, q)
            if match is None or match.start() >= end - 1:
                break
            if match.start() != q:
                q = match.start()
                continue
            if page.startswith(zeros, q):  # all NULL: no record starts anywhere in this run of zeros
                run = _ZEROS.match(page, q)
                q = (run.end() if run else q + len(zeros)) - len(zeros) + 1
                continue
            hit = _record_at(db, table, page, q, end)
            if hit is None:
                q += 1
                continue
            values, body_end, serial_len = hit
            intact = q - 2 >= start and page[q - 1] == 0 and page[q - 2] == serial_len + 2
            if strong and intact:
                found.append((q, [_rowid_before(db, page, q - 2, start, len(table.columns)), None, *values]))
            elif not strong and ((page[q - 1] == 0 and _plausible_block(page, q - 5, body_end, db.usable))
                                 or _plausible_block(page, q - 4, body_end, db.usable)):
                found.append((q, [None, None, *values]))
            else:
                q += 1
                continue
            taken.append((q - 2, body_end))
            q = body_end + 2
    for _q, values in sorted(found, key=lambda f: f[0]):
        yield values


def _record_at(db: _Db, table: _Table, page: bytes, q: int, end: int) -> tuple[list[Any], int, int] | None:
    """Columns 2..n of a record whose serial types start at ``q``: (values, body end, header bytes)."""
    ncols = len(table.columns)
    try:
        serials = []
        p = q
        for _ in range(ncols - 1):
            serial, p = _varint(page, p)
            serials.append(serial)
        body = p
        values = []
        for serial in serials:
            size = _size_of(serial)
            if body + size > end:
                return None
            values.append(_value(serial, page[body:body + size], db.encoding))
            body += size
    except (IndexError, ValueError, UnicodeDecodeError, struct.error):
        return None
    if all(v is None for v in values) or p - q + 2 >= 128 or not _typed(table, values, first=1):
        return None
    return values, body, p - q


def _rowid_before(db: _Db, page: bytes, hpos: int, start: int, ncols: int) -> int | None:
    """The rowid of an intact cell whose record header starts at ``hpos``, if its cell header parses."""
    for back in range(2, 19):
        pos = hpos - back
        if pos < start:
            return None
        try:
            _payload, p = _varint(page, pos)
            rowid, p = _varint(page, p)
        except IndexError:
            continue
        if p == hpos and _cell(db, page, pos, ncols) is not None:
            return rowid
    return None


def recovered_rows(ctx: ExtractContext, table: str, data: bytes | BinaryIO | None = None,
                   wal: bytes | None = None) -> Iterator[tuple[str, dict[str, Any]]]:
    """Rows of ``table`` that the database as SQLite reads it does not hold, as
    ``(where, {column: value, ..., "_rowid": rowid or None, "_page": page, "_frame": frame or None})``
    with ``where`` ``"wal"`` or ``"freelist"`` (see the module's docstring), ``_page`` the number
    of the page whose bytes held the row and ``_frame`` the WAL frame number of that page version
    (None: the version in the database file itself). ``data`` is the database's bytes (the stream the
    extractor was given; default: the file at ``ctx.path_on_disk``); ``wal`` defaults to the
    ``-wal`` companion as ``ctx.read_sibling`` gives it. A database this cannot parse gives nothing
    and a warning through ``ctx.warn``."""
    if data is None and ctx.path_on_disk is not None:
        data = ctx.path_on_disk.read_bytes()
    elif data is not None and not isinstance(data, bytes):
        data.seek(0)
        data = data.read()
    if not data:
        return
    if wal is None:
        wal = ctx.read_sibling(ctx.file.name + "-wal")
    try:
        db = _Db(data, wal)
    except (ValueError, struct.error) as exc:
        ctx.warn(f"Deleted rows of {table} were not looked for: {exc}.")
        return
    info = _table(db, table)
    if info is None:
        return
    yield from _recover(ctx, db, info)


class _Emitter:
    """Recovered rows once each, never a row the live table holds as it is."""

    def __init__(self, table: _Table, live: dict[int, list[Any]]) -> None:
        self.table, self.live = table, live
        self.live_values = {self._content(v) for v in live.values()}
        self.seen: set[tuple[Any, ...]] = set()
        self.cells: set[bytes] = set()  # the bytes of every cell already given to __call__
        self.count = 0

    def _content(self, values: list[Any]) -> tuple[str, ...]:
        """The values without the rowid alias (a carved record may have lost its rowid)."""
        return tuple(repr(v) for i, v in enumerate(values) if i != self.table.alias)

    def __call__(self, where: str, rowid: int | None, values: list[Any], page: int,
                 frame: int | None) -> Iterator[tuple[str, dict[str, Any]]]:
        content = self._content(values)
        if content in self.seen or self.count >= MAX_RECOVERED:
            return  # the same record seen twice (a WAL frame and the file, or two free copies)
        if (rowid is not None and self.live.get(rowid) == values) or (rowid is None and content in self.live_values):
            return  # what the live table holds as it is (a stale copy left by a page split)
        self.seen.add(content)
        self.count += 1
        row = _row(self.table, rowid, values)
        row["_page"], row["_frame"] = page, frame
        yield where, row


def _cell_key(db: _Db, page: bytes, pos: int) -> bytes | None:
    """The bytes of the table-leaf cell at ``pos`` (header, local payload, overflow pointer): what
    :func:`_cell` reads from this page, so one parse serves every page version holding the cell."""
    try:
        payload, p = _varint(page, pos)
        _rowid, p = _varint(page, p)
    except IndexError:
        return None
    local = _local_size(db, payload) if payload <= 1 << 30 else payload
    return page[pos:p + local + (4 if local < payload else 0)]


def _leaf_rows(db: _Db, page: bytes, number: int, ncols: int,
               done: set[bytes]) -> Iterator[tuple[bytes, int, list[Any]]]:
    """(cell bytes, rowid, values) of the intact cells of a table-leaf page not in ``done``; the
    same cells in the same order as :func:`_leaf_cells`, less those already handled."""
    h = _header_offset(number)
    count = struct.unpack_from(">H", page, h + 3)[0]
    for i in range(min(count, (db.usable - h - 8) // 2)):
        ptr = struct.unpack_from(">H", page, h + 8 + 2 * i)[0]
        if not 0 < ptr < db.usable:
            continue
        key = _cell_key(db, page, ptr)
        if key is None or key in done:
            continue
        cell = _cell(db, page, ptr, ncols)
        if cell is not None:
            yield key, cell[0], cell[1]


def _walk(get: Callable[[int], bytes], root: int, usable: int) -> tuple[set[int], set[int]]:
    """(leaf pages, interior pages) of the table b-tree at ``root`` in the pages ``get`` gives."""
    leaves: set[int] = set()
    interior: set[int] = set()
    stack, seen = [root], set[int]()
    while stack and len(seen) < MAX_PAGES:
        number = stack.pop()
        if number in seen:
            continue
        seen.add(number)
        try:
            page = get(number)
        except IndexError:
            continue
        h = _header_offset(number)
        kind = page[h]
        if kind == 0x0D:
            leaves.add(number)
        elif kind == 0x05:
            interior.add(number)
            count = struct.unpack_from(">H", page, h + 3)[0]
            for i in range(min(count, (usable - h - 12) // 2)):
                ptr = struct.unpack_from(">H", page, h + 12 + 2 * i)[0]
                if 0 < ptr + 4 <= usable:
                    stack.append(struct.unpack_from(">I", page, ptr)[0])
            stack.append(struct.unpack_from(">I", page, h + 8)[0])
    return leaves, interior


def _schema_root(get: Callable[[int], bytes], db: _Db, name: str) -> tuple[int | None, set[int]]:
    """(root page of table ``name`` in sqlite_master as the pages ``get`` gives hold it, or None;
    the pages of sqlite_master's own b-tree). Only the cells' local bytes are read (type, name,
    tbl_name and rootpage come first; the long CREATE statement may overflow)."""
    leaves, interior = _walk(get, 1, db.usable)
    want = name.lower()
    root: int | None = None
    for number in leaves:
        page = get(number)
        h = _header_offset(number)
        count = struct.unpack_from(">H", page, h + 3)[0]
        for i in range(min(count, (db.usable - h - 8) // 2)):
            ptr = struct.unpack_from(">H", page, h + 8 + 2 * i)[0]
            try:
                payload, p = _varint(page, ptr)
                _rowid, p = _varint(page, p)
                end = p + min(payload, _local_size(db, payload))
                hlen, q = _varint(page, p)
                serials: list[int] = []
                while q < p + hlen and len(serials) < 4:
                    serial, q = _varint(page, q)
                    serials.append(serial)
                body, values = p + hlen, []
                for serial in serials:
                    size = _size_of(serial)
                    if body + size > end:
                        break
                    values.append(_value(serial, page[body:body + size], db.encoding))
                    body += size
            except (IndexError, ValueError, UnicodeDecodeError, struct.error):
                continue
            if (len(values) == 4 and values[0] == "table" and isinstance(values[1], str)
                    and values[1].lower() == want and isinstance(values[3], int) and values[3] > 0):
                root = values[3]
    return root, leaves | interior


def _history(db: _Db, table: _Table) -> tuple[set[int], set[int]]:
    """Which page versions were leaves of the table's b-tree when they were current: (pages whose
    version in the database file was, frame numbers whose page was after its transaction).

    The tree is walked again in the state after each transaction that may have changed its shape
    (a write to one of its interior pages, a leaf that stopped being one, a change of
    sqlite_master), so the root page's versions from while it was a leaf, and leaves split off or
    merged away between two commits, are found as well as the pages of the first and last tree."""
    current: dict[int, bytes] = {}
    version: dict[int, int] = {}  # page -> frame number of its current version (absent: the file's)

    def get(number: int) -> bytes:
        page = current.get(number)
        return page if page is not None else db.page(number, latest=False)

    root, schema = _schema_root(get, db, table.name)
    leaves, interior = _walk(get, root, db.usable) if root else (set(), set())
    file_pages = {n for n in leaves if _exists(db, n)}
    frames: set[int] = set()
    for group in db.transactions():
        for frame in group:
            current[frame.page] = frame.content
            version[frame.page] = frame.index
        written = {frame.page for frame in group}
        reshaped = bool(written & interior) or any(
            current[n][_header_offset(n)] != 0x0D for n in written & leaves)
        if written & schema:
            new_root, schema = _schema_root(get, db, table.name)
            reshaped, root = reshaped or new_root != root, new_root
        if reshaped:
            new_leaves, interior = _walk(get, root, db.usable) if root else (set(), set())
            for n in new_leaves - leaves:  # a page that joined the tree without being written now
                if n in version:
                    frames.add(version[n])
                elif _exists(db, n):
                    file_pages.add(n)
            leaves = new_leaves
        frames.update(frame.index for frame in group if frame.page in leaves)
    return file_pages, frames


def _recover(ctx: ExtractContext, db: _Db, table: _Table) -> Iterator[tuple[str, dict[str, Any]]]:
    ncols = len(table.columns)
    live: dict[int, list[Any]] = {}
    live_cells: dict[int, bytes] = {}
    latest = _tree_leaves(db, table.root, latest=True)
    for number in latest:
        for cell, rowid, values in _leaf_rows(db, db.page(number), number, ncols, set()):
            live[rowid], live_cells[rowid] = values, cell
    # the table's pages: its tree now and in the file (as the latest schema names its root), and
    # every page version that was a leaf of its tree at the time (see _history)
    own = set(latest) | set(_tree_leaves(db, table.root, latest=False))
    file_pages, tree_frames = _history(db, table)
    own_file = own | file_pages
    frames = [f for f in db.frames if f.page in own or f.index in tree_frames]
    emit = _Emitter(table, live)
    emit.cells.update(live_cells.values())  # a cell as the live table holds it: never recovered
    parsed: set[tuple[bool, bytes]] = set()  # page images already read (a page rewritten unchanged)

    def rows(where: str, number: int, page: bytes, frame: int | None) -> Iterator[tuple[str, dict[str, Any]]]:
        key = (number == 1, page)
        if page[_header_offset(number)] != 0x0D or key in parsed:
            return
        parsed.add(key)
        for cell, rowid, values in _leaf_rows(db, page, number, ncols, emit.cells):
            emit.cells.add(cell)
            yield from emit(where, rowid, values, number, frame)

    # superseded / uncommitted versions in the WAL (pages of this table's tree only)
    for f in frames:
        yield from rows("wal", f.page, f.content, f.index)
    # the database file's own versions of pages the WAL replaced (rows deleted or changed since)
    replaced = {f.page for f in db.frames}
    for number in sorted(own_file & replaced):
        if _exists(db, number):
            yield from rows("wal", number, db.page(number, latest=False), None)
    # deleted records in the free space of the table's pages, in the file and in the WAL
    versions: list[tuple[int, bytes, int | None]] = [
        (n, db.page(n, latest=False), None) for n in sorted(own_file) if _exists(db, n)]
    versions += [(f.page, f.content, f.index) for f in frames]
    carved: set[tuple[bool, bytes]] = set()
    for number, page, frame in versions:
        key = (number == 1, page)
        if page[_header_offset(number)] == 0x0D and key not in carved:
            carved.add(key)
            for values in _carve_free(db, table, page, number):
                yield from emit("freelist", values[0], values[1:], number, frame)
    yield from _free_list(db, table, live, emit)
    if emit.count >= MAX_RECOVERED:
        ctx.warn(f"More than {MAX_RECOVERED} deleted or superseded rows of {table.name}; the rest are not listed.")


def _free_list(db: _Db, table: _Table, live: dict[int, list[Any]],
               emit: _Emitter) -> Iterator[tuple[str, dict[str, Any]]]:
    """Records on whole pages of the free list, attributed to the table by their shape."""
    ncols = len(table.columns)
    for number in db.free_pages():
        try:
            page = db.page(number)
        except IndexError:
            continue
        frame = db.source.get(number)
        if page[0] == 0x0D:
            for cell, rowid, values in _leaf_rows(db, page, number, ncols, emit.cells):
                if len(values) == ncols and _fits(table, values) and rowid not in live:
                    emit.cells.add(cell)
                    yield from emit("freelist", rowid, values, number, frame)
        if table.alias == 0:
            for values in _scan(db, table, page, 8, db.usable):
                yield from emit("freelist", values[0], values[1:], number, frame)


def _exists(db: _Db, number: int) -> bool:
    return 0 < number and (number - 1) * db.page_size < len(db.data)


def recover_records(ctx: ExtractContext, table: str, data: bytes | BinaryIO | None,
                    build: Callable[[str, dict[str, Any]], Any]) -> Iterator[Any]:
    """``build(where, row)`` for every recovered row, skipping rows it cannot build (returns None or
    raises ValueError/TypeError/KeyError): the usual loop of an extractor."""
    for where, row in recovered_rows(ctx, table, data):
        try:
            record = build(where, row)
        except (ValueError, TypeError, KeyError):
            continue
        if record is not None:
            yield record


# A helper module: it registers no extractor of its own (see plugins/__init__.py).
EXTRACTORS: tuple[type[Extractor], ...] = ()
