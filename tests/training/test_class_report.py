"""The class report: grades per student and per question, from case folders and grade files."""

from __future__ import annotations

import csv
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

from training_lib import ft, ok


def test_class_report_csv_and_pdf(pack_files: dict[str, Path], start_case: Callable[..., Path],
                                  tmp_path: Path) -> None:
    pack = pack_files["shipment"]
    results = tmp_path / "class"
    results.mkdir()
    # Ann answers two questions right (one with a hint); Ben one right and one wrong and submits.
    ann = start_case(pack, "Ann Archer", "--no-triage")
    ok("exercise", "hint", str(ann), "--question", "S01")
    ok("exercise", "answer", str(ann), "--question", "S01", "--value", "MATCH", "--question", "S06",
       "--value", "canon eos 80d")
    ok("exercise", "submit", str(ann))
    shutil.copytree(ann, results / "ann" / "case", ignore=shutil.ignore_patterns(".case.lock", "exercise-evidence"))
    ben = start_case(pack, "Ben Baker", "--no-triage")
    ok("exercise", "answer", str(ben), "--question", "S01", "--value", "MISMATCH", "--question", "S09",
       "--value", "How to remove EXIF data from photos")
    # Ben's grade arrives as a grade file (the trainer graded his case on his machine).
    ok("exercise", "grade", str(ben), "--pack", str(pack), "--out", str(results / "ben.json"))
    (results / "notes.json").write_text("{}", encoding="utf-8")

    needs_pack = ft("exercise", "class-report", str(results), "--out", str(tmp_path / "r.csv"))
    assert needs_pack.returncode == 2 and "needs the pack" in needs_pack.stderr

    out = tmp_path / "class.csv"
    printed = ok("exercise", "class-report", str(results), "--out", str(out), "--pack", str(pack))
    assert "2 students" in printed and "notes.json: not a grade file" in printed
    rows = list(csv.reader(out.open(encoding="utf-8")))
    header = rows[0]
    assert header[:6] == ["student", "case_number", "submitted_utc", "total", "maximum", "percent"]
    assert header[6:] == [f"S{n:02d}" for n in range(1, 14)]
    by = {r[0]: dict(zip(header, r, strict=False)) for r in rows[1:]}
    ann_row, ben_row = by["Ann Archer"], by["Ben Baker"]
    assert ann_row["S01"] == "0.5" and ann_row["S06"] == "1.0" and float(ann_row["total"]) == 1.5
    assert ann_row["submitted_utc"].endswith("Z")
    assert ben_row["S01"] == "0.0" and ben_row["S09"] == "1.0" and float(ben_row["total"]) == 1.0
    assert ben_row["submitted_utc"] == "not submitted"
    assert float(ann_row["maximum"]) == float(ben_row["maximum"]) == 23.0
    correct, wrong, blank = by["(class) answered correctly"], by["(class) answered wrongly"], by["(class) not answered"]
    assert (correct["S01"], wrong["S01"], blank["S01"]) == ("1", "1", "0")
    assert (correct["S06"], wrong["S06"], blank["S06"]) == ("1", "0", "1")
    assert (correct["S11"], wrong["S11"], blank["S11"]) == ("0", "0", "2")
    assert by["(class) percent correct"]["S09"] == "50.0"
    assert any(r[0] == "(not graded) notes.json: not a grade file" for r in rows)

    pdf = tmp_path / "class.pdf"
    ok("exercise", "class-report", str(results), "--out", str(pdf), "--pack", "shipment")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    pages = [p for p in text.split("\f") if p.strip()]
    assert pages and all("TRAINING \u2014 NOT EVIDENCE" in p for p in pages)
    assert "Ann Archer" in text and "Ben Baker" in text and "1.5 / 23" in text
