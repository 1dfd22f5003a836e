"""windows.lnk: a shortcut built here from [MS-SHLLINK] and the real corpus shortcuts."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from forensic_triage.plugins.lnk import LnkExtractor
from helpers import run_extractor, selects
from windows_builders import build_lnk

RECENT = "Users/alice/AppData/Roaming/Microsoft/Windows/Recent/evil.exe.lnk"
FT = 130073839092812500  # 2013-03-10T10:11:49.28125Z


@pytest.fixture()
def lnk() -> bytes:
    return build_lnk(local_path=r"C:\Tools\evil.exe", working_dir=r"C:\Tools", arguments="-x --quiet",
                     relative_path=r"..\..\Tools\evil.exe", created=FT, accessed=FT + 10_000_000,
                     modified=FT + 20_000_000, size=1234, serial=0x1234ABCD, label="SYSTEM",
                     machine_id="pc-01", droid_volume=uuid.UUID("fb6af886-05d7-402d-9741-d1ee9e64c41f"),
                     droid_file=uuid.UUID("9b1ce584-4a4c-11e5-b5c9-080027ac3d7f"))


def test_recent_folder_glob_gives_the_user(lnk: bytes) -> None:
    assert selects(LnkExtractor, RECENT) == (True, "alice")
    assert selects(LnkExtractor, "Documents and Settings/bob/Recent/x.lnk") == (True, "bob")
    assert selects(LnkExtractor, "carved/00001.bin", lnk)[0]
    assert not selects(LnkExtractor, "Windows/x.txt", b"plain text")[0]


def test_generated_lnk_one_full_record(lnk: bytes) -> None:
    artifacts, warnings = run_extractor(LnkExtractor, lnk, RECENT)
    assert warnings == []
    assert len(artifacts) == 1
    art = artifacts[0]
    assert (art.type, art.plugin, art.plugin_version) == ("windows.lnk", "windows.lnk", "1.0")
    assert art.data == {
        "target_path": r"C:\Tools\evil.exe",
        "local_path": r"C:\Tools\evil.exe",
        "network_path": None,
        "relative_path": r"..\..\Tools\evil.exe",
        "working_directory": r"C:\Tools",
        "arguments": "-x --quiet",
        "description": None,
        "icon_location": None,
        "target_created": "2013-03-10T10:11:49.281250Z",
        "target_modified": "2013-03-10T10:11:51.281250Z",
        "target_accessed": "2013-03-10T10:11:50.281250Z",
        "target_size": 1234,
        "target_attributes": 0x20,
        "drive_type": "fixed",
        "volume_serial": "1234ABCD",
        "volume_label": "SYSTEM",
        "machine_id": "pc-01",
        "droid_volume": "fb6af886-05d7-402d-9741-d1ee9e64c41f",
        "droid_file": "9b1ce584-4a4c-11e5-b5c9-080027ac3d7f",
        "birth_droid_volume": "fb6af886-05d7-402d-9741-d1ee9e64c41f",
        "birth_droid_file": "9b1ce584-4a4c-11e5-b5c9-080027ac3d7f",
        "mac_address": "08:00:27:ac:3d:7f",
    }
    assert sorted(art.times) == [
        ("Shortcut target accessed (LNK)", "2013-03-10T10:11:50.281250Z"),
        ("Shortcut target created (LNK)", "2013-03-10T10:11:49.281250Z"),
        ("Shortcut target modified (LNK)", "2013-03-10T10:11:51.281250Z"),
    ]


@pytest.mark.parametrize("cut", [30, 120, -6])
def test_truncated_lnk_is_a_warning(lnk: bytes, cut: int) -> None:
    artifacts, warnings = run_extractor(LnkExtractor, lnk[:cut], RECENT)
    assert len(warnings) == 1 and "damaged" in warnings[0].message
    assert len(artifacts) <= 1  # a record is kept when only the trailing blocks are lost


def test_non_lnk_with_lnk_name_is_a_warning() -> None:
    artifacts, warnings = run_extractor(LnkExtractor, b"MZ" + b"\0" * 200, RECENT)
    assert artifacts == [] and len(warnings) == 1


@pytest.mark.corpus
def test_corpus_nero_infotool(corpus: Path) -> None:
    """plaso tests/parsers/winlnk.py::testParse (EXPECTATIONS.md section 5)."""
    data = (corpus / "artifacts" / "lnk" / "NeroInfoTool.lnk").read_bytes()
    artifacts, warnings = run_extractor(LnkExtractor, data, "Users/joe/Desktop/NeroInfoTool.lnk")
    assert warnings == [] and len(artifacts) == 1
    rec = artifacts[0].data
    target = r"C:\Program Files (x86)\Nero\Nero 9\Nero InfoTool\InfoTool.exe"
    assert rec["local_path"] == rec["icon_location"] == rec["target_path"] == target
    assert rec["working_directory"] == r"C:\Program Files (x86)\Nero\Nero 9\Nero InfoTool"
    assert rec["relative_path"] == "..\\" * 8 + r"Program Files (x86)\Nero\Nero 9\Nero InfoTool\InfoTool.exe"
    assert rec["target_size"] == 4635160 and rec["target_attributes"] == 0x20
    assert rec["drive_type"] == "fixed" and rec["volume_serial"] == "70ECFA33" and rec["volume_label"] == "OS"
    assert rec["target_created"] == "2009-06-05T20:13:20Z"
    assert rec["description"].startswith("Nero InfoTool provides you with information about the most important")


@pytest.mark.corpus
def test_corpus_unpaired_surrogate_is_stored_as_text(corpus: Path) -> None:
    """plaso tests/parsers/winlnk.py::testParseUnpairedSurrogate."""
    data = (corpus / "artifacts" / "lnk" / "unpaired_surrogate.lnk").read_bytes()
    artifacts, warnings = run_extractor(LnkExtractor, data, "Users/joe/Desktop/u.lnk")
    assert warnings == [] and len(artifacts) == 1
    rec = artifacts[0].data
    assert rec["local_path"] == "C:\\test\\unicode_U+0000d800_\\ud800.exe"
    rec["local_path"].encode("utf-8")  # storable
    assert rec["target_size"] == 11264 and rec["volume_serial"] == f"{748933550:08X}"
    assert rec["target_created"] == "2023-07-10T04:01:20.797107Z"
