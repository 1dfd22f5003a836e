"""browser.safari: plaso's History.db and a History.db built here."""

from __future__ import annotations

from pathlib import Path

from fixtures_browser import safari_history
from forensic_triage.plugins.browser_safari import SafariHistoryExtractor
from helpers import run_extractor, selects

PATH = "Users/kate/Library/Safari/History.db"


def test_corpus_history_db(corpus: Path) -> None:
    data = (corpus / "artifacts/browser/safari/History.db").read_bytes()
    artifacts, warnings = run_extractor(SafariHistoryExtractor, data, PATH)
    assert warnings == []
    assert len(artifacts) == 25  # plaso: 25 event_data
    # plaso event 1: http://facebook.com/, visit_count 2, 2017-11-09T21:24:28.829571Z
    assert artifacts[1].data == {
        "browser": "Safari", "profile": None, "user": "kate", "url": "http://facebook.com/", "title": None,
        "visit_time": "2017-11-09T21:24:28.829571Z", "visit_count": 2, "typed_count": None,
        "transition": "visit", "from_url": None, "visit_id": 37,
    }
    assert artifacts[2].data["transition"] == "redirect"
    assert artifacts[2].data["from_url"] == "http://facebook.com/"


def test_fixture(tmp_path: Path) -> None:
    artifacts, warnings = run_extractor(SafariHistoryExtractor, safari_history(tmp_path), PATH)
    assert warnings == []
    assert len(artifacts) == 3
    assert artifacts[2].data == {
        "browser": "Safari", "profile": None, "user": "kate", "url": "https://www.example.com/",
        "title": "Example Domain", "visit_time": "2024-03-01T10:01:00.750000Z", "visit_count": 1,
        "typed_count": None, "transition": "redirect", "from_url": "http://example.com/", "visit_id": 3,
    }
    assert artifacts[0].times == [("URL visited", "2024-03-01T10:00:00.250000Z")]


def test_truncated_is_a_warning(tmp_path: Path) -> None:
    data = safari_history(tmp_path)
    artifacts, warnings = run_extractor(SafariHistoryExtractor, data[:4096 + 10], PATH)
    assert artifacts == [] and len(warnings) == 1


def test_selection() -> None:
    head = b"SQLite format 3\x00" + bytes(84)
    assert selects(SafariHistoryExtractor, PATH, head) == (True, "kate")
    assert not selects(SafariHistoryExtractor, "Users/kate/Library/Safari/Downloads.plist", head)[0]
