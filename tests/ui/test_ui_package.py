"""Report and package through the dialogs: key pair, signed package with PDF, verify, import as review case."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from ui_helpers import wait_loaded

from forensic_triage.store import DB_NAME


def test_signed_package_verify_and_import_through_the_dialogs(qtbot: Any, window: Any, tmp_path: Path,
                                                              case_copy: Path) -> None:
    assert window.open_case(str(case_copy))
    window.act_report.trigger()
    report = window.dialog
    assert report.outputs["pdf"].isEnabled() and report.package.isEnabled()

    # No key yet: the dialog says what is needed instead of failing.
    report.package.setChecked(True)
    assert not report.outputs["csv"].isEnabled()  # a package holds every output
    qtbot.mouseClick(report.write_button, Qt.MouseButton.LeftButton)
    assert "private key" in report.status.text()
    report.passphrase.setText("correct horse battery")
    with qtbot.waitSignal(report.session.jobs.changed, timeout=30000):
        qtbot.mouseClick(report.new_key, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: report.key.text().endswith(".key"), timeout=30000)
    assert "fingerprint SHA256:" in report.status.text()
    pubkey = Path(report.key.text()).with_suffix(".pub")
    assert pubkey.is_file()

    report.folder.setText(str(tmp_path / "out"))
    report.make_zip.setChecked(True)
    report.open_pdf.setChecked(False)
    with qtbot.waitSignal(report.written, timeout=120000) as written:
        qtbot.mouseClick(report.write_button, Qt.MouseButton.LeftButton)
    paths = [Path(p) for p in written.args[0]]
    bag = paths[0]
    assert (bag / "manifest-sha256.txt").is_file() and (bag / "signature-ed25519.json").is_file()
    assert any(p.suffix == ".zip" for p in paths) and any(p.suffix == ".pdf" for p in paths)
    with sqlite3.connect(f"file:{case_copy / DB_NAME}?mode=ro", uri=True) as db:
        assert db.execute("SELECT count(*) FROM audit WHERE action='package exported'").fetchone()[0] == 1
    report.accept()

    # A receiving lab: verify the zip with the sender's public key, then tamper with a copy and verify again.
    window.close_case()
    qtbot.mouseClick(window.start.package_button, Qt.MouseButton.LeftButton)
    dialog = window.dialog
    zip_path = next(p for p in paths if p.suffix == ".zip")
    dialog.path.setText(str(zip_path))
    dialog.pubkey.setText(str(pubkey))
    qtbot.mouseClick(dialog.verify_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.verdict.text().startswith(("PASS", "FAIL")), timeout=60000)
    assert dialog.verdict.text().startswith("PASS"), dialog.details.toPlainText()
    assert "Signature: valid" in dialog.details.toPlainText()

    csv = next((bag / "data" / "csv").glob("*.csv"))
    csv.write_bytes(csv.read_bytes() + b"x")
    dialog.path.setText(str(bag))
    qtbot.mouseClick(dialog.verify_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.verdict.text().startswith(("PASS", "FAIL")) and dialog.verify_button.isEnabled(),
                    timeout=60000)
    assert dialog.verdict.text().startswith("FAIL") and f"Changed: data/csv/{csv.name}" in dialog.details.toPlainText()

    # Import the intact zip as a read-only review case: it opens with the findings and no triage.
    dialog.path.setText(str(zip_path))
    dialog.case_dir.setText(str(tmp_path / "review"))
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.session is not None, timeout=60000)
    assert window.session.read_only_case
    assert not window.act_triage.isEnabled() and not window.act_add.isEnabled()
    assert "review case" in window.workspace.triage.summary.text()
    window.show_tab(2)
    wait_loaded(qtbot, window.workspace.browse.model)
    assert window.workspace.browse.model.rowCount() > 0
