"""Small shared pieces of the desktop application: messages, formatting, icons.

Every message box is opened with ``open()`` (window-modal, never a nested event loop), so
a running job keeps reporting while a message is on screen and tests can read what the
examiner sees.
"""

from __future__ import annotations

import html
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QMessageBox, QWidget

from forensic_triage.errors import TriageError
from forensic_triage.text import human_bytes, safe_text
from forensic_triage.timeutil import local_display

ICON_PATH = Path(__file__).with_name("icon.svg")

__all__ = ["ICON_PATH", "app_icon", "ask", "error_text", "file_locator", "fmt_time", "human_bytes", "inform", "mono_font",
           "rich", "safe_text", "show_error"]


def app_icon() -> QIcon:
    return QIcon(str(ICON_PATH)) if ICON_PATH.exists() else QIcon()


def mono_font() -> QFont:
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    return font


def error_text(exc: BaseException) -> str:
    """A plain sentence for the examiner; the traceback goes to stderr for the developers."""
    if isinstance(exc, TriageError):
        return exc.user_message()
    if isinstance(exc, OSError):
        where = f" ({exc.filename})" if exc.filename else ""
        reason = exc.strerror or str(exc)
        return QCoreApplication.translate("Errors", "The operation failed: {0}{1}.").format(reason, where)
    traceback.print_exception(type(exc), exc, exc.__traceback__, file=sys.stderr)
    return QCoreApplication.translate(
        "Errors", "An unexpected problem stopped this task ({0}). The case is unchanged apart from work "
        "already saved; please report this to the developers.").format(type(exc).__name__)


def _box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str,
         buttons: QMessageBox.StandardButton = QMessageBox.StandardButton.Ok) -> QMessageBox:
    box = QMessageBox(icon, title, text, buttons, parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setObjectName("ftMessage")
    box.open()
    return box


def show_error(parent: QWidget | None, text: str | BaseException, title: str | None = None) -> QMessageBox:
    """A warning the examiner must acknowledge (non-blocking)."""
    message = error_text(text) if isinstance(text, BaseException) else text
    return _box(parent, QMessageBox.Icon.Warning,
                title or QCoreApplication.translate("Errors", "Problem"), message)


def inform(parent: QWidget | None, text: str, title: str | None = None) -> QMessageBox:
    return _box(parent, QMessageBox.Icon.Information,
                title or QCoreApplication.translate("Errors", "Information"), text)


def ask(parent: QWidget | None, title: str, text: str, on_yes: Callable[[], Any],
        on_no: Callable[[], Any] | None = None) -> QMessageBox:
    """A yes/no question answered asynchronously: ``on_yes`` runs when the examiner agrees."""
    box = _box(parent, QMessageBox.Icon.Question, title, text,
               QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.setDefaultButton(QMessageBox.StandardButton.No)

    def done(result: int) -> None:
        if box.standardButton(box.clickedButton()) == QMessageBox.StandardButton.Yes:
            on_yes()
        elif on_no is not None:
            on_no()

    box.finished.connect(done)
    return box


def fmt_time(value: str | None, tz: str | None, compact: bool = False) -> str:
    """UTC first, then the case's local time with its offset; never raises on odd values.

    ``compact`` (tables) leaves out the local date when it is the same day as in UTC.
    """
    if not value:
        return ""
    try:
        text = local_display(value, tz)
    except (ValueError, OverflowError):
        return safe_text(value)
    if compact and " (" in text and text[:10] == text.split(" (", 1)[1][:10]:
        head, local = text.split(" (", 1)
        return f"{head} ({local[11:]}"
    return text


def file_locator(row: dict[str, Any], evidence_uid: str) -> str:
    """The printable locator of a file row (``EXH:OFFSET:INODE[-T-ID][:STREAM]/path``), built from its parts."""
    from forensic_triage.model import Locator

    return str(Locator(evidence_uid, int(row["partition_offset"]), int(row["inode"]), row.get("attr_type"),
                       row.get("attr_id"), row.get("stream") or "", row.get("path") or ""))


def rich(value: Any) -> str:
    """Evidence text made safe for a rich-text label: escapes markup and invisible characters."""
    return html.escape(safe_text(value))
