"""Network profiles (wired, wireless, mobile) from the SOFTWARE hive's NetworkList, joined with
their signatures (default gateway MAC address, DNS suffix).

DateCreated and DateLastConnected are SYSTEMTIME values in the computer's **local** time, so
they are reported as written, without a zone (time basis 'local'): they go on the timeline only
when the examiner declares the evidence item's zone, labelled as resting on it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any, BinaryIO, ClassVar

from forensic_triage.plugin_api import ExtractContext, Extractor, FileInfo, Record

from .registry_common import Hive, hive_inputs, key_name, key_time, open_hive, systemtime_bytes

NETWORK_LIST = "Microsoft\\Windows NT\\CurrentVersion\\NetworkList"
NAME_TYPES = {0x06: "wired", 0x17: "mobile broadband", 0x47: "wireless", 0xF3: "mobile broadband"}
CATEGORIES = {0: "public", 1: "private", 2: "domain"}


@dataclasses.dataclass(frozen=True)
class NetworkProfile(Record):
    record_type: ClassVar[str] = "windows.network_profile"
    time_fields: ClassVar[dict[str, str]] = {
        "first_connected_local": "Network first connected (local clock)",
        "last_connected_local": "Network last connected (local clock)",
    }

    profile_guid: str
    name: str | None
    description: str | None
    network_type: str | None            # wired | wireless | mobile broadband
    category: str | None                # public | private | domain
    managed: bool | None
    first_connected_local: str | None   # local time of the computer, no zone
    last_connected_local: str | None
    gateway_mac: str | None
    dns_suffix: str | None
    key_last_written: str | None        # UTC

    def summary(self) -> str:
        return f"Network {self.name or self.profile_guid} ({self.network_type or '?'})"


class NetworkProfilesExtractor(Extractor):
    name = "windows.registry.network"
    version = "1.1"
    description = "Network profiles (NetworkList, SOFTWARE): name, type, first/last connected, gateway MAC"
    references = ("https://github.com/keydet89/RegRipper3.0/blob/master/plugins/networklist.pl",)
    inputs = hive_inputs("SOFTWARE")
    record_types = (NetworkProfile,)

    def extract(self, ctx: ExtractContext, stream: BinaryIO, file_info: FileInfo) -> Iterator[Record]:
        hive = open_hive(ctx, stream, self.inputs, file_info)
        if hive is not None:
            yield from hive.finish(self._records(ctx, hive))

    def _records(self, ctx: ExtractContext, hive: Hive) -> Iterator[Record]:
        where = f"{NETWORK_LIST}\\Profiles"
        profiles = hive.key(where)
        if profiles is None:
            return
        signatures = self._signatures(hive)
        for key in hive.subkeys(profiles, where):
            guid = key_name(key)
            sig = signatures.get(guid.lower(), {})
            kind = hive.integer(key, "NameType")
            category = hive.integer(key, "Category")
            managed = hive.integer(key, "Managed")
            yield NetworkProfile(
                profile_guid=guid, name=hive.string(key, "ProfileName"), description=hive.string(key, "Description"),
                network_type=NAME_TYPES.get(kind, hex(kind)) if kind is not None else None,
                category=CATEGORIES.get(category, str(category)) if category is not None else None,
                managed=bool(managed) if managed is not None else None,
                first_connected_local=systemtime_bytes(hive.binary(key, "DateCreated")),
                last_connected_local=systemtime_bytes(hive.binary(key, "DateLastConnected")),
                gateway_mac=sig.get("gateway_mac"), dns_suffix=sig.get("dns_suffix"), key_last_written=key_time(key))

    def _signatures(self, hive: Hive) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        for group in ("Managed", "Unmanaged"):
            where = f"{NETWORK_LIST}\\Signatures\\{group}"
            key = hive.key(where)
            if key is None:
                continue
            for sig in hive.subkeys(key, where):
                guid = hive.string(sig, "ProfileGuid")
                if not guid:
                    continue
                mac = hive.binary(sig, "DefaultGatewayMac")
                suffix = hive.string(sig, "DnsSuffix")
                out[guid.lower()] = {
                    "gateway_mac": ":".join(f"{b:02x}" for b in mac[:6]) if mac and len(mac) >= 6 else None,
                    "dns_suffix": suffix if suffix and suffix != "<none>" else None,
                }
        return out


EXTRACTORS = (NetworkProfilesExtractor,)
