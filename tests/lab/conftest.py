"""Real servers for the lab tests: one PostgreSQL cluster and one Redis per session, Celery
workers per module (``forensic-triage lab worker`` processes, as a lab runs them)."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from ft_testlib import Cli, isolated_env  # noqa: E402
from servers import Postgres, Redis, temp_root, why_missing  # noqa: E402


@pytest.fixture(scope="session")
def lab_root() -> Iterator[Path]:
    reason = why_missing()
    if reason:
        pytest.skip(f"lab servers {reason}")
    root = temp_root()
    yield root
    import shutil

    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def pg(lab_root: Path) -> Iterator[Postgres]:
    server = Postgres(lab_root / "pg").start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def redis(lab_root: Path) -> Iterator[Redis]:
    server = Redis(lab_root / "redis").start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def lab_env(lab_root: Path, pg: Postgres) -> dict[str, str]:
    home = lab_root / "home"
    return {**isolated_env(home), **pg.env(), "PYTHONPATH": os.environ.get("PYTHONPATH", "")}


@pytest.fixture()
def pgenv(pg: Postgres, monkeypatch: pytest.MonkeyPatch) -> Postgres:
    """This process reaches the test cluster (its password file)."""
    for key, value in pg.env().items():
        monkeypatch.setenv(key, value)
    return pg


@pytest.fixture(scope="session")
def cli(lab_env: dict[str, str]) -> Cli:
    return Cli(lab_env, timeout=240)


class Workers:
    """``forensic-triage lab worker`` processes on the test broker."""

    def __init__(self, env: dict[str, str], broker: str, root: Path) -> None:
        self.env, self.broker, self.root = env, broker, root
        self.procs: list[subprocess.Popen[bytes]] = []

    def start(self, count: int, hold: float = 0.0, extra: tuple[str, ...] = ()) -> None:
        env = {**self.env, "FT_LAB_HOLD_BEFORE_WRITE": str(hold)}
        for _ in range(count):
            n = len(self.procs)
            log = open(self.root / f"worker{n}.log", "wb")  # noqa: SIM115 - closed with the process
            self.procs.append(subprocess.Popen(
                [sys.executable, "-m", "forensic_triage", "lab", "worker", "--broker", self.broker, "--concurrency",
                 "1", "--name", f"w{n}@test", *extra], env=env, stdout=log, stderr=subprocess.STDOUT))
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if sum("ready." in (self.root / f"worker{i}.log").read_text(errors="replace")
                   for i in range(len(self.procs))) >= len(self.procs):
                return
            time.sleep(0.2)
        raise AssertionError("the lab workers did not start")

    def ensure(self, count: int) -> None:
        """At least ``count`` workers running (a test run alone starts them)."""
        if len(self.procs) < count:
            self.start(count - len(self.procs))

    def logs(self) -> str:
        return "".join((self.root / f"worker{i}.log").read_text(errors="replace") for i in range(len(self.procs)))

    def children(self) -> list[int]:
        """The pool process ids of every worker (where units run)."""
        out = []
        for p in self.procs:
            found = subprocess.run(["ps", "-o", "pid=", "--ppid", str(p.pid)], capture_output=True, text=True).stdout
            out += [int(x) for x in found.split()]
        return out

    def stop(self) -> None:
        for p in self.procs:
            with contextlib.suppress(ProcessLookupError):
                p.send_signal(signal.SIGTERM)
        for p in self.procs:
            try:
                p.wait(20)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
        self.procs = []


@pytest.fixture(scope="module")
def workers(lab_env: dict[str, str], redis: Redis, lab_root: Path) -> Iterator[Workers]:
    folder = lab_root / f"workers-{time.monotonic_ns()}"
    folder.mkdir()
    w = Workers(lab_env, redis.url, folder)
    yield w
    w.stop()
