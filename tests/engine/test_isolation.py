"""Crash isolation: a plugin that aborts, segfaults, hangs or eats memory costs one file, not the run.

The hostile plugins are real user plugins dropped in the user plugin folder (FT_PLUGIN_DIR),
loaded by the real registry in real worker processes; the crashes are real (os.abort, a NULL
dereference through ctypes), so the parent must notice dead processes, blame the right file
and plugin, replace the worker and finish the run.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import sqlite3
import time
from pathlib import Path

import pytest
from imagebuilders import build_ext4

from forensic_triage.errors import Cancelled, TriageError
from forensic_triage.jobs.context import JobContext
from forensic_triage.jobs.intake import add_evidence
from forensic_triage.jobs.settings import TriageSettings
from forensic_triage.jobs.triage import run_triage
from forensic_triage.store import CaseStore

HOSTILE_PLUGIN = '''
import ctypes, dataclasses, os, time
from typing import ClassVar
from forensic_triage.plugin_api import Extractor, InputSpec, Record


@dataclasses.dataclass(frozen=True)
class Seen(Record):
    record_type: ClassVar[str] = "test.seen"
    name: str


class Hostile(Extractor):
    name = "test.hostile"
    version = "6.6"
    description = "crashes the interpreter on purpose (tests only)"
    inputs = InputSpec(names=("ok*", "crashme*", "segv*", "hangme*", "hogme*"))
    record_types = (Seen,)

    def extract(self, ctx, stream, info):
        name = info.name.lower()
        if name.startswith("crashme"):
            os.abort()
        if name.startswith("segv"):
            ctypes.string_at(0)
        if name.startswith("hangme"):
            time.sleep(3600)
        if name.startswith("hogme"):
            hog = bytearray(6 * 1024 ** 3)
            hog[-1] = 1
        yield Seen(info.name)


EXTRACTORS = (Hostile,)
'''


def _tree(names: list[str]) -> dict[str, bytes]:
    tree = {f"docs/file{i:02d}.txt": f"ordinary file {i}\n".encode() * (i + 1) for i in range(24)}
    for i in range(6):
        tree[f"docs/ok{i}.dat"] = f"fine {i}".encode() * 100
    for name in names:
        tree[f"bad/{name}"] = b"payload for " + name.encode() * 50
    return tree


def _case(tmp_path: Path, tree: dict[str, bytes], plugin: str = HOSTILE_PLUGIN) -> tuple[CaseStore, dict[str, bytes]]:
    folder = Path(os.environ["FT_PLUGIN_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "hostile.py").write_text(plugin)
    image = build_ext4(tmp_path / "fs.img", tree, size_mb=8)
    store = CaseStore.create(tmp_path / "case", case_number="ISO-1", examiner="tester")
    add_evidence(store, image, exhibit="EXH-1")
    return store, tree


def _files(store: CaseStore) -> dict[str, sqlite3.Row]:
    return {r["path"]: r for r in store.query("SELECT * FROM files WHERE type='file'")}


def _assert_others_intact(store: CaseStore, tree: dict[str, bytes], bad: set[str]) -> None:
    files = _files(store)
    for path, data in tree.items():
        row = files["/" + path]
        if path.split("/")[-1] in bad:
            continue
        assert row["status"] == "done", path
        assert row["sha256"] == hashlib.sha256(data).hexdigest(), path
    seen = {r["locator"] for r in store.query("SELECT locator FROM artifacts WHERE plugin='test.hostile'")}
    assert len(seen) == 6  # the plugin kept working on every other file it was given


def test_abort_and_segfault_cost_one_file_each(tmp_path: Path) -> None:
    store, tree = _case(tmp_path, _tree(["crashme.bin", "segv.bin"]))
    stats = run_triage(store, TriageSettings(jobs=2, plugins=["test.hostile"]))
    files = _files(store)
    for name, signal_name in (("crashme.bin", "SIGABRT"), ("segv.bin", "SIGSEGV")):
        row = files[f"/bad/{name}"]
        assert row["status"] == "error"
        warnings = store.query("SELECT * FROM warnings WHERE file_id=?", (row["id"],))
        assert len(warnings) == 1, [dict(w) for w in warnings]
        w = warnings[0]
        assert w["kind"] == "crash" and w["source"] == "test.hostile"
        assert signal_name in w["message"] and "test.hostile 6.6" in w["message"]
        assert "also when examined alone" in w["message"]  # retried alone before blaming it
        assert w["locator"].endswith(f"/bad/{name}")
    _assert_others_intact(store, tree, {"crashme.bin", "segv.bin"})
    assert stats.crashed_files == 2 and stats.remaining == 0
    assert store.scalar("SELECT outcome FROM jobs ORDER BY id DESC LIMIT 1") == "completed"
    assert not multiprocessing.active_children()
    store.close()


def test_hang_past_file_timeout_costs_one_file(tmp_path: Path) -> None:
    store, tree = _case(tmp_path, _tree(["hangme.bin"]))
    started = time.monotonic()
    run_triage(store, TriageSettings(jobs=2, plugins=["test.hostile"], file_timeout=2.0))
    assert time.monotonic() - started < 40  # a watchdog, not a speed test: the hung file would block forever
    row = _files(store)["/bad/hangme.bin"]
    assert row["status"] == "error"
    (w,) = store.query("SELECT * FROM warnings WHERE file_id=?", (row["id"],))
    assert w["kind"] == "timeout" and w["source"] == "test.hostile" and "did not finish within 2 s" in w["message"]
    _assert_others_intact(store, tree, {"hangme.bin"})
    store.close()


def test_memory_limit_stops_a_hog_and_keeps_the_file(tmp_path: Path) -> None:
    store, tree = _case(tmp_path, _tree(["hogme.bin"]))
    run_triage(store, TriageSettings(jobs=1, plugins=["test.hostile"], worker_memory_mb=1536))
    row = _files(store)["/bad/hogme.bin"]
    (w,) = store.query("SELECT * FROM warnings WHERE file_id=?", (row["id"],))
    assert w["kind"] == "memory" and w["source"] == "test.hostile" and "1536 MiB" in w["message"]
    # Only the plugin's work on that file is lost: it was read, hashed and typed.
    assert row["status"] == "done" and row["sha256"] == hashlib.sha256(tree["bad/hogme.bin"]).hexdigest()
    _assert_others_intact(store, tree, {"hogme.bin"})
    store.close()


def test_plugin_that_crashes_when_loaded_gives_a_clear_error(tmp_path: Path) -> None:
    store, _tree_ = _case(tmp_path, _tree([]), plugin="import os\nos.abort()\n")
    with pytest.raises(TriageError) as err:
        run_triage(store, TriageSettings(jobs=2))
    assert "plugin" in err.value.user_message() and "Traceback" not in err.value.user_message()
    assert not multiprocessing.active_children()
    store.close()


def test_cancel_stops_workers_and_a_rerun_finishes(tmp_path: Path) -> None:
    tree = {f"d{d}/f{i:03d}.txt": f"{d}/{i}\n".encode() * 200 for d in range(4) for i in range(150)}
    store, _ = _case(tmp_path, tree)
    ctx = JobContext(min_interval=0)

    def on_progress(p: object) -> None:
        if getattr(p, "phase", "") == "examining files" and getattr(p, "done", 0) >= 50:
            ctx.cancel_token.cancel()

    ctx.on_progress = on_progress
    with pytest.raises(Cancelled):
        run_triage(store, TriageSettings(jobs=2, plugins=[]), ctx)
    assert not multiprocessing.active_children()
    done = store.scalar("SELECT count(*) FROM files WHERE status='done'")
    assert 50 <= done < 600
    assert store.scalar("SELECT outcome FROM jobs ORDER BY id DESC LIMIT 1") == "cancelled"
    stats = run_triage(store, TriageSettings(jobs=2, plugins=[]))
    assert stats.files_processed == 600 - done and stats.remaining == 0
    store.close()


def test_unreadable_volume_is_a_warning_not_a_dead_run(tmp_path: Path) -> None:
    store, _ = _case(tmp_path, _tree([]))
    image = Path(store.scalar("SELECT path FROM evidence"))
    with open(image, "r+b") as f:  # the test damages its own image after intake: superblock gone
        f.seek(1024)
        f.write(b"\0" * 1024)
    stats = run_triage(store, TriageSettings(jobs=1, plugins=[]))
    assert stats.files_walked == 0
    assert store.scalar("SELECT fs_status FROM volumes") == "error"
    (w,) = store.query("SELECT * FROM warnings WHERE source='fs.walk'")
    assert w["kind"] == "error" and "cannot be opened" in w["message"]
    store.close()


LOGGING_PLUGIN = '''
import dataclasses, os
from typing import ClassVar
from forensic_triage.plugin_api import Extractor, InputSpec, Record


@dataclasses.dataclass(frozen=True)
class Seen(Record):
    record_type: ClassVar[str] = "test.seen"
    name: str
    when: str
    time_fields: ClassVar[dict[str, str]] = {"when": "seen"}


class Logging(Extractor):
    name = "test.logging"
    version = "1.0"
    description = "names every file it is given in a log, crashes on crashme* (tests only)"
    inputs = InputSpec(names=("*",))
    record_types = (Seen,)

    def extract(self, ctx, stream, info):
        with open(os.environ["FT_TEST_SEEN_LOG"], "a") as log:
            log.write(info.name + "\\n")
        if info.name.lower().startswith("crashme"):
            os.abort()
        yield Seen(info.name, "2024-01-02T03:04:05Z")


EXTRACTORS = (Logging,)
'''


def test_a_crash_after_sent_batches_loses_nothing_and_stores_nothing_twice(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers send a unit's results in batches (jobs.worker.RESULT_FILES); here batches of two, so
    the crash meets a unit whose first results were sent and whose last were not: the parent keeps
    what came, sends the rest again, and stores every file's results once."""
    from forensic_triage.jobs.worker import RESULT_FILES_ENV

    log = tmp_path / "seen.log"
    monkeypatch.setenv("FT_TEST_SEEN_LOG", str(log))
    monkeypatch.setenv(RESULT_FILES_ENV, "2")
    tree = {f"docs/file{i:02d}.txt": f"ordinary file {i}\n".encode() * (i + 1) for i in range(24)}
    tree["docs/zz/crashme.bin"] = b"payload" * 50  # named last: examined after the others of its unit
    store, _ = _case(tmp_path, tree, plugin=LOGGING_PLUGIN)
    stats = run_triage(store, TriageSettings(jobs=1, plugins=["test.logging"]))
    files = _files(store)
    for path, data in tree.items():
        row = files["/" + path]
        if path.endswith("crashme.bin"):
            assert row["status"] == "error"
            continue
        assert row["status"] == "done" and row["sha256"] == hashlib.sha256(data).hexdigest(), path
    # every file's result delivered once: none lost, none twice
    assert stats.files_processed == len(tree) and stats.remaining == 0 and stats.crashed_files == 1
    seen = log.read_text().splitlines()
    once = [n for n in set(seen) if seen.count(n) == 1]
    again = sorted(n for n in set(seen) if seen.count(n) > 1 and not n.startswith("crashme"))
    assert len(once) >= 2  # batches were sent before the crash: those files were not examined again
    assert len(again) <= 1  # only the result the dead worker had not sent yet (a batch holds two)
    arts = store.query("SELECT file_id, count(*) AS n FROM artifacts WHERE plugin='test.logging' GROUP BY file_id")
    assert len(arts) == len(tree) - 1 and all(r["n"] == 1 for r in arts)
    times = store.query("SELECT artifact_id, count(*) AS n FROM timeline GROUP BY artifact_id")
    assert len(times) == len(tree) - 1 and all(r["n"] == 1 for r in times)
    (w,) = store.query("SELECT * FROM warnings WHERE file_id=?", (files["/docs/zz/crashme.bin"]["id"],))
    assert w["kind"] == "crash" and "also when examined alone" in w["message"]
    assert store.scalar("SELECT count(*) FROM warnings WHERE file_id IS NOT NULL") == 1
    store.close()
