"""browser.firefox: plaso's places.sqlite and downloads.sqlite, and a current places.sqlite built here."""

from __future__ import annotations

from pathlib import Path

from fixtures_browser import firefox_places
from forensic_triage.plugins.browser_firefox import FirefoxHistoryExtractor
from helpers import run_extractor, selects

PROFILE = "Users/jdoe/AppData/Roaming/Mozilla/Firefox/Profiles/q1w2e3r4.default-release"


def test_corpus_places(corpus: Path) -> None:
    data = (corpus / "artifacts/browser/firefox/places.sqlite").read_bytes()
    artifacts, warnings = run_extractor(FirefoxHistoryExtractor, data, f"{PROFILE}/places.sqlite")
    assert warnings == []
    # 1 visit (moz_historyvisits) and 91 URL bookmarks (moz_bookmarks type 1); folders are paths.
    assert [a.type for a in artifacts].count("browser.visit") == 1
    assert [a.type for a in artifacts].count("browser.bookmark") == 91
    assert len(artifacts) == 92
    visit = artifacts[0]
    assert visit.data == {
        "browser": "Firefox", "profile": "q1w2e3r4.default-release", "user": "jdoe",
        "url": "http://news.google.com/", "title": "Google News", "visit_time": "2011-07-01T11:16:21.371935Z",
        "visit_count": 1, "typed_count": 1, "transition": "typed", "from_url": None, "visit_id": 1,
    }
    headlines = [a for a in artifacts if a.data.get("folder") == "Bookmarks Toolbar/Latest Headlines"]
    assert len(headlines) == 78  # a live feed folder
    assert headlines[0].data == {
        "browser": "Firefox", "profile": "q1w2e3r4.default-release", "user": "jdoe",
        "url": "http://www.bbc.co.uk/go/rss/int/news/-/news/world-us-canada-13986970",
        "title": "'Doubts' over Strauss-Kahn case", "folder": "Bookmarks Toolbar/Latest Headlines",
        "added_time": "2011-07-01T11:14:11.183175Z", "modified_time": "2011-07-01T11:14:11.183175Z",
        "description": None,
    }


def test_corpus_legacy_downloads(corpus: Path) -> None:
    data = (corpus / "artifacts/browser/firefox/downloads.sqlite").read_bytes()
    artifacts, warnings = run_extractor(FirefoxHistoryExtractor, data, "home/john/.mozilla/firefox/x.default/downloads.sqlite")
    assert warnings == []
    assert len(artifacts) == 1
    assert artifacts[0].data == {
        "browser": "Firefox", "profile": "x.default", "user": "john",
        "url": "https://plaso.googlecode.com/files/plaso-static-1.0.1-win32-vs2008.zip",
        "target_path": "D:/plaso-static-1.0.1-win32-vs2008.zip", "received_bytes": 15974599,
        "total_bytes": 15974599, "start_time": "2013-07-18T18:59:59.312000Z",
        "end_time": "2013-07-18T19:01:18.578000Z", "state": "complete", "mime_type": "application/zip",
        "referrer": None, "danger_type": None, "opened": None,
    }


def test_current_places(tmp_path: Path) -> None:
    artifacts, warnings = run_extractor(FirefoxHistoryExtractor, firefox_places(tmp_path), f"{PROFILE}/places.sqlite")
    assert warnings == []
    assert [a.type for a in artifacts] == ["browser.visit", "browser.visit", "browser.bookmark", "browser.download"]
    assert artifacts[1].data["from_url"] == "https://duckduckgo.com/?q=tor+browser"
    assert artifacts[1].data["transition"] == "link"
    assert artifacts[2].data == {
        "browser": "Firefox", "profile": "q1w2e3r4.default-release", "user": "jdoe",
        "url": "https://www.torproject.org/download/", "title": "Download Tor Browser", "folder": "toolbar/Privacy",
        "added_time": "2024-03-01T10:00:06Z", "modified_time": "2024-03-01T10:00:07Z", "description": "get it here",
    }
    assert artifacts[3].data == {
        "browser": "Firefox", "profile": "q1w2e3r4.default-release", "user": "jdoe",
        "url": "https://dist.torproject.org/torbrowser/tor-browser.exe",
        "target_path": "C:/Users/jdoe/Downloads/tor-browser setup.exe", "received_bytes": 104857600,
        "total_bytes": None, "start_time": "2024-03-01T10:00:08Z", "end_time": "2024-03-01T10:00:30Z",
        "state": "complete", "mime_type": None, "referrer": None, "danger_type": None, "opened": None,
    }


def test_truncated_places_is_a_warning(tmp_path: Path) -> None:
    data = firefox_places(tmp_path)
    artifacts, warnings = run_extractor(FirefoxHistoryExtractor, data[: len(data) // 2], f"{PROFILE}/places.sqlite")
    assert artifacts == [] and len(warnings) == 1
    assert "malformed" in warnings[0].message


def test_selection() -> None:
    head = b"SQLite format 3\x00" + bytes(84)
    assert selects(FirefoxHistoryExtractor, f"{PROFILE}/places.sqlite", head) == (True, "jdoe")
    assert selects(FirefoxHistoryExtractor, "home/bob/.mozilla/firefox/ab.default/places.sqlite", head) == (True, "bob")
    assert not selects(FirefoxHistoryExtractor, f"{PROFILE}/cookies.sqlite", head)[0]
