"""The tool-driven test-image builders, checked with The Sleuth Kit and libewf command-line tools."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
import subprocess
from pathlib import Path

import pytest
from ft_testlib import require_tool
from imagebuilders import (
    ToolMissing,
    build_disk,
    build_ext4,
    build_fat,
    build_ntfs,
    require_tools,
    split_raw,
    to_e01,
)

HISTORY = "Users/jdoe/AppData/Local/Google/Chrome/User Data/Default/History"
SYSTEM_HIVE = "Windows/System32/config/SYSTEM"
TREE: dict[str, bytes | None] = {
    HISTORY: b"SQLite format 3\0" + bytes(range(256)) * 40,
    SYSTEM_HIVE: b"regf" + b"\0" * 8188,
    "Users/jdoe/Documents/Quarterly Report.docx": b"PK\x03\x04" + b"docx" * 300,
    "Users/jdoe/Documents/deleted_plan.txt": b"move the files on Friday\n",
    "Users/jdoe/Documents/a.txt": b"short name\n",
    "Users/jdoe/Downloads/setup.exe": b"MZ" + b"\x90" * 5000,
    "Windows/Prefetch/": None,
    "readme.txt": b"in the root folder\n",
}
DELETED = ["Users/jdoe/Documents/deleted_plan.txt", "Users/jdoe/Documents/a.txt"]
ZONE = b"[ZoneTransfer]\r\nZoneId=3\r\nHostUrl=https://files.example.net/setup.exe\r\n"
OLD = "2024-01-02 03:04:05"


@dataclasses.dataclass(frozen=True)
class Listed:
    kind: str  # "r/r", "d/d", "-/r"...
    deleted: bool
    inode: str


def _tsk(*args: str | os.PathLike[str]) -> str:
    tool = str(args[0])
    require_tools(tool)
    result = subprocess.run([os.fspath(a) for a in args], capture_output=True, text=True, check=False,
                            env={**os.environ, "TZ": "UTC"})
    assert result.returncode == 0, f"{tool} failed: {result.stderr}"
    return result.stdout


def fls(*images: Path, offset: int | None = None) -> dict[str, Listed]:
    """``fls -r -p`` as {path: Listed}, TSK's own $-entries left out."""
    args: list[str | Path] = ["fls", "-r", "-p"]
    if offset is not None:
        args += ["-o", str(offset)]
    listed: dict[str, Listed] = {}
    for line in _tsk(*args, *images).splitlines():
        meta, _, path = line.partition(":\t")
        if path.startswith("$") or path.endswith("(Volume Label Entry)"):
            continue
        tokens = meta.split()
        listed[path] = Listed(tokens[0], "*" in tokens, tokens[-1])
    return listed


def icat(image: Path, inode: str, offset: int | None = None) -> bytes:
    require_tools("icat")
    args = ["icat"] + (["-o", str(offset)] if offset is not None else []) + [str(image), inode]
    return subprocess.run(args, capture_output=True, check=True).stdout


def _expected_dirs() -> set[str]:
    dirs = set()
    for path in TREE:
        parts = path.rstrip("/").split("/")
        dirs.update("/".join(parts[:i]) for i in range(1, len(parts) + (0 if TREE[path] is not None else 1)))
    return dirs


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def tool_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the NTFS helper is compiled: under the pytest tmp, not the user's cache."""
    return tmp_path_factory.mktemp("tool-cache")


# --------------------------------------------------------------------------- require_tools


def test_require_tools_finds_skips_and_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FT_REQUIRE_TOOLS", raising=False)  # outside .ci/run: a missing tool is a skip
    found = require_tools("sh")
    assert os.path.isabs(found["sh"])
    assert require_tools("ft-no-such-tool|sh")["ft-no-such-tool"] == found["sh"]
    with pytest.raises(ToolMissing, match="ft-no-such-tool"):
        require_tools("sh", "ft-no-such-tool", skip=False)
    with pytest.raises(pytest.skip.Exception):
        require_tools("ft-no-such-tool")  # under pytest: a clean skip


def test_a_missing_tool_fails_under_ft_require_tools(monkeypatch: pytest.MonkeyPatch) -> None:
    """Under .ci/run (FT_REQUIRE_TOOLS=1) a missing tool is a failure, never a pass without checking."""
    monkeypatch.setenv("FT_REQUIRE_TOOLS", "1")
    with pytest.raises(pytest.fail.Exception, match="ft-no-such-tool.*FT_REQUIRE_TOOLS=1"):
        require_tools("ft-no-such-tool")
    with pytest.raises(pytest.fail.Exception, match="ft-no-such-tool"):
        require_tool("ft-no-such-tool")
    assert require_tools("sh")["sh"]  # a present tool is unaffected
    monkeypatch.setenv("FT_REQUIRE_TOOLS", "0")
    with pytest.raises(pytest.skip.Exception, match="ft-no-such-tool"):
        require_tool("ft-no-such-tool")


# --------------------------------------------------------------------------- file systems


@pytest.mark.tools
@pytest.mark.parametrize("fat", [16, 32])
def test_build_fat(tmp_path: Path, fat: int) -> None:
    image = build_fat(tmp_path / f"fat{fat}.img", TREE, fat=fat, deleted=DELETED, mtimes={"readme.txt": OLD})
    assert f"File System Type: FAT{fat}" in _tsk("fsstat", image)
    listed = fls(image)
    files = {p for p, d in TREE.items() if d is not None and p not in DELETED}
    assert {p for p, e in listed.items() if e.kind == "r/r" and not e.deleted} == files
    assert {p for p, e in listed.items() if e.kind == "d/d"} == _expected_dirs()
    # A deleted long name survives in its 0xE5-marked LFN entries; an 8.3-only name loses its first character.
    assert listed["Users/jdoe/Documents/deleted_plan.txt"].deleted
    assert listed["Users/jdoe/Documents/_.txt"].deleted
    for path in (HISTORY, SYSTEM_HIVE, "Users/jdoe/Documents/Quarterly Report.docx"):
        assert icat(image, listed[path].inode) == TREE[path]
    assert icat(image, listed["Users/jdoe/Documents/deleted_plan.txt"].inode) == TREE[DELETED[0]]
    assert "Written:\t2024-01-02 03:04:04" in _tsk("istat", image, listed["readme.txt"].inode)  # FAT: 2 s steps
    # Reproducibility needs a frozen clock: a failure under FT_REQUIRE_TOOLS=1, else a visible skip.
    require_tools("faketime")
    again = build_fat(tmp_path / "again.img", TREE, fat=fat, deleted=DELETED, mtimes={"readme.txt": OLD})
    assert _sha(again) == _sha(image)


@pytest.mark.tools
def test_build_fat_deleted_folder(tmp_path: Path) -> None:
    tree = {"Users/jdoe/Temp/junk one.txt": b"junk\n", "Users/jdoe/Temp/old/x.txt": b"x\n", "keep.txt": b"k"}
    listed = fls(build_fat(tmp_path / "fat.img", tree, deleted=["Users/jdoe/Temp"]))
    assert listed["Users/jdoe/Temp"] == Listed("d/d", True, listed["Users/jdoe/Temp"].inode)
    assert listed["Users/jdoe/Temp/junk one.txt"].deleted
    assert not listed["keep.txt"].deleted


@pytest.mark.tools
def test_build_ext4(tmp_path: Path) -> None:
    image = build_ext4(tmp_path / "ext4.img", TREE, deleted=DELETED, mtimes={"readme.txt": OLD})
    assert "File System Type: Ext4" in _tsk("fsstat", image)
    listed = fls(image)
    files = {p for p, d in TREE.items() if d is not None}
    assert {p for p, e in listed.items() if e.kind == "r/r"} == files
    assert {p for p, e in listed.items() if e.deleted} == set(DELETED)
    assert {p for p, e in listed.items() if e.kind == "d/d"} == _expected_dirs() | {"lost+found"}
    assert icat(image, listed[HISTORY].inode) == TREE[HISTORY]
    stat = _tsk("istat", image, listed["readme.txt"].inode)
    assert "Modified:\t2024-01-02 03:04:05" in stat and "uid / gid: 0 / 0" in stat
    assert "Inode Modified:\t2025-02-27 10:00:00" in _tsk("istat", image, listed[HISTORY].inode)
    again = build_ext4(tmp_path / "again.img", TREE, deleted=DELETED, mtimes={"readme.txt": OLD})
    assert _sha(again) == _sha(image)


@pytest.mark.tools
def test_build_ntfs(tmp_path: Path, tool_cache: Path) -> None:
    streams = {"Users/jdoe/Downloads/setup.exe": {"Zone.Identifier": ZONE}, "Users/jdoe/Documents": {"notes": b"x"}}
    image = build_ntfs(tmp_path / "ntfs.img", TREE, deleted=DELETED, streams=streams, cache_dir=tool_cache,
                       mtimes={"readme.txt": OLD})
    assert "File System Type: NTFS" in _tsk("fsstat", image)
    listed = fls(image)
    files = {p for p, d in TREE.items() if d is not None and p not in DELETED}
    assert {p for p, e in listed.items() if e.kind == "r/r" and ":" not in p} == files
    assert {p for p, e in listed.items() if e.kind == "d/d"} == _expected_dirs()
    # ntfs_delete drops the index entry; the MFT entry stays, not in use, and TSK puts it back in its folder.
    assert {p for p, e in listed.items() if e.deleted} == set(DELETED)
    ads = listed["Users/jdoe/Downloads/setup.exe:Zone.Identifier"]
    assert ads.kind == "r/r" and ads.inode.startswith(listed["Users/jdoe/Downloads/setup.exe"].inode.split("-")[0])
    assert icat(image, ads.inode) == ZONE
    assert "Users/jdoe/Documents:notes" in listed
    for path in (HISTORY, SYSTEM_HIVE, "Users/jdoe/Downloads/setup.exe"):
        assert icat(image, listed[path].inode) == TREE[path]
    assert icat(image, listed[DELETED[0]].inode) == TREE[DELETED[0]]
    stat = _tsk("istat", image, listed["readme.txt"].inode.split("-")[0])
    assert "Created:\t2024-01-02 03:04:05" in stat and "File Modified:\t2024-01-02 03:04:05" in stat
    # Reproducibility needs a frozen clock: a failure under FT_REQUIRE_TOOLS=1, else a visible skip.
    require_tools("faketime")
    again = build_ntfs(tmp_path / "again.img", TREE, deleted=DELETED, streams=streams, cache_dir=tool_cache,
                       mtimes={"readme.txt": OLD})
    assert _sha(again) == _sha(image)


# --------------------------------------------------------------------------- disks and containers


def _mmls_rows(*images: Path) -> list[tuple[int, int, str]]:
    rows = []
    for line in _tsk("mmls", *images).splitlines():
        match = re.match(r"^\d{3}:\s+(\d{3}(?::\d{3})?)\s+(\d+)\s+\d+\s+(\d+)\s+(.*)$", line)
        if match:
            rows.append((int(match.group(2)), int(match.group(3)), match.group(4).strip()))
    return rows


@pytest.mark.tools
def test_build_disk_dos_and_split_raw(tmp_path: Path) -> None:
    fat = build_fat(tmp_path / "fat.img", {"Users/jdoe/a.txt": b"fat side\n"})
    ext = build_ext4(tmp_path / "ext.img", {"home/jdoe/b.txt": b"ext side\n"}, size_mb=8)
    disk = build_disk(tmp_path / "disk.img", [(fat, 0x0E), (ext, "83")])
    assert [p.start_sector for p in disk.partitions] == [2048, 2048 + 16 * 2048]
    assert disk.size == disk.path.stat().st_size == (1 + 16 + 8) * 1024 * 1024
    assert "DOS Partition Table" in _tsk("mmls", disk.path)
    rows = _mmls_rows(disk.path)
    assert rows == [(2048, 16 * 2048, "Win95 FAT16 (0x0e)"), (2048 + 16 * 2048, 8 * 2048, "Linux (0x83)")]
    assert "Users/jdoe/a.txt" in fls(disk.path, offset=disk.partitions[0].start_sector)
    assert "home/jdoe/b.txt" in fls(disk.path, offset=disk.partitions[1].start_sector)
    with open(disk.path, "rb") as handle:
        handle.seek(disk.partitions[1].offset)
        assert handle.read(ext.stat().st_size) == ext.read_bytes()
    again = build_disk(tmp_path / "again.img", [(fat, 0x0E), (ext, "83")])
    assert _sha(again.path) == _sha(disk.path)

    segments = split_raw(disk.path, 10 * 1024 * 1024)
    assert [s.name for s in segments] == ["disk.001", "disk.002", "disk.003"]
    assert [s.stat().st_size for s in segments] == [10 << 20, 10 << 20, 5 << 20]
    assert b"".join(s.read_bytes() for s in segments) == disk.path.read_bytes()
    assert _mmls_rows(*segments) == rows
    assert "home/jdoe/b.txt" in fls(*segments, offset=disk.partitions[1].start_sector)


@pytest.mark.tools
def test_build_disk_gpt(tmp_path: Path, tool_cache: Path) -> None:
    ntfs = build_ntfs(tmp_path / "ntfs.img", {SYSTEM_HIVE: b"regf"}, size_mb=8, hidden_sectors=2048 + 4 * 2048,
                      cache_dir=tool_cache)
    fat = build_fat(tmp_path / "fat.img", {"EFI/Boot/bootx64.efi": b"MZ"}, size_mb=4, fat=12)
    disk = build_disk(tmp_path / "gpt.img", [(fat, 0xEF), (ntfs, 0x07)], table="gpt")
    out = _tsk("mmls", disk.path)
    assert "GUID Partition Table" in out
    rows = [r for r in _mmls_rows(disk.path) if r[2] not in ("Safety Table", "GPT Header", "Partition Table")]
    assert rows == [(2048, 4 * 2048, "EFI system partition"), (2048 + 4 * 2048, 8 * 2048, "Basic data partition")]
    assert SYSTEM_HIVE in fls(disk.path, offset=rows[1][0])
    assert "EFI/Boot/bootx64.efi" in fls(disk.path, offset=rows[0][0])


@pytest.mark.tools
def test_to_e01(tmp_path: Path) -> None:
    fat = build_fat(tmp_path / "fat.img", {"Users/jdoe/evidence.txt": b"acquired\n"})
    disk = build_disk(tmp_path / "disk.img", [(fat, 0x0C)])
    e01 = to_e01(disk.path, tmp_path / "EXH-001", case_number="2025-0227", examiner="J. Smith",
                 evidence_number="EXH-001", description="suspect laptop", notes="seized 27 Feb")
    assert e01.name == "EXH-001.E01"
    verify = _tsk("ewfverify", "-q", e01)
    assert "ewfverify: SUCCESS" in verify
    info = _tsk("ewfinfo", e01)
    assert "Case number:\t\t2025-0227" in info and "Examiner name:\t\tJ. Smith" in info
    md5 = hashlib.md5(disk.path.read_bytes(), usedforsecurity=False).hexdigest()
    assert f"MD5:\t\t\t{md5}" in info
    # The Sleuth Kit reads through the container.
    assert "Users/jdoe/evidence.txt" in fls(e01, offset=2048)
    # Reproducibility needs a frozen clock: a failure under FT_REQUIRE_TOOLS=1, else a visible skip.
    require_tools("faketime")
    assert "Acquisition date:\tThu Feb 27 12:00:00 2025" in info
    again = to_e01(disk.path, tmp_path / "again", case_number="2025-0227", examiner="J. Smith",
                   evidence_number="EXH-001", description="suspect laptop", notes="seized 27 Feb")
    assert _sha(again) == _sha(e01)


@pytest.mark.tools
def test_to_e01_segments(tmp_path: Path) -> None:
    raw = tmp_path / "noise.raw"
    raw.write_bytes(hashlib.sha256(b"seed").digest() * (3 * 1024 * 1024 // 32))  # 3 MiB
    first = to_e01(raw, tmp_path / "noise", compression="none", segment_size=1024 * 1024)
    assert first.name == "noise.E01" and (tmp_path / "noise.E02").is_file()
    assert "ewfverify: SUCCESS" in _tsk("ewfverify", "-q", first)
