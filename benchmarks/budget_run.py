"""A time-budgeted triage: does it end within 10 % of its budget, and does it say what it left?

For each budget, a new case is made, the image added (intake is not part of the budget: the
budget is a setting of the triage job) and ``forensic-triage triage --budget Ns`` run. Printed
per budget: the wall time of the triage command, the overshoot against the budget (the
command's start-up, the walk and the shutdown count against the budget as the examiner sees
them), the files examined and left pending, and whether the stored budget warning counts the
pending files and bytes exactly (compared with the case database).

    python benchmarks/budget_run.py --image benchmarks/work/ref2g/reference.raw --budget 8 --budget 15
    python benchmarks/budget_run.py --ref benchmarks/work/ref2g          # budgets 25 % and 50 % of a full run

Without ``--budget``, one full run is timed first and the budgets are 25 % and 50 % of it.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
FT = [sys.executable, "-m", "forensic_triage"]


def _new_case(work: Path, image: Path) -> Path:
    case = work / "case"
    shutil.rmtree(case, ignore_errors=True)
    subprocess.run([*FT, "case", "new", str(case), "--case-number", "BUDGET", "--examiner", "bench"], check=True,
                   capture_output=True)
    subprocess.run([*FT, "evidence", "add", str(case), str(image), "--quiet"], check=True, capture_output=True)
    return case


def _triage(case: Path, jobs: int, budget: float | None) -> float:
    cmd = [*FT, "triage", str(case), "--quiet", "--jobs", str(jobs)]
    if budget is not None:
        cmd += ["--budget", f"{budget:g}s"]
    started = time.monotonic()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    seconds = time.monotonic() - started
    if proc.returncode != 0:
        raise SystemExit(f"triage failed ({proc.returncode}): {proc.stderr.strip()[-600:]}")
    return seconds


def _facts(case: Path) -> dict[str, Any]:
    with sqlite3.connect(f"file:{case / 'case.sqlite'}?mode=ro", uri=True) as conn:
        pending, pending_bytes = conn.execute(
            "SELECT count(*), coalesce(sum(size), 0) FROM files WHERE status = 'pending'").fetchone()
        done = conn.execute("SELECT count(*) FROM files WHERE status != 'pending' AND type = 'file'").fetchone()[0]
        row = conn.execute("SELECT details FROM warnings WHERE source = 'budget' ORDER BY id DESC LIMIT 1").fetchone()
    conn.close()
    stated = json.loads(row[0]) if row and row[0] else None
    return {"examined": done, "pending": pending, "pending_bytes": pending_bytes,
            "stated_files": None if stated is None else stated["files"],
            "stated_bytes": None if stated is None else stated["bytes"]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--ref", type=Path, help="folder made by build_reference_image.py (its reference.raw)")
    ap.add_argument("--image", type=Path, help="raw or E01 image")
    ap.add_argument("--budget", type=float, action="append", default=[], help="seconds (repeatable)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--work", type=Path, help="scratch folder (default: a temporary folder)")
    ap.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results" / "budget.json")
    args = ap.parse_args(argv)
    image = args.image or (args.ref / "reference.raw" if args.ref else None)
    if image is None or not image.exists():
        ap.error("give --image or --ref (a folder with reference.raw)")
    work = args.work or Path(tempfile.mkdtemp(prefix="ft-budget-"))
    report: dict[str, Any] = {"image": str(image), "jobs": args.jobs, "runs": []}
    budgets = list(args.budget)
    if not budgets:
        full = _triage(_new_case(work, image), args.jobs, None)
        report["full_seconds"] = round(full, 2)
        print(f"full triage: {full:.1f} s")
        budgets = [round(full * 0.25, 1), round(full * 0.5, 1)]
    print(f"{'budget s':>9} {'wall s':>7} {'over %':>7} {'examined':>9} {'pending':>8} {'stated exactly':>15}")
    for budget in budgets:
        case = _new_case(work, image)
        seconds = _triage(case, args.jobs, budget)
        facts = _facts(case)
        finished = facts["pending"] == 0 and facts["stated_files"] in (None, 0)
        exact = finished or (facts["stated_files"] == facts["pending"] and facts["stated_bytes"] == facts["pending_bytes"])
        over = 100.0 * (seconds - budget) / budget
        report["runs"].append({"budget": budget, "seconds": round(seconds, 2), "overshoot_percent": round(over, 1),
                               **facts, "stated_exactly": exact, "all_examined": finished})
        print(f"{budget:9.1f} {seconds:7.1f} {over:7.1f} {facts['examined']:9d} {facts['pending']:8d} "
              f"{'all examined' if finished else 'yes' if exact else 'NO':>15}")
    shutil.rmtree(work / "case", ignore_errors=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=1) + "\n")
    print(f"written: {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
