"""Lab mode in the desktop app: which workers are connected to the case's broker, and what they do.

The broker address is the one ``forensic-triage triage CASE --broker URL`` remembered in the case
folder (``case.database``). A background thread asks the workers every few seconds (Celery's
inspect takes up to a second and a half); the label in the status bar shows one line.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel

from forensic_triage.store.pg import broker_of

POLL_MS = 5000


class LabStatus(QObject):
    """Polls the broker of a lab case; ``changed`` carries the status text ('' when not a lab case)."""

    changed = Signal(str)

    def __init__(self, label: QLabel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.label = label
        self.broker: str | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self._poll)
        self.changed.connect(self._show)
        self._busy = False

    def watch(self, case_dir: str | Path | None) -> None:
        self.broker = broker_of(Path(case_dir)) if case_dir else None
        self.label.setVisible(bool(self.broker))
        if self.broker:
            self.label.setText(self.tr("lab workers: asking…"))
            self._poll()
            self.timer.start()
        else:
            self.timer.stop()

    def _poll(self) -> None:
        if self._busy or not self.broker:
            return
        self._busy = True
        broker = self.broker
        threading.Thread(target=self._ask, args=(broker,), daemon=True, name="ft-lab-status").start()

    def _ask(self, broker: str) -> None:
        try:
            from forensic_triage.lab.status import connected_workers

            found = connected_workers(broker)
            busy = sum(len(w.running) for w in found)
            text = (self.tr("lab: no worker connected") if not found else
                    self.tr("lab: {0} worker(s), {1} busy").format(len(found), busy))
            self.label.setToolTip("\n".join(w.line() for w in found))
        except Exception as exc:  # noqa: BLE001 - a status line, never an error dialog
            text = self.tr("lab: broker unreachable ({0})").format(type(exc).__name__)
        finally:
            self._busy = False
        self.changed.emit(text)

    def _show(self, text: str) -> None:
        self.label.setText(text)
