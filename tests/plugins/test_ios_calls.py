"""ios.calls: CallHistory.storedata written with the Core Data schema of iOS 15/16."""

from __future__ import annotations

from forensic_triage.plugins.ios_calls import IosCallsExtractor
from helpers import run_extractor, selects

from tests.helpers.ios_builders import CALLS, calls_db, query

BACKUP = "HomeDomain/Library/CallHistoryDB/CallHistory.storedata"


def test_inputs_both_path_shapes() -> None:
    assert selects(IosCallsExtractor, BACKUP)[0]
    assert selects(IosCallsExtractor, "private/var/mobile/Library/CallHistoryDB/CallHistory.storedata")[0]
    assert not selects(IosCallsExtractor, "HomeDomain/Library/CallHistoryDB/CallHistoryTemp.storedata")[0]


def test_calls_fields_direction_and_times() -> None:
    db, _ = calls_db()
    artifacts, warnings = run_extractor(IosCallsExtractor, db, BACKUP)
    assert warnings == []
    assert len(artifacts) == query(db, "SELECT count(*) FROM ZCALLRECORD")[0][0] == len(CALLS)
    assert artifacts[0].type == "ios.call"
    assert artifacts[0].data == {
        "table": "ZCALLRECORD", "row_id": 1, "recovered": "", "application": "Phone", "call_type": "Phone",
        "direction": "incoming", "party": "+18685550100", "name": "Ray", "date": "2023-04-01T09:15:00.250000Z",
        "duration_seconds": 125.5, "country": "tt", "location": "Trinidad and Tobago", "unique_id": "C-1",
        "phone": {"role": "call", "application": "Phone", "direction": "incoming", "party": "+18685550100",
                  "time": "2023-04-01T09:15:00.250000Z", "duration_seconds": 126}}
    assert artifacts[0].times == [("Phone call (iOS call history)", "2023-04-01T09:15:00.250000Z")]
    got = [(a.data["application"], a.data["call_type"], a.data["direction"]) for a in artifacts]
    assert got == [("Phone", "Phone", "incoming"), ("Phone", "Phone", "missed"),
                   ("FaceTime", "FaceTime video", "outgoing"), ("WhatsApp", "Phone", "outgoing")]
    assert artifacts[2].data["party"] == "friend@example.com"  # ZADDRESS is a BLOB holding text


def test_deleted_call_is_recovered_and_marked() -> None:
    db, _ = calls_db(delete_last=True)
    artifacts, warnings = run_extractor(IosCallsExtractor, db, BACKUP)
    assert warnings == []
    live = [a.data for a in artifacts if not a.data["recovered"]]
    assert len(live) == query(db, "SELECT count(*) FROM ZCALLRECORD")[0][0] == len(CALLS) - 1
    gone = [a.data for a in artifacts if a.data["recovered"]]
    assert [(g["recovered"], g["unique_id"], g["date"], g["duration_seconds"]) for g in gone] == [
        ("freelist", "C-4", "2023-04-03T07:45:10Z", 42.0)]
