"""Body file (read by The Sleuth Kit's mactime), DFXML listing and CSV tables with formula injection neutralised."""

from __future__ import annotations

import csv
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from ft_testlib import require_tool

from forensic_triage.exports.bodyfile import export_bodyfile
from forensic_triage.exports.dfxml import NS, export_dfxml
from forensic_triage.exports.tables import write_csv
from forensic_triage.store import CaseStore


def test_mactime_reads_the_bodyfile(report_case: dict[str, Any], tmp_path: Path) -> None:
    require_tool("mactime")
    body = tmp_path / "body.txt"
    with CaseStore.open(report_case["case_dir"], read_only=True) as store:
        lines = export_bodyfile(store, body)
        files = store.scalar("SELECT count(*) FROM files")
        md5 = store.scalar("SELECT md5 FROM files WHERE name = 'contacts.txt'")
    assert lines == files
    for line in body.read_text().splitlines():
        assert line.count("|") == 10  # hostile names cannot break the format
    out = subprocess.run(["mactime", "-b", str(body), "-d", "-z", "UTC"], capture_output=True, text=True, check=True)
    rows = list(csv.reader(out.stdout.splitlines()))
    assert rows[0][:3] == ["Date", "Size", "Type"]
    names = [r[-1] for r in rows[1:]]
    assert any(n.endswith("/Users/jdoe/Documents/contacts.txt") for n in names)
    assert any("(deleted)" in n for n in names)  # the sample's deleted file
    assert any(r[-1].endswith("contacts.txt") and r[0].startswith("Thu Feb 27 2025") for r in rows[1:])
    assert md5 in body.read_text()


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
