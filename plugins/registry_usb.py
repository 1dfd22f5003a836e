"""USB storage devices from the SYSTEM hive: ``Enum\\USBSTOR`` of the current control set.

Per device instance: vendor, product, revision (from the device key name), serial number (the
instance id), friendly name, the device property times kept under
``Properties\\{83da6326-97a6-4088-9453-a1923f573b29}`` (0064 first install, 0065 install,
0066 last arrival, 0067 last removal; Windows 7 has only 0064/0065) and the drive letter and
volume GUID that ``MountedDevices`` last gave it.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from typing import Any, BinaryIO, ClassVar

from forensic_triage.plugin_api import ExtractContext, Extractor, FileInfo, Record

from .registry_common import Hive, filetime_bytes, hive_inputs, key_name, key_time, open_hive, utf16z

DEVICE_PROPERTIES = "{83da6326-97a6-4088-9453-a1923f573b29}"
_TIMES = {"0064": "first_installed", "0065": "installed", "0066": "last_connected", "0067": "last_removed"}


@dataclasses.dataclass(frozen=True)
class UsbStorageDevice(Record):
    record_type: ClassVar[str] = "windows.usb_storage"
    time_fields: ClassVar[dict[str, str]] = {
        "first_installed": "USB storage first connected", "last_connected": "USB storage connected",
        "last_removed": "USB storage removed"}

    control_set: str
    device_type: str                    # Disk | CdRom | ...
    vendor: str | None
    product: str | None
    revision: str | None
    serial: str                         # instance id without the trailing '&N'
    serial_is_generated: bool           # Windows made it up: the device reported no serial
    friendly_name: str | None
    first_installed: str | None         # property 0064
    installed: str | None               # property 0065
    last_connected: str | None          # property 0066
    last_removed: str | None            # property 0067
    key_last_written: str | None
    drive_letter: str | None            # from MountedDevices (the last device given that letter)
    volume_guid: str | None

    def summary(self) -> str:
        letter = f" as {self.drive_letter}" if self.drive_letter else ""
        return f"USB storage {self.friendly_name or self.product or '?'} serial {self.serial}{letter}"


def split_device_name(name: str) -> dict[str, str | None]:
    """``Disk&Ven_HP&Prod_v100w&Rev_1024`` -> type Disk, vendor HP, product v100w, revision 1024."""
    parts = name.split("&")
    out: dict[str, str | None] = {"device_type": parts[0] or None, "vendor": None, "product": None, "revision": None}
    for part in parts[1:]:
        low = part.lower()
        for prefix, field in (("ven_", "vendor"), ("prod_", "product"), ("rev_", "revision")):
            if low.startswith(prefix):
                out[field] = part[len(prefix):] or None
    return out


def mounted_devices(hive: Hive) -> list[tuple[str, str]]:
    """(value name, device text) of every MountedDevices value whose data is a device path."""
    key = hive.key("MountedDevices")
    if key is None:
        return []
    found = []
    for value in hive.values(key, "MountedDevices"):
        try:
            name = str(value.name or "")
            data = bytes(value.data or b"")
        except OSError:
            continue
        if len(data) > 24 and data[1:2] == b"\x00":  # UTF-16 text (a GPT/MBR id is 12 or 24 bytes)
            found.append((name, utf16z(data)))
    return found


class UsbStorageExtractor(Extractor):
    name = "windows.registry.usb"
    version = "1.0"
    description = "USB storage devices (USBSTOR): vendor, product, serial, first/last connected, drive letter"
    references = (
        "https://github.com/libyal/winreg-kb/blob/main/docs/sources/system-keys/USB-storage.md",
        "https://www.sans.org/posters/windows-forensic-analysis/",
    )
    inputs = hive_inputs("SYSTEM")
    record_types = (UsbStorageDevice,)

    def extract(self, ctx: ExtractContext, stream: BinaryIO, file_info: FileInfo) -> Iterator[Record]:
        hive = open_hive(ctx, stream, self.inputs, file_info)
        if hive is not None:
            yield from hive.finish(self._records(ctx, hive))

    def _records(self, ctx: ExtractContext, hive: Hive) -> Iterator[Record]:
        cs = hive.control_set()
        if cs is None:
            return
        where = f"{cs}\\Enum\\USBSTOR"
        usbstor = hive.key(where)
        if usbstor is None:
            return
        mounts = mounted_devices(hive)
        for device in hive.subkeys(usbstor, where):
            device_name = key_name(device)
            parts = split_device_name(device_name)
            for instance in hive.subkeys(device, f"{where}\\{device_name}"):
                yield self._instance(hive, cs, device_name, parts, instance, mounts)

    def _instance(self, hive: Hive, cs: str, device_name: str, parts: dict[str, str | None], instance: Any,
                  mounts: list[tuple[str, str]]) -> UsbStorageDevice:
        instance_id = key_name(instance)
        base = f"{cs}\\Enum\\USBSTOR\\{device_name}\\{instance_id}"
        times: dict[str, str | None] = dict.fromkeys(_TIMES.values())
        props = hive.key(f"{base}\\Properties\\{DEVICE_PROPERTIES}")
        if props is not None:
            for prop in hive.subkeys(props, f"{base}\\Properties"):
                field = _TIMES.get(key_name(prop).lower()[-4:])
                if field is None:
                    continue
                # Windows 7 keeps the FILETIME in the 'Data' value of sub key 00000000; Windows 8
                # and later in the default value of the property key itself.
                holders = [prop, *hive.subkeys(prop, f"{base}\\Properties\\{key_name(prop)}")]
                for holder in holders:
                    data = hive.binary(holder, "Data") or hive.binary(holder, "")
                    if data:
                        times[field] = filetime_bytes(data)
                        break
        letter = guid = None
        needle = f"#{device_name}#{instance_id}#".lower()
        for name, text in mounts:
            if needle in text.lower().replace("\\", "#"):
                m = re.fullmatch(r"\\DosDevices\\([A-Za-z]:)", name)
                if m:
                    letter = m.group(1).upper()
                m = re.search(r"Volume(\{[0-9A-Fa-f-]+\})", name)
                if m:
                    guid = m.group(1).lower()
        serial = re.sub(r"&\d+$", "", instance_id)
        parts_typed = {k: parts[k] for k in ("vendor", "product", "revision")}
        return UsbStorageDevice(
            control_set=cs, device_type=parts["device_type"] or "", **parts_typed, serial=serial,
            serial_is_generated=len(instance_id) > 1 and instance_id[1] == "&",
            friendly_name=hive.string(instance, "FriendlyName"), **times,
            key_last_written=key_time(instance), drive_letter=letter, volume_guid=guid)


EXTRACTORS = (UsbStorageExtractor,)
