"""The examiner's words in the desktop application: case details for the report, the
interpretation of a tagged finding, and custody events that must name an exhibit of the case.
Real widgets on the triaged sample case; every save goes through the core and the audit log."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from ui_helpers import wait_loaded

from forensic_triage.store import DB_NAME


def _db(case: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{case / DB_NAME}?mode=ro", uri=True)


def _save(qtbot: Any, dialog: Any) -> None:
    with qtbot.waitSignal(dialog.saved, timeout=30000):
        qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)


def test_case_details_dialog_saves_audited_words(qtbot: Any, window: Any, case_copy: Path) -> None:
    assert window.open_case(str(case_copy))
    assert window.act_details.isEnabled()
    window.act_details.trigger()
    dialog = window.dialog
    assert dialog.objectName() == "caseDetailsDialog" and dialog.isVisible()
    assert "Still empty" in dialog.state.text() and "DRAFT" in dialog.state.text()
    qtbot.keyClicks(dialog.request, "Did the user download invoice.pdf?")
    qtbot.keyClicks(dialog.qualifications, "MSc Forensic Computing")
    assert "conclusions" in dialog.state.text()
    qtbot.keyClicks(dialog.conclusions, "Yes, on 27 February 2025.")
    assert dialog.state.text() == "Request, qualifications and conclusions are filled."
    dialog.role.setText("Senior examiner")
    _save(qtbot, dialog)
    assert not dialog.isVisible()
    with _db(case_copy) as db:
        assert db.execute("SELECT request, conclusions FROM case_info").fetchone() == (
            "Did the user download invoice.pdf?", "Yes, on 27 February 2025.")
        assert db.execute("SELECT qualifications, role FROM examiners WHERE name = 'Test Examiner'").fetchone() == (
            "MSc Forensic Computing", "Senior examiner")
        actor, details = db.execute("SELECT actor, details FROM audit WHERE action = 'case details set'").fetchone()
    details = json.loads(details)
    assert actor == "Test Examiner"
    assert details["fields"] == ["request", "qualifications", "conclusions", "role"]
    assert details["sha256"]["conclusions"] == hashlib.sha256(b"Yes, on 27 February 2025.").hexdigest()

    # Opened again, the dialog shows what is stored; a change of one field writes only that field.
    window.act_details.trigger()
    again = window.dialog
    assert again is not dialog and again.request.toPlainText() == "Did the user download invoice.pdf?"
    again.conclusions.setPlainText("Yes, on 27 February 2025, from Chrome.")
    _save(qtbot, again)
    with _db(case_copy) as db:
        rows = db.execute("SELECT details FROM audit WHERE action = 'case details set' ORDER BY seq").fetchall()
        assert db.execute("SELECT conclusions FROM case_info").fetchone()[0] == "Yes, on 27 February 2025, from Chrome."
    assert [json.loads(r[0])["fields"] for r in rows] == [
        ["request", "qualifications", "conclusions", "role"], ["conclusions"]]


def test_case_details_dialog_is_read_only_on_a_review_case(qtbot: Any, window: Any, case_copy: Path) -> None:
    with sqlite3.connect(case_copy / DB_NAME) as db:  # the flag package import sets on a review case
        db.execute("UPDATE case_info SET read_only = 1, imported_from = 'package PKG' WHERE id = 1")
    assert window.open_case(str(case_copy))
    window.act_details.trigger()
    dialog = window.dialog
    assert dialog.request.isReadOnly() and not dialog.buttons.button(dialog.buttons.StandardButton.Save).isEnabled()
    assert "review case" in dialog.error.text()


def test_interpretation_of_a_tagged_finding(qtbot: Any, window: Any, case_copy: Path) -> None:
    assert window.open_case(str(case_copy))
    ws = window.workspace
    window.show_tab(3)
    findings = ws.findings
    yara = findings.tables["yara"]
    findings.setCurrentWidget(yara)
    wait_loaded(qtbot, yara.model)
    qtbot.waitUntil(lambda: yara.model.rowCount() >= 1)
    yara.table.selectRow(0)
    hit_id = yara.model.row_dict(0)["_id"]
    window.act_tag.trigger()
    dialog = ws.tag_dialog
    dialog.tag.setEditText("notable")
    qtbot.keyClicks(dialog.interpretation, "The EICAR anti-virus test string, harmless.")
    _save(qtbot, dialog)
    with _db(case_copy) as db:
        assert db.execute("SELECT id, target_kind, target_id, interpretation, alternatives FROM tags").fetchall() == [
            (1, "hit", hit_id, "The EICAR anti-virus test string, harmless.", "")]

    tags = findings.tables["tags"]
    findings.setCurrentWidget(tags)
    qtbot.waitUntil(lambda: tags.model.rowCount() == 1)
    keys = [c.key for c in tags.model.columns]
    assert tags.model.data(tags.model.index(0, keys.index("tag_id"))) == "TAG-1"
    assert tags.model.data(tags.model.index(0, keys.index("interpretation"))).startswith("The EICAR")
    tags.table.selectRow(0)
    qtbot.mouseClick(tags.interpretation_button, Qt.MouseButton.LeftButton)
    editor = tags.interpretation_dialog
    assert editor.isVisible() and editor.interpretation.toPlainText().startswith("The EICAR")
    qtbot.keyClicks(editor.alternatives, "Planted by a test tool rather than downloaded by the user.")
    _save(qtbot, editor)
    with _db(case_copy) as db:
        assert db.execute("SELECT interpretation, alternatives FROM tags").fetchone() == (
            "The EICAR anti-virus test string, harmless.", "Planted by a test tool rather than downloaded by the user.")
        action, details = db.execute("SELECT action, details FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    assert action == "tag edited" and json.loads(details)["fields"] == ["alternatives"]
    qtbot.waitUntil(lambda: (tags.model.data(tags.model.index(0, keys.index("alternatives"))) or "").startswith(
        "Planted"))


def test_custody_dialog_refuses_an_unknown_exhibit(qtbot: Any, window: Any, case_copy: Path) -> None:
    assert window.open_case(str(case_copy))
    window.act_custody.trigger()
    dialog = window.dialog
    dialog.exhibit.setEditText("EXH-404")
    dialog.action.setCurrentText("received")
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "no exhibit" in dialog.error.text(), timeout=30000)  # a loaded CI machine
    assert "Known exhibits: EXH-001" in dialog.error.text() and dialog.isVisible()
    with _db(case_copy) as db:
        assert db.execute("SELECT count(*) FROM custody").fetchone()[0] == 0
    dialog.physical.setChecked(True)
    _save(qtbot, dialog)
    with _db(case_copy) as db:
        assert db.execute("SELECT exhibit, evidence_id, entered_by, entered_utc != '' FROM custody").fetchall() == [
            ("EXH-404", None, "Test Examiner", 1)]
    audit = window.workspace.audit
    wait_loaded(qtbot, audit.custody.model)
    qtbot.waitUntil(lambda: audit.custody.model.rowCount() == 1)
    keys = [c.key for c in audit.custody.model.columns]
    assert audit.custody.model.data(audit.custody.model.index(0, keys.index("entered_by"))) == "Test Examiner"
