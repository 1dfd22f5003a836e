"""Virtual disks as evidence: VHD (dynamic, fixed), VHDX, VMDK (monolithic sparse, split sparse
with a descriptor, a hand-written descriptor over two flat extents, a differencing child), QCOW2
and a QCOW2 backing chain, all made by qemu-img/qemu-io from one FAT disk built with sfdisk,
mkfs.fat and mtools. Each is added and triaged through the CLI; the media hash must equal the raw
disk's, the file list and every file's SHA-256 must equal ``fls -r -p``/``icat`` on the raw disk,
every container file must be recorded, and none may change. The Sleuth Kit's corpus VHD, VMDK and
QCOW must give the files and hashes of their truth files.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from ft_testlib import Cli, isolated_env, require_tool
from imagebuilders import build_disk, build_fat

TREE = {"docs/": None, "docs/report.txt": b"quarterly figures\n" * 300, "photo.jpg": b"\xff\xd8\xff\xe0" + bytes(5000),
        "gone.bin": bytes(range(256)) * 40}
ADDED = b"added in the child disk\n" * 200  # written only into the differencing children
_FLS = re.compile(r"^(?P<type>\S+)\s+(?P<deleted>\*\s+)?(?P<inode>\d+)(?:\(realloc\))?:\t(?P<path>.*)$")
_FLS_NTFS = re.compile(r"^(?P<type>\S+)\s+(?P<deleted>\*\s+)?(?P<inode>[\d-]+)(?:\(realloc\))?:\t(?P<path>.*)$")


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _state(folder: Path) -> dict[str, tuple[str, int]]:
    return {p.name: (_sha(p), p.stat().st_mtime_ns) for p in folder.iterdir() if p.is_file()}


def _qemu(*args: str | Path) -> None:
    subprocess.run(["qemu-img", *map(str, args)], check=True, capture_output=True)


def fls_truth(raw: Path, offset_sectors: int) -> dict[str, tuple[bool, str | None]]:
    """path -> (deleted, SHA-256 by icat for allocated regular files) from The Sleuth Kit."""
    out = subprocess.run(["fls", "-r", "-p", "-o", str(offset_sectors), str(raw)], check=True, capture_output=True,
                         text=True).stdout
    truth: dict[str, tuple[bool, str | None]] = {}
    for line in out.splitlines():
        m = _FLS.match(line)
        if not m:
            continue
        deleted = bool(m.group("deleted"))
        digest = None
        if m.group("type").startswith("r/") and not deleted:
            data = subprocess.run(["icat", "-o", str(offset_sectors), str(raw), m.group("inode")], check=True,
                                  capture_output=True).stdout
            digest = hashlib.sha256(data).hexdigest()
        truth[m.group("path")] = (deleted, digest)
    return truth


def _diff_into(child: Path, fmt: str, old: Path, new: Path, work: Path) -> None:
    """Write every 64 KiB block where ``new`` differs from ``old`` into the differencing ``child``."""
    block = 65536
    with old.open("rb") as a, new.open("rb") as b:
        offset = 0
        while True:
            x, y = a.read(block), b.read(block)
            if not y:
                break
            if x != y:
                piece = work / "piece.bin"
                piece.write_bytes(y)
                subprocess.run(["qemu-io", "-f", fmt, "-c", f"write -s {piece} {offset} {len(y)}", str(child)],
                               check=True, capture_output=True)
            offset += len(y)
    (work / "piece.bin").unlink(missing_ok=True)


@pytest.fixture(scope="module")
def disks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    require_tool("qemu-img", "qemu-io", "sfdisk", "mkfs.fat", "mcopy", "fls", "icat")
    work = tmp_path_factory.mktemp("vdisk")
    build = work / "build"
    build.mkdir()
    fs = build_fat(build / "fs.img", TREE, fat=12, size_mb=4, deleted=["gone.bin"])
    disk = build_disk(build / "disk.raw", [(fs, 0x01)])
    raw = disk.path
    # The child disks' content: the same disk with one more file, written by mtools.
    raw2 = build / "disk2.raw"
    shutil.copyfile(raw, raw2)
    added = build / "added.txt"
    added.write_bytes(ADDED)
    subprocess.run(["mcopy", "-i", f"{raw2}@@{disk.partitions[0].offset}", str(added), "::added.txt"], check=True,
                   capture_output=True, env={**os.environ, "MTOOLS_SKIP_CHECK": "1"})
    ev = work / "evidence"
    ev.mkdir()
    _qemu("convert", "-f", "raw", "-O", "vpc", "-o", "subformat=dynamic,force_size=on", raw, ev / "dynamic.vhd")
    _qemu("convert", "-f", "raw", "-O", "vpc", "-o", "subformat=fixed,force_size=on", raw, ev / "fixed.vhd")
    _qemu("convert", "-f", "raw", "-O", "vhdx", raw, ev / "disk.vhdx")
    _qemu("convert", "-f", "raw", "-O", "vmdk", "-o", "subformat=monolithicSparse", raw, ev / "mono.vmdk")
    split = ev / "split"
    split.mkdir()
    _qemu("convert", "-f", "raw", "-O", "vmdk", "-o", "subformat=twoGbMaxExtentSparse", raw, split / "split.vmdk")
    _qemu("convert", "-f", "raw", "-O", "qcow2", raw, ev / "disk.qcow2")
    # Two flat extents under one descriptor: qemu-img's monolithicFlat disk, its extent cut in two and
    # the descriptor's extent line rewritten as VMware writes a split flat disk.
    flat = ev / "flat"
    flat.mkdir()
    _qemu("convert", "-f", "raw", "-O", "vmdk", "-o", "subformat=monolithicFlat", raw, flat / "flat.vmdk")
    data = (flat / "flat-flat.vmdk").read_bytes()
    (flat / "flat-flat.vmdk").unlink()
    half = len(data) // 2 // 512 * 512
    (flat / "flat-f001.vmdk").write_bytes(data[:half])
    (flat / "flat-f002.vmdk").write_bytes(data[half:])
    descriptor = (flat / "flat.vmdk").read_bytes().rstrip(b"\x00 ").decode()
    descriptor = re.sub(r'RW \d+ FLAT "flat-flat.vmdk" 0',
                        f'RW {half // 512} FLAT "flat-f001.vmdk" 0\nRW {(len(data) - half) // 512} FLAT "flat-f002.vmdk" 0',
                        descriptor.replace('"monolithicFlat"', '"twoGbMaxExtentFlat"').replace("CID=", "CID=1a2b3c4d\n#", 1))
    (flat / "flat.vmdk").write_text(descriptor)
    # Differencing chains: a child of a base, the child holding the added file.
    for fmt in ("qcow2", "vmdk"):
        chain = ev / f"chain-{fmt}"
        chain.mkdir()
        _qemu("convert", "-f", "raw", "-O", fmt, raw, chain / f"base.{fmt}")
        _qemu("create", "-f", fmt, "-b", f"base.{fmt}", "-F", fmt, chain / f"child.{fmt}")
        _diff_into(chain / f"child.{fmt}", fmt, raw, raw2, build)
    items = {
        "VHD-DYN": (ev / "dynamic.vhd", "vhd", raw, ["dynamic.vhd"]),
        "VHD-FIX": (ev / "fixed.vhd", "vhd", raw, ["fixed.vhd"]),
        "VHDX": (ev / "disk.vhdx", "vhdx", raw, ["disk.vhdx"]),
        "VMDK-MONO": (ev / "mono.vmdk", "vmdk", raw, ["mono.vmdk"]),
        "VMDK-SPLIT": (split / "split.vmdk", "vmdk", raw, sorted(p.name for p in split.iterdir())),
        "VMDK-FLAT": (flat / "flat.vmdk", "vmdk", raw, ["flat.vmdk", "flat-f001.vmdk", "flat-f002.vmdk"]),
        "VMDK-CHILD": (ev / "chain-vmdk/child.vmdk", "vmdk", raw2, ["child.vmdk", "base.vmdk"]),
        "QCOW2": (ev / "disk.qcow2", "qcow", raw, ["disk.qcow2"]),
        "QCOW2-CHILD": (ev / "chain-qcow2/child.qcow2", "qcow", raw2, ["child.qcow2", "base.qcow2"]),
    }
    before = {str(p): _state(p) for p in [ev, split, flat, ev / "chain-qcow2", ev / "chain-vmdk"]}
    cli = Cli(isolated_env(work / "home"))
    case = str(work / "case")
    cli("case", "new", case, "--case-number", "VD-1", "--examiner", "Examiner")
    for exhibit, (path, *_rest) in items.items():
        cli("evidence", "add", case, str(path), "--exhibit", exhibit, "--quiet")
    cli("triage", case, "--jobs", "1", "--quiet")
    listed = {row["exhibit"]: row for row in cli.jsonl("evidence", "list", case)}
    files = cli.jsonl("files", case, "--all-types")
    after = {str(p): _state(Path(p)) for p in before}
    with sqlite3.connect(f"file:{Path(case) / 'case.sqlite'}?mode=ro", uri=True) as conn:
        details = {uid: json.loads(d or "{}") for uid, d in conn.execute("SELECT exhibit, details FROM evidence")}
    start = disk.partitions[0].start_sector
    return {"work": work, "ev": ev, "raw": raw, "items": items, "listed": listed, "files": files, "before": before,
            "after": after, "details": details, "offset": disk.partitions[0].offset,
            "truth": {raw: fls_truth(raw, start), raw2: fls_truth(raw2, start)}, "cli": cli}


@pytest.mark.parametrize("exhibit", ["VHD-DYN", "VHD-FIX", "VHDX", "VMDK-MONO", "VMDK-SPLIT", "VMDK-FLAT",
                                     "VMDK-CHILD", "QCOW2", "QCOW2-CHILD"])
def test_virtual_disk_reads_like_the_raw_disk(disks: dict[str, Any], exhibit: str) -> None:
    path, fmt, reference, names = disks["items"][exhibit]
    row = disks["listed"][exhibit]
    assert row["format"] == fmt
    assert row["sha256"] == _sha(reference) and row["media_size"] == reference.stat().st_size
    # Every container file recorded and hashed on its own; the file given first.
    recorded = [Path(c["path"]) for c in row["containers"]]
    assert recorded[0] == path.resolve()
    assert sorted(p.name for p in recorded) == sorted(names)
    for c in row["containers"]:
        assert c["sha256"] == _sha(Path(c["path"]))
    # The file list and each file's content equal fls/icat on the raw disk.
    truth = disks["truth"][reference]
    ours = {f["path"].lstrip("/"): f for f in disks["files"]
            if f["evidence"] == row["evidence"] and f["partition_offset"] == disks["offset"]}
    assert set(ours) == set(truth), set(ours) ^ set(truth)
    for name, (deleted, digest) in truth.items():
        assert ours[name]["deleted"] == deleted, name
        if digest is not None:
            assert ours[name]["sha256"] == digest, name
    assert ("added.txt" in ours) == (reference != disks["raw"])


def test_containers_unchanged(disks: dict[str, Any]) -> None:
    assert disks["before"] == disks["after"]


def test_details_recorded(disks: dict[str, Any]) -> None:
    d = disks["details"]
    assert d["VHD-DYN"]["format"] == "VHD" and d["VHD-DYN"]["disk_type"] == "dynamic"
    assert d["VHD-FIX"]["disk_type"] == "fixed"
    assert d["VHDX"]["format"] == "VHDX" and d["VHDX"]["identifier"]
    assert d["VMDK-MONO"]["disk_type"] == "monolithicSparse"
    assert d["VMDK-SPLIT"]["disk_type"] == "twoGbMaxExtentSparse"
    assert [e["type"] for e in d["VMDK-FLAT"]["extents"]] == ["FLAT", "FLAT"]
    assert [Path(e["file"]).name for e in d["VMDK-FLAT"]["extents"]] == ["flat-f001.vmdk", "flat-f002.vmdk"]
    assert d["VMDK-FLAT"]["content_identifier"] == "1a2b3c4d"
    child = d["VMDK-CHILD"]
    assert child["parent_filename"] == "base.vmdk"
    assert [Path(c["file"]).name for c in child["chain"]] == ["child.vmdk", "base.vmdk"]
    assert child["parent_content_identifier"] == child["chain"][1]["content_identifier"]
    assert d["QCOW2"]["format"] == "QCOW2" and d["QCOW2"]["version"] == 3 and d["QCOW2"]["cluster_size"] == 65536
    assert d["QCOW2-CHILD"]["backing_file"] == "base.qcow2"
    for item in d.values():
        assert item["virtual_size"] == disks["raw"].stat().st_size


def _add_fails(disks: dict[str, Any], image: Path) -> str:
    case = disks["work"] / f"case-{image.parent.name}"
    env = isolated_env(disks["work"] / "home")
    cmd = [sys.executable, "-m", "forensic_triage"]
    subprocess.run([*cmd, "case", "new", str(case), "--case-number", "X", "--examiner", "E"], check=True, env=env,
                   capture_output=True)
    res = subprocess.run([*cmd, "evidence", "add", str(case), str(image)], env=env, capture_output=True, text=True,
                         check=False)
    assert res.returncode == 3 and "Traceback" not in res.stderr, res.stderr
    return res.stderr


@pytest.mark.parametrize("fmt", ["qcow2", "vmdk"])
def test_missing_parent_is_named(disks: dict[str, Any], fmt: str) -> None:
    alone = disks["work"] / f"alone-{fmt}"
    alone.mkdir()
    shutil.copy2(disks["ev"] / f"chain-{fmt}" / f"child.{fmt}", alone)
    err = _add_fails(disks, alone / f"child.{fmt}")
    assert f"'base.{fmt}'" in err and str(alone / f"base.{fmt}") in err and "not found" in err


def test_missing_extent_is_named(disks: dict[str, Any]) -> None:
    broken = disks["work"] / "broken-split"
    shutil.copytree(disks["items"]["VMDK-SPLIT"][0].parent, broken)
    extent = next(p for p in broken.iterdir() if p.name != "split.vmdk")
    extent.unlink()
    err = _add_fails(disks, broken / "split.vmdk")
    assert extent.name in err and str(extent) in err and "extent" in err


def test_extent_given_instead_of_descriptor(disks: dict[str, Any]) -> None:
    extent = next(p for p in disks["items"]["VMDK-SPLIT"][0].parent.iterdir() if p.name != "split.vmdk")
    err = _add_fails(disks, extent)
    assert "is an extent of a VMDK disk" in err and "descriptor" in err


def test_wrong_parent_is_refused(disks: dict[str, Any]) -> None:
    """A parent that changed after the child was made (another content id) is not read as the parent."""
    swapped = disks["work"] / "swapped-vmdk"
    swapped.mkdir()
    shutil.copy2(disks["ev"] / "chain-vmdk/child.vmdk", swapped)
    shutil.copy2(disks["ev"] / "mono.vmdk", swapped / "base.vmdk")
    err = _add_fails(disks, swapped / "child.vmdk")
    assert "does not match child.vmdk" in err and "content identifier" in err


# --------------------------------------------------------------------------- corpus


_CORPUS = [("image.vhd", "sleuthkit_image.vhd"), ("image.vmdk", "sleuthkit_image.vmdk"),
           # No QCOW truth exists (TSK cannot read QCOW); its disk is byte-identical to image.vmdk's.
           ("image.qcow", "sleuthkit_image.vmdk")]


@pytest.mark.corpus
@pytest.mark.parametrize("name,truth", _CORPUS, ids=[n for n, _ in _CORPUS])
def test_corpus_virtual_disks_match_truth(corpus: Path, tmp_path: Path, name: str, truth: str) -> None:
    from forensic_triage.jobs.intake import add_evidence
    from forensic_triage.jobs.settings import TriageSettings
    from forensic_triage.jobs.triage import run_triage
    from forensic_triage.store import CaseStore

    image = corpus / "images/sleuthkit" / name
    before = (_sha(image), image.stat().st_mtime_ns)
    hashes = (corpus / "truth" / f"{truth}.hashes.txt").read_text()
    expected = {k: v for k, v in re.findall(r"^(size|md5|sha1|sha256)\s+(\S+)$", hashes, re.M)}
    store = CaseStore.create(tmp_path / "case", case_number="T", examiner="tester")
    result = add_evidence(store, image, exhibit="EXH-1")
    assert (result.media_size, result.md5, result.sha1, result.sha256) == (
        int(expected["size"]), expected["md5"], expected["sha1"], expected["sha256"])
    run_triage(store, TriageSettings(jobs=1, plugins=[], builtin_rules=False, content_search=False))
    lines = (corpus / "truth" / f"{truth}.fls.txt").read_text().splitlines()
    want = {m.group("path"): bool(m.group("deleted")) for m in map(_FLS.match, lines) if m}
    rows = store.query("SELECT path, allocated FROM files WHERE evidence_id = ?", (result.evidence_id,))
    got = {r["path"].lstrip("/"): not r["allocated"] for r in rows}
    store.close()
    assert got == want
    assert (_sha(image), image.stat().st_mtime_ns) == before


def test_package_copies_files_out_of_differencing_disks(disks: dict[str, Any]) -> None:
    """The package copier reopens the evidence through the Resolver: a file only the child holds
    comes out of the QCOW2 and VMDK chains with the content mcopy wrote."""
    cli, case = disks["cli"], str(disks["work"] / "case")
    for exhibit in ("QCOW2-CHILD", "VMDK-CHILD"):
        evidence = disks["listed"][exhibit]["evidence"]
        row = next(f for f in disks["files"] if f["evidence"] == evidence and f["path"] == "/added.txt")
        cli("tag", case, "--file", row["locator"], "--tag", "notable")
    out = disks["work"] / "package"
    cli("package", case, "--out", str(out), "--scope", "tagged", "--include-files")
    copied = [p for p in (out / "data").rglob("*") if p.is_file() and p.read_bytes() == ADDED]
    assert len(copied) == 2, sorted(str(p.relative_to(out)) for p in (out / "data").rglob("*") if p.is_file())
    assert {p: _state(Path(p)) for p in disks["before"]} == disks["before"]


def test_moved_chain_is_found_next_to_the_child(disks: dict[str, Any]) -> None:
    """A child recording its backing file by absolute path, moved with it to another folder: the
    parent is taken from next to the child, never from the recorded place."""
    made = disks["work"] / "made-here"
    made.mkdir()
    _qemu("convert", "-f", "raw", "-O", "qcow2", disks["raw"], made / "base.qcow2")
    _qemu("create", "-f", "qcow2", "-b", made / "base.qcow2", "-F", "qcow2", made / "child.qcow2")
    moved = disks["work"] / "moved"
    moved.mkdir()
    for name in ("base.qcow2", "child.qcow2"):
        shutil.copy2(made / name, moved / name)
    from forensic_triage.evidence.detect import detect
    from forensic_triage.evidence.images import open_media

    found = detect(moved / "child.qcow2")
    assert found.segments == (moved / "child.qcow2", moved / "base.qcow2")
    media = open_media(moved / "child.qcow2", found)
    try:
        assert media.details["backing_file"] == str(made / "base.qcow2")
        assert hashlib.sha256(media.read(0, media.size)).hexdigest() == _sha(disks["raw"])
    finally:
        media.close()
    (made / "base.qcow2").unlink()
    (moved / "base.qcow2").unlink()
    err = _add_fails(disks, moved / "child.qcow2")
    assert f"'{made / 'base.qcow2'}'" in err and f"looked for {moved / 'base.qcow2'})" in err


def test_raw_backing_file_is_refused(disks: dict[str, Any]) -> None:
    folder = disks["work"] / "raw-backed"
    folder.mkdir()
    shutil.copy2(disks["raw"], folder / "disk.raw")
    _qemu("create", "-f", "qcow2", "-b", "disk.raw", "-F", "raw", folder / "child.qcow2")
    err = _add_fails(disks, folder / "child.qcow2")
    assert "backing file" in err and "disk.raw" in err and "is not a QCOW image" in err


@pytest.mark.parametrize("name,keep", [("disk.qcow2", 200_000), ("disk.vhdx", 1_500_000), ("dynamic.vhd", 100_000)])
def test_truncated_container_is_refused_plainly(disks: dict[str, Any], name: str, keep: int) -> None:
    folder = disks["work"] / f"cut-{name}"
    folder.mkdir()
    cut = folder / name
    cut.write_bytes((disks["ev"] / name).read_bytes()[:keep])
    err = _add_fails(disks, cut)
    assert str(cut) in err and "truncated" in err


@pytest.mark.corpus
def test_corpus_qcow2_ntfs_matches_truth(corpus: Path, tmp_path: Path) -> None:
    """plaso's vsstest.qcow2 (QCOW2 v2, 1 GiB virtual, an NTFS volume): media hashes of
    ``qemu-img convert -O raw`` and the live volume's ``fls -r -p`` (streams folded into files)."""
    from forensic_triage.jobs.intake import add_evidence
    from forensic_triage.jobs.settings import TriageSettings
    from forensic_triage.jobs.triage import run_triage
    from forensic_triage.store import CaseStore

    image = corpus / "images/plaso/vsstest.qcow2"
    before = (_sha(image), image.stat().st_mtime_ns)
    md5, sha1, sha256 = (corpus / "truth/plaso_vsstest.qcow2.media-md5-sha1-sha256.txt").read_text().split()[:3]
    store = CaseStore.create(tmp_path / "case", case_number="T", examiner="tester")
    result = add_evidence(store, image, exhibit="VSS")
    assert (result.media_size, result.md5, result.sha1, result.sha256) == (1 << 30, md5, sha1, sha256)
    assert store.evidence.details(result.evidence_id)["format"] == "QCOW2"
    run_triage(store, TriageSettings(jobs=1, plugins=[], builtin_rules=False, content_search=False))
    lines = (corpus / "truth/plaso_vsstest.qcow2.fls.txt").read_text().splitlines()
    want = {m.group("path").split(":", 1)[0] for m in map(_FLS_NTFS.match, lines) if m}
    rows = store.query("SELECT path FROM files WHERE evidence_id = ? AND partition_offset = 0 "
                       "AND COALESCE(layer, '') = ''", (result.evidence_id,))
    got = {r["path"].lstrip("/").split(":", 1)[0] for r in rows}
    store.close()
    assert got == {p for p in want if not p.endswith("/.")}
    assert (_sha(image), image.stat().st_mtime_ns) == before


def test_split_sparse_vmdk_with_two_extents(disks: dict[str, Any], tmp_path: Path) -> None:
    """A disk over 2 GiB as twoGbMaxExtentSparse: a descriptor and two sparse extents, all recorded,
    read as one disk (the FAT volume in the first extent, zeros to the end of the second)."""
    from forensic_triage.jobs.intake import add_evidence
    from forensic_triage.jobs.settings import TriageSettings
    from forensic_triage.jobs.triage import run_triage
    from forensic_triage.store import CaseStore

    big = tmp_path / "big.raw"
    shutil.copyfile(disks["raw"], big)
    with big.open("r+b") as f:
        f.truncate((2 << 30) + (4 << 20))
    folder = tmp_path / "vm"
    folder.mkdir()
    _qemu("convert", "-f", "raw", "-O", "vmdk", "-o", "subformat=twoGbMaxExtentSparse", big, folder / "big.vmdk")
    digest = hashlib.sha256()
    with big.open("rb") as f:
        while block := f.read(1 << 24):
            digest.update(block)
    big.unlink()
    before = _state(folder)
    store = CaseStore.create(tmp_path / "case", case_number="T", examiner="tester")
    result = add_evidence(store, folder / "big.vmdk", exhibit="BIG")
    assert [Path(c.path).name for c in result.containers] == ["big.vmdk", "big-s001.vmdk", "big-s002.vmdk"]
    assert result.sha256 == digest.hexdigest() and result.media_size == (2 << 30) + (4 << 20)
    details = store.evidence.details(result.evidence_id)
    assert [(Path(e["file"]).name, e["type"]) for e in details["extents"]] == [
        ("big-s001.vmdk", "SPARSE"), ("big-s002.vmdk", "SPARSE")]
    run_triage(store, TriageSettings(jobs=1, plugins=[], builtin_rules=False, content_search=False))
    rows = store.query("SELECT path, allocated FROM files WHERE evidence_id = ? AND partition_offset = ?",
                       (result.evidence_id, disks["offset"]))
    store.close()
    truth = disks["truth"][disks["raw"]]
    assert {r["path"].lstrip("/"): not r["allocated"] for r in rows} == {p: d for p, (d, _) in truth.items()}
    assert _state(folder) == before
