"""ios.apps: FrontBoard applicationState.db, and a backup's Info.plist / Manifest.plist."""

from __future__ import annotations

from forensic_triage.plugins.ios_apps import IosApplicationsExtractor
from helpers import run_extractor, selects

from tests.helpers.ios_builders import APPS, appstate_db, backup_info_plist, backup_manifest_plist, query

STATE = "private/var/mobile/Library/FrontBoard/applicationState.db"


def test_inputs() -> None:
    assert selects(IosApplicationsExtractor, STATE)[0]
    assert selects(IosApplicationsExtractor, "HomeDomain/Library/FrontBoard/applicationState.db")[0]
    assert selects(IosApplicationsExtractor, "Info.plist")[0] and selects(IosApplicationsExtractor, "Manifest.plist")[0]
    assert not selects(IosApplicationsExtractor, "private/var/containers/Bundle/Application/X/A.app/Info.plist")[0]


def test_application_state_database() -> None:
    db, _ = appstate_db()
    artifacts, warnings = run_extractor(IosApplicationsExtractor, db, STATE)
    assert warnings == []
    assert len(artifacts) == query(db, "SELECT count(*) FROM application_identifier_tab")[0][0] == len(APPS)
    assert artifacts[1].type == "ios.application"
    assert artifacts[1].data == {
        "table": "application_identifier_tab", "row_id": 2, "recovered": "", "bundle_id": "net.whatsapp.WhatsApp",
        "name": None, "version": None, "bundle_path": APPS[1][1], "sandbox_path": APPS[1][2],
        "source": "applicationState.db"}
    assert artifacts[0].data["bundle_path"] == "/Applications/MobileSafari.app"
    assert artifacts[0].data["sandbox_path"] is None


def test_backup_plists() -> None:
    info, warnings = run_extractor(IosApplicationsExtractor, backup_info_plist(), "Info.plist")
    assert warnings == []
    assert [(a.data["bundle_id"], a.data["name"], a.data["version"], a.data["source"]) for a in info] == [
        ("net.whatsapp.WhatsApp", "WhatsApp Messenger", "23.7.0", "Info.plist Installed Applications"),
        ("com.example.notes", "Notes Pro", "2.1", "Info.plist Installed Applications")]
    manifest, warnings = run_extractor(IosApplicationsExtractor, backup_manifest_plist(), "Manifest.plist")
    assert warnings == []
    assert {(a.data["bundle_id"], a.data["version"], a.data["bundle_path"]) for a in manifest} == {
        ("net.whatsapp.WhatsApp", "23.7.0.75", "/var/containers/Bundle/Application/5E0A/WhatsApp.app"),
        ("com.example.maps", "5", "/var/containers/Bundle/Application/77AB/Maps.app")}


def test_damaged_plist_is_a_warning() -> None:
    data = backup_manifest_plist()
    artifacts, warnings = run_extractor(IosApplicationsExtractor, data[: len(data) // 2], "Manifest.plist")
    assert artifacts == [] and len(warnings) == 1 and "property list" in warnings[0].message
