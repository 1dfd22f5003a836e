"""Distributed triage with real Celery workers on a real Redis, results on a real PostgreSQL:
the same results as local mode; a worker killed mid-unit and a broker restarted cost only
redelivery (no duplicate rows)."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import Workers
from ft_testlib import Cli
from servers import PG_PASSWORD, PG_USER, Postgres, Redis

from forensic_triage.sample.generator import build_sample_image

psycopg = pytest.importorskip("psycopg", reason="lab mode needs psycopg (pip install 'psycopg[binary]')")

TABLES = ("files", "artifacts", "timeline", "yara_hits", "content_hits", "hash_matches", "warnings")


@pytest.fixture(scope="module")
def sample_image(tmp_path_factory: pytest.TempPathFactory) -> Path:
    image = tmp_path_factory.mktemp("evidence") / "sample.dd"
    build_sample_image(image)
    image.chmod(0o444)
    return image


def _rows(text: str) -> list[str]:
    """The rows of a listing without their row numbers (ART-n, YARA-n: the order results were
    stored, which differs between runs with more than one worker, locally too), sorted."""
    rows = []
    for line in text.splitlines():
        row = json.loads(line)
        if str(row.get("id", "")).startswith(("ART-", "YARA-", "HIT-", "CH-")):
            row.pop("id")
        rows.append(json.dumps(row, sort_keys=True))
    return sorted(rows)


def _outputs(cli: Cli, case: Path, tmp: Path) -> dict[str, Any]:
    out: dict[str, Any] = {cmd: _rows(cli(cmd, str(case), "--format", "jsonl")) for cmd in ("files", "artifacts",
                                                                                             "hits")}
    graph = tmp / f"{case.name}.jsonld"
    cli("export", str(case), "--format", "case", "--out", str(graph))
    out["case"] = _stable_graph(json.loads(graph.read_text()))
    return out


def _stable_graph(doc: Any) -> Any:
    """The CASE graph's nodes (as sorted JSON lines), with the tool's run records left out."""
    nodes = doc["@graph"] if isinstance(doc, dict) and "@graph" in doc else doc
    return [json.dumps(_how_run(n), sort_keys=True) for n in nodes]


def _how_run(node: Any) -> Any:
    """A node without how the job was started (its command line; the broker, in lab mode)."""
    if isinstance(node, list):
        return [_how_run(v) for v in node if not (isinstance(v, dict) and v.get(
            "uco-configuration:itemName") == "broker")]
    if isinstance(node, dict):
        if node.get("uco-configuration:itemName") == "command_line":
            return {**node, "uco-configuration:itemValue": "*"}
        return {k: _how_run(v) for k, v in node.items()}
    return node


_KB = re.compile(r"kb:([a-z-]+?)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_WHEN = re.compile(r'("uco-action:(?:startTime|endTime)": \{"@type": "xsd:dateTime", "@value": ")[^"]*"')
_ROW = re.compile(r"\b(TEXT|YARA|ART|HIT|HASH)-\d+\b")


# Nodes named after a finding's row number (the order results were stored in, which differs
# between runs with more than one worker, locally too): compared by content, not by identifier.
ROW_KINDS = ("annotation", "analytic-result", "classification", "classification-facet")


def _same_graph(a: list[str], b: list[str]) -> tuple[list[str], list[str]]:
    """Both graphs with the identifiers of :data:`ROW_KINDS` made ``kb:KIND-*``, row numbers
    (TEXT-n, YARA-n, ART-n) ``-n`` and the start and end times of the jobs ``*``. Every other identifier (files, partitions, disk, hashes,
    URLs, tools, the case) must be the same in both."""

    def norm(lines: list[str]) -> list[str]:
        out = []
        for line in lines:
            line = _KB.sub(lambda m: f"kb:{m.group(1)}-*" if m.group(1) in ROW_KINDS else m.group(0), line)
            line = _WHEN.sub(r'\1*"', line)  # when each job ran
            out.append(_ROW.sub(r"\1-n", line))
        return sorted(out)

    return norm(a), norm(b)


CREATED = "2026-01-02T03:04:05.000000Z"


def _new_case(case: Path, database: str | None = None) -> None:
    """A case made at a fixed time: the CASE graph's identifiers derive from the case number and
    the case's creation time, so two cases compared must share both."""
    from forensic_triage.store import db

    real = db.utcnow_iso
    db.utcnow_iso = lambda: CREATED  # type: ignore[assignment]
    try:
        db.CaseStore.create(case, case_number="LAB-1", examiner="A. Examiner", database=database).close()
    finally:
        db.utcnow_iso = real  # type: ignore[assignment]


def _local(cli: Cli, image: Path, folder: Path) -> Path:
    case = folder / "local"
    _new_case(case)
    cli("evidence", "add", str(case), str(image), "--exhibit", "EXH-001")
    cli("triage", str(case), "--jobs", "1", "--quiet")
    return case


def _lab_case(cli: Cli, pg: Postgres, image: Path, folder: Path, db: str) -> Path:
    case = folder / "lab"
    _new_case(case, pg.createdb(db))
    cli("evidence", "add", str(case), str(image), "--exhibit", "EXH-001")
    return case


def _counts(pg: Postgres, db: str) -> dict[str, int]:
    with psycopg.connect(f"postgresql://{PG_USER}:{PG_PASSWORD}@127.0.0.1:{pg.port}/{db}") as conn:
        counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}  # type: ignore[index]
        dup = conn.execute("SELECT count(*) - count(DISTINCT uid) FROM artifacts").fetchone()[0]  # type: ignore[index]
        assert dup == 0
    return counts


def _sqlite_counts(case: Path) -> dict[str, int]:
    import sqlite3

    with sqlite3.connect(case / "case.sqlite") as conn:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def _triage(cli: Cli, case: Path, redis: Redis) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "forensic_triage", "triage", str(case), "--broker", redis.url,
                             "--jobs", "1", "--quiet"], env=cli.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def _finish(proc: subprocess.Popen[str]) -> str:
    out, err = proc.communicate(timeout=180)
    assert proc.returncode == 0, err
    assert "Traceback" not in err
    return out


def test_distributed_equals_local_then_worker_killed_then_broker_restarted(
        cli: Cli, pgenv: Postgres, redis: Redis, workers: Workers, sample_image: Path, tmp_path: Path,
        ) -> None:
    pg = pgenv
    local = _local(cli, sample_image, tmp_path / "one")
    expected = _outputs(cli, local, tmp_path)
    expected_counts = _sqlite_counts(local)
    workers.start(2, hold=0.4)

    # 1. the same image, distributed over two workers: the same files, artifacts, hits and CASE graph
    lab = _lab_case(cli, pg, sample_image, tmp_path / "one", "dist_equal")
    _finish(_triage(cli, lab, redis))
    _assert_same(_outputs(cli, lab, tmp_path), expected)
    assert _counts(pg, "dist_equal") == expected_counts
    assert "VERIFIED" in cli("verify", str(lab))
    listing = cli("lab", "workers", "--broker", redis.url)
    assert "w0@test" in listing and "w1@test" in listing

    # 2. kill -9 the worker process that runs a unit (it holds its results before writing them):
    # the unit is redelivered, and the result is the same, without a duplicate row
    lab = _lab_case(cli, pg, sample_image, tmp_path / "two", "dist_kill")
    proc = _triage(cli, lab, redis)
    killed = _kill_one_busy(pg, "dist_kill", workers)
    _finish(proc)
    assert killed
    # Celery saw its pool process die in a task and gave the unit back to the queue
    assert "WorkerLostError" in workers.logs() or "exited prematurely" in workers.logs()
    _assert_same(_outputs(cli, lab, tmp_path), expected)
    assert _counts(pg, "dist_kill") == expected_counts

    # 3. stop Redis in the middle of the run and start it again: the run completes, identical
    lab = _lab_case(cli, pg, sample_image, tmp_path / "three", "dist_redis")
    proc = _triage(cli, lab, redis)
    _wait_for_written(pg, "dist_redis", 1)
    redis.stop()
    time.sleep(1.5)
    redis.start_again()
    _finish(proc)
    _assert_same(_outputs(cli, lab, tmp_path), expected)
    assert _counts(pg, "dist_redis") == expected_counts

    # 4. a multi-partition image (two file systems, each with findings)
    image = _two_partitions(tmp_path / "four-disk")
    local = _local(cli, image, tmp_path / "four")
    lab = _lab_case(cli, pg, image, tmp_path / "four", "dist_multi")
    _finish(_triage(cli, lab, redis))
    _assert_same(_outputs(cli, lab, tmp_path), _outputs(cli, local, tmp_path))
    assert _counts(pg, "dist_multi") == _sqlite_counts(local)


def _two_partitions(folder: Path) -> Path:
    from imagebuilders import build_disk, build_fat

    folder.mkdir()
    eicar = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
    one = build_fat(folder / "p1.img", {"Users/jdoe/notes.txt": b"call john.doe@example.com about "
                                        b"https://portal.example.com/orders/1\n", "eicar.com": eicar}, size_mb=4, fat=12)
    two = build_fat(folder / "p2.img", {"Documents/plan.txt": b"meet at https://files.example.net/billing/ "
                                        b"or mail jane@example.org\n", "Documents/empty.txt": b""}, size_mb=4, fat=12,
                    label="SECOND", serial=0x46540017)
    disk = folder / "disk.dd"
    build_disk(disk, [(one, "0e"), (two, "0e")])
    disk.chmod(0o444)
    return disk


def _examined(pg: Postgres, db: str) -> int:
    with psycopg.connect(f"postgresql://{PG_USER}:{PG_PASSWORD}@127.0.0.1:{pg.port}/{db}") as conn:
        row = conn.execute("SELECT count(*) FROM files WHERE job_id IS NOT NULL").fetchone()
    return int(row[0]) if row else 0


def _wait_for_written(pg: Postgres, db: str, count: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if _examined(pg, db) >= count:
                return
        except psycopg.Error:
            pass
        time.sleep(0.05)
    raise AssertionError("no unit was written")


def _kill_one_busy(pg: Postgres, db: str, workers: Workers) -> bool:
    """Wait until the first unit is written, then kill -9 a pool process while it holds the next."""
    _wait_for_written(pg, db, 1)
    time.sleep(0.3)  # the next units are being examined or held (0.6 s) by both workers
    children = workers.children()
    assert children
    os.kill(children[0], signal.SIGKILL)
    return True


def _assert_same(got: dict[str, Any], expected: dict[str, Any]) -> None:
    got, expected = dict(got), dict(expected)
    got["case"], expected["case"] = _same_graph(got["case"], expected["case"])
    assert len(got["case"]) > 50
    if got != expected:
        _debug_diff(got, expected)
    assert got == expected


def _debug_diff(a: Any, b: Any) -> None:  # pragma: no cover - for a failing run
    for key in a:
        if a[key] != b[key]:
            for x, y in zip(a[key], b[key], strict=False):
                if x != y:
                    at = next(i for i, (p, q) in enumerate(zip(x, y, strict=False)) if p != q) if x[:len(y)] != y[
                        :len(x)] else min(len(x), len(y))
                    print(key, "...", x[max(0, at - 300):at + 200], "\n  vs  ", y[max(0, at - 300):at + 200])
                    break


# ---------------------------------------------------------------- phone extractions, budget, a failing unit

def _phone_items(folder: Path) -> list[Path]:
    """A ZIP of an Android /data tree (with an extraction tool's top folder), the same tree as a
    folder, and an iOS backup folder: every logical shape a worker reads (archive, folder, backup)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "helpers"))
    import android_builders as ab
    import phone_builders as pb

    folder.mkdir()
    tree = ab.data_tree()
    archive = pb.write_zip(folder / "phone.zip", [(ab.DATA_PREFIX["zip"] + rel, data) for rel, data in tree.items()])
    archive.chmod(0o444)
    extracted = folder / "extraction"
    for rel, data in pb.android_files():
        target = extracted / rel
        if rel.endswith("/"):
            target.mkdir(parents=True, exist_ok=True)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    backup = pb.write_ios_backup(folder / "ios-backup")
    return [archive, extracted, backup]


def _add_items(cli: Cli, case: Path, items: list[Path]) -> None:
    for n, item in enumerate(items, 1):
        cli("evidence", "add", str(case), str(item), "--exhibit", f"PH-{n}")


def _phone_outputs(cli: Cli, case: Path) -> dict[str, Any]:
    return {cmd: _rows(cli(cmd, str(case), "--format", "jsonl")) for cmd in ("files", "artifacts", "hits")}


def _budget_warning(cli: Cli, case: Path) -> list[Any]:
    rows = cli.jsonl("warnings", str(case), "--source", "budget")
    return [(r["message"], r["details"]) for r in rows]


def test_phone_extractions_with_a_budget_then_resumed_equal_local(
        cli: Cli, pgenv: Postgres, redis: Redis, workers: Workers, tmp_path: Path) -> None:
    items = _phone_items(tmp_path / "evidence")
    local = tmp_path / "local"
    _new_case(local)
    _add_items(cli, local, items)
    cli("triage", str(local), "--jobs", "1", "--quiet", "--budget", "0.001s")
    lab = tmp_path / "lab"
    _new_case(lab, pgenv.createdb("dist_phone"))
    _add_items(cli, lab, items)
    workers.ensure(2)
    # a budget spent at once: every extraction is listed, nothing examined, and the warning says what
    # was not done exactly as local mode does
    proc = subprocess.Popen([sys.executable, "-m", "forensic_triage", "triage", str(lab), "--broker", redis.url,
                             "--jobs", "1", "--quiet", "--budget", "0.001s"], env=cli.env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    _finish(proc)
    expected_budget = _budget_warning(cli, local)
    assert expected_budget and _budget_warning(cli, lab) == expected_budget
    # resumed without a budget: the same files, artifacts and hits as local mode
    cli("triage", str(local), "--jobs", "1", "--quiet")
    _finish(_triage(cli, lab, redis))
    expected = _phone_outputs(cli, local)
    assert {json.loads(r)["type"] for r in expected["artifacts"]} >= {"android.message", "android.call"}
    got = _phone_outputs(cli, lab)
    if got != expected:
        _debug_diff(got, expected)
    assert got == expected
    assert _counts(pgenv, "dist_phone") == _sqlite_counts(local)


def test_a_unit_failing_on_a_worker_is_stored_and_the_run_goes_on(
        cli: Cli, pgenv: Postgres, redis: Redis, workers: Workers, lab_env: dict[str, str], tmp_path: Path) -> None:
    """A worker whose copy of two items differs from the case's record (its --evidence-root maps them
    to damaged copies): the listed item's files get status 'error' with a warning each, as a unit
    whose file system cannot be opened does locally; the item it had to list gets its volume
    marked 'error', as a failed walk locally; the third item is examined; the job completes."""
    zip_path, folder = _phone_items(tmp_path / "evidence")[:2]
    lab = tmp_path / "lab"
    _new_case(lab, pgenv.createdb("dist_fail"))
    _add_items(cli, lab, [zip_path, folder])
    workers.ensure(2)
    # listed by the sound workers (a budget spent at once: nothing examined yet)
    _finish(subprocess.Popen([sys.executable, "-m", "forensic_triage", "triage", str(lab), "--broker", redis.url,
                              "--quiet", "--budget", "0.001s"], env=cli.env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True))
    # an item added after that listing: the worker with the damaged copies lists it (and fails)
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "helpers"))
    import phone_builders as pb

    tar_path = pb.write_tar(zip_path.parent / "phone.tar", pb.android_files())
    cli("evidence", "add", str(lab), str(tar_path), "--exhibit", "PH-3")
    damaged = tmp_path / "damaged"
    damaged.mkdir()
    for original in (zip_path, tar_path):
        data = bytearray(original.read_bytes())
        data[len(data) // 2] ^= 0xFF
        (damaged / original.name).write_bytes(bytes(data))
    other_broker = redis.url[:-1] + "1"  # a queue only the worker with the damaged copy serves
    bad = Workers(lab_env, other_broker, tmp_path)
    bad.start(1, extra=("--evidence-root", f"{zip_path.parent}={damaged}"))
    try:
        proc = subprocess.Popen([sys.executable, "-m", "forensic_triage", "triage", str(lab), "--broker",
                                 other_broker, "--jobs", "1"], env=cli.env, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        out = _finish(proc)
    finally:
        bad.stop()
    assert "could not be examined on a lab worker" in out
    files = cli.jsonl("files", str(lab))
    failed = [f for f in files if f["evidence"] == "PH-1" and f["status"] == "error"]
    assert failed and not [f for f in files if f["status"] == "pending"]
    assert not [f for f in files if f["evidence"] == "PH-1" and f["status"] == "done"]
    assert [f for f in files if f["evidence"] == "PH-2" and f["status"] == "done"]
    stored = cli.jsonl("warnings", str(lab), "--source", "lab.worker")
    assert len(stored) == len(failed)
    assert all("SHA-256" in w["message"] and w["evidence"] == "PH-1" for w in stored)
    assert {a["evidence"] for a in cli.jsonl("artifacts", str(lab))} == {"PH-2"}
    # the listing that failed on that worker: the volume is marked 'error' as a failed walk is locally
    walks = [w for w in cli.jsonl("warnings", str(lab), "--source", "fs.walk") if w["evidence"] == "PH-3"]
    assert len(walks) == 1 and "could not do it" in walks[0]["message"] and "SHA-256" in walks[0]["message"]
    assert not [f for f in files if f["evidence"] == "PH-3"]
    assert "VERIFIED" in cli("verify", str(lab))
