"""The built-in sample evidence through the whole CLI, and reproducibility of a triage."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest

from forensic_triage.cli.main import run
from forensic_triage.jobs.intake import add_evidence
from forensic_triage.jobs.settings import TriageSettings
from forensic_triage.jobs.triage import run_triage
from forensic_triage.sample import build_sample_image
from forensic_triage.store import CaseStore


def test_demo_finds_what_the_sample_holds(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["demo", str(tmp_path / "demo"), "--quiet"]) == 0
    out = capsys.readouterr().out
    image = tmp_path / "demo" / "sample-evidence.dd"
    manifest = build_sample_image(tmp_path / "again.dd")
    assert hashlib.sha256(image.read_bytes()).hexdigest() == manifest["image"]["sha256"]
    assert "extension lies: /Users/jdoe/Downloads/invoice.pdf" in out
    case = str(tmp_path / "demo" / "case")
    assert run(["files", case, "--format", "jsonl"]) == 0
    rows = {r["path"]: r for r in map(json.loads, capsys.readouterr().out.splitlines())}
    for path, expected in manifest["files"].items():
        row = rows["/" + path.lstrip("/")]
        assert row["sha256"] == expected["sha256"], path
        assert row["deleted"] == expected["deleted"], path
    deleted = rows["/" + manifest["deleted_file"]["path"]]
    assert deleted["deleted"] and deleted["md5"] == manifest["deleted_file"]["md5"]
    lying = rows["/" + manifest["lying_file"]["path"]]
    assert lying["ext_mismatch"] and lying["mime"] == manifest["lying_file"]["actual_type"]
    assert run(["verify", case]) == 0


def _tables(case: Path) -> dict[str, list[tuple[object, ...]]]:
    out = {}
    with sqlite3.connect(case / "case.sqlite") as conn:
        for table, order in (("files", "locator"), ("artifacts", "uid"), ("yara_hits", "locator, rule"),
                             ("content_hits", "locator, offset, kind"), ("timeline", "time_utc, locator, event")):
            cols = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")
                    if r[1] not in ("id", "job_id", "artifact_id", "file_id")]
            out[table] = conn.execute(f"SELECT {', '.join(cols)} FROM {table} ORDER BY {order}").fetchall()
    return out


def test_same_image_same_settings_same_findings(tmp_path: Path) -> None:
    results = []
    for name in ("a", "b"):
        image = tmp_path / f"{name}.dd"
        build_sample_image(image)
        case = tmp_path / f"case-{name}"
        store = CaseStore.create(case, case_number="R", examiner="tester")
        add_evidence(store, image, exhibit="EXH-001")
        run_triage(store, TriageSettings(jobs=2))
        store.close()
        results.append(_tables(case))
    assert results[0]["files"] and results[0]["artifacts"]
    assert results[0] == results[1]


def test_triage_regex_option_finds_content(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    image = tmp_path / "s.dd"
    build_sample_image(image)
    case = str(tmp_path / "case")
    assert run(["case", "new", case, "--case-number", "X", "--examiner", "E"]) == 0
    assert run(["evidence", "add", case, str(image), "--quiet"]) == 0
    assert run(["triage", case, "--quiet", "--regex", r"Clear the browser\s+history", "--no-plugins"]) == 0
    with sqlite3.connect(Path(case) / "case.sqlite") as conn:
        values = [r[0] for r in conn.execute("SELECT value FROM content_hits WHERE kind NOT IN "
                                             "('email','url','ipv4','card','btc','eth','phone')")]
    assert values, "the --regex pattern must produce content hits"
