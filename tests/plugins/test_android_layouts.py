"""The same Android records whatever holds /data: the userdata partition (ext4), a TAR of /data
(``data/data/...``) or a ZIP from an extraction tool with a top folder (``Dump/data/data/...``).

Path matching is checked for the three layouts at the plugin level (the same bytes at each path give
the same records); an ext4 image built with ``mke2fs -d`` goes through the real intake and triage.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
from fixtures_browser import chrome_history
from forensic_triage.plugins.browser_chrome import ChromeHistoryExtractor, browser_name
from helpers import run_extractor, selects
from imagebuilders import build_ext4

from forensic_triage.exports.case_uco import export_case
from forensic_triage.exports.phone_data import gather_phone
from forensic_triage.extractors import load_registry
from forensic_triage.jobs.intake import add_evidence
from forensic_triage.jobs.settings import TriageSettings
from forensic_triage.jobs.triage import run_triage
from forensic_triage.plugin_api import Extractor
from forensic_triage.store import CaseStore

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "helpers"))
import android_builders as ab  # noqa: E402

LAYOUTS = {**ab.DATA_PREFIX, "zip-fs": "fs/data/"}
ANDROID = "android.*"


def _android() -> list[type[Extractor]]:
    return [e for e in load_registry(include_entry_points=False).extractors if e.name.startswith("android.")]


def _records(tree: dict[str, bytes], prefix: str) -> list[tuple[str, str, str]]:
    """(path below /data, type, data as JSON) of every record the android extractors give at ``prefix``."""
    out = []
    for rel, data in sorted(tree.items()):
        chosen = [e for e in _android() if selects(e, prefix + rel, data)[0]]
        assert chosen, f"no extractor selects {prefix + rel}"
        for cls in chosen:
            arts, warnings = run_extractor(cls, data, prefix + rel)
            assert not [w for w in warnings if "not decoded" not in w.message], (rel, warnings)
            out += [(rel, a.type, json.dumps(a.data, sort_keys=True)) for a in arts]
    return out


def test_every_layout_gives_the_same_records() -> None:
    tree = ab.data_tree()
    reference = _records(tree, LAYOUTS["ext4"])
    assert {t for _, t, _ in reference} == {"android.message", "android.call", "android.account", "android.package",
                                            "android.wifi.network", "android.telegram.message",
                                            "android.telegram.user", "android.telegram.dialog", "android.maps.location"}
    for layout, prefix in LAYOUTS.items():
        assert _records(tree, prefix) == reference, layout


@pytest.mark.parametrize("prefix", ["", "data/", "Dump/data/", "fs/data/"])
def test_existing_extractors_select_every_layout(prefix: str) -> None:
    names = {e.name: e for e in _android()}
    for name, rel in (("android.sms", "data/com.android.providers.telephony/databases/mmssms.db"),
                      ("android.sms", "user_de/0/com.android.providers.telephony/databases/mmssms.db"),
                      ("android.calls", "user_de/0/com.android.providers.contacts/databases/calllog.db"),
                      ("android.calls", "data/com.android.providers.contacts/databases/contacts2.db"),
                      ("android.contacts", "user/0/com.android.providers.contacts/databases/contacts2.db"),
                      ("android.whatsapp", "data/com.whatsapp/databases/msgstore.db"),
                      ("android.whatsapp", "user/0/com.whatsapp.w4b/databases/msgstore.db")):
        assert selects(names[name], prefix + rel)[0], (name, prefix + rel)


def test_chrome_on_android_is_selected_and_named(tmp_path: Path) -> None:
    history, _ = chrome_history(tmp_path)
    results = []
    for prefix in ("", "data/", "Dump/data/", "fs/data/"):
        path = prefix + "data/com.android.chrome/app_chrome/Default/History"
        assert selects(ChromeHistoryExtractor, path, history)[0]
        assert browser_name(path) == "Chrome (Android)"
        arts, warnings = run_extractor(ChromeHistoryExtractor, history, path)
        assert warnings == [] and arts
        assert {(a.data["browser"], a.data["profile"]) for a in arts} == {("Chrome (Android)", "Default")}
        results.append([(a.type, a.data) for a in arts])
    assert all(r == results[0] for r in results)


def _stored(store: CaseStore) -> list[tuple[str, str, str]]:
    rows = store.query("SELECT a.type, a.data, f.path FROM artifacts a JOIN files f ON f.id = a.file_id "
                       "ORDER BY f.path, a.id")
    return [(str(r["path"]).lstrip("/"), str(r["type"]), json.dumps(json.loads(r["data"]), sort_keys=True))
            for r in rows]


def test_ext4_userdata_image_end_to_end(tmp_path: Path) -> None:
    tree = ab.data_tree()
    image = build_ext4(tmp_path / "userdata.img", tree, size_mb=8, label="userdata")
    store = CaseStore.create(tmp_path / "case", case_number="A-1", examiner="tester")
    try:
        add_evidence(store, image)
        run_triage(store, TriageSettings(jobs=1, plugins=[ANDROID], builtin_rules=False, content_search=False))
        stored = _stored(store)
        warnings = [str(w["message"]) for w in store.query("SELECT message FROM warnings")]
        phone = store.findings.phone_records()
        summary = gather_phone(store)
        case_text = export_case(store, tmp_path / "case.jsonld")
    finally:
        store.close()
    expected = _records(tree, "")
    assert sorted(stored) == sorted(expected)
    # every record names its database file, table and row (the phone records)
    for path, rtype, data in stored:
        record: dict[str, Any] = json.loads(data)
        if rtype in ("android.message", "android.call", "android.account", "android.telegram.message"):
            assert record["table"] and path.endswith(".db")
            assert record["row_id"] is not None or record["recovered"] == "freelist"  # a carved rowid may be lost
    assert [w for w in warnings if "android" in w.lower() and "not decoded" not in w] == []
    # the phone views reach the report's phone section (the deleted call marked) and the CASE export
    assert summary is not None and summary.recovered == 1
    assert [t["party"] for t in summary.timeline if t["recovered"]] == ["+15551230003"]
    counts = {(role, app): n for role, app, n in summary.counts}
    assert counts[("call", "Phone")] == len(ab.CALLS) and counts[("message", "SMS")] == len(ab.SMS)
    assert [(loc["latitude"], loc["longitude"]) for loc in summary.locations] == [(40.712776, -74.005974)]
    roles = {(r["phone"]["role"], r["phone"].get("application")) for r in phone}
    assert {("message", "SMS"), ("message", "Telegram"), ("call", "Phone"), ("account", "com.google"),
            ("contact", "Telegram"), ("location", None)} <= roles
    for uco_type in ("uco-observable:Message", "uco-observable:Call", "uco-observable:ApplicationAccount",
                     "uco-location:Location"):
        assert f'"{uco_type}"' in case_text, uco_type
    case_validate = pytest.importorskip("case_utils.case_validate")
    result = case_validate.validate(str(tmp_path / "case.jsonld"), case_version="case-1.5.0", allow_infos=False,
                                    allow_warnings=False)
    assert result.conforms, result.text[:4000]
