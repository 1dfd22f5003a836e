"""A phone extraction through the desktop application: an iTunes/Finder backup of an iPhone and a
TAR of an Android /data, chosen in the Add evidence dialog, triaged, browsed under
``Domain/relativePath`` and shown as findings like any other artifact."""

from __future__ import annotations

import hashlib
import io
import os
import tarfile
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from ui_helpers import wait_loaded

from forensic_triage.store import CaseStore
from tests.helpers import android_builders as ab
from tests.helpers import ios_builders as ib
from tests.helpers import phone_builders as pb


def _state(folder: Path) -> dict[str, tuple[str, int]]:
    return {str(p.relative_to(folder)): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _add(qtbot: Any, window: Any, path: Path, exhibit: str) -> Any:
    window.act_add.trigger()
    dialog = window.dialog
    dialog.image.setText(str(path))
    dialog.image.editingFinished.emit()
    dialog.exhibit.setText(exhibit)
    with qtbot.waitSignal(dialog.added, timeout=60000):
        qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    return dialog


@pytest.fixture
def phone_case(tmp_path: Path) -> Path:
    case = tmp_path / "case"
    CaseStore.create(case, case_number="PHONE-1", examiner="Test Examiner").close()
    return case


def test_ios_backup_and_android_tar_through_the_gui(qtbot: Any, window: Any, tmp_path: Path,
                                                    phone_case: Path) -> None:
    backup = pb.write_ios_backup(tmp_path / "backup", files=ib.backup_files())
    tar_path = tmp_path / "android-data.tar"
    with tarfile.open(tar_path, "w") as tar:
        for rel, data in sorted(ab.data_tree().items()):
            info = tarfile.TarInfo("data/" + rel)
            info.size, info.mtime = len(data), 1_700_000_000
            tar.addfile(info, io.BytesIO(data))
    os.chmod(tar_path, 0o444)
    before = _state(tmp_path / "backup") | {"tar": (hashlib.sha256(tar_path.read_bytes()).hexdigest(),
                                                   tar_path.stat().st_mtime_ns)}
    assert window.open_case(str(phone_case))

    dialog = _add(qtbot, window, backup, "PHONE-IOS")
    assert "an iOS backup" in dialog.detected.text()
    banner = dialog.banner_box.itemAt(0).widget().label.text()
    assert "Opened read-only" in banner and "iOS backup" in banner
    dialog.accept()
    dialog = _add(qtbot, window, tar_path, "PHONE-AND")
    assert "a TAR archive" in dialog.detected.text()
    dialog.accept()

    panel = window.workspace.triage
    with qtbot.waitSignal(panel.jobEnded, timeout=180000) as ended:
        window.act_triage.trigger()
    assert ended.args[0] == "completed"

    with CaseStore.open(phone_case, read_only=True) as store:
        counts = dict(store.findings.artifact_type_counts())
        sms_id = store.files.ids_named("sms.db")[0]
    # Every message row of the databases the builders wrote, found through the GUI's own triage.
    assert counts["ios.message"] == ib.query(ib.sms_db()[0], "SELECT count(*) FROM message")[0][0]
    assert counts["ios.call"] == ib.query(ib.calls_db()[0], "SELECT count(*) FROM ZCALLRECORD")[0][0]
    assert counts["android.call"] == ab.count(ab.calllog_db(deleted_number="+15551230003"),
                                              "SELECT count(*) FROM calls") + 1  # + the deleted row, recovered

    ws = window.workspace
    window.show_tab(2)
    browse = ws.browse
    browse.show_file(sms_id)
    qtbot.waitUntil(lambda: browse.current_file_id() == sms_id)
    assert browse.place.text() == "Folder /HomeDomain/Library/SMS"

    window.show_tab(3)
    findings = ws.findings
    types = [findings.types.item(i).data(Qt.ItemDataRole.UserRole) for i in range(findings.types.count())]
    assert {"ios.message", "ios.photo", "android.message", "android.call"} <= set(types)
    findings.types.setCurrentRow(types.index("ios.message"))
    table = findings.artifact_table
    wait_loaded(qtbot, table.model)
    assert table.model.rowCount() == counts["ios.message"]
    table.table.doubleClicked.emit(table.model.index(0, 1))  # jumps to the database the message came from
    qtbot.waitUntil(lambda: browse.current_file_id() == sms_id)

    after = _state(tmp_path / "backup") | {"tar": (hashlib.sha256(tar_path.read_bytes()).hexdigest(),
                                                  tar_path.stat().st_mtime_ns)}
    assert after == before  # the evidence is untouched
