"""Safari on iOS: open tabs (ios.safari_tabs, BrowserState.db) and history (browser.safari, History.db)."""

from __future__ import annotations

from forensic_triage.plugins.browser_safari import SafariHistoryExtractor
from forensic_triage.plugins.ios_safari_tabs import IosSafariTabsExtractor
from helpers import run_extractor, selects

from tests.helpers.ios_builders import query, tabs_db

TABS = "AppDomain-com.apple.mobilesafari/Library/Safari/BrowserState.db"


def test_inputs_both_path_shapes() -> None:
    assert selects(IosSafariTabsExtractor, TABS)[0]
    assert selects(IosSafariTabsExtractor,
                   "private/var/mobile/Containers/Data/Application/0A1B/Library/Safari/BrowserState.db")[0]
    assert not selects(IosSafariTabsExtractor, "HomeDomain/Library/Safari/History.db")[0]
    # iOS History.db has the macOS schema: the existing Safari extractor reads it (no second iOS copy)
    assert selects(SafariHistoryExtractor, "HomeDomain/Library/Safari/History.db", b"SQLite format 3\x00")[0]


def test_tabs() -> None:
    db, _ = tabs_db()
    artifacts, warnings = run_extractor(IosSafariTabsExtractor, db, TABS)
    assert warnings == []
    assert len(artifacts) == query(db, "SELECT count(*) FROM tabs")[0][0] == 2
    assert artifacts[0].type == "ios.safari.tab"
    assert artifacts[0].data == {
        "table": "tabs", "row_id": 1, "recovered": "", "url": "https://www.example.com/forecast?port=pos",
        "title": "Marine forecast", "last_viewed": "2023-04-01T06:30:00.750000Z", "private": False, "order": 0,
        "window": "WIN-1", "uuid": "TAB-1"}
    assert artifacts[0].times == [("Safari tab last viewed (iOS)", "2023-04-01T06:30:00.750000Z")]
    assert artifacts[1].data["private"] is True
