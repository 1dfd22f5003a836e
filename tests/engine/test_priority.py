"""Order of work and the time budget: artifact locations and user profiles first, the rest reported."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from imagebuilders import build_ext4

from forensic_triage.jobs.intake import add_evidence
from forensic_triage.jobs.settings import TriageSettings
from forensic_triage.jobs.triage import run_triage
from forensic_triage.store import CaseStore

SLOW_PLUGIN = '''
import dataclasses, time
from typing import ClassVar
from forensic_triage.plugin_api import Extractor, InputSpec, Record


@dataclasses.dataclass(frozen=True)
class Seen(Record):
    record_type: ClassVar[str] = "test.seen"
    path: str


class Slow(Extractor):
    name = "test.slow"
    version = "1.0"
    description = "takes its time on every file, records the order (tests only)"
    inputs = InputSpec(names=("*",))
    record_types = (Seen,)

    def extract(self, ctx, stream, info):
        time.sleep(float(__import__("os").environ.get("FT_TEST_SLOW", "0")))
        yield Seen(info.path)


EXTRACTORS = (Slow,)
'''

TREE = {
    **{f"data/bulk{i:03d}.txt": f"bulk {i}\n".encode() * 40 for i in range(60)},
    **{f"Windows/System32/drivers/d{i:02d}.sys": b"MZ" + bytes(500) for i in range(10)},
    **{f"Users/bob/Documents/doc{i:02d}.txt": f"doc {i}\n".encode() * 30 for i in range(10)},
    "Windows/System32/config/SYSTEM": b"regf" + bytes(4092),
    "Users/bob/NTUSER.DAT": b"regf" + bytes(4092),
    "Users/bob/AppData/Local/Google/Chrome/User Data/Default/History": b"SQLite format 3\0" + bytes(2032),
}
ARTIFACT_PLACES = {"/Windows/System32/config/SYSTEM", "/Users/bob/NTUSER.DAT",
                   "/Users/bob/AppData/Local/Google/Chrome/User Data/Default/History"}


def _case(tmp_path: Path, owners: dict[str, int] | None = None) -> CaseStore:
    folder = Path(os.environ["FT_PLUGIN_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "slow.py").write_text(SLOW_PLUGIN)
    image = build_ext4(tmp_path / "fs.img", TREE, size_mb=8)
    for path, uid in (owners or {}).items():  # files of several owners, as on a real system
        subprocess.run(["debugfs", "-w", "-R", f"sif /{path} uid {uid}", str(image)], check=True, capture_output=True)
    store = CaseStore.create(tmp_path / "case", case_number="PRIO", examiner="tester")
    add_evidence(store, image, exhibit="EXH-1")
    return store


def test_artifact_locations_then_profiles_then_rest_then_system(tmp_path: Path) -> None:
    store = _case(tmp_path)
    run_triage(store, TriageSettings(jobs=1, plugins=["test.slow"], content_search=False, builtin_rules=False))
    order = [r["locator"].split("/", 1)[1] for r in store.query(
        "SELECT locator FROM artifacts WHERE plugin='test.slow' ORDER BY id")]
    order = ["/" + p for p in order]
    assert len(order) == len(TREE)
    assert set(order[:3]) == ARTIFACT_PLACES
    assert all(p.startswith("/Users/bob/Documents/") for p in order[3:13])
    assert all(p.startswith("/data/") for p in order[13:73])
    assert all(p.startswith("/Windows/System32/drivers/") for p in order[73:])
    store.close()


def test_budget_does_the_valuable_part_and_reports_the_rest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FT_TEST_SLOW", "0.15")
    store = _case(tmp_path, owners={f"Windows/System32/drivers/d{i:02d}.sys": 1000 + i % 3 for i in range(10)})
    stats = run_triage(store, TriageSettings(jobs=1, plugins=["test.slow"], content_search=False,
                                             builtin_rules=False, budget_seconds=3.0))
    monkeypatch.delenv("FT_TEST_SLOW")
    assert stats.budget_exhausted and stats.remaining > 0
    done = {r["path"] for r in store.query("SELECT path FROM files WHERE status='done'")}
    assert ARTIFACT_PLACES <= done
    pending = store.query("SELECT path, size FROM files WHERE status='pending'")
    assert len(pending) == stats.remaining
    (w,) = store.query("SELECT * FROM warnings WHERE source='budget'")
    assert w["kind"] == "skipped"
    assert f"{stats.remaining} files ({sum(r['size'] for r in pending)} bytes) were not examined" in w["message"]
    assert stats.notes == [w["message"]]
    # One entry per evidence item and tier (the files' own POSIX owners do not split them).
    by_tier = json.loads(w["details"])["by_tier"]
    assert len({(t["evidence"], t["tier"]) for t in by_tier}) == len(by_tier)
    assert sum(t["files"] for t in by_tier) == stats.remaining
    assert w["message"].count("in system and program folders of EXH-1") == 1
    # Running again without a budget finishes exactly the rest.
    again = run_triage(store, TriageSettings(jobs=2, plugins=["test.slow"], content_search=False, builtin_rules=False))
    assert again.files_processed == len(pending) and again.remaining == 0
    store.close()


def test_a_budget_on_the_command_line_counts_from_the_process_start() -> None:
    # The examiner's wall time includes the interpreter's start-up and imports: the command line's
    # budget starts when the process did, not when the triage job does.
    code = ("import time; time.sleep(0.4)\n"
            "from forensic_triage.cli.cmd_triage import process_started\n"
            "print(time.monotonic() - process_started())")
    age = float(subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout)
    assert 0.4 <= age < 30


class _Queue:
    """What the pool says is still queued at its workers."""

    def __init__(self, files: int, size: int) -> None:
        self.files, self.size = files, size

    def queued(self) -> tuple[int, int]:
        return self.files, self.size


def test_dispatching_stops_when_draining_the_queue_would_pass_the_deadline() -> None:
    from forensic_triage.jobs.triage import TriageStats, _BudgetClock

    now = time.monotonic()
    stats = TriageStats()
    queue = _Queue(0, 0)
    clock = _BudgetClock(now + 10, queue, stats)  # type: ignore[arg-type]
    clock.began = now - 2.0
    assert not clock.spent()  # no pace measured yet: nothing to go by but the deadline
    stats.files_processed, stats.bytes_read = 200, 200 * 100_000  # 2 s for 200 files of 100 kB
    queue.files, queue.size = 200, 200 * 100_000  # about 2 s more: well before the deadline
    assert not clock.spent()
    queue.files, queue.size = 2_000, 2_000 * 100_000  # about 20 s more
    assert clock.spent()
    queue.files, queue.size = 2, 2 * 1_000_000_000  # two large files: the bytes count, not the count
    assert clock.spent()
    clock.deadline = now - 0.1
    queue.files, queue.size = 0, 0
    assert clock.spent()  # past the deadline
