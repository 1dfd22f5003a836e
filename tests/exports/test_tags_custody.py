"""Tags, notes, picture previews and custody through the CLI; every action in the audit log."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from forensic_triage.cli.main import run
from forensic_triage.exports.findings import full_locator
from forensic_triage.store import CaseStore


@pytest.fixture()
def case_copy(report_case: dict[str, Any], tmp_path: Path) -> Path:
    dest = tmp_path / "case"
    shutil.copytree(report_case["case_dir"], dest, ignore=shutil.ignore_patterns(".case.lock"))
    return dest


def test_picture_preview_comes_from_the_evidence(report_case: dict[str, Any]) -> None:
    assert report_case["thumbnail"] == "made"
    pic = report_case["planted"]["picture"]
    with CaseStore.open(report_case["case_dir"], read_only=True) as store:
        row = store.query("SELECT * FROM thumbnails WHERE file_id = ?", (pic["id"],))[0]
        actions = [r[0] for r in store.conn.execute("SELECT action FROM audit")]
    assert row["source_sha256"] == pic["sha256"]
    with Image.open(io.BytesIO(row["image"])) as img:
        assert img.format == "PNG" and max(img.size) <= 256 and img.size == (row["width"], row["height"])
    assert "thumbnail made" in actions and actions.count("tag added") >= 2


def test_tag_cli_by_locator_hit_and_artifact(case_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["files", str(case_copy), "--path", "/Users/jdoe/Documents/contacts.txt", "--format", "jsonl"]) == 0
    locator = json.loads(capsys.readouterr().out.splitlines()[0])["locator"]
    assert run(["tag", str(case_copy), "--file", locator, "--tag", "notable", "--note", "list of =contacts"]) == 0
    assert "preview: not a picture" in capsys.readouterr().out
    assert run(["tag", str(case_copy), "--hit", "YARA-1", "--tag", "reviewed"]) == 0
    assert run(["tag", str(case_copy), "--artifact", "1", "--tag", "timeline"]) == 0
    assert run(["tag", str(case_copy), "--file", locator.split("/")[0] + "/wrong/path.txt", "--tag", "x"]) == 2
    assert run(["tag", str(case_copy), "--artifact", "99999", "--tag", "x"]) == 2
    with CaseStore.open(case_copy, read_only=True) as store:
        tags = [dict(r) for r in store.query("SELECT * FROM tags ORDER BY id DESC LIMIT 3")]
        audit = [json.loads(r[0]) for r in store.conn.execute(
            "SELECT details FROM audit WHERE action = 'tag added' ORDER BY seq DESC LIMIT 3")]
        contacts = store.query("SELECT locator, path FROM files WHERE name = 'contacts.txt'")[0]
    assert [t["target_kind"] for t in tags] == ["artifact", "hit", "file"]
    assert tags[2]["note"] == "list of =contacts"
    assert audit[2]["locator"] == full_locator(contacts["locator"], contacts["path"]) == locator


def test_custody_cli(case_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["custody", "add", str(case_copy), "--exhibit", "EXH-001", "--action", "handed over",
                "--who", "A. Examiner", "--from", "A. Examiner", "--to", "DC B. Officer", "--seals", "A9999 intact",
                "--when", "2025-03-06T10:15-04:00", "--where", "Lab counter", "--why", "court"]) == 0
    capsys.readouterr()
    assert run(["custody", "list", str(case_copy), "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    # Listed in time order; an earlier test's package may have added a later 'exported' event.
    assert [r["time_utc"] for r in rows] == sorted(r["time_utc"] for r in rows)
    last = next(r for r in rows if r["action"] == "handed over")
    assert last["time_utc"] == "2025-03-06T14:15:00Z"
    assert last["to"] == "DC B. Officer" and last["seals"] == "A9999 intact"
    with pytest.raises(SystemExit):
        run(["custody", "add", str(case_copy), "--exhibit", "EXH-001", "--action", "stolen", "--who", "x"])
    with CaseStore.open(case_copy, read_only=True) as store:
        assert store.scalar("SELECT action FROM audit ORDER BY seq DESC LIMIT 1") == "custody event"
        assert not store.verify_audit()[0]


def test_export_cli_every_format(case_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for fmt, name in (("case", "g.jsonld"), ("dfxml", "l.dfxml"), ("bodyfile", "b.txt"), ("csv", "csv")):
        assert run(["export", str(case_copy), "--format", fmt, "--out", str(tmp_path / name), "--scope", "notable"]) == 0
    body = (tmp_path / "b.txt").read_text().splitlines()
    with CaseStore.open(case_copy, read_only=True) as store:
        total = store.scalar("SELECT count(*) FROM files")
        actions = [r[0] for r in store.conn.execute("SELECT action FROM audit ORDER BY seq DESC LIMIT 4")]
        eicar = store.scalar("SELECT sha256 FROM files WHERE name = 'eicar_test.com'")
    assert 0 < len(body) < total  # notable scope: only the files behind notable findings
    assert sorted(actions) == sorted(["case exported", "dfxml exported", "bodyfile exported", "csv exported"])
    graph = (tmp_path / "g.jsonld").read_text()
    assert eicar in graph and hashlib.sha256(graph.encode()).hexdigest()
    assert "YARA-1" in (tmp_path / "csv" / "findings.csv").read_text()
