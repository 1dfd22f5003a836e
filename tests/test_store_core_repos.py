"""Repository methods of the store that the CLI does not exercise on their own (issue 16): the file
listing read by keyset pages (every entry exactly once whatever the page size, names with odd
characters included, filters applied on every page), the fixed columns of the examiner's words,
and the clear answer to a regular expression that cannot be compiled."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
from imagebuilders import require_tools

from forensic_triage.cli.main import run
from forensic_triage.jobs.intake import add_evidence
from forensic_triage.jobs.settings import TriageSettings
from forensic_triage.jobs.triage import run_triage
from forensic_triage.store import CaseStore
from forensic_triage.store.files_repo import FileFilter

# Names a listing must carry through unchanged: SQL LIKE wildcards (% _), glob characters (* ? [ ]),
# quotes, a newline, a right-to-left override, non-ASCII letters, a leading dash and spaces.
ODD = {
    "/odd/100%_done.txt": b"percent underscore\n",
    "/odd/100ab_done.txt": b"looks alike for LIKE\n",
    "/odd/a[1].txt": b"brackets\n",
    "/odd/star*name?.txt": b"glob characters\n",
    "/odd/it's \"quoted\".txt": b"quotes\n",
    "/odd/line1\nline2.txt": b"newline\n",
    "/odd/invoice\u202etxt.exe": b"right-to-left override\n",
    "/odd/\u00dcn\u00efc\u00f6d\u00e9 \u65e5\u672c.txt": b"non-ASCII\n",
    "/odd/-dash  two spaces.txt": b"dash and spaces\n",
    "/odd/deeper/Z.TXT": b"upper case\n",
    "/plain.txt": b"plain\n",
}


FIXED = 1740667200  # 2025-02-27 14:40:00 UTC


def _build_odd_ext4(work: Path) -> Path:
    """An ext4 image made by ``mke2fs -d`` from a folder holding :data:`ODD` (ext4 takes any byte
    but '/' and NUL in a name, so the newline and the override are stored as written)."""
    tools = require_tools("mke2fs")
    stage = work / "stage"
    for path, content in ODD.items():
        target = stage / path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    image = work / "odd.ext4"
    subprocess.run([tools["mke2fs"], "-q", "-F", "-t", "ext4", "-b", "1024", "-L", "odd",
                    "-U", "0b6a1c64-8d6e-4a36-9f25-1d0c6a7e5f03", "-d", str(stage), str(image), "4M"],
                   check=True, capture_output=True, env={**os.environ, "E2FSPROGS_FAKE_TIME": str(FIXED)})
    return image


@pytest.fixture(scope="module")
def odd_case(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("odd-names")
    image = _build_odd_ext4(work)
    case = work / "case"
    store = CaseStore.create(case, case_number="ODD-1", examiner="A. Examiner")
    try:
        add_evidence(store, image, exhibit="ODD-EXH")
        run_triage(store, TriageSettings(jobs=1))
    finally:
        store.close()
    return case


def _walk_pages(store: CaseStore, where: FileFilter, size: int) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    after: int | None = None
    while True:
        page = store.files.listing_page(where, after_id=after, limit=size)
        assert len(page) <= size
        if not page:
            return rows
        assert after is None or page[0]["id"] > after, "a page repeats rows of the one before"
        rows += page
        after = page[-1]["id"]


def _ids(rows: list[dict[str, Any]]) -> list[int]:
    return [int(r["id"]) for r in rows]


def test_keyset_pages_return_every_entry_once_with_odd_names(odd_case: Path) -> None:
    with CaseStore.open(odd_case, read_only=True) as store:
        every = list(store.files.listing(FileFilter(all_types=True), page_size=10**6))
        files_only = list(store.files.listing(FileFilter(), page_size=10**6))
        entries = store.case.totals().entries
        assert len(every) == entries  # the listing of all types is the whole file table
        paths = {r["path"] for r in files_only}
        assert set(ODD) <= paths, set(ODD) - paths
        assert all(r["type"] == "file" for r in files_only)
        assert len(files_only) < len(every)  # folders are left out unless asked for
        for where, reference in ((FileFilter(all_types=True), every), (FileFilter(), files_only)):
            want = _ids(reference)
            assert want == sorted(set(want))  # id order, no repeats
            for size in (1, 2, 3, 7, len(want) - 1, len(want), len(want) + 1):
                walked = _walk_pages(store, where, size)
                assert _ids(walked) == want, f"page size {size}"
                assert _ids(list(store.files.listing(where, page_size=size))) == want, f"page size {size}"
        # The rows are whole: the exact name bytes and the evidence they belong to travel along.
        by_path = {r["path"]: r for r in files_only}
        newline = by_path["/odd/line1\nline2.txt"]
        assert newline["name_raw"] == b"line1\nline2.txt" and isinstance(newline["name_raw"], bytes)
        item = store.evidence.items()[0]
        assert (newline["evidence"], newline["exhibit"]) == (item["uid"], "ODD-EXH")


def test_path_glob_takes_sql_wildcards_literally_and_ignores_ascii_case(odd_case: Path) -> None:
    with CaseStore.open(odd_case, read_only=True) as store:
        def paths(glob: str, size: int = 1) -> list[str]:
            return [r["path"] for r in _walk_pages(store, FileFilter(path_glob=glob), size)]

        assert paths("*/100%_done.txt") == ["/odd/100%_done.txt"]  # % and _ are not LIKE wildcards
        assert paths("/ODD/A[[]1].TXT") == ["/odd/a[1].txt"]  # [[] is a literal '['; case ignored
        assert paths("*/star[*]name[?].txt") == ["/odd/star*name?.txt"]
        assert paths("*\n*") == ["/odd/line1\nline2.txt"]
        assert paths("*\u65e5\u672c*") == ["/odd/\u00dcn\u00efc\u00f6d\u00e9 \u65e5\u672c.txt"]
        assert paths("/odd/deeper/z.txt") == ["/odd/deeper/Z.TXT"]
        under_odd = paths("/odd/*")
        assert under_odd == paths("/odd/*", size=1000)
        assert sorted(under_odd) == sorted(p for p in ODD if p.startswith("/odd/"))


def test_filters_hold_on_every_page(triaged_sample_pristine: Path) -> None:
    with CaseStore.open(triaged_sample_pristine, read_only=True) as store:
        for where, check in ((FileFilter(deleted_only=True), lambda r: r["allocated"] == 0),
                             (FileFilter(mismatch_only=True), lambda r: r["ext_mismatch"] == 1),
                             (FileFilter(mime_glob="image/*"), lambda r: str(r["mime"]).startswith("image/")),
                             (FileFilter(mime_glob="image/*", path_glob="*.JPG"),
                              lambda r: str(r["path"]).lower().endswith(".jpg"))):
            whole = list(store.files.listing(where, page_size=10**6))
            assert whole, where  # the sample has deleted files, extension lies and pictures
            assert all(check(r) and r["type"] == "file" for r in whole), where
            assert _ids(_walk_pages(store, where, 1)) == _ids(whole), where
        everything = _ids(list(store.files.listing(FileFilter(all_types=True))))
        deleted = _ids(list(store.files.listing(FileFilter(deleted_only=True))))
        lying = _ids(list(store.files.listing(FileFilter(mismatch_only=True))))
        assert set(deleted) < set(everything) and set(lying) < set(everything)


def test_examiner_words_go_only_to_their_fixed_columns(triaged_sample: Path) -> None:
    with CaseStore.open(triaged_sample) as store:
        before = store.case_info()
        with pytest.raises(ValueError), store.transaction():
            store.case.set_case_text("examiner", "someone else")
        with pytest.raises(ValueError), store.transaction():
            store.case.set_examiner_text(before["examiner"], "name", "someone else")
        assert store.case_info() == before
        with store.transaction():
            store.case.set_case_text("request", "Was the invoice altered?")
        assert store.case_info()["request"] == "Was the invoice altered?"


@pytest.mark.parametrize("expression", ["(", "(" * 5000 + ")" * 5000, "a{99999999999}", "a\udcff"])
def test_search_with_a_broken_expression_is_a_usage_message(triaged_sample: Path, expression: str,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["search", str(triaged_sample), "--regex", expression, "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "A regular expression is not valid" in err and "Traceback" not in err
