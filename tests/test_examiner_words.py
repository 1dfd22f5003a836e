"""The examiner's words (request, qualifications, conclusions, interpretation of a finding) and a
custody chain that only names exhibits of the case, through the real CLI on the built-in sample
evidence (``forensic-triage demo``: a real FAT16 image, intake and triage)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from forensic_triage.case_details import missing_words
from forensic_triage.cli.main import run
from forensic_triage.store import CaseStore

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def demo_case(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("words") / "demo"
    assert run(["demo", str(folder)]) == 0
    return folder / "case"


@pytest.fixture()
def case(demo_case: Path, tmp_path: Path) -> Path:
    dest = tmp_path / "case"
    shutil.copytree(demo_case, dest, ignore=shutil.ignore_patterns(".case.lock"))
    return dest


def table(case: Path, sql: str, params: tuple[Any, ...] = ()) -> list[dict[str, Any]]:
    with CaseStore.open(case, read_only=True) as store:
        return [dict(r) for r in store.query(sql, params)]


def audit_rows(case: Path) -> list[dict[str, Any]]:
    return [{**r, "details": json.loads(r["details"])} for r in table(case, "SELECT * FROM audit ORDER BY seq")]


def cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "forensic_triage", *args], input=stdin, capture_output=True,
                          cwd=REPO, timeout=120, check=False)


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# ------------------------------------------------------------------ case set / show
def test_case_set_from_files_and_stdin_then_show(case: Path, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["case", "show", str(case)]) == 0
    before = capsys.readouterr().out
    assert "Still empty: request, qualifications, conclusions" in before and "DRAFT" in before
    request = "Was invoice.pdf made on this stick?\nÉtait-il modifié ?"
    (tmp_path / "request.txt").write_bytes(("\ufeff" + request + "\r\n").encode("utf-8"))
    (tmp_path / "quals.txt").write_text("BSc Computer Science; 8 years; ISO 17025 accredited lab\n", encoding="utf-8")
    assert run(["case", "set", str(case), "--request", str(tmp_path / "request.txt"),
                "--qualifications", str(tmp_path / "quals.txt"), "--organisation", "Demo Cybercrime Unit"]) == 0
    out = capsys.readouterr().out
    assert "Still empty: conclusions" in out
    conclusions = "The file invoice.pdf is a PNG picture renamed.\nNo sign of tampering was found."
    done = cli("case", "set", str(case), "--conclusions", "-", stdin=conclusions.encode("utf-8"))
    assert done.returncode == 0, done.stderr

    info = table(case, "SELECT * FROM case_info")[0]
    assert info["request"] == request and info["conclusions"] == conclusions
    ex = table(case, "SELECT * FROM examiners WHERE name = ?", (info["examiner"],))[0]
    assert ex["qualifications"] == "BSc Computer Science; 8 years; ISO 17025 accredited lab"
    assert ex["organisation"] == "Demo Cybercrime Unit"
    sets = [a for a in audit_rows(case) if a["action"] == "case details set"]
    assert [a["details"]["fields"] for a in sets] == [["request", "qualifications", "organisation"], ["conclusions"]]
    assert sets[0]["details"]["sha256"]["request"] == sha(request)
    assert sets[1]["details"]["sha256"]["conclusions"] == sha(conclusions)
    assert sets[1]["actor"] == info["examiner"]
    with CaseStore.open(case, read_only=True) as store:
        assert missing_words(store) == []
        assert not store.verify_audit()[0]

    assert run(["case", "show", str(case)]) == 0
    shown = capsys.readouterr().out
    assert "Était-il modifié ?" in shown and "No sign of tampering was found." in shown
    assert "will not be marked DRAFT" in shown and "Still empty" not in shown
    assert run(["case", "show", str(case), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["report_words_missing"] == [] and data["qualifications"].startswith("BSc")

    # The same words again: nothing is written, nothing audited.
    seq = len(audit_rows(case))
    assert run(["case", "set", str(case), "--qualifications", str(tmp_path / "quals.txt")]) == 0
    assert "Nothing changed" in capsys.readouterr().out and len(audit_rows(case)) == seq


def test_case_set_refuses_bad_text_and_review_case(case: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    seq = len(audit_rows(case))
    (tmp_path / "latin1.txt").write_bytes("Était".encode("latin-1"))
    assert run(["case", "set", str(case), "--request", str(tmp_path / "latin1.txt")]) == 2
    assert "not UTF-8 text" in capsys.readouterr().err
    assert run(["case", "set", str(case), "--conclusions", str(tmp_path / "missing.txt")]) == 2
    assert run(["case", "set", str(case)]) == 2
    assert "Nothing to set" in capsys.readouterr().err
    assert len(audit_rows(case)) == seq and table(case, "SELECT request FROM case_info")[0]["request"] == ""
    # A review case imported from a package carries this flag (package_import sets it).
    with sqlite3.connect(case / "case.sqlite") as conn:
        conn.execute("UPDATE case_info SET read_only = 1, imported_from = 'package PKG' WHERE id = 1")
    (tmp_path / "c.txt").write_text("conclusion", encoding="utf-8")
    assert run(["case", "set", str(case), "--conclusions", str(tmp_path / "c.txt")]) == 2
    assert "review case imported from a package" in capsys.readouterr().err
    assert table(case, "SELECT conclusions FROM case_info")[0]["conclusions"] == ""
    assert len(audit_rows(case)) == seq


# ------------------------------------------------------------------------- tags
def test_tag_with_interpretation_then_edit_by_id(case: Path, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    alternatives = "The test string may have been downloaded by another user of the computer;\nor by a scanner."
    (tmp_path / "alt.txt").write_text(alternatives, encoding="utf-8")
    assert run(["tag", str(case), "--hit", "YARA-1", "--tag", "notable", "--note", "EICAR",
                "--interpretation", "A harmless anti-virus test file, not malware.",
                "--alternatives", f"@{tmp_path / 'alt.txt'}"]) == 0
    out = capsys.readouterr().out
    tag = table(case, "SELECT * FROM tags ORDER BY id DESC LIMIT 1")[0]
    assert f"(TAG-{tag['id']})" in out
    assert tag["interpretation"] == "A harmless anti-virus test file, not malware."
    assert tag["alternatives"] == alternatives
    added = [a for a in audit_rows(case) if a["action"] == "tag added"][-1]
    assert added["details"]["interpretation_sha256"] == sha(tag["interpretation"])
    assert added["details"]["alternatives_sha256"] == sha(alternatives)

    assert run(["tag", str(case), "--list", "--format", "jsonl"]) == 0
    listed = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert listed[-1]["id"] == f"TAG-{tag['id']}" and listed[-1]["target"] == "YARA-1"
    assert listed[-1]["alternatives"] == alternatives

    assert run(["tag", str(case), "--id", f"TAG-{tag['id']}", "--interpretation", "@@home is not a path"]) == 0
    assert "saved the interpretation" in capsys.readouterr().out
    edited = table(case, "SELECT * FROM tags WHERE id = ?", (tag["id"],))[0]
    assert edited["interpretation"] == "@home is not a path" and edited["alternatives"] == alternatives
    entry = audit_rows(case)[-1]
    assert entry["action"] == "tag edited" and entry["details"]["fields"] == ["interpretation"]
    assert entry["details"]["sha256"]["interpretation"] == sha("@home is not a path")
    assert entry["details"]["replaced_sha256"]["interpretation"] == sha(tag["interpretation"])

    seq = len(audit_rows(case))
    assert run(["tag", str(case), "--id", str(tag["id"]), "--interpretation", "@home is not a path"]) == 2  # no file
    assert run(["tag", str(case), "--id", "9999", "--alternatives", "x"]) == 2
    assert run(["tag", str(case), "--id", str(tag["id"]), "--tag", "renamed"]) == 2
    assert run(["tag", str(case), "--hit", "YARA-1"]) == 2  # a new tag needs a name
    assert len(audit_rows(case)) == seq
    with CaseStore.open(case, read_only=True) as store:
        assert not store.verify_audit()[0]


# ---------------------------------------------------------------------- custody
def test_custody_for_unknown_exhibit_is_refused_and_nothing_written(case: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    seq, events = len(audit_rows(case)), table(case, "SELECT count(*) AS n FROM custody")[0]["n"]
    done = cli("custody", "add", str(case), "--exhibit", "EXH-002", "--action", "received", "--who", "DC B. Officer")
    assert done.returncode == 2
    err = done.stderr.decode()
    assert "no exhibit 'EXH-002'" in err and "Known exhibits: EXH-001" in err and "Traceback" not in err
    assert len(audit_rows(case)) == seq and table(case, "SELECT count(*) AS n FROM custody")[0]["n"] == events

    # A physical item that is not imaged, only when the examiner says so; recorded as such.
    assert run(["custody", "add", str(case), "--exhibit", "PHONE-7", "--physical-item", "--action", "sealed",
                "--who", "DC B. Officer", "--seals", "B77"]) == 0
    row = table(case, "SELECT * FROM custody ORDER BY id DESC LIMIT 1")[0]
    assert row["exhibit"] == "PHONE-7" and row["evidence_id"] is None
    # --physical-item on a name the case knows links the event to that evidence item.
    assert run(["custody", "add", str(case), "--exhibit", "EXH-001", "--physical-item", "--action", "sealed",
                "--who", "DC B. Officer"]) == 0
    assert table(case, "SELECT evidence_id FROM custody ORDER BY id DESC LIMIT 1")[0]["evidence_id"] == 1
    capsys.readouterr()
    assert run(["custody", "list", str(case), "--format", "jsonl"]) == 0
    listed = {r["id"]: r for r in map(json.loads, capsys.readouterr().out.splitlines())}
    assert listed[row["id"]]["physical_item"] is True and listed[row["id"]]["exhibit"] == "PHONE-7 (physical item)"
    assert audit_rows(case)[-2]["details"]["physical_item"] is True


def test_custody_records_when_and_by_whom_it_was_entered(case: Path, capsys: pytest.CaptureFixture[str]) -> None:
    examiner = table(case, "SELECT examiner FROM case_info")[0]["examiner"]
    start = dt.datetime.now(dt.UTC).replace(microsecond=0)
    assert run(["custody", "add", str(case), "--exhibit", "EXH-001", "--action", "received", "--who", "DC B. Officer",
                "--when", "2025-03-01T09:15-04:00"]) == 0
    assert run(["custody", "add", str(case), "--exhibit", "EXH-001", "--action", "sealed", "--who", "DC B. Officer",
                "--when", "2025-03-01T09:20-04:00", "--entered-by", "C. Clerk"]) == 0
    end = dt.datetime.now(dt.UTC)
    rows = table(case, "SELECT * FROM custody ORDER BY id DESC LIMIT 2")[::-1]
    assert [r["time_utc"] for r in rows] == ["2025-03-01T13:15:00Z", "2025-03-01T13:20:00Z"]
    assert [r["who"] for r in rows] == ["DC B. Officer"] * 2
    assert [r["entered_by"] for r in rows] == [examiner, "C. Clerk"]
    for r in rows:
        entered = dt.datetime.fromisoformat(r["entered_utc"].replace("Z", "+00:00"))
        assert start <= entered <= end
    entries = [a for a in audit_rows(case) if a["action"] == "custody event"][-2:]
    assert [a["actor"] for a in entries] == [examiner, "C. Clerk"]
    assert [a["details"]["entered_utc"] for a in entries] == [r["entered_utc"] for r in rows]
    capsys.readouterr()
    assert run(["custody", "list", str(case)]) == 0
    text = capsys.readouterr().out
    assert "ENTERED_BY" in text and "C. Clerk" in text
    assert run(["custody", "list", str(case), "--format", "jsonl"]) == 0
    listed = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {(r["who"], r["entered_by"], r["entered_utc"]) for r in listed} >= {
        ("DC B. Officer", rows[0]["entered_by"], rows[0]["entered_utc"]),
        ("DC B. Officer", "C. Clerk", rows[1]["entered_utc"])}
