"""Regenerate docs/report-sample/: pages of the court report built from the built-in sample.

    python scripts/report_sample.py [--work DIR]

Runs the real command line (``demo``, ``tag``, ``custody add``, ``export --format pdf``) in a
work folder, once with the examiner's words missing (a DRAFT) and once with them entered (the
final report; written straight into the case in one audited transaction, as ``case set`` does),
then renders chosen pages at 60 dpi with ``pdftoppm``. Pages are found by their text, so the
script keeps working when sections move.
"""

from __future__ import annotations

import argparse
import csv
import io
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "docs" / "report-sample"
PICTURE = "/Users/jdoe/Pictures/IMG_20250227_101502.jpg"
REQUEST = ("1. Was invoice.pdf downloaded on this computer, and when?\n"
           "2. Is there a picture of the harbour, and where and when was it taken?")
QUALIFICATIONS = ("BSc (Hons) Computer Forensics; 9 years as a digital forensic examiner; "
                  "laboratory competence test in computer triage passed 2024.")
CONCLUSIONS = ("1. Chrome on this computer recorded the download of invoice.pdf; the file's content is a PNG "
               "picture, not a PDF (FILE-23).\n2. The picture IMG_20250227_101502.jpg holds a GPS position near "
               "the harbour; its camera time is a local clock time.")
# (file name, text that identifies the page, which report)
PAGES = (("page-01-cover-draft.png", "Digital Forensic Examination Report", "draft"),
         ("page-02-declaration-acquisition.png", "1. Examiner and declaration", "final"),
         ("page-05-findings-charts.png", "7. Findings", "final"),
         ("page-findings-details.png", "Tagged file (", "final"),
         ("page-integrity-glossary.png", "10. Integrity of the case", "final"),
         ("page-audit-annex.png", "Annex A. Audit log", "final"))


def cli(*args: str) -> str:
    res = subprocess.run([sys.executable, "-m", "forensic_triage", *args], capture_output=True, text=True,
                         check=True, cwd=REPO)
    return res.stdout


def set_words(case: Path) -> None:
    sys.path.insert(0, str(REPO))
    from forensic_triage.store import CaseStore

    with CaseStore.open(case) as store, store.transaction() as conn:
        conn.execute("UPDATE case_info SET request = ?, conclusions = ?", (REQUEST, CONCLUSIONS))
        conn.execute("UPDATE examiners SET qualifications = ? WHERE name = ?", (QUALIFICATIONS, store.examiner))
        store.audit(store.examiner, "case words set", {"request": "set", "qualifications": "set",
                                                        "conclusions": "set"}, touched=("case_info", "examiners"))


def page_of(pdf: Path, text: str) -> int:
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout.split("\f")
    return next(i for i, page in enumerate(pages, 1) if text in page)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--work", type=Path, default=None)
    args = ap.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="report-sample-"))
    demo = work / "demo"
    shutil.rmtree(demo, ignore_errors=True)
    cli("demo", str(demo), "--quiet")
    case = demo / "case"
    rows = csv.DictReader(io.StringIO(cli("files", str(case), "--format", "csv", "--path", PICTURE)))
    locator = next(r["locator"] for r in rows if r["path"] == PICTURE)
    cli("tag", str(case), "--file", locator, "--tag", "notable", "--note", "Photo with GPS position near the harbour")
    cli("custody", "add", str(case), "--exhibit", "EXH-001", "--action", "received", "--who", "A. Examiner",
        "--from", "DC B. Officer", "--to", "A. Examiner", "--seals", "A1234 intact", "--where", "Lab store room",
        "--why", "examination", "--when", "2025-03-03T09:00")
    draft = work / "draft.pdf"
    cli("export", str(case), "--format", "pdf", "--out", str(draft))
    set_words(case)
    final = work / "final.pdf"
    cli("export", str(case), "--format", "pdf", "--out", str(final))
    for old in OUT.glob("*.png"):
        old.unlink()
    for name, text, which in PAGES:
        pdf = draft if which == "draft" else final
        n = page_of(pdf, text)
        subprocess.run(["pdftoppm", "-r", "60", "-png", "-singlefile", "-f", str(n), "-l", str(n), str(pdf),
                        str(OUT / name[:-4])], check=True)
        print(f"{name}: page {n} of the {which} report")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
