"""Training kept apart from casework: the mark, the report watermark, the CASE graph, packages,
and answers that change until submission and never after."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from training_lib import ft, jsonl, ok

from forensic_triage.store import DB_NAME

MARK = "TRAINING \u2014 NOT EVIDENCE"


@pytest.fixture(scope="module")
def training_case(pack_files: dict[str, Path], start_case: Callable[..., Path]) -> Path:
    """A triaged training case with a tag (so its report has several pages of findings)."""
    case = start_case(pack_files["shipment"], "Report Student")
    hit = jsonl("hits", str(case), "--format", "jsonl")[0]
    ok("tag", str(case), "--hit", hit["id"], "--tag", "supports-conclusion", "--note", "EICAR test file")
    return case


def test_answers_change_until_submitted_then_never(pack_files: dict[str, Path],
                                                   start_case: Callable[..., Path]) -> None:
    case = start_case(pack_files["shipment"], "Changing Mind", "--no-triage")
    ok("exercise", "answer", str(case), "--question", "S01", "--value", "MISMATCH")
    changed = ok("exercise", "answer", str(case), "--question", "s01", "--value", "A")
    assert "change 1" in changed
    current = {q["id"]: q for q in jsonl("exercise", "questions", str(case), "--format", "jsonl")}
    assert current["S01"]["answer"] == "MATCH"  # the letter is recorded as the choice it names
    bad_choice = ft("exercise", "answer", str(case), "--question", "S01", "--value", "maybe")
    assert bad_choice.returncode == 2 and "A) MATCH, B) MISMATCH" in bad_choice.stderr
    bad_time = ft("exercise", "answer", str(case), "--question", "S08", "--value", "yesterday")
    assert bad_time.returncode == 2 and "expects a time" in bad_time.stderr
    tagged = ft("exercise", "answer", str(case), "--question", "S13", "--value", "x")
    assert tagged.returncode == 2 and "answered by tagging items with 'supports-conclusion'" in tagged.stderr
    ok("exercise", "submit", str(case))
    for args in (("answer", "--question", "S01", "--value", "MISMATCH"), ("hint", "--question", "S02"), ("submit",)):
        res = ft("exercise", args[0], str(case), *args[1:])
        assert res.returncode == 2 and "was submitted on" in res.stderr and "no longer change" in res.stderr, args
    assert jsonl("exercise", "questions", str(case), "--format", "jsonl")[0]["answer"] == "MATCH"
    audit = sqlite3.connect(case / DB_NAME).execute("SELECT action, details FROM audit ORDER BY seq").fetchall()
    answers = [json.loads(d) for a, d in audit if a == "exercise answer"]
    assert [(a["question"], a["value"], a["revision"]) for a in answers] == [("S01", "MISMATCH", 1), ("S01", "MATCH", 2)]
    assert [a for a, _ in audit].count("exercise submitted") == 1
    assert ft("verify", str(case)).returncode == 0


def test_the_training_mark_cannot_be_removed(pack_files: dict[str, Path], start_case: Callable[..., Path],
                                             tmp_path: Path) -> None:
    from forensic_triage.errors import StoreError
    from forensic_triage.store import CaseStore

    case = start_case(pack_files["shipment"], "Mark Student", "--no-triage")
    with CaseStore.open(case) as store, pytest.raises(StoreError, match="already a training case"):
        with store.transaction():
            store.training.mark_training({"pack_id": "other"})
    assert ft("verify", str(case)).returncode == 0
    with sqlite3.connect(case / DB_NAME) as conn:  # outside the tool: seen by verify
        conn.execute("UPDATE case_info SET training = '' WHERE id = 1")
    edited = ft("verify", str(case))
    assert edited.returncode == 5 and "The table 'case_info' was changed outside the tool" in edited.stdout, edited
    casework = tmp_path / "casework"
    ok("case", "new", str(casework), "--case-number", "C-1", "--examiner", "A. Examiner")
    ok("evidence", "add", str(casework), str(next((case / "exercise-evidence").iterdir())), "--quiet")
    with CaseStore.open(casework) as store, pytest.raises(StoreError, match="cannot be turned into a training"):
        with store.transaction():
            store.training.mark_training({"pack_id": "x"})
    res = ft("exercise", "questions", str(casework))
    assert res.returncode == 2 and "is a casework case, not a training exercise" in res.stderr


def _pdftotext_pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [p for p in text.split("\f") if p.strip()]


def test_every_report_page_says_training_not_evidence(training_case: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    ok("export", str(training_case), "--format", "pdf", "--out", str(pdf), "--scope", "all")
    pages = _pdftotext_pages(pdf)
    assert len(pages) > 3
    missing = [n for n, page in enumerate(pages, 1) if MARK not in page]
    assert missing == [], f"pages without the mark: {missing}"


def test_a_casework_report_has_no_training_mark(triaged_sample: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    ok("export", str(triaged_sample), "--format", "pdf", "--out", str(pdf))
    assert all("TRAINING" not in page for page in _pdftotext_pages(pdf))


def test_case_graph_says_training(training_case: Path, tmp_path: Path) -> None:
    out = tmp_path / "case.jsonld"
    ok("export", str(training_case), "--format", "case", "--out", str(out))
    graph = json.loads(out.read_text(encoding="utf-8"))
    nodes = graph["@graph"] if isinstance(graph, dict) else graph
    inv = [n for n in nodes if n.get("@type") == "case-investigation:Investigation"]
    assert len(inv) == 1
    assert inv[0]["case-investigation:investigationForm"] == "training exercise (not evidence)"
    assert inv[0]["uco-core:description"].startswith(MARK)


def test_training_and_casework_packages_never_cross(training_case: Path, triaged_sample: Path,
                                                    tmp_path: Path) -> None:
    training_pkg, casework_pkg = tmp_path / "training-pkg", tmp_path / "casework-pkg"
    secret = tmp_path / "pass"
    secret.write_text("key passphrase 123\n", encoding="utf-8")
    for name, case, pkg in (("Report Student", training_case, training_pkg),
                            ("A. Examiner", triaged_sample, casework_pkg)):
        ok("keys", "new", "--examiner", name, "--out", str(tmp_path / "keys"), "--passphrase-file", str(secret))
        key = next(p for p in (tmp_path / "keys").glob("*.key") if p.stem.startswith(name.split()[0][0]))
        ok("package", str(case), "--out", str(pkg), "--key", str(key), "--passphrase-file", str(secret))
    statement = json.loads((training_pkg / "signature-ed25519.json").read_text(encoding="utf-8"))["statement"]
    assert statement["case_kind"] == "training"
    assert f"Case-Kind: {MARK}" in (training_pkg / "bag-info.txt").read_text(encoding="utf-8")
    assert "Case-Kind" not in (casework_pkg / "bag-info.txt").read_text(encoding="utf-8")
    into_casework = ft("import-package", str(training_pkg), str(tmp_path / "a"))
    assert into_casework.returncode == 2 and "training exercise case and cannot be imported as casework" in \
        into_casework.stderr
    assert not (tmp_path / "a").exists()
    into_training = ft("import-package", str(casework_pkg), str(tmp_path / "b"), "--training")
    assert into_training.returncode == 2 and "casework case and cannot be imported as training" in into_training.stderr
    assert not (tmp_path / "b").exists()
    ok("import-package", str(training_pkg), str(tmp_path / "c"), "--training")
    shown = ok("exercise", "questions", str(tmp_path / "c"))
    assert "TRAINING - NOT EVIDENCE" in shown and "Report Student" in shown
    shutil.rmtree(tmp_path / "c")
