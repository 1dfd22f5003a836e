"""The built-in packs' keys are what the tool finds, and grading gives full marks and zero.

Each pack is started with the real CLI (evidence extracted, hashed, triaged); every key answer
is then proved against the case's findings as the CLI lists them. A student who answers with
the key (written the way people write: other case, back slashes, locators, letters for choices)
and tags the right items gets every point; one who answers everything wrongly gets none.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from training_lib import ft, jsonl, key_of, ok

from forensic_triage.training.answers import is_correct, norm_path

TYPE_NAMES = {"png": "PNG picture", "pdf": "PDF document", "jpg": "JPEG picture", "exe": "Windows program (EXE)",
              "zip": "ZIP archive"}


class Findings:
    """What the tool found in a case, through the CLI only."""

    def __init__(self, case: Path) -> None:
        self.case = case
        self.evidence = jsonl("evidence", "list", str(case), "--format", "jsonl")
        self.files = [f for f in jsonl("files", str(case), "--format", "jsonl") if f["type"] == "file"]
        self.artifacts = jsonl("artifacts", str(case), "--format", "jsonl")
        self.hits = jsonl("hits", str(case), "--format", "jsonl")
        self.content = jsonl("hits", str(case), "--kind", "content", "--format", "jsonl")
        self.briefing = ok("exercise", "questions", str(case))

    def stated_hash(self) -> str:
        found = re.findall(r"SHA-256 as ([0-9a-f]{64})", self.briefing)
        assert len(found) == 1, self.briefing
        return found[0]

    def timeline(self, start: str, end: str) -> list[dict[str, Any]]:
        return jsonl("timeline", str(self.case), "--from", start, "--to", end, "--format", "jsonl")

    def one(self, kind: str, **where: Any) -> dict[str, Any]:
        rows = [a for a in self.artifacts if a["type"] == kind and all(
            (v(a.get(k)) if callable(v) else a.get(k) == v) for k, v in where.items())]
        assert len(rows) == 1, (kind, where, rows)
        return rows[0]

    def file(self, path: str) -> dict[str, Any]:
        rows = [f for f in self.files if norm_path(f["path"]) == norm_path(path)]
        assert len(rows) == 1, (path, [f["path"] for f in self.files])
        return rows[0]


def _check(q: dict[str, Any], given: Any) -> None:
    assert is_correct(q["type"], given, q["answer"], tolerance=q.get("tolerance")), (q["id"], given, q["answer"])


# ------------------------------------------------------------------------------- proofs


def prove_shipment(f: Findings, key: dict[str, dict[str, Any]]) -> None:
    assert key["S01"]["answer"] == ("MATCH" if f.evidence[0]["sha256"] == f.stated_hash() else "MISMATCH")
    deleted = [x for x in f.files if x["deleted"] and "/Documents/" in x["path"]]
    assert len(deleted) == 1
    _check(key["S02"], deleted[0]["path"])
    _check(key["S03"], deleted[0]["sha256"])
    lying = [x for x in f.files if x["ext_mismatch"]]
    assert len(lying) == 1
    _check(key["S04"], lying[0]["path"])
    assert key["S05"]["answer"] == TYPE_NAMES[lying[0]["detected_ext"]]
    exif = f.one("image.exif")
    _check(key["S06"], exif["model"])
    _check(key["S07"], exif["longitude"])
    _check(key["S08"], exif["taken"])
    _check(key["S09"], f.one("browser.search")["term"])
    invoice = f.one("browser.download", target_path=lambda p: str(p).endswith("\\invoice.pdf"))
    _check(key["S10"], invoice["url"])
    assert len(f.hits) == 1
    _check(key["S11"], f.hits[0]["path"])
    window = " | ".join(e["description"] for e in f.timeline("2025-02-27T14:40Z", "2025-02-27T14:50Z"))
    assert "remove+exif" in window and "files.example.net/billing/" in window and "invoice.pdf" in window, window
    assert "eicar" not in window.lower(), window  # the EICAR download is at 14:52, outside the window
    assert key["S12"]["answer"].startswith("A search for how to remove EXIF data")
    eicar_download = f.one("browser.download", target_path=lambda p: str(p).endswith("\\eicar_test.com"))
    _check(key["S13"], [f.hits[0]["path"], eicar_download["path"]])


def prove_leak(f: Findings, key: dict[str, dict[str, Any]]) -> None:
    computed = f.evidence[0]["sha256"]
    assert key["L01"]["answer"] == ("MATCH" if computed == f.stated_hash() else "MISMATCH") == "MISMATCH"
    _check(key["L02"], computed)
    deleted = [x for x in f.files if x["deleted"] and "/Work/" in x["path"]]
    _check(key["L03"], len(deleted))
    competitor = [c for c in f.content if c["kind"] == "email" and "southwind" in c["value"]]
    assert len(competitor) == 1 and f.file(competitor[0]["path"])["deleted"]
    _check(key["L04"], competitor[0]["path"])
    lying = [x for x in f.files if x["ext_mismatch"]]
    assert len(lying) == 1
    _check(key["L05"], lying[0]["path"])
    assert key["L06"]["answer"] == TYPE_NAMES[lying[0]["detected_ext"]]
    exif = f.one("image.exif")
    _check(key["L07"], exif["model"])
    _check(key["L08"], exif["latitude"])
    _check(key["L09"], f.one("browser.search")["term"])
    setup = f.one("browser.download", target_path=lambda p: str(p).endswith("\\sendbig_setup.exe"))
    _check(key["L10"], setup["url"])
    hit = [h for h in f.hits if h["path"].endswith("/sendbig_setup.exe")]
    assert len(hit) == 1
    _check(key["L11"], hit[0]["rule"])
    started = [e for e in f.timeline("2025-03-12T14:40Z", "2025-03-12T14:50Z") if e["event"] == "Download started"]
    assert len(started) == 1
    _check(key["L12"], started[0]["time_utc"])
    design = f.one("document.metadata", path=lambda p: str(p).endswith(".docx"))
    disguised = f.one("document.metadata", path=lambda p: str(p) == lying[0]["path"])
    assert design["title"] == disguised["title"] == "X200 Pump - Design Specification"
    _check(key["L13"], [design["path"], disguised["path"]])


PROOFS: dict[str, Callable[[Findings, dict[str, dict[str, Any]]], None]] = {
    "shipment": prove_shipment, "leak": prove_leak}


# ------------------------------------------------------------------------------- answering


def right_value(q: dict[str, Any], k: dict[str, Any], index: int) -> str:
    """The key's answer, written the way a student might: still correct."""
    answer = k["answer"]
    if q["type"] == "path":
        return "C:\\" + str(answer).replace("/", "\\").upper() if index % 2 else f"/{answer}"
    if q["type"] == "hash":
        return str(answer).upper()
    if q["type"] == "text":
        return f"  {str(answer).upper()} "
    if q["type"] == "choice":
        return chr(65 + q["choices"].index(answer)) if index % 2 else str(answer).lower()
    if q["type"] == "time":
        return str(answer).replace("T", " ").replace("Z", "")[:16] + ":30"  # within the 60 s tolerance
    if q["type"] == "number":
        return str(answer)
    raise AssertionError(q)


def wrong_value(q: dict[str, Any], k: dict[str, Any]) -> str:
    answer = k["answer"]
    if q["type"] == "choice":
        return next(c for c in q["choices"] if c != answer)
    if q["type"] == "number":
        return str(float(answer) + 100)
    return {"path": "/Users/nobody/nothing.txt", "hash": "0" * 64, "text": "no idea",
            "time": "2020-01-01T00:00:00Z"}[q["type"]]


def tag_paths(case: Path, tag: str, paths: list[str]) -> None:
    files = {norm_path(f["path"]): f for f in jsonl("files", str(case), "--format", "jsonl")}
    for path in paths:
        ok("tag", str(case), "--file", files[norm_path(path)]["locator"], "--tag", tag)


def grade(case: Path, pack: Path) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    rows = jsonl("exercise", "grade", str(case), "--pack", str(pack), "--format", "jsonl")
    return rows[:-1], rows[-1]


@pytest.fixture(scope="module", params=["shipment", "leak"])
def started(request: pytest.FixtureRequest, pack_files: dict[str, Path],
            start_case: Callable[..., Path]) -> tuple[str, Path, Findings]:
    pack_id = request.param
    case = start_case(pack_files[pack_id], f"Student {pack_id}")
    return pack_id, case, Findings(case)


def test_every_key_answer_is_what_the_tool_finds(started: tuple[str, Path, Findings],
                                                 pack_files: dict[str, Path]) -> None:
    pack_id, _case, findings = started
    key = key_of(pack_files[pack_id])
    assert 8 <= len(key) <= 15
    PROOFS[pack_id](findings, key)


def test_a_student_with_every_answer_right_gets_full_marks(started: tuple[str, Path, Findings],
                                                           pack_files: dict[str, Path]) -> None:
    pack_id, case, _ = started
    key = key_of(pack_files[pack_id])
    questions = jsonl("exercise", "questions", str(case), "--format", "jsonl")
    pairs: list[str] = []
    for index, q in enumerate(questions):
        if q["answer_from_tag"]:
            tag_paths(case, q["answer_from_tag"], key[q["id"]]["answer"])
        else:
            pairs += ["--question", q["id"], "--value", right_value(q, key[q["id"]], index)]
    ok("exercise", "answer", str(case), *pairs)
    ok("exercise", "submit", str(case))
    rows, total = grade(case, pack_files[pack_id])
    assert [r["question"] for r in rows if not r["correct"]] == []
    assert total["total"] == total["maximum"] == sum(q["points"] for q in questions) > 0


def test_a_student_with_every_answer_wrong_gets_zero(pack_files: dict[str, Path],
                                                     start_case: Callable[..., Path]) -> None:
    pack = pack_files["shipment"]
    case = start_case(pack, "Wrong Student", "--no-triage")
    key = key_of(pack)
    questions = jsonl("exercise", "questions", str(case), "--format", "jsonl")
    pairs = [x for q in questions if not q["answer_from_tag"]
             for x in ("--question", q["id"], "--value", wrong_value(q, key[q["id"]]))]
    ok("exercise", "answer", str(case), *pairs)
    ok("exercise", "submit", str(case))
    rows, total = grade(case, pack)
    assert [r["question"] for r in rows if r["correct"]] == []
    assert total["total"] == 0 and total["maximum"] > 0
    text = ok("exercise", "grade", str(case), "--pack", str(pack))
    assert f"expected: {key['S11']['answer']}" in text and "Total: 0 of" in text


def test_hints_cost_points_and_are_audited(pack_files: dict[str, Path], start_case: Callable[..., Path]) -> None:
    pack = pack_files["shipment"]
    case = start_case(pack, "Hinted Student", "--no-triage")
    key = key_of(pack)
    out = ok("exercise", "hint", str(case), "--question", "S02")
    assert "costs 1 point" in out and "allocated = false" in out
    refused = ft("exercise", "hint", str(case), "--question", "S02")
    assert refused.returncode == 2 and "no more hints" in refused.stderr
    ok("exercise", "answer", str(case), "--question", "S02", "--value", key["S02"]["answer"])
    rows, _ = grade(case, pack)
    s02 = next(r for r in rows if r["question"] == "S02")
    assert s02["correct"] and s02["hint_cost"] == 1 and s02["earned"] == s02["points"] - 1
    audit = ok("verify", str(case))
    assert "Traceback" not in audit
