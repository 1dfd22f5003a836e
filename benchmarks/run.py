"""Time our full triage against the Sleuth Kit CLI pipeline, in the same run, on raw and E01.

Ours: ``forensic-triage triage`` with the default plugins, the shipped YARA rules and content
search (``case new`` + ``evidence add`` are timed separately: intake also hashes the whole
media, which the reference pipeline does not do). Reference: for each partition
``fls -r`` + ``tsk_recover -e``, then ``hashdeep -j2`` (MD5+SHA-1+SHA-256), ``yara -r -p 2``
with the same shipped rules, and ``file`` over every extracted file (``xargs -P 2``). Each
side runs ``--runs`` times; the medians, their ratio, MB/s (bytes of file content examined),
files/s, peak RSS of the whole process tree (sampled every 200 ms from /proc) and, for ours,
the latency of the first artifact finding (polled from the case database) are printed and
written to a JSON file::

    python benchmarks/build_reference_image.py --out benchmarks/work/ref        # once, 2 GiB
    python benchmarks/run.py --ref benchmarks/work/ref --runs 3                # raw + E01

On a bigger image: build it with ``--size-mb`` (or pass any raw/E01 with ``--image``), and
use ``--runs 1 --skip-tsk`` if the reference pipeline's extraction would not fit on disk.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
FT = [sys.executable, "-m", "forensic_triage"]
PAGE = os.sysconf("SC_PAGE_SIZE")


def tree_rss(root: int) -> int:
    """Resident bytes of ``root`` and all its descendants (one scan of /proc)."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
            with open(f"/proc/{entry}/statm") as f:
                rss[int(entry)] = int(f.read().split()[1]) * PAGE
        except OSError:
            continue
        parents[int(entry)] = int(stat[stat.rfind(")") + 2:].split()[1])
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(c for c, p in parents.items() if p == pid)
    return total


def measure(cmd: list[str], *, db: Path | None = None, cwd: Path | None = None, shell: bool = False) -> dict[str, Any]:
    """Wall time, peak tree RSS, and (with ``db``) seconds until the first artifact row."""
    started = time.monotonic()
    proc = subprocess.Popen(cmd if not shell else " ".join(cmd), shell=shell, cwd=cwd, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    peak = 0
    first: float | None = None
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak, first
        while not stop.is_set():
            peak = max(peak, tree_rss(proc.pid))
            if db is not None and first is None and db.exists():
                try:
                    with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.05) as conn:
                        if conn.execute("SELECT 1 FROM artifacts LIMIT 1").fetchone():
                            first = time.monotonic() - started
                    conn.close()
                except sqlite3.Error:
                    pass
            stop.wait(0.2)  # a /proc scan costs CPU the measured run needs: sample 5 times a second

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    _out, err = proc.communicate()
    stop.set()
    thread.join()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)[:200]} failed ({proc.returncode}): {err.strip()[-600:]}")
    return {"seconds": time.monotonic() - started, "peak_rss": peak, "first_finding": first}


def ours(image: Path, work: Path, jobs: int, extra: list[str]) -> dict[str, Any]:
    case = work / "case"
    shutil.rmtree(case, ignore_errors=True)
    subprocess.run([*FT, "case", "new", str(case), "--case-number", "BENCH", "--examiner", "bench"], check=True,
                   capture_output=True)
    intake = measure([*FT, "evidence", "add", str(case), str(image), "--quiet"])
    run = measure([*FT, "triage", str(case), "--quiet", "--jobs", str(jobs), *extra], db=case / "case.sqlite")
    with sqlite3.connect(case / "case.sqlite") as conn:
        files, content = conn.execute("SELECT count(*), coalesce(sum(bytes_read), 0) FROM files"
                                      " WHERE status != 'n/a' AND type = 'file'").fetchone()
        counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                  for t in ("artifacts", "yara_hits", "content_hits", "warnings")}
    conn.close()
    shutil.rmtree(case, ignore_errors=True)
    return {**run, "intake_seconds": intake["seconds"], "files": files, "content_bytes": content, **counts}


def partitions(image: Path) -> list[int]:
    res = subprocess.run(["mmls", "-a", str(image)], capture_output=True, text=True)
    starts = []
    for line in res.stdout.splitlines():
        parts = line.split()
        if len(parts) > 3 and parts[0].endswith(":") and parts[1] != "Meta" and parts[2].isdigit():
            starts.append(int(parts[2]))
    return starts or [0]


def rule_files() -> list[str]:
    return [f"r{i}:{p}" for i, p in enumerate(sorted((REPO / "rules").glob("*.yar*")))]


def tsk(image: Path, work: Path) -> dict[str, Any]:
    out = work / "tsk"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    steps: dict[str, float] = {}
    peak = 0
    t0 = time.monotonic()
    for i, start in enumerate(partitions(image)):
        for name, cmd in (("fls", ["fls", "-r", "-o", str(start), str(image), ">", str(out / f"fls{i}.txt")]),
                          ("tsk_recover", ["tsk_recover", "-e", "-o", str(start), str(image), str(out / f"p{i}")])):
            m = measure(cmd, shell=True)
            steps[name] = steps.get(name, 0) + m["seconds"]
            peak = max(peak, m["peak_rss"])
    for name, cmd in (
        ("hashdeep", ["hashdeep", "-j2", "-r", "-c", "md5,sha1,sha256", str(out), ">", str(out / "hashes.txt")]),
        ("yara", ["yara", "-r", "-p", "2", "-w", *rule_files(), str(out), ">", str(out / "yara.txt")]),
        ("file", ["find", str(out), "-type", "f", "-print0", "|", "xargs", "-0", "-n", "256", "-P", "2", "file", "-b",
                  ">", str(out / "types.txt")]),
    ):
        m = measure(cmd, shell=True)
        steps[name] = m["seconds"]
        peak = max(peak, m["peak_rss"])
    files = sum(1 for _ in out.rglob("*") if _.is_file()) - 5
    content = sum(p.stat().st_size for p in out.rglob("*") if p.is_file() and p.parent != out)
    shutil.rmtree(out, ignore_errors=True)
    # Time = the sum of the steps (counting the extracted files afterwards is not part of it).
    return {"seconds": sum(steps.values()), "steps": steps, "peak_rss": peak, "files": files, "content_bytes": content,
            "wall_with_bookkeeping": time.monotonic() - t0}


def machine() -> dict[str, Any]:
    def cmd(*args: str) -> str:
        try:
            return subprocess.run(list(args), capture_output=True, text=True, timeout=20).stdout.strip()
        except OSError:
            return ""

    cpu = next((ln.split(":", 1)[1].strip() for ln in cmd("lscpu").splitlines() if ln.startswith("Model name")), "")
    import magic
    import pyewf
    import pytsk3
    import yara

    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gib": round(os.sysconf("SC_PHYS_PAGES") * PAGE / 2**30, 1),
            "kernel": platform.release(), "python": platform.python_version(), "pytsk3": pytsk3.TSK_VERSION_STR,
            "pyewf": pyewf.get_version(), "yara_python": yara.__version__,
            "libmagic": str(getattr(magic, "version", lambda: "?")()),
            "sleuthkit_cli": cmd("fls", "-V"), "yara_cli": cmd("yara", "-v"), "hashdeep": cmd("hashdeep", "-V"),
            "commit": cmd("git", "-C", str(REPO), "rev-parse", "--short", "HEAD"), "date_utc": time.strftime("%Y-%m-%d %H:%M", time.gmtime())}


def median(values: list[float]) -> float:
    return float(statistics.median(values)) if values else float("nan")


def summarise(name: str, runs: list[dict[str, Any]]) -> dict[str, Any]:
    secs = median([r["seconds"] for r in runs])
    content = runs[0]["content_bytes"]
    files = runs[0]["files"]
    out = {"name": name, "runs": runs, "median_seconds": round(secs, 2), "files": files,
           "content_bytes": content, "mb_per_s": round(content / 1e6 / secs, 1), "files_per_s": round(files / secs),
           "peak_rss_mib": round(max(r["peak_rss"] for r in runs) / 2**20)}
    firsts = [r["first_finding"] for r in runs if r.get("first_finding") is not None]
    if firsts:
        out["first_finding_s"] = round(median(firsts), 2)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ref", type=Path, help="folder made by build_reference_image.py (reference.raw/.E01)")
    ap.add_argument("--image", type=Path, action="append", default=[], help="raw or E01 image (repeatable)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--skip-tsk", action="store_true", help="only our triage (e.g. no disk space to extract)")
    ap.add_argument("--triage-arg", action="append", default=[], help="extra argument for our triage")
    ap.add_argument("--work", type=Path, help="scratch folder (default: a temporary folder)")
    ap.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results" / "latest.json")
    args = ap.parse_args(argv)
    images = list(args.image)
    if args.ref:
        images += [p for p in (args.ref / "reference.raw", args.ref / "reference.E01") if p.exists()]
    if not images:
        ap.error("give --ref or --image")
    work = Path(args.work or tempfile.mkdtemp(prefix="ft-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    report: dict[str, Any] = {"machine": machine(), "jobs": args.jobs, "images": {}}
    for image in images:
        entry: dict[str, Any] = {"size_bytes": image.stat().st_size}
        ours_runs, tsk_runs = [], []
        for i in range(args.runs):  # interleaved, so both sides see the same machine state
            ours_runs.append(ours(image, work, args.jobs, args.triage_arg))
            print(f"{image.name} run {i + 1}: ours {ours_runs[-1]['seconds']:.1f} s", file=sys.stderr)
            if not args.skip_tsk:
                tsk_runs.append(tsk(image, work))
                print(f"{image.name} run {i + 1}: tsk {tsk_runs[-1]['seconds']:.1f} s {tsk_runs[-1]['steps']}",
                      file=sys.stderr)
        entry["ours"] = summarise("forensic-triage triage", ours_runs)
        if tsk_runs:
            entry["tsk"] = summarise("fls+tsk_recover+hashdeep+yara+file", tsk_runs)
            entry["tsk"]["median_steps"] = {k: round(median([r["steps"][k] for r in tsk_runs]), 2)
                                            for k in tsk_runs[0]["steps"]}
            entry["ratio_ours_to_tsk"] = round(entry["ours"]["median_seconds"] / entry["tsk"]["median_seconds"], 2)
        report["images"][image.name] = entry
    names = list(report["images"])
    raw = next((n for n in names if n.endswith(".raw")), None)
    e01 = next((n for n in names if n.upper().endswith(".E01")), None)
    if raw and e01:
        report["ratio_e01_to_raw"] = round(report["images"][e01]["ours"]["median_seconds"]
                                           / report["images"][raw]["ours"]["median_seconds"], 2)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, default=str))
    print(markdown(report))
    return 0


def markdown(report: dict[str, Any]) -> str:
    lines = ["| image | side | median s | files | MB/s | files/s | peak RSS MiB | first finding s |",
             "|---|---|---:|---:|---:|---:|---:|---:|"]
    for name, entry in report["images"].items():
        for side in ("ours", "tsk"):
            if side in entry:
                s = entry[side]
                lines.append(f"| {name} | {s['name']} | {s['median_seconds']} | {s['files']} | {s['mb_per_s']} | "
                             f"{s['files_per_s']} | {s['peak_rss_mib']} | {s.get('first_finding_s', '')} |")
        if "ratio_ours_to_tsk" in entry:
            lines.append(f"| {name} | **ratio ours / TSK** | {entry['ratio_ours_to_tsk']} | | | | | |")
    if "ratio_e01_to_raw" in report:
        lines.append(f"\nE01 / raw (ours): {report['ratio_e01_to_raw']}")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
