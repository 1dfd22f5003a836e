"""Background work of the desktop application yields to the GUI thread (issue 18): the extractors
are listed in a child process when the window is built (not when a case opens), that child and the
views' loader threads run at a lower priority than the GUI thread. Speed itself is measured by
benchmarks/gui_open_large_case.py, never here."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from ui_helpers import make_case

from forensic_triage import plugin_catalog
from forensic_triage.plugin_folder import user_plugin_dir

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="per-thread niceness is Linux's")

NICE_PLUGIN = '''
import os
from pathlib import Path
Path({out!r}).write_text(str(os.getpriority(os.PRIO_PROCESS, 0)))
EXTRACTORS = ()
'''


def test_the_window_lists_the_extractors_at_start_in_a_lower_priority_child(qtbot: Any, tmp_path: Path) -> None:
    from forensic_triage.ui import triage_panel
    from forensic_triage.ui.app import main_window

    if triage_panel._PREFETCH:  # an earlier window's listing, for another test's plugin folder
        qtbot.waitUntil(lambda: not triage_panel._PREFETCH[0].is_alive(), timeout=120000)
    out = tmp_path / "niceness.txt"
    folder = user_plugin_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "tell_niceness.py").write_text(NICE_PLUGIN.format(out=str(out)))
    key = plugin_catalog._folder_state(folder)
    assert not any(k[:len(key)] == key for k in plugin_catalog._CACHE)
    win = main_window()  # the listing starts before the window exists
    qtbot.addWidget(win)
    assert triage_panel._PREFETCH
    qtbot.waitUntil(lambda: not triage_panel._PREFETCH[0].is_alive(), timeout=120000)
    assert any(k[:len(key)] == key for k in plugin_catalog._CACHE)  # listed for this folder, no case open
    # The child that imported the plugins ran below the GUI's priority.
    assert int(out.read_text()) == min(19, os.getpriority(os.PRIO_PROCESS, 0) + plugin_catalog.LISTING_NICENESS)
    # A case opened now shows that listing: the panel has the extractors without a listing of its own.
    case = make_case(tmp_path / "case", None)
    assert win.open_case(str(case))
    panel = win.workspace.triage
    qtbot.waitUntil(lambda: not panel.listing, timeout=30000)
    names = [panel.plugins.item(i).data(Qt.ItemDataRole.UserRole) for i in range(panel.plugins.count())]
    assert "windows.prefetch" in names
    win.session.close()
    win.session = None


def test_the_views_read_the_case_on_lower_priority_threads(qtbot: Any, tmp_path: Path) -> None:
    from forensic_triage.ui.loader import QueryLoader, Request
    from forensic_triage.ui.workers import JOB_NICENESS

    case = make_case(tmp_path / "case", None)
    loader = QueryLoader(case, "test")
    got: list[int] = []
    loader.submit(Request(lambda store: os.getpriority(os.PRIO_PROCESS, 0), got.append))
    try:
        qtbot.waitUntil(lambda: bool(got), timeout=30000)
    finally:
        loader.close()
    assert got == [min(19, os.getpriority(os.PRIO_PROCESS, 0) + JOB_NICENESS)]
