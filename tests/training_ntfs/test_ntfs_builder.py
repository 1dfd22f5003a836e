"""The pure-Python NTFS builder, checked by the real readers: The Sleuth Kit (fsstat, fls,
istat, icat) and ntfs-3g (ntfsinfo, ntfsls, ntfsfix -n, ntfscat).

The tools are required (Debian packages sleuthkit and ntfs-3g): a missing tool fails the test,
it does not skip it.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import re
import struct
import subprocess
from pathlib import Path

import pytest

from forensic_triage.sample.ntfs import RECORD, SECTOR, NtfsBuilder, NtfsTimes
from forensic_triage.sample.ntfs_pack import PART_START, build_windows_pack

UTC = _dt.UTC
T = NtfsTimes.of(_dt.datetime(2025, 3, 1, 9, 0, 0, tzinfo=UTC), _dt.datetime(2025, 3, 2, 10, 30, 15, tzinfo=UTC),
                 _dt.datetime(2025, 3, 3, 11, 0, 1, tzinfo=UTC))
BIG = bytes(range(256)) * 100  # 25600 bytes: 7 clusters, stored in two fragments
GONE = b"deleted but still in its clusters\n" * 60
ZONE = b"[ZoneTransfer]\r\nZoneId=3\r\nHostUrl=https://example.org/a.exe\r\n"


def _run(*args: str, data: bool = False) -> subprocess.CompletedProcess[bytes]:
    res = subprocess.run(list(args), capture_output=True, timeout=120, check=False)
    assert res.returncode == 0, f"{' '.join(args)} -> {res.returncode}\n{res.stderr.decode(errors='replace')}"
    return res


def _volume(tmp: Path, sectors: int = 16384) -> tuple[Path, dict[str, bytes]]:
    fs = NtfsBuilder(sectors, hidden_sectors=0, serial=0x1122334455667788, label="TEST",
                     formatted=_dt.datetime(2025, 1, 1, tzinfo=UTC))
    files = {f"docs/file{i:02d}.txt": f"line {i}\n".encode() * (i * 30) for i in range(40)}
    fs.add_dir("docs", T)
    for path, content in files.items():
        fs.add_file(path, content, T)
    fs.add_file("docs/big.bin", BIG, T, fragmented=True)
    fs.add_file("docs/small.txt", b"resident data\n", T)
    fs.add_file("docs/setup.exe", b"MZ" + bytes(3000), T, streams={"Zone.Identifier": ZONE})
    fs.add_file("docs/gone.txt", GONE, T, deleted=True)
    files.update({"docs/big.bin": BIG, "docs/small.txt": b"resident data\n", "docs/setup.exe": b"MZ" + bytes(3000)})
    path = tmp / "vol.img"
    path.write_bytes(fs.build())
    return path, files


def _fls(image: Path, *extra: str) -> list[tuple[str, str, bool]]:
    """(type, meta address, deleted) and path of every fls -r -p line, as (path, address, deleted)."""
    out = _run("fls", "-r", "-p", *extra, str(image)).stdout.decode()
    rows = []
    for line in out.splitlines():
        m = re.match(r"^(\S+) (\* )?([\d-]+)(?:\(realloc\))?:\t(.*)$", line)
        assert m, line
        rows.append((m.group(4), m.group(3), bool(m.group(2))))
    return rows


def test_sleuthkit_lists_and_reads_every_file(tmp_path: Path) -> None:
    image, files = _volume(tmp_path)
    stat = _run("fsstat", str(image)).stdout.decode()
    assert "File System Type: NTFS" in stat and "Volume Name: TEST" in stat
    assert "Volume Serial Number: 1122334455667788" in stat
    rows = {path: (addr, deleted) for path, addr, deleted in _fls(image)}
    for path, content in files.items():
        addr, deleted = rows[path]
        assert not deleted, path
        assert hashlib.sha256(_run("icat", str(image), addr).stdout).digest() == hashlib.sha256(content).digest(), path
    # The alternate data stream is its own attribute of the same MFT entry.
    ads_addr, _ = rows["docs/setup.exe:Zone.Identifier"]
    assert ads_addr.split("-")[0] == rows["docs/setup.exe"][0].split("-")[0]
    assert _run("icat", str(image), ads_addr).stdout == ZONE
    # The deleted file: listed under its folder, marked deleted, and recovered whole.
    addr, deleted = rows["docs/gone.txt"]
    assert deleted
    assert _run("icat", str(image), addr.split("-")[0]).stdout == GONE
    assert "Not Allocated" in _run("istat", str(image), addr.split("-")[0]).stdout.decode()


def test_fragmented_file_and_folder_index_records(tmp_path: Path) -> None:
    image, _files = _volume(tmp_path)
    rows = {path: addr for path, addr, _ in _fls(image)}
    big = _run("istat", str(image), rows["docs/big.bin"].split("-")[0]).stdout.decode()
    clusters = [int(c) for c in big.split("$DATA (128-2)")[1].split("\n", 1)[1].split()]
    assert len(clusters) == 7
    gaps = [b - a for a, b in zip(clusters, clusters[1:], strict=False) if b - a != 1]
    assert gaps, f"big.bin is meant to be fragmented: {clusters}"
    folder = _run("istat", str(image), rows["docs"].split("-")[0]).stdout.decode()
    assert "$INDEX_ROOT (144-2)" in folder and "$INDEX_ALLOCATION (160-3)" in folder and "$BITMAP (176-4)" in folder
    small = _run("istat", str(image), rows["docs/small.txt"].split("-")[0]).stdout.decode()
    assert re.search(r"\$DATA \(128-2\)\s+Name: N/A\s+Resident", small)


def test_times_are_the_utc_times_given(tmp_path: Path) -> None:
    image, _files = _volume(tmp_path)
    rows = {path: addr for path, addr, _ in _fls(image)}
    text = _run("istat", str(image), rows["docs/small.txt"].split("-")[0]).stdout.decode()
    si = text.split("$STANDARD_INFORMATION Attribute Values:")[1].split("$FILE_NAME")[0]
    assert "Created:\t2025-03-01 09:00:00.000000000 (UTC)" in si
    assert "File Modified:\t2025-03-02 10:30:15.000000000 (UTC)" in si
    assert "Accessed:\t2025-03-03 11:00:01.000000000 (UTC)" in si


def test_ntfs3g_mounts_and_lists(tmp_path: Path) -> None:
    image, files = _volume(tmp_path)
    check = _run("ntfsfix", "-n", str(image)).stdout.decode()
    assert "$MFTMirr" in check and "processed successfully" in check
    info = _run("ntfsinfo", "-m", str(image)).stdout.decode()
    assert "Volume Name: TEST" in info and "Volume Version: 3.1" in info
    listing = [n for n in _run("ntfsls", "-p", "/docs", str(image)).stdout.decode().split() if n not in (".", "..")]
    assert sorted(listing) == sorted(p.split("/")[1] for p in files)
    # Every name is found through the folder's B-tree (root separators and both INDX leaves).
    for path, content in files.items():
        assert _run("ntfscat", str(image), path).stdout == content, path
    assert _run("ntfscat", "-a", "0x80", "-n", "Zone.Identifier", str(image), "docs/setup.exe").stdout == ZONE


def test_same_input_same_bytes(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first, _ = _volume(tmp_path / "a")
    second, _ = _volume(tmp_path / "b")
    assert hashlib.sha256(first.read_bytes()).digest() == hashlib.sha256(second.read_bytes()).digest()


def test_update_sequence_fixups_are_checked(tmp_path: Path) -> None:
    """The sector ends of each MFT record hold the update sequence number and the real bytes sit
    in the array; a record whose sector end no longer matches is refused by TSK."""
    image, _files = _volume(tmp_path)
    data = bytearray(image.read_bytes())
    mft = struct.unpack_from("<Q", data, 0x30)[0] * 4096
    rows = {path: addr for path, addr, _ in _fls(image)}
    entry = int(rows["docs/small.txt"].split("-")[0])
    at = mft + entry * RECORD
    usn = data[at + 0x30: at + 0x32]
    assert data[at + SECTOR - 2: at + SECTOR] == usn and data[at + 2 * SECTOR - 2: at + 2 * SECTOR] == usn
    data[at + SECTOR - 2] ^= 0xFF
    broken = tmp_path / "broken.img"
    broken.write_bytes(bytes(data))
    res = subprocess.run(["istat", str(broken), str(entry)], capture_output=True, timeout=60, check=False)
    assert res.returncode != 0 and b"update sequence" in res.stderr.lower(), res.stderr


def test_builder_refuses_what_it_cannot_write(tmp_path: Path) -> None:
    fs = NtfsBuilder(16384, hidden_sectors=0, serial=1, label="X", formatted=_dt.datetime(2025, 1, 1, tzinfo=UTC))
    with pytest.raises(ValueError, match="add the folder"):
        fs.add_file("missing/a.txt", b"a", T)
    with pytest.raises(ValueError, match="fragmented"):
        fs.add_file("a.txt", b"small", T, fragmented=True)
    fs.add_file("b.txt", b"b", T)
    with pytest.raises(ValueError, match="added twice"):
        fs.add_file("b.txt", b"b", T)


def test_pack_image_partition_is_read_by_both_readers(tmp_path: Path) -> None:
    image, _questions = build_windows_pack(tmp_path)
    data = image.read_bytes()
    assert 16 * 1024 * 1024 <= len(data) <= 32 * 1024 * 1024
    assert data[510:512] == b"\x55\xaa" and data[446 + 4] == 0x07  # MBR, one NTFS partition
    volume = tmp_path / "volume.img"
    volume.write_bytes(data[PART_START * SECTOR:])
    assert "processed successfully" in _run("ntfsfix", "-n", str(volume)).stdout.decode()
    # Backup boot sector in the partition's last sector, identical to the first.
    assert data[-SECTOR:] == data[PART_START * SECTOR: PART_START * SECTOR + SECTOR]
    stat = _run("fsstat", "-o", str(PART_START), str(image)).stdout.decode()
    assert "File System Type: NTFS" in stat
    users = _run("ntfsls", "-p", "/Users/mreyes", str(volume)).stdout.decode().split()
    assert "NTUSER.DAT" in users and "Downloads" in users
