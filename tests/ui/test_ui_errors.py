"""Error paths: plain sentences for the examiner, and the case stays usable afterwards."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from ui_helpers import make_case, message_boxes, wait_loaded, wait_message

from forensic_triage.store import DB_NAME


def _db(case: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{case / DB_NAME}?mode=ro", uri=True)


def _add(qtbot: Any, window: Any, image: Path, exhibit: str) -> Any:
    dialog = window.add_evidence()
    dialog.image.setText(str(image))
    dialog.exhibit.setText(exhibit)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    return dialog


def test_a_bogus_image_gets_a_message_and_the_case_stays_usable(qtbot: Any, window: Any, tmp_path: Path,
                                                                sample_image: Path) -> None:
    case = make_case(tmp_path / "case", None)
    assert window.open_case(str(case))

    # An empty file: refused before anything is recorded, with a sentence saying why.
    empty = tmp_path / "empty.dd"
    empty.write_bytes(b"")
    dialog = _add(qtbot, window, empty, "EXH-0")
    box = wait_message(qtbot, lambda text: "is empty" in text)
    assert "Traceback" not in box.text() and "Check that the copy is complete" in box.text()
    assert "is empty" in dialog.status.text()
    box.close()
    dialog.reject()

    # A VMDK sparse extent without its descriptor: named, with what to do.
    vmdk = tmp_path / "disk.vmdk"
    vmdk.write_bytes(b"KDMV" + bytes(2044))
    dialog = _add(qtbot, window, vmdk, "EXH-V")
    box = wait_message(qtbot, lambda text: "VMDK" in text)
    assert "Add the disk's descriptor" in box.text()
    box.close()
    dialog.reject()

    # Twelve bytes of nonsense: refused with the reason and the way to keep it all the same ...
    bogus = tmp_path / "bogus.dd"
    bogus.write_bytes(b"not a disk!!")
    dialog = _add(qtbot, window, bogus, "EXH-BOGUS")
    box = wait_message(qtbot, lambda text: "no partition table, no file system" in text)
    assert "Keep it as an exhibit" in box.text() and "--force" not in box.text()
    box.close()
    with _db(case) as db:
        assert db.execute("SELECT count(*) FROM evidence").fetchone()[0] == 0
    # ... then, kept on purpose: hashed and recorded read-only, and the banner says no file system was found.
    dialog.force.setChecked(True)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.banner_box.count() == 1, timeout=20000)
    banner = dialog.banner_box.itemAt(0).widget()
    assert "No file system this tool can read was found" in banner.label.text()
    dialog.accept()
    with _db(case) as db:
        assert db.execute("SELECT uid, verdict FROM evidence").fetchall() == [("EXH-BOGUS", "NOT STORED")]
        assert db.execute("SELECT count(*) FROM warnings WHERE message LIKE 'No file system%'").fetchone()[0] == 1

    # The case is still usable: real evidence is added and triaged, the bogus item is skipped.
    dialog = _add(qtbot, window, sample_image, "EXH-001")
    qtbot.waitUntil(lambda: dialog.banner_box.count() == 1, timeout=30000)
    dialog.accept()
    panel = window.workspace.triage
    panel._check_all(False)
    with qtbot.waitSignal(panel.jobEnded, timeout=120000) as ended:
        panel.start()
    assert ended.args == ["completed"]
    browse = window.workspace.browse
    wait_loaded(qtbot, browse.model)
    qtbot.waitUntil(lambda: (browse.model.total or 0) > 10)
    assert not [b for b in message_boxes() if "Traceback" in b.text()]


def test_opening_a_folder_without_a_case_says_so(qtbot: Any, window: Any, tmp_path: Path) -> None:
    assert not window.open_case(str(tmp_path))
    box = wait_message(qtbot, lambda text: "No case found" in text)
    assert str(tmp_path) in box.text()
    assert window.session is None and window.stack.currentWidget() is window.start


def test_a_damaged_case_database_is_reported_not_raised(qtbot: Any, window: Any, tmp_path: Path) -> None:
    (tmp_path / DB_NAME).write_bytes(b"this is not a database" * 100)
    assert not window.open_case(str(tmp_path))
    box = wait_message(qtbot, lambda text: "damaged" in text or "not a case database" in text)
    assert "Traceback" not in box.text()


def test_missing_sample_generator_is_explained(qtbot: Any, window: Any, monkeypatch: Any) -> None:
    monkeypatch.setitem(sys.modules, "forensic_triage.sample.generator", None)  # as in a build without it
    qtbot.mouseClick(window.start.sample_button, Qt.MouseButton.LeftButton)
    box = wait_message(qtbot, lambda text: "sample" in text)
    assert "not available in this build" in box.text()
    assert window.session is None


def test_sample_case_for_training_opens_triaged(qtbot: Any, window: Any) -> None:
    qtbot.mouseClick(window.start.sample_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.session is not None, timeout=120000)
    assert window.session.info["case_number"] == "TRAINING-001"
    overview = window.workspace.overview
    assert "EXH-001" in overview.banners.itemAt(0).widget().label.text()
    qtbot.waitUntil(lambda: "0 waiting" in overview.counts.text())
    # Opening it again reuses the case instead of building it twice.
    window.close_case()
    qtbot.mouseClick(window.start.sample_button, Qt.MouseButton.LeftButton)
    assert window.session is not None and window.session.info["case_number"] == "TRAINING-001"
    assert window.start.recent.count() == 1


def test_a_case_from_an_earlier_version_is_upgraded_when_the_examiner_agrees(qtbot: Any, window: Any,
                                                                              tmp_path: Path) -> None:
    from PySide6.QtWidgets import QMessageBox

    from forensic_triage.store import SCHEMA_VERSION
    from forensic_triage.store.schema import MIGRATIONS

    case = tmp_path / "case"
    case.mkdir()
    with sqlite3.connect(case / DB_NAME) as db:  # a case as the first released format left it
        db.executescript(MIGRATIONS[1])
        db.execute("INSERT INTO meta(key, value) VALUES ('schema_version', '1')")
        db.execute("INSERT INTO case_info(id, case_number, examiner, created_utc) VALUES (1, 'OLD-1', 'Examiner',"
                   " '2024-01-01T00:00:00Z')")
    assert SCHEMA_VERSION > 1
    assert not window.open_case(str(case))
    box = wait_message(qtbot, lambda text: "earlier version" in text)
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.session is not None)
    with _db(case) as db:
        assert db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0] == str(SCHEMA_VERSION)
