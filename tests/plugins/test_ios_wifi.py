"""ios.wifi: com.apple.wifi.plist (iOS 13 and earlier) and com.apple.wifi.known-networks.plist (iOS 14+)."""

from __future__ import annotations

from forensic_triage.plugins.ios_wifi import IosWifiExtractor
from helpers import run_extractor, selects

from tests.helpers.ios_builders import wifi_known_networks_plist, wifi_legacy_plist

LEGACY = "SystemPreferencesDomain/SystemConfiguration/com.apple.wifi.plist"
KNOWN = "private/var/preferences/com.apple.wifi.known-networks.plist"


def test_inputs() -> None:
    assert selects(IosWifiExtractor, LEGACY)[0] and selects(IosWifiExtractor, KNOWN)[0]
    assert selects(IosWifiExtractor, "private/var/preferences/SystemConfiguration/com.apple.wifi.plist")[0]
    assert not selects(IosWifiExtractor, "SystemPreferencesDomain/SystemConfiguration/preferences.plist")[0]


def test_legacy_list() -> None:
    artifacts, warnings = run_extractor(IosWifiExtractor, wifi_legacy_plist(), LEGACY)
    assert warnings == []
    assert len(artifacts) == 2 and artifacts[0].type == "ios.wifi.network"
    assert artifacts[0].data == {
        "ssid": "MarinaGuest", "bssids": ["a4:2b:b0:11:22:33"], "security": "WPA2 Personal", "hidden": False,
        "added": "2022-12-24T18:00:00Z", "last_joined": "2023-04-01T09:00:05Z",
        "last_auto_joined": "2023-04-02T07:30:00Z", "entry": "List of known networks[0]"}
    assert artifacts[1].data["hidden"] is True and artifacts[1].data["last_joined"] is None


def test_known_networks() -> None:
    artifacts, warnings = run_extractor(IosWifiExtractor, wifi_known_networks_plist(), KNOWN)
    assert warnings == []
    by_ssid = {a.data["ssid"]: a.data for a in artifacts}
    assert set(by_ssid) == {"MarinaGuest", "HomeNet"}
    marina = by_ssid["MarinaGuest"]
    assert marina["bssids"] == ["a4:2b:b0:11:22:33", "a4:2b:b0:11:22:34"]
    assert (marina["added"], marina["last_joined"], marina["last_auto_joined"]) == (
        "2022-12-24T18:00:00Z", "2023-04-01T09:00:05Z", "2023-04-02T07:30:00Z")
    assert marina["entry"] == "wifi.network.ssid.MarinaGuest"
    assert by_ssid["HomeNet"]["bssids"] == ["f0:9f:c2:aa:bb:cc"]  # from __OSSpecific__ when no BSSList


def test_not_a_plist_is_a_warning() -> None:
    artifacts, warnings = run_extractor(IosWifiExtractor, b"\x00garbage" * 10, KNOWN)
    assert artifacts == [] and len(warnings) == 1
