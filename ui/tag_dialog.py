"""Tag and annotate files and findings; every tag and note goes to the audit log.

The writing is the core's ``forensic_triage.tags.add_tag`` (the same as ``forensic-triage
tag``), run on a worker; tagging a picture also keeps a small preview for the report.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from forensic_triage.jobs.context import JobContext
from forensic_triage.store import CaseStore

from .common import file_locator, safe_text
from .session import CaseSession
from .workers import JobWorker

DEFAULT_TAGS = ("notable", "relevant", "follow up", "excluded")


@dataclasses.dataclass(frozen=True, slots=True)
class TagTarget:
    kind: str    # file | artifact | hit | content_hit
    ident: str   # locator text for a file, the row id for a finding
    label: str   # what the examiner sees


def file_targets(session: CaseSession, file_ids: list[int]) -> list[TagTarget]:
    rows = session.store.files.with_evidence_uid(file_ids)
    return [TagTarget("file", file_locator(r, r["evidence_uid"]), str(r["path"])) for r in rows]


def finding_targets(session: CaseSession, rows: list[dict[str, Any]]) -> list[TagTarget]:
    """Targets for selected finding rows (a hash-set match tags its file)."""
    out: list[TagTarget] = []
    for row in rows:
        kind = row.get("kind")
        if kind in ("artifact", "hit", "content_hit"):
            out.append(TagTarget(str(kind), str(row["_id"]), safe_text(row.get("summary") or row.get("rule")
                                                                     or row.get("value") or row["_id"])))
        elif row.get("file_id") is not None:
            out.extend(file_targets(session, [int(row["file_id"])]))
    return out


class TagDialog(QDialog):
    saved = Signal(int)

    def __init__(self, session: CaseSession, targets: list[TagTarget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.targets = targets
        self.setWindowTitle(self.tr("Tag and annotate"))
        self.setObjectName("tagDialog")
        what = QLabel(self.tr("{0} item(s): {1}").format(
            len(targets), "; ".join(t.label for t in targets[:5]) + ("…" if len(targets) > 5 else "")))
        what.setWordWrap(True)
        self.tag = QComboBox()
        self.tag.setObjectName("tagName")
        self.tag.setEditable(True)
        existing = session.store.tags.names()
        self.tag.addItems(list(dict.fromkeys([*existing, *DEFAULT_TAGS])))
        self.note = QPlainTextEdit()
        self.note.setObjectName("tagNote")
        self.note.setPlaceholderText(self.tr("Why this matters (optional); kept with the tag and in the audit log"))
        self.interpretation = QPlainTextEdit()
        self.interpretation.setObjectName("tagNewInterpretation")
        self.interpretation.setPlaceholderText(self.tr("What the finding means, in your words (optional; can be "
                                                       "written later from Findings → Tags and notes)"))
        self.alternatives = QPlainTextEdit()
        self.alternatives.setObjectName("tagNewAlternatives")
        self.alternatives.setPlaceholderText(self.tr("Other explanations you considered (optional)"))
        self.error = QLabel()
        self.error.setObjectName("tagError")
        self.error.setStyleSheet("color: #b41e1e")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Tag"), self.tag)
        form.addRow(self.tr("Note"), self.note)
        form.addRow(self.tr("Interpretation"), self.interpretation)
        form.addRow(self.tr("Alternative explanations"), self.alternatives)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(what)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.worker: JobWorker | None = None
        self.resize(560, 440)

    def save(self) -> JobWorker | None:
        tag, note = self.tag.currentText().strip(), self.note.toPlainText().strip()
        interpretation, alternatives = self.interpretation.toPlainText(), self.alternatives.toPlainText()
        if not tag:
            self.error.setText(self.tr("Give the tag a name."))
            return None
        if not self.targets:
            self.error.setText(self.tr("Nothing is selected to tag."))
            return None
        targets = list(self.targets)
        examiner = self.session.examiner

        def write(store: CaseStore, ctx: JobContext) -> int:
            from forensic_triage.tags import add_tag

            for target in targets:
                ctx.check_cancel()
                add_tag(store, target.kind, target.ident, tag, note, examiner, interpretation=interpretation,
                        alternatives=alternatives)
            return len(targets)

        self.buttons.setEnabled(False)
        self.worker = self.session.run_job("tag", write, heavy=False)
        self.worker.signals.finished.connect(self._saved)
        self.worker.signals.errored.connect(self._failed)
        return self.worker

    def _saved(self, count: int) -> None:
        self.saved.emit(count)
        self.accept()

    def _failed(self, text: str) -> None:
        self.buttons.setEnabled(True)
        self.error.setText(text)
