"""android.wifi: WifiConfigStore.xml as Android writes it (text and ABX), wpa_supplicant.conf."""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from forensic_triage.plugins.android_wifi import AndroidWifiExtractor
from helpers import run_extractor, selects

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "helpers"))
import android_builders as ab  # noqa: E402

STORE = "data/misc/apexdata/com.android.wifi/WifiConfigStore.xml"


def test_inputs_every_layout() -> None:
    for prefix in ("", "data/", "Dump/data/", "fs/data/"):
        assert selects(AndroidWifiExtractor, prefix + "misc/apexdata/com.android.wifi/WifiConfigStore.xml")[0]
        assert selects(AndroidWifiExtractor, prefix + "misc/wifi/WifiConfigStore.xml")[0]
        assert selects(AndroidWifiExtractor, prefix + "misc/wifi/wpa_supplicant.conf")[0]
    assert not selects(AndroidWifiExtractor, "data/misc/wifi/softap.conf")[0]


def test_wifi_config_store() -> None:
    arts, warnings = run_extractor(AndroidWifiExtractor, ab.WIFI_CONFIG_STORE, STORE)
    assert warnings == []
    assert len(arts) == ab.WIFI_CONFIG_STORE.count(b"<Network>") == 2
    assert arts[0].type == "android.wifi.network"
    assert arts[0].data == {
        "ssid": "HarbourNet", "security": "WPA_PSK", "source": "WifiConfigStore.xml", "bssid": None,
        "hidden": False, "creator_name": "android.uid.system:1000", "creator_uid": 1000,
        "last_update_name": "android.uid.system:1000", "has_ever_connected": True, "most_recently_connected": True,
        "selection_status": "NETWORK_SELECTION_ENABLED", "randomized_mac": "6e:11:22:33:44:55",
        "password_stored": True, "creation_time_text": None, "priority": None,
    }
    assert "dock-9-secret" not in str(arts[0].data)  # the key itself is never copied
    cafe = arts[1].data
    assert (cafe["ssid"], cafe["security"], cafe["creator_name"], cafe["password_stored"],
            cafe["has_ever_connected"]) == ("Cafe Guest", "NONE", "com.example.wifiapp", False, False)


def test_wifi_config_store_in_binary_xml() -> None:
    data = ab.abx(ET.fromstring(ab.WIFI_CONFIG_STORE))
    arts, warnings = run_extractor(AndroidWifiExtractor, data, STORE)
    text_arts, _ = run_extractor(AndroidWifiExtractor, ab.WIFI_CONFIG_STORE, STORE)
    assert warnings == [] and [a.data for a in arts] == [a.data for a in text_arts]


def test_wpa_supplicant_conf() -> None:
    arts, warnings = run_extractor(AndroidWifiExtractor, ab.WPA_SUPPLICANT, "data/misc/wifi/wpa_supplicant.conf")
    assert warnings == []
    assert [(a.data["ssid"], a.data["security"], a.data["priority"], a.data["password_stored"],
             a.data["creator_uid"], a.data["selection_status"]) for a in arts] == [
        ("OldOffice", "WPA_PSK", 3, True, 1000, None), ("Airport_Free", "NONE", 1, False, None, "disabled")]


@pytest.mark.parametrize("data", [ab.WIFI_CONFIG_STORE[:300], b"<WifiConfigStore/>", b"\x89PNG\r\n"])
def test_malformed_store_is_a_warning(data: bytes) -> None:
    arts, warnings = run_extractor(AndroidWifiExtractor, data, STORE)
    assert arts == [] and len(warnings) == 1 and warnings[0].kind == "warning"


def test_cut_short_wpa_supplicant_conf_keeps_complete_blocks_and_warns() -> None:
    cut = ab.WPA_SUPPLICANT[: ab.WPA_SUPPLICANT.index(b"Airport_Free")]
    for data in (cut, cut + b"\nnetwork={\n\tssid=\"Empty\"\n\tkey_mgmt=\n}\n"):
        arts, warnings = run_extractor(AndroidWifiExtractor, data, "data/misc/wifi/wpa_supplicant.conf")
        assert len(warnings) == 1 and "never close" in warnings[0].message
    assert [(a.data["ssid"], a.data["security"]) for a in arts] == [("OldOffice", "WPA_PSK"), ("Empty", "WPA_PSK")]
