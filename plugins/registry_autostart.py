"""Autostart entries: Run / RunOnce keys (SOFTWARE and each NTUSER.DAT, both registry views,
plus the policy Run key) and services with their image path and start type (SYSTEM)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import BinaryIO, ClassVar

from forensic_triage.plugin_api import ExtractContext, Extractor, FileInfo, Record

from .registry_common import Hive, hive_inputs, key_name, key_time, open_hive, value_text

_RUN = ("Run", "RunOnce", "RunOnceEx", "RunServices", "RunServicesOnce", "Policies\\Explorer\\Run")
RUN_KEYS = tuple(
    [("SOFTWARE", "HKLM\\Software", f"{view}Microsoft\\Windows\\CurrentVersion\\{run}")
     for view in ("", "WOW6432Node\\") for run in _RUN]
    + [("NTUSER", "HKCU\\Software", f"Software\\{view}Microsoft\\Windows\\CurrentVersion\\{run}")
       for view in ("", "WOW6432Node\\") for run in _RUN]
)
START_TYPES = {0: "boot", 1: "system", 2: "automatic", 3: "manual", 4: "disabled"}
SERVICE_TYPES = {0x1: "kernel driver", 0x2: "file system driver", 0x4: "adapter", 0x8: "recognizer driver",
                 0x10: "own process", 0x20: "shared process", 0x50: "user own process",
                 0x60: "user shared process", 0x110: "own process (interactive)",
                 0x120: "shared process (interactive)"}


@dataclasses.dataclass(frozen=True)
class AutostartEntry(Record):
    record_type: ClassVar[str] = "windows.autostart"
    time_fields: ClassVar[dict[str, str]] = {"key_last_written": "Autostart key written"}

    hive: str                           # SOFTWARE | NTUSER
    user: str | None
    location: str                       # HKLM\Software\...\Run
    name: str
    command: str | None
    key_last_written: str | None

    def summary(self) -> str:
        return f"Autostart {self.name}: {self.command}"


@dataclasses.dataclass(frozen=True)
class ServiceEntry(Record):
    record_type: ClassVar[str] = "windows.service"

    control_set: str
    name: str
    display_name: str | None
    image_path: str | None
    start_type: str | None              # boot | system | automatic | manual | disabled
    service_type: str | None
    account: str | None                 # ObjectName
    service_dll: str | None             # Parameters\ServiceDll (svchost services)
    description: str | None
    key_last_written: str | None

    def summary(self) -> str:
        return f"Service {self.name} ({self.start_type or '?'}): {self.image_path or ''}"


class AutostartExtractor(Extractor):
    name = "windows.registry.autostart"
    version = "1.0"
    description = "Autostart entries: Run/RunOnce (SOFTWARE, NTUSER.DAT) and services with image path (SYSTEM)"
    references = (
        "https://attack.mitre.org/techniques/T1547/001/",
        "https://learn.microsoft.com/en-us/windows-hardware/drivers/install/hklm-system-currentcontrolset-services-registry-tree",
    )
    inputs = hive_inputs("SOFTWARE", "NTUSER.DAT", "SYSTEM")
    record_types = (AutostartEntry, ServiceEntry)

    def extract(self, ctx: ExtractContext, stream: BinaryIO, file_info: FileInfo) -> Iterator[Record]:
        hive = open_hive(ctx, stream, self.inputs, file_info)
        if hive is not None:
            yield from hive.finish(self._records(ctx, hive))

    def _records(self, ctx: ExtractContext, hive: Hive) -> Iterator[Record]:
        for kind, prefix, path in RUN_KEYS:
            key = hive.key(path)
            if key is None:
                continue
            location = prefix + path[len("Software"):] if kind == "NTUSER" else f"{prefix}\\{path}"
            written = key_time(key)
            for value in hive.values(key, path):
                try:
                    name = str(value.name or "(default)")
                except OSError:
                    name = "(unreadable name)"
                yield AutostartEntry(hive=kind, user=ctx.user if kind == "NTUSER" else None, location=location,
                                     name=name, command=value_text(value), key_last_written=written)
        cs = hive.control_set()
        if cs is not None:
            yield from self._services(hive, cs)

    def _services(self, hive: Hive, cs: str) -> Iterator[ServiceEntry]:
        where = f"{cs}\\Services"
        services = hive.key(where)
        if services is None:
            return
        for key in hive.subkeys(services, where):
            name = key_name(key)
            image = hive.string(key, "ImagePath")
            kind = hive.integer(key, "Type")
            if image is None and kind is None:
                continue  # a settings key (e.g. an event-log source), not a service
            start = hive.integer(key, "Start")
            params = hive.key(f"{where}\\{name}\\Parameters")
            yield ServiceEntry(
                control_set=cs, name=name, display_name=hive.string(key, "DisplayName"), image_path=image,
                start_type=START_TYPES.get(start, str(start)) if start is not None else None,
                service_type=SERVICE_TYPES.get(kind, hex(kind)) if kind is not None else None,
                account=hive.string(key, "ObjectName"),
                service_dll=hive.string(params, "ServiceDll") if params is not None else None,
                description=hive.string(key, "Description"), key_last_written=key_time(key))


EXTRACTORS = (AutostartExtractor,)
