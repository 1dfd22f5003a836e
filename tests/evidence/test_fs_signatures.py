"""Volumes The Sleuth Kit cannot open are named for what they are, with a stored (and printed) warning:
NTFS with 2 MiB clusters (mkntfs), an APFS container (the dfvfs test image, named and its volume listed),
a gzip-compressed image (gzip), and LUKS/BitLocker headers (described from their signatures only)."""

from __future__ import annotations

import contextlib
import gzip
import io
import sqlite3
import subprocess
from pathlib import Path

import pytest
from imagebuilders import build_disk, build_fat, require_tools

from forensic_triage.cli.main import run
from forensic_triage.fs.signatures import ntfs_cluster_size, recognise

MiB = 1 << 20


def _add(tmp_path: Path, image: Path) -> tuple[int, str, list[str], list[tuple[object, ...]]]:
    case = tmp_path / "case"
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        assert run(["case", "new", str(case), "--case-number", "T", "--examiner", "tester"]) == 0
        code = run(["evidence", "add", str(case), str(image), "--exhibit", "EXH-001", "--quiet"])
    with sqlite3.connect(case / "case.sqlite") as conn:
        stored = [r[0] for r in conn.execute("SELECT message FROM warnings ORDER BY id")]
        volumes = conn.execute("SELECT offset, fs_type, fs_status FROM volumes WHERE fs_status != 'unallocated'"
                               " ORDER BY offset").fetchall()
    return code, out.getvalue(), stored, volumes


def _mkntfs(path: Path, cluster: int, size_mb: int = 64) -> Path:
    tools = require_tools("mkntfs")
    with open(path, "wb") as f:
        f.truncate(size_mb * MiB)
    subprocess.run([tools["mkntfs"], "-F", "-Q", "-q", "-c", str(cluster), str(path)], check=True,
                   capture_output=True)
    return path


def test_ntfs_with_2_mib_clusters_in_a_partition(tmp_path: Path) -> None:
    ntfs = _mkntfs(tmp_path / "ntfs.img", 2 * MiB)
    fat = build_fat(tmp_path / "fat.img", {"a.txt": b"readable\n"}, size_mb=16)
    disk = build_disk(tmp_path / "disk.dd", [(fat, "0e"), (ntfs, "07")]).path
    code, out, stored, volumes = _add(tmp_path, disk)
    assert code == 0
    assert volumes == [(MiB, "FAT16", "pending"), (17 * MiB, "NTFS (unsupported)", "error")]
    assert stored == [f"Evidence item EXH-001: NTFS volume at byte {17 * MiB} could not be opened by The Sleuth "
                      "Kit (cluster size 2 MiB is not supported): its files are not listed."]
    assert f"  warning: {stored[0]}" in out and "NTFS (unsupported)" in out


def test_ntfs_boot_sector_cluster_sizes() -> None:
    # The boot sector's sectors-per-cluster byte is a power of two, negative above 0x80.
    boot = bytearray(512)
    boot[0x0B:0x0D] = (512).to_bytes(2, "little")
    for code, size in ((0x08, 4096), (0x80, 65536), (0xF4, 2 * MiB), (0xF5, 1 * MiB)):
        boot[0x0D] = code
        assert ntfs_cluster_size(bytes(boot)) == size


def test_ntfs_with_4_kib_clusters_is_still_read(tmp_path: Path) -> None:
    code, out, stored, volumes = _add(tmp_path, _mkntfs(tmp_path / "ok.img", 4096))
    assert code == 0 and volumes == [(0, "NTFS", "pending")] and stored == [] and "warning" not in out


def test_a_gzip_file_is_described(tmp_path: Path) -> None:
    fat = build_fat(tmp_path / "fat.img", {"a.txt": b"inside the gzip\n"}, size_mb=16)
    packed = tmp_path / "fat.img.gz"
    subprocess.run(["gzip", "-k", str(fat)], check=True)
    assert packed.read_bytes()[:2] == b"\x1f\x8b"
    code, out, stored, volumes = _add(tmp_path, packed)
    assert code == 0 and volumes == [(0, "gzip (compressed)", "error")]
    assert stored == ["Evidence item EXH-001: A gzip-compressed file at byte 0, not a file system: decompress it "
                      "first, e.g. to a raw image (gunzip -k), and add that."]
    assert "no file system found" not in out and f"  warning: {stored[0]}" in out
    assert gzip.decompress(packed.read_bytes()) == fat.read_bytes()


@pytest.mark.corpus
def test_an_apfs_container_is_described(corpus: Path, tmp_path: Path) -> None:
    # Named as a container and its volume listed (read by libfsapfs: tests/test_apfs.py), no warning.
    image = corpus / "images" / "dfvfs" / "apfs.raw"
    assert image.read_bytes()[32:36] == b"NXSB"
    code, out, stored, volumes = _add(tmp_path, image)
    assert code == 0 and sorted(volumes) == [(0, "APFS", "pending"), (0, "APFS container", "container")]
    assert stored == [] and "no file system found" not in out and "APFS container" in out


def test_encrypted_volume_signatures_are_named() -> None:
    # Description only: the headers' fixed signatures (no LUKS/BitLocker tool is installed here).
    luks = b"LUKS\xba\xbe\x00\x02" + bytes(4096)
    bitlocker = b"\xebX\x90-FVE-FS-" + bytes(4096)
    found = recognise(luks, 1048576)
    assert found is not None and found.fs_type == "LUKS (encrypted)" and "at byte 1048576" in found.note
    found = recognise(bitlocker, 0)
    assert found is not None and found.fs_type == "BitLocker (encrypted)"
    assert recognise(bytes(8192), 0) is None
