"""Deleted and superseded SQLite rows, recovered from databases written by SQLite itself.

Each database is built with the sqlite3 module (the real library), rows deleted with
``secure_delete`` off and no VACUUM, as a phone leaves them; the expected rows are what was
deleted, as SQL saw them before the delete.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from forensic_triage.plugins.sqlite_recovery import recovered_rows
from helpers import make_file_info

from forensic_triage.plugin_api import ExtractContext

SCHEMA = "CREATE TABLE sms(_id INTEGER PRIMARY KEY, address TEXT, body TEXT, date INTEGER)"


def _ctx(tmp_path: Path, name: str, wal: bytes | None = None) -> tuple[ExtractContext, list[str]]:
    warnings: list[str] = []
    ctx = ExtractContext(file=make_file_info(b"", f"/data/{name}"), temp_dir=tmp_path, user=None,
                         warn=warnings.append, cancelled=lambda: False,
                         read_sibling=lambda n: wal if n == f"{name}-wal" else None)
    return ctx, warnings


def _build(tmp_path: Path, mode: str, rows: int) -> tuple[Path, sqlite3.Connection]:
    path = tmp_path / "mmssms.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA secure_delete=OFF")
    conn.execute(f"PRAGMA journal_mode={mode}")
    if mode == "WAL":
        conn.execute("PRAGMA wal_autocheckpoint=0")
    conn.execute(SCHEMA)
    conn.execute("BEGIN")
    for i in range(1, rows + 1):
        conn.execute("INSERT INTO sms(address, body, date) VALUES (?,?,?)",
                     (f"+1876555{i:04d}", f"message number {i} " + "x" * (i % 40), 1_700_000_000_000 + i))
    conn.execute("COMMIT")
    return path, conn


def _rows(conn: sqlite3.Connection, where: str) -> list[tuple[Any, ...]]:
    return conn.execute(f"SELECT _id, address, body, date FROM sms WHERE {where} ORDER BY _id").fetchall()  # noqa: S608


def _key(row: dict[str, Any]) -> tuple[Any, ...]:
    return (row["address"], row["body"], row["date"])


def test_deleted_rows_are_carved_from_free_blocks_and_the_gap(tmp_path: Path) -> None:
    path, conn = _build(tmp_path, "DELETE", 20)
    deleted = _rows(conn, "_id IN (5, 6, 7, 19, 20)")
    live = _rows(conn, "_id NOT IN (5, 6, 7, 19, 20)")
    conn.execute("DELETE FROM sms WHERE _id IN (5, 6, 7, 19, 20)")
    conn.close()
    ctx, warnings = _ctx(tmp_path, "mmssms.db")
    got = list(recovered_rows(ctx, "sms", path.read_bytes()))
    assert warnings == []
    assert {w for w, _ in got} == {"freelist"}
    assert sorted(_key(r) for _, r in got) == sorted(tuple(d[1:]) for d in deleted)
    assert not {_key(r) for _, r in got} & {tuple(x[1:]) for x in live}  # nothing live is "recovered"
    # free blocks overwrite the cell's first bytes: the rowid is lost, and said to be (None)
    assert all(r["_rowid"] is None and r["_id"] is None for _, r in got)


def test_rows_deleted_across_pages_are_found_without_false_records(tmp_path: Path) -> None:
    path, conn = _build(tmp_path, "DELETE", 300)
    conn.execute("DELETE FROM sms WHERE _id IN (5, 6, 7, 150, 299, 300)")
    conn.execute("DELETE FROM sms WHERE _id BETWEEN 230 AND 260")
    live = {tuple(x[1:]) for x in _rows(conn, "1")}
    conn.close()
    ctx, _ = _ctx(tmp_path, "mmssms.db")
    got = list(recovered_rows(ctx, "sms", path.read_bytes()))
    numbers = sorted(int(r["body"].split()[2]) for _, r in got)
    assert numbers == [5, 6, 7, 150, *range(230, 261), 299, 300]
    assert all(_key(r) not in live for _, r in got)
    assert all(isinstance(r["date"], int) and r["address"].startswith("+1876555") for _, r in got)


def test_wal_versions_that_the_database_no_longer_shows(tmp_path: Path) -> None:
    path, conn = _build(tmp_path, "WAL", 300)
    before = {r[0]: tuple(r[1:]) for r in _rows(conn, "1")}
    conn.execute("DELETE FROM sms WHERE _id IN (5, 6, 7, 150)")
    conn.execute("UPDATE sms SET body='edited' WHERE _id=10")
    conn.execute("DELETE FROM sms WHERE _id BETWEEN 200 AND 260")
    live = {r[0]: tuple(r[1:]) for r in _rows(conn, "1")}
    wal = (tmp_path / "mmssms.db-wal").read_bytes()
    data = path.read_bytes()
    conn.close()
    ctx, warnings = _ctx(tmp_path, "mmssms.db", wal)
    got = list(recovered_rows(ctx, "sms", data))  # the -wal comes from read_sibling, as in the engine
    assert warnings == []
    wal_rows = {r["_rowid"]: _key(r) for w, r in got if w == "wal"}
    gone = {k: v for k, v in before.items() if k not in live or live[k] != v}
    assert wal_rows == gone  # every deleted row and the earlier version of row 10, with its rowid
    assert all(r["_id"] == r["_rowid"] for _, r in got)


def test_table_without_rowid_alias_is_not_carved_but_wal_still_read(tmp_path: Path) -> None:
    path = tmp_path / "calls.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA secure_delete=OFF")
    conn.execute("CREATE TABLE calls(number TEXT, duration INTEGER)")
    conn.executemany("INSERT INTO calls VALUES (?,?)", [(f"+1{i:09d}", i) for i in range(50)])
    conn.execute("DELETE FROM calls WHERE duration < 5")
    conn.close()
    ctx, _ = _ctx(tmp_path, "calls.db")
    assert list(recovered_rows(ctx, "calls", path.read_bytes())) == []  # stated in the module: not carved


@pytest.mark.parametrize("damage", ["truncate", "garbage", "not-sqlite", "bad-page-size"])
def test_damaged_input_gives_nothing_or_a_warning_never_an_error(tmp_path: Path, damage: str) -> None:
    path, conn = _build(tmp_path, "DELETE", 200)
    conn.execute("DELETE FROM sms WHERE _id BETWEEN 50 AND 80")
    conn.close()
    data = path.read_bytes()
    if damage == "truncate":
        data = data[: len(data) // 2]
    elif damage == "garbage":
        data = data[:100] + bytes((i * 37) % 256 for i in range(len(data) - 100))
    elif damage == "not-sqlite":
        data = b"PK\x03\x04" + data[4:]
    else:
        data = data[:16] + b"\x01\x23" + data[18:]
    ctx, warnings = _ctx(tmp_path, "mmssms.db", b"\x37\x7f\x06\x82" + b"\xff" * 100)
    got = list(recovered_rows(ctx, "sms", data))
    if damage in ("not-sqlite", "bad-page-size"):
        assert got == [] and warnings
    for _, row in got:
        assert set(row) == {"_id", "address", "body", "date", "_rowid", "_page", "_frame"}
