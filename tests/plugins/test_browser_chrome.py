"""browser.chrome: the plaso Chrome History from the corpus and a current-schema History built here."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from fixtures_browser import chrome_history
from forensic_triage.plugins.browser_chrome import ChromeHistoryExtractor, transition_name
from helpers import run_extractor, selects

CHROME = "Users/jdoe/AppData/Local/Google/Chrome/User Data/Default/History"
EDGE = "Users/jdoe/AppData/Local/Microsoft/Edge/User Data/Profile 1/History"


def by_type(artifacts: list, record_type: str) -> list:
    return [a for a in artifacts if a.type == record_type]


def test_corpus_chrome_history(corpus: Path) -> None:
    data = (corpus / "artifacts/browser/chrome/History").read_bytes()
    versions: dict[str, str] = {}
    artifacts, warnings = run_extractor(ChromeHistoryExtractor, data, CHROME, library_versions=versions)
    assert warnings == []
    assert "sqlite3" in versions
    # plaso asserts 71 event_data = 69 visits + 2 downloads; we also keep the 3 keyword searches.
    assert len(by_type(artifacts, "browser.visit")) == 69
    assert len(by_type(artifacts, "browser.download")) == 2
    assert len(by_type(artifacts, "browser.search")) == 3
    assert len(artifacts) == 74
    first = artifacts[0]
    assert (first.plugin, first.plugin_version) == ("browser.chrome", "1.0")
    assert first.data == {
        "browser": "Chrome", "profile": "Default", "user": "jdoe", "url": "http://start.ubuntu.com/10.04/Google/",
        "title": "Ubuntu Start Page", "visit_time": "2011-04-07T12:03:11Z", "visit_count": 4, "typed_count": 0,
        "transition": "link|chain_start|chain_end", "from_url": None, "visit_id": 1,
    }
    assert first.times == [("URL visited", "2011-04-07T12:03:11Z")]
    download = by_type(artifacts, "browser.download")[0]
    assert download.data == {
        "browser": "Chrome", "profile": "Default", "user": "jdoe",
        "url": "http://fatloss4idiotsx.com/download/funcats/funcats_scr.exe",
        "target_path": "/home/john/Downloads/funcats_scr.exe", "received_bytes": 1132155, "total_bytes": 1132155,
        "start_time": "2011-05-23T08:35:30Z", "end_time": None, "state": "complete", "mime_type": None,
        "referrer": None, "danger_type": None, "opened": None,
    }
    assert [a.data["term"] for a in by_type(artifacts, "browser.search")] == [
        "funny cats", "really really funny cats", "funnycats.exe"]


def test_current_schema_with_wal(tmp_path: Path) -> None:
    main, wal = chrome_history(tmp_path, wal=True)
    assert wal
    artifacts, warnings = run_extractor(ChromeHistoryExtractor, main, EDGE, siblings={"History-wal": wal})
    assert warnings == []
    assert [a.type for a in artifacts] == ["browser.visit"] * 3 + ["browser.download", "browser.search"]
    assert artifacts[2].data == {
        "browser": "Edge", "profile": "Profile 1", "user": "jdoe",
        "url": "https://www.bing.com/search?q=how+to+wipe+a+disk", "title": "how to wipe a disk - Search",
        "visit_time": "2024-03-01T10:02:00Z", "visit_count": 1, "typed_count": 0, "transition": "typed",
        "from_url": None, "visit_id": 3,
    }
    assert artifacts[1].data["from_url"] == "https://www.example.org/"
    assert artifacts[3].data == {
        "browser": "Edge", "profile": "Profile 1", "user": "jdoe", "url": "https://www.example.org/eraser.exe",
        "target_path": "C:\\Users\\jdoe\\Downloads\\eraser.exe", "received_bytes": 5242880,
        "total_bytes": 5242880, "start_time": "2024-03-01T10:03:00Z", "end_time": "2024-03-01T10:03:05Z",
        "state": "complete", "mime_type": "application/x-msdownload", "referrer": "https://www.example.org/",
        "danger_type": "not dangerous", "opened": True,
    }
    assert artifacts[3].times == [("Download started", "2024-03-01T10:03:00Z"),
                                  ("Download finished", "2024-03-01T10:03:05Z")]
    assert artifacts[4].data["term"] == "how to wipe a disk"
    assert artifacts[4].data["search_time"] == "2024-03-01T10:02:00Z"


def test_without_its_wal_the_last_commits_are_missing(tmp_path: Path) -> None:
    """Proves the -wal companion is what carries the last visit: the runner must copy it."""
    main, _ = chrome_history(tmp_path, wal=True)
    artifacts, warnings = run_extractor(ChromeHistoryExtractor, main, EDGE)
    assert warnings == []
    assert not [a for a in artifacts if a.type == "browser.search"]
    # The URL row is in the main file but its visit row is not: kept as a last-visit record.
    orphan = [a for a in artifacts if a.type == "browser.visit" and a.data["visit_id"] is None]
    assert [o.data["url"] for o in orphan] == ["https://www.bing.com/search?q=how+to+wipe+a+disk"]


def test_truncated_history_is_a_warning(tmp_path: Path) -> None:
    main, _ = chrome_history(tmp_path)
    artifacts, warnings = run_extractor(ChromeHistoryExtractor, main[:5000], CHROME)
    assert warnings, "a truncated database must be reported"
    assert all(w.source == "browser.chrome" for w in warnings)


def test_other_sqlite_named_history(tmp_path: Path) -> None:
    db = tmp_path / "other.db"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE notes(x)")
    data = db.read_bytes()
    artifacts, warnings = run_extractor(ChromeHistoryExtractor, data, CHROME)
    assert artifacts == [] and len(warnings) == 1 and "not a Chromium history" in warnings[0].message
    # Selected only by its name elsewhere: silently not ours.
    assert run_extractor(ChromeHistoryExtractor, data, "srv/app/History") == ([], [])


def test_selection() -> None:
    sqlite_head = b"SQLite format 3\x00" + bytes(84)
    assert selects(ChromeHistoryExtractor, CHROME, sqlite_head) == (True, "jdoe")
    assert selects(ChromeHistoryExtractor, "Users/kate/Library/Application Support/Google/Chrome/Profile 2/History",
                   sqlite_head) == (True, "kate")
    assert selects(ChromeHistoryExtractor, "home/bob/.config/chromium/Default/History", sqlite_head)[0]
    assert not selects(ChromeHistoryExtractor, CHROME, b"not sqlite")[0]
    assert not selects(ChromeHistoryExtractor, "Users/jdoe/History.txt", sqlite_head)[0]


@pytest.mark.parametrize(("value", "expected"), [
    (0, "link"), (1, "typed"), (0x30000000, "link|chain_start|chain_end"),
    (0x80000007, "form_submit|server_redirect"), (-2147483647, "typed|server_redirect"),
])
def test_transition_names(value: int, expected: str) -> None:
    assert transition_name(value) == expected
