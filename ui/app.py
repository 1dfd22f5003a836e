"""Entry point of the desktop application (``forensic-triage-gui`` and ``forensic-triage gui``)."""

from __future__ import annotations

import argparse
import multiprocessing
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from forensic_triage import TOOL_NAME, __version__

from .common import app_icon
from .settings import APP, ORG

if TYPE_CHECKING:
    from .main_window import MainWindow


# How long a thread may hold the GIL while another waits for it (Python's default: 5 ms). A job's
# thread in this process (triage's dispatcher and writer) is pure Python; each time the GUI thread
# wakes, or gives the GIL up inside a Qt call, it waits up to this long for it again.
SWITCH_INTERVAL = 0.001


def make_app(argv: list[str] | None = None, language: str | None = None) -> QApplication:
    """The QApplication, set up once: names for QSettings, high-DPI rounding, translations."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    sys.setswitchinterval(SWITCH_INTERVAL)
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication(argv if argv is not None else sys.argv[:1])
    QCoreApplication.setOrganizationName(ORG)
    QCoreApplication.setApplicationName(APP)
    QCoreApplication.setApplicationVersion(__version__)
    QGuiApplication.setApplicationDisplayName(TOOL_NAME)
    QGuiApplication.setDesktopFileName("forensic-triage")
    app.setWindowIcon(app_icon())
    # Qt's own strings (dialog buttons) and ours in the examiner's language (ui/languages.py).
    from .languages import apply_language, choose_language

    apply_language(choose_language(language))
    return app


def main_window() -> MainWindow:
    """The application's window, as ``main`` builds it: the extractors are listed (in a child
    process, ``triage_panel.prefetch_plugins``) while the window is built, not while a case opens."""
    from .main_window import MainWindow
    from .triage_panel import prefetch_plugins

    prefetch_plugins()
    return MainWindow()


def main(argv: list[str] | None = None) -> int:
    multiprocessing.freeze_support()  # triage's worker processes, in a frozen (PyInstaller) build
    parser = argparse.ArgumentParser(prog="forensic-triage-gui", description=f"{TOOL_NAME} desktop application")
    parser.add_argument("case_dir", nargs="?", metavar="CASE_DIR", help="open this case folder")
    parser.add_argument("--language", choices=("en", "es", "fr"),
                        help="language of the interface (default: the saved choice, else the system's)")
    args, qt_args = parser.parse_known_args(sys.argv[1:] if argv is None else argv)
    if sys.platform.startswith("linux"):
        # Before Qt starts: Qt aborts the process when its display plugin cannot load (guicheck).
        from forensic_triage.guicheck import problem

        why = problem()
        if why:
            print(f"forensic-triage-gui: {why}", file=sys.stderr)
            return 1
    app = make_app([sys.argv[0], *qt_args], args.language)
    from .main_window import MainWindow
    from .triage_panel import prefetch_plugins

    prefetch_plugins()  # the extractors listed while the window is built, not while a case opens

    window = MainWindow()
    window.show()
    if args.case_dir:
        window.open_case(args.case_dir)
    return int(app.exec())


if __name__ == "__main__":
    raise SystemExit(main())
