"""Unlock encrypted volumes: asked when a case holds a BitLocker or LUKS volume that is locked.

The dialog names the volume (exhibit, number, kind, where it starts), offers what unlocks that
kind (password, recovery key, key file) and calls the same function as ``evidence unlock``
(:func:`forensic_triage.fs.crypto.unlock_volume`): the secret is checked, kept for this login
session only and never written to the case; the audit records the unlock and the kind of secret.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from forensic_triage.errors import TriageError
from forensic_triage.evidence import keyring
from forensic_triage.fs import crypto
from forensic_triage.store import CaseStore

from .common import human_bytes, rich


def pending_unlocks(store: CaseStore) -> list[dict[str, Any]]:
    """Encrypted volumes to ask about: locked ones, and unlocked ones whose secret this login
    session does not hold (the decrypted volume cannot be read without it)."""
    out = []
    for ev in store.evidence.items():
        rows = store.evidence.volumes(int(ev["id"]))
        for number, row in crypto.locked_volumes_in(rows):
            if row["lock_state"] == "unlocked":
                layers = [r for r in rows if r["parent_id"] == row["id"] and r["layer"]]
                if all(keyring.get(ev["path"], int(r["offset"]), str(r["layer"])) for r in layers):
                    continue
            out.append({"uid": ev["uid"], "number": number, "offset": int(row["offset"]),
                        "length": int(row["length"]), "kind": str(row["fs_type"]), "state": row["lock_state"],
                        "details": json.loads(row["details"] or "{}")})
    return out


class UnlockDialog(QDialog):
    """Steps through the volumes to unlock; 'Not now' leaves one locked and goes to the next."""

    unlocked = Signal(str, int)  # evidence id, volume number

    def __init__(self, case_dir: str | Path, volumes: list[dict[str, Any]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.case_dir = Path(case_dir)
        self.volumes = list(volumes)
        self.index = 0
        self.setObjectName("unlockDialog")
        self.setWindowTitle(self.tr("Unlock an encrypted volume"))
        self.heading = QLabel()
        self.heading.setObjectName("unlockVolume")
        self.heading.setWordWrap(True)
        self.kind = QComboBox()
        self.kind.setObjectName("unlockKind")
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.secret = QLineEdit()
        self.secret.setObjectName("unlockSecret")
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_file = QLineEdit()
        self.key_file.setObjectName("unlockKeyFile")
        self.choose = QPushButton(self.tr("Choose…"))
        self.choose.clicked.connect(self._choose)
        file_row = QHBoxLayout()
        file_row.addWidget(self.key_file, 1)
        file_row.addWidget(self.choose)
        self.status = QLabel()
        self.status.setObjectName("unlockStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form = QFormLayout()
        form.addRow(self.tr("Unlock with"), self.kind)
        form.addRow(self.tr("Secret"), self.secret)
        form.addRow(self.tr("Key file"), file_row)
        buttons = QDialogButtonBox()
        self.unlock_button = buttons.addButton(self.tr("Unlock"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.unlock_button.setObjectName("unlockButton")
        self.skip_button = buttons.addButton(self.tr("Not now"), QDialogButtonBox.ButtonRole.RejectRole)
        self.skip_button.setObjectName("unlockSkip")
        self.unlock_button.clicked.connect(self.try_unlock)
        self.skip_button.clicked.connect(self._next)
        note = QLabel(self.tr("The secret is kept for this login session only; it is never written to the case. "
                              "The audit log records that the volume was unlocked and with which kind of secret."))
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self._show()

    @property
    def current(self) -> dict[str, Any]:
        return self.volumes[self.index]

    def _show(self) -> None:
        v = self.current
        needs = crypto.NEEDS.get(v["kind"], "a secret")
        state = (self.tr("is locked") if v["state"] == "locked" else
                 self.tr("was unlocked earlier, but not in this session"))
        self.heading.setText(self.tr("Volume {0} of {1} ({2}, at byte {3}, {4}) {5}: it needs {6}.").format(
            v["number"], rich(v["uid"]), rich(v["kind"]), f"{v['offset']:,}", human_bytes(v["length"]), state,
            rich(needs)))
        self.kind.blockSignals(True)
        self.kind.clear()
        names = {"password": self.tr("Password"), "recovery-key": self.tr("Recovery key"),
                 "key-file": self.tr("Key file")}
        for kind in crypto.UNLOCKS_WITH.get(v["kind"], ["password"]):
            self.kind.addItem(names[kind], kind)
        self.kind.blockSignals(False)
        self.secret.clear()
        self.key_file.clear()
        self.status.clear()
        self._kind_changed()

    def _kind_changed(self) -> None:
        by_file = self.kind.currentData() == "key-file"
        self.secret.setEnabled(not by_file)
        self.key_file.setEnabled(by_file)
        self.choose.setEnabled(by_file)

    def _choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose the key file"), "",
                                              self.tr("Key files (*.BEK *.bek *.key *.bin);;All files (*)"))
        if path:
            self.key_file.setText(path)

    def try_unlock(self) -> bool:
        """Check the secret typed or chosen; on success go to the next volume (or close)."""
        kind = str(self.kind.currentData())
        try:
            if kind == "key-file":
                secret = Path(self.key_file.text()).read_bytes()
            else:
                secret = self.secret.text().encode("utf-8")
        except OSError as exc:
            self.status.setText(self.tr("The key file cannot be read: {0}.").format(rich(exc.strerror or str(exc))))
            return False
        if not secret:
            self.status.setText(self.tr("Type the secret or choose the key file first."))
            return False
        v = self.current
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            with CaseStore.open(self.case_dir) as store:
                done = crypto.unlock_volume(store, v["uid"], v["number"], kind, secret)
        except TriageError as exc:
            self.status.setText(rich(exc.user_message()))
            return False
        finally:
            QApplication.restoreOverrideCursor()
            self.secret.clear()
        self.unlocked.emit(done.evidence, done.number)
        self._next()
        return True

    def _next(self) -> None:
        self.index += 1
        if self.index >= len(self.volumes):
            self.accept()
        else:
            self._show()


__all__ = ["UnlockDialog", "pending_unlocks"]
