"""windows.jumplist: automatic (OLE + DestList) and custom destinations, built here and from the corpus."""

from __future__ import annotations

import struct
import uuid
from pathlib import Path

import pytest
from forensic_triage.plugins.jumplist import JumpListExtractor
from helpers import run_extractor, selects
from windows_builders import LNK_CLSID, build_cfb, build_lnk

RECENT = "Users/alice/AppData/Roaming/Microsoft/Windows/Recent"
AUTO = f"{RECENT}/AutomaticDestinations/9b9cdc69c1c24e2b.automaticDestinations-ms"
CUSTOM = f"{RECENT}/CustomDestinations/9b9cdc69c1c24e2b.customDestinations-ms"
FT = 130853359640343008  # 2015-08-29T15:32:44.0343008Z
VOL = uuid.UUID("fb6af886-05d7-402d-9741-d1ee9e64c41f")
FILE_IDS = [uuid.UUID("9b1ce584-4a4c-11e5-b5c9-080027ac3d7f"), uuid.UUID("9b1ce809-4a4c-11e5-b5c9-080027ac3d7f")]
PATHS = [r"C:\Users\alice\Documents\plan.docx", r"C:\Users\alice\Documents\list.xlsx"]


def lnk(i: int) -> bytes:
    return build_lnk(local_path=PATHS[i], working_dir=r"C:\Users\alice\Documents", arguments="",
                     relative_path="", created=FT - 10**9, accessed=FT, modified=FT - 10**8, size=100 + i,
                     machine_id="alice-pc", droid_volume=VOL, droid_file=FILE_IDS[i])


def destlist(version: int) -> bytes:
    entries = b""
    for i, path in enumerate(PATHS):
        head = struct.pack("<Q16s16s16s16s16sIIfQi", 0, VOL.bytes_le, FILE_IDS[i].bytes_le, VOL.bytes_le,
                           FILE_IDS[i].bytes_le, b"alice-pc", i + 1, 0, 1.0, FT + i, -1 if i else 0)
        if version >= 3:
            head += struct.pack("<iIQ", -1, 7 + i, 0)
        entries += head + struct.pack("<H", len(path)) + path.encode("utf-16-le")
        if version >= 3:
            entries += b"\0" * 4
    return struct.pack("<IIIfIIII", version, 2, 1, 0.0, 2, 0, 2, 0) + entries


def automatic(version: int = 1) -> bytes:
    return build_cfb([("DestList", destlist(version)), ("1", lnk(0)), ("2", lnk(1))])


def custom() -> bytes:
    body = struct.pack("<III", 2, 1, 0) + struct.pack("<II", 2, 2)
    for i in range(2):
        body += LNK_CLSID + lnk(i)  # each entry: the shortcut's class id, then the shortcut
    return body + struct.pack("<I", 0xBABFFBAB)


def test_inputs_select_both_kinds_with_user() -> None:
    assert selects(JumpListExtractor, AUTO) == (True, "alice")
    assert selects(JumpListExtractor, CUSTOM) == (True, "alice")
    assert not selects(JumpListExtractor, f"{RECENT}/plan.docx.lnk")[0]


@pytest.mark.parametrize("version", [1, 3])
def test_generated_automatic_destinations(version: int) -> None:
    versions: dict[str, str] = {}
    artifacts, warnings = run_extractor(JumpListExtractor, automatic(version), AUTO, library_versions=versions)
    assert warnings == []
    assert len(artifacts) == 2
    assert {"libolecf-python", "liblnk-python"} <= set(versions)
    art = artifacts[1]
    assert (art.type, art.plugin) == ("windows.jumplist", "windows.jumplist")
    assert art.data == {
        "target_path": PATHS[1], "local_path": PATHS[1], "network_path": None, "relative_path": None,
        "working_directory": r"C:\Users\alice\Documents", "arguments": None, "description": None,
        "icon_location": None, "target_created": "2015-08-29T15:31:04.034300Z",
        "target_modified": "2015-08-29T15:32:34.034300Z", "target_accessed": "2015-08-29T15:32:44.034300Z",
        "target_size": 101, "target_attributes": 0x20, "drive_type": "fixed", "volume_serial": "1234ABCD",
        "volume_label": "SYSTEM", "machine_id": "alice-pc",
        "droid_volume": str(VOL), "droid_file": str(FILE_IDS[1]),
        "birth_droid_volume": str(VOL), "birth_droid_file": str(FILE_IDS[1]),
        "mac_address": "08:00:27:ac:3d:7f",
        "jumplist_type": "automatic", "app_id": "9b9cdc69c1c24e2b", "entry_id": "2",
        "destlist_path": PATHS[1], "hostname": "alice-pc", "last_used": "2015-08-29T15:32:44.034300Z",
        "pin_status": -1, "access_count": 8 if version >= 3 else None,
        "destlist_droid_volume": str(VOL), "destlist_droid_file": str(FILE_IDS[1]),
    }
    assert ("Jump list entry last used", "2015-08-29T15:32:44.034300Z") in art.times
    assert artifacts[0].data["pin_status"] == 0 and artifacts[0].data["entry_id"] == "1"


def test_generated_custom_destinations() -> None:
    artifacts, warnings = run_extractor(JumpListExtractor, custom(), CUSTOM)
    assert warnings == []
    assert [a.data["local_path"] for a in artifacts] == PATHS
    first = artifacts[0].data
    assert (first["jumplist_type"], first["entry_id"], first["last_used"], first["mac_address"]) == (
        "custom", "1", None, "08:00:27:ac:3d:7f")


@pytest.mark.parametrize("cut", [100, 600, 1600])
def test_truncated_automatic_is_a_warning(cut: int) -> None:
    data = automatic()
    artifacts, warnings = run_extractor(JumpListExtractor, data[:cut], AUTO)
    assert warnings, "a truncated compound file must be reported"
    assert all(w.kind == "warning" for w in warnings)


def test_damaged_destlist_and_custom_are_warnings() -> None:
    bad = build_cfb([("DestList", destlist(1)[:200]), ("1", lnk(0))])
    artifacts, warnings = run_extractor(JumpListExtractor, bad, AUTO)
    assert [w.message for w in warnings] == [
        "DestList entry 1 runs past the end of the stream (truncated).",
        "DestList header announces 2 entries; 0 could be read."]
    assert len(artifacts) == 1 and artifacts[0].data["destlist_path"] is None  # stream 1 is still listed
    artifacts, warnings = run_extractor(JumpListExtractor, custom()[:-60], CUSTOM)
    assert len(artifacts) == 2  # the second shortcut lost its tracker block, the rest is kept
    assert any("damaged" in w.message for w in warnings) and any("footer" in w.message for w in warnings)


@pytest.mark.corpus
def test_corpus_automatic_destinations(corpus: Path) -> None:
    """plaso olecf_plugins/automatic_destinations.py::testProcessVersion1 (EXPECTATIONS.md section 5)."""
    name = "1b4dd67f29cb1962.automaticDestinations-ms"
    data = (corpus / "artifacts" / "jumplist" / name).read_bytes()
    artifacts, warnings = run_extractor(JumpListExtractor, data, f"{RECENT}/AutomaticDestinations/{name}")
    assert warnings == []
    assert len(artifacts) == 7  # 7 DestList entries, each with its LNK stream
    entry = next(a.data for a in artifacts if a.data["entry_id"] == "7")
    assert entry["destlist_path"] == r"C:\Users\bperry\Downloads"
    assert entry["hostname"] == "student-pc1"
    assert entry["last_used"] == "2015-08-29T15:32:44.034300Z"
    assert entry["pin_status"] == -1
    assert entry["destlist_droid_file"] == "9b1ce584-4a4c-11e5-b5c9-080027ac3d7f"
    assert entry["destlist_droid_volume"] == "fb6af886-05d7-402d-9741-d1ee9e64c41f"
    assert entry["mac_address"] == "08:00:27:ac:3d:7f"
    library = next(a.data for a in artifacts
                   if a.data["local_path"] == r"C:\Users\bperry\AppData\Roaming\Microsoft\Windows\Libraries"
                   r"\Documents.library-ms")
    assert library["target_size"] == 3541


@pytest.mark.corpus
def test_corpus_custom_destinations(corpus: Path) -> None:
    """plaso custom_destinations.py::testParse: 9 shortcuts (45 plaso event_data = 5 per shortcut)."""
    name = "5afe4de1b92fc382.customDestinations-ms"
    data = (corpus / "artifacts" / "jumplist" / name).read_bytes()
    artifacts, warnings = run_extractor(JumpListExtractor, data, f"{RECENT}/CustomDestinations/{name}")
    assert warnings == []
    assert len(artifacts) == 9
    display = [a.data for a in artifacts if a.data["arguments"] == (
        r"{DE3895CB-077B-4C38-B6E3-F3DE1E0D84FC} %systemroot%\system32\control.exe /name Microsoft.Display")]
    assert len(display) == 1
    rec = display[0]
    assert rec["local_path"] == r"C:\Windows\System32\GettingStarted.exe"
    assert rec["target_size"] == 11776 and rec["volume_serial"] == f"{2286954982:08X}"
    assert rec["mac_address"] == "00:1d:09:fa:5a:1c"
    assert rec["droid_file"] == "4f6fe1af-7034-11de-b675-001d09fa5a1c"
