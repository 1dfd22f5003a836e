"""iOS known Wi-Fi networks: com.apple.wifi.plist ("List of known networks", iOS 13 and earlier)
and com.apple.wifi.known-networks.plist (iOS 14 and later)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any, BinaryIO, ClassVar

from forensic_triage.model import FileInfo
from forensic_triage.plugin_api import ExtractContext, Extractor, InputSpec, Record

from .ios_common import globs, load_plist, plist_time, text

MAX_NETWORKS = 100_000


@dataclasses.dataclass(frozen=True)
class IosWifiNetwork(Record):
    record_type: ClassVar[str] = "ios.wifi.network"
    time_fields: ClassVar[dict[str, str]] = {"added": "Wi-Fi network added (iOS)",
                                             "last_joined": "Wi-Fi network joined by the user (iOS)",
                                             "last_auto_joined": "Wi-Fi network joined automatically (iOS)"}

    ssid: str | None
    bssids: tuple[str, ...]  # access points seen for the network
    security: str | None
    hidden: bool | None
    added: str | None
    last_joined: str | None  # lastJoined / JoinedByUserAt
    last_auto_joined: str | None  # lastAutoJoined / JoinedBySystemAt
    entry: str  # where in the property list: "List of known networks[3]" or the network's key

    def summary(self) -> str:
        return f"Wi-Fi network {self.ssid or '?'}" + (f" ({', '.join(self.bssids)})" if self.bssids else "")


def _ssid(value: Any) -> str | None:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else text(value)


def _legacy(networks: list[Any]) -> Iterator[IosWifiNetwork]:
    for i, n in enumerate(networks[:MAX_NETWORKS]):
        if not isinstance(n, dict):
            continue
        bssid = text(n.get("BSSID"))
        hidden = n.get("HIDDEN_NETWORK")
        yield IosWifiNetwork(ssid=text(n.get("SSID_STR")) or _ssid(n.get("SSID")), bssids=(bssid,) if bssid else (),
                             security=text(n.get("SecurityMode")), hidden=hidden if isinstance(hidden, bool) else None,
                             added=plist_time(n.get("addedAt")), last_joined=plist_time(n.get("lastJoined")),
                             last_auto_joined=plist_time(n.get("lastAutoJoined")),
                             entry=f"List of known networks[{i}]")


def _known(networks: dict[str, Any]) -> Iterator[IosWifiNetwork]:
    for key, n in list(networks.items())[:MAX_NETWORKS]:
        if not isinstance(n, dict):
            continue
        seen = [b for b in n.get("BSSList") or [] if isinstance(b, dict)]
        bssids = [text(b.get("BSSID")) for b in seen]
        raw = n.get("__OSSpecific__")
        specific: dict[str, Any] = raw if isinstance(raw, dict) else {}
        if not bssids and text(specific.get("BSSID")):
            bssids = [text(specific.get("BSSID"))]
        security = n.get("SupportedSecurityTypes")
        hidden = n.get("Hidden")
        yield IosWifiNetwork(ssid=_ssid(n.get("SSID")) or key.removeprefix("wifi.network.ssid."),
                             bssids=tuple(b for b in bssids if b),
                             security=str(security) if security is not None else None,
                             hidden=hidden if isinstance(hidden, bool) else None, added=plist_time(n.get("AddedAt")),
                             last_joined=plist_time(n.get("JoinedByUserAt")),
                             last_auto_joined=plist_time(n.get("JoinedBySystemAt")), entry=key)


class IosWifiExtractor(Extractor):
    name = "ios.wifi"
    version = "1.0"
    description = "iOS known Wi-Fi networks: SSID, BSSIDs, security, when added and last joined"
    references = ("https://github.com/abrignoni/iLEAPP/blob/main/scripts/artifacts/wifiKnownNetworks.py",)
    inputs = InputSpec(globs=globs("com.apple.wifi.plist", "com.apple.wifi.known-networks.plist"),
                       max_size=64 * 1024 * 1024)
    record_types = (IosWifiNetwork,)

    def extract(self, ctx: ExtractContext, stream: BinaryIO, file_info: FileInfo) -> Iterator[Record]:
        data = load_plist(ctx, stream.read(), file_info.name)
        if not isinstance(data, dict):
            if data is not None:
                ctx.warn("The property list is not a dictionary: not a Wi-Fi network list.")
            return
        if isinstance(data.get("List of known networks"), list):
            yield from _legacy(data["List of known networks"])
        else:
            yield from _known({k: v for k, v in data.items() if isinstance(k, str) and k.startswith("wifi.network.")})


EXTRACTORS = (IosWifiExtractor,)
