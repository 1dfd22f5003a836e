"""The built-in sample image: deterministic, and read back the same by The Sleuth Kit."""

from __future__ import annotations

import hashlib
import io
import json
import re
import shutil
import sqlite3
import struct
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest
from ft_testlib import require_tool

from forensic_triage.sample import SAMPLE_IMAGE_SIZE, build_sample_image, chrome_history_bytes
from forensic_triage.sample.generator import lfn_checksum, lfn_entries, short_name

EICAR_SHA256 = "275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f"
TSK_VIRTUAL = {"$MBR", "$FAT1", "$FAT2", "$OrphanFiles"}


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    path = tmp_path_factory.mktemp("sample") / "sample.img"
    return path, build_sample_image(path)


def _file_bytes(image: Path, manifest: dict[str, Any], rel: str) -> bytes:
    """Bytes of a manifest file straight from the image (FAT chain not needed: clusters are listed)."""
    pytsk3 = pytest.importorskip("pytsk3")
    fs = pytsk3.FS_Info(pytsk3.Img_Info(str(image)), offset=manifest["partitions"][0]["offset"])
    entry = _tsk_find(fs, rel)
    return entry.read_random(0, entry.info.meta.size) if entry.info.meta.size else b""


def _tsk_find(fs: Any, rel: str) -> Any:
    """Find a name (allocated or deleted) by walking the folders, as a triage walk does."""
    *folders, leaf = rel.split("/")
    directory = fs.open_dir(path="/" + "/".join(folders))
    for entry in directory:
        name = entry.info.name.name.decode("utf-8")
        if name == leaf and entry.info.meta is not None:
            return fs.open_meta(inode=entry.info.meta.addr)
    raise KeyError(rel)


# --------------------------------------------------------------------------- determinism


def test_image_is_deterministic(tmp_path: Path, sample: tuple[Path, dict[str, Any]]) -> None:
    first, manifest = sample
    second = tmp_path / "again.img"
    manifest2 = build_sample_image(second)
    data = first.read_bytes()
    assert len(data) == SAMPLE_IMAGE_SIZE <= 16 * 1024 * 1024
    assert hashlib.sha256(data).hexdigest() == manifest["image"]["sha256"]
    assert second.read_bytes() == data
    assert manifest2 == manifest
    json.dumps(manifest)  # the manifest is plain JSON


def test_chrome_history_is_deterministic_and_valid(tmp_path: Path) -> None:
    first, second = chrome_history_bytes(), chrome_history_bytes()
    assert first == second
    db = tmp_path / "History"
    db.write_bytes(first)
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert {"urls", "visits", "downloads", "keyword_search_terms", "meta"} <= tables
        assert conn.execute("SELECT COUNT(*) FROM urls").fetchone()[0] == 5
    finally:
        conn.close()


def test_sample_history_rows(sample: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    image, manifest = sample
    db = tmp_path / "History"
    db.write_bytes(_file_bytes(image, manifest, manifest["chrome_history"]["path"]))
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        # WebKit time: microseconds since 1601-01-01 UTC; 10:40:12 local (UTC-4) is 14:40:12 UTC.
        first = conn.execute("SELECT datetime(visit_time / 1000000 - 11644473600, 'unixepoch') FROM visits"
                             " ORDER BY id LIMIT 1").fetchone()[0]
        assert first == "2025-02-27 14:40:12"
        downloads = conn.execute("SELECT target_path, received_bytes, mime_type FROM downloads ORDER BY id").fetchall()
        assert downloads[0] == ("C:\\Users\\jdoe\\Downloads\\invoice.pdf",
                                manifest["files"]["Users/jdoe/Downloads/invoice.pdf"]["size"], "application/pdf")
        assert conn.execute("SELECT term FROM keyword_search_terms").fetchone()[0] == "how to remove exif data from photos"
    finally:
        conn.close()


# --------------------------------------------------------------------------- FAT details


def test_short_names_and_long_name_entries() -> None:
    used: set[bytes] = set()
    assert short_name("WIN.INI", used) == (b"WIN     INI", False)
    assert short_name("History", used) == (b"HISTORY    ", True)
    alias, _ = short_name("Quarterly Report.docx", used)
    assert alias == b"QUARTE~1DOC"
    used.add(alias)
    assert short_name("Quarterly Review.docx", used)[0] == b"QUARTE~2DOC"
    assert short_name("User Data", set())[0] == b"USERDA~1   "
    entries = lfn_entries("todo_list.txt", 0x42)  # exactly 13 characters: no terminator
    assert len(entries) == 1 and entries[0][0] == 0x41 and entries[0][11] == 0x0F and entries[0][13] == 0x42
    assert len(lfn_entries("IMG_20250227_101502.jpg", 0)) == 2
    # the same checksums mtools writes for ReadMe.txt and "a long file name.txt"
    assert lfn_checksum(b"README  TXT") == 0x73
    assert lfn_checksum(b"ALONGF~1TXT") == 0x02


# --------------------------------------------------------------------------- content


def test_content_facts(sample: tuple[Path, dict[str, Any]]) -> None:
    image, manifest = sample
    files = manifest["files"]
    assert manifest["eicar"]["sha256"] == EICAR_SHA256
    assert files[manifest["eicar"]["path"]]["size"] == 68
    lying = manifest["lying_file"]
    assert lying["path"].endswith(".pdf")
    assert _file_bytes(image, manifest, lying["path"]).startswith(b"\x89PNG\r\n\x1a\n")
    deleted = manifest["deleted_file"]
    assert deleted["deleted"] and deleted["path"] == "Users/jdoe/Documents/deleted_plan.txt"
    assert manifest["files"][manifest["chrome_history"]["path"]]["fragmented"]

    text = _file_bytes(image, manifest, manifest["indicators"]["path"]).decode()
    for key in ("email", "url", "card", "phone"):
        assert manifest["indicators"][key] in text
    digits = [int(d) for d in manifest["indicators"]["card"] if d.isdigit()][::-1]
    assert sum(d if i % 2 == 0 else (d * 2 - 9 if d > 4 else d * 2) for i, d in enumerate(digits)) % 10 == 0

    pdf = _file_bytes(image, manifest, "Users/jdoe/Documents/shipment_schedule.pdf")
    assert pdf.startswith(b"%PDF-1.4") and pdf.rstrip().endswith(b"%%EOF")
    xref_at = int(re.search(rb"startxref\n(\d+)", pdf).group(1))  # type: ignore[union-attr]
    assert pdf[xref_at:].startswith(b"xref")
    for number, offset in enumerate(re.findall(rb"(\d{10}) 00000 n", pdf), start=1):
        assert pdf[int(offset):].startswith(f"{number} 0 obj".encode())

    docx = zipfile.ZipFile(io.BytesIO(_file_bytes(image, manifest, "Users/jdoe/Documents/Quarterly Report.docx")))
    assert docx.testzip() is None
    assert docx.namelist()[0] == "[Content_Types].xml" and "word/document.xml" in docx.namelist()
    assert b"<dc:creator>John Doe</dc:creator>" in docx.read("docProps/core.xml")


def test_pictures_decode_with_exif(sample: tuple[Path, dict[str, Any]]) -> None:
    pil = pytest.importorskip("PIL.Image")
    image, manifest = sample
    exif_facts = manifest["exif"]
    jpeg = _file_bytes(image, manifest, exif_facts["path"])
    assert jpeg[:4] == b"\xff\xd8\xff\xe1" and jpeg[6:12] == b"Exif\0\0"
    picture = pil.open(io.BytesIO(jpeg))
    picture.load()
    assert picture.format == "JPEG" and picture.size == (exif_facts["width"], exif_facts["height"])
    r, g, b = picture.getpixel((0, 0))
    assert abs(r - 115) <= 3 and abs(g - 82) <= 3 and abs(b - 68) <= 3  # first colour-chart patch
    exif = picture.getexif()
    assert exif[0x010F] == exif_facts["make"] and exif[0x0110] == exif_facts["model"]
    assert exif.get_ifd(0x8769)[0x9003] == exif_facts["datetime_original"]
    gps = exif.get_ifd(0x8825)
    lat = sum(float(v) / 60 ** i for i, v in enumerate(gps[2]))
    lon = sum(float(v) / 60 ** i for i, v in enumerate(gps[4]))
    assert gps[1] == "N" and gps[3] == "W"
    assert abs(lat - exif_facts["gps_latitude"]) < 1e-4 and abs(-lon - exif_facts["gps_longitude"]) < 1e-4
    for rel in ("Users/jdoe/Pictures/screenshot.png", manifest["lying_file"]["path"]):
        png = pil.open(io.BytesIO(_file_bytes(image, manifest, rel)))
        png.load()
        assert png.format == "PNG"


# --------------------------------------------------------------------------- The Sleuth Kit


def _tool(name: str) -> str:
    require_tool(name)  # a failure under FT_REQUIRE_TOOLS=1 (.ci/run), else a visible skip
    path = shutil.which(name)
    assert path is not None
    return path


@pytest.mark.tools
def test_mmls_shows_the_partition(sample: tuple[Path, dict[str, Any]]) -> None:
    image, manifest = sample
    out = subprocess.run([_tool("mmls"), str(image)], capture_output=True, text=True, check=True).stdout
    part = manifest["partitions"][0]
    assert "DOS Partition Table" in out
    rows = [line.split() for line in out.splitlines() if re.match(r"^\d{3}:\s+\d{3}:\d{3}", line)]
    assert len(rows) == 1
    start, end, length = (int(v) for v in rows[0][2:5])
    assert (start, length, end) == (part["start_sector"], part["sectors"], part["start_sector"] + part["sectors"] - 1)
    assert "FAT16" in out and "(0x0e)" in out


@pytest.mark.tools
def test_fls_lists_exactly_the_manifest(sample: tuple[Path, dict[str, Any]]) -> None:
    image, manifest = sample
    offset = manifest["partitions"][0]["start_sector"]
    out = subprocess.run([_tool("fls"), "-r", "-p", "-o", str(offset), str(image)],
                         capture_output=True, text=True, check=True).stdout
    files: dict[str, bool] = {}
    directories: set[str] = set()
    for line in out.splitlines():
        meta, _, path = line.partition(":\t")
        kind, *flags = meta.split()
        if path in TSK_VIRTUAL or path.endswith("(Volume Label Entry)"):
            continue
        deleted = "*" in flags
        if kind == "d/d":
            directories.add(path)
        else:
            assert kind == "r/r", line
            files[path] = deleted
    assert directories == set(manifest["directories"])
    assert files == {path: facts["deleted"] for path, facts in manifest["files"].items()}
    assert files[manifest["deleted_file"]["path"]] is True


def test_pytsk3_reads_every_file(sample: tuple[Path, dict[str, Any]]) -> None:
    pytsk3 = pytest.importorskip("pytsk3")
    image, manifest = sample
    fs = pytsk3.FS_Info(pytsk3.Img_Info(str(image)), offset=manifest["partitions"][0]["offset"])
    assert fs.info.ftype == pytsk3.TSK_FS_TYPE_FAT16
    for rel, facts in manifest["files"].items():
        entry = _tsk_find(fs, rel)
        size = int(entry.info.meta.size)
        data = entry.read_random(0, size) if size else b""
        assert size == facts["size"], rel
        assert hashlib.sha256(data).hexdigest() == facts["sha256"], rel
        allocated = bool(int(entry.info.meta.flags) & pytsk3.TSK_FS_META_FLAG_ALLOC)
        assert allocated is not facts["deleted"], rel


def test_partition_table_bytes(sample: tuple[Path, dict[str, Any]]) -> None:
    image, manifest = sample
    with open(image, "rb") as handle:
        mbr = handle.read(512)
        part = manifest["partitions"][0]
        handle.seek(part["offset"])
        boot = handle.read(512)
    assert mbr[510:] == b"\x55\xaa" and boot[510:] == b"\x55\xaa"
    status, kind, start, count = mbr[446], mbr[450], *struct.unpack_from("<II", mbr, 454)
    assert (status, kind, start, count) == (0x80, part["type"], part["start_sector"], part["sectors"])
    assert boot[54:62] == b"FAT16   " and struct.unpack_from("<I", boot, 28)[0] == part["start_sector"]
