"""The views ask the store by name: a findings table's filter box and the timeline's period reach
``store.browse`` as a description (text as a literal, the period as bounds), never as SQL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from forensic_triage.ui import findings_models as fm
from forensic_triage.ui.findings import FindingTable
from forensic_triage.ui.loader import QueryLoader, Request
from PySide6.QtCore import QModelIndex
from ui_helpers import synthetic_case, wait_loaded

from forensic_triage.store import CaseStore

MESSAGES = ["disk 100% read", "disk 100 read", "a_b failed", "axb failed", "it's bad", "its bad"]


def shown(qtbot: Any, table: FindingTable, key: str = "message") -> list[str]:
    model = table.model
    wait_loaded(qtbot, model)
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
        wait_loaded(qtbot, model)
    assert model.error is None, model.error
    return [str(model.row_dict(r)[key]) for r in range(model.rowCount())]


def wait_total(qtbot: Any, table: FindingTable, n: int) -> None:
    qtbot.waitUntil(lambda: table.model.total == n)


def test_findings_filter_box_text_is_literal(qtbot: Any, qapp: Any, tmp_path: Path) -> None:
    folder = tmp_path / "case"
    synthetic_case(folder, 10)
    with CaseStore.open(folder) as store, store.transaction() as conn:
        for i, message in enumerate(MESSAGES):
            conn.execute("INSERT INTO warnings(source, kind, message, created_utc) VALUES ('test', 'warning', ?, ?)",
                         (message, f"2025-02-0{i + 1}T00:00:00Z"))
            conn.execute("INSERT INTO timeline(time_utc, event, source, locator, description)"
                         " VALUES (?, 'event', 'test', 'EXH-1:0:2', ?)", (f"2025-02-0{i + 1}T10:00:00Z", message))
    pages, counts = QueryLoader(folder, "pages"), QueryLoader(folder, "counts")
    try:
        table = FindingTable(fm.warnings_model(pages, counts, "UTC"), "warnings")
        qtbot.addWidget(table)
        table.model.reload()
        assert shown(qtbot, table) == MESSAGES
        for text, expected in (("100%", ["disk 100% read"]), ("a_b", ["a_b failed"]), ("it's", ["it's bad"]),
                               ("%", ["disk 100% read"]), ("_", ["a_b failed"])):
            table.search.setText(text)
            table.apply_search()
            assert shown(qtbot, table) == expected
            wait_total(qtbot, table, len(expected))
        # the timeline's chosen period [start, end) and its filter box, together
        timeline = FindingTable(fm.timeline_model(pages, counts, "UTC", False), "timeline")
        qtbot.addWidget(timeline)
        timeline.model.reload()
        assert shown(qtbot, timeline, "description") == MESSAGES
        timeline.period = ("2025-02-02", "2025-02-05")
        timeline.apply_search()
        assert shown(qtbot, timeline, "description") == MESSAGES[1:4]
        timeline.search.setText("_")
        timeline.apply_search()
        assert shown(qtbot, timeline, "description") == ["a_b failed"]
    finally:
        pages.close()
        counts.close()


def test_loader_runs_a_named_request_and_reports_store_errors(qtbot: Any, qapp: Any, tmp_path: Path) -> None:
    folder = tmp_path / "case"
    rows = synthetic_case(folder, 30)
    loader = QueryLoader(folder, "pages")
    got: list[Any] = []
    errors: list[str] = []
    try:
        loader.submit(Request(lambda store: store.browse.files_page(limit=5), got.append, errors.append))
        loader.submit(Request(lambda store: store.browse.files_count(), got.append, errors.append))
        qtbot.waitUntil(lambda: len(got) == 2)
        assert [r["_id"] for r in got[0]] == [r["id"] for r in rows][:5] and got[1] == 30
    finally:
        loader.close()
    missing = QueryLoader(tmp_path / "nowhere", "pages")
    try:
        missing.submit(Request(lambda store: store.browse.files_count(), got.append, errors.append))
        qtbot.waitUntil(lambda: bool(errors))
        assert "could not be read" in errors[0] and len(got) == 2
    finally:
        missing.close()
