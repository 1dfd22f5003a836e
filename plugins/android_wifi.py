"""Wi-Fi networks an Android device saved: WifiConfigStore.xml (Android 8+, text or ABX) and wpa_supplicant.conf (older)."""

from __future__ import annotations

import dataclasses
import json
import re
import urllib.parse
import xml.etree.ElementTree as ET  # noqa: S405 - trees come from android_xml.parse
from collections.abc import Iterator
from typing import BinaryIO, ClassVar

from forensic_triage.plugin_api import ExtractContext, Extractor, FileInfo, InputSpec, Record

from .android_common import android_globs, integer
from .android_xml import XmlError, parse

# WifiConfiguration.KeyMgmt bits (AllowedKeyMgmt), strongest first
KEY_MGMT = ((10, "SUITE_B_192"), (8, "SAE"), (9, "OWE"), (2, "WPA_EAP"), (3, "IEEE8021X"), (1, "WPA_PSK"),
            (0, "NONE"))
CONFIG_KEY_SUFFIX = re.compile(r'^".*"([A-Z0-9_]+)$', re.DOTALL)
MAX_NETWORKS = 10_000


@dataclasses.dataclass(frozen=True)
class WifiNetwork(Record):
    record_type: ClassVar[str] = "android.wifi.network"

    ssid: str | None
    security: str | None  # WPA_PSK, SAE, WPA_EAP, NONE (open), WEP...
    source: str  # WifiConfigStore.xml | wpa_supplicant.conf
    bssid: str | None
    hidden: bool | None
    creator_name: str | None  # app (package or android.uid.system) that saved the network
    creator_uid: int | None
    last_update_name: str | None
    has_ever_connected: bool | None
    most_recently_connected: bool | None  # Android 13+: the network the device joined last
    selection_status: str | None
    randomized_mac: str | None
    password_stored: bool  # a pre-shared key (or WEP key) is kept; never copied here
    creation_time_text: str | None  # CreationTime as Android wrote it (local clock, no year on older versions)
    priority: int | None  # wpa_supplicant.conf

    def summary(self) -> str:
        return f"Wi-Fi {self.ssid or '?'} ({self.security or '?'})"


def _values(section: ET.Element | None) -> dict[str, str | None]:
    """``<string|int|boolean|long|null|byte-array name="...">`` children as name -> text value."""
    out: dict[str, str | None] = {}
    if section is None:
        return out
    for child in section:
        name = child.get("name")
        if name is None:
            continue
        if child.tag == "null":
            out[name] = None
        elif child.tag in ("string", "byte-array"):
            out[name] = child.text or ""
        else:
            out[name] = child.get("value")
    return out


def _ssid(raw: str | None) -> str | None:
    if raw is None:
        return None
    return raw[1:-1] if len(raw) >= 2 and raw.startswith('"') and raw.endswith('"') else raw


def _security(values: dict[str, str | None]) -> str | None:
    match = CONFIG_KEY_SUFFIX.match(values.get("ConfigKey") or "")
    if match:
        return match.group(1)
    try:
        bits = int.from_bytes(bytes.fromhex(values.get("AllowedKeyMgmt") or ""), "little")
    except ValueError:
        return None
    if values.get("WEPKeys"):
        return "WEP"
    return next((name for bit, name in KEY_MGMT if bits >> bit & 1), None)


def _flag(value: str | None) -> bool | None:
    return None if value is None else value == "true"


def _from_store(ctx: ExtractContext, data: bytes) -> Iterator[WifiNetwork]:
    try:
        root = parse(data)
    except XmlError as exc:
        ctx.warn(f"WifiConfigStore.xml could not be read: {exc}.")
        return
    if root.tag != "WifiConfigStoreData":
        ctx.warn(f"The file's root element is <{root.tag}>, not <WifiConfigStoreData>: not a Wi-Fi store.")
        return
    for count, network in enumerate(root.iter("Network")):
        if count >= MAX_NETWORKS:
            ctx.warn(f"More than {MAX_NETWORKS} networks; the rest are not listed.")
            return
        config = _values(network.find("WifiConfiguration"))
        status = _values(network.find("NetworkStatus"))
        secrets = (config.get("PreSharedKey"), config.get("WEPKeys"))
        yield WifiNetwork(
            _ssid(config.get("SSID")), _security(config), "WifiConfigStore.xml", config.get("BSSID"),
            _flag(config.get("HiddenSSID")), config.get("CreatorName"), integer(config.get("CreatorUid")),
            config.get("LastUpdateName"), _flag(status.get("HasEverConnected")),
            _flag(config.get("IsMostRecentlyConnected")), status.get("SelectionStatus"),
            config.get("RandomizedMacAddress"),
            any(bool(s and s.strip(",")) for s in secrets) or network.find(".//EncryptedData") is not None,
            config.get("CreationTime"), None)


def _blocks(text: str) -> tuple[list[dict[str, str]], int]:
    """The ``network={...}`` blocks as key -> value, and how many were left open (cut short)."""
    blocks: list[dict[str, str]] = []
    current: dict[str, str] | None = None
    unclosed = 0
    for line in text.splitlines():
        line = line.strip()
        if line.replace(" ", "") == "network={":
            unclosed += current is not None
            current = {}
        elif current is None:
            continue
        elif line == "}":
            blocks.append(current)
            current = None
        else:
            key, sep, value = line.partition("=")
            if sep and not key.startswith("#"):
                current[key.strip()] = value.strip()
    return blocks, unclosed + (current is not None)


def _from_supplicant(ctx: ExtractContext, data: bytes) -> Iterator[WifiNetwork]:
    blocks, unclosed = _blocks(data.decode("utf-8", "replace"))
    if unclosed:
        ctx.warn(f"wpa_supplicant.conf has {unclosed} network={{...}} block(s) that never close (cut short?); "
                 "they are left out.")
    for fields in blocks[:MAX_NETWORKS]:
        creator: dict[str, str] = {}
        if fields.get("id_str"):  # Android: URL-encoded JSON with the creator's uid and the config key
            try:
                decoded = json.loads(urllib.parse.unquote(_ssid(fields["id_str"]) or ""))
                creator = decoded if isinstance(decoded, dict) else {}
            except ValueError:
                creator = {}
        mgmt = fields.get("key_mgmt", "").split() or ["WPA-PSK"]  # wpa_supplicant's default: WPA-PSK WPA-EAP
        security = "WEP" if fields.get("wep_key0") else ("NONE" if mgmt == ["NONE"] else mgmt[0].replace("-", "_"))
        yield WifiNetwork(
            _ssid(fields.get("ssid")), security, "wpa_supplicant.conf", fields.get("bssid"),
            fields.get("scan_ssid") == "1" if "scan_ssid" in fields else None, None,
            integer(creator.get("creatorUid")), None, None, None,
            "disabled" if fields.get("disabled") == "1" else None, None,
            bool(fields.get("psk") or fields.get("wep_key0") or fields.get("password")), None,
            integer(fields.get("priority")))


class AndroidWifiExtractor(Extractor):
    name = "android.wifi"
    version = "1.0"
    description = "Saved Wi-Fi networks (WifiConfigStore.xml, wpa_supplicant.conf): SSID, security, creator"
    references = ("https://cs.android.com/android/platform/superproject/+/main:packages/modules/Wifi/service/java/"
                  "com/android/server/wifi/util/XmlUtil.java",)
    inputs = InputSpec(
        globs=android_globs("misc/apexdata/com.android.wifi/WifiConfigStore.xml", "misc/wifi/WifiConfigStore.xml",
                            "misc/wifi/wpa_supplicant.conf"),
        max_size=32 * 1024 * 1024,
    )
    record_types = (WifiNetwork,)

    def extract(self, ctx: ExtractContext, stream: BinaryIO, file_info: FileInfo) -> Iterator[Record]:
        data = stream.read()
        if file_info.name.lower() == "wpa_supplicant.conf":
            yield from _from_supplicant(ctx, data)
        else:
            yield from _from_store(ctx, data)


EXTRACTORS = (AndroidWifiExtractor,)
