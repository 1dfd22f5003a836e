"""Throwaway PostgreSQL and Redis servers for the lab tests and the lab benchmark (real servers).

PostgreSQL: ``initdb`` + ``pg_ctl`` of the Debian ``postgresql`` package, in a temporary folder,
on a free TCP port, password authentication (scram); run as a non-root user when started as
root (initdb refuses root). Redis: ``redis-server`` on a free port with an append-only file, so
a restart keeps the queue.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

PG_USER = "ft"
PG_PASSWORD = "lab-secret"


def pg_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def why_missing() -> str | None:
    """The reason the lab servers cannot run here (None: they can)."""
    missing = []
    if pg_bin() is None:
        missing.append("PostgreSQL server (Debian package postgresql)")
    if shutil.which("redis-server") is None:
        missing.append("redis-server (Debian package redis-server)")
    for module, package in (("psycopg", "psycopg[binary]"), ("celery", "celery[redis]")):
        try:
            __import__(module)
        except ImportError:
            missing.append(f"{package} (pip)")
    return ("not installed: " + ", ".join(missing)) if missing else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_server_user(cmd: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return cmd
    return ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--", *cmd]


class Postgres:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.data = root / "pgdata"
        self.port = free_port()
        self.bin = pg_bin()
        assert self.bin is not None
        self.passfile = root / "pgpass"

    def start(self) -> Postgres:
        self.root.mkdir(parents=True, exist_ok=True)
        pw = self.root / "pw.txt"
        pw.write_text(PG_PASSWORD + "\n")
        self.data.mkdir()
        if os.geteuid() == 0:
            for folder in (self.root, self.root.parent):
                os.chmod(folder, 0o755)
            shutil.chown(self.data, "nobody", "nogroup")
            shutil.chown(pw, "nobody", "nogroup")
        subprocess.run(_as_server_user([str(self.bin / "initdb"), "-D", str(self.data), "-U", PG_USER,
                                        f"--pwfile={pw}", "--auth=scram-sha-256", "-E", "UTF8", "--no-sync",
                                        "--locale=C"]), check=True, capture_output=True)
        self.passfile.write_text(f"127.0.0.1:{self.port}:*:{PG_USER}:{PG_PASSWORD}\n")
        os.chmod(self.passfile, 0o600)
        self._ctl("start", "-w", "-o", f"-p {self.port} -k {self.data} -c listen_addresses=127.0.0.1 -c fsync=off"
                  " -c max_connections=60 -c shared_buffers=32MB", "-l", str(self.data / "log.txt"))
        return self

    def _ctl(self, *args: str) -> None:
        subprocess.run(_as_server_user([str(self.bin / "pg_ctl"), "-D", str(self.data), *args]), check=True,
                       capture_output=True, timeout=60)

    def stop(self) -> None:
        with contextlib.suppress(subprocess.SubprocessError, OSError):
            self._ctl("stop", "-m", "immediate")

    def env(self) -> dict[str, str]:
        return {"PGPASSFILE": str(self.passfile)}

    def url(self, db: str) -> str:
        return f"postgresql://{PG_USER}@127.0.0.1:{self.port}/{db}"

    def createdb(self, name: str) -> str:
        import psycopg

        with psycopg.connect(f"postgresql://{PG_USER}:{PG_PASSWORD}@127.0.0.1:{self.port}/postgres",
                             autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


class Redis:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.port = free_port()
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> Redis:
        self.root.mkdir(parents=True, exist_ok=True)
        self.proc = subprocess.Popen(["redis-server", "--port", str(self.port), "--bind", "127.0.0.1",
                                      "--dir", str(self.root), "--appendonly", "yes", "--appendfsync", "always",
                                      "--save", "", "--daemonize", "no"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                return self
            time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def start_again(self) -> Redis:
        """The same server again (same port and data: the append-only file keeps the queue)."""
        return self.start()

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.proc.wait(10)
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait()
            self.proc = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"


def temp_root() -> Path:
    return Path(tempfile.mkdtemp(prefix="ft-lab-"))
