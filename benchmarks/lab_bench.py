"""Lab mode: the same image triaged locally and with 1, 2 and 4 Celery workers on this machine.

Starts a throwaway PostgreSQL cluster and redis-server (tests/lab/servers.py), builds the
reference image (benchmarks/build_reference_image.py, raw, no E01) unless --image is given, then
times ``forensic-triage triage`` (evidence intake not timed):

* local, SQLite, ``--jobs 1`` and ``--jobs 2``;
* distributed, PostgreSQL, with 1, 2 and 4 ``lab worker --concurrency 1`` processes.

Prints seconds, files/s, the overhead per file of the queue and PostgreSQL (1 worker vs local
``--jobs 1``: the same single examining process, plus Celery and PostgreSQL), checks that every
run found the same files, artifacts and hits, and projects how many worker slots a lab needs for
1 TB a day from the throughput of one slot.

    python benchmarks/lab_bench.py                       # 256 MiB reference image
    python benchmarks/lab_bench.py --size-mb 2048        # the 2 GiB reference image
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "tests" / "lab"), str(REPO / "tests"), str(REPO)]

from servers import Postgres, Redis, temp_root, why_missing  # noqa: E402

PY = sys.executable


def ft(env: dict[str, str], *args: str) -> str:
    res = subprocess.run([PY, "-m", "forensic_triage", *args], env=env, capture_output=True, text=True, check=False)
    if res.returncode:
        raise SystemExit(f"forensic-triage {' '.join(args)} -> {res.returncode}\n{res.stderr}")
    return res.stdout


def totals(env: dict[str, str], case: Path) -> tuple[int, int, int, int]:
    """(file entries, artifacts, hits, bytes read by the examination)."""
    files = [json.loads(line) for line in ft(env, "files", str(case), "--format", "jsonl").splitlines()]
    return (len(files), *(len(ft(env, cmd, str(case), "--format", "jsonl").splitlines()) for cmd in
                          ("artifacts", "hits")), sum(int(f.get("bytes_read") or 0) for f in files))  # type: ignore[return-value]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size-mb", type=int, default=256)
    ap.add_argument("--image", type=Path, default=None, help="an existing image instead of building one")
    ap.add_argument("--workers", default="1,2,4")
    args = ap.parse_args()
    missing = why_missing()
    if missing:
        print(f"lab servers {missing}")
        return 2
    root = temp_root()
    pg = Postgres(root / "pg").start()
    redis = Redis(root / "redis").start()
    env = {**os.environ, **pg.env(), "PYTHONPATH": str(REPO), "FT_PLUGIN_DIR": str(root / "plugins"),
           "FT_RULES_DIR": str(root / "rules"), "FT_HASHSET_DB": str(root / "hashsets.sqlite"), "TZ": "UTC"}
    results: list[tuple[str, float, tuple[int, int, int, int]]] = []
    try:
        image = args.image
        if image is None:
            from build_reference_image import build  # type: ignore[import-not-found]

            t0 = time.monotonic()
            image = Path(build(root / "ref", size_mb=args.size_mb, e01=False)["raw"])
            print(f"built {image.name} ({image.stat().st_size / 2**20:.0f} MiB) in {time.monotonic() - t0:.0f} s")
        for jobs in (1, 2):
            case = root / f"local{jobs}"
            ft(env, "case", "new", str(case), "--case-number", "B", "--examiner", "bench")
            ft(env, "evidence", "add", str(case), str(image))
            t0 = time.monotonic()
            ft(env, "triage", str(case), "--jobs", str(jobs), "--quiet")
            results.append((f"local SQLite --jobs {jobs}", time.monotonic() - t0, totals(env, case)))
        for n in (int(x) for x in args.workers.split(",")):
            procs = [subprocess.Popen([PY, "-m", "forensic_triage", "lab", "worker", "--broker", redis.url,
                                       "--concurrency", "1", "--name", f"b{n}-{i}@bench"], env=env,
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for i in range(n)]
            try:
                time.sleep(4)
                case = root / f"lab{n}"
                ft(env, "case", "new", str(case), "--case-number", "B", "--examiner", "bench", "--database",
                   pg.createdb(f"bench{n}"))
                ft(env, "evidence", "add", str(case), str(image))
                t0 = time.monotonic()
                ft(env, "triage", str(case), "--broker", redis.url, "--jobs", "1", "--quiet")
                results.append((f"PostgreSQL + {n} Celery worker(s)", time.monotonic() - t0, totals(env, case)))
            finally:
                for p in procs:
                    p.terminate()
                for p in procs:
                    p.wait(30)
    finally:
        redis.stop()
        pg.stop()
    files, read = results[0][2][0], results[0][2][3]
    size = image.stat().st_size
    print(f"\nimage: {size / 2**20:.0f} MiB, {files} file entries, {read / 2**20:.0f} MiB of file content read; "
          f"machine: {os.cpu_count()} CPU cores")
    print(f"{'run':38} {'seconds':>8} {'files/s':>8}  same results")
    for name, secs, found in results:
        print(f"{name:38} {secs:8.1f} {files / secs:8.0f}  {'yes' if found == results[0][2] else 'NO ' + str(found)}")
    local1 = results[0][1]
    one = next(s for n, s, _ in results if n.startswith("PostgreSQL + 1 "))
    print(f"\nqueue + PostgreSQL overhead (1 worker vs local --jobs 1): {(one - local1) / files * 1000:.1f} ms/file, "
          f"ratio {one / local1:.2f}")
    # Throughput in file content read (not image size: free space costs nothing to triage).
    per_slot = read / one  # bytes of content per second of one worker slot, queue and PostgreSQL included
    need = 1e12 / 86400 / per_slot
    print(f"one worker slot: {per_slot / 2**20:.1f} MiB/s of file content -> 1 TB of content a day needs "
          f"{need:.1f} slot(s) (sustained, same mix of files, {1e12 / read * files / 86400:.0f} files/s)")
    out = REPO / "benchmarks" / "results"
    out.mkdir(exist_ok=True)
    (out / "lab_bench.json").write_text(json.dumps({"image_bytes": size, "files": files, "content_read": read,
                                                     "cores": os.cpu_count(),
                                                     "runs": [[n, round(s, 2)] for n, s, _ in results]}, indent=1))
    shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
