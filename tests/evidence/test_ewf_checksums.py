"""E01 chunk checksums are checked as ewfverify checks them; bad sectors are named, and mapped to files.

The E01s are made by ewfacquire from a real FAT disk; the damage is a one-byte edit at an offset
computed here from the E01's own table section (independently of the code under test), and
every verdict is compared with what ewfverify itself says about the same file.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import random
import re
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from imagebuilders import build_disk, build_fat, to_e01

from forensic_triage.cli.main import run
from forensic_triage.jobs.byteranges import bad_ranges, damaged_file_notes, files_touching
from forensic_triage.jobs.intake import add_evidence
from forensic_triage.jobs.settings import TriageSettings
from forensic_triage.jobs.triage import run_triage
from forensic_triage.store import CaseStore

CHUNK = 32768
RANDOM = random.Random(11).randbytes(3 * CHUNK)  # stored uncompressed
TEXT = b"".join(b"line %06d of a compressible letter\n" % i for i in range(3000))  # stored compressed


def _chunks(e01: Path) -> list[tuple[int, int, bool]]:
    """(start, end, compressed) of every chunk in one E01 segment file, from its table section."""
    data = e01.read_bytes()
    offset, sections = 13, []
    while True:
        kind = data[offset: offset + 16].rstrip(b"\0")
        nxt, _size = struct.unpack_from("<QQ", data, offset + 16)
        sections.append((kind, offset))
        if kind in (b"done", b"next") or nxt == offset:
            break
        offset = nxt
    table = next(off for kind, off in sections if kind == b"table")
    count, _, base = struct.unpack_from("<IIQ", data, table + 76)
    entries = struct.unpack_from(f"<{count}I", data, table + 100)
    starts = [base + (e & 0x7FFFFFFF) for e in entries]
    return [(s, starts[i + 1] if i + 1 < count else table, bool(entries[i] >> 31)) for i, s in enumerate(starts)]


@pytest.fixture(scope="module")
def disk(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, int]]:
    folder = tmp_path_factory.mktemp("ewf")
    fat = build_fat(folder / "fat.img", {"random.bin": RANDOM, "letter.txt": TEXT}, size_mb=16)
    raw = build_disk(folder / "disk.dd", [(fat, "0e")]).path
    e01 = to_e01(raw, folder / "disk", compression="fast")
    media = raw.read_bytes()
    where = {"random.bin": media.find(RANDOM[:4096]), "letter.txt": media.find(TEXT[:4096])}
    assert all(v > 0 and v % 512 == 0 for v in where.values())
    return raw, e01, where


def _ewfverify(path: Path) -> tuple[bool, str, list[tuple[int, int]]]:
    out = subprocess.run(["ewfverify", "-q", str(path)], capture_output=True, text=True, check=False)
    text = out.stdout + out.stderr
    sectors = [(int(a), int(b)) for a, b in re.findall(r"at sector\(s\): (\d+) - (\d+)", text)]
    md5 = re.search(r"MD5 hash calculated over data:\s+([0-9a-f]{32})", text)
    return "ewfverify: SUCCESS" in text, md5.group(1) if md5 else "", sectors


def _damaged(e01: Path, target: Path, chunk_index: int, *, where: str) -> Path:
    start, end, compressed = _chunks(e01)[chunk_index]
    data = bytearray(e01.read_bytes())
    if where == "checksum":  # the last byte of the chunk: its Adler-32 (either layout)
        data[end - 1] ^= 0x01
    else:  # a data byte in the middle of the chunk
        data[start + (end - start) // 2] ^= 0x01
    target.write_bytes(bytes(data))
    return target


def _chunk_of(where: dict[str, int], name: str, compressed: bool, e01: Path) -> int:
    index = where[name] // CHUNK + 1  # a chunk wholly inside the file
    assert _chunks(e01)[index][2] is compressed
    return index


def _add(tmp_path: Path, image: Path) -> tuple[int, str, CaseStore]:
    case = tmp_path / "case"
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert run(["case", "new", str(case), "--case-number", "T", "--examiner", "tester"]) == 0
        code = run(["evidence", "add", str(case), str(image), "--exhibit", "EXH-001", "--quiet"])
    return code, out.getvalue(), CaseStore.open(case)


def test_an_intact_e01_verifies_like_ewfverify(disk: tuple[Path, Path, dict[str, int]], tmp_path: Path) -> None:
    _, e01, _ = disk
    ok, md5, _ = _ewfverify(e01)
    code, out, store = _add(tmp_path, e01)
    try:
        row = store.query("SELECT verdict, md5 FROM evidence")[0]
        assert ok and code == 0 and row["verdict"] == "MATCH" and row["md5"] == md5
        assert "warning" not in out
    finally:
        store.close()


@pytest.mark.parametrize("name,compressed", [("random.bin", False), ("letter.txt", True)])
def test_a_damaged_chunk_checksum_is_not_verified(disk: tuple[Path, Path, dict[str, int]], tmp_path: Path,
                                                  name: str, compressed: bool) -> None:
    raw, e01, where = disk
    index = _chunk_of(where, name, compressed, e01)
    bad = _damaged(e01, tmp_path / "bad.E01", index, where="checksum")
    ok, md5, sectors = _ewfverify(bad)
    assert not ok and sectors == [(index * 64, index * 64 + 63)]
    code, out, store = _add(tmp_path, bad)
    try:
        row = store.query("SELECT id, verdict, md5, stored_md5 FROM evidence")[0]
        # The data itself is intact: the hash matches as ewfverify computes it, yet it is not VERIFIED.
        assert row["md5"] == md5 == row["stored_md5"]
        assert row["verdict"] == "CHECKSUM ERRORS" and code == 5
        assert f"sectors {index * 64}–{index * 64 + 63}" in out
        assert "failed their checksums" in out and "matches the stored hash, yet the image is not verified" in out
        assert "failed verification (CHECKSUM ERRORS)" in out
        assert bad_ranges(store, row["id"]) == [(index * CHUNK, (index + 1) * CHUNK)]
        run_triage(store, TriageSettings(jobs=1, plugins=[], builtin_rules=False, content_search=False))
        touched = files_touching(store, row["id"], bad_ranges(store, row["id"]))
        assert [t.path for t in touched] == [f"/{name}"]
        assert touched[0].ranges == ((index * CHUNK, (index + 1) * CHUNK),)
        # Exact at the file's first byte: the sector before it is not the file's.
        start = where[name]
        assert f"/{name}" not in [t.path for t in files_touching(store, row["id"], [(start - 512, start)])]
        assert [t.path for t in files_touching(store, row["id"], [(start, start + 1)])] == [f"/{name}"]
        notes = damaged_file_notes(store, row["id"])
        assert len(notes) == 1 and notes[0].startswith(f"/{name} (") and "cannot be trusted" in notes[0]
        # Triage stored that sentence as a warning (report limitations, 'warnings'), once, also when resumed.
        run_triage(store, TriageSettings(jobs=1, plugins=[], builtin_rules=False, content_search=False))
        stored = [r["message"] for r in store.query(
            "SELECT message FROM warnings WHERE source='evidence.damage' AND kind='integrity'")]
        assert stored == notes
    finally:
        store.close()
    assert raw.exists()


def test_changed_data_is_a_mismatch_naming_the_sectors(disk: tuple[Path, Path, dict[str, int]],
                                                       tmp_path: Path) -> None:
    _, e01, where = disk
    index = _chunk_of(where, "random.bin", False, e01)
    bad = _damaged(e01, tmp_path / "changed.E01", index, where="data")
    ok, md5, sectors = _ewfverify(bad)
    assert not ok and sectors == [(index * 64, index * 64 + 63)]
    code, out, store = _add(tmp_path, bad)
    try:
        row = store.query("SELECT verdict, md5, stored_md5 FROM evidence")[0]
        assert row["verdict"] == "MISMATCH" and code == 5
        assert row["md5"] == md5 != row["stored_md5"]  # the same hash ewfverify computes over the data
        assert f"sectors {index * 64}–{index * 64 + 63}" in out and "does not match" in out
    finally:
        store.close()


def test_an_undecompressable_chunk_is_named_and_zero_filled(disk: tuple[Path, Path, dict[str, int]],
                                                            tmp_path: Path) -> None:
    raw, e01, where = disk
    index = _chunk_of(where, "letter.txt", True, e01)
    start, end, _ = _chunks(e01)[index]
    data = bytearray(e01.read_bytes())
    data[start + 2: start + 12] = b"\xff" * 10  # the deflate stream itself
    bad = tmp_path / "broken.E01"
    bad.write_bytes(bytes(data))
    ok, _, sectors = _ewfverify(bad)
    assert not ok and sectors == [(index * 64, index * 64 + 63)]
    with pytest.raises(zlib.error):
        zlib.decompress(bytes(data[start:end]))
    # ewfverify 20140813 hashes whatever its buffer held for such a chunk (two runs gave two MD5s);
    # this tool hashes zeros there, as pyewf reads it, and says so.
    media = bytearray(raw.read_bytes())
    media[index * CHUNK: (index + 1) * CHUNK] = bytes(CHUNK)
    code, out, store = _add(tmp_path, bad)
    try:
        row = store.query("SELECT verdict, md5 FROM evidence")[0]
        assert row["verdict"] == "MISMATCH" and code == 5
        assert row["md5"] == hashlib.md5(bytes(media)).hexdigest()
        assert f"sectors {index * 64}–{index * 64 + 63}" in out and "could not be decompressed at all" in out
    finally:
        store.close()


def test_add_evidence_result_lists_the_stored_warnings(disk: tuple[Path, Path, dict[str, int]],
                                                       tmp_path: Path) -> None:
    _, e01, where = disk
    index = _chunk_of(where, "random.bin", False, e01)
    bad = _damaged(e01, tmp_path / "bad.E01", index, where="checksum")
    store = CaseStore.create(tmp_path / "case2", case_number="T", examiner="tester")
    try:
        result = add_evidence(store, bad)
        stored = [r["message"] for r in store.query("SELECT message FROM warnings ORDER BY id")]
        assert result.warnings == stored and len(stored) == 1
    finally:
        store.close()


def test_a_multi_segment_e01_names_the_right_sectors(tmp_path: Path) -> None:
    noise = random.Random(3).randbytes(3 << 20)
    fat = build_fat(tmp_path / "fat.img", {"noise.bin": noise}, size_mb=16)
    raw = build_disk(tmp_path / "disk.dd", [(fat, "0e")]).path
    first = to_e01(raw, tmp_path / "multi", compression="fast", segment_size=1 << 20)
    segments = sorted(tmp_path.glob("multi.E0*"))
    assert len(segments) >= 3 and segments[0] == first
    ok, _, _ = _ewfverify(first)
    assert ok
    # Damage the checksum of the 5th chunk stored in the second segment.
    before = len(_chunks(segments[0]))
    start, end, compressed = _chunks(segments[1])[4]
    assert not compressed
    data = bytearray(segments[1].read_bytes())
    data[end - 1] ^= 0x01
    segments[1].write_bytes(bytes(data))
    index = before + 4
    ok, md5, sectors = _ewfverify(first)
    assert not ok and sectors == [(index * 64, index * 64 + 63)]
    code, out, store = _add(tmp_path, first)
    try:
        row = store.query("SELECT verdict, md5, stored_md5 FROM evidence")[0]
        assert row["verdict"] == "CHECKSUM ERRORS" and code == 5 and row["md5"] == md5 == row["stored_md5"]
        assert f"sectors {index * 64}–{index * 64 + 63}" in out
    finally:
        store.close()
