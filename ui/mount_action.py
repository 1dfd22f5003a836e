""""Mount read-only…" and "Unmount" on an evidence item (the banner's context menu).

The mount is the CLI's ``forensic-triage mount`` in its own process
(:func:`forensic_triage.jobs.mount.start_mount_process`), started off the GUI thread; that
process records the mount and the unmount in the audit log. Mounts still in place when the
application quits are released.
"""

from __future__ import annotations

import subprocess
import threading
import weakref
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QPoint, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QWidget

from forensic_triage.errors import TriageError
from forensic_triage.jobs.mount import start_mount_process, unmount

from .common import error_text, inform, show_error
from .session import CaseSession


class MountController(QObject):
    """The mounts one case session made: mount point -> (exhibit, process)."""

    mounted = Signal(str, str, object)  # exhibit, mount point, the mount's process
    released = Signal(str)  # mount point
    failed = Signal(str)  # the examiner's message

    def __init__(self, session: CaseSession) -> None:
        super().__init__(session)
        self.session = session
        self.mounts: dict[str, tuple[str, subprocess.Popen[bytes]]] = {}
        self.quiet = False  # no message boxes (tests)
        self.mounted.connect(self._on_mounted)
        self.failed.connect(self._on_failed)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.release_all)

    def mount(self, exhibit: str, folder: str) -> None:
        """Start the mount off the GUI thread; ``mounted`` or ``failed`` follows."""
        point = str(Path(folder).resolve())

        def run() -> None:
            try:
                process = start_mount_process(self.session.case_dir, point, exhibit)
            except TriageError as exc:
                self.failed.emit(error_text(exc))
                return
            self.mounted.emit(exhibit, point, process)

        threading.Thread(target=run, name="mount", daemon=True).start()

    def _on_mounted(self, exhibit: str, point: str, process: subprocess.Popen[bytes]) -> None:
        self.mounts[point] = (exhibit, process)
        if not self.quiet:
            inform(None, self.tr("{0} is mounted read-only on {1}. Release it with \"Unmount\" in the evidence "
                                 "item's context menu (or 'forensic-triage unmount {1}').").format(exhibit, point))

    def _on_failed(self, text: str) -> None:
        if not self.quiet:
            show_error(None, text)

    def mounts_of(self, exhibit: str) -> list[str]:
        return [point for point, (ex, _p) in self.mounts.items() if ex == exhibit]

    def unmount(self, mount_point: str, *, wait: bool = False) -> None:
        """Release a mount; ``released`` follows once its process has recorded the unmount
        (``wait``: on this thread, as when the application quits)."""
        exhibit, process = self.mounts.pop(mount_point)

        def run() -> None:
            try:
                unmount(mount_point)
            except TriageError as exc:
                if process.poll() is None:
                    self.mounts[mount_point] = (exhibit, process)
                    self.failed.emit(error_text(exc))
                    return
            try:
                process.wait(timeout=130)
            except subprocess.TimeoutExpired:
                process.terminate()
            self.released.emit(mount_point)

        if wait:
            run()
        else:
            threading.Thread(target=run, name="unmount", daemon=True).start()

    def release_all(self) -> None:
        for point in list(self.mounts):
            self.unmount(point, wait=True)


_CONTROLLERS: weakref.WeakKeyDictionary[CaseSession, MountController] = weakref.WeakKeyDictionary()


def controller_for(session: CaseSession) -> MountController:
    if session not in _CONTROLLERS:
        _CONTROLLERS[session] = MountController(session)
    return _CONTROLLERS[session]


def ask_folder(parent: QWidget) -> str:
    """An empty folder to mount on, chosen by the examiner ('' when cancelled)."""
    return QFileDialog.getExistingDirectory(parent, parent.tr("Mount read-only on an empty folder"))


def mount_actions(parent: QWidget, session: CaseSession, ev: dict[str, Any]) -> list[QAction]:
    """The actions for one evidence item: mount it, and release each of its mounts."""
    controller = controller_for(session)
    exhibit = str(ev["exhibit"])
    mount = QAction(parent.tr("Mount read-only…"), parent)
    mount.setObjectName("actMountReadOnly")
    mount.setToolTip(parent.tr("Show this evidence item's files as a read-only folder (FUSE); audited"))
    mount.setEnabled(not session.read_only_case)

    def start() -> None:
        folder = ask_folder(parent)
        if folder:
            controller.mount(exhibit, folder)

    mount.triggered.connect(lambda _checked=False: start())
    actions = [mount]
    for point in controller.mounts_of(exhibit):
        release = QAction(parent.tr("Unmount {0}").format(point), parent)
        release.setObjectName("actUnmount")
        release.triggered.connect(lambda _checked=False, p=point: controller.unmount(p))
        actions.append(release)
    return actions


def install_mount_menu(widget: QWidget, session: CaseSession, ev: dict[str, Any]) -> None:
    """Give an evidence item's widget a context menu with the mount actions."""
    widget.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    def show(pos: QPoint) -> None:
        menu = QMenu(widget)
        for action in mount_actions(widget, session, ev):
            menu.addAction(action)
        menu.popup(widget.mapToGlobal(pos))

    widget.customContextMenuRequested.connect(show)
