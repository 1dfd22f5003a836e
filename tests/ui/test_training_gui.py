"""Training in the desktop application: start an exercise, answer from the selected item, a hint,
submit, the trainer's grades; the TRAINING banner on training cases only."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QToolBar
from ui_helpers import wait_loaded, wait_message

from forensic_triage import training

U = "/Users/jdoe"


def _answer_of(pane: Any, qid: str) -> Any:
    return next(r for r in pane.rows if r["id"] == qid).get("answer")


def _yes(qtbot: Any, words: str, nothing_yet: Any) -> None:
    """Answer Yes to the question box, after checking that nothing happened before the answer."""
    box = wait_message(qtbot, lambda t: words in t)
    qtbot.wait(500)
    assert nothing_yet()
    box.button(QMessageBox.StandardButton.Yes).click()


def _save(qtbot: Any, pane: Any, qid: str) -> None:
    qtbot.mouseClick(pane.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _answer_of(pane, qid) is not None, timeout=20000)


def test_an_exercise_from_start_to_the_trainers_grades(qtbot: Any, window: Any, tmp_path: Path) -> None:
    dialog = window.training.start_dialog()
    dialog.pack.setCurrentIndex(dialog.pack.findData("shipment"))
    dialog.case_dir.setText(str(tmp_path / "exercise"))
    dialog.student.setText("Ana Student")
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.session is not None, timeout=240000)
    assert Path(window.session.case_dir) == tmp_path / "exercise"

    banner = window.training.banner
    assert banner is not None and banner.isVisible()
    assert banner.label.text().startswith("TRAINING — NOT EVIDENCE") and "Ana Student" in banner.label.text()
    pane = window.training.pane
    assert pane.isVisible() and [r["id"] for r in pane.rows][:3] == ["S01", "S02", "S03"]
    assert "Example Trading Ltd" in pane.briefing.toPlainText()

    # S02 (a path) from the file selected in Browse files.
    workspace = window.workspace
    fid = workspace.browse.session.store.files.id_of_path(f"{U}/Documents/deleted_plan.txt")
    assert fid is not None
    workspace.jump_to_file(int(fid))
    qtbot.waitUntil(lambda: workspace.browse.current_file_id() == fid, timeout=20000)
    pane.select_question("S02")
    assert pane.use_selected()
    assert pane.line.text() == f"{U}/Documents/deleted_plan.txt"
    _save(qtbot, pane, "S02")

    # S11 (a path) from the YARA finding selected in Findings.
    findings = workspace.findings
    workspace.setCurrentWidget(findings)
    yara = findings.tables["yara"]
    findings.setCurrentWidget(yara)
    wait_loaded(qtbot, yara.model)
    yara.table.selectRow(0)
    pane.select_question("S11")
    assert pane.use_selected()
    _save(qtbot, pane, "S11")

    # S08 (a time) from the timeline row of the photo's EXIF time.
    workspace.setCurrentWidget(workspace.timeline)
    timeline = workspace.timeline.table
    wait_loaded(qtbot, timeline.model)
    row = next(r for r in range(timeline.model.rowCount())
               if timeline.model.row_dict(r)["time_utc"].startswith("2025-02-27T14:15:02"))
    timeline.table.selectRow(row)
    pane.select_question("S08")
    assert pane.use_selected()
    _save(qtbot, pane, "S08")

    # A wrong typed answer, and a hint (asked first; it costs a point).
    pane.select_question("S06")
    pane.line.setText("Nokia 3310")
    _save(qtbot, pane, "S06")
    pane.select_question("S02")
    assert "1 pt(s)" in pane.hint_button.text()
    pane.ask_hint()
    store = window.session.store
    _yes(qtbot, "costs 1 pt(s)", lambda: not training.questions(store)[1]["hints_taken"])
    qtbot.waitUntil(lambda: bool(next(r for r in pane.rows if r["id"] == "S02")["hints_taken"]), timeout=20000)
    assert "Deleted entries" in pane.hints.text()

    pane.ask_submit()
    _yes(qtbot, "can no longer be changed", lambda: store.training.submission() is None)
    qtbot.waitUntil(lambda: pane.submitted is not None, timeout=20000)
    assert not pane.submit_button.isEnabled() and not pane.save_button.isEnabled()
    assert not pane.use_button.isEnabled() and not pane.hint_button.isEnabled()

    trainer = window.training.trainer_dialog()
    assert not trainer.passphrase.isEnabled()  # a built-in pack: no passphrase
    trainer.grade()
    qtbot.waitUntil(lambda: trainer.result is not None, timeout=120000)
    shown = {trainer.table.item(r, 0).text(): [trainer.table.item(r, c).text() for c in range(trainer.COLUMNS)]
             for r in range(trainer.table.rowCount())}
    assert shown["S02"][1] == "correct" and shown["S02"][2].startswith("1 / 2")  # 2 points less the hint
    assert shown["S11"][1] == "correct" and shown["S08"][1] == "correct"
    assert shown["S06"][1] == "wrong" and shown["S06"][3] == "Nokia 3310" and shown["S06"][4]
    assert shown["S01"][1] == "not answered"
    assert trainer.total.text().startswith("Total: 5 of ")


def test_the_banner_is_on_training_cases_only(qtbot: Any, window: Any, case_copy: Path) -> None:
    assert window.open_case(str(case_copy))
    assert window.training.banner is None and window.training.pane is None
    assert not [b for b in window.findChildren(QToolBar, "trainingBanner") if b.isVisible()]
    assert not window.training.act_pane.isEnabled() and not window.training.act_trainer.isEnabled()
    assert window.training.act_start.isEnabled()
