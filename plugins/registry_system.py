"""System information from the SYSTEM hive (computer name, time zone, last shutdown) and the
SOFTWARE hive (product name, version and build, install date, registered owner)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import BinaryIO, ClassVar

from forensic_triage.plugin_api import ExtractContext, Extractor, FileInfo, Record
from forensic_triage.timeutil import unix_iso

from .registry_common import Hive, filetime_bytes, filetime_int, hive_inputs, open_hive


@dataclasses.dataclass(frozen=True)
class SystemInfo(Record):
    """What one hive says about the installation (fields the hive does not hold are None)."""

    record_type: ClassVar[str] = "windows.system_info"
    time_fields: ClassVar[dict[str, str]] = {"last_shutdown": "System shut down",
                                             "install_date": "Windows installed"}

    hive: str                           # SYSTEM | SOFTWARE
    control_set: str | None             # SYSTEM: the current control set
    computer_name: str | None
    time_zone: str | None               # TimeZoneKeyName, else StandardName
    time_zone_bias_minutes: int | None  # UTC = local + bias (Windows' sign convention)
    active_time_bias_minutes: int | None
    last_shutdown: str | None
    product_name: str | None
    edition: str | None
    display_version: str | None         # e.g. 22H2 (ReleaseId on older Windows 10)
    current_version: str | None         # e.g. 6.3
    build: str | None                   # CurrentBuildNumber[.UBR]
    install_date: str | None
    registered_owner: str | None
    registered_organization: str | None
    product_id: str | None
    system_root: str | None

    def summary(self) -> str:
        if self.hive == "SYSTEM":
            return f"Computer {self.computer_name or '?'}, time zone {self.time_zone or '?'}"
        return f"{self.product_name or 'Windows'} build {self.build or '?'}, owner {self.registered_owner or '?'}"


def _signed(value: int | None) -> int | None:
    if value is None:
        return None
    return value - (1 << 32) if value >= 1 << 31 else value


class SystemInfoExtractor(Extractor):
    name = "windows.registry.system"
    version = "1.0"
    description = "System information: computer name, time zone, last shutdown (SYSTEM); product, build, " \
                  "install date, registered owner (SOFTWARE)"
    references = (
        "https://github.com/libyal/winreg-kb/blob/main/docs/sources/system-keys/Time-zones.md",
        "https://github.com/keydet89/RegRipper3.0/blob/master/plugins/winver.pl",
    )
    inputs = hive_inputs("SYSTEM", "SOFTWARE")
    record_types = (SystemInfo,)

    def extract(self, ctx: ExtractContext, stream: BinaryIO, file_info: FileInfo) -> Iterator[Record]:
        hive = open_hive(ctx, stream, self.inputs, file_info)
        if hive is not None:
            yield from hive.finish(self._records(ctx, hive))

    def _records(self, ctx: ExtractContext, hive: Hive) -> Iterator[Record]:
        control_set = hive.control_set()
        if control_set is not None:
            yield self._system(hive, control_set)
        current = hive.key("Microsoft\\Windows NT\\CurrentVersion")
        if current is not None:
            yield self._software(hive, current)

    def _system(self, hive: Hive, cs: str) -> SystemInfo:
        name_key = hive.key(f"{cs}\\Control\\ComputerName\\ComputerName")
        tz = hive.key(f"{cs}\\Control\\TimeZoneInformation")
        windows = hive.key(f"{cs}\\Control\\Windows")
        tz_name = None
        if tz is not None:
            tz_name = hive.string(tz, "TimeZoneKeyName") or hive.string(tz, "StandardName")
        return SystemInfo(
            hive="SYSTEM", control_set=cs,
            computer_name=hive.string(name_key, "ComputerName") if name_key is not None else None,
            time_zone=tz_name,
            time_zone_bias_minutes=_signed(hive.integer(tz, "Bias")) if tz is not None else None,
            active_time_bias_minutes=_signed(hive.integer(tz, "ActiveTimeBias")) if tz is not None else None,
            last_shutdown=filetime_bytes(hive.binary(windows, "ShutdownTime")) if windows is not None else None,
            product_name=None, edition=None, display_version=None, current_version=None, build=None,
            install_date=None, registered_owner=None, registered_organization=None, product_id=None,
            system_root=None)

    def _software(self, hive: Hive, key: object) -> SystemInfo:
        build = hive.string(key, "CurrentBuildNumber") or hive.string(key, "CurrentBuild")
        ubr = hive.integer(key, "UBR")
        if build and ubr is not None:
            build = f"{build}.{ubr}"
        install = filetime_int(hive.integer(key, "InstallTime")) if hive.value(key, "InstallTime") else None
        if install is None:
            install = unix_iso(hive.integer(key, "InstallDate"))
        return SystemInfo(
            hive="SOFTWARE", control_set=None, computer_name=None, time_zone=None, time_zone_bias_minutes=None,
            active_time_bias_minutes=None, last_shutdown=None,
            product_name=hive.string(key, "ProductName"), edition=hive.string(key, "EditionID"),
            display_version=hive.string(key, "DisplayVersion") or hive.string(key, "ReleaseId"),
            current_version=hive.string(key, "CurrentVersion"), build=build, install_date=install,
            registered_owner=hive.string(key, "RegisteredOwner"),
            registered_organization=hive.string(key, "RegisteredOrganization"),
            product_id=hive.string(key, "ProductId"), system_root=hive.string(key, "SystemRoot"))


EXTRACTORS = (SystemInfoExtractor,)
