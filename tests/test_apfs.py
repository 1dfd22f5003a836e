"""APFS through libfsapfs on dfvfs's apfs.raw (one volume "apfs_test"), against The Sleuth Kit.

The file list equals the truth ``fls -B 107`` listing (TSK's APFS pool support, which pytsk3
lacks), each file's SHA-256 equals ``icat -B 107``, and the times equal ``istat -B 107`` to the
microsecond. No encrypted APFS image exists in the corpus and none can be made on Linux, so the
locked-volume path is tested only as far as an unencrypted volume allows (see docs/formats.md, "APFS").
"""

from __future__ import annotations

import hashlib
import json
import re
import struct
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from ft_testlib import require_tool

from forensic_triage.errors import EvidenceError
from forensic_triage.evidence.images import open_media
from forensic_triage.fs import apfs
from forensic_triage.fs.resolver import Resolver
from forensic_triage.fs.volumes import VolumeInfo, check_volumes, scan_volumes
from forensic_triage.jobs.intake import add_evidence
from forensic_triage.jobs.settings import TriageSettings
from forensic_triage.jobs.triage import run_triage
from forensic_triage.model import Locator
from forensic_triage.store import CaseStore

_FLS = re.compile(r"^(?P<type>\S)/\S\s+(?P<inode>\d+):\t(?P<path>.*)$")
_ISTAT_TIME = re.compile(r"^(?P<label>Created|Content Modified|Attributes Modified|Accessed):\s+(?P<when>\S+ \S+) \(UTC\)$")
_COLUMNS = {"Created": "crtime", "Content Modified": "mtime", "Attributes Modified": "ctime", "Accessed": "atime"}


@pytest.fixture(scope="module")
def image(corpus: Path) -> Path:
    return corpus / "images" / "dfvfs" / "apfs.raw"


@pytest.fixture(scope="module")
def triaged(image: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The image added and triaged once; the files rows of the APFS volume, by path."""
    before = (hashlib.sha256(image.read_bytes()).hexdigest(), image.stat().st_mtime_ns)
    case = tmp_path_factory.mktemp("apfs") / "case"
    store = CaseStore.create(case, case_number="T", examiner="tester")
    result = add_evidence(store, image, exhibit="EXH-1")
    volumes = store.evidence.volumes(result.evidence_id)
    intake_warnings = [r["message"] for r in store.query("SELECT message FROM warnings")]
    run_triage(store, TriageSettings(jobs=1, plugins=[], builtin_rules=False, content_search=False))
    rows = store.query("SELECT * FROM files WHERE evidence_id = ?", (result.evidence_id,))
    warnings = [r["message"] for r in store.query("SELECT message FROM warnings WHERE source = 'fs.walk'")]
    walked = store.evidence.volumes(result.evidence_id)
    store.close()
    after = (hashlib.sha256(image.read_bytes()).hexdigest(), image.stat().st_mtime_ns)
    return {"case": case, "volumes": volumes, "walked": walked, "rows": [dict(r) for r in rows], "uid": result.uid,
            "intake_warnings": intake_warnings, "walk_warnings": warnings, "before": before, "after": after}


@pytest.mark.corpus
def test_intake_lists_the_apfs_volume(triaged: dict[str, object], corpus: Path) -> None:
    volumes = triaged["volumes"]
    assert isinstance(volumes, list)
    container, volume = volumes
    # The container is named as one (no longer "no file system" / "not supported") and not walked itself.
    assert container["fs_type"] == "APFS container" and container["fs_status"] == "container"
    assert container["layer"] == ""
    assert json.loads(container["details"])["container_identifier"] == "d08a9fa0-d5a5-458b-813e-ebf9bf5d5338"
    assert volume["layer"] == "apfs1" and volume["fs_type"] == "APFS" and volume["label"] == "apfs_test"
    assert volume["parent_id"] == container["id"] and volume["lock_state"] == "" and volume["block_size"] == 4096
    details = json.loads(volume["details"])
    fsstat = (corpus / "truth" / "dfvfs_apfs.raw.B107.fsstat.txt").read_text()
    assert f"Volume UUID {details['volume_identifier']}" in fsstat
    assert "Case Sensitive: No" in fsstat and details["case_sensitive"] == "no"
    assert "Encrypted: No" in fsstat and details["encrypted"] == "no"
    assert f"Formatted by: {details['formatted_by']}" in fsstat
    assert details["created"] == "2022-01-14T07:19:40.541272Z"  # fsstat: Created 07:19:40.541272741
    assert details["snapshots"] == 0 and details["name"] == "apfs_test"
    assert not any("APFS" in w for w in triaged["intake_warnings"])  # type: ignore[union-attr]


@pytest.mark.corpus
def test_triage_walks_every_file_as_the_sleuth_kit_lists_it(triaged: dict[str, object], corpus: Path,
                                                            image: Path) -> None:
    rows = triaged["rows"]
    assert isinstance(rows, list)
    walked = {v["layer"]: v["fs_status"] for v in triaged["walked"]}  # type: ignore[union-attr]
    assert walked == {"": "container", "apfs1": "walked"}
    expected = {}
    for line in (corpus / "truth" / "dfvfs_apfs.raw.B107.fls.txt").read_text().splitlines():
        m = _FLS.match(line)
        assert m, line
        expected["/" + m.group("path")] = (int(m.group("inode")), {"r": "file", "d": "dir", "l": "link"}[m.group("type")])
    entries = {r["path"]: (r["inode"], r["type"]) for r in rows if not r["stream"]}
    assert entries == expected
    assert all(r["layer"] == "apfs1" and r["allocated"] == 1 and r["time_basis"] == "utc" for r in rows)
    assert all(r["locator"].startswith(f"{triaged['uid']}:0+apfs1:{r['inode']}") for r in rows)
    # Deleted entries: said once per volume, never silently.
    assert any("deleted entries are not recovered" in w for w in triaged["walk_warnings"])  # type: ignore[union-attr]
    # Evidence unchanged.
    assert triaged["before"] == triaged["after"]
    # Every file's SHA-256 equals The Sleuth Kit's icat of the same inode.
    require_tool("icat", "istat")
    files = [r for r in rows if r["type"] == "file" and not r["stream"]]
    assert len(files) == 7
    for r in files:
        done = subprocess.run(["icat", "-B", "107", str(image), str(r["inode"])], capture_output=True, check=False)
        data = done.stdout
        if done.returncode:  # an empty file (data only in its resource fork): TSK finds no data attribute
            assert r["size"] == 0 and b"Attribute" in done.stderr, done.stderr
        assert r["status"] == "done", r
        assert r["sha256"] == hashlib.sha256(data).hexdigest(), r["path"]
        assert r["size"] == len(data)


@pytest.mark.corpus
def test_times_equal_istat(triaged: dict[str, object], image: Path) -> None:
    require_tool("istat")
    rows = [r for r in triaged["rows"] if not r["stream"]]  # type: ignore[union-attr]
    assert rows
    for r in rows:
        text = subprocess.run(["istat", "-B", "107", str(image), str(r["inode"])], capture_output=True,
                              check=True, text=True).stdout
        times = {m.group("label"): m.group("when") for m in map(_ISTAT_TIME.match, text.splitlines()) if m}
        assert set(times) == set(_COLUMNS), text
        for label, column in _COLUMNS.items():
            day, clock = times[label].split()
            whole, nanos = clock.split(".")
            # ours: microseconds, 'Z'; istat: nanoseconds
            assert r[column] == f"{day}T{whole}.{nanos[:6]}Z", (r["path"], label, r[column], times[label])
        assert datetime.fromisoformat(r["mtime"]) >= datetime.fromisoformat(r["crtime"])


@pytest.mark.corpus
def test_extended_attributes_are_streams(triaged: dict[str, object], image: Path) -> None:
    rows = {r["path"] + ":" + r["stream"]: r for r in triaged["rows"] if r["stream"]}  # type: ignore[union-attr]
    assert set(rows) == {"/a_directory/a_file:myxattr", "/a_directory/a_resourcefork:com.apple.ResourceFork",
                         "/a_link:com.apple.fs.symlink"}
    content = {"/a_directory/a_file:myxattr": b"My extended attribute",
               "/a_directory/a_resourcefork:com.apple.ResourceFork": b"My resource fork\n",
               "/a_link:com.apple.fs.symlink": b"a_directory/another_file\0"}
    with Resolver() as resolver:
        for key, r in rows.items():
            assert r["flags"] == "xattr" and r["attr_type"] == apfs.XATTR_TYPE and r["type"] == "file"
            assert r["sha256"] == hashlib.sha256(content[key]).hexdigest(), key
            locator = Locator.parse(r["locator"])
            assert locator.stream == r["stream"] and locator.layer == "apfs1"
            stream = resolver.open(str(image), locator, size=r["size"])
            assert stream.read(0, 1000) == content[key]
            assert stream.read(3, 4) == content[key][3:7]


@pytest.mark.corpus
def test_source_open_path_and_errors(image: Path) -> None:
    with Resolver() as resolver:
        source = resolver.source(str(image), 0, "apfs1")
        assert (source.fs_type, source.block_size, source.time_basis) == ("APFS", 4096, "utc")
        stream = source.open_path("/a_directory/a_file")
        assert stream is not None and stream.read(0, 21) == b"This is a text file.\n"
        assert source.open_path("/a_directory") is None and source.open_path("/no/such/file") is None
        with pytest.raises(EvidenceError, match="cannot be opened in the APFS volume"):
            source.open(Locator("EXH-1", 0, 999, path="/gone", layer="apfs1"), 1)
        # an attribute is found by its name when its position does not match (and never another one)
        moved = Locator("EXH-1", 0, 17, apfs.XATTR_TYPE, 5, "myxattr", "/a_directory/a_file", "apfs1")
        assert source.open(moved, 21).read(0, 100) == b"My extended attribute"
        with pytest.raises(EvidenceError, match="no extended attribute 'other'"):
            source.open(Locator("EXH-1", 0, 17, apfs.XATTR_TYPE, 0, "other", "/a_directory/a_file", "apfs1"), 1)
        from forensic_triage.errors import FileSystemError
        with pytest.raises(FileSystemError, match="no volume '2'"):
            resolver.source(str(image), 0, "apfs2")


@pytest.mark.corpus
def test_unlock_refuses_what_it_cannot_open(image: Path) -> None:
    """The unlock contract as far as an unencrypted volume allows (no encrypted APFS image exists
    for this test; see the module docstring)."""
    media = open_media(str(image))
    try:
        row = {"addr": None, "offset": 0, "length": media.size, "layer": "apfs1", "vs_type": None, "block_size": 4096}
        with pytest.raises(EvidenceError, match="not locked"):
            apfs.unlock(media, row, "password", b"secret")
        with pytest.raises(EvidenceError, match="not a key file"):
            apfs.unlock(media, row, "key-file", b"secret")
        with pytest.raises(EvidenceError, match="not an APFS volume"):
            apfs.unlock(media, {**row, "layer": "bde"}, "password", b"secret")
    finally:
        media.close()


def test_discovery_leaves_other_volumes_alone(tmp_path: Path) -> None:
    """A volume without the container magic is not touched; one with the magic but no readable
    container is an error with the reason, not 'no file system'."""
    blank = tmp_path / "blank.raw"
    blank.write_bytes(bytes(1 << 20))
    bad = tmp_path / "bad.raw"
    bad.write_bytes(bytes(32) + b"NXSB" + bytes((1 << 20) - 36))
    for path, expect in ((blank, (None, "no-fs")), (bad, ("APFS container", "error"))):
        media = open_media(str(path))
        try:
            rows = apfs.discover(media, [VolumeInfo(None, 0, media.size, "whole media", None, None, None, None,
                                                    "no-fs")])
        finally:
            media.close()
        assert len(rows) == 1 and (rows[0].fs_type, rows[0].status) == expect
        if expect[1] == "error":
            assert rows[0].note and "cannot be read by libfsapfs" in rows[0].note


@pytest.mark.corpus
def test_apfs_partition_of_a_gpt_disk(image: Path, tmp_path: Path) -> None:
    """The container as partition 1 of a GPT disk (sfdisk, dd): the volume is found at the
    partition's offset, locators carry it, and first_block is the byte of the data on the disk."""
    require_tool("sfdisk", "dd", "fls")
    disk = tmp_path / "gpt.raw"
    with disk.open("wb") as handle:
        handle.truncate(6 << 20)
    subprocess.run(["sfdisk", "-q", str(disk)], input="label: gpt\nstart=2048, size=8112, "
                   "type=7C3457EF-0000-11AA-AA11-00306543ECAC\n", text=True, check=True)
    subprocess.run(["dd", f"if={image}", f"of={disk}", "bs=512", "seek=2048", "conv=notrunc", "status=none"],
                   check=True)
    fls = subprocess.run(["fls", "-o", "2048", "-B", "107", "-r", "-p", str(disk)], capture_output=True, text=True,
                         check=True).stdout
    expected = {"/" + m.group("path"): int(m.group("inode")) for m in map(_FLS.match, fls.splitlines()) if m}
    store = CaseStore.create(tmp_path / "case", case_number="T", examiner="tester")
    result = add_evidence(store, disk, exhibit="EXH-2")
    layered = [(v["offset"], v["fs_type"], v["layer"]) for v in store.evidence.volumes(result.evidence_id)
               if v["fs_status"] != "unallocated"]
    assert layered == [(1 << 20, "APFS container", ""), (1 << 20, "APFS", "apfs1")]
    run_triage(store, TriageSettings(jobs=1, plugins=[], builtin_rules=False, content_search=False))
    rows = [dict(r) for r in store.query("SELECT * FROM files WHERE stream = ''")]
    store.close()
    assert {r["path"]: r["inode"] for r in rows} == expected
    assert all(r["locator"].startswith(f"{result.uid}:1048576+apfs1:") for r in rows)
    raw = disk.read_bytes()
    for r in rows:
        if r["type"] == "file" and r["size"]:
            assert r["first_block"] is not None
            assert hashlib.sha256(raw[r["first_block"]: r["first_block"] + r["size"]]).hexdigest() == r["sha256"]


@pytest.mark.corpus
def test_truncated_and_damaged_containers(image: Path, tmp_path: Path, corpus: Path) -> None:
    """A truncated copy whose metadata is still there is read and said truncated; one cut inside
    the metadata, or with the volume superblock wiped, is an error with the reason — never a crash."""
    data = image.read_bytes()
    expected = {"/" + m.group("path") for m in map(_FLS.match, (corpus / "truth" / "dfvfs_apfs.raw.B107.fls.txt")
                                                  .read_text().splitlines()) if m}
    cases = {"short.raw": data[:111 * 4096], "cut.raw": data[:407000],
             "wiped.raw": data[:107 * 4096] + bytes(4096) + data[108 * 4096:]}
    store = CaseStore.create(tmp_path / "case", case_number="T", examiner="tester")
    found = {}
    for name, content in cases.items():
        (tmp_path / name).write_bytes(content)
        result = add_evidence(store, tmp_path / name)
        found[name] = (result.uid, [(v["fs_type"], v["fs_status"]) for v in store.evidence.volumes(result.evidence_id)])
    run_triage(store, TriageSettings(jobs=1, plugins=[], builtin_rules=False, content_search=False))
    warnings = {uid: [r["message"] for r in store.query("SELECT message FROM warnings w JOIN evidence e ON "
                                                        "e.id = w.evidence_id WHERE e.uid = ?", (uid,))]
                for uid, _v in found.values()}
    paths = {uid: {r["path"] for r in store.query("SELECT f.path FROM files f JOIN evidence e ON e.id = f.evidence_id"
                                                  " WHERE e.uid = ? AND stream = ''", (uid,))}
             for uid, _v in found.values()}
    store.close()
    uid, volumes = found["short.raw"]
    assert volumes == [("APFS container", "container"), ("APFS", "pending")] and paths[uid] == expected
    assert any("claims to end at byte 4153344" in w for w in warnings[uid])
    uid, volumes = found["cut.raw"]
    assert volumes == [("APFS container", "error")] and not paths[uid]
    assert any("cannot be read by libfsapfs" in w and "it is truncated" in w for w in warnings[uid])
    uid, volumes = found["wiped.raw"]
    assert volumes == [("APFS container", "container"), ("APFS", "error")] and not paths[uid]
    assert any("APFS volume 1 (apfs1) of the container at byte 0 cannot be read by libfsapfs" in w
               for w in warnings[uid])
    assert not any("Traceback" in w for ws in warnings.values() for w in ws)


@pytest.mark.corpus
def test_keyword_search_reads_through_the_apfs_layer(triaged: dict[str, object]) -> None:
    """'search' re-reads files through the resolver, so files behind a layer are searched too."""
    from forensic_triage.cli.main import run

    case = str(triaged["case"])
    assert run(["search", case, "--regex", "extended attribute|another file", "--name", "apfs", "--quiet"]) == 0
    with CaseStore.open(Path(case)) as store:
        hits = sorted((r["locator"], r["value"], r["offset"]) for r in store.query("SELECT * FROM content_hits"))
    uid = triaged["uid"]
    assert hits == [(f"{uid}:0+apfs1:17-4354-0:myxattr/a_directory/a_file", "extended attribute", 3),
                    (f"{uid}:0+apfs1:19/a_directory/another_file", "another file", 8)]


def _fletcher64(block: bytes) -> bytes:
    """The APFS object checksum of a block (its first 8 bytes are the checksum itself)."""
    low = high = 0
    for (word,) in struct.iter_unpack("<I", block[8:]):
        low = (low + word) % 0xFFFFFFFF
        high = (high + low) % 0xFFFFFFFF
    check_low = 0xFFFFFFFF - ((low + high) % 0xFFFFFFFF)
    check_high = 0xFFFFFFFF - ((low + check_low) % 0xFFFFFFFF)
    return struct.pack("<Q", check_high << 32 | check_low)


@pytest.mark.corpus
def test_a_volume_with_snapshots_says_they_are_not_examined(image: Path, tmp_path: Path) -> None:
    """No APFS image with snapshots exists here: a copy whose volume superblock counts 2 (checksum
    recomputed) stands in for the count; the warning must say the snapshots were not examined."""
    data = bytearray(image.read_bytes())
    block = bytearray(data[107 * 4096: 108 * 4096])
    assert block[32:36] == b"APSB"
    block[216:224] = (2).to_bytes(8, "little")
    block[:8] = _fletcher64(bytes(block))
    data[107 * 4096: 108 * 4096] = block
    copy = tmp_path / "snapshots.raw"
    copy.write_bytes(bytes(data))
    media = open_media(str(copy))
    try:
        vs_type, volumes = scan_volumes(media)
        warnings = check_volumes(media, "EXH-1", vs_type, volumes, None)
    finally:
        media.close()
    volume = volumes[1]
    assert volume.status == "pending" and volume.details["snapshots"] == 2
    assert [w[1] for w in warnings] == ["Evidence item EXH-1: APFS volume 'apfs_test' (apfs1) at byte 0 has 2 "
                                        "snapshot(s): only its current state is listed; the snapshots are not "
                                        "examined (libfsapfs does not read them)."]


def test_attribute_names_with_a_slash_keep_locators_parseable() -> None:
    for name in ("com.apple.ResourceFork", "odd/name", "50%/x", "a%2Fb"):
        text = apfs.stream_text(name)
        assert "/" not in text
        loc = Locator("EXH-1", 0, 17, apfs.XATTR_TYPE, 0, text, "/a_directory/a_file", "apfs1")
        assert Locator.parse(str(loc)) == loc
    assert len({apfs.stream_text(n) for n in ("odd/name", "odd%2Fname")}) == 2
