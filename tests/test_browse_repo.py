"""store.browse: the pages the GUI asks for by name (keyset paging, whitelisted columns, literal user text).

The case is written directly with SQL in the real schema, so what each page must hold is computed
here in Python, independently of the SQL the repository builds.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from forensic_triage.store import CaseStore
from forensic_triage.store.browse_repo import VIEWS, FileFilter, TableQuery

# Names that hold LIKE wildcards, the escape character and SQL quoting characters.
AWKWARD = ["50%_off.txt", "a%b.txt", "a_b.txt", "axb.txt", "aXXb.txt", "it's.txt", 'say "hi".txt',
           "back\\slash.txt", "back_slash.txt", "plain.txt", "100%.txt", "under__score.txt"]
N = 120


@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[CaseStore, list[dict[str, Any]]]]:
    folder = tmp_path_factory.mktemp("browse") / "case"
    rows: list[dict[str, Any]] = []
    with CaseStore.create(folder, case_number="BR-1", examiner="Test Examiner") as store, \
            store.transaction() as conn:
        conn.execute("INSERT INTO evidence(id, uid, exhibit, format, path, media_size, verdict, added_utc)"
                     " VALUES (1, 'EXH-1', 'EXH-1', 'raw', '/nonexistent.dd', 1048576, 'NOT STORED',"
                     " '2025-01-01T00:00:00Z')")
        conn.execute("INSERT INTO volumes(id, evidence_id, addr, offset, length, fs_type, fs_status)"
                     " VALUES (1, 1, NULL, 0, 1048576, 'FAT16', 'walked')")
        for d, folder_name in enumerate(("d1", "d2", "it's", "50%")):
            conn.execute(
                "INSERT INTO files(evidence_id, volume_id, locator, partition_offset, inode, path, name, name_raw,"
                " parent_path, size, allocated, meta_allocated, type, status) VALUES (1,1,?,0,?,?,?,?,'/',0,1,1,"
                "'dir','n/a')", (f"EXH-1:0:{d + 2}", d + 2, f"/{folder_name}", folder_name, folder_name.encode()))
        for i in range(N):
            name = AWKWARD[i] if i < len(AWKWARD) else f"file{(i * 37) % N:04d}.txt"
            parent = ("/d1", "/d2", "/it's", "/50%")[i % 4]
            row = {"name": name, "parent": parent, "path": f"{parent}/{name}",
                   # ties and NULLs on purpose: the keyset must still give every row once
                   "size": (i * 7) % 9,
                   "mtime": None if i % 6 == 0 else f"2025-01-{1 + i % 5:02d}T10:00:00Z",
                   "deleted": i % 3 == 0, "md5": f"{i:032x}"}
            cur = conn.execute(
                "INSERT INTO files(evidence_id, volume_id, locator, partition_offset, inode, path, name, name_raw,"
                " parent_path, extension, size, allocated, meta_allocated, type, status, md5, mime, mtime)"
                " VALUES (1,1,?,0,?,?,?,?,?,'txt',?,?,1,'file','done',?,'text/plain',?)",
                (f"EXH-1:0:{1000 + i}", 1000 + i, row["path"], name, name.encode(), parent, row["size"],
                 int(not row["deleted"]), row["md5"], row["mtime"]))
            row["id"] = int(cur.lastrowid or 0)
            rows.append(row)
        for i, message in enumerate(("disk 100% read", "disk 100 read", "a_b failed", "axb failed", "it's bad")):
            conn.execute("INSERT INTO warnings(source, kind, message, created_utc) VALUES ('test', 'warning', ?, ?)",
                         (message, f"2025-02-0{i + 1}T00:00:00Z"))
        for i in range(30):
            data = {"it's odd": f"value{i}", "x') OR 1=1 --": i, "plain": "p%" if i % 2 else "p_"}
            conn.execute("INSERT INTO artifacts(uid, file_id, locator, type, plugin, plugin_version, summary,"
                         " time_utc, data) VALUES (?, ?, 'EXH-1:0:1000', ?, 'test', '1', ?, ?, ?)",
                         (f"u{i}", rows[i]["id"], "odd" if i % 3 else "other", f"summary {i}",
                          f"2025-03-{1 + i % 20:02d}T00:00:00Z", json.dumps(data)))
            conn.execute("INSERT INTO timeline(time_utc, event, source, file_id, locator, description)"
                         " VALUES (?, 'event', 'test', ?, 'EXH-1:0:1000', ?)",
                         (f"2025-03-{1 + i % 20:02d}T0{i % 10}:00:00Z", rows[i]["id"], f"event {i}"))
    store = CaseStore.open(folder, read_only=True)
    try:
        yield store, rows
    finally:
        store.close()


def all_pages(store: CaseStore, query: TableQuery, limit: int) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    after = None
    for _ in range(N + 2):  # a keyset that does not move on would loop for ever
        page = store.browse.page(query, after=after, limit=limit)
        out.extend(page)
        if len(page) < limit:
            return out
        after = (page[-1]["_k"], page[-1]["_id"])
    raise AssertionError("paging does not end")


def expected_order(rows: list[dict[str, Any]], key: str | None, numeric: bool, descending: bool) -> list[int]:
    def sort_key(r: dict[str, Any]) -> tuple[Any, int]:
        if key is None:
            return (0, r["id"])
        value = r[key]
        return ((-1 if value is None else value) if numeric else ("" if value is None else value), r["id"])

    return [r["id"] for r in sorted(rows, key=sort_key, reverse=descending)]


@pytest.mark.parametrize("order,key,numeric", [(None, None, False), ("name", "name", False),
                                               ("size", "size", True), ("mtime", "mtime", False),
                                               ("folder", "parent", False)])
@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("limit", [1, 7, 50])
def test_files_pages_hold_every_row_exactly_once_in_order(case: Any, order: str | None, key: str | None,
                                                           numeric: bool, descending: bool, limit: int) -> None:
    store, rows = case
    got = all_pages(store, TableQuery("files", files=FileFilter(), order=order, descending=descending), limit)
    ids = [r["_id"] for r in got]
    assert len(ids) == len(set(ids)) == N
    assert ids == expected_order(rows, key, numeric, descending)
    assert store.browse.files_count(FileFilter()) == N


def test_files_page_by_name_matches_the_generic_page(case: Any) -> None:
    store, _rows = case
    first = store.browse.files_page(filters=FileFilter(deleted="deleted"), limit=5, order="size", descending=True)
    after = (first[-1]["_k"], first[-1]["_id"])
    second = store.browse.files_page(filters=FileFilter(deleted="deleted"), after=after, limit=5, order="size",
                                     descending=True)
    generic = store.browse.page(TableQuery("files", files=FileFilter(deleted="deleted"), order="size",
                                           descending=True), limit=10)
    assert [r["_id"] for r in first + second] == [r["_id"] for r in generic]
    assert all(r["deleted"] == 1 for r in generic)
    # rows carry what the table shows plus how the times are known
    assert {"name", "folder", "size", "mtime", "tags", "md5", "time_basis", "source_zone"} <= set(generic[0])


@pytest.mark.parametrize("text", ["%", "_", "\\", "'", '"', "a%b", "a_b", "100%", "__", "%_", "it's", "XX"])
def test_file_text_filter_is_a_literal_substring(case: Any, text: str) -> None:
    store, rows = case
    flt = FileFilter(text=text)
    got = [r["_id"] for r in all_pages(store, TableQuery("files", files=flt), 16)]
    expected = [r["id"] for r in rows if text in r["path"]]
    assert got == expected
    assert store.browse.files_count(flt) == len(expected)


def test_folder_filter_with_quote_and_percent_is_literal(case: Any) -> None:
    store, rows = case
    for folder in ("/it's", "/50%"):
        flt = FileFilter(evidence_id=1, volume_id=1, folder=folder)
        got = {r["_id"] for r in all_pages(store, TableQuery("files", files=flt), 9)}
        assert got == {r["id"] for r in rows if r["parent"] == folder}
    assert [r["name"] for r in store.browse.folder_children(1, 1, "/")] == ["50%", "d1", "d2", "it's"]


def test_user_text_reaches_the_database_only_as_parameters(case: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    store, _rows = case
    seen: list[tuple[str, Any]] = []
    real = store.query

    def spy(sql: str, params: Any = ()) -> Any:
        seen.append((sql, params))
        return real(sql, params)

    monkeypatch.setattr(store, "query", spy)
    marker = "zq'\"%_marker"
    store.browse.files_page(filters=FileFilter(text=marker, hashset=marker), after=(marker, 5), limit=3, order="name")
    store.browse.files_count(FileFilter(text=marker))
    store.browse.findings_page("warnings", text=marker, after=("x", 1), order="message")
    store.browse.timeline_window(marker, marker, text=marker)
    store.browse.timeline_days(text=marker)
    store.browse.findings_page("artifacts", record_type=marker, fields=(marker,), text=marker)
    assert len(seen) == 6
    for sql, params in seen:
        assert "marker" not in sql and "OFFSET" not in sql.upper()
        assert any("marker" in str(v) for v in (params.values() if isinstance(params, dict) else params))


def test_unknown_tables_columns_and_orders_are_refused(case: Any) -> None:
    store, _rows = case
    with pytest.raises(ValueError):
        store.browse.page(TableQuery("files f; DROP TABLE files --"))
    with pytest.raises(ValueError):
        store.browse.page(TableQuery("files", columns=("name", "f.sha256")))
    with pytest.raises(ValueError):
        store.browse.files_page(order="name DESC; DROP TABLE files")
    with pytest.raises(ValueError):
        store.browse.files_page(order="tags")  # shown, but not sortable
    assert store.browse.files_count() == N


def test_findings_text_filter_is_literal_and_over_text_columns_only(case: Any) -> None:
    store, _rows = case

    def messages(text: str) -> list[str]:
        return [r["message"] for r in all_pages(store, TableQuery("warnings", text=text), 2)]

    assert messages("100%") == ["disk 100% read"]
    assert messages("a_b") == ["a_b failed"]
    assert messages("'") == ["it's bad"]
    assert messages("2025-02") == []  # the time column is not searched
    assert store.browse.count(TableQuery("warnings", text="%")) == 1


def test_artifact_fields_with_quotes_in_their_names(case: Any) -> None:
    store, _rows = case
    fields = ("it's odd", "x') OR 1=1 --", "plain")
    query = TableQuery("artifacts", record_type="odd", fields=fields, order="d0")
    got = all_pages(store, query, 4)
    assert len(got) == 20 == store.browse.count(query)
    assert all(r["kind"] == "artifact" and r["file_id"] is not None for r in got)
    assert [r["d0"] for r in got] == sorted(r["d0"] for r in got)
    assert {r["d0"] for r in got} == {f"value{i}" for i in range(30) if i % 3}
    assert {r["d1"] for r in got} == {i for i in range(30) if i % 3}
    assert [r["d2"] for r in all_pages(store, TableQuery("artifacts", record_type="odd", fields=fields,
                                                         text="p%"), 3)] == ["p%"] * 10


def test_timeline_window_and_days(case: Any) -> None:
    store, _rows = case
    got = store.browse.timeline_window("2025-03-02", "2025-03-04", limit=100)
    assert got and all("2025-03-02" <= r["time_utc"] < "2025-03-04" for r in got)
    assert len(got) == sum(1 for i in range(30) if 2 <= 1 + i % 20 < 4)
    assert [r["time_utc"] for r in got] == sorted(r["time_utc"] for r in got)
    paged = all_pages(store, TableQuery("timeline", order="time_utc"), 4)
    assert len({r["_id"] for r in paged}) == len(paged) == 30
    days = dict(store.browse.timeline_days())
    assert sum(days.values()) == 30 and days["2025-03-01"] == 2


def test_audit_entries_page_by_sequence(tmp_path: Path) -> None:
    with CaseStore.create(tmp_path / "case", case_number="AU-1", examiner="Test Examiner") as store:
        for i in range(25):
            with store.transaction():
                store.audit("Test Examiner", "note", {"n": i, "text": "50% done" if i == 3 else "ok"})
        entries: list[dict[str, Any]] = []
        after = None
        for _ in range(20):
            page = store.browse.audit_entries(after=after, limit=6, descending=True)
            if not page:
                break
            entries.extend(page)
            after = (page[-1]["_k"], page[-1]["_id"])
        seqs = [e["seq"] for e in entries]
        assert seqs == sorted(seqs, reverse=True) and len(set(seqs)) == len(seqs) >= 25
        assert [json.loads(e["details"])["n"] for e in store.browse.audit_entries(text="50%")] == [3]


def test_every_catalogued_view_answers(case: Any) -> None:
    store, _rows = case
    for view in VIEWS:
        query = TableQuery(view, record_type="odd", fields=("plain",))
        assert len(store.browse.page(query, limit=1000)) == store.browse.count(query)
