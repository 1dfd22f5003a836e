"""Phone extractions as evidence: ZIP (ZIP64 too), TAR, TAR.GZ, a folder and an iOS backup, built
with the real writers (zipfile, tarfile, sqlite3, plistlib), read in place through the file
sources, added, triaged, listed, reported and packaged through the command line."""

from __future__ import annotations

import gzip
import hashlib
import importlib.util
import json
import os
import struct
import sys
import zipfile
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from ft_testlib import Cli, isolated_env

from forensic_triage.errors import EvidenceError
from forensic_triage.evidence.images import RawMedia
from forensic_triage.evidence.logical import detect_logical
from forensic_triage.fs import archive
from forensic_triage.fs.archive import GzipVolume, TarSource, ZipSource
from forensic_triage.fs.folder import FolderSource
from forensic_triage.fs.iosbackup import BackupSource
from forensic_triage.fs.source import chunks
from forensic_triage.jobs.intake import add_evidence, check_containers
from forensic_triage.model import FileEntry
from forensic_triage.store import CaseStore


def _builders() -> ModuleType:
    spec = importlib.util.spec_from_file_location("ft_phone_builders",
                                                  Path(__file__).parent / "helpers" / "phone_builders.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


pb = _builders()


# ------------------------------------------------------------------------------------- helpers
def snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    """SHA-256 and mtime of every file under ``folder`` (links not followed), by relative path."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in filenames + [d for d in dirnames if os.path.islink(os.path.join(dirpath, d))]:
            p = Path(dirpath) / name
            st = p.lstat()
            data = p.read_bytes() if p.is_file() and not p.is_symlink() else os.readlink(p).encode()
            out[str(p.relative_to(folder))] = (hashlib.sha256(data).hexdigest(), st.st_mtime_ns)
    return out


def walk(source: Any) -> tuple[list[FileEntry], list[str]]:
    warnings: list[str] = []
    return list(source.walk("EV1", 0, "x", on_warning=warnings.append)), warnings


def content(source: Any, entry: FileEntry) -> bytes:
    return b"".join(chunks(source.open(entry.locator, entry.size)))


def members(entries: list[FileEntry]) -> list[FileEntry]:
    return [e for e in entries if "implied-dir" not in e.flags]


# ------------------------------------------------------------------------------------- ZIP
@pytest.mark.parametrize("zip64", [False, True])
def test_zip_members_in_listing_order_read_in_place(tmp_path: Path, zip64: bool) -> None:
    files = pb.android_files()
    path = pb.write_zip(tmp_path / "android.zip", files, force_zip64=zip64)
    if zip64:
        assert struct.pack("<I", 0x06064B50) in path.read_bytes() or b"\x01\x00\x10\x00" in path.read_bytes()
    before = snapshot(tmp_path)
    media = RawMedia((path,))
    source = ZipSource(media)
    entries, warnings = walk(source)
    assert warnings == []
    listed = members(entries)
    assert [e.name_raw for e in listed] == [n.encode() for n, _ in files]
    assert [e.locator.inode for e in listed] == list(range(len(files)))
    assert [e.locator.path for e in listed] == ["/" + n.rstrip("/") for n, _ in files]
    for entry, (_name, data) in zip(listed, files, strict=True):
        if entry.type == "file":
            assert hashlib.sha256(content(source, entry)).hexdigest() == hashlib.sha256(data).hexdigest()
    sms = next(e for e in listed if e.locator.path == "/" + pb.SMS_DB)
    # DOS times are the device's wall clock: local, naive text, never 'Z'
    assert (sms.time_basis, sms.mtime, source.time_basis) == ("local", "2024-03-01T12:30:04", "local")
    # the implied folders make the tree browsable
    implied = {e.locator.path for e in entries if "implied-dir" in e.flags}
    assert "/data/data/com.android.providers.telephony/databases" in implied
    # random access (backwards, then forwards) gives the same bytes
    stream = source.open(sms.locator, sms.size)
    data = dict(files)[pb.SMS_DB]
    assert stream.read(4096, 100) == data[4096:4196] and stream.read(16, 16) == data[16:32]
    assert source.open_path("/" + pb.SMS_DB) is not None and source.open_path("/nope") is None
    media.close()
    assert snapshot(tmp_path) == before


def test_zip_extended_timestamp_gives_utc(tmp_path: Path) -> None:
    ut = struct.pack("<HHBi", 0x5455, 5, 1, pb.EPOCH)
    path = pb.write_zip(tmp_path / "ut.zip", [("a.txt", b"x")], extra=ut)
    entries, _ = walk(ZipSource(RawMedia((path,))))
    assert (entries[0].mtime, entries[0].time_basis) == ("2023-11-14T22:13:20Z", "utc")


def test_hostile_zip_names_kept_byte_exact_and_flagged(tmp_path: Path) -> None:
    path, names = pb.write_hostile_zip(tmp_path / "hostile.zip")
    source = ZipSource(RawMedia((path,)))
    entries, warnings = walk(source)
    listed = members(entries)
    assert [e.name_raw for e in listed] == names
    flags = {e.name_raw: set(e.flags.split(",")) - {""} for e in listed}
    assert "name-absolute" in flags[b"/etc/passwd_abs"]
    assert "name-dotdot" in flags[b"../../escape.txt"]
    assert "name-backslash" in flags[b"dir\\win.txt"]
    assert "name-not-utf8" in flags[b"caf\xe9.txt"]
    assert "name-nul" in flags[b"nul\x00name.txt"]
    assert next(e for e in listed if e.name_raw == b"nul\x00name.txt").locator.path == "/nul\\x00name.txt"
    assert next(e for e in listed if e.name_raw == b"caf\xe9.txt").locator.path == "/caf\\xe9.txt"
    dups = [e for e in listed if e.name_raw == b"dup.txt"]
    assert [set(e.flags.split(",")) - {""} for e in dups] == [set(), {"name-duplicate"}]
    assert [content(source, e) for e in dups] == [b"copy 4", b"copy 5"]  # each its own entry and bytes
    link = next(e for e in listed if e.name_raw == b"link_out")
    assert link.type == "link" and "link-outside" in link.flags
    for flag in ("name-absolute", "name-dotdot", "name-backslash", "name-not-utf8", "name-duplicate", "link-outside",
                 "name-nul"):
        assert any(f"'{flag}'" in w for w in warnings), flag


def test_zip_bomb_is_flagged_and_read_up_to_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archive, "BOMB_MIN_SIZE", 1024 * 1024)
    monkeypatch.setattr(archive, "BOMB_READ_LIMIT", 256 * 1024)
    path = pb.write_zip(tmp_path / "bomb.zip", [("ok.txt", b"fine"), ("zeros.bin", b"\x00" * (8 * 1024 * 1024))])
    source = ZipSource(RawMedia((path,)))
    entries, warnings = walk(source)
    bomb = next(e for e in entries if e.name == "zeros.bin")
    assert "bomb" in bomb.flags and bomb.size == 256 * 1024
    assert content(source, bomb) == b"\x00" * (256 * 1024)
    assert any("zeros.bin" in w and "'bomb'" in w for w in warnings)
    assert "bomb" not in next(e for e in entries if e.name == "ok.txt").flags


def test_truncated_zip_gives_the_members_before_the_damage(tmp_path: Path) -> None:
    files = [(f"m{i}.bin", os.urandom(3000)) for i in range(5)]
    full = pb.write_zip(tmp_path / "full.zip", files, method=zipfile.ZIP_STORED).read_bytes()
    cut = tmp_path / "cut.zip"
    cut.write_bytes(full[:int(len(full) * 0.7)])
    source = ZipSource(RawMedia((cut,)))
    entries, warnings = walk(source)
    assert [e.name for e in entries] == ["m0.bin", "m1.bin", "m2.bin", "m3.bin"]
    assert all("salvaged" in e.flags for e in entries) and "truncated" in entries[-1].flags
    for entry, (_n, data) in zip(entries[:3], files, strict=False):
        assert content(source, entry) == data
    assert content(source, entries[3]) == files[3][1][:len(content(source, entries[3]))] != files[3][1]
    assert len(warnings) == 1 and "truncated" in warnings[0] and "4 member(s)" in warnings[0]
    # deflated members are salvaged too
    deflated = pb.write_zip(tmp_path / "d.zip", pb.android_files()).read_bytes()
    (tmp_path / "dcut.zip").write_bytes(deflated[:len(deflated) - 400])
    source = ZipSource(RawMedia((tmp_path / "dcut.zip",)))
    entries, warnings = walk(source)
    sms = next(e for e in entries if e.locator.path == "/" + pb.SMS_DB)
    assert content(source, sms) == dict(pb.android_files())[pb.SMS_DB] and warnings


# ------------------------------------------------------------------------------------- TAR
@pytest.mark.parametrize("gz", [False, True])
def test_tar_members_times_and_duplicates(tmp_path: Path, gz: bool) -> None:
    files = pb.android_files() + [(pb.PREFS, b"<map>second version</map>")]
    path = pb.write_tar(tmp_path / ("a.tar.gz" if gz else "a.tar"), files, gz=gz)
    logical = detect_logical(path)
    assert logical is not None and (logical.format, logical.compression) == ("tar", "gzip" if gz else "")
    source = TarSource(RawMedia((path,)), gzipped=gz)
    entries, warnings = walk(source)
    listed = members(entries)
    assert len(warnings) == 1 and "'name-duplicate'" in warnings[0]
    assert [e.name_raw for e in listed] == [n.rstrip("/").encode() for n, _ in files]
    for entry, (_n, data) in zip(listed, files, strict=True):
        if entry.type == "file":
            assert content(source, entry) == data and entry.mode == 0o100640 and entry.uid == 1000
    assert all(e.mtime == "2023-11-14T22:13:20Z" and e.time_basis == "utc" for e in listed)
    assert "name-duplicate" in listed[-1].flags and "name-duplicate" not in listed[-2].flags


def test_gzip_volume_random_reads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archive, "GZ_STEP", 100_000)
    payload = os.urandom(300_000) + b"\x00" * 400_000 + os.urandom(50_000)
    path = tmp_path / "two-members.gz"
    path.write_bytes(gzip.compress(payload[:500_000]) + gzip.compress(payload[500_000:]))
    vol = GzipVolume(RawMedia((path,)))
    assert vol.size == len(payload) and not vol.truncated and len(vol._points) > 2
    for offset, length in ((650_000, 90_000), (10, 20), (499_990, 30), (0, len(payload)), (749_999, 10)):
        assert vol.read(offset, length) == payload[offset:offset + length]
    path.write_bytes(gzip.compress(payload)[:-5000])
    cut = GzipVolume(RawMedia((path,)))
    assert cut.truncated and cut.size < len(payload) and cut.read(0, cut.size) == payload[:cut.size]


def test_hostile_and_truncated_tar(tmp_path: Path) -> None:
    path, names = pb.write_hostile_tar(tmp_path / "h.tar")
    entries, warnings = walk(TarSource(RawMedia((path,)), gzipped=False))
    listed = members(entries)
    assert [e.name_raw for e in listed] == names
    flags = {e.name_raw: e.flags for e in listed}
    assert "name-absolute" in flags[b"/abs/file"] and "name-dotdot" in flags[b"a/../../up.txt"]
    assert "name-not-utf8" in flags[b"bad\xff\xfename"] and "link-outside" in flags[b"sym"]
    assert "name-duplicate" in listed[4].flags
    assert len([w for w in warnings if "flagged" in w]) == 5
    files = [(f"f{i}", os.urandom(2000)) for i in range(4)]
    full = pb.write_tar(tmp_path / "full.tar", files).read_bytes()
    (tmp_path / "cut.tar").write_bytes(full[:5 * 512 + 2000 + 1000])  # inside the second member's data
    source = TarSource(RawMedia((tmp_path / "cut.tar",)), gzipped=False)
    entries, warnings = walk(source)
    assert [e.name for e in entries][:1] == ["f0"] and content(source, entries[0]) == files[0][1]
    assert len(warnings) == 1 and "truncated" in warnings[0]
    assert "f3" not in [e.name for e in entries]


# ------------------------------------------------------------------------------------- folder, iOS
def test_folder_source_never_follows_links(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_bytes(b"not evidence")
    root = tmp_path / "extraction"
    for name, data in pb.android_files():
        p = root / name
        if name.endswith("/"):
            p.mkdir(parents=True, exist_ok=True)
        else:
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_bytes(data)
    os.symlink(outside, root / "data" / "link")
    os.symlink(tmp_path, root / "data" / "dirlink")
    before = snapshot(tmp_path)
    source = FolderSource(root)
    entries, warnings = walk(source)
    paths = [e.locator.path for e in entries]
    assert paths == sorted(paths, key=lambda p: p.split("/")) or paths[0] == "/data"
    link = next(e for e in entries if e.name == "link")
    assert link.type == "link" and "link-outside" in link.flags
    assert not any("outside.txt" in p for p in paths) and not any(p.startswith("/data/dirlink/") for p in paths)
    sms = next(e for e in entries if e.locator.path == "/" + pb.SMS_DB)
    st = (root / pb.SMS_DB).stat()
    assert sms.mtime and sms.mtime.startswith(
        __import__("time").strftime("%Y-%m-%dT%H:%M:%S", __import__("time").gmtime(st.st_mtime)))
    assert content(source, sms) == dict(pb.android_files())[pb.SMS_DB]
    with pytest.raises(EvidenceError):
        source.open(link.locator, 10)
    assert snapshot(tmp_path) == before


def test_ios_backup_source(tmp_path: Path) -> None:
    folder = pb.write_ios_backup(tmp_path / "backup", missing=("HomeDomain", "Library/gone.db"))
    before = snapshot(tmp_path)
    source = BackupSource(folder)
    entries, warnings = walk(source)
    by_path = {e.locator.path: e for e in entries}
    for domain, rel, data in pb.ios_files():
        entry = by_path[f"/{domain}/{rel}"]
        assert content(source, entry) == data and entry.size == len(data)
        assert (entry.mtime, entry.crtime, entry.time_basis) == ("2023-11-14T22:13:20Z", "2023-11-14T22:11:40Z",
                                                                  "utc")
    assert by_path["/HomeDomain/Library/SMS/sms.db"].name_raw == b"HomeDomain/Library/SMS/sms.db"
    assert "missing-blob" in by_path["/HomeDomain/Library/gone.db"].flags
    assert "link-outside" in by_path["/HomeDomain/Library/link_out"].flags
    assert any("missing-blob" in w for w in warnings)
    assert snapshot(tmp_path) == before  # Manifest.db opened immutable: no journal, no -wal/-shm


def test_encrypted_ios_backup_is_refused_clearly(tmp_path: Path) -> None:
    folder = pb.write_ios_backup(tmp_path / "enc", encrypted=True)
    with CaseStore.create(tmp_path / "case", case_number="1", examiner="E") as store:
        with pytest.raises(EvidenceError) as err:
            add_evidence(store, folder)
        assert store.evidence.count() == 0
    message = str(err.value)
    assert "encrypted iOS backup" in message and "IsEncrypted" in message and "password" in message
    assert "decrypt" in (err.value.hint or "").lower()


def test_intake_records_device_manifest_and_stated_hashes(tmp_path: Path) -> None:
    folder = pb.write_ios_backup(tmp_path / "backup")
    sms_id = hashlib.sha1(b"HomeDomain-Library/SMS/sms.db").hexdigest()
    sms_blob = folder / sms_id[:2] / sms_id
    (folder / "hashes.sha256").write_text(
        f"{hashlib.sha256(sms_blob.read_bytes()).hexdigest()}  {sms_id[:2]}/{sms_id}\n" + "0" * 64 + "  Info.plist\n")
    zpath = pb.write_zip(tmp_path / "android.zip", pb.android_files())
    (tmp_path / "android.zip.md5").write_text(hashlib.md5(zpath.read_bytes()).hexdigest() + "\n")
    before = snapshot(tmp_path)
    with CaseStore.create(tmp_path / "case", case_number="1", examiner="E") as store:
        ios = add_evidence(store, folder)
        zres = add_evidence(store, zpath)
        details = store.evidence.details(ios.evidence_id)
        device = details["device"]
        assert (device["name"], device["product_type"], device["os_version"], device["serial"], device["udid"],
                device["imei"], device["phone_number"], device["backup_date"]) == (
            "Pat's iPhone", "iPhone12,1", "17.4.1", "F2LXK0ABCDEF", "00008030-001A2B3C4D5E6F70",
            "356789012345678", "+1 555 0100", "2024-04-02T10:11:12Z")
        claims = {c["path"]: c for c in details["extraction_hashes"]}
        assert claims[f"{sms_id[:2]}/{sms_id}"]["match"] is True and claims["Info.plist"]["match"] is False
        assert any("does not match" in w and "Info.plist" in w for w in ios.warnings)
        containers = store.evidence.containers(ios.evidence_id)
        on_disk = sorted(p for p in folder.rglob("*") if p.is_file())
        assert [c["path"] for c in containers] == [str(p) for p in sorted(
            on_disk, key=lambda p: os.fsencode(p.relative_to(folder)))]
        for c in containers:
            assert c["sha256"] == hashlib.sha256(Path(c["path"]).read_bytes()).hexdigest()
        manifest = "".join(f"{hashlib.sha256(Path(c['path']).read_bytes()).hexdigest()}  {c['size']}  "
                           f"{Path(c['path']).relative_to(folder)}\n" for c in containers)
        assert ios.sha256 == hashlib.sha256(manifest.encode()).hexdigest()
        vol = store.evidence.volumes(ios.evidence_id)
        assert [(v["layer"], v["offset"], v["fs_type"]) for v in vol] == [("ios", 0, "iOS backup")]
        assert (zres.format, zres.verdict, zres.stored) == ("zip", "MATCH", {"md5": zres.md5})
        assert zres.sha256 == hashlib.sha256(zpath.read_bytes()).hexdigest()
        assert store.evidence.details(zres.evidence_id)["extraction_hashes"][0]["match"] is True
        assert {k: v for k, v in snapshot(tmp_path).items() if not k.startswith("case")} == before
        assert {c["status"] for c in check_containers(store)} == {"UNCHANGED"}
        sms_blob.write_bytes(sms_blob.read_bytes() + b"x")  # verify re-hashes every file of the backup
        changed = [c for c in check_containers(store) if c["status"] != "UNCHANGED"]
        assert [(c["path"], c["status"]) for c in changed] == [(str(sms_blob), "CHANGED")]


# ------------------------------------------------------------------------------------- end to end
def test_cli_end_to_end_on_phone_extractions(tmp_path: Path) -> None:
    ev = tmp_path / "evidence"
    ev.mkdir()
    files = pb.android_files()
    pb.write_zip(ev / "android.zip", files, force_zip64=True)
    pb.write_tar(ev / "android.tar.gz", files, gz=True)
    pb.write_hostile_zip(ev / "hostile.zip")
    pb.write_ios_backup(ev / "backup")
    extracted = ev / "extracted"
    for name, data in files:
        if not name.endswith("/"):
            (extracted / name).parent.mkdir(parents=True, exist_ok=True)
            (extracted / name).write_bytes(data)
    before = snapshot(ev)
    around = sorted(p.name for p in tmp_path.iterdir())
    cli = Cli(isolated_env(tmp_path / "home"))
    case = str(tmp_path / "case")
    cli("case", "new", case, "--case-number", "PH-1", "--examiner", "A. Examiner")
    for item in ("android.zip", "android.tar.gz", "hostile.zip", "backup", "extracted"):
        out = cli("evidence", "add", case, str(ev / item), "--quiet")
        assert "opened read-only" in out
    cli("triage", case, "--quiet", "--jobs", "1")
    rows = cli.jsonl("files", case, "--all-types")
    want = {hashlib.sha256(d).hexdigest() for n, d in files if not n.endswith("/")}
    by_ev: dict[str, set[str]] = {}
    for r in rows:
        if r["type"] == "file" and r["status"] == "done":
            by_ev.setdefault(r["evidence"], set()).add(r["sha256"])
    assert by_ev["EV1"] == want and by_ev["EV2"] == want and by_ev["EV5"] == want
    layers = {r["evidence"]: r["locator"].split(":")[1] for r in rows}
    assert layers == {"EV1": "0+zip", "EV2": "0+tar", "EV3": "0+zip", "EV4": "0+ios", "EV5": "0+dir"}
    sms_ios = next(r for r in rows if r["path"] == "/HomeDomain/Library/SMS/sms.db")
    assert sms_ios["sha256"] == hashlib.sha256(pb.ios_files()[0][2]).hexdigest()
    hostile = [r for r in rows if r["evidence"] == "EV3" and r["type"] != "virtual"]
    assert bytes.fromhex(next(r for r in hostile if "caf" in r["path"])["name_raw_hex"]) == b"caf\xe9.txt"
    assert "name-dotdot" in next(r for r in hostile if "escape" in r["path"])["flags"]
    searched = cli("search", case, "--regex", "meet at the pier", "--name", "pier", "--quiet")
    assert "3 hits" in searched  # the SMS database of the ZIP, the TAR.GZ and the folder
    warnings = cli.jsonl("warnings", case)
    assert any("'name-absolute'" in w["message"] for w in warnings)
    cli("export", case, "--format", "pdf", "--out", str(tmp_path / "report.pdf"))
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF")
    cli("package", case, "--out", str(tmp_path / "pkg"), "--scope", "all", "--include-files")
    copied = [p for p in (tmp_path / "pkg" / "data" / "files").rglob("*") if p.is_file()]
    assert copied and all(tmp_path / "pkg" in p.parents for p in copied)
    index = json.loads((tmp_path / "pkg" / "data" / "files" / "index.json").read_text())
    assert index
    with CaseStore.open(case, read_only=True) as store:  # the tree the browser shows
        for item in store.evidence.items():
            (volume,) = store.evidence.volumes(item["id"])
            top = [r["name"] for r in store.browse.folder_children(item["id"], volume["id"], "/")]
            assert top, item["uid"]
            if item["uid"] == "EV2":
                assert top == ["data"]
                inner = store.browse.folder_children(item["id"], volume["id"], "/data/data")
                assert [r["name"] for r in inner] == ["com.android.providers.contacts",
                                                      "com.android.providers.telephony"]
            if item["uid"] == "EV4":
                assert top == ["CameraRollDomain", "HomeDomain"]
    verify = cli("verify", case)
    assert "VERIFIED" in verify
    assert snapshot(ev) == before  # evidence unchanged (SHA-256 and mtime of every file)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(around + ["case", "report.pdf", "pkg"] + (["home"] if (tmp_path / "home").exists() else []))
    assert not (Path("/etc/passwd_abs").exists() or (tmp_path.parent / "escape.txt").exists())


def test_detection_leaves_disk_images_and_other_files_alone(tmp_path: Path) -> None:
    (tmp_path / "disk.dd").write_bytes(b"\x00" * 510 + b"\x55\xaa" + b"\x00" * 4096)
    (tmp_path / "notes.txt").write_text("not an extraction\n")
    (tmp_path / "data.gz").write_bytes(gzip.compress(b"plain text, not a tar" * 50))
    for name in ("disk.dd", "notes.txt", "data.gz", "missing.zip"):
        assert detect_logical(tmp_path / name) is None, name
    (tmp_path / "plain").mkdir()
    found = detect_logical(tmp_path / "plain")
    assert found is not None and (found.format, found.layer, found.fs_type) == ("folder", "dir", "Folder")


def test_declared_sizes_beyond_the_archive_are_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tarfile

    monkeypatch.setattr(archive, "BOMB_READ_LIMIT", 64 * 1024)
    info = tarfile.TarInfo("huge.db")
    info.size, info.mtime = 1 << 40, pb.EPOCH  # says 1 TiB; 1000 bytes follow
    path = tmp_path / "liar.tar"
    path.write_bytes(info.tobuf(tarfile.PAX_FORMAT) + b"S" * 1000)
    source = TarSource(RawMedia((path,)), gzipped=False)
    entries, warnings = walk(source)
    (entry,) = entries
    assert "truncated" in entry.flags and entry.size == 1000 + 64 * 1024 and warnings
    assert content(source, entry) == b"S" * 1000  # what is there, then the stream ends
