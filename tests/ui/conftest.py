"""Fixtures for the desktop application tests (pytest-qt, offscreen, no real home folder touched)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox  # noqa: E402
from ui_helpers import make_case  # noqa: E402


@pytest.fixture(autouse=True)
def _ui_settings(tmp_path: Path) -> Iterator[None]:
    """Every test starts with empty application settings (recent cases, last choices, layout)."""
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    yield
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMessageBox):
            widget.close()


@pytest.fixture(scope="session")
def sample_image(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built-in sample evidence (pure Python, deterministic): FAT16 with a deleted file,
    an EXIF JPEG, a PNG named .pdf, a Chrome History SQLite database and EICAR."""
    from forensic_triage.sample.generator import build_sample_image

    path = tmp_path_factory.mktemp("sample") / "sample-evidence.dd"
    build_sample_image(path)
    path.chmod(0o444)
    return path


@pytest.fixture(scope="session")
def triaged_sample_case(tmp_path_factory: pytest.TempPathFactory, sample_image: Path) -> Path:
    """A case with the sample evidence triaged (do not modify: copy it with ``case_copy``)."""
    return make_case(tmp_path_factory.mktemp("triaged") / "case", sample_image)


@pytest.fixture
def case_copy(tmp_path: Path, triaged_sample_case: Path) -> Path:
    target = tmp_path / "case"
    shutil.copytree(triaged_sample_case, target, ignore=shutil.ignore_patterns(".case.lock"))
    return target


@pytest.fixture
def window(qtbot: Any) -> Iterator[Any]:
    from forensic_triage.ui.main_window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    yield win
    win.jobs.cancel_all()
    win.jobs.wait(30000)
    if win.session is not None:
        win.session.close()
        win.session = None
