"""Cancel that really cancels, resume that finishes exactly what was left, live results, closing during a job."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from ui_helpers import make_case, wait_message

from forensic_triage.store import DB_NAME

N_FILES = 800


@pytest.fixture(scope="module")
def many_files_image(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A FAT16 image with 800 small files in 10 folders (mkfs.fat + mtools; skipped without them)."""
    from imagebuilders import build_fat

    tree = {f"folder{i % 10}/note{i:04d}.txt": f"note {i}: the quick brown fox\n".encode() * 4 for i in range(N_FILES)}
    return build_fat(tmp_path_factory.mktemp("many") / "many.img", tree, size_mb=16)


def _db(case: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{case / DB_NAME}?mode=ro", uri=True)


SLOW_PLUGIN = """
import dataclasses, time
from typing import ClassVar
from forensic_triage.plugin_api import Extractor, InputSpec, Record

@dataclasses.dataclass(frozen=True)
class Nothing(Record):
    record_type: ClassVar[str] = "test.nothing"

class SlowReader(Extractor):
    name = "test.slow"
    version = "1"
    description = "takes 25 ms per note (keeps the job running long enough to cancel it)"
    inputs = InputSpec(names=("note*.txt",))
    record_types = (Nothing,)

    def extract(self, ctx, stream, file_info):
        time.sleep(0.025)
        return iter(())

EXTRACTORS = (SlowReader,)
"""


def _triage_outcome(case: Path) -> tuple[Any, ...] | None:
    """The triage job's outcome as a row ("running" while it runs), or None before the job is recorded."""
    db = _db(case)
    try:
        row = db.execute("SELECT outcome FROM jobs WHERE kind='triage'").fetchone()
    finally:
        db.close()
    return None if row is None else tuple(row)


def _fast_choices(panel: Any) -> None:
    """No built-in extractors, rules or content search; one deliberately slow user extractor, so the
    job lasts seconds whatever the machine's speed (the cancel must land while it runs)."""
    folder = Path(os.environ["FT_PLUGIN_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "slow_reader.py").write_text(SLOW_PLUGIN)
    panel._load_plugins()
    assert panel._finish_listing(120.0)  # listed in a child process; a busy machine may take over LISTING_WAIT
    panel._check_all(False)
    for i in range(panel.plugins.count()):
        item = panel.plugins.item(i)
        if item.data(Qt.ItemDataRole.UserRole) == "test.slow":
            item.setCheckState(Qt.CheckState.Checked)
    panel.builtin_rules.setChecked(False)
    panel.content_search.setChecked(False)


def test_cancel_really_cancels_and_resume_finishes_what_was_left(qtbot: Any, window: Any, tmp_path: Path,
                                                                  many_files_image: Path) -> None:
    case = make_case(tmp_path / "case", many_files_image, triage=False)
    assert window.open_case(str(case))
    ws = window.workspace
    ws.timer.setInterval(300)  # the live refresh, faster than the 2 s an examiner gets
    panel = ws.triage
    _fast_choices(panel)
    window.show_tab(2)
    browse = ws.browse
    assert browse.model.rowCount() == 0  # nothing listed before triage

    qtbot.mouseClick(panel.run_button, Qt.MouseButton.LeftButton)
    worker = panel.worker
    progress: list[Any] = []
    worker.signals.progress.connect(progress.append)
    qtbot.waitUntil(lambda: any(p.phase == "examining files" and p.done > 0 for p in progress), timeout=30000)
    # Results appear while the job runs: the file table fills (live refresh) before the job ends.
    qtbot.waitUntil(lambda: browse.model.rowCount() > 0, timeout=30000)
    assert panel.running, "the job ended before it could be cancelled: make the test image bigger"
    assert not panel.warn_label.text().startswith("-") and "files/s" in panel.rate.text()
    with qtbot.waitSignal(panel.jobEnded, timeout=20000) as ended:
        qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
        assert panel.phase.text().startswith("Cancelling")
    assert ended.args == ["cancelled"]
    assert "Cancelled" in panel.phase.text() and panel.run_button.text() == "Resume triage"
    with _db(case) as db:
        pending = db.execute("SELECT count(*) FROM files WHERE status='pending'").fetchone()[0]
        done_first = db.execute("SELECT count(*) FROM files WHERE status='done'").fetchone()[0]
        assert db.execute("SELECT outcome FROM jobs WHERE kind='triage'").fetchall() == [("cancelled",)]
    assert pending > 0 and done_first > 0
    assert f"{pending:,} files are still waiting" in panel.summary.text()

    with qtbot.waitSignal(panel.jobEnded, timeout=120000) as ended:
        qtbot.mouseClick(panel.run_button, Qt.MouseButton.LeftButton)
    assert ended.args == ["completed"]
    with _db(case) as db:
        assert db.execute("SELECT count(*) FROM files WHERE status='pending'").fetchone()[0] == 0
        assert db.execute("SELECT count(*) FROM files WHERE type='file' AND status='done'").fetchone()[0] == N_FILES + \
            db.execute("SELECT count(*) FROM files WHERE type='file' AND name NOT LIKE 'note%'").fetchone()[0]
        runs = db.execute("SELECT outcome, stats FROM jobs WHERE kind='triage' ORDER BY id").fetchall()
    assert [r[0] for r in runs] == ["cancelled", "completed"]
    assert f'"files_processed": {pending}' in runs[1][1]  # the second run examined exactly what was left
    assert panel.run_button.text() == "Run triage"
    qtbot.waitUntil(lambda: browse.model.total is not None and browse.model.total >= N_FILES)


def test_closing_the_window_during_a_job_asks_then_cancels_cleanly(qtbot: Any, window: Any, tmp_path: Path,
                                                                   many_files_image: Path) -> None:
    case = make_case(tmp_path / "case", many_files_image, triage=False)
    assert window.open_case(str(case))
    panel = window.workspace.triage
    _fast_choices(panel)
    worker = panel.start()
    assert worker is not None
    qtbot.waitUntil(lambda: worker.started_at > 0)
    qtbot.waitUntil(lambda: _triage_outcome(case) is not None, timeout=30000)  # the job is recorded, running
    assert _triage_outcome(case) == ("running",)
    window.close()
    box = wait_message(qtbot, lambda text: "still running" in text)
    assert window.isVisible()
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.No), Qt.MouseButton.LeftButton)
    assert window.isVisible() and panel.running and not worker.cancelling
    window.close()
    box = wait_message(qtbot, lambda text: "still running" in text)
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=30000)
    assert worker.done and not window.jobs.busy()
    assert _triage_outcome(case) == ("cancelled",)  # the slow extractor keeps it running until the cancel


def test_a_job_that_ends_at_once_still_reaches_what_the_caller_connects(qtbot: Any) -> None:
    # Callers connect to a worker's signals after JobManager.start returns; a job as short as a tag
    # must not have ended (its signals lost) by then, however long the caller takes to connect.
    import threading
    import time

    from forensic_triage.ui.workers import JobManager, JobWorker

    jobs = JobManager()
    ran = threading.Event()

    def quick(_ctx: Any) -> str:
        ran.set()
        return "written"

    worker = jobs.start(JobWorker("tag", quick, heavy=False))
    time.sleep(0.3)  # the caller busy before it connects, the event loop not running
    got: list[str] = []
    worker.signals.finished.connect(got.append)
    qtbot.waitUntil(lambda: got == ["written"], timeout=10000)
    assert ran.is_set() and not jobs.busy()
