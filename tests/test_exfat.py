"""exFAT made by mkfs.exfat (exfatprogs), bare and inside an MBR disk (sfdisk), added and triaged
through the CLI and compared with ``fls -r -p``/``icat``.

exfatprogs writes no files, and neither this kernel (no exfat module: ``mount -o loop`` says
"unknown filesystem type") nor the installed packages (no exfat-fuse) can mount exFAT to put
files in; so the volumes hold what mkfs.exfat writes: the volume label, the allocation bitmap and
the up-case table, which The Sleuth Kit lists as files and whose contents are compared here.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from ft_testlib import Cli, isolated_env, require_tool
from imagebuilders import build_disk

_FLS = re.compile(r"^(?P<type>\S+)\s+(?P<deleted>\*\s+)?(?P<inode>\d+)(?:\(realloc\))?:\t(?P<path>.*)$")


def fls_truth(image: Path, offset_sectors: int) -> dict[str, tuple[bool, str | None]]:
    """path -> (deleted, SHA-256 by icat for allocated regular files)."""
    out = subprocess.run(["fls", "-r", "-p", "-o", str(offset_sectors), str(image)], check=True,
                         capture_output=True, text=True).stdout
    truth: dict[str, tuple[bool, str | None]] = {}
    for m in filter(None, map(_FLS.match, out.splitlines())):
        digest = None
        if m.group("type").startswith("r/") and not m.group("deleted"):
            data = subprocess.run(["icat", "-o", str(offset_sectors), str(image), m.group("inode")], check=True,
                                  capture_output=True).stdout
            digest = hashlib.sha256(data).hexdigest()
        truth[m.group("path")] = (bool(m.group("deleted")), digest)
    return truth


def _state(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


@pytest.fixture(scope="module")
def exfat(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    require_tool("mkfs.exfat", "sfdisk", "fls", "icat")
    work = tmp_path_factory.mktemp("exfat")
    volume = work / "exfat.img"
    with volume.open("wb") as f:
        f.truncate(16 * 1024 * 1024)
    subprocess.run(["mkfs.exfat", "-L", "EVIDENCE", str(volume)], check=True,
                   capture_output=True)
    disk = build_disk(work / "disk.raw", [(volume, 0x07)])
    before = {p: _state(p) for p in (volume, disk.path)}
    cli = Cli(isolated_env(work / "home"))
    case = str(work / "case")
    cli("case", "new", case, "--case-number", "EX-1", "--examiner", "Examiner")
    cli("evidence", "add", case, str(volume), "--exhibit", "BARE", "--quiet")
    cli("evidence", "add", case, str(disk.path), "--exhibit", "DISK", "--quiet")
    cli("triage", case, "--jobs", "1", "--quiet")
    listed = {row["exhibit"]: row for row in cli.jsonl("evidence", "list", case)}
    return {"volume": volume, "disk": disk, "before": before, "after": {p: _state(p) for p in before},
            "listed": listed, "files": cli.jsonl("files", case, "--all-types")}


@pytest.mark.parametrize("exhibit", ["BARE", "DISK"])
def test_exfat_matches_sleuthkit(exfat: dict[str, Any], exhibit: str) -> None:
    image = exfat["volume"] if exhibit == "BARE" else exfat["disk"].path
    start = 0 if exhibit == "BARE" else exfat["disk"].partitions[0].start_sector
    truth = fls_truth(image, start)
    assert "$UPCASE_TABLE" in truth and "EVIDENCE (Volume Label Entry)" in truth
    evidence = exfat["listed"][exhibit]["evidence"]
    ours = {f["path"].lstrip("/"): f for f in exfat["files"]
            if f["evidence"] == evidence and f["partition_offset"] == start * 512}
    assert set(ours) == set(truth), set(ours) ^ set(truth)
    for name, (deleted, digest) in truth.items():
        assert ours[name]["deleted"] == deleted
        if digest is not None:
            assert ours[name]["sha256"] == digest, name
    assert exfat["listed"][exhibit]["sha256"] == hashlib.sha256(image.read_bytes()).hexdigest()


def test_exfat_images_unchanged(exfat: dict[str, Any]) -> None:
    assert exfat["before"] == exfat["after"]
