"""SOFTWARE hive (the corpus has none; a hive is built here): system information, installed programs,
Run keys and network profiles."""

from __future__ import annotations

import struct

from fixtures_regf import Key, Value, build_hive, filetime
from forensic_triage.plugins.registry_autostart import AutostartExtractor
from forensic_triage.plugins.registry_network import NetworkProfilesExtractor
from forensic_triage.plugins.registry_programs import InstalledProgramsExtractor
from forensic_triage.plugins.registry_system import SystemInfoExtractor
from helpers import run_extractor

PATH = "Windows/System32/config/SOFTWARE"
NT = "Microsoft\\Windows NT\\CurrentVersion"


def systemtime(year: int, month: int, day: int, hour: int, minute: int, second: int) -> bytes:
    return struct.pack("<8H", year, month, 0, day, hour, minute, second, 0)


def software_fixture() -> bytes:
    root = Key("CMI-CreateHive{SOFTWARE}")
    root.add(NT, Value.sz("ProductName", "Windows 10 Pro"), Value.sz("EditionID", "Professional"),
             Value.sz("DisplayVersion", "22H2"), Value.sz("CurrentVersion", "6.3"),
             Value.sz("CurrentBuildNumber", "19045"), Value.dword("UBR", 4046),
             Value.dword("InstallDate", 1700000000), Value.sz("RegisteredOwner", "John Doe"),
             Value.sz("RegisteredOrganization", ""), Value.sz("ProductId", "00330-80000-00000-AA123"),
             Value.sz("SystemRoot", "C:\\WINDOWS"))
    uninstall = "Microsoft\\Windows\\CurrentVersion\\Uninstall"
    root.add(f"{uninstall}\\{{11111111-2222-3333-4444-555555555555}}", Value.sz("DisplayName", "CCleaner"),
             Value.sz("DisplayVersion", "6.20"), Value.sz("Publisher", "Piriform"), Value.sz("InstallDate", "20240301"),
             Value.sz("InstallLocation", "C:\\Program Files\\CCleaner"),
             Value.sz("UninstallString", "\"C:\\Program Files\\CCleaner\\uninst.exe\""),
             Value.dword("EstimatedSize", 81920), written=filetime(1709287200))
    root.add(f"WOW6432Node\\{uninstall}\\7-Zip", Value.sz("DisplayName", "7-Zip 23.01"))
    root.add("Microsoft\\Windows\\CurrentVersion\\Run",
             Value.sz("SecurityHealth", "%windir%\\system32\\SecurityHealthSystray.exe", kind=2),
             Value.sz("updater", "C:\\Users\\Public\\upd.exe -silent"), written=filetime(1709287200))
    root.add("Microsoft\\Windows\\CurrentVersion\\RunOnce", Value.sz("cleanup", "cmd /c del C:\\temp\\x"))
    profiles = f"{NT}\\NetworkList\\Profiles"
    guid = "{A1B2C3D4-1111-2222-3333-444455556666}"
    root.add(f"{profiles}\\{guid}", Value.sz("ProfileName", "CoffeeShop WiFi"), Value.sz("Description", "CoffeeShop WiFi"),
             Value.dword("Managed", 0), Value.dword("Category", 0), Value.dword("NameType", 0x47),
             Value.binary("DateCreated", systemtime(2024, 2, 20, 9, 15, 0)),
             Value.binary("DateLastConnected", systemtime(2024, 3, 1, 11, 0, 5)))
    root.add(f"{NT}\\NetworkList\\Signatures\\Unmanaged\\010103000F0000F0080000000F0000F0",
             Value.sz("ProfileGuid", guid), Value.binary("DefaultGatewayMac", bytes.fromhex("a0b1c2d3e4f5")),
             Value.sz("DnsSuffix", "<none>"), Value.sz("FirstNetwork", "CoffeeShop WiFi"))
    return build_hive(root)


def test_software_system_info() -> None:
    artifacts, warnings = run_extractor(SystemInfoExtractor, software_fixture(), PATH)
    assert warnings == []
    assert len(artifacts) == 1
    assert artifacts[0].data == {
        "hive": "SOFTWARE", "control_set": None, "computer_name": None, "time_zone": None,
        "time_zone_bias_minutes": None, "active_time_bias_minutes": None, "last_shutdown": None,
        "product_name": "Windows 10 Pro", "edition": "Professional", "display_version": "22H2",
        "current_version": "6.3", "build": "19045.4046", "install_date": "2023-11-14T22:13:20Z",
        "registered_owner": "John Doe", "registered_organization": "", "product_id": "00330-80000-00000-AA123",
        "system_root": "C:\\WINDOWS",
    }
    assert artifacts[0].times == [("Windows installed", "2023-11-14T22:13:20Z")]


def test_software_programs() -> None:
    artifacts, warnings = run_extractor(InstalledProgramsExtractor, software_fixture(), PATH)
    assert warnings == []
    assert [a.data["name"] for a in artifacts] == ["CCleaner", "7-Zip 23.01"]
    assert artifacts[0].data == {
        "hive": "SOFTWARE", "user": None,
        "key_path": "Microsoft\\Windows\\CurrentVersion\\Uninstall\\{11111111-2222-3333-4444-555555555555}",
        "name": "CCleaner", "version": "6.20", "publisher": "Piriform", "install_date": "2024-03-01",
        "install_location": "C:\\Program Files\\CCleaner", "install_source": None,
        "uninstall_string": "\"C:\\Program Files\\CCleaner\\uninst.exe\"", "size_kb": 81920,
        "key_last_written": "2024-03-01T10:00:00Z",
    }


def test_software_run_keys() -> None:
    artifacts, warnings = run_extractor(AutostartExtractor, software_fixture(), PATH)
    assert warnings == []
    assert [(a.data["location"].rsplit("\\", 1)[1], a.data["name"]) for a in artifacts] == [
        ("Run", "SecurityHealth"), ("Run", "updater"), ("RunOnce", "cleanup")]
    assert artifacts[1].data == {
        "hive": "SOFTWARE", "user": None, "location": "HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Run",
        "name": "updater", "command": "C:\\Users\\Public\\upd.exe -silent", "key_last_written": "2024-03-01T10:00:00Z",
    }
    assert artifacts[1].times == [("Autostart key written", "2024-03-01T10:00:00Z")]


def test_software_network_profiles() -> None:
    artifacts, warnings = run_extractor(NetworkProfilesExtractor, software_fixture(), PATH)
    assert warnings == []
    assert len(artifacts) == 1
    assert artifacts[0].data == {
        "profile_guid": "{A1B2C3D4-1111-2222-3333-444455556666}", "name": "CoffeeShop WiFi",
        "description": "CoffeeShop WiFi", "network_type": "wireless", "category": "public", "managed": False,
        "first_connected_local": "2024-02-20T09:15:00.000", "last_connected_local": "2024-03-01T11:00:05.000",
        "gateway_mac": "a0:b1:c2:d3:e4:f5", "dns_suffix": None, "key_last_written": "2024-03-01T10:00:00Z",
    }
    # Local times without a zone are passed on naive (basis 'local'): the writer keeps them off the
    # UTC timeline unless the examiner declares the zone (tests/test_time_basis.py).
    assert artifacts[0].times == [("Network first connected (local clock)", "2024-02-20T09:15:00.000"),
                                  ("Network last connected (local clock)", "2024-03-01T11:00:05.000")]


def test_truncated_software_keeps_what_it_can() -> None:
    data = software_fixture()
    artifacts, warnings = run_extractor(NetworkProfilesExtractor, data[:4096 + 100], PATH)
    assert artifacts == []
    assert len(warnings) == 1 and "cannot be opened" in warnings[0].message
