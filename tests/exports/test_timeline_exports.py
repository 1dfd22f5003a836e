"""Body file (read by The Sleuth Kit's mactime), DFXML listing and CSV tables with formula injection neutralised."""

from __future__ import annotations

import csv
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from ft_testlib import require_tool

from forensic_triage.exports.bodyfile import export_bodyfile, zone_unknown_count
from forensic_triage.exports.dfxml import NS, export_dfxml
from forensic_triage.exports.tables import write_csv
from forensic_triage.jobs.source_zone import set_source_timezone
from forensic_triage.store import CaseStore


def _mactime(body: Path) -> list[list[str]]:
    out = subprocess.run(["mactime", "-b", str(body), "-d", "-z", "UTC"], capture_output=True, text=True, check=True)
    rows = list(csv.reader(out.stdout.splitlines()))
    assert rows[0][:3] == ["Date", "Size", "Type"]
    return rows[1:]


def test_mactime_reads_the_bodyfile(report_case: dict[str, Any], tmp_path: Path) -> None:
    require_tool("mactime")
    body = tmp_path / "body.txt"
    with CaseStore.open(report_case["case_dir"], read_only=True) as store:
        lines = export_bodyfile(store, body)
        files = store.scalar("SELECT count(*) FROM files")
        md5 = store.scalar("SELECT md5 FROM files WHERE name = 'contacts.txt'")
        assert zone_unknown_count(store) == store.scalar("SELECT count(*) FROM files WHERE time_basis = 'local'") > 0
    assert lines == files
    for line in body.read_text().splitlines():
        assert line.count("|") == 10  # hostile names cannot break the format
    assert md5 in body.read_text()
    # The sample's FAT times are the laptop's local clock and no zone is declared in this case:
    # no instant exists, so they are written as 0 (unknown), never read as if they were UTC.
    contacts = next(line for line in body.read_text().splitlines()
                    if line.split("|")[1].endswith(":/Users/jdoe/Documents/contacts.txt"))
    assert contacts.split("|")[7:] == ["0", "0", "0", "0"]
    rows = _mactime(body)
    assert not any(r[-1].endswith("contacts.txt") for r in rows)
    if report_case["hostile"]:  # ext4 records UTC: its times are listed as they are
        assert any("EXH-002@" in r[-1] and r[0] == "Thu Feb 27 2025 14:40:00" for r in rows)

    # Declared zone (the sample laptop was at -04:00): the local clock 09:12:44 is 13:12:44 UTC.
    copy = tmp_path / "case"
    shutil.copytree(report_case["case_dir"], copy, ignore=shutil.ignore_patterns(".case.lock"))
    with CaseStore.open(copy) as store:
        set_source_timezone(store, "EXH-001", "America/Port_of_Spain")
        export_bodyfile(store, body)
        assert zone_unknown_count(store) == 0
    rows = _mactime(body)
    contacts_rows = [(r[0], r[2]) for r in rows if r[-1].endswith("/Users/jdoe/Documents/contacts.txt")]
    assert ("Thu Feb 27 2025 13:12:44", "m...") in contacts_rows  # modified 2025-02-27 09:12:44 local
    assert ("Wed Feb 26 2025 20:02:10", "...b") in contacts_rows  # created 2025-02-26 16:02:10 local
    assert any(r[-1].endswith("(deleted)") for r in rows)  # the sample's deleted file


def test_dfxml_lists_files_with_hashes(report_case: dict[str, Any], tmp_path: Path) -> None:
    out = tmp_path / "listing.dfxml"
    with CaseStore.open(report_case["case_dir"], read_only=True) as store:
        count = export_dfxml(store, out)
        rows = {r["id"]: dict(r) for r in store.query("SELECT * FROM files")}
    root = ET.parse(out).getroot()
    assert root.tag == f"{{{NS}}}dfxml" and root.get("version", "").startswith("2.")
    objs = root.findall(f".//{{{NS}}}fileobject")
    assert count == len(objs) == len(rows)
    for obj in objs:
        row = rows[int(obj.findtext(f"{{{NS}}}id") or 0)]
        assert obj.findtext(f"{{{NS}}}filesize") == str(row["size"])
        digests = {h.get("type"): h.text for h in obj.findall(f"{{{NS}}}hashdigest")}
        if row["sha256"]:
            assert digests["sha256"] == row["sha256"]


def test_csv_neutralises_formulas(report_case: dict[str, Any], tmp_path: Path) -> None:
    with CaseStore.open(report_case["case_dir"], read_only=True) as store:
        written = write_csv(store, tmp_path / "csv")
    names = {p.name for p in written}
    assert {"files.csv", "artifacts.csv", "yara_hits.csv", "content_hits.csv", "custody.csv", "audit.csv",
            "findings.csv", "evidence.csv"} <= names
    with (tmp_path / "csv" / "content_hits.csv").open(newline="") as fh:
        values = [r["value"] for r in csv.DictReader(fh)]
    assert "'=1+868-555-0100" in values and "=1+868-555-0100" not in values
    with (tmp_path / "csv" / "files.csv").open(newline="") as fh:
        files = list(csv.DictReader(fh))
    assert all((r["name"] or "x")[0] not in "=+-@" for r in files)
    hostile = [r for r in files if r["name"].startswith("bell")]
    if report_case["hostile"]:
        assert bytes.fromhex(hostile[0]["name_raw"]) == b"bell\x07\x1b[31mred.txt"
