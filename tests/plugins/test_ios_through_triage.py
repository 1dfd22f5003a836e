"""iOS records through a real triage (an ext4 image holding a full file-system extraction's paths):
stored with their phone views, gathered by the report's phone section, exported as CASE that validates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from imagebuilders import build_ext4, require_tools

from forensic_triage.exports.case_uco import export_case
from forensic_triage.exports.phone_data import gather_phone
from forensic_triage.jobs.intake import add_evidence
from forensic_triage.jobs.settings import TriageSettings
from forensic_triage.jobs.triage import run_triage
from forensic_triage.store import CaseStore
from tests.helpers import ios_builders as b

MOBILE = "private/var/mobile/"


def _types(value: object, out: set[str]) -> set[str]:
    if isinstance(value, list):
        for item in value:
            _types(item, out)
    elif isinstance(value, dict):
        if isinstance(value.get("@type"), str):
            out.add(value["@type"])
        for v in value.values():
            _types(v, out)
    return out


@pytest.fixture(scope="module")
def ios_case(tmp_path_factory: pytest.TempPathFactory) -> Path:
    require_tools("mke2fs", "debugfs")
    folder = tmp_path_factory.mktemp("ios-triage")
    sms, wal = b.sms_db(delete="wal")
    assert wal
    tree = {MOBILE + "Library/SMS/sms.db": sms, MOBILE + "Library/SMS/sms.db-wal": wal,
            MOBILE + "Library/CallHistoryDB/CallHistory.storedata": b.calls_db()[0],
            MOBILE + "Library/AddressBook/AddressBook.sqlitedb": b.contacts_db()[0],
            MOBILE + "Media/PhotoData/Photos.sqlite": b.photos_db()[0],
            MOBILE + "Library/CoreDuet/Knowledge/knowledgeC.db": b.knowledgec_db()[0],
            MOBILE + "Library/FrontBoard/applicationState.db": b.appstate_db()[0],
            MOBILE + "Containers/Data/Application/0A1B2C3D/Library/Safari/BrowserState.db": b.tabs_db()[0],
            MOBILE + "Containers/Shared/AppGroup/2E3F4A5B/ChatStorage.sqlite": b.whatsapp_db()[0],
            "private/var/preferences/com.apple.wifi.known-networks.plist": b.wifi_known_networks_plist()}
    image = build_ext4(folder / "iphone-ffs.img", tree)
    store = CaseStore.create(folder / "case", case_number="IOS-1", examiner="tester")
    try:
        add_evidence(store, image, exhibit="PHONE-1")
        run_triage(store, TriageSettings(jobs=1, plugins=["ios.*"], builtin_rules=False, content_search=False))
    finally:
        store.close()
    return folder / "case"


def test_records_are_stored_with_their_source_row(ios_case: Path) -> None:
    with CaseStore.open(ios_case, read_only=True) as store:
        rows = store.query("SELECT type, data, locator FROM artifacts ORDER BY id")
        warnings = [w["message"] for w in store.query("SELECT message FROM warnings")]
    assert warnings == []
    counts: dict[str, int] = {}
    for r in rows:
        counts[r["type"]] = counts.get(r["type"], 0) + 1
    assert counts == {"ios.message": 6, "ios.call": 4, "ios.contact": 3, "ios.photo": 3, "ios.wifi.network": 2,
                      "ios.app_usage": 3, "ios.application": 2, "ios.safari.tab": 2, "ios.whatsapp.message": 4}
    messages = [(json.loads(r["data"]), r["locator"]) for r in rows if r["type"] == "ios.message"]
    # every record names its database (locator), table and row; the message deleted in the WAL is marked
    assert all(loc.endswith("Library/SMS/sms.db") and d["table"] == "message" for d, loc in messages)
    assert sorted((d["row_id"], d["recovered"]) for d, _ in messages) == [
        (1, ""), (2, ""), (3, ""), (4, "wal"), (5, ""), (6, "")]


def test_phone_section_uses_the_views(ios_case: Path) -> None:
    with CaseStore.open(ios_case, read_only=True) as store:
        summary = gather_phone(store)
    assert summary is not None
    assert ("message", "SMS", 2) in summary.counts and ("call", "FaceTime", 1) in summary.counts
    assert ("message", "WhatsApp", 4) in summary.counts
    assert ("contact", "Contacts", 3) in summary.counts and ("location", "ios.photo", 2) in summary.counts
    assert summary.recovered == 1
    ray = [p for p in summary.contacts if "18685550100" in "".join(ch for ch in p["party"] if ch.isdigit())]
    # one party whether written +18685550100 (SMS, calls) or 18685550100@s.whatsapp.net, named by the
    # contact's "+1 (868) 555-0100": SMS 1 sent 1 received, WhatsApp 2 sent 1 received, 2 calls
    assert len(ray) == 1 and ray[0]["name"] == "Ray Mohammed"
    assert (ray[0]["sent"], ray[0]["received"], ray[0]["calls_in"], ray[0]["calls_out"]) == (3, 2, 1, 1)
    assert ray[0]["applications"] == "Phone, SMS, WhatsApp"
    assert {(loc["latitude"], loc["longitude"]) for loc in summary.locations} == {(10.6549, -61.5019),
                                                                                  (51.5007, -0.1246)}


def test_case_export_maps_and_validates(ios_case: Path, tmp_path: Path) -> None:
    case_validate = pytest.importorskip("case_utils.case_validate")
    out = tmp_path / "ios.jsonld"
    with CaseStore.open(ios_case, read_only=True) as store:
        text = export_case(store, out)
    types = _types(json.loads(text)["@graph"], set())
    for expected in ("uco-observable:Message", "uco-observable:Call", "uco-observable:Contact",
                     "uco-location:Location", "uco-observable:PhoneAccount"):
        assert expected in types, expected
    result = case_validate.validate(str(out), case_version="case-1.5.0", allow_infos=False, allow_warnings=False)
    assert result.conforms, result.text[:4000]
