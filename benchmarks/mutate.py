"""Mutation harness: damaged images derived from good ones must end cleanly, never in a traceback.

Each mutation copies a good image (raw disk with NTFS + ext4 + FAT16, the same disk as a
multi-segment E01, the pure-Python sample disk, and small corpus images when $FT_CORPUS is
there) and damages it: truncation at many points, bit flips in the partition table, boot
sectors, MFT / inode tables / group descriptors, FAT tables and directory entries, zeroed
ranges, corrupted EWF chunks and headers, truncated and missing EWF segments. Then the real
core runs on it -- ``add_evidence`` then ``run_triage`` with the default plugins, shipped YARA
rules and content search -- in a long-lived runner process (no CLI start per mutation; a few
samples also go through the CLI). Allowed outcomes:

* ``error``: a TriageError with a plain message (intake or triage refused the image), or
* ``completed`` / ``warnings``: the run finished (with stored warnings);

and the case database must still pass ``PRAGMA integrity_check`` and the audit-chain check.
Failures: ``traceback`` (any other exception), ``hang`` (no answer within the timeout),
``memory`` (MemoryError in the runner, which has an address-space limit), ``crash`` (runner
died), ``unusable`` (case database damaged). Run::

    python benchmarks/mutate.py --count 200 --slots 2          # the short run (CI runs it too)
    python benchmarks/mutate.py --count 3000 --out long.json   # on demand
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))  # imagebuilders: the same real-tool image builders the tests use

FAILURES = ("traceback", "hang", "memory", "crash", "unusable")
RUNNER_MEMORY = 3 * 1024 ** 3


# ----------------------------------------------------------------------------- base images
def _tree(tag: str) -> dict[str, bytes]:
    tree: dict[str, bytes] = {}
    for d in range(3):
        for f in range(12):
            tree[f"Users/user{d}/Documents/note{f:02d}.txt"] = (f"{tag} {d}/{f} mail u{f}@example.com\n" * (f * 9 + 1)).encode()
    tree["Users/user0/Pictures/big.bin"] = bytes(random.Random(tag).getrandbits(8) for _ in range(300_000))
    tree["Windows/System32/config/SYSTEM"] = b"regf" + b"\0" * 8188
    return tree


def build_bases(work: Path, corpus: Path | None) -> dict[str, list[Path]]:
    """Good images to damage: name -> segment files (first = what is added as evidence)."""
    import imagebuilders as ib

    from forensic_triage.sample.generator import build_sample_image

    work.mkdir(parents=True, exist_ok=True)
    bases: dict[str, list[Path]] = {}
    sample = work / "sample.img"
    build_sample_image(sample)
    bases["sample_fat16_mbr"] = [sample]
    try:
        parts = [(ib.build_ntfs(work / "p_ntfs.img", _tree("ntfs"), size_mb=4), "07"),
                 (ib.build_ext4(work / "p_ext4.img", _tree("ext4"), size_mb=4), "83"),
                 (ib.build_fat(work / "p_fat.img", _tree("fat"), size_mb=16, fat=16), "06")]
        disk = ib.build_disk(work / "disk.raw", parts)
        bases["disk_raw"] = [disk.path]
        e01 = ib.to_e01(disk.path, work / "disk_e01", segment_size=1024 * 1024)
        segments = sorted(e01.parent.glob(e01.stem + ".E*"))
        bases["disk_e01"] = segments
    except Exception as exc:  # noqa: BLE001 - tools missing: the harness still runs on what it has
        print(f"note: built disk skipped ({exc})", file=sys.stderr)
    if corpus and (corpus / "images").is_dir():
        for rel in ("grr/ntfs_img.dd", "rust-fatfs/fat16.img", "pytsk/tsk_volume_system.raw",
                    "velociraptor/test.ntfs.dd.E01"):
            src = corpus / "images" / rel
            if src.exists():
                bases["corpus_" + Path(rel).name.replace(".", "_")] = [src]
    return bases


# ----------------------------------------------------------------------------- where to damage
def regions(image: Path) -> dict[str, list[tuple[int, int]]]:
    """Byte ranges of on-disk structures: partition table, boot sectors, FS metadata."""
    with open(image, "rb") as f:
        data = f.read(1024)
        size = os.fstat(f.fileno()).st_size

        def read(off: int, n: int) -> bytes:
            f.seek(off)
            return f.read(n)

        out: dict[str, list[tuple[int, int]]] = {"partition_table": [], "boot_sector": [], "fs_metadata": [],
                                                  "directory_entries": []}
        starts = [0]
        if data[510:512] == b"\x55\xaa" and not data[3:11].startswith((b"NTFS", b"mkfs", b"MSDOS", b"MSWIN")):
            out["partition_table"].append((446, 512))
            for i in range(4):
                entry = data[446 + 16 * i: 462 + 16 * i]
                lba = struct.unpack_from("<I", entry, 8)[0]
                if entry[4] and lba:
                    starts.append(lba * 512)
            starts = starts[1:] or [0]
        for p in starts:
            boot = read(p, 512)
            if len(boot) < 512:
                continue
            out["boot_sector"].append((p, p + 512))
            bps = struct.unpack_from("<H", boot, 11)[0] or 512
            if boot[3:7] == b"NTFS":
                spc = boot[13]
                mft = p + struct.unpack_from("<Q", boot, 48)[0] * spc * bps
                out["fs_metadata"].append((mft, mft + 64 * 1024))
                out["directory_entries"].append((mft + 5 * 1024, mft + 6 * 1024))  # the root folder's entry
            elif boot[54:57] == b"FAT" or boot[82:85] == b"FAT":
                reserved, nfats = struct.unpack_from("<H", boot, 14)[0], boot[16]
                root_entries = struct.unpack_from("<H", boot, 17)[0]
                fatsz = struct.unpack_from("<H", boot, 22)[0] or struct.unpack_from("<I", boot, 36)[0]
                fat = p + reserved * bps
                out["fs_metadata"].append((fat, fat + nfats * fatsz * bps))
                root = fat + nfats * fatsz * bps
                out["directory_entries"].append((root, root + max(root_entries * 32, 4096)))
            else:
                sb = read(p + 1024, 1024)
                if len(sb) == 1024 and sb[56:58] == b"\x53\xef":
                    block = 1024 << struct.unpack_from("<I", sb, 24)[0]
                    gdt = p + (2048 if block == 1024 else block)
                    out["fs_metadata"].append((p + 1024, p + 2048))
                    out["fs_metadata"].append((gdt, gdt + block))
                    gd = read(gdt, 64)
                    itable = p + struct.unpack_from("<I", gd, 8)[0] * block
                    out["directory_entries"].append((itable, itable + min(256 * 1024, 64 * 256)))
    for key in list(out):
        out[key] = [(a, min(b, size)) for a, b in out[key] if a < size]
    return out


# ----------------------------------------------------------------------------- mutations
def plan(bases: dict[str, list[Path]], count: int, seed: int) -> list[dict[str, Any]]:
    """A deterministic list of mutations, spread over base images and kinds."""
    rng = random.Random(seed)
    raw_kinds = ("truncate", "flip:partition_table", "flip:boot_sector", "flip:fs_metadata",
                 "flip:directory_entries", "zero:fs_metadata", "zero:directory_entries", "zero:anywhere",
                 "flip:anywhere")
    ewf_kinds = ("ewf_flip_chunks", "ewf_flip_header", "ewf_truncate", "ewf_missing_segment")
    names = sorted(bases)
    out = []
    for i in range(count):
        base = names[i % len(names)]
        segments = bases[base]
        is_ewf = segments[0].suffix.upper() == ".E01"
        kinds = ewf_kinds if is_ewf else raw_kinds
        kind = kinds[(i // len(names)) % len(kinds)]
        out.append({"id": i, "base": base, "kind": kind, "seed": rng.getrandbits(32)})
    return out


def apply(mutation: dict[str, Any], bases: dict[str, list[Path]], dest: Path) -> Path:
    """Write the damaged copy into ``dest``; returns the path to add as evidence."""
    rng = random.Random(mutation["seed"])
    segments = bases[mutation["base"]]
    dest.mkdir(parents=True, exist_ok=True)
    copies = []
    for seg in segments:
        target = dest / seg.name
        shutil.copyfile(seg, target)
        copies.append(target)
    kind = mutation["kind"]
    first = copies[0]
    if kind.startswith("ewf_"):
        if kind == "ewf_missing_segment" and len(copies) > 1:
            rng.choice(copies[1:]).unlink()
        elif kind == "ewf_truncate":
            victim = rng.choice(copies)
            os.truncate(victim, int(victim.stat().st_size * rng.uniform(0.05, 0.98)))
        elif kind == "ewf_flip_header":
            _flip(first, [(0, min(8192, first.stat().st_size))], rng, rng.randint(1, 16))
        else:
            victim = rng.choice(copies)
            size = victim.stat().st_size
            _flip(victim, [(min(8192, size // 2), size)], rng, rng.randint(1, 64))
        return first
    size = first.stat().st_size
    if kind == "truncate":
        os.truncate(first, rng.choice([rng.randrange(1, 4096), rng.randrange(1, max(2, size)),
                                       int(size * rng.uniform(0.3, 0.999))]))
        return first
    verb, where = kind.split(":")
    spans = [(0, size)] if where == "anywhere" else regions(first).get(where) or [(0, min(size, 1 << 20))]
    if verb == "flip":
        _flip(first, spans, rng, rng.choice([1, 2, 8, 64]))
    else:
        a, b = rng.choice(spans)
        start = rng.randrange(a, max(a + 1, b))
        length = rng.choice([16, 512, 4096, 65536])
        with open(first, "r+b") as f:
            f.seek(start)
            f.write(b"\0" * min(length, size - start))
    return first


def _flip(path: Path, spans: list[tuple[int, int]], rng: random.Random, bits: int) -> None:
    with open(path, "r+b") as f:
        for _ in range(bits):
            a, b = rng.choice(spans)
            if b <= a:
                continue
            pos = rng.randrange(a, b)
            f.seek(pos)
            byte = f.read(1)
            if byte:
                f.seek(pos)
                f.write(bytes([byte[0] ^ (1 << rng.randrange(8))]))


# ----------------------------------------------------------------------------- running one
def run_one(image: Path, case: Path, file_timeout: float) -> dict[str, Any]:
    """add_evidence + run_triage in this process; the outcome as data, never an exception."""
    import sqlite3

    from forensic_triage.errors import TriageError
    from forensic_triage.jobs.intake import add_evidence
    from forensic_triage.jobs.settings import TriageSettings
    from forensic_triage.jobs.triage import run_triage
    from forensic_triage.store import CaseStore

    result: dict[str, Any] = {}
    store = None
    stage = "intake"
    try:
        store = CaseStore.create(case, case_number="MUT", examiner="harness")
        add_evidence(store, image, exhibit="MUT-1")
        stage = "triage"
        stats = run_triage(store, TriageSettings(jobs=1, file_timeout=file_timeout))
        result.update(outcome="warnings" if stats.warnings else "completed", warnings=stats.warnings,
                      files=stats.files_processed, crashed_files=stats.crashed_files,
                      verdict=store.scalar("SELECT verdict FROM evidence"))
    except TriageError as exc:
        message = exc.user_message()
        result.update(outcome="error", stage=stage, message=message[:300])
        if "Traceback" in message or "\n" in message.strip():
            result.update(outcome="traceback")
    except MemoryError:
        result.update(outcome="memory", stage=stage)
    except Exception as exc:  # noqa: BLE001 - exactly what the harness exists to find
        import traceback

        result.update(outcome="traceback", stage=stage, message=traceback.format_exc()[-2000:], error=repr(exc))
    finally:
        if store is not None:
            store.close()
    if (case / "case.sqlite").exists():
        try:
            check = CaseStore.open(case)
            problems, _ = check.verify_audit()
            check.close()
            with sqlite3.connect(case / "case.sqlite") as conn:
                ok = conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            if problems or not ok:
                result.update(outcome="unusable", problems=problems[:3])
        except Exception as exc:  # noqa: BLE001 - any failure makes the case unusable: recorded
            result.update(outcome="unusable", message=repr(exc))
    return result


def serve() -> None:
    """Runner process: one JSON job per stdin line, one JSON result per stdout line."""
    resource.setrlimit(resource.RLIMIT_AS, (RUNNER_MEMORY, RUNNER_MEMORY))
    for line in sys.stdin:
        job = json.loads(line)
        res = run_one(Path(job["image"]), Path(job["case"]), job["file_timeout"])
        sys.stdout.write(json.dumps(res) + "\n")
        sys.stdout.flush()


class _Runner:
    def __init__(self) -> None:
        self.proc = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--serve"],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                     start_new_session=True, env={**os.environ, "PYTHONPATH": str(REPO)})

    def kill(self) -> None:
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.proc.wait()


# ----------------------------------------------------------------------------- the harness
def run_harness(count: int = 200, slots: int = 2, timeout: float = 60.0, seed: int = 7,
                work: Path | None = None, corpus: Path | None = None, cli_samples: int = 4,
                file_timeout: float = 20.0) -> dict[str, Any]:
    """Build bases, damage, run, classify; returns the summary (counts by outcome and kind)."""
    import select

    started = time.monotonic()
    work = Path(work or tempfile.mkdtemp(prefix="ft-mutate-"))
    bases = build_bases(work / "bases", corpus)
    mutations = plan(bases, count, seed)
    results: list[dict[str, Any]] = []
    runners = [_Runner() for _ in range(max(1, slots))]
    busy: dict[int, tuple[dict[str, Any], float, Path]] = {}
    queue = list(mutations)
    while queue or busy:
        for idx, runner in enumerate(runners):
            if idx not in busy and queue:
                m = queue.pop(0)
                folder = work / f"m{m['id']:05d}"
                image = apply(m, bases, folder / "image")
                assert runner.proc.stdin is not None
                runner.proc.stdin.write(json.dumps({"image": str(image), "case": str(folder / "case"),
                                                    "file_timeout": file_timeout}) + "\n")
                runner.proc.stdin.flush()
                busy[idx] = (m, time.monotonic(), folder)
        streams = {runners[i].proc.stdout: i for i in busy}
        ready, _, _ = select.select([s for s in streams if s is not None], [], [], 0.5)
        for stream in ready:
            idx = streams[stream]
            m, t0, folder = busy.pop(idx)
            line = stream.readline() if stream else ""
            if line:
                res = json.loads(line)
            else:
                runners[idx].kill()
                runners[idx] = _Runner()
                res = {"outcome": "crash", "message": f"runner exited with {runners[idx].proc.returncode}"}
            res.update(m, seconds=round(time.monotonic() - t0, 2))
            results.append(res)
            if res["outcome"] not in FAILURES:
                shutil.rmtree(folder, ignore_errors=True)
        for idx, (m, t0, _folder) in list(busy.items()):
            if time.monotonic() - t0 > timeout:
                runners[idx].kill()
                runners[idx] = _Runner()
                busy.pop(idx)
                results.append({**m, "outcome": "hang", "seconds": timeout})
    for runner in runners:
        if runner.proc.stdin:
            runner.proc.stdin.close()
        runner.proc.wait(timeout=30)
    cli = _cli_samples(mutations[:: max(1, len(mutations) // max(1, cli_samples))][:cli_samples], bases, work)
    outcomes = Counter(r["outcome"] for r in results) + Counter(c["outcome"] for c in cli)
    by_kind: dict[str, Counter[str]] = {}
    for r in results:
        by_kind.setdefault(r["kind"], Counter())[r["outcome"]] += 1
    return {
        "mutations": len(results), "cli_samples": len(cli), "seconds": round(time.monotonic() - started, 1),
        "outcomes": dict(outcomes), "by_kind": {k: dict(v) for k, v in sorted(by_kind.items())},
        "bases": {k: [str(p) for p in v] for k, v in bases.items()},
        "failures": [r for r in results + cli if r["outcome"] in FAILURES], "cli": cli, "work": str(work),
        "results": results,
    }


def _cli_samples(mutations: list[dict[str, Any]], bases: dict[str, list[Path]], work: Path) -> list[dict[str, Any]]:
    """A few mutations through the real command line: exit code 0, or one sentence on stderr."""
    out = []
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    for m in mutations:
        folder = work / f"cli{m['id']:05d}"
        image = apply(m, bases, folder / "image")
        case = folder / "case"
        steps = [["case", "new", str(case), "--case-number", "CLI", "--examiner", "harness"],
                 ["evidence", "add", str(case), str(image), "--quiet"], ["triage", str(case), "--quiet", "--jobs", "1"]]
        res: dict[str, Any] = {**m, "via": "cli", "outcome": "completed"}
        for step in steps:
            p = subprocess.run([sys.executable, "-m", "forensic_triage", *step], capture_output=True, text=True,
                               timeout=300, env=env)
            errors = [ln for ln in p.stderr.splitlines() if ln.startswith("error:")]
            if "Traceback" in p.stderr:
                res.update(outcome="traceback", message=p.stderr[-2000:])
                break
            if p.returncode not in (0, 5):  # 5 = verification MISMATCH at intake: a clear verdict, not a failure
                res.update(outcome="error" if len(errors) == 1 else "traceback", message=p.stderr[-500:],
                           exit_code=p.returncode)
                break
        out.append(res)
        if res["outcome"] not in FAILURES:
            shutil.rmtree(folder, ignore_errors=True)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=200)
    ap.add_argument("--slots", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds per mutation before it counts as a hang")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--work", type=Path, help="work folder (default: a new temporary folder)")
    ap.add_argument("--out", type=Path, help="write the JSON summary here")
    ap.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.serve:
        serve()
        return 0
    corpus = Path(os.environ.get("FT_CORPUS", REPO.parent / "shared" / "corpus"))
    summary = run_harness(args.count, args.slots, args.timeout, args.seed, args.work, corpus)
    text = json.dumps(summary, indent=2, default=str)
    if args.out:
        args.out.write_text(text)
    print(json.dumps({k: summary[k] for k in ("mutations", "cli_samples", "seconds", "outcomes")}, indent=2))
    for kind, counts in summary["by_kind"].items():
        print(f"  {kind:28s} {counts}")
    for f in summary["failures"][:10]:
        print("FAILURE", f.get("outcome"), f.get("base"), f.get("kind"), f.get("seed"), f.get("message", "")[:500])
    return 1 if summary["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
