"""Hostile input never runs in the GUI process (issue 16).

User plugins that abort, hang or eat memory when imported, a picture whose pixels need more memory
than the decoder may have, a decompression bomb, a truncated picture and a SQLite database whose
views never end: the desktop application lists, decodes and browses them in child processes with
limits, says what happened in the window, and goes on (the normal plugins still load). The limits
are made short for the tests with the settings the core reads (``FT_LIMIT_<KIND>_SECONDS`` /
``_MEMORY_MB``).

The crashing plugin is opened by a separate Python process running the real window: if the
listing ran in-process again, that process (not the test run) would die of SIGABRT.
"""

from __future__ import annotations

import datetime as _dt
import os
import sqlite3
import struct
import subprocess
import sys
import textwrap
import zlib
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from ui_helpers import make_case

from forensic_triage.store import DB_NAME

GOOD_PLUGIN = '''
import dataclasses
from typing import ClassVar
from forensic_triage.plugin_api import Extractor, InputSpec, Record

@dataclasses.dataclass(frozen=True)
class Note(Record):
    record_type: ClassVar[str] = "test.note"
    words: str = ""
    length: int = 0

class NoteReader(Extractor):
    name = "test.normal"
    version = "1.0"
    description = "a well-behaved user plugin"
    inputs = InputSpec(names=("*.note",))
    record_types = (Note,)

    def extract(self, ctx, stream, file_info):
        return iter(())

EXTRACTORS = (NoteReader,)
'''
CRASHING = "import os\nos.abort()\n"
HANGING = "import time\nwhile True:\n    time.sleep(3600)\n"
HUNGRY = "hog = b'x' * (8 * 1024 ** 3)  # 8 GiB, every byte written\n"


def _plugins(folder: Path, **files: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / f"{name}.py").write_text(text)
    return folder


# ------------------------------------------------------------------------------------ plugins
def test_hanging_and_memory_hungry_plugins_are_named_and_the_others_load(
        qtbot: Any, window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _plugins(Path(os.environ["FT_PLUGIN_DIR"]), a_hanging=HANGING, b_hungry=HUNGRY, c_good=GOOD_PLUGIN)
    monkeypatch.setenv("FT_LIMIT_PLUGINS_SECONDS", "8")
    monkeypatch.setenv("FT_LIMIT_PLUGINS_MEMORY_MB", "1024")
    case = make_case(tmp_path / "case", None)
    assert window.open_case(str(case))
    panel = window.workspace.triage
    # The window did not wait for the hanging plugin's limit (8 s > LISTING_WAIT): it says so and goes on.
    assert panel.listing and "Listing the artifact extractors" in panel.plugin_problems.text()
    qtbot.waitUntil(lambda: not panel.listing, timeout=90000)  # the event loop runs meanwhile
    names = [panel.plugins.item(i).data(Qt.ItemDataRole.UserRole) for i in range(panel.plugins.count())]
    assert "test.normal" in names and "windows.prefetch" in names  # the user's good plugin and the built-ins
    problems = panel.plugin_problems.text()
    assert f"The user plugin {folder / 'a_hanging.py'} could not be loaded: it did not finish within 8 s" in problems
    assert f"The user plugin {folder / 'b_hungry.py'} could not be loaded: it needed more than 1024 MiB" in problems
    assert "c_good" not in problems
    # The findings columns of the good plugin's record type come from the same listing.
    from forensic_triage.ui.findings_models import registry_fields

    assert registry_fields()["test.note"] == ["words", "length"]
    assert window.isVisible()


CRASH_SCRIPT = textwrap.dedent('''
    import os, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    from forensic_triage.ui.main_window import MainWindow
    win = MainWindow()
    win.show()
    assert win.open_case(sys.argv[1])
    panel = win.workspace.triage
    import time
    deadline = time.monotonic() + 200
    while panel.listing and time.monotonic() < deadline:  # listed off the GUI thread: the event loop runs
        app.processEvents()
        time.sleep(0.01)
    print("LISTED", [panel.plugins.item(i).data(256) for i in range(panel.plugins.count())])
    print("PROBLEMS", panel.plugin_problems.text())
    win.session.close()
    print("ALIVE")
''')


def test_a_plugin_that_aborts_on_import_does_not_kill_the_window(tmp_path: Path) -> None:
    folder = _plugins(tmp_path / "plugins", a_crashing=CRASHING, b_good=GOOD_PLUGIN)
    case = make_case(tmp_path / "case", None)
    script = tmp_path / "open_case.py"
    script.write_text(CRASH_SCRIPT)
    env = {**os.environ, "FT_PLUGIN_DIR": str(folder), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    run = subprocess.run([sys.executable, str(script), str(case)], env=env, capture_output=True, text=True,
                         timeout=240, check=False)
    assert run.returncode == 0, f"the window's process died ({run.returncode}): {run.stderr[-2000:]}"
    assert "ALIVE" in run.stdout
    assert "'test.normal'" in run.stdout.split("LISTED", 1)[1].split("\n", 1)[0]
    assert (f"The user plugin {folder / 'a_crashing.py'} could not be loaded: it stopped the process it was "
            "running in (killed by signal SIGABRT)") in run.stdout


# -------------------------------------------------------------------------------- viewers
def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _png(width: int, height: int, rows: int | None = None) -> bytes:
    """A black RGB PNG of ``width`` x ``height``; ``rows`` < height leaves the pixel data short."""
    packer = zlib.compressobj(9)
    row = b"\0" * (1 + 3 * width)
    body = b"".join(packer.compress(row) for _ in range(height if rows is None else rows)) + packer.flush()
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + _chunk(b"IDAT", body) + _chunk(b"IEND", b""))


def _hostile_database(path: Path) -> bytes:
    conn = sqlite3.connect(path)
    conn.executescript("""
        CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT, raw BLOB);
        INSERT INTO notes(body, raw) VALUES ('meet at noon', x'00ff10'), ('bring the key', NULL);
        -- never ends when it is run, and is listed first
        CREATE VIEW aaa_forever AS WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r)
            SELECT max(i) AS m FROM r;
        CREATE TRIGGER noisy AFTER INSERT ON notes BEGIN SELECT randomblob(100000000); END;
    """)
    conn.commit()
    conn.close()
    return path.read_bytes()


@pytest.fixture(scope="module")
def hostile_case(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from imagebuilders import build_fat

    from forensic_triage.sample.generator import make_exif, make_jpeg

    work = tmp_path_factory.mktemp("hostile")
    jpeg, _w, _h = make_jpeg(make_exif("Canon", "EOS 80D", _dt.datetime(2025, 3, 1, 10), 10.65,
                                       -61.5, 96, 64))
    tree = {
        "good.jpg": jpeg,
        "huge.png": _png(8000, 8000),            # 192 MB of pixels from 190 KB: over the test's memory limit
        "bomb.png": _png(40000, 40000, rows=2),  # 1.6 G pixels declared: refused as a decompression bomb
        "truncated.jpg": jpeg[:300],
        "hostile.sqlite": _hostile_database(work / "hostile.sqlite"),
    }
    image = build_fat(work / "hostile.img", tree, size_mb=16)
    return make_case(work / "case", image)


def _file_id(case: Path, name: str) -> int:
    with sqlite3.connect(f"file:{case / DB_NAME}?mode=ro", uri=True) as db:
        return int(db.execute("SELECT id FROM files WHERE name = ?", (name,)).fetchone()[0])


def _view(qtbot: Any, window: Any, case: Path, name: str, view: str) -> Any:
    browse = window.workspace.browse
    window.show_tab(2)
    file_id = _file_id(case, name)
    browse.show_file(file_id)
    qtbot.waitUntil(lambda: browse.current_file_id() == file_id)
    details = browse.details
    with qtbot.waitSignal(details.loaded, timeout=60000, check_params_cb=lambda v: v == view):
        details.setCurrentWidget(getattr(details, view))
    return getattr(details, view)


def test_hostile_pictures_are_decoded_in_a_child_and_the_window_says_what_happened(
        qtbot: Any, window: Any, hostile_case: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FT_LIMIT_PICTURE_MEMORY_MB", "150")
    assert window.open_case(str(hostile_case))
    picture = _view(qtbot, window, hostile_case, "good.jpg", "picture")
    assert picture._pixmap is not None and picture._pixmap.width() == 96
    assert "Canon" in picture.exif.toPlainText()

    picture = _view(qtbot, window, hostile_case, "huge.png", "picture")
    assert picture._pixmap is None
    assert "it needed more than 150 MiB of memory" in picture.picture.text()

    picture = _view(qtbot, window, hostile_case, "bomb.png", "picture")
    assert picture._pixmap is None and "DecompressionBombError" in picture.picture.text()

    picture = _view(qtbot, window, hostile_case, "truncated.jpg", "picture")
    assert picture._pixmap is None and picture.picture.text().startswith("No preview:")
    assert QApplication.instance() is not None and window.isVisible()


def test_hostile_database_views_are_not_run_and_rows_come_from_a_child(
        qtbot: Any, window: Any, hostile_case: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FT_LIMIT_SQLITE_SECONDS", "5")
    assert window.open_case(str(hostile_case))
    view = _view(qtbot, window, hostile_case, "hostile.sqlite", "sqlite")
    names = [view.tables.itemText(i) for i in range(view.tables.count())]
    assert names == ["notes"]  # the never-ending view is not offered
    qtbot.waitUntil(lambda: view.model.rowCount() == 2, timeout=20000)
    assert view.model.data(view.model.index(0, 1)) == "meet at noon"
    assert view.model.data(view.model.index(0, 2)) == "BLOB 3 bytes: 00ff10"
    # Asked for by name anyway, the view is refused, not run, and the window says so.
    view.model.set_table("aaa_forever")
    qtbot.waitUntil(lambda: not view.model.loading, timeout=20000)
    assert view.model.rowCount() == 0
    assert "is not a table of this database (views are not run)" in view.info.text()


def test_tagging_a_hostile_picture_keeps_the_tag_and_says_why_there_is_no_preview(
        hostile_case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    from forensic_triage.exports.findings import full_locator
    from forensic_triage.store import CaseStore
    from forensic_triage.tags import add_tag

    monkeypatch.setenv("FT_LIMIT_PICTURE_MEMORY_MB", "150")
    case = tmp_path / "case"
    shutil.copytree(hostile_case, case, ignore=shutil.ignore_patterns(".case.lock"))
    with CaseStore.open(case) as store:
        made = {}
        for name in ("good.jpg", "huge.png"):
            row = store.query("SELECT locator, path FROM files WHERE name = ?", (name,))[0]
            made[name] = add_tag(store, "file", full_locator(row["locator"], row["path"]), "seen").thumbnail
        warnings = [r["message"] for r in store.query("SELECT message FROM warnings WHERE source = 'tag.thumbnail'")]
        tags = store.scalar("SELECT count(*) FROM tags")
    assert made == {"good.jpg": "made", "huge.png": "no preview: picture cannot be decoded"}
    assert tags == 2
    assert warnings == ["No preview of the tagged picture: it cannot be decoded (it needed more than 150 MiB of "
                        "memory and was stopped)."]
