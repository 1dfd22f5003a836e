"""Speed of SQLite deleted-row recovery on a write-ahead log with one commit per row.

Builds, with the real SQLite library (Python's sqlite3) and the iOS sms.db schema of the tests
(``message`` has 90 columns), a database in WAL mode whose ``-wal`` holds one commit per inserted
message (``message`` + ``chat_message_join``, as Messages writes them), then one commit per
delete of every 10th message and per edit of every 25th, never checkpointed — the shape of a
phone's log. Then runs ``plugins.sqlite_recovery.recovered_rows(…, "message")`` over it and prints
rows recovered, WAL size, seconds and rows/s, and, for reference, the time SQLite itself takes
to read the live rows of the same bytes. With ``--baseline REV`` the module as it was at git
revision REV runs side by side on the same bytes (interleaved, median of ``--runs``), and the
rows it found are checked to be a subset of today's.

    PYTHONPATH=$PWD python benchmarks/sqlite_wal_recovery.py [--sizes 200 800] [--runs 3] [--baseline REV]
"""

from __future__ import annotations

import argparse
import importlib.util
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import types
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from forensic_triage.plugins import sqlite_recovery as current  # noqa: E402
from helpers.ios_builders import SMS_SCHEMA, attributed_body  # noqa: E402

from forensic_triage.model import FileInfo, Locator  # noqa: E402
from forensic_triage.plugin_api import ExtractContext  # noqa: E402

PATH = "/private/var/mobile/Library/SMS/sms.db"
FILE = FileInfo(1, Locator("EXH-001", 0, 64, path=PATH), "EXH-001", PATH, "sms.db", "db", 0, False,
                "application/vnd.sqlite3", "SQLite 3.x database", b"")


def build(n: int) -> tuple[bytes, bytes, set[int], set[int]]:
    """(database, -wal, deleted message ROWIDs, edited ROWIDs) for ``n`` single-commit inserts."""
    with tempfile.TemporaryDirectory(prefix="ft-walbench-") as folder:
        path = Path(folder) / "sms.db"
        conn = sqlite3.connect(path, isolation_level=None)
        try:
            conn.execute("PRAGMA secure_delete=OFF")
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA wal_autocheckpoint=0")
            conn.executescript(SMS_SCHEMA)
            conn.execute("INSERT INTO chat (guid, style, state) VALUES ('SMS;-;+18685550100', 45, 3)")
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            for i in range(1, n + 1):
                conn.execute("BEGIN")
                conn.execute("INSERT INTO message (guid, text, handle_id, attributedBody, service, account, date,"
                             " is_from_me, is_delivered) VALUES (?,?,?,?,?,?,?,?,1)",
                             (f"GUID-{i:06d}", f"message {i} " + "lorem ipsum " * (i % 9), 1 + i % 3,
                              attributed_body(f"message {i}"), "SMS", "p:+18685550199",
                              700_000_000_000_000_000 + i * 1_000_000_000, i % 2))
                conn.execute("INSERT INTO chat_message_join VALUES (1, ?, ?)", (i, i))
                conn.execute("COMMIT")
            deleted = set(range(10, n + 1, 10))
            edited = set(range(25, n + 1, 25)) - deleted
            for i in sorted(deleted):
                conn.execute("DELETE FROM message WHERE ROWID = ?", (i,))
            for i in sorted(edited):
                conn.execute("UPDATE message SET text = ? WHERE ROWID = ?", (f"edited {i}", i))
            return path.read_bytes(), (Path(folder) / "sms.db-wal").read_bytes(), deleted, edited
        finally:
            conn.close()


def baseline(rev: str) -> types.ModuleType:
    source = subprocess.run(["git", "-C", str(ROOT), "show", f"{rev}:plugins/sqlite_recovery.py"],
                            check=True, capture_output=True, text=True).stdout
    spec = importlib.util.spec_from_loader(f"sqlite_recovery_{rev}", loader=None)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    exec(compile(source, f"{rev}:plugins/sqlite_recovery.py", "exec"), module.__dict__)  # noqa: S102
    return module


def run(module: Any, db: bytes, wal: bytes) -> tuple[float, list[tuple[str, dict[str, Any]]]]:
    with tempfile.TemporaryDirectory() as tmp:
        ctx = ExtractContext(file=FILE, temp_dir=Path(tmp),
                             user=None, warn=lambda _m: None, cancelled=lambda: False, read_sibling=lambda _n: wal)
        started = time.perf_counter()
        rows = list(module.recovered_rows(ctx, "message", db, wal))
        return time.perf_counter() - started, rows


def sqlite_reads(db: bytes, wal: bytes) -> tuple[float, int]:
    """Reference: SQLite itself reading the live rows of the same bytes (the WAL applied)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "sms.db"
        path.write_bytes(db)
        Path(f"{path}-wal").write_bytes(wal)
        started = time.perf_counter()
        conn = sqlite3.connect(path)
        try:
            rows = conn.execute("SELECT * FROM message").fetchall()
        finally:
            conn.close()
        return time.perf_counter() - started, len(rows)


def key(row: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(sorted((k, repr(v)) for k, v in row.items() if not k.startswith("_")))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 800])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--baseline", help="git revision whose plugins/sqlite_recovery.py runs side by side")
    args = parser.parse_args()
    sides: list[tuple[str, Any]] = [("current", current)]
    if args.baseline:
        sides.insert(0, (f"baseline {args.baseline}", baseline(args.baseline)))
    print(f"SQLite {sqlite3.sqlite_version}, Python {sys.version.split()[0]}")
    print("| inserts (1 commit each) | WAL MB | frames | side | median s | runs | rows recovered"
          " | deleted found | rows/s |")
    print("|---:|---:|---:|---|---:|---|---:|---:|---:|")
    for n in args.sizes:
        db, wal, deleted, _edited = build(n)
        frames = (len(wal) - 32) // (24 + int.from_bytes(db[16:18], "big"))
        times: dict[str, list[float]] = {name: [] for name, _ in sides}
        found: dict[str, list[tuple[str, dict[str, Any]]]] = {}
        reference: list[float] = []
        for _ in range(args.runs):
            for name, module in sides:
                seconds, rows = run(module, db, wal)
                times[name].append(seconds)
                found[name] = rows
            seconds, live = sqlite_reads(db, wal)
            reference.append(seconds)
        medians = {}
        for name, _ in sides:
            median = medians[name] = statistics.median(times[name])
            rows = found[name]
            hit = {int(r["guid"].split("-")[1]) for _, r in rows if isinstance(r.get("guid"), str)} & deleted
            print(f"| {n} | {len(wal) / 1e6:.2f} | {frames} | {name} | {median:.2f} | "
                  f"{' / '.join(f'{t:.2f}' for t in times[name])} | {len(rows)} | {len(hit)}/{len(deleted)} | "
                  f"{len(rows) / median:,.0f} |")
        median = statistics.median(reference)
        print(f"| {n} | {len(wal) / 1e6:.2f} | {frames} | reference: SQLite reads the {live} live rows | "
              f"{median:.3f} | {' / '.join(f'{t:.3f}' for t in reference)} | — | — | {live / median:,.0f} |")
        if args.baseline:
            old, new = found[sides[0][0]], found["current"]
            missing = {key(r) for _, r in old} - {key(r) for _, r in new}
            print(f"|  |  |  | ratio baseline / current | **{medians[sides[0][0]] / medians['current']:.1f}x** | | "
                  f"+{len(new) - len(old)} rows | rows of the baseline not found now: {len(missing)} | |")


if __name__ == "__main__":
    main()
