"""A file system with 1,000,000 files: our walk + recording vs ``fls -r`` writing its listing.

Builds an ext4 image from a folder of empty files (``mke2fs -d``; 1,000 folders of 1,000),
times ``fls -r -p image > listing``, then our walk: ``forensic-triage`` intake, then
``run_triage`` until the listing phase ends (the entries are in the case database, the
volume marked walked) -- measured from the progress phases, the examination is cancelled.
Also reports the peak RSS of our process tree during the walk::

    python benchmarks/walk_million.py --files 1000000 --work benchmarks/work/million
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
import threading
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

from run import tree_rss  # noqa: E402


def build(work: Path, files: int) -> Path:
    image = work / f"million-{files}.ext4"
    if image.exists():
        return image
    tree = work / "tree"
    shutil.rmtree(tree, ignore_errors=True)
    per = 1000
    for d in range((files + per - 1) // per):
        folder = tree / f"d{d:04d}"
        folder.mkdir(parents=True)
        for f in range(min(per, files - d * per)):
            (folder / f"f{f:04d}.txt").touch()
    size_mb = 64 + files * 600 // 1_000_000 + files // 4000
    subprocess.run(["mke2fs", "-q", "-t", "ext4", "-N", str(files + 20_000), "-d", str(tree), str(image), f"{size_mb}M"],
                   check=True, env={**os.environ, "E2FSPROGS_FAKE_TIME": "1740650400"})
    shutil.rmtree(tree, ignore_errors=True)
    return image


def time_fls(image: Path, work: Path) -> tuple[float, int]:
    listing = work / "fls.txt"
    t0 = time.monotonic()
    with open(listing, "w") as out:
        subprocess.run(["fls", "-r", "-p", str(image)], stdout=out, check=True)
    seconds = time.monotonic() - t0
    with open(listing, "rb") as f:
        lines = sum(1 for _ in f)
    listing.unlink()
    return seconds, lines


def time_ours(image: Path, work: Path, jobs: int) -> dict[str, Any]:
    from forensic_triage.errors import Cancelled
    from forensic_triage.jobs.context import JobContext, Progress
    from forensic_triage.jobs.intake import add_evidence
    from forensic_triage.jobs.settings import TriageSettings
    from forensic_triage.jobs.triage import run_triage
    from forensic_triage.store import CaseStore

    case = work / "case"
    shutil.rmtree(case, ignore_errors=True)
    store = CaseStore.create(case, case_number="WALK", examiner="bench")
    add_evidence(store, image)
    marks: dict[str, float] = {}
    ctx = JobContext(min_interval=0.5)

    def on_progress(p: Progress) -> None:
        marks.setdefault(p.phase.split(" ")[0], time.monotonic())
        if p.phase.startswith("examining"):
            ctx.cancel_token.cancel()

    ctx.on_progress = on_progress
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, tree_rss(os.getpid()))
            stop.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        run_triage(store, TriageSettings(jobs=jobs), ctx)
    except Cancelled:
        pass
    stop.set()
    sampler.join()
    walked = store.scalar("SELECT count(*) FROM files")
    status = store.scalar("SELECT fs_status FROM volumes WHERE fs_type IS NOT NULL")
    store.close()
    with sqlite3.connect(case / "case.sqlite") as conn:
        db_bytes = (case / "case.sqlite").stat().st_size
    conn.close()
    shutil.rmtree(case, ignore_errors=True)
    return {"seconds": marks["examining"] - marks["listing"], "entries": walked, "volume_status": status,
            "peak_rss_mib": round(peak / 2**20), "db_bytes": db_bytes}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--files", type=int, default=1_000_000)
    ap.add_argument("--work", type=Path)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results" / "walk_million.json")
    args = ap.parse_args(argv)
    work = Path(args.work or tempfile.mkdtemp(prefix="ft-walk-"))
    work.mkdir(parents=True, exist_ok=True)
    t0 = time.monotonic()
    image = build(work, args.files)
    build_s = time.monotonic() - t0
    fls_s, fls_lines = time_fls(image, work)
    ours = time_ours(image, work, args.jobs)
    report = {"files": args.files, "image_bytes": image.stat().st_size, "build_seconds": round(build_s, 1),
              "fls_seconds": round(fls_s, 2), "fls_lines": fls_lines, "fls_lines_per_s": round(fls_lines / fls_s),
              "ours": ours, "ours_entries_per_s": round(ours["entries"] / ours["seconds"]),
              "speed_vs_fls": round((ours["entries"] / ours["seconds"]) / (fls_lines / fls_s), 2)}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2))
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
