"""Signing with a colleague's key through the report dialog: refused with the reason, then
accepted when 'Signing as' names in whose name the examiner signs (recorded in the statement)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from forensic_triage.exports import keys
from forensic_triage.exports.package_verify import verify_package

PASS = b"correct horse battery"


def test_signing_as_through_the_dialog(qtbot: Any, window: Any, tmp_path: Path, case_copy: Path) -> None:
    other = keys.new_keypair("B. Colleague", tmp_path / "keys", PASS)
    assert window.open_case(str(case_copy))
    window.act_report.trigger()
    report = window.dialog
    report.package.setChecked(True)
    report.key.setText(str(other.private))
    report.passphrase.setText(PASS.decode())
    report.folder.setText(str(tmp_path / "out"))
    report.open_pdf.setChecked(False)
    qtbot.mouseClick(report.write_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "B. Colleague" in report.status.text() and report.write_button.isEnabled(),
                    timeout=60000)
    assert "not to the case examiner" in report.status.text() and "--signing-as" in report.status.text()
    assert not list((tmp_path / "out").glob("package-*")), "a refused package leaves nothing behind"

    report.signing_as.setText("B. Colleague for A. Examiner")
    with qtbot.waitSignal(report.written, timeout=120000) as written:
        qtbot.mouseClick(report.write_button, Qt.MouseButton.LeftButton)
    bag = Path(written.args[0][0])
    result = verify_package(bag, str(other.public))
    assert result.ok and result.signing_as == "B. Colleague for A. Examiner"
