"""Times with their basis (issue 11, item 1) on real images.

A FAT16 image made with mkfs.fat + mcopy holds local wall-clock times (the builders run the tools
with TZ=UTC, so the FAT fields hold exactly the times given here). The Sleuth Kit turns them into
Unix times with mktime(), i.e. with the host's zone; the triage must give the same text whatever
the examiner's machine is set to (the CLI runs here under TZ=Asia/Tokyo), equal to what
``fls -m`` gives under TZ=UTC. Without a declared zone nothing says UTC; with one, the UTC values
follow and say they are assumed; ``evidence set`` re-derives the timeline, audited. NTFS stays UTC.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from imagebuilders import build_fat, build_ntfs, require_tools
from PIL import Image

from forensic_triage.cli.main import run
from forensic_triage.exports.case_uco import export_case
from forensic_triage.jobs.intake import add_evidence
from forensic_triage.jobs.settings import TriageSettings
from forensic_triage.jobs.source_zone import set_source_timezone
from forensic_triage.jobs.triage import run_triage
from forensic_triage.sample.generator import build_sample_image
from forensic_triage.store import CaseStore

REPORT = "/notes/report.txt"
PHOTO = "/DCIM/IMG_0001.JPG"
CAMERA_LABEL = "Photo taken (EXIF camera clock, no zone recorded)"
PORT_OF_SPAIN = "America/Port_of_Spain"
TIME_KEYS = ("mtime", "atime", "ctime", "crtime", "mtime_utc", "atime_utc", "ctime_utc", "crtime_utc", "modified",
             "time_basis_label")


def camera_jpeg() -> bytes:
    """A picture whose camera wrote DateTimeOriginal and no OffsetTimeOriginal (zone unknown)."""
    exif = Image.Exif()
    exif[0x010F] = "Canon"
    exif[0x0110] = "Canon EOS 80D"
    exif.get_ifd(0x8769)[0x9003] = "2025:02:27 10:15:02"
    out = io.BytesIO()
    Image.new("RGB", (8, 6), "blue").save(out, "JPEG", exif=exif)
    return out.getvalue()


@pytest.fixture(scope="module")
def fat_image(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("fat-times")
    return build_fat(folder / "usb.img", {REPORT.lstrip("/"): b"quarterly figures\n", PHOTO.lstrip("/"): camera_jpeg()},
                     timestamp="2025-02-27 14:20:00", mtimes={REPORT.lstrip("/"): "2025-02-27 14:22:06"})


def cli(*argv: str, tz: str = "Asia/Tokyo") -> subprocess.CompletedProcess[str]:
    """The real command line in a fresh process whose local zone is not UTC."""
    env = {**os.environ, "TZ": tz}
    return subprocess.run([sys.executable, "-m", "forensic_triage", *argv], capture_output=True, text=True, env=env,
                          check=False)


def jsonl(*argv: str) -> list[dict[str, Any]]:
    res = cli(*argv, "--format", "jsonl")
    assert res.returncode == 0, res.stderr
    return [json.loads(line) for line in res.stdout.splitlines()]


def fls_times(image: Path) -> dict[str, list[int]]:
    """``fls -m`` under TZ=UTC: path -> [atime, mtime, ctime, crtime] as Unix seconds."""
    require_tools("fls")
    out = subprocess.run(["fls", "-m", "/", "-r", str(image)], capture_output=True, text=True, check=True,
                         env={**os.environ, "TZ": "UTC"}).stdout
    times = {}
    for line in out.splitlines():
        fields = line.split("|")
        times[fields[1]] = [int(v) for v in fields[7:11]]
    return times


def naive(seconds: int) -> str | None:
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(seconds)) if seconds else None


@pytest.fixture(scope="module")
def fat_case(tmp_path_factory: pytest.TempPathFactory, fat_image: Path) -> Path:
    case = tmp_path_factory.mktemp("fat-case") / "case"
    assert cli("case", "new", str(case), "--case-number", "T-1", "--examiner", "A. Examiner").returncode == 0
    added = cli("evidence", "add", str(case), str(fat_image), "--exhibit", "EXH-001", "--quiet")
    assert added.returncode == 0, added.stderr
    assert "source zone  unknown" in added.stdout
    assert cli("triage", str(case), "--quiet", "--jobs", "1").returncode == 0
    return case


def test_fat_times_are_local_and_match_the_sleuth_kit(fat_case: Path, fat_image: Path) -> None:
    rows = {r["path"]: r for r in jsonl("files", str(fat_case))}
    report = rows[REPORT]
    assert (report["mtime"], report["atime"], report["ctime"]) == ("2025-02-27T14:22:06", "2025-02-27", None)
    assert report["time_basis"] == "local" and report["source_timezone"] is None
    assert report["time_basis_label"] == "local clock, zone unknown"
    assert report["modified"] == "2025-02-27 14:22:06 local (zone unknown)"
    for row in rows.values():  # nothing says UTC: no 'Z', no UTC value, no 'UTC' in words
        assert all(row[k] is None for k in ("mtime_utc", "atime_utc", "ctime_utc", "crtime_utc")), row
        assert not any("Z" in str(row[k]) or "UTC" in str(row[k]) for k in TIME_KEYS if row[k]), row
    # The same wall clock The Sleuth Kit reads under TZ=UTC, though this triage ran under Asia/Tokyo.
    tsk = fls_times(fat_image)
    for path, row in rows.items():
        atime, mtime, _ctime, crtime = tsk[path]
        assert (row["mtime"], row["crtime"]) == (naive(mtime), naive(crtime)), path
        assert row["atime"] == (naive(atime)[:10] if atime else None), path  # FAT keeps the access date only


def test_without_a_zone_local_artifact_times_stay_off_the_timeline(fat_case: Path) -> None:
    photo = [a for a in jsonl("artifacts", str(fat_case), "--type", "image.exif") if a["path"] == PHOTO]
    assert photo and photo[0]["taken_camera_clock"] == "2025-02-27T10:15:02" and photo[0]["taken"] is None
    assert photo[0]["time_basis"] == "local"
    res = cli("timeline", str(fat_case), "--format", "jsonl")
    assert res.returncode == 0 and res.stdout == ""
    assert "1 artifact(s) hold local clock times with no known zone" in res.stderr


def test_declared_zone_rederives_times_and_is_audited(fat_case: Path, tmp_path: Path) -> None:
    case = tmp_path / "case"
    shutil.copytree(fat_case, case, ignore=shutil.ignore_patterns(".case.lock"))
    res = cli("evidence", "set", str(case), "EXH-001", "--source-timezone", PORT_OF_SPAIN)
    assert res.returncode == 0, res.stderr
    assert "0 timeline rows removed and 1 placed" in res.stdout

    report = {r["path"]: r for r in jsonl("files", str(case))}[REPORT]
    assert (report["mtime"], report["mtime_utc"]) == ("2025-02-27T14:22:06", "2025-02-27T18:22:06Z")  # 4 h later
    assert report["atime_utc"] is None  # a date has no instant
    assert report["time_basis_label"] == f"local clock, zone {PORT_OF_SPAIN} declared by the examiner (assumed)"
    assert report["modified"] == f"2025-02-27 18:22:06 UTC [local clock, zone {PORT_OF_SPAIN} assumed]"

    def camera_rows() -> list[dict[str, Any]]:
        return [r for r in jsonl("timeline", str(case)) if r["event"] == CAMERA_LABEL]

    placed = camera_rows()
    assert [(r["time_utc"], r["basis"], r["local_time"]) for r in placed] == [
        ("2025-02-27T14:15:02Z", f"assumed:{PORT_OF_SPAIN}", "2025-02-27T10:15:02")]
    assert placed[0]["time"].endswith(f"[local clock 2025-02-27 10:15:02, zone {PORT_OF_SPAIN} assumed]")
    photo = [a for a in jsonl("artifacts", str(case), "--type", "image.exif") if a["path"] == PHOTO][0]
    assert photo["time_basis"] == f"assumed:{PORT_OF_SPAIN}"

    assert cli("evidence", "set", str(case), "EXH-001", "--source-timezone", "+05:30").returncode == 0
    assert [(r["time_utc"], r["basis"]) for r in camera_rows()] == [("2025-02-27T04:45:02Z", "assumed:+05:30")]
    assert cli("evidence", "set", str(case), "EXH-001", "--source-timezone", "unknown").returncode == 0
    assert camera_rows() == []
    assert {r["path"]: r for r in jsonl("files", str(case))}[REPORT]["mtime_utc"] is None

    bad = cli("evidence", "set", str(case), "EXH-001", "--source-timezone", "Mars/Base")
    assert bad.returncode == 2 and "not a time zone" in bad.stderr
    with CaseStore.open(case, read_only=True) as store:
        audit = [json.loads(r["details"]) for r in store.query(
            "SELECT details FROM audit WHERE action = 'evidence source time zone set' ORDER BY seq")]
        assert store.scalar("SELECT source_timezone FROM evidence") is None
        assert not store.verify_audit()[0]
    assert [(a["old"], a["new"]) for a in audit] == [(None, PORT_OF_SPAIN), (PORT_OF_SPAIN, "+05:30"),
                                                     ("+05:30", None)]
    assert audit[1]["timeline_rows_removed"] == 1 and audit[1]["timeline_rows_placed"] == 1


def test_zone_given_at_intake_places_local_times_at_triage(fat_image: Path, tmp_path: Path) -> None:
    case = tmp_path / "case"
    assert cli("case", "new", str(case), "--case-number", "T-2", "--examiner", "A. Examiner").returncode == 0
    bad = cli("evidence", "add", str(case), str(fat_image), "--source-timezone", "+4", "--quiet")
    assert bad.returncode == 2 and "not a time zone" in bad.stderr
    added = cli("evidence", "add", str(case), str(fat_image), "--exhibit", "EXH-001", "--source-timezone=-04:00",
                "--quiet")
    assert added.returncode == 0 and "source zone  -04:00" in added.stdout
    assert cli("triage", str(case), "--quiet", "--jobs", "1").returncode == 0
    rows = [r for r in jsonl("timeline", str(case)) if r["event"] == CAMERA_LABEL]
    assert [(r["time_utc"], r["basis"]) for r in rows] == [("2025-02-27T14:15:02Z", "assumed:-04:00")]
    with CaseStore.open(case, read_only=True) as store:
        assert store.scalar("SELECT count(*) FROM evidence") == 1  # the refused zone added nothing


def test_case_export_writes_the_offset_used(fat_case: Path, tmp_path: Path) -> None:
    def report_node(case: Path) -> dict[str, Any]:
        out = tmp_path / f"{case.name}.jsonld"
        with CaseStore.open(case, read_only=True) as store:
            export_case(store, out, "all")
        text = out.read_text()
        assert "2025-02-27T14:22:06Z" not in text and "2025-02-27T18:22:06Z" not in text
        graph = json.loads(text)["@graph"]
        return next(n for n in graph if n.get("@type") == "uco-observable:File"
                    and n.get("uco-core:name", "").endswith(REPORT))

    node = report_node(fat_case)
    facet = next(f for f in node["uco-core:hasFacet"] if f["@type"] == "uco-observable:FileFacet")
    assert facet["uco-observable:modifiedTime"] == {"@type": "xsd:dateTime", "@value": "2025-02-27T14:22:06"}
    assert "uco-observable:accessedTime" not in facet  # a date is not an xsd:dateTime: said in the description
    assert "zone is unknown" in node["uco-core:description"] and "last accessed on 2025-02-27" in node[
        "uco-core:description"]

    case = tmp_path / "declared"
    shutil.copytree(fat_case, case, ignore=shutil.ignore_patterns(".case.lock"))
    with CaseStore.open(case) as store:
        set_source_timezone(store, "EXH-001", PORT_OF_SPAIN)
    node = report_node(case)
    facet = next(f for f in node["uco-core:hasFacet"] if f["@type"] == "uco-observable:FileFacet")
    assert facet["uco-observable:modifiedTime"]["@value"] == "2025-02-27T14:22:06-04:00"
    assert PORT_OF_SPAIN in node["uco-core:description"] and "assumption" in node["uco-core:description"]


def test_dfxml_writes_local_times_with_their_basis(fat_case: Path, tmp_path: Path) -> None:
    import xml.etree.ElementTree as ET

    from forensic_triage.exports.dfxml import NS, export_dfxml

    def report_times(case: Path) -> dict[str, tuple[str | None, str | None]]:
        out = tmp_path / f"{case.name}.dfxml"
        with CaseStore.open(case, read_only=True) as store:
            export_dfxml(store, out)
        assert "time_basis: local clock" in out.read_text()
        obj = next(o for o in ET.parse(out).getroot().iter(f"{{{NS}}}fileobject")
                   if o.findtext(f"{{{NS}}}filename") == REPORT.lstrip("/"))
        return {k: (obj.findtext(f"{{{NS}}}{k}"), obj.find(f"{{{NS}}}{k}").get("prec"))  # type: ignore[union-attr]
                for k in ("mtime", "atime")}

    assert report_times(fat_case) == {"mtime": ("2025-02-27T14:22:06", None), "atime": ("2025-02-27T00:00:00", "86400")}
    case = tmp_path / "declared"
    shutil.copytree(fat_case, case, ignore=shutil.ignore_patterns(".case.lock"))
    with CaseStore.open(case) as store:
        set_source_timezone(store, "EXH-001", PORT_OF_SPAIN)
    assert report_times(case) == {"mtime": ("2025-02-27T14:22:06-04:00", None),
                                  "atime": ("2025-02-27T00:00:00-04:00", "86400")}


def test_ntfs_times_stay_utc(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    image = build_ntfs(tmp_path / "ntfs.img", {"docs/report.txt": b"figures\n"},
                       mtimes={"docs/report.txt": "2025-02-27 14:22:06"})
    case = tmp_path / "case"
    with CaseStore.create(case, case_number="T-3", examiner="A. Examiner") as store:
        add_evidence(store, image, exhibit="EXH-001")
        run_triage(store, TriageSettings(jobs=1, plugins=[]))
        set_source_timezone(store, "EXH-001", PORT_OF_SPAIN)  # the declared zone cannot touch UTC times
    assert run(["files", str(case), "--path", "/docs/report.txt", "--format", "jsonl"]) == 0
    row = json.loads(capsys.readouterr().out.splitlines()[0])
    assert (row["time_basis"], row["mtime"], row["mtime_utc"]) == ("utc", "2025-02-27T14:22:06Z", "2025-02-27T14:22:06Z")
    assert row["time_basis_label"] == "UTC as recorded by the source"


@pytest.fixture(scope="module")
def sample_image(tmp_path_factory: pytest.TempPathFactory) -> Path:
    image = tmp_path_factory.mktemp("sample") / "sample.dd"
    build_sample_image(image)
    return image


@pytest.mark.parametrize("zone", [None, PORT_OF_SPAIN])
def test_sample_invoice_created_when_chrome_started_the_download(sample_image: Path, tmp_path: Path, zone: str | None,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    case = tmp_path / "case"
    with CaseStore.create(case, case_number="T-4", examiner="A. Examiner") as store:
        add_evidence(store, sample_image, exhibit="EXH-001")
        if zone:
            set_source_timezone(store, "EXH-001", zone)
        run_triage(store, TriageSettings(jobs=1, plugins=["browser.chrome"]))
    assert run(["files", str(case), "--path", "*/invoice.pdf", "--format", "jsonl"]) == 0
    invoice = json.loads(capsys.readouterr().out.splitlines()[0])
    assert run(["artifacts", str(case), "--type", "browser.download", "--format", "jsonl"]) == 0
    start = [d["start_time"] for d in map(json.loads, capsys.readouterr().out.splitlines())
             if d["target_path"].endswith("invoice.pdf")]
    assert start == ["2025-02-27T14:47:02Z"]
    assert invoice["crtime"] == "2025-02-27T10:47:02"  # as the FAT entry holds it: the laptop's clock
    if zone:  # created when the download started, not four hours before it
        assert invoice["crtime_utc"] == start[0] and "assumed" in invoice["time_basis_label"]
    else:  # never presented as UTC
        assert invoice["crtime_utc"] is None and invoice["time_basis_label"] == "local clock, zone unknown"


def test_demo_declares_the_sample_zone(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["demo", str(tmp_path / "demo"), "--quiet", "--jobs", "1"]) == 0
    out = capsys.readouterr().out
    assert f"source time zone: {PORT_OF_SPAIN}, the zone the sample device's clock was set to" in out
    with CaseStore.open(tmp_path / "demo" / "case", read_only=True) as store:
        assert store.scalar("SELECT source_timezone FROM evidence") == PORT_OF_SPAIN
