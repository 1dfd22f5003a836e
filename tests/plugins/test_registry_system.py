"""SYSTEM hive: system information, USB storage devices, services (regipy's SYSTEM and a hive built here)."""

from __future__ import annotations

import lzma
import struct
from pathlib import Path

import pytest
from fixtures_regf import FILETIME_2024_03_01, Key, Value, build_hive, filetime
from forensic_triage.plugins.registry_autostart import AutostartExtractor
from forensic_triage.plugins.registry_system import SystemInfoExtractor
from forensic_triage.plugins.registry_usb import UsbStorageExtractor
from helpers import run_extractor, selects

SYSTEM_PATH = "Windows/System32/config/SYSTEM"


@pytest.fixture(scope="module")
def system_hive(corpus: Path) -> bytes:
    return lzma.decompress((corpus / "artifacts/registry/regipy/SYSTEM.xz").read_bytes())


def test_corpus_system_info(system_hive: bytes) -> None:
    versions: dict[str, str] = {}
    artifacts, warnings = run_extractor(SystemInfoExtractor, system_hive, SYSTEM_PATH, library_versions=versions)
    assert warnings == []
    assert versions["libregf"].isdigit()
    assert len(artifacts) == 1
    # regipy: ControlSet001 computer name WKS-WIN732BITA; TimeZoneInformation Bias 300, ActiveTimeBias 240.
    assert artifacts[0].data == {
        "hive": "SYSTEM", "control_set": "ControlSet001", "computer_name": "WKS-WIN732BITA",
        "time_zone": "Eastern Standard Time", "time_zone_bias_minutes": 300, "active_time_bias_minutes": 240,
        "last_shutdown": "2012-04-04T01:58:40.839249Z", "product_name": None, "edition": None,
        "display_version": None, "current_version": None, "build": None, "install_date": None,
        "registered_owner": None, "registered_organization": None, "product_id": None, "system_root": None,
    }
    assert artifacts[0].times == [("System shut down", "2012-04-04T01:58:40.839249Z")]
    assert artifacts[0].plugin == "windows.registry.system"


def test_corpus_usb(system_hive: bytes) -> None:
    artifacts, warnings = run_extractor(UsbStorageExtractor, system_hive, SYSTEM_PATH)
    assert warnings == []
    assert len(artifacts) == 1
    assert artifacts[0].data == {
        "control_set": "ControlSet001", "device_type": "Disk", "vendor": "HP", "product": "v100w", "revision": "1024",
        "serial": "AA951D0000007252", "serial_is_generated": False, "friendly_name": "HP v100w USB Device",
        "first_installed": "2011-04-01T04:52:38.686000Z", "installed": "2011-04-01T04:52:38.686000Z",
        "last_connected": None, "last_removed": None, "key_last_written": "2012-04-07T10:31:37.640871Z",
        "drive_letter": "E:", "volume_guid": "{eba74da6-5bb2-11e0-95d1-000c2971073c}",
    }


def test_corpus_services(system_hive: bytes) -> None:
    artifacts, warnings = run_extractor(AutostartExtractor, system_hive, SYSTEM_PATH)
    assert warnings == []
    assert {a.type for a in artifacts} == {"windows.service"}
    assert len(artifacts) == 416
    dhcp = next(a for a in artifacts if a.data["name"] == "Dhcp")
    assert dhcp.data == {
        "control_set": "ControlSet001", "name": "Dhcp", "display_name": "@%SystemRoot%\\system32\\dhcpcore.dll,-100",
        "image_path": "%SystemRoot%\\system32\\svchost.exe -k LocalServiceNetworkRestricted",
        "start_type": "automatic", "service_type": "shared process", "account": "NT Authority\\LocalService",
        "service_dll": "%SystemRoot%\\system32\\dhcpcore.dll",
        "description": "@%SystemRoot%\\system32\\dhcpcore.dll,-101", "key_last_written": "2009-07-14T04:39:43.386239Z",
    }
    tcpip = next(a for a in artifacts if a.data["name"] == "Tcpip")
    assert (tcpip.data["image_path"], tcpip.data["start_type"], tcpip.data["service_type"]) == (
        "System32\\drivers\\tcpip.sys", "boot", "kernel driver")
    assert tcpip.times == []  # services are listed, not put on the timeline


def _system_fixture() -> bytes:
    root = Key("CMI-CreateHive{TEST}")
    root.add("Select", Value.dword("Current", 2), Value.dword("Default", 2))
    root.add("ControlSet001\\Control\\ComputerName\\ComputerName", Value.sz("ComputerName", "OLD-NAME"))
    cs = "ControlSet002"
    root.add(f"{cs}\\Control\\ComputerName\\ComputerName", Value.sz("ComputerName", "DESKTOP-7Q1"))
    root.add(f"{cs}\\Control\\TimeZoneInformation", Value.dword("Bias", 0xFFFFFFC4),  # -60: UTC+1
             Value.dword("ActiveTimeBias", 0xFFFFFF88), Value.sz("TimeZoneKeyName", "W. Europe Standard Time"))
    root.add(f"{cs}\\Control\\Windows", Value.binary("ShutdownTime", struct.pack("<Q", FILETIME_2024_03_01)))
    device = f"{cs}\\Enum\\USBSTOR\\Disk&Ven_SanDisk&Prod_Cruzer_Blade&Rev_1.00\\4C530001230703113284&0"
    root.add(device, Value.sz("FriendlyName", "SanDisk Cruzer Blade USB Device"))
    props = f"{device}\\Properties\\{{83da6326-97a6-4088-9453-a1923f573b29}}"
    for prop, when in (("0064", 1709200000), ("0065", 1709200000), ("0066", 1709287200), ("0067", 1709290800)):
        root.add(f"{props}\\{prop}", Value("", 0xFFFF0010, struct.pack("<Q", filetime(when))))
    root.add(f"{cs}\\Enum\\USBSTOR\\Disk&Ven_&Prod_USB_DISK&Rev_PMAP\\7&2a3b4c5d&0")
    target = "_??_USBSTOR#Disk&Ven_SanDisk&Prod_Cruzer_Blade&Rev_1.00#4C530001230703113284&0#{53f56307-b6bf-11d0-94f2-00a0c91efb8b}"
    data = target.encode("utf-16-le")
    root.add("MountedDevices", Value.binary("\\DosDevices\\F:", data),
             Value.binary("\\??\\Volume{a1b2c3d4-0000-1111-2222-333344445555}", data),
             Value.binary("\\DosDevices\\C:", b"\x12\x34\x56\x78" + bytes(8)))
    root.add(f"{cs}\\Services\\EvilSvc", Value.sz("ImagePath", "C:\\ProgramData\\evil.exe", kind=2),
             Value.dword("Start", 2), Value.dword("Type", 0x10), Value.sz("ObjectName", "LocalSystem"),
             Value.sz("DisplayName", "Windows Update Helper"))
    root.add(f"{cs}\\Services\\EventLog\\Application\\Foo")  # not a service: no ImagePath, no Type
    return build_hive(root)


def test_fixture_system(tmp_path: Path) -> None:
    hive = _system_fixture()
    artifacts, warnings = run_extractor(SystemInfoExtractor, hive, SYSTEM_PATH)
    assert warnings == []
    assert len(artifacts) == 1
    data = artifacts[0].data
    assert (data["control_set"], data["computer_name"], data["time_zone"]) == (
        "ControlSet002", "DESKTOP-7Q1", "W. Europe Standard Time")
    assert (data["time_zone_bias_minutes"], data["active_time_bias_minutes"]) == (-60, -120)
    assert data["last_shutdown"] == "2024-03-01T10:00:00Z"


def test_fixture_usb(tmp_path: Path) -> None:
    artifacts, warnings = run_extractor(UsbStorageExtractor, _system_fixture(), SYSTEM_PATH)
    assert warnings == []
    assert len(artifacts) == 2
    generated = next(a for a in artifacts if a.data["product"] == "USB_DISK")
    assert generated.data["serial_is_generated"] is True and generated.data["vendor"] is None
    sandisk = next(a for a in artifacts if a.data["vendor"] == "SanDisk")
    assert sandisk.data == {
        "control_set": "ControlSet002", "device_type": "Disk", "vendor": "SanDisk", "product": "Cruzer_Blade",
        "revision": "1.00", "serial": "4C530001230703113284", "serial_is_generated": False,
        "friendly_name": "SanDisk Cruzer Blade USB Device", "first_installed": "2024-02-29T09:46:40Z",
        "installed": "2024-02-29T09:46:40Z", "last_connected": "2024-03-01T10:00:00Z",
        "last_removed": "2024-03-01T11:00:00Z", "key_last_written": "2024-03-01T10:00:00Z", "drive_letter": "F:",
        "volume_guid": "{a1b2c3d4-0000-1111-2222-333344445555}",
    }
    assert sandisk.times == [("USB storage first connected", "2024-02-29T09:46:40Z"),
                             ("USB storage connected", "2024-03-01T10:00:00Z"),
                             ("USB storage removed", "2024-03-01T11:00:00Z")]


def test_fixture_services() -> None:
    artifacts, warnings = run_extractor(AutostartExtractor, _system_fixture(), SYSTEM_PATH)
    assert warnings == []
    assert [a.data for a in artifacts] == [{
        "control_set": "ControlSet002", "name": "EvilSvc", "display_name": "Windows Update Helper",
        "image_path": "C:\\ProgramData\\evil.exe", "start_type": "automatic", "service_type": "own process",
        "account": "LocalSystem", "service_dll": None, "description": None,
        "key_last_written": "2024-03-01T10:00:00Z",
    }]


def test_selection_by_path_name_and_signature() -> None:
    hive = _system_fixture()
    assert selects(SystemInfoExtractor, SYSTEM_PATH, hive)[0]
    assert selects(SystemInfoExtractor, "Windows/System32/config/RegBack/SYSTEM", b"")[0]   # by name
    assert selects(SystemInfoExtractor, "evidence/exported.hiv", hive)[0]                   # by signature
    assert not selects(SystemInfoExtractor, "evidence/notes.txt", b"hello")[0]
    # A renamed SYSTEM hive is recognised by its keys.
    artifacts, warnings = run_extractor(UsbStorageExtractor, hive, "evidence/exported.hiv")
    assert len(artifacts) == 2 and warnings == []
