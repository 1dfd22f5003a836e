"""Every table and tree model of the desktop application: Qt's model tester, paging, SQL sorting/filtering."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from forensic_triage.ui import findings_models as fm
from forensic_triage.ui.content import ContentReader, sqlite_tables
from forensic_triage.ui.file_model import FileFilter, FileTableModel
from forensic_triage.ui.loader import QueryLoader
from forensic_triage.ui.sqlite_view import SqliteTableModel
from forensic_triage.ui.sqlmodel import ID_ROLE, SqlTableModel
from forensic_triage.ui.tree_model import NODE_ROLE, EvidenceTreeModel
from forensic_triage.ui.viewers import HexModel
from PySide6.QtCore import QModelIndex, Qt
from ui_helpers import synthetic_case, wait_loaded

from forensic_triage.store import CaseStore

N_FILES = 1000


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, Any]]]:
    folder = tmp_path_factory.mktemp("synthetic") / "case"
    return folder, synthetic_case(folder, N_FILES)


@pytest.fixture
def loaders(qapp: Any, synthetic: tuple[Path, list[dict[str, Any]]]) -> Iterator[tuple[QueryLoader, QueryLoader]]:
    pages, counts = QueryLoader(synthetic[0], "pages"), QueryLoader(synthetic[0], "counts")
    yield pages, counts
    pages.close()
    counts.close()


def load_all(qtbot: Any, model: SqlTableModel) -> list[int]:
    wait_loaded(qtbot, model)
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
        wait_loaded(qtbot, model)
    assert model.error is None, model.error
    return [model.data(model.index(r, 0), ID_ROLE) for r in range(model.rowCount())]


def test_file_model_pages_in_id_order_and_passes_the_model_tester(qtbot: Any, qtmodeltester: Any, loaders: Any,
                                                                   synthetic: Any) -> None:
    _, rows = synthetic
    model = FileTableModel(*loaders, "America/Port_of_Spain")
    model.reload()
    wait_loaded(qtbot, model)
    assert model.rowCount() == FileTableModel.PAGE  # only the first page is read at first
    qtbot.waitUntil(lambda: model.total == N_FILES)
    qtmodeltester.check(model)
    assert load_all(qtbot, model) == [r["id"] for r in rows]
    qtmodeltester.check(model)
    first = rows[0]
    name = model.data(model.index(0, 0))
    assert name == first["name"]
    # Deleted rows are shown in red italics; sizes are exact, right-aligned.
    assert first["deleted"] and model.data(model.index(0, 0), Qt.ItemDataRole.ForegroundRole) is not None
    assert model.data(model.index(1, 2)) == f"{rows[1]['size']:,}"
    assert "UTC (" in model.data(model.index(0, 3)) and "-04:00" in model.data(model.index(0, 3))


@pytest.mark.parametrize(("column", "key", "descending"), [(2, "size", True), (0, "name", False), (2, "size", False)])
def test_sorting_is_done_in_sql_and_stays_correct_across_pages(qtbot: Any, loaders: Any, synthetic: Any,
                                                               column: int, key: str, descending: bool) -> None:
    _, rows = synthetic
    model = FileTableModel(*loaders)
    model.reload()
    order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
    model.sort(column, order)
    expected = [r["id"] for r in sorted(rows, key=lambda r: (r[key], r["id"]), reverse=descending)]
    assert load_all(qtbot, model) == expected


@pytest.mark.parametrize(("flt", "keep"), [
    (FileFilter(deleted="deleted"), lambda r: r["deleted"]),
    (FileFilter(deleted="allocated"), lambda r: not r["deleted"]),
    (FileFilter(category="pictures"), lambda r: r["mime"].startswith("image/")),
    (FileFilter(ext_mismatch=True), lambda r: r["mismatch"]),
    (FileFilter(yara=True), lambda r: r["hits"] > 0),
    (FileFilter(hashset="notable"), lambda r: r["hashset"] == "notable"),
    (FileFilter(tagged=True), lambda r: r["tagged"]),
    (FileFilter(text="file0001"), lambda r: "file0001" in r["path"]),
    (FileFilter(text="%"), lambda r: False),  # LIKE wildcards are escaped: a literal %
    (FileFilter(text=f"{7:032x}"), lambda r: r["md5"] == f"{7:032x}"),  # a pasted MD5
    (FileFilter(deleted="deleted", category="pictures"), lambda r: r["deleted"] and r["mime"].startswith("image/")),
    (FileFilter(evidence_id=1, volume_id=1, folder="/dir03"), lambda r: r["parent"] == "/dir03"),
])
def test_filters_are_done_in_sql(qtbot: Any, qtmodeltester: Any, loaders: Any, synthetic: Any, flt: FileFilter,
                                 keep: Any) -> None:
    _, rows = synthetic
    model = FileTableModel(*loaders)
    model.apply(flt)
    got = load_all(qtbot, model)
    expected = [r["id"] for r in rows if keep(r)]
    assert got == expected
    qtbot.waitUntil(lambda: model.total == len(expected))
    qtmodeltester.check(model)


def test_soft_refresh_appends_new_rows_and_keeps_loaded_ones(qtbot: Any, tmp_path: Path, qapp: Any) -> None:
    folder = tmp_path / "case"
    rows = synthetic_case(folder, 300)
    pages = QueryLoader(folder)
    try:
        model = FileTableModel(pages, None)
        model.reload()
        ids = load_all(qtbot, model)
        assert len(ids) == 300
        inserted: list[int] = []
        model.rowsInserted.connect(lambda _p, first, last: inserted.append(last - first + 1))
        resets: list[int] = []
        model.modelReset.connect(lambda: resets.append(1))
        with CaseStore.open(folder) as store, store.transaction() as conn:
            for i in range(5):
                conn.execute(
                    "INSERT INTO files(evidence_id, volume_id, locator, partition_offset, inode, path, name, name_raw,"
                    " parent_path, size, allocated, meta_allocated, type) VALUES (1,1,?,0,?,?,?,?,'/',1,1,1,'file')",
                    (f"EXH-1:0:{90000 + i}", 90000 + i, f"/new{i}", f"new{i}", b"x"))
            conn.execute("UPDATE files SET status='error' WHERE id=?", (rows[0]["id"],))
        model.refresh()
        wait_loaded(qtbot, model)
        while model.canFetchMore(QModelIndex()):
            model.fetchMore(QModelIndex())
            wait_loaded(qtbot, model)
        assert model.rowCount() == 305 and not resets and sum(inserted) == 5
        assert model.data(model.index(0, 11)) == "error"
    finally:
        pages.close()


def test_evidence_tree_loads_folders_lazily(qtmodeltester: Any, qapp: Any, triaged_sample_case: Path) -> None:
    with CaseStore.open(triaged_sample_case, read_only=True) as store:
        model = EvidenceTreeModel(store)
        exhibit = model.index(0, 0)
        assert "EXH-001" in model.data(exhibit)
        assert model.canFetchMore(exhibit) and model.rowCount(exhibit) == 0  # nothing read before it is opened
        qtmodeltester.check(model)
        model.fetchMore(exhibit)
        volumes = [model.data(model.index(r, 0, exhibit), NODE_ROLE) for r in range(model.rowCount(exhibit))]
        fat = next(v for v in volumes if v.enabled)
        assert "FAT16" in fat.label and any(not v.enabled for v in volumes)  # the unpartitioned gap
        index = model.find_folder(fat.evidence_id, fat.volume_id, "/Users/jdoe/Documents")
        node = model.data(index, NODE_ROLE)
        assert node.path == "/Users/jdoe/Documents" and node.kind == "folder"
        qtmodeltester.check(model)


def test_every_findings_model_passes_the_model_tester(qtbot: Any, qtmodeltester: Any, qapp: Any,
                                                      triaged_sample_case: Path) -> None:
    pages, counts = QueryLoader(triaged_sample_case), QueryLoader(triaged_sample_case)
    store = CaseStore.open(triaged_sample_case, read_only=True)
    try:
        tz = "America/Port_of_Spain"
        models = [fm.yara_model(pages, counts, tz), fm.hashset_model(pages, counts, tz),
                  fm.content_model(pages, counts, tz), fm.tags_model(pages, counts, tz),
                  fm.warnings_model(pages, counts, tz), fm.audit_model(pages, counts, tz),
                  fm.custody_model(pages, counts, tz), fm.timeline_model(pages, counts, tz, True),
                  fm.timeline_model(pages, counts, tz, False)]
        types = [r["type"] for r in store.query("SELECT DISTINCT type FROM artifacts ORDER BY type")]
        assert "browser.visit" in types
        models += [fm.artifact_model(pages, counts, store, t, tz) for t in types]
        for model in models:
            model.reload()
            load_all(qtbot, model)
            qtmodeltester.check(model)
        audit = models[5]
        assert audit.rowCount() == store.scalar("SELECT count(*) FROM audit")
        visits = models[len(models) - len(types) + types.index("browser.visit")]
        titles = [c.title for c in visits.columns]
        assert "Url" in titles and visits.rowCount() == store.scalar(
            "SELECT count(*) FROM artifacts WHERE type='browser.visit'")
        url_col = titles.index("Url")
        assert all(str(visits.data(visits.index(r, url_col))).startswith("http") for r in range(visits.rowCount()))
        timeline = models[7]
        times = [timeline.row_dict(r)["time_utc"] for r in range(timeline.rowCount())]
        # The sample is FAT (local clock) and no zone is declared here: its file-system times are not
        # UTC, so they stay off the UTC timeline (test_timeline_places_fat_times_with_a_declared_zone).
        assert times == sorted(times) and len(times) == store.scalar("SELECT count(*) FROM timeline")
    finally:
        store.close()
        pages.close()
        counts.close()


def test_hex_and_sqlite_viewer_models(qtbot: Any, qtmodeltester: Any, qapp: Any, triaged_sample_case: Path) -> None:
    hexm = HexModel()
    hexm.set_bytes(bytes(range(256)) * 2 + b"tail", 4096)
    qtmodeltester.check(hexm)
    assert hexm.rowCount() == 33
    assert hexm.data(hexm.index(1, 0)) == f"{4096 + 16:010x}"
    assert hexm.data(hexm.index(4, 2)) == "".join(chr(b) if 0x20 <= b < 0x7F else "." for b in range(64, 80))
    with CaseStore.open(triaged_sample_case, read_only=True) as store:
        row = dict(store.query("SELECT f.*, e.path AS evidence_path FROM files f JOIN evidence e ON e.id=f.evidence_id"
                               " WHERE f.name='History'")[0])
    reader = ContentReader()
    try:
        copy = reader.sqlite_copy(row, row["evidence_path"])
        tables = sqlite_tables(copy)
        assert "urls" in tables
        model = SqliteTableModel()
        model.open(copy)
        model.set_table("urls")
        qtbot.waitUntil(lambda: not model.loading, timeout=20000)  # each page is read in a child process
        qtmodeltester.check(model)
        assert model.rowCount() > 0 and "url" in model.headers
        model.close()
    finally:
        reader.close()


def test_timeline_places_fat_times_with_a_declared_zone(qtbot: Any, qapp: Any, case_copy: Path) -> None:
    """FAT times go on the GUI timeline only with the evidence item's declared zone, made UTC with
    it in SQL (ft_utc) and marked as assumed; the file table never shows them as UTC."""
    from forensic_triage.jobs.source_zone import set_source_timezone

    with CaseStore.open(case_copy) as store:
        set_source_timezone(store, "EXH-001", "America/Port_of_Spain")
        artifact_rows = store.scalar("SELECT count(*) FROM timeline")
        contacts = dict(store.query("SELECT * FROM files WHERE name = 'contacts.txt'")[0])
    pages, counts = QueryLoader(case_copy), QueryLoader(case_copy)
    try:
        model = fm.timeline_model(pages, counts, "UTC", True)
        model.reload()
        load_all(qtbot, model)
        rows = [model.row_dict(r) for r in range(model.rowCount())]
        assert len(rows) > artifact_rows
        assert [r["time_utc"] for r in rows] == sorted(r["time_utc"] for r in rows)
        modified = [r for r in rows if r["event"] == "File modified" and r["description"] == contacts["path"]]
        # contacts.txt was modified at 09:12:44 on the laptop's clock (-04:00): 13:12:44 UTC, assumed.
        assert [r["time_utc"] for r in modified] == ["2025-02-27T13:12:44.000000Z"]
        assert modified[0]["basis"] == "assumed:America/Port_of_Spain"
        row = rows.index(modified[0])
        shown = model.data(model.index(row, 0))
        assert shown.startswith("2025-02-27 13:12:44 UTC") and "zone America/Port_of_Spain assumed" in shown
        assert "assumed" in model.data(model.index(row, 0), Qt.ItemDataRole.ToolTipRole)

        files = FileTableModel(pages, counts, "UTC")
        files.reload()
        load_all(qtbot, files)
        mtime_col = [c.key for c in files.columns].index("mtime")
        cells = {files.row_dict(r)["name"]: files.data(files.index(r, mtime_col)) for r in range(files.rowCount())}
        assert cells["contacts.txt"].startswith("2025-02-27 13:12:44 UTC") and "assumed" in cells["contacts.txt"]
    finally:
        pages.close()
        counts.close()
    with CaseStore.open(case_copy) as store:
        set_source_timezone(store, "EXH-001", "unknown")
    pages, counts = QueryLoader(case_copy), QueryLoader(case_copy)
    try:
        files = FileTableModel(pages, counts, "UTC")
        files.reload()
        load_all(qtbot, files)
        cells = {files.row_dict(r)["name"]: files.data(files.index(r, mtime_col)) for r in range(files.rowCount())}
        assert cells["contacts.txt"] == "2025-02-27 09:12:44 local (zone unknown)"
    finally:
        pages.close()
        counts.close()
