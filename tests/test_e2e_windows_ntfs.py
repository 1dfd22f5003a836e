"""End to end: real Windows artifacts at their real locations in an NTFS file system, through the CLI.

The image is built with the real tools (``mkntfs`` + the libntfs-3g helper, ``sfdisk``,
``ewfacquire``; see tests/imagebuilders.py) from third-party artifacts of the corpus, planted
where Windows keeps them for two user profiles (``jdoe`` and ``asmith``), plus a deleted file,
a deleted shortcut and an alternate data stream. The real command line runs in a subprocess:
``case new`` -> ``evidence add`` (the raw MBR disk and its E01 copy) -> ``triage`` ->
``artifacts --format jsonl`` / ``timeline --format jsonl`` / ``files --format jsonl``.

What is proven: each planted artifact is found through its declared path glob (the row's
``path`` is the planted path), records that name a user take it from the profile folder, every
row carries its provenance, and the E01 gives exactly the same artifacts as the raw image.
"""

from __future__ import annotations

import collections
import datetime as _dt
import hashlib
import json
import lzma
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from ft_testlib import Cli, isolated_env
from imagebuilders import build_disk, build_ntfs, to_e01

from forensic_triage.model import Locator
from forensic_triage.store import CaseStore

pytestmark = [pytest.mark.tools, pytest.mark.corpus]

SID = "S-1-5-21-2036804247-3058324640-2116585241-1001"
RECENT = "Users/jdoe/AppData/Roaming/Microsoft/Windows/Recent"
CHROME = "Users/jdoe/AppData/Local/Google/Chrome/User Data/Default/History"
FIREFOX = "Users/asmith/AppData/Roaming/Mozilla/Firefox/Profiles/abcd.default/places.sqlite"
PREFETCH = ("AM_DELTA_PATCH_1.443.990.0.EX-7037CF86.pf", "CMD.EXE-087B4001.pf", "NOTEPAD.EXE-D8414F97.pf",
            "PING.EXE-B29F6629.pf", "TASKHOST.EXE-3AE259FC.pf")
LNKS = ("NeroInfoTool.lnk", "example.lnk", "unpaired_surrogate.lnk")
DELETED_LNK = f"{RECENT}/old-shortcut.lnk"
DELETED_FILE = "Users/jdoe/Documents/draft.txt"
DELETED_CONTENT = b"deleted draft, still in its clusters\n"
ADS_HOST = "Users/jdoe/Downloads/setup.exe"
ZONE = b"[ZoneTransfer]\r\nZoneId=3\r\nHostUrl=http://example.invalid/setup.exe\r\n"
PARTITION_OFFSET = 1024 * 1024  # build_disk aligns the first partition at 1 MiB
PROVENANCE = ("id", "type", "plugin", "plugin_version", "evidence", "partition_offset", "inode", "path")


def _tree(corpus: Path) -> dict[str, bytes | None]:
    art = corpus / "artifacts"
    tree: dict[str, bytes | None] = {
        "Users/jdoe/NTUSER.DAT": (art / "registry/regipy/NTUSER.DAT").read_bytes(),
        "Windows/System32/config/SAM": (art / "registry/regipy/SAM").read_bytes(),
        "Windows/System32/config/SYSTEM": lzma.decompress((art / "registry/regipy/SYSTEM.xz").read_bytes()),
        CHROME: (art / "browser/chrome/History").read_bytes(),
        FIREFOX: (art / "browser/firefox/places.sqlite").read_bytes(),
        f"$Recycle.Bin/{SID}/$I103S5F.jpg": (art / "recyclebin/$I103S5F.jpg").read_bytes(),
        "Windows/System32/winevt/Logs/System.evtx": (art / "evtx/python-evtx/system.evtx").read_bytes(),
        "Users/jdoe/Pictures/DSCN0010.jpg": (art / "exif/DSCN0010.jpg").read_bytes(),
        "Users/jdoe/Pictures/Canon_40D.jpg": (art / "exif/Canon_40D.jpg").read_bytes(),
        ADS_HOST: b"MZ" + bytes(510),
        DELETED_FILE: DELETED_CONTENT,
        DELETED_LNK: (art / "lnk/example.lnk").read_bytes(),
        "Users/asmith/Documents/": None,
    }
    for name in PREFETCH:
        tree[f"Windows/Prefetch/{name}"] = (art / "prefetch" / name).read_bytes()
    for name in LNKS:
        tree[f"{RECENT}/{name}"] = (art / "lnk" / name).read_bytes()
    return tree


@pytest.fixture(scope="module")
def windows_case(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    work = tmp_path_factory.mktemp("e2e-ntfs")
    tree = _tree(corpus)
    fs = build_ntfs(work / "ntfs.img", tree, deleted=[DELETED_FILE, DELETED_LNK], size_mb=40,
                    streams={ADS_HOST: {"Zone.Identifier": ZONE}})
    disk = build_disk(work / "disk.dd", [(fs, 0x07)])
    assert disk.partitions[0].offset == PARTITION_OFFSET
    e01 = to_e01(disk.path, work / "disk")
    cli = Cli(isolated_env(work / "home"))
    case = str(work / "case")
    cli("case", "new", case, "--case-number", "E2E-1", "--examiner", "E2E Examiner")
    cli("evidence", "add", case, str(disk.path), "--exhibit", "RAW-1", "--quiet")
    cli("evidence", "add", case, str(e01), "--exhibit", "EWF-1", "--quiet")
    cli("triage", case, "--jobs", "2", "--quiet")
    listed = cli.jsonl("evidence", "list", case)
    evidence = {row["exhibit"]: row["evidence"] for row in listed}
    return {
        "cli": cli, "case": case, "tree": tree, "evidence": evidence, "listed": listed,
        "artifacts": cli.jsonl("artifacts", case),
        "timeline": cli.jsonl("timeline", case),
        "files": cli.jsonl("files", case, "--all-types"),
    }


def test_both_containers_hold_the_same_verified_media(windows_case: dict[str, Any]) -> None:
    by_exhibit = {row["exhibit"]: row for row in windows_case["listed"]}
    raw, ewf = by_exhibit["RAW-1"], by_exhibit["EWF-1"]
    assert (raw["format"], ewf["format"]) == ("raw", "ewf")
    assert raw["sha256"] == ewf["sha256"] and raw["md5"] == ewf["md5"]
    assert ewf["verdict"] == "MATCH" and ewf["stored_md5"] == ewf["md5"]


def _of(rows: list[dict[str, Any]], evidence: str) -> list[dict[str, Any]]:
    return [r for r in rows if r.get("evidence") == evidence]


def _at(rows: list[dict[str, Any]], path: str, rtype: str | None = None) -> list[dict[str, Any]]:
    return [r for r in rows if r["path"] == "/" + path and (rtype is None or r["type"] == rtype)]


def test_every_row_carries_provenance(windows_case: dict[str, Any]) -> None:
    rows = windows_case["artifacts"]
    assert len(rows) > 1000
    evidence = set(windows_case["evidence"].values())
    files = {(f["evidence"], f["partition_offset"], f["inode"], f["path"]) for f in windows_case["files"]}
    for row in rows:
        missing = [k for k in PROVENANCE if row.get(k) in (None, "")]
        assert not missing, (missing, row)
        assert list(row)[:len(PROVENANCE)] == list(PROVENANCE), list(row)  # the documented column order
        assert row["evidence"] in evidence
        assert row["partition_offset"] == PARTITION_OFFSET
        assert isinstance(row["inode"], int) and row["inode"] > 0
        # The locator columns name a file the walk listed (same inode at the same path).
        assert (row["evidence"], row["partition_offset"], row["inode"], row["path"]) in files, row
        assert row["plugin_version"], row


# (planted path, record type, expected count per evidence item or None for "at least one", check)
Check = Callable[[list[dict[str, Any]]], None]


def _check_sam(rows: list[dict[str, Any]]) -> None:
    by_rid = {r["rid"]: r for r in rows}
    assert set(by_rid) >= {500, 1000}
    assert by_rid[500]["username"] == "Administrator" and by_rid[500]["logon_count"] == 6
    assert by_rid[500]["last_logon"].startswith("2010-11-20T21:48:12")
    assert by_rid[1000]["logon_count"] == 4


def _check_system(rows: list[dict[str, Any]]) -> None:
    assert rows[0]["computer_name"] == "WKS-WIN732BITA"
    assert rows[0]["time_zone_bias_minutes"] == 300


def _check_prefetch(name: str) -> Check:
    def check(rows: list[dict[str, Any]]) -> None:
        assert rows[0]["executable"] == name.rsplit("-", 1)[0]
        assert rows[0]["prefetch_hash"].upper().endswith(name.rsplit("-", 1)[1][:-3].upper())
    return check


def _check_chrome(rows: list[dict[str, Any]]) -> None:
    first = min(rows, key=lambda r: r["visit_time"])
    assert first["url"] == "http://start.ubuntu.com/10.04/Google/" and first["visit_count"] == 4
    assert first["visit_time"].startswith("2011-04-07T12:03:11")


def _check_firefox(rows: list[dict[str, Any]]) -> None:
    assert rows[0]["url"] == "http://news.google.com/"
    assert rows[0]["visit_time"].startswith("2011-07-01T11:16:21")


def _check_lnk(name: str) -> Check:
    def check(rows: list[dict[str, Any]]) -> None:
        if name == "NeroInfoTool.lnk":
            assert rows[0]["target_size"] == 4635160
            assert rows[0]["volume_label"] == "OS"
    return check


def _check_recycle(rows: list[dict[str, Any]]) -> None:
    assert rows[0]["original_path"] == r"C:\Users\random\Downloads\bunnies.jpg"
    assert rows[0]["size"] == 222255 and rows[0]["owner_sid"] == SID
    assert rows[0]["deleted"].startswith("2016-06-29T21:37:45.618")


def _check_evtx(rows: list[dict[str, Any]]) -> None:
    first = min(rows, key=lambda r: r["record_number"])
    assert (first["record_number"], first["event_id"]) == (12049, 105)
    assert first["provider"] == "Microsoft-Windows-Eventlog"
    assert first["computer"] == "WKS-WIN764BITB.shieldbase.local"


def _check_exif(make: str) -> Check:
    def check(rows: list[dict[str, Any]]) -> None:
        assert rows[0]["make"] == make
    return check


def _expectations() -> list[tuple[str, str, int | None, Check | None]]:
    out: list[tuple[str, str, int | None, Check | None]] = [
        ("Users/jdoe/NTUSER.DAT", "windows.userassist", None, None),
        ("Users/jdoe/NTUSER.DAT", "windows.recent_doc", None, None),
        ("Windows/System32/config/SAM", "windows.user_account", 3, _check_sam),
        ("Windows/System32/config/SYSTEM", "windows.system_info", None, _check_system),
        ("Windows/System32/config/SYSTEM", "windows.usb_storage", None, None),
        (CHROME, "browser.visit", 69, _check_chrome),
        (CHROME, "browser.download", 2, None),
        (FIREFOX, "browser.visit", None, _check_firefox),
        (f"$Recycle.Bin/{SID}/$I103S5F.jpg", "windows.recyclebin", 1, _check_recycle),
        ("Windows/System32/winevt/Logs/System.evtx", "windows.event", 1601, _check_evtx),
        ("Users/jdoe/Pictures/DSCN0010.jpg", "image.exif", 1, _check_exif("NIKON")),
        ("Users/jdoe/Pictures/Canon_40D.jpg", "image.exif", 1, _check_exif("Canon")),
    ]
    out += [(f"Windows/Prefetch/{n}", "windows.prefetch", 1, _check_prefetch(n)) for n in PREFETCH]
    out += [(f"{RECENT}/{n}", "windows.lnk", 1, _check_lnk(n)) for n in LNKS]
    out.append((DELETED_LNK, "windows.lnk", 1, None))  # a deleted shortcut is still examined
    return out


@pytest.mark.parametrize("path,rtype,count,check", _expectations(),
                         ids=[f"{e[1]}@{e[0].rsplit('/', 1)[-1]}" for e in _expectations()])
def test_planted_artifact_found_at_its_path(windows_case: dict[str, Any], path: str, rtype: str,
                                             count: int | None, check: Check | None) -> None:
    for exhibit, uid in windows_case["evidence"].items():
        rows = _at(_of(windows_case["artifacts"], uid), path, rtype)
        assert rows, f"{exhibit}: no {rtype} record from /{path}"
        if count is not None:
            assert len(rows) == count, (exhibit, rtype, path, len(rows))
        if check is not None:
            check(rows)


def test_user_names_come_from_the_profile_folders(windows_case: dict[str, Any]) -> None:
    rows = windows_case["artifacts"]
    per_path: dict[str, set[Any]] = collections.defaultdict(set)
    for row in rows:
        parts = row["path"].split("/")
        if len(parts) > 3 and parts[1] == "Users" and "user" in row:
            assert row["user"] == parts[2], row  # never a name from inside the record
            per_path[row["path"]].add(row["user"])
    assert per_path["/" + CHROME] == {"jdoe"}
    assert per_path["/" + FIREFOX] == {"asmith"}
    assert per_path["/Users/jdoe/NTUSER.DAT"] == {"jdoe"}
    chrome = _at(rows, CHROME, "browser.visit")
    firefox = _at(rows, FIREFOX, "browser.visit")
    assert {r["profile"] for r in chrome} == {"Default"}
    assert {r["profile"] for r in firefox} == {"abcd.default"}
    # System-wide artifacts are not given a user by mistake.
    assert all(not r.get("user") for r in _at(rows, "Windows/System32/config/SYSTEM"))


def _timeline_path(row: dict[str, Any]) -> str:
    if row.get("path"):
        return str(row["path"])
    return Locator.parse(str(row["locator"])).path


def test_timeline_has_the_planted_artifacts(windows_case: dict[str, Any]) -> None:
    rows = windows_case["timeline"]
    assert rows
    paths = collections.Counter(_timeline_path(r) for r in rows)
    for path in ("Users/jdoe/NTUSER.DAT", "Windows/System32/config/SAM", CHROME, FIREFOX,
                 f"$Recycle.Bin/{SID}/$I103S5F.jpg", "Windows/System32/winevt/Logs/System.evtx",
                 "Users/jdoe/Pictures/DSCN0010.jpg", *(f"Windows/Prefetch/{n}" for n in PREFETCH),
                 *(f"{RECENT}/{n}" for n in LNKS)):
        assert paths["/" + path] > 0, f"no timeline row from /{path}"
    deleted = [r for r in rows if _timeline_path(r) == f"/$Recycle.Bin/{SID}/$I103S5F.jpg"]
    assert deleted and all(r["time_utc"].startswith("2016-06-29T21:37:45.618") for r in deleted), deleted
    # In time order, as a timeline should be (compared as moments, not as text).
    moments = [_dt.datetime.fromisoformat(r["time_utc"]) for r in rows]
    assert all(m.tzinfo is not None for m in moments)
    assert moments == sorted(moments)


def test_timeline_rows_can_be_traced_to_their_file(windows_case: dict[str, Any]) -> None:
    """Each timeline entry keeps its locator (issue 3: time UTC, what happened, source, locator):
    the path alone does not say which partition or which of two same-named entries it came from."""
    untraceable = [r for r in windows_case["timeline"]
                   if not (r.get("locator") or (r.get("partition_offset") is not None and r.get("inode")))]
    assert not untraceable, f"{len(untraceable)} timeline rows without a locator, e.g. {untraceable[0]}"


def test_camera_clock_times_are_not_presented_as_utc(windows_case: dict[str, Any]) -> None:
    """EXIF DateTimeOriginal is the camera's clock with no time zone: the timeline must not state it as UTC."""
    photo = [a for a in windows_case["artifacts"] if a["path"] == "/Users/jdoe/Pictures/Canon_40D.jpg"]
    assert photo and photo[0]["taken_camera_clock"] == "2008-05-30T15:56:01"
    taken = [r for r in windows_case["timeline"] if _timeline_path(r) == "/Users/jdoe/Pictures/Canon_40D.jpg"]
    wrong = [r for r in taken if "2008-05-30" in str(r.get("time_utc")) and "15:56:01" in str(r.get("time_utc"))
             and str(r.get("time", "")).endswith("UTC")]
    assert not wrong, f"a camera-clock time (zone unknown) is shown as UTC: {wrong[0]}"


def test_no_false_warnings(windows_case: dict[str, Any]) -> None:
    """A clean image with valid artifacts gives no read errors and no parser warnings."""
    with CaseStore.open(windows_case["case"], read_only=True) as store:
        rows = [dict(r) for r in store.query("SELECT source, kind, locator, message FROM warnings")]
        plugins = {r["plugin"] for r in store.query("SELECT DISTINCT plugin FROM artifacts")}
    # Content-search caps are information about kept hits, not problems with the evidence.
    problems = [r for r in rows if r["source"] != "content"]
    reads = [r for r in problems if r["source"] == "read"]
    assert not reads, f"read errors on a clean image: {reads}"
    parsers = [r for r in problems if r["source"] in plugins or r["source"].startswith(("image.", "windows."))]
    assert not parsers, f"extractor warnings on valid artifacts: {parsers}"


def test_deleted_file_and_alternate_stream(windows_case: dict[str, Any]) -> None:
    raw = windows_case["evidence"]["RAW-1"]
    files = _of(windows_case["files"], raw)
    deleted = [f for f in files if f["path"] == "/" + DELETED_FILE]
    assert len(deleted) == 1 and deleted[0]["deleted"] is True
    assert deleted[0]["sha256"] == hashlib.sha256(DELETED_CONTENT).hexdigest()
    host = [f for f in files if f["path"] == "/" + ADS_HOST and not f["stream"]]
    zone = [f for f in files if f["path"] == "/" + ADS_HOST and f["stream"] == "Zone.Identifier"]
    assert len(host) == 1 and len(zone) == 1
    assert zone[0]["inode"] == host[0]["inode"] and zone[0]["attr_type"] == 128
    assert zone[0]["sha256"] == hashlib.sha256(ZONE).hexdigest() and zone[0]["size"] == len(ZONE)
    lnk = _at(_of(windows_case["artifacts"], raw), DELETED_LNK)
    assert lnk and {f["deleted"] for f in files if f["path"] == "/" + DELETED_LNK} == {True}


def test_type_filter(windows_case: dict[str, Any]) -> None:
    rows = windows_case["cli"].jsonl("artifacts", windows_case["case"], "--type", "windows.prefetch")
    assert len(rows) == 2 * len(PREFETCH) and {r["type"] for r in rows} == {"windows.prefetch"}


def _normalised(rows: list[dict[str, Any]], uid: str) -> collections.Counter[str]:
    out: collections.Counter[str] = collections.Counter()
    for row in rows:
        text = json.dumps({k: v for k, v in row.items() if k not in ("evidence", "exhibit", "id", "uid")},
                          sort_keys=True, ensure_ascii=False)
        out[text.replace(f"{uid}:", "EV:")] += 1
    return out


def test_e01_gives_the_same_results_as_the_raw_image(windows_case: dict[str, Any]) -> None:
    raw, ewf = windows_case["evidence"]["RAW-1"], windows_case["evidence"]["EWF-1"]
    for table in ("artifacts", "timeline"):
        rows = windows_case[table]
        if table == "timeline" and not any("evidence" in r for r in rows):
            split = collections.defaultdict(list)
            for r in rows:
                split[Locator.parse(str(r["locator"])).evidence].append(r)
            a, b = split[raw], split[ewf]
        else:
            a, b = _of(rows, raw), _of(rows, ewf)
        assert a and _normalised(a, raw) == _normalised(b, ewf), table


def test_ntfs_bad_cluster_stream_is_listed_not_read(tmp_path: Path) -> None:
    """$BadClus:$Bad spans the volume; with no cluster marked bad TSK has no runs and reads nothing.
    The walker lists it (not as a readable file), so a clean NTFS volume gets no false read error."""
    import pytsk3

    from forensic_triage.fs.walker import Walker

    image = build_ntfs(tmp_path / "ntfs.img", {"a.txt": b"a"}, size_mb=8)
    fs = pytsk3.FS_Info(pytsk3.Img_Info(str(image)))
    entries = {(e.locator.inode, e.locator.stream): e for e in Walker(fs, "EV1", 0, ntfs=True).walk()}
    bad = entries[(8, "$Bad")]
    assert bad.type == "virtual" and "no-bad-clusters" in bad.flags
    assert bad.size >= 8 * 1024 * 1024 - 4096  # the volume, less the cluster of the backup boot sector
    assert entries[(8, "")].type == "file" and entries[(8, "")].size == 0
    assert all(e.type == "file" for (_, stream), e in entries.items() if stream and stream != "$Bad")
