"""Render the training screens of the desktop application into docs/screenshots/ (1366x768 PNGs).

    env -u QT_QPA_PLATFORM xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python scripts/screenshots_training.py
    python scripts/screenshots_training.py     # offscreen

Starts the built-in "shipment" exercise through the GUI's own dialog, answers from the selected
file, takes a hint, submits, and grabs: the start dialog, the questions pane beside Browse files
(with the TRAINING banner), the trainer's view with the grades, and the pane in Spanish and French.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))
SIZE = (1366, 768)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="ft-shots-training-"))
    os.environ["XDG_DATA_HOME"] = str(work / "share")
    os.environ["XDG_CONFIG_HOME"] = str(work / "config")

    from forensic_triage.ui.app import make_app
    from forensic_triage.ui.languages import apply_language
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QMessageBox
    from screenshots import save

    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(work / "qsettings"))
    app = make_app([sys.argv[0]], "en")
    from forensic_triage.ui.main_window import MainWindow

    def spin(seconds: float = 0.3, until: Callable[[], bool] | None = None, timeout: float = 300) -> None:
        started = time.monotonic()
        while True:
            app.processEvents()
            time.sleep(0.005)
            elapsed = time.monotonic() - started
            if until is None and elapsed >= seconds:
                return
            if until is not None and until():
                return
            if elapsed > timeout:
                raise TimeoutError("the screen did not get ready")

    def box(words: str) -> QMessageBox:
        found: list[QMessageBox] = []

        def ready() -> bool:
            found[:] = [w for w in QApplication.topLevelWidgets()
                        if isinstance(w, QMessageBox) and w.isVisible() and words in w.text()]
            return bool(found)

        spin(until=ready)
        return found[0]

    window = MainWindow()
    window.resize(*SIZE)
    window.show()
    spin()
    print("screens:")
    dialog = window.training.start_dialog()
    dialog.pack.setCurrentIndex(dialog.pack.findData("shipment"))
    dialog.case_dir.setText(str(work / "exercise-ana"))
    dialog.student.setText("Ana Martínez")
    spin(0.5)
    save(dialog, args.out / "training-start.png")
    dialog.start()
    spin(until=lambda: window.session is not None)
    ws = window.workspace
    pane = window.training.pane

    # Answer S02 from the deleted file selected in Browse files; S06 typed; a hint on S04.
    window.show_tab(2)
    fid = ws.browse.session.store.files.ids_named("deleted_plan.txt")[0]
    ws.browse.show_file(fid)
    spin(until=lambda: ws.browse.current_file_id() == fid)
    for qid, typed in (("S02", None), ("S06", "Pixel 7"), ("S09", "how to remove exif data from photos")):
        pane.select_question(qid)
        if typed is None:
            pane.use_selected()
        else:
            pane.line.setText(typed)
        pane.save_answer()
        spin(until=lambda q=qid: bool(next(r for r in pane.rows if r["id"] == q).get("answer")))
    pane.select_question("S04")
    pane.ask_hint()
    hint_box = box("costs")
    spin(0.3)
    save(hint_box, args.out / "training-hint.png")
    hint_box.button(QMessageBox.StandardButton.Yes).click()
    spin(until=lambda: bool(next(r for r in pane.rows if r["id"] == "S04")["hints_taken"]))
    pane.select_question("S02")
    spin(0.5)
    save(window, args.out / "training-pane.png")

    pane.ask_submit()
    box("can no longer be changed").button(QMessageBox.StandardButton.Yes).click()
    spin(until=lambda: pane.submitted is not None)
    trainer = window.training.trainer_dialog()
    trainer.grade()
    spin(until=lambda: trainer.result is not None)
    spin(0.5)
    save(trainer, args.out / "training-trainer.png")
    trainer.close()

    # The same exercise in Spanish and French (a new window picks up the language).
    case_dir = str(window.session.case_dir)
    window.close_case()
    window.close()
    for lang in ("es", "fr"):
        apply_language(lang)
        other = MainWindow()
        other.resize(*SIZE)
        other.show()
        other.open_case(case_dir)
        other.training.pane.select_question("S05")
        spin(0.8)
        save(other, args.out / f"training-pane-{lang}.png")
        other.close_case()
        other.close()
    apply_language("en")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
