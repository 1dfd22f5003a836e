"""Limited children (``isolation.run_limited``) and what runs in them: the plugin catalogue and the
viewers' parsing (``isolated_views``). Each limit is seen to hold: a crash, a hang, a memory hog, an
answer that is not plain data; and the SQLite protections (views listed, never run)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import hostile_targets as targets
import pytest
from ft_testlib import child_abort

from forensic_triage import isolated_views
from forensic_triage.errors import ParseError
from forensic_triage.isolation import Limits, Stop, run_limited
from forensic_triage.plugin_catalog import load_catalog


def test_an_answer_with_blobs_and_notes_comes_back_as_plain_data() -> None:
    notes: list[object] = []
    outcome = run_limited(targets.answer_with_blob, ("ok",), Limits(30, 512), on_note=notes.append)
    assert outcome.stop is Stop.DONE and outcome.value == {"text": "ok"} and outcome.blobs == [b"okokok"]
    assert notes == [{"step": 1}]


def test_a_crash_a_hang_and_a_memory_hog_each_end_in_a_stated_reason() -> None:
    crash = run_limited(child_abort, (), Limits(30, 512))
    assert crash.stop is Stop.CRASHED and crash.reason() == \
        "it stopped the process it was running in (killed by signal SIGABRT)"
    hog = run_limited(targets.eat_memory, (), Limits(30, 512))
    assert hog.stop is Stop.OUT_OF_MEMORY and hog.reason() == "it needed more than 512 MiB of memory and was stopped"
    start = time.monotonic()
    hang = run_limited(targets.note_then_hang, (3,), Limits(1.0, 512))
    took = time.monotonic() - start
    assert hang.stop is Stop.TIMED_OUT and hang.reason() == "it did not finish within 1 s and was stopped"
    assert 2.0 < took < 20  # each note restarted the clock; the silence after the last one did not


def test_a_child_that_writes_a_pickle_is_not_unpickled(capfd: pytest.CaptureFixture[str]) -> None:
    outcome = run_limited(targets.send_a_pickle, (), Limits(30, 512))
    assert outcome.stop is Stop.FAILED and "cannot be read" in outcome.detail
    assert "UNPICKLED IN THE PARENT" not in capfd.readouterr().out


def _hostile_db(path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.executescript("""
        CREATE TABLE t(a TEXT, b BLOB); INSERT INTO t VALUES ('x', x'0011');
        CREATE VIEW forever AS WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r) SELECT max(i) FROM r;
        CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT randomblob(1); END;
    """)
    conn.commit()
    conn.close()
    return path


def test_sqlite_views_are_listed_and_never_run(tmp_path: Path) -> None:
    db = _hostile_db(tmp_path / "h.sqlite")
    listing = isolated_views.sqlite_tables(db)
    assert listing.tables == ["t"] and listing.views == ["forever"]
    page = isolated_views.sqlite_page(db, "t", 0, 10)
    assert page.headers == ["a", "b"] and page.rows == [("x", isolated_views.Blob(2, b"\x00\x11"))]
    with pytest.raises(ParseError, match="views are not run"):
        isolated_views.sqlite_page(db, "forever", 0, 10)
    conn = isolated_views.open_untrusted_sqlite(db)
    try:
        with pytest.raises(sqlite3.DatabaseError, match="not authorized"):
            conn.execute("ATTACH DATABASE ':memory:' AS other")  # our statements only read
        conn.set_authorizer(None)
        assert conn.execute("PRAGMA trusted_schema").fetchone() == (0,)
        assert conn.execute("PRAGMA query_only").fetchone() == (1,)
    finally:
        conn.close()


def test_sqlite_that_is_not_a_database_is_a_stated_problem(tmp_path: Path) -> None:
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    with pytest.raises(ParseError, match="The database cannot be listed"):
        isolated_views.sqlite_tables(junk)


def test_a_thumbnail_of_a_decompression_bomb_is_refused() -> None:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    bomb = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 50000, 50000, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\0" * 1000)) + chunk(b"IEND", b""))
    with pytest.raises(ParseError, match="decompression bomb"):
        isolated_views.make_thumbnail(bomb, 256)


def test_the_catalogue_names_the_plugin_that_stopped_its_child(tmp_path: Path) -> None:
    folder = tmp_path / "plugins"
    folder.mkdir()
    (folder / "a_exits.py").write_text("raise SystemExit(7)\n")
    (folder / "b_broken.py").write_text("raise ValueError('bad plugin')\n")
    catalog = load_catalog(folder, Limits(60, 2048))
    messages = {p.source: p.message for p in catalog.problems}
    assert messages[f"user plugin {folder / 'a_exits.py'}"] == (
        f"The user plugin {folder / 'a_exits.py'} could not be loaded: it stopped the process it was running in "
        "(exit code 7).")
    assert "ValueError('bad plugin')" in messages[f"user plugin {folder / 'b_broken.py'}"]
    assert {p.name for p in catalog.plugins} >= {"windows.prefetch", "windows.lnk"}


def test_listing_the_catalogue_imports_no_extractor_in_the_asking_process() -> None:
    """The desktop application lists the extractors on a thread while a case opens; an import of the
    extractors (and numpy with them) there held the GIL the GUI thread needed for ~0.1-0.35 s."""
    code = ("import sys\n"
            "from forensic_triage.plugin_catalog import current_catalog\n"
            "catalog = current_catalog()\n"
            "assert any(p.name == 'windows.prefetch' for p in catalog.plugins), catalog\n"
            "print(sorted(m for m in sys.modules if m.startswith(('forensic_triage.extractors', "
            "'forensic_triage.plugins.', 'forensic_triage.pipeline', 'numpy'))))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
