"""ios.knowledgec: knowledgeC.db written with the CoreDuet schema (ZOBJECT)."""

from __future__ import annotations

from forensic_triage.plugins.ios_knowledgec import IosKnowledgeCExtractor
from helpers import run_extractor, selects

from tests.helpers.ios_builders import knowledgec_db, query

FULL = "private/var/mobile/Library/CoreDuet/Knowledge/knowledgeC.db"
APP_STREAMS = "SELECT count(*) FROM ZOBJECT WHERE ZSTREAMNAME IN ('/app/inFocus', '/app/usage')"


def test_inputs() -> None:
    assert selects(IosKnowledgeCExtractor, FULL)[0]
    assert selects(IosKnowledgeCExtractor, "Library/CoreDuet/Knowledge/knowledgeC.db")[0]
    assert not selects(IosKnowledgeCExtractor, "private/var/mobile/Library/CoreDuet/People/interactionC.db")[0]


def test_app_usage_intervals() -> None:
    db, _ = knowledgec_db()
    artifacts, warnings = run_extractor(IosKnowledgeCExtractor, db, FULL)
    assert warnings == []
    assert len(artifacts) == query(db, APP_STREAMS)[0][0] == 3  # /device/isLocked is not app usage
    assert artifacts[0].type == "ios.app_usage"
    assert artifacts[0].data == {
        "table": "ZOBJECT", "row_id": 1, "recovered": "", "stream": "/app/inFocus", "bundle_id": "com.apple.MobileSMS",
        "start": "2023-04-01T10:20:00Z", "end": "2023-04-01T10:23:30Z", "duration_seconds": 210.0,
        "utc_offset_seconds": -14400, "created": "2023-04-01T10:23:31Z"}
    assert artifacts[1].data["start"] == "2023-04-01T12:00:00.500000Z" and artifacts[1].data["duration_seconds"] == 129.5
    assert artifacts[2].data["stream"] == "/app/usage"


def test_deleted_event_is_recovered_and_marked() -> None:
    db, _ = knowledgec_db(delete_first=True)
    artifacts, warnings = run_extractor(IosKnowledgeCExtractor, db, FULL)
    assert warnings == []
    assert len([a for a in artifacts if not a.data["recovered"]]) == query(db, APP_STREAMS)[0][0] == 2
    gone = [a.data for a in artifacts if a.data["recovered"]]
    assert [(g["recovered"], g["bundle_id"], g["start"]) for g in gone] == [
        ("freelist", "com.apple.MobileSMS", "2023-04-01T10:20:00Z")]
