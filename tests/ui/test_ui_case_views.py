"""Audit and custody views, tagging findings, the text and SQLite viewers, and the remembered layout."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, Qt
from ui_helpers import wait_loaded

from forensic_triage.store import DB_NAME


def _db(case: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{case / DB_NAME}?mode=ro", uri=True)


def test_custody_event_and_audit_chain_verification(qtbot: Any, window: Any, case_copy: Path) -> None:
    assert window.open_case(str(case_copy))
    window.show_tab(5)
    audit = window.workspace.audit
    wait_loaded(qtbot, audit.audit.model)
    with _db(case_copy) as db:
        entries = db.execute("SELECT count(*) FROM audit").fetchone()[0]
    assert audit.audit.model.rowCount() == entries

    window.act_custody.trigger()
    dialog = window.dialog
    assert dialog.exhibit.currentText() == "EXH-001"
    dialog.action.setCurrentText("handed over")
    dialog.tz.setText("Nowhere/Atlantis")
    dialog.buttons.accepted.emit()
    assert "Unknown time zone" in dialog.error.text()  # nothing written yet
    dialog.tz.setText("America/Port_of_Spain")
    dialog.location.setText("Evidence store, room 2")
    dialog.to_party.setText("Prosecutor's office (courier)")
    dialog.seals.setText("SEAL-4471")
    with qtbot.waitSignal(dialog.saved, timeout=30000):
        dialog.buttons.accepted.emit()
    wait_loaded(qtbot, audit.custody.model)
    qtbot.waitUntil(lambda: audit.custody.model.rowCount() == 1)
    assert audit.custody.model.data(audit.custody.model.index(0, 2)) == "handed over"
    assert "-04:00" in audit.custody.model.data(audit.custody.model.index(0, 0))
    with _db(case_copy) as db:
        assert db.execute("SELECT to_party, seals, timezone FROM custody").fetchall() == [
            ("Prosecutor's office (courier)", "SEAL-4471", "America/Port_of_Spain")]
        assert db.execute("SELECT count(*) FROM audit WHERE action='custody event'").fetchone()[0] == 1

    qtbot.mouseClick(audit.verify_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: audit.verify_result.text().startswith(("Intact", "The audit log was altered")))
    assert audit.verify_result.text().startswith("Intact")

    # Alter one entry behind the application's back: verification names it.
    window.close_case()
    with sqlite3.connect(case_copy / DB_NAME) as db:
        db.execute("UPDATE audit SET actor = 'Someone Else' WHERE seq = 2")
    assert window.open_case(str(case_copy))
    window.show_tab(5)
    audit = window.workspace.audit
    qtbot.mouseClick(audit.verify_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: audit.verify_result.text().startswith(("Intact", "The audit log was altered")))
    assert "entry 2" in audit.verify_result.text() and "was edited" in audit.verify_result.text()


def test_tagging_a_finding_and_the_text_and_sqlite_viewers(qtbot: Any, window: Any, case_copy: Path) -> None:
    assert window.open_case(str(case_copy))
    ws = window.workspace
    window.show_tab(3)
    findings = ws.findings
    types = [findings.types.item(i).data(Qt.ItemDataRole.UserRole) for i in range(findings.types.count())]
    findings.types.setCurrentRow(types.index("browser.download"))
    table = findings.artifact_table
    wait_loaded(qtbot, table.model)
    table.table.selectRow(0)
    artifact_id = table.model.row_dict(0)["_id"]
    window.act_tag.trigger()
    dialog = ws.tag_dialog
    assert dialog.targets[0].kind == "artifact"
    dialog.tag.setEditText("relevant")
    with qtbot.waitSignal(dialog.saved, timeout=30000):
        dialog.buttons.accepted.emit()
    with _db(case_copy) as db:
        assert db.execute("SELECT target_kind, target_id, tag FROM tags").fetchall() == [
            ("artifact", artifact_id, "relevant")]
    tags = findings.tables["tags"]
    findings.setCurrentWidget(tags)
    qtbot.waitUntil(lambda: tags.model.rowCount() == 1)
    keys = [c.key for c in tags.model.columns]
    assert tags.model.data(tags.model.index(0, keys.index("tag"))) == "relevant"
    assert tags.model.data(tags.model.index(0, keys.index("tag_id"))) == "TAG-1"

    # Text viewer with an encoding choice, on a text file of the evidence.
    window.show_tab(2)
    browse = ws.browse
    with _db(case_copy) as db:
        contacts = db.execute("SELECT id FROM files WHERE name='contacts.txt'").fetchone()[0]
        history = db.execute("SELECT id FROM files WHERE name='History'").fetchone()[0]
    browse.show_file(contacts)
    qtbot.waitUntil(lambda: browse.current_file_id() == contacts)
    with qtbot.waitSignal(browse.details.loaded, timeout=30000, check_params_cb=lambda view: view == "text"):
        browse.details.setCurrentWidget(browse.details.text)
    utf8 = browse.details.text.edit.toPlainText()
    assert "@" in utf8 and "358 bytes" in browse.details.text.info.text()
    browse.details.text.encoding.setCurrentText("utf-16-le")
    assert browse.details.text.edit.toPlainText() != utf8  # the same bytes read another way

    # 'View as SQLite' on the Chrome history: a temporary copy, its tables and rows.
    browse.show_file(history)
    qtbot.waitUntil(lambda: browse.current_file_id() == history)
    with qtbot.waitSignal(browse.details.loaded, timeout=20000, check_params_cb=lambda view: view == "sqlite"):
        browse.details.setCurrentWidget(browse.details.sqlite)
    view = browse.details.sqlite
    names = [view.tables.itemText(i) for i in range(view.tables.count())]
    assert "urls" in names and "visits" in names
    view.tables.setCurrentText("urls")
    qtbot.waitUntil(lambda: view.model.rowCount() > 0, timeout=20000)  # rows are read in a child process
    assert "url" in view.model.headers
    assert "read-only temporary copy" in view.info.text()


def test_window_layout_is_remembered(qtbot: Any, window: Any, case_copy: Path) -> None:
    from forensic_triage.ui.main_window import MainWindow
    from forensic_triage.ui.settings import recent_cases, settings

    window.resize(700, 500)  # within the offscreen screen (800x800), which restoreGeometry respects
    window.close()
    assert isinstance(settings().value("window/geometry"), QByteArray)
    again = MainWindow()
    qtbot.addWidget(again)
    assert (again.width(), again.height()) == (700, 500)

    assert again.open_case(str(case_copy))
    hint = again.minimumSizeHint()
    assert hint.width() <= 1366 and hint.height() <= 768  # the whole workspace fits a 1366x768 laptop screen
    split = again.workspace.browse.splitters[0]
    split.setSizes([400, 800])
    state = split.saveState()
    again.close_case()
    assert recent_cases() == [str(case_copy.resolve())]
    again.open_case(recent_cases()[0])
    assert again.workspace.browse.splitters[0].saveState() == state
    again.close_case()
