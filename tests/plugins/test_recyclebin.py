"""windows.recyclebin: $I v1/v2 and INFO2 built here with struct, and the corpus files."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from forensic_triage.plugins.recyclebin import RecycleBinExtractor
from helpers import run_extractor, selects

SID = "S-1-5-21-1004336348-1177238915-682003330-1000"
BIN = f"$Recycle.Bin/{SID}"
FT = 129760589986330000  # 2012-03-12T20:49:58.633Z
PATH = r"C:\Users\alice\Documents\plan.docx"


def i_v1(path: str = PATH, size: int = 4242, filetime: int = FT) -> bytes:
    return struct.pack("<QQQ", 1, size, filetime) + path.encode("utf-16-le").ljust(520, b"\0")


def i_v2(path: str = PATH, size: int = 4242, filetime: int = FT) -> bytes:
    text = path.encode("utf-16-le") + b"\0\0"
    return struct.pack("<QQQI", 2, size, filetime, len(text) // 2) + text


def info2(paths: list[str], first_removed: bool = False) -> bytes:
    out = struct.pack("<5I", 5, 0, len(paths), 800, 0)
    for i, path in enumerate(paths, start=1):
        ansi = path.encode("cp1252")
        if first_removed and i == 1:
            ansi = b"\0" + ansi[1:]
        out += ansi.ljust(260, b"\0") + struct.pack("<IIQI", i, 2, FT + i * 10_000_000, 4096 * i)
        out += path.encode("utf-16-le").ljust(520, b"\0")
    return out


def test_inputs_select_recycle_bin_files() -> None:
    assert selects(RecycleBinExtractor, f"{BIN}/$IAB12CD.docx")[0]
    assert selects(RecycleBinExtractor, "RECYCLER/S-1-5-21-1-2-3-1003/INFO2")[0]
    assert not selects(RecycleBinExtractor, f"{BIN}/$RAB12CD.docx")[0]
    assert not selects(RecycleBinExtractor, "Users/alice/INFO2.txt")[0]


@pytest.mark.parametrize(("builder", "fmt"), [(i_v1, "$I v1"), (i_v2, "$I v2")])
def test_generated_i_files(builder, fmt: str) -> None:  # type: ignore[no-untyped-def]
    artifacts, warnings = run_extractor(RecycleBinExtractor, builder(), f"{BIN}/$IAB12CD.docx")
    assert warnings == []
    assert len(artifacts) == 1
    art = artifacts[0]
    assert (art.type, art.plugin, art.plugin_version) == ("windows.recyclebin", "windows.recyclebin", "1.0")
    assert art.data == {
        "format": fmt, "original_path": PATH, "deleted": "2012-03-12T20:49:58.633000Z", "size": 4242,
        "owner_sid": SID, "recycled_name": "$RAB12CD.docx", "index": None, "drive_number": None,
        "emptied": False,
    }
    assert art.times == [("File deleted to Recycle Bin", "2012-03-12T20:49:58.633000Z")]


def test_generated_info2_with_a_removed_entry() -> None:
    paths = [r"C:\Documents and Settings\bob\Desktop\tool.exe", r"C:\Documents and Settings\bob\notes.txt"]
    artifacts, warnings = run_extractor(RecycleBinExtractor, info2(paths, first_removed=True),
                                        "RECYCLER/S-1-5-21-1-2-3-1003/INFO2")
    assert warnings == []
    assert [a.data["original_path"] for a in artifacts] == paths
    assert artifacts[0].data == {
        "format": "INFO2", "original_path": paths[0], "deleted": "2012-03-12T20:49:59.633000Z", "size": 4096,
        "owner_sid": "S-1-5-21-1-2-3-1003", "recycled_name": "Dc1.exe", "index": 1, "drive_number": 2,
        "emptied": True,
    }
    assert artifacts[1].data["recycled_name"] == "Dc2.txt" and not artifacts[1].data["emptied"]


@pytest.mark.parametrize(("data", "words"), [
    (i_v1()[:10], "too short"),
    (i_v1()[:100], "truncated"),
    (i_v2()[:40], "truncated"),
    (struct.pack("<QQQ", 7, 1, 1) + b"\0" * 40, "unknown format version"),
])
def test_damaged_i_files_are_warnings(data: bytes, words: str) -> None:
    artifacts, warnings = run_extractor(RecycleBinExtractor, data, f"{BIN}/$IAB12CD.docx")
    assert len(warnings) == 1 and words in warnings[0].message
    assert len(artifacts) <= 1


def test_truncated_info2_keeps_whole_records_and_warns() -> None:
    data = info2(["C:\\a.txt", "C:\\b.txt"])[:-300]
    artifacts, warnings = run_extractor(RecycleBinExtractor, data, "RECYCLER/S-1-5-21-1-2-3-1003/INFO2")
    assert len(artifacts) == 1 and len(warnings) == 1 and "partial record" in warnings[0].message
    artifacts, warnings = run_extractor(RecycleBinExtractor, b"garbage" * 10, "RECYCLER/S-1-5-21-1-2-3/INFO2")
    assert artifacts == [] and len(warnings) == 1


@pytest.mark.corpus
def test_corpus_recycle_bin(corpus: Path) -> None:
    """plaso tests/parsers/recycler.py (EXPECTATIONS.md section 6)."""
    folder = corpus / "artifacts" / "recyclebin"
    expected = [("$II3DF3L.zip", r"C:\Users\nfury\Documents\Alloy Research\StarFury.zip",
                 "2012-03-12T20:49:58.633000Z", 724919, "$I v1"),
                ("$I103S5F.jpg", r"C:\Users\random\Downloads\bunnies.jpg", "2016-06-29T21:37:45.618000Z",
                 222255, "$I v2")]
    for name, path, deleted, size, fmt in expected:
        artifacts, warnings = run_extractor(RecycleBinExtractor, (folder / name).read_bytes(), f"{BIN}/{name}")
        assert warnings == [] and len(artifacts) == 1
        rec = artifacts[0].data
        assert (rec["original_path"], rec["deleted"], rec["size"], rec["format"]) == (path, deleted, size, fmt)
    artifacts, warnings = run_extractor(RecycleBinExtractor, (folder / "INFO2").read_bytes(),
                                        "RECYCLER/S-1-5-21-1-2-3-1003/INFO2")
    assert warnings == [] and len(artifacts) == 4
    first = artifacts[0].data
    assert first["original_path"] == r"C:\Documents and Settings\Mr. Evil\Desktop\lalsetup250.exe"
    assert (first["drive_number"], first["deleted"]) == (2, "2004-08-25T16:18:25.237000Z")
