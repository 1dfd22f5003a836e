"""Deleted and superseded rows in a write-ahead log of many transactions, as a phone leaves it.

Every database here is written by the real SQLite library (Python's sqlite3) in WAL mode, one
transaction per statement, never checkpointed after the schema (``wal_autocheckpoint=0``), with
``secure_delete`` off. The expected rows are computed from what the test inserted, changed and
deleted, never from the module's output: every committed version of a row that the database no
longer holds as it was, once each, with its rowid.

Tables without an INTEGER PRIMARY KEY first column are not carved (see the module), so for those
the expected set is exact: only whole cells of the table's page versions give rows. Two cases are
ones an earlier version of the module missed: rows that lived only on the table's root page while
it was still a leaf (the table created in the log, its root interior by the end), and rows on
leaves split off and then merged away between commits (pages neither in the file's tree nor in
the last one).
"""

from __future__ import annotations

import sqlite3
import struct
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from forensic_triage.plugins.sqlite_recovery import recovered_rows
from helpers import make_file_info

from forensic_triage.plugin_api import ExtractContext

PAGE = 1024  # small pages: a few rows each, so a few dozen rows make a tree of several leaves


@contextmanager
def _wal_db(tmp_path: Path, schema_in_file: str) -> Iterator[tuple[sqlite3.Connection, Path]]:
    """A database whose file holds ``schema_in_file`` (checkpointed) and whose -wal gets the rest."""
    path = tmp_path / "app.db"
    conn = sqlite3.connect(path, isolation_level=None)  # autocommit: one transaction per statement
    try:
        conn.execute(f"PRAGMA page_size={PAGE}")
        conn.execute("PRAGMA secure_delete=OFF")
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA wal_autocheckpoint=0")
        conn.executescript(schema_in_file)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        yield conn, path
    finally:
        conn.close()


def _recover(tmp_path: Path, path: Path, table: str) -> tuple[list[tuple[str, dict[str, Any]]], bytes, bytes]:
    """(rows recovered, the file's bytes, the -wal's bytes), with no warning; call it before the connection closes (closing checkpoints)."""
    data, wal = path.read_bytes(), Path(f"{path}-wal").read_bytes()  # read while the connection is open
    warnings: list[str] = []
    ctx = ExtractContext(file=make_file_info(b"", "/data/app.db"), temp_dir=tmp_path, user=None,
                         warn=warnings.append, cancelled=lambda: False,
                         read_sibling=lambda n: wal if n == "app.db-wal" else None)
    got = list(recovered_rows(ctx, table, data))
    return got, data, wal


def _body(i: int) -> str:
    return f"note {i} " + "abcdefghij" * (4 + i % 5)


def _frames(wal: bytes) -> dict[int, tuple[int, bytes]]:
    """Frame number -> (page number, page bytes), read straight from the -wal (format 2.3.3.2)."""
    size = struct.unpack_from(">I", wal, 8)[0]
    out, pos, n = {}, 32, 1
    while pos + 24 + size <= len(wal):
        out[n] = (struct.unpack_from(">I", wal, pos)[0], wal[pos + 24:pos + 24 + size])
        pos, n = pos + 24 + size, n + 1
    return out


def _check_sources(got: list[tuple[str, dict[str, Any]]], wal: bytes) -> None:
    """Every row from the WAL names a frame of the page it names, and that frame holds its text."""
    frames = _frames(wal)
    for where, row in got:
        assert where == "wal" and row["_frame"] in frames
        page, content = frames[row["_frame"]]
        assert row["_page"] == page and row["body"].encode() in content


def test_rows_on_the_root_page_while_it_was_a_leaf(tmp_path: Path) -> None:
    # The table is created in the log: its root page is in no version of the file. Rows 2 and 3
    # change while the root is the only page (a leaf); later inserts make it an interior page.
    with _wal_db(tmp_path, "CREATE TABLE other(x TEXT); INSERT INTO other VALUES ('x');") as (conn, path):
        conn.execute("CREATE TABLE notes(body TEXT, n INTEGER)")
        for i in range(1, 6):
            conn.execute("INSERT INTO notes(rowid, body, n) VALUES (?,?,?)", (i, _body(i), i))
        conn.execute("UPDATE notes SET body = 'changed', n = 0 WHERE rowid = 3")
        conn.execute("DELETE FROM notes WHERE rowid = 2")
        for i in range(6, 41):
            conn.execute("INSERT INTO notes(rowid, body, n) VALUES (?,?,?)", (i, _body(i), i))
        conn.execute("DELETE FROM notes WHERE rowid = 20")
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'notes'").fetchone()[0]
        got, data, wal = _recover(tmp_path, path, "notes")
    assert root > len(data) // PAGE  # the root exists only in the log
    assert any(p == root and c[0] == 0x05 for p, c in _frames(wal).values())  # and ends interior
    expected = {(i, _body(i), i) for i in (2, 3, 20)}  # the deleted rows and row 3 before its change
    assert sorted((r["_rowid"], r["body"], r["n"]) for _, r in got) == sorted(expected)
    assert {r["_page"] for _, r in got if r["_rowid"] in (2, 3)} == {root}
    _check_sources(got, wal)


def test_rows_on_leaves_split_off_and_merged_away_between_commits(tmp_path: Path) -> None:
    # Rows 1-30 are in the file's tree. Rows 31-60, one commit each, go to leaves split off in
    # the log; row 45 is then deleted alone, row 50 changed twice, and finally 31-60 all deleted:
    # their leaves leave the tree and are in neither the file's tree nor the last one.
    schema = "CREATE TABLE notes(body TEXT, n INTEGER);" + "".join(
        f"INSERT INTO notes(rowid, body, n) VALUES ({i}, '{_body(i)}', {i});" for i in range(1, 31))
    with _wal_db(tmp_path, schema) as (conn, path):
        leaves_in_file = conn.execute("SELECT count(*) FROM dbstat WHERE name = 'notes' AND pagetype = 'leaf'"
                                      ).fetchone()[0] if _has_dbstat(conn) else None
        for i in range(31, 61):
            conn.execute("INSERT INTO notes(rowid, body, n) VALUES (?,?,?)", (i, _body(i), i))
        conn.execute("DELETE FROM notes WHERE rowid = 45")
        conn.execute("UPDATE notes SET body = 'first change', n = -1 WHERE rowid = 50")
        conn.execute("UPDATE notes SET body = 'second change', n = -2 WHERE rowid = 50")
        conn.execute("DELETE FROM notes WHERE rowid > 30")
        live = conn.execute("SELECT rowid, body, n FROM notes ORDER BY rowid").fetchall()
        got, data, wal = _recover(tmp_path, path, "notes")
    assert live == [(i, _body(i), i) for i in range(1, 31)]
    assert leaves_in_file is None or leaves_in_file > 1
    expected = [(i, _body(i), i) for i in range(31, 61)] + [(50, "first change", -1), (50, "second change", -2)]
    assert sorted((r["_rowid"], r["body"], r["n"]) for _, r in got) == sorted(expected)
    _check_sources(got, wal)


def _has_dbstat(conn: sqlite3.Connection) -> bool:
    try:
        conn.execute("SELECT 1 FROM dbstat LIMIT 1")
    except sqlite3.OperationalError:
        return False
    return True


def test_many_commits_with_an_integer_primary_key(tmp_path: Path) -> None:
    # An sms-like table (its first column the rowid alias, so free space is carved as well):
    # 120 messages, one commit each, then deletes and edits spread over their own commits.
    schema = "CREATE TABLE sms(_id INTEGER PRIMARY KEY, address TEXT, body TEXT, date INTEGER);"
    with _wal_db(tmp_path, schema) as (conn, path):
        inserted = {i: (f"+1876555{i:04d}", f"message {i} " + "x" * (i % 40), 1_700_000_000_000 + i)
                    for i in range(1, 121)}
        for i, values in inserted.items():
            conn.execute("INSERT INTO sms(_id, address, body, date) VALUES (?,?,?,?)", (i, *values))
        deleted = [3, 17, 18, 19, 64, 99, 120]
        edited = {5: "edited 5", 70: "edited 70"}
        for i in deleted:
            conn.execute("DELETE FROM sms WHERE _id = ?", (i,))
        for i, body in edited.items():
            conn.execute("UPDATE sms SET body = ? WHERE _id = ?", (body, i))
        conn.execute("DELETE FROM sms WHERE _id BETWEEN 30 AND 40")
        got, data, wal = _recover(tmp_path, path, "sms")
    gone = sorted({*deleted, *edited, *range(30, 41)})
    expected = sorted((i, *inserted[i]) for i in gone)
    assert sorted((r["_rowid"], r["address"], r["body"], r["date"]) for w, r in got if w == "wal") == expected
    # The carver finds copies of these in free space too (rowid lost; dropped as already found) and,
    # as it did before this log was read per transaction, a few records of zero bytes from unwritten
    # space (address and date NULL, body NUL characters): a known weakness of the carver, not of the
    # WAL reading. Any carved record with an address is one of the rows that are gone.
    carved = {(r["address"], r["body"], r["date"]) for w, r in got if w == "freelist"}
    assert {c for c in carved if c[0] is not None} <= {inserted[i] for i in gone}
    assert all(r["_id"] == r["_rowid"] for _, r in got)
    frames = _frames(wal)
    assert all(frames[r["_frame"]][0] == r["_page"] for w, r in got if w == "wal")


def test_the_carvers_prefilter_skips_no_record(tmp_path: Path) -> None:
    # The carver jumps to positions a regular expression (built from the columns' affinities)
    # accepts; with a pattern that accepts every position it tries each byte, as it used to. Both
    # must carve the same records from the same bytes: real free space and random bytes.
    import random
    import re

    from forensic_triage.plugins import sqlite_recovery as sr

    path = tmp_path / "carve.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA secure_delete=OFF")
    conn.execute("CREATE TABLE t(_id INTEGER PRIMARY KEY, a TEXT, n INTEGER, r REAL, b BLOB, x)")
    rnd = random.Random(7)
    for i in range(1, 121):  # every storage class, integers 0 and 1 (types 8, 9) and non-ASCII text
        conn.execute("INSERT INTO t VALUES (?,?,?,?,?,?)", (i, "é" * (i % 9) + f"row {i}", i * 1000 - 5 if i % 5 else i % 2,
                                                          i / 3, rnd.randbytes(i % 13), None if i % 4 else i))
    conn.execute("DELETE FROM t WHERE _id % 3 = 0")
    conn.close()
    data = path.read_bytes()
    db = sr._Db(data, None)
    table = sr._table(db, "t")
    assert table is not None and table.serials is not None
    everywhere = sr._Table(table.name, table.root, table.columns, table.alias, table.affinity, re.compile(b""))
    pages = [data[i:i + db.page_size] for i in range(db.page_size, len(data), db.page_size)]
    pages.append(rnd.randbytes(db.page_size))
    found = 0
    for page in pages:
        fast = list(sr._scan(db, table, page, 8, db.usable))
        assert fast == list(sr._scan(db, everywhere, page, 8, db.usable))
        found += len(fast)
    assert found >= 35  # the deleted rows are there to be found
