"""Where the walk+record time goes, lever by lever: the walk alone (FileEntry walk vs ``rows()``),
the pipe (pickling the row batches the worker sends), and the single writer's insert of the rows
into ``files`` under each setting measured for round two of the speed work::

    python benchmarks/walk_insert.py --image benchmarks/work/million/million-1000000.ext4

Insert variants (each on a fresh case database, the same rows, median of ``--runs``), cumulative:
``batch5k`` (round one: one transaction per 5,000 rows, SQLite's default 2 MiB page cache),
``batch50k`` (one per 50,000: with the small cache the transaction spills pages, slower),
``cache`` (+ the writer's page cache of ``WALK_CACHE_MIB``), ``deferred`` (+ the four secondary
indexes of ``files`` dropped for the walk and built after it, their build time included: what
triage does now), ``sync_off`` (+ ``synchronous=OFF`` inside the walk's transactions: measured,
not used, a power cut could then corrupt the case) and ``no_unique`` (+ no UNIQUE index on the
locator: measured, never used, it keeps a resumed walk idempotent). The walk rates are measured
streaming (rows counted, not kept), as the worker sends them.
Prints JSON with rows per second (wall) and per CPU-second of the writer per variant, and
``fls -r`` on the same image.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import pickle
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from forensic_triage.store import CaseStore  # noqa: E402
from forensic_triage.store.triage_repo import WALK_CACHE_MIB, WALK_DEFERRED_INDEXES  # noqa: E402


def walk_rows(image: Path) -> tuple[list[tuple[Any, ...]], tuple[float, float], tuple[float, float]]:
    import pytsk3

    from forensic_triage.fs.source import TskSource
    from forensic_triage.jobs.worker import entry_row

    source = TskSource(pytsk3.FS_Info(pytsk3.Img_Info(str(image))))
    t0, c0 = time.perf_counter(), time.process_time()
    for e in source.walk("EXH-001", 0, ""):
        entry_row(e)
    t1, c1 = time.perf_counter(), time.process_time()
    for _row in source.rows("EXH-001", 0, "", None):
        pass
    t2, c2 = time.perf_counter(), time.process_time()
    rows = list(source.rows("EXH-001", 0, "", None))
    gc.freeze()  # a million kept tuples: keep the collector from walking them during the inserts
    return rows, (t1 - t0, c1 - c0), (t2 - t1, c2 - c1)


def pipe_cost(rows: list[tuple[Any, ...]], batch: int = 1000) -> float:
    t0 = time.perf_counter()
    for i in range(0, len(rows), batch):
        pickle.loads(pickle.dumps(rows[i:i + batch], protocol=pickle.HIGHEST_PROTOCOL))
    return time.perf_counter() - t0


def insert(rows: list[tuple[Any, ...]], work: Path, variant: str) -> tuple[float, float]:
    case = work / f"case-{variant}"
    shutil.rmtree(case, ignore_errors=True)
    store = CaseStore.create(case, case_number="INS", examiner="bench")
    conn = store.conn
    with store.transaction():
        conn.execute("INSERT INTO evidence(id, uid, exhibit, description, format, path, media_size, verdict,"
                     " added_utc) VALUES (1, 'EXH-001', 'EXH-001', '', 'raw', '/x', 1, 'NOT STORED', '')")
        conn.execute("INSERT INTO volumes(id, evidence_id, addr, offset, length, description, fs_type, block_size,"
                     " fs_status) VALUES (1, 1, 0, 0, 1, '', 'ext4', 4096, 'pending')")
    order = ("batch5k", "batch50k", "cache", "deferred", "sync_off", "no_unique")
    level = order.index(variant)
    batch = 5000 if variant == "batch5k" else 50_000
    if level >= order.index("cache"):
        store.triage.set_cache_mib(WALK_CACHE_MIB)
    if variant == "no_unique":
        conn.execute("PRAGMA foreign_keys=OFF")
        with store.transaction():
            conn.execute("CREATE TABLE f2 AS SELECT * FROM files WHERE 0")
            conn.execute("DROP TABLE files")
            conn.execute("ALTER TABLE f2 RENAME TO files")
    repo = store.triage
    t0, c0 = time.perf_counter(), time.process_time()
    if level >= order.index("deferred"):
        with store.transaction():
            repo.drop_walk_indexes()
    for i in range(0, len(rows), batch):
        if level >= order.index("sync_off"):
            conn.execute("PRAGMA synchronous=OFF")
        with store.transaction():
            repo.insert_walked_files(1, 1, rows[i:i + batch])
        if level >= order.index("sync_off"):
            conn.execute("PRAGMA synchronous=NORMAL")
    if level >= order.index("deferred"):
        with store.transaction():
            repo.create_walk_indexes()
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    store.close()
    shutil.rmtree(case, ignore_errors=True)
    return seconds, cpu


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--image", type=Path, required=True, help="a raw file system image (e.g. walk_million's)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--work", type=Path)
    ap.add_argument("--variants", default="batch5k,batch50k,cache,deferred,sync_off,no_unique")
    ap.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results" / "walk_insert.json")
    args = ap.parse_args(argv)
    work = Path(args.work or tempfile.mkdtemp(prefix="ft-ins-"))
    work.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    subprocess.run(["fls", "-r", "-p", str(args.image)], stdout=subprocess.DEVNULL, check=True)
    fls_s = time.perf_counter() - t0
    rows, walk_s, rows_s = walk_rows(args.image)
    n = len(rows)
    report: dict[str, Any] = {
        "image": str(args.image), "entries": n, "fls_s": round(fls_s, 3), "fls_per_s": round(n / fls_s),
        "walk_entries_per_s": round(n / walk_s[0]), "rows_per_s": round(n / rows_s[0]),
        "walk_entries_per_cpu_s": round(n / walk_s[1]), "rows_per_cpu_s": round(n / rows_s[1]),
        "pipe_rows_per_s": round(n / pipe_cost(rows))}
    variants = args.variants.split(",")
    wall: dict[str, list[float]] = {v: [] for v in variants}
    cpu: dict[str, list[float]] = {v: [] for v in variants}
    for _ in range(args.runs):  # interleaved, so every variant sees the same load
        for variant in variants:
            w, c = insert(rows, work, variant)
            wall[variant].append(w)
            cpu[variant].append(c)
    report["insert_rows_per_s"] = {v: round(n / statistics.median(wall[v])) for v in variants}
    # CPU time of this process: robust to other load on the machine (the writer is CPU-bound).
    report["insert_rows_per_cpu_s"] = {v: round(n / statistics.median(cpu[v])) for v in variants}
    report["deferred_indexes"] = list(WALK_DEFERRED_INDEXES)
    report["cache_mib"] = WALK_CACHE_MIB
    report["load_avg_1min_at_end"] = round(os.getloadavg()[0], 2)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2))
    print(json.dumps(report, indent=2))
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
