"""How triage throughput grows with ``--jobs``, and what every part costs per core, so that the
scaling on 8 and 16 cores can be predicted from a machine with fewer::

    python benchmarks/scaling.py --image benchmarks/work/ref512/reference.dd --jobs 1,2

1. Intake once (``evidence add``; its MD5+SHA-1+SHA-256 read timed apart), into a template case.
2. For each ``--jobs N``: a copy of the template case, ``run_triage`` in this process (the
   parent: walk record, dispatch, the single writer) with N worker processes; wall time, the
   parent's CPU-seconds and the workers' CPU-seconds (``RUSAGE_CHILDREN``), files/s.
3. Per-part cost, one process, no workers: the walk (``TskSource.rows``, per volume) and every
   file of the case read once through ``FileProcessor`` with the run's analyzers, each
   analyzer's ``start``/``feed``/``finish`` and the type detection timed (CPU time of this
   thread); what remains of each file's time is the read itself, the three digests and the
   byte histogram (split by their per-byte cost measured here) and the engine's glue.
4. Prediction for N cores: the walk and the index build are serial; the examination is
   parallel with one worker per core, bounded by the single writer (the parent's CPU-seconds
   per file of the measured run) and, for reading the media, by the disk:
   ``T(N) = T_serial + max(W / (N * eff), P_exam, bytes / disk)``, where W are the workers'
   CPU-seconds at ``--jobs 1``, eff the measured per-core efficiency at the largest N run here
   (workers' CPU per file at N vs 1), P_exam the parent's CPU-seconds during the examination
   (from its start to the job's last progress report); T_serial the walk before it and the end
   of the job after it (counts, the digest of every table anchored in the audit log).
   Headroom of the writer and the walk: their rows/s against the per-file rate of 16 workers.

Writes ``benchmarks/results/scaling.json`` and prints a table.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import numpy as np  # noqa: E402

from forensic_triage.jobs.context import JobContext, Progress  # noqa: E402
from forensic_triage.jobs.intake import add_evidence  # noqa: E402
from forensic_triage.jobs.settings import TriageSettings  # noqa: E402
from forensic_triage.jobs.triage import run_triage  # noqa: E402
from forensic_triage.store import CaseStore  # noqa: E402


def _cpu_children() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def _cpu_self() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def intake(image: Path, work: Path) -> tuple[Path, float]:
    template = work / "template"
    shutil.rmtree(template, ignore_errors=True)
    store = CaseStore.create(template, case_number="SCALE", examiner="bench")
    t0 = time.perf_counter()
    add_evidence(store, image)
    seconds = time.perf_counter() - t0
    store.close()
    return template, seconds


def triage_run(template: Path, work: Path, jobs: int) -> dict[str, Any]:
    case = work / f"case-j{jobs}"
    shutil.rmtree(case, ignore_errors=True)
    shutil.copytree(template, case)
    store = CaseStore.open(case)
    marks: dict[str, tuple[float, float]] = {}
    last: dict[str, tuple[float, float]] = {}
    ctx = JobContext(min_interval=0.2)

    def on_progress(p: Progress) -> None:
        now = (time.perf_counter(), _cpu_self())
        marks.setdefault(p.phase.split(" ")[0], now)
        last[p.phase.split(" ")[0]] = now  # the job's last report (ctx.finish) ends the examination

    ctx.on_progress = on_progress
    w0, s0, c0 = time.perf_counter(), _cpu_self(), _cpu_children()
    stats = run_triage(store, TriageSettings(jobs=jobs), ctx)
    wall, parent, workers = time.perf_counter() - w0, _cpu_self() - s0, _cpu_children() - c0
    files = int(store.scalar("SELECT count(*) FROM files WHERE status <> 'pending' AND type = 'file'") or 0)
    rows = int(store.scalar("SELECT count(*) FROM files") or 0)
    store.close()
    exam_start = marks.get("examining", (w0, s0))
    exam_end = last.get("examining", (w0 + wall, s0 + parent))
    shutil.rmtree(case, ignore_errors=True)
    return {"jobs": jobs, "wall_s": round(wall, 2), "parent_cpu_s": round(parent, 2),
            "workers_cpu_s": round(workers, 2), "files_examined": files, "rows": rows,
            "bytes_read": stats.bytes_read, "files_per_s": round(files / wall, 1),
            "walk_wall_s": round(exam_start[0] - w0, 2), "walk_parent_cpu_s": round(exam_start[1] - s0, 2),
            "exam_wall_s": round(w0 + wall - exam_start[0], 2),
            "exam_parent_cpu_s": round(s0 + parent - exam_start[1], 2),
            # the examination alone (dispatch + the writer while workers run), then the end of the
            # job (its counts, the digest of every table anchored in the audit log): serial
            "exam_only_wall_s": round(exam_end[0] - exam_start[0], 2),
            "exam_only_parent_cpu_s": round(exam_end[1] - exam_start[1], 2),
            "end_wall_s": round(w0 + wall - exam_end[0], 2),
            "end_parent_cpu_s": round(s0 + parent - exam_end[1], 2)}


def per_byte_costs() -> dict[str, float]:
    """CPU-seconds per byte of the three digests and of the byte histogram (64 MiB, this thread)."""
    from forensic_triage.pipeline.filework import byte_histogram

    data = os.urandom(1 << 20) * 64
    t0 = time.thread_time()
    for h in (hashlib.md5(), hashlib.sha1(), hashlib.sha256()):
        for i in range(0, len(data), 1 << 20):
            h.update(data[i:i + (1 << 20)])
    t1 = time.thread_time()
    counts = np.zeros(256, dtype=np.int64)
    for i in range(0, len(data), 1 << 20):
        counts += byte_histogram(data[i:i + (1 << 20)])
    t2 = time.thread_time()
    return {"hash": (t1 - t0) / len(data), "entropy": (t2 - t1) / len(data)}


def part_costs(template: Path, work: Path) -> dict[str, Any]:
    """One process: the walk per volume, then every file read once with the run's analyzers."""
    from forensic_triage.fs.resolver import Resolver
    from forensic_triage.jobs.setup import build_analyzers
    from forensic_triage.model import Locator
    from forensic_triage.pipeline.filework import FileProcessor

    case = work / "case-parts"
    shutil.rmtree(case, ignore_errors=True)
    shutil.copytree(template, case)
    store = CaseStore.open(case)
    # the walk + record (in the parent, through workers as triage does), then the rows
    settings = TriageSettings(jobs=1)
    ctx = JobContext(min_interval=0.2)

    def stop_at_exam(p: Progress) -> None:
        if p.phase.startswith("examining"):
            ctx.cancel_token.cancel()

    ctx.on_progress = stop_at_exam
    from forensic_triage.errors import Cancelled

    try:
        run_triage(store, settings, ctx)
    except Cancelled:
        pass
    resolver = Resolver()
    evidence = {int(r["id"]): r for r in store.query("SELECT id, uid, path FROM evidence")}
    walk_cpu = 0.0
    walk_rows = 0
    for vol in store.query("SELECT evidence_id, offset, layer FROM volumes WHERE fs_status='walked'"):
        ev = evidence[int(vol["evidence_id"])]
        source = resolver.source(str(ev["path"]), int(vol["offset"]), str(vol["layer"] or ""))
        rows_of = getattr(source, "rows", None)
        t0 = time.thread_time()
        if callable(rows_of):
            walk_rows += sum(1 for _ in rows_of(str(ev["uid"]), int(vol["offset"]), str(vol["layer"] or ""), None))
        else:
            walk_rows += sum(1 for _ in source.walk(str(ev["uid"]), int(vol["offset"]), str(vol["layer"] or "")))
        walk_cpu += time.thread_time() - t0
    analyzers, _problems = build_analyzers(settings, work)
    spent: dict[str, float] = {}

    def charge(part: str, fn: Any) -> Any:
        def timed(*args: Any, **kwargs: Any) -> Any:
            t0 = time.thread_time()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[part] = spent.get(part, 0.0) + time.thread_time() - t0
        return timed

    class _TimedRun:
        def __init__(self, run: Any, part: str) -> None:
            self.feed = charge(part, run.feed)
            self.finish = charge(part, run.finish)

    class _Timed:
        def __init__(self, inner: Any) -> None:
            self.inner, self.name = inner, inner.name
            self._start = charge(inner.name, inner.start)

        def start(self, info: Any) -> Any:
            run = self._start(info)
            return None if run is None else _TimedRun(run, self.name)

        def describe(self) -> Any:
            return self.inner.describe()

    import forensic_triage.pipeline.filework as filework

    filework.identify = charge("libmagic", filework.identify)  # type: ignore[attr-defined]
    analyzers = [_Timed(a) for a in analyzers]  # type: ignore[misc]
    processor = FileProcessor(analyzers)
    total_bytes = 0
    files = 0
    for row in store.query("SELECT f.id, f.evidence_id, f.partition_offset, f.inode, f.attr_type, f.attr_id, f.stream,"
                           " f.path, f.name, f.extension, f.size, f.allocated, f.layer FROM files f"
                           " WHERE f.status='pending' ORDER BY f.first_block"):
        ev = evidence[int(row["evidence_id"])]
        layer = str(row["layer"] or "")
        source = resolver.source(str(ev["path"]), int(row["partition_offset"]), layer)
        loc = Locator(str(ev["uid"]), int(row["partition_offset"]), int(row["inode"]), row["attr_type"],
                      row["attr_id"], str(row["stream"] or ""), str(row["path"]), layer)
        t0 = time.thread_time()
        result = processor.process(source, int(row["id"]), loc, name=str(row["name"]), extension=str(row["extension"]),
                                   size=int(row["size"]), deleted=not row["allocated"])
        spent["file total"] = spent.get("file total", 0.0) + time.thread_time() - t0
        total_bytes += result.bytes_read
        files += 1
    store.close()
    resolver.close()
    shutil.rmtree(case, ignore_errors=True)
    per_byte = per_byte_costs()
    total = spent.pop("file total", 0.0)
    engine = total - sum(spent.values())  # read + digests + histogram + Python glue of the one read
    hash_s = min(per_byte["hash"] * total_bytes, engine)
    entropy_s = min(per_byte["entropy"] * total_bytes, engine - hash_s)
    parts = {"walk (rows, all volumes)": walk_cpu, "hash (MD5+SHA-1+SHA-256)": hash_s,
             "entropy (byte histogram)": entropy_s, "read + engine glue": engine - hash_s - entropy_s}
    names = {"libmagic": "type (libmagic)", "yara": "YARA", "content": "content search",
             "extractors": "artifact extractors"}
    for stage, seconds in spent.items():
        parts[names.get(stage, stage)] = seconds
    parts["all per-file work"] = total
    return {"files": files, "bytes": total_bytes, "walk_rows": walk_rows,
            "cpu_s": {k: round(v, 2) for k, v in sorted(parts.items(), key=lambda kv: -kv[1])},
            "per_byte_ns": {k: round(v * 1e9, 3) for k, v in per_byte.items()}}


def predict(runs: list[dict[str, Any]], parts: dict[str, Any], insert_rows_per_cpu_s: float | None,
            disk_mb_s: float) -> dict[str, Any]:
    one = next(r for r in runs if r["jobs"] == 1)
    best = max(runs, key=lambda r: r["jobs"])
    files = max(one["files_examined"], 1)
    worker_s_per_file = one["workers_cpu_s"] / files
    eff = (one["workers_cpu_s"] / max(best["workers_cpu_s"], 1e-9)) if best["jobs"] > 1 else 1.0
    serial = one["walk_wall_s"]
    end = max(r.get("end_wall_s", 0.0) for r in runs)
    serial += end
    exam_parent = max(r.get("exam_only_parent_cpu_s", r["exam_parent_cpu_s"]) for r in runs)
    writer_files_per_s = files / max(exam_parent, 1e-9)
    # the same with the end of the job charged to the writer (as round two reported it)
    with_end = files / max(max(r["exam_parent_cpu_s"] for r in runs), 1e-9)
    walk_rows_per_s = parts["walk_rows"] / max(parts["cpu_s"].get("walk (rows, all volumes)", 1e-9), 1e-9)
    out: dict[str, Any] = {"worker_cpu_s_per_file": round(worker_s_per_file, 5), "per_core_efficiency": round(eff, 2),
                           "serial_walk_s": round(serial - end, 2), "serial_end_of_job_s": end,
                           "writer_files_per_parent_cpu_s": round(writer_files_per_s),
                           "writer_files_per_parent_cpu_s_with_end_of_job": round(with_end),
                           "walk_rows_per_cpu_s": round(walk_rows_per_s), "predicted": {}}
    if insert_rows_per_cpu_s:
        out["walk_insert_rows_per_cpu_s"] = round(insert_rows_per_cpu_s)
    for n in (1, 2, 4, 8, 16):
        exam = max(one["workers_cpu_s"] / (n * (eff if n > 1 else 1.0)), exam_parent, one["bytes_read"] / (disk_mb_s * 1e6))
        total = serial + exam
        out["predicted"][str(n)] = {"wall_s": round(total, 1), "files_per_s": round(files / total),
                                    "speedup_vs_1": round((serial + one["workers_cpu_s"]) / total, 2)}
    need16 = 16 / worker_s_per_file
    out["files_per_s_of_16_workers"] = round(need16)
    out["writer_headroom_at_16"] = round(writer_files_per_s / need16, 2)
    out["writer_headroom_at_16_with_end_of_job"] = round(with_end / need16, 2)
    out["walk_headroom_at_16"] = round(walk_rows_per_s / need16, 1)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--image", type=Path, required=True)
    ap.add_argument("--jobs", default="1,2")
    ap.add_argument("--work", type=Path)
    ap.add_argument("--disk-mb-s", type=float, default=2000.0,
                    help="sequential read speed assumed for the prediction (an NVMe disk; page cache here)")
    ap.add_argument("--insert-json", type=Path, default=REPO / "benchmarks" / "results" / "walk_insert.json",
                    help="walk_insert.py's result, for the writer's walk rows per CPU-second")
    ap.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results" / "scaling.json")
    args = ap.parse_args(argv)
    work = Path(args.work or tempfile.mkdtemp(prefix="ft-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    loads: list[float] = []
    stop = threading.Event()

    def sample() -> None:
        while not stop.wait(1.0):
            loads.append(os.getloadavg()[0])

    threading.Thread(target=sample, daemon=True).start()
    template, intake_s = intake(args.image, work)
    runs = [triage_run(template, work, int(j)) for j in args.jobs.split(",")]
    parts = part_costs(template, work)
    insert_rate = None
    if args.insert_json.exists():
        rates = json.loads(args.insert_json.read_text()).get("insert_rows_per_cpu_s", {})
        insert_rate = rates.get("deferred")
    prediction = predict(runs, parts, insert_rate, args.disk_mb_s)
    stop.set()
    report = {"image": str(args.image), "image_bytes": args.image.stat().st_size, "cpus": os.cpu_count(),
              "load_avg_during": round(sum(loads) / max(len(loads), 1), 2), "intake_s": round(intake_s, 2),
              "runs": runs, "parts": parts, "prediction": prediction}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2))
    print(json.dumps(report, indent=2))
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
