"""The add-evidence dialog takes the zone the device's clock was set to (issue 11): a wrong zone is
a sentence and adds nothing; a right one is stored with the exhibit, and FAT times then read as
assumed-zone UTC."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from ui_helpers import make_case

from forensic_triage.store import DB_NAME


def test_device_clock_zone_in_the_add_dialog(qtbot: Any, window: Any, tmp_path: Path, sample_image: Path) -> None:
    case = make_case(tmp_path / "case", None)
    assert window.open_case(str(case))
    dialog = window.add_evidence()
    dialog.image.setText(str(sample_image))
    dialog.exhibit.setText("EXH-001")
    dialog.source_zone.setText("Mars/Olympus_Mons")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert "not a time zone" in dialog.status.text()
    with sqlite3.connect(f"file:{case / DB_NAME}?mode=ro", uri=True) as db:
        assert db.execute("SELECT count(*) FROM evidence").fetchone()[0] == 0
    dialog.source_zone.setText("America/Port_of_Spain")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.banner_box.count() == 1, timeout=30000)
    banner = dialog.banner_box.itemAt(0).widget()
    assert "Device clock zone: America/Port_of_Spain (declared by the examiner" in banner.label.text()
    dialog.accept()
    with sqlite3.connect(f"file:{case / DB_NAME}?mode=ro", uri=True) as db:
        assert db.execute("SELECT uid, source_timezone FROM evidence").fetchall() == [
            ("EXH-001", "America/Port_of_Spain")]
