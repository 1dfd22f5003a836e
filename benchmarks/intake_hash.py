"""Intake hashing (MD5 + SHA-1 + SHA-256 of the media, one read) against ``md5sum`` alone on the
same file, side by side, interleaved, medians of ``--runs``::

    python benchmarks/intake_hash.py --mib 1024            # a file of incompressible bytes
    python benchmarks/intake_hash.py --file image.dd       # any raw image

Ours is ``evidence.hashing.hash_media`` over the raw media exactly as ``evidence add`` calls it
for a single raw file (one digest per thread; the container's SHA-256 is the media's, not hashed
again). Also times ``sha1sum`` and ``sha256sum`` (what the three digests cost one after the
other) and, with ``--old``, the round-one scheme (MD5 on a second thread, SHA-1 and SHA-256 and
the segment's SHA-256 on the reading thread). The page cache is warm for every run (the file is
read once before).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from forensic_triage.evidence.hashing import hash_media  # noqa: E402
from forensic_triage.evidence.images import RawMedia  # noqa: E402


def make_file(path: Path, mib: int) -> None:
    block = os.urandom(1 << 20)
    with open(path, "wb") as f:
        for i in range(mib):
            f.write(block[i % 251:] + block[: i % 251])


def tool(name: str, path: Path) -> float:
    t0 = time.perf_counter()
    subprocess.run([name, str(path)], check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t0


def ours(path: Path) -> float:
    media = RawMedia((path,))
    try:
        t0 = time.perf_counter()
        hash_media(media)
        return time.perf_counter() - t0
    finally:
        media.close()


def old_scheme(path: Path) -> float:
    """Round one: MD5 on one helper thread; SHA-1, SHA-256 and the segment's SHA-256 on the reader."""
    media = RawMedia((path,))
    md5, sha1, sha256, seg = hashlib.md5(), hashlib.sha1(), hashlib.sha256(), hashlib.sha256()
    t0 = time.perf_counter()
    with ThreadPoolExecutor(max_workers=1) as pool:
        pending = None
        offset = 0
        while offset < media.size:
            data = media.read(offset, min(4 << 20, media.size - offset))
            if pending is not None:
                pending.result()
            pending = pool.submit(md5.update, data)
            sha1.update(data)
            sha256.update(data)
            seg.update(data)
            offset += len(data)
        if pending is not None:
            pending.result()
    media.close()
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--file", type=Path)
    ap.add_argument("--mib", type=int, default=1024)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--old", action="store_true", help="also time the round-one scheme")
    ap.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results" / "intake_hash.json")
    args = ap.parse_args(argv)
    made = None
    path = args.file
    if path is None:
        made = path = Path(tempfile.mkdtemp(prefix="ft-hash-")) / "media.raw"
        make_file(path, args.mib)
    try:
        size = path.stat().st_size
        tool("cat", path)  # warm the page cache
        times: dict[str, list[float]] = {"md5sum": [], "sha1sum": [], "sha256sum": [], "ours": [], "old": []}
        for _ in range(args.runs):
            times["md5sum"].append(tool("md5sum", path))
            times["ours"].append(ours(path))
            if args.old:
                times["old"].append(old_scheme(path))
            times["sha1sum"].append(tool("sha1sum", path))
            times["sha256sum"].append(tool("sha256sum", path))
        med = {k: statistics.median(v) for k, v in times.items() if v}
        report: dict[str, Any] = {
            "bytes": size, "runs": args.runs, "cpus": os.cpu_count(), "load_before": os.getloadavg()[0],
            "median_s": {k: round(v, 3) for k, v in med.items()},
            "mb_per_s": {k: round(size / v / 1e6) for k, v in med.items()},
            "ours_vs_md5sum": round(med["ours"] / med["md5sum"], 2),
            "three_tools_in_a_row_vs_md5sum": round((med["md5sum"] + med["sha1sum"] + med["sha256sum"]) / med["md5sum"], 2),
        }
        if "old" in med:
            report["old_vs_md5sum"] = round(med["old"] / med["md5sum"], 2)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(report, indent=2))
        print(json.dumps(report, indent=2))
    finally:
        if made is not None:
            made.unlink()
            made.parent.rmdir()
    return 0


if __name__ == "__main__":
    sys.exit(main())
