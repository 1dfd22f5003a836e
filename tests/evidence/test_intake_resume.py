"""An interrupted 'evidence add' (kill -9 while hashing, or while listing partitions) can be re-run:
the item is recorded as incomplete, named as such, and the re-run gives what an uninterrupted add gives."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from imagebuilders import build_disk, build_fat

from forensic_triage.errors import StoreError
from forensic_triage.jobs.intake import add_evidence, intake_problems
from forensic_triage.store import CaseStore

CLI = [sys.executable, "-m", "forensic_triage"]


def _new_case(path: Path) -> Path:
    subprocess.run([*CLI, "case", "new", str(path), "--case-number", "T", "--examiner", "tester"], check=True,
                   capture_output=True)
    return path


def _add_cmd(case: Path, image: Path) -> list[str]:
    return [*CLI, "evidence", "add", str(case), str(image), "--exhibit", "EXH-001", "--quiet"]


def _snapshot(case: Path) -> dict[str, list[tuple[object, ...]]]:
    with sqlite3.connect(case / "case.sqlite") as conn:
        return {
            "evidence": conn.execute(
                "SELECT uid, exhibit, format, path, media_size, sector_size, ewf_header, stored_md5, md5, sha1, sha256,"
                " verdict, volume_system, intake_state FROM evidence ORDER BY id").fetchall(),
            "containers": conn.execute("SELECT seq, path, size, mtime_ns, sha256 FROM evidence_containers"
                                       " ORDER BY seq").fetchall(),
            "volumes": conn.execute("SELECT addr, offset, length, description, vs_type, fs_type, block_size,"
                                    " fs_status FROM volumes ORDER BY offset").fetchall(),
            "warnings": conn.execute("SELECT source, kind, message, details FROM warnings ORDER BY id").fetchall(),
        }


def _state(case: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(f"file:{case / 'case.sqlite'}?mode=ro", uri=True) as conn:
        return conn.execute("SELECT uid, intake_state FROM evidence").fetchall()


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


def _bytes_read(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/io").read_text().splitlines():
            if line.startswith("rchar:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _kill_when(cmd: list[str], ready: Callable[[int], bool], timeout: float = 120) -> None:
    """Start the CLI in its own process group and kill -9 the whole group once ``ready(pid)``."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + timeout
    try:
        while not ready(proc.pid):
            assert proc.poll() is None, "the intake finished before it could be interrupted"
            assert time.monotonic() < deadline, "the intake never reached the point to interrupt"
            time.sleep(0.005)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(30)
    assert proc.returncode == -signal.SIGKILL


@pytest.fixture(scope="module")
def images(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("resume")
    fat = build_fat(folder / "fat.img", {"notes/a.txt": b"alpha\n" * 500, "b.bin": bytes(range(256)) * 64},
                    size_mb=16)
    small = build_disk(folder / "small.dd", [(fat, "0e")]).path
    # 512 MiB of sparse tail after the partition: hashing takes seconds, long enough to interrupt.
    large = build_disk(folder / "large.dd", [(fat, "0e")], tail_mb=512).path
    return {"small": small, "large": large}


def _interrupted_then_resumed(tmp_path: Path, image: Path, ready: Callable[[Path], Callable[[int], bool]]) -> None:
    reference = _new_case(tmp_path / "reference")
    subprocess.run(_add_cmd(reference, image), check=True, capture_output=True)
    case = _new_case(tmp_path / "case")
    _kill_when(_add_cmd(case, image), ready(case))
    # What the interruption left: an incomplete item, no volumes, named as unfinished.
    assert _state(case) == [("EXH-001", "incomplete")]
    assert _snapshot(case)["volumes"] == [] and _snapshot(case)["containers"] == []
    store = CaseStore.open(case, read_only=True)
    try:
        problems = intake_problems(store)
    finally:
        store.close()
    assert len(problems) == 1 and problems[0].startswith("EXH-001's intake did not finish; run 'evidence add' again")
    # Triage names the unfinished item (printed and stored for the report), never skips it silently.
    # (on a copy, so that the re-run below is compared with the reference untouched)
    copy = tmp_path / "triaged-copy"
    shutil.copytree(case, copy, ignore=shutil.ignore_patterns(".case.lock"))
    triage = subprocess.run([*CLI, "triage", str(copy), "--jobs", "1", "--quiet"], capture_output=True, text=True,
                            timeout=300)
    assert triage.returncode == 0, triage.stderr
    assert "warning: EXH-001's intake did not finish" in triage.stdout
    with sqlite3.connect(copy / "case.sqlite") as conn:
        stored = conn.execute("SELECT message FROM warnings WHERE source='intake' AND kind='error'").fetchall()
    assert [m for (m,) in stored] == problems
    # The same command again: redone, said so, and identical to the uninterrupted add.
    rerun = subprocess.run(_add_cmd(case, image), capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert "did not finish; it was redone from the start" in rerun.stdout
    assert _snapshot(case) == _snapshot(reference)
    assert _snapshot(case)["volumes"] and _state(case) == [("EXH-001", "complete")]
    with sqlite3.connect(case / "case.sqlite") as conn:
        actions = [r[0] for r in conn.execute("SELECT action FROM audit ORDER BY seq")]
    assert actions[-3:] == ["evidence intake started", "evidence intake resumed", "evidence added"]
    assert subprocess.run([*CLI, "verify", str(case)], capture_output=True).returncode == 0


def test_kill_9_while_hashing_then_rerun(images: dict[str, Path], tmp_path: Path) -> None:
    def hashing(case: Path) -> Callable[[int], bool]:
        # Hashing has started once the item is recorded and 64 MiB of the image have been read.
        return lambda pid: _state(case) == [("EXH-001", "incomplete")] and _bytes_read(pid) > 64 << 20
    _interrupted_then_resumed(tmp_path, images["large"], hashing)


def test_kill_9_while_listing_partitions_then_rerun(images: dict[str, Path], tmp_path: Path) -> None:
    def probing(case: Path) -> Callable[[int], bool]:
        # The partition probe is the only child process intake starts (after hashing).
        return lambda pid: bool(_children(pid))
    _interrupted_then_resumed(tmp_path, images["small"], probing)


def test_a_finished_item_is_not_added_twice_and_a_legacy_half_item_is_redone(images: dict[str, Path],
                                                                              tmp_path: Path) -> None:
    store = CaseStore.create(tmp_path / "case", case_number="T", examiner="tester")
    try:
        first = add_evidence(store, images["small"], exhibit="EXH-001")
        assert not first.resumed
        with pytest.raises(StoreError, match="already in this case as evidence item EXH-001"):
            add_evidence(store, images["small"], exhibit="EXH-001")
    finally:
        store.close()
    # What an interrupted add of an earlier version left: the item and its containers, no volumes.
    with sqlite3.connect(tmp_path / "case" / "case.sqlite") as conn:
        conn.execute("DELETE FROM volumes")
        conn.execute("DELETE FROM warnings")
    store = CaseStore.open(tmp_path / "case")
    try:
        again = add_evidence(store, images["small"], exhibit="EXH-001")
        assert again.resumed and again.uid == "EXH-001" and again.sha256 == first.sha256
        assert store.scalar("SELECT count(*) FROM volumes") == 2
        assert store.scalar("SELECT count(*) FROM evidence") == 1
        assert intake_problems(store) == []
    finally:
        store.close()
