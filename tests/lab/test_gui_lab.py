"""The desktop app opens a PostgreSQL case and shows the lab's workers in its status bar (real
PostgreSQL, real Redis, a real worker)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import Workers
from servers import Postgres, Redis

from forensic_triage.store import CaseStore
from forensic_triage.store.pg import remember_broker


def test_gui_opens_a_lab_case_and_lists_its_workers(qtbot: Any, pgenv: Postgres, redis: Redis, workers: Workers,
                                                    tmp_path: Path) -> None:
    from forensic_triage.ui.main_window import MainWindow

    case = tmp_path / "case"
    CaseStore.create(case, case_number="LAB-3", examiner="Alice", database=pgenv.createdb("gui_case")).close()
    remember_broker(case, redis.url)
    workers.start(1)
    win = MainWindow()
    qtbot.addWidget(win)
    try:
        assert win.open_case(str(case))
        assert win.session is not None and win.session.store.dialect == "postgresql"
        qtbot.waitUntil(lambda: "1 worker" in win.lab_label.text(), timeout=20000)
        assert "w0@test" in win.lab_label.toolTip()
    finally:
        win.close_case()
