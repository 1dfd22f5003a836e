"""``plugins``, ``artifacts`` and ``timeline`` on a case filled by a real triage run of the built-in
sample image (its Chrome History at the real Windows path), through ``cli.main.run``."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from forensic_triage.cli.main import run
from forensic_triage.jobs.intake import add_evidence
from forensic_triage.jobs.settings import TriageSettings
from forensic_triage.jobs.triage import run_triage
from forensic_triage.sample.generator import build_sample_image
from forensic_triage.store import CaseStore

HISTORY = "/Users/jdoe/AppData/Local/Google/Chrome/User Data/Default/History"


@pytest.fixture(scope="module")
def case_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("artifacts-cli")
    image = folder / "sample.dd"
    build_sample_image(image)
    case = folder / "case"
    store = CaseStore.create(case, case_number="CLI-1", examiner="Examiner", timezone="America/Port_of_Spain")
    try:
        add_evidence(store, image, exhibit="EXH-001")
        stats = run_triage(store, TriageSettings(jobs=1, plugins=["browser.chrome"]))
    finally:
        store.close()
    assert stats.artifacts == 8
    return case


def lines(capsys: pytest.CaptureFixture[str], *argv: str) -> list[dict]:
    assert run(list(argv)) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_plugins_lists_versions_and_inputs(capsys: pytest.CaptureFixture[str]) -> None:
    rows = {r["name"]: r for r in lines(capsys, "plugins", "--format", "jsonl")}
    chrome = rows["browser.chrome"]
    assert chrome["version"] == "1.0"
    assert "%LocalAppData%/Google/Chrome/User Data/*/History" in chrome["reads"]
    assert chrome["record_types"] == ["browser.bookmark", "browser.download", "browser.search", "browser.visit"]
    assert rows["windows.evtx"]["reads"].startswith("%SystemRoot%/System32/winevt/Logs/*.evtx")
    assert "signature b'regf'" in rows["windows.registry.usb"]["reads"]
    assert run(["plugins"]) == 0
    table = capsys.readouterr().out
    assert table.splitlines()[0].split()[:4] == ["NAME", "VERSION", "DESCRIPTION", "READS"]


def test_artifacts_jsonl_provenance_then_fields(case_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = lines(capsys, "artifacts", str(case_dir), "--format", "jsonl")
    assert len(rows) == 8
    first = rows[0]
    assert list(first)[:8] == ["id", "type", "plugin", "plugin_version", "evidence", "partition_offset", "inode", "path"]
    assert re.fullmatch(r"ART-\d+", first["id"])
    assert (first["type"], first["plugin"], first["plugin_version"], first["evidence"], first["path"]) == (
        "browser.visit", "browser.chrome", "1.0", "EXH-001", HISTORY)
    assert first["partition_offset"] == 1048576 and isinstance(first["inode"], int)
    assert first["url"] == "https://www.google.com/search?q=how+to+remove+exif+data+from+photos"
    assert first["user"] == "jdoe" and first["profile"] == "Default"


def test_artifacts_filters(case_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    downloads = lines(capsys, "artifacts", str(case_dir), "--type", "browser.download", "--format", "jsonl")
    assert [d["target_path"] for d in downloads] == ["C:\\Users\\jdoe\\Downloads\\invoice.pdf",
                                                     "C:\\Users\\jdoe\\Downloads\\eicar_test.com"]
    assert len(lines(capsys, "artifacts", str(case_dir), "--type", "browser.*", "--format", "jsonl")) == 8
    assert lines(capsys, "artifacts", str(case_dir), "--plugin", "windows.evtx", "--format", "jsonl") == []


def test_artifacts_csv(case_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["artifacts", str(case_dir), "--type", "browser.search", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == 1
    assert rows[0]["term"] == "how to remove exif data from photos" and rows[0]["path"] == HISTORY
    assert run(["artifacts", str(case_dir), "--format", "csv"]) == 0
    mixed = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(mixed) == 8 and json.loads(mixed[0]["data"])["browser"] == "Chrome"


def test_timeline_in_utc_and_case_zone(case_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = lines(capsys, "timeline", str(case_dir), "--format", "jsonl")
    # 5 visits + 1 search + 2 downloads with start and end times.
    assert len(rows) == 10
    assert [r["time_utc"] for r in rows] == sorted(r["time_utc"] for r in rows)
    assert rows[0] == {
        "time_utc": "2025-02-27T14:40:12Z", "time": "2025-02-27 14:40:12 UTC (2025-02-27 10:40:12 -04:00)",
        "event": rows[0]["event"], "source": "browser.chrome", "evidence": "EXH-001", "path": HISTORY,
        "description": rows[0]["description"], "partition_offset": 1048576, "inode": rows[0]["inode"],
        "locator": f"EXH-001:1048576:{rows[0]['inode']}{HISTORY}", "basis": "utc", "local_time": None,
    }
    assert {rows[0]["event"], rows[1]["event"]} == {"URL visited", "Web search"}
    window = lines(capsys, "timeline", str(case_dir), "--from", "2025-02-27T14:47:00Z", "--to",
                   "2025-02-27T10:52:30-04:00", "--format", "jsonl")
    assert [r["event"] for r in window] == ["Download started", "Download finished", "URL visited", "Download started"]
    assert lines(capsys, "timeline", str(case_dir), "--to", "2025-02-26", "--format", "jsonl") == []
    assert len(lines(capsys, "timeline", str(case_dir), "--from", "2025-02-27", "--to", "2025-02-27",
                     "--format", "jsonl")) == 10


def test_timeline_bad_bound_is_a_usage_error(case_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["timeline", str(case_dir), "--from", "yesterday"]) == 2
    assert "not an ISO 8601" in capsys.readouterr().err
