"""Helpers shared by tests in every folder (tests/ is on sys.path through the root conftest)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]


def corpus_dir() -> Path:
    return Path(os.environ.get("FT_CORPUS", REPO.parent / "shared" / "corpus"))


def tools_required() -> bool:
    """Under ``.ci/run`` (``scripts/bootstrap.sh test`` exports FT_REQUIRE_TOOLS=1) every tool must be there."""
    return os.environ.get("FT_REQUIRE_TOOLS", "") not in ("", "0")


def tool_missing(reason: str) -> None:
    """A tool the calling test needs is missing: a failure under FT_REQUIRE_TOOLS=1 (CI: nothing may pass
    unchecked), a visible skip with the reason elsewhere."""
    if tools_required():
        pytest.fail(f"{reason} (FT_REQUIRE_TOOLS=1: a missing tool is a failure here)", pytrace=False)
    pytest.skip(reason)


def require_tool(*names: str) -> None:
    """Fail (FT_REQUIRE_TOOLS=1) or skip with the reason when a tool the test drives is not on PATH."""
    missing = [n for n in names if shutil.which(n) is None]
    if missing:
        tool_missing(f"tool(s) not installed: {', '.join(missing)}")


def child_abort(conn: object) -> None:
    """A child target that crashes the interpreter (SIGABRT), for isolation tests."""
    os.abort()


def child_hang(conn: object) -> None:
    """A child target that never answers, for timeout tests."""
    import time

    time.sleep(600)


def isolated_env(home: Path) -> dict[str, str]:
    """The environment for CLI subprocesses: away from the real user's plugin, rule and hash-set folders."""
    return {**os.environ, "XDG_DATA_HOME": str(home / "share"), "XDG_CONFIG_HOME": str(home / "config"),
            "FT_PLUGIN_DIR": str(home / "plugins"), "FT_RULES_DIR": str(home / "rules"),
            "FT_HASHSET_DB": str(home / "hashsets.sqlite"), "TZ": "UTC"}


class Cli:
    """Runs ``forensic-triage`` as a user does (a subprocess); fails on a non-zero exit or a traceback."""

    def __init__(self, env: dict[str, str], timeout: float = 300) -> None:
        self.env = env
        self.timeout = timeout

    def __call__(self, *args: str) -> str:
        res = subprocess.run([sys.executable, "-m", "forensic_triage", *args], capture_output=True, text=True,
                             env=self.env, timeout=self.timeout, check=False)
        assert res.returncode == 0, f"forensic-triage {' '.join(args)} -> {res.returncode}\n{res.stderr}"
        assert "Traceback" not in res.stderr, res.stderr
        return res.stdout

    def jsonl(self, *args: str) -> list[dict[str, Any]]:
        return [json.loads(line) for line in self(*args, "--format", "jsonl").splitlines() if line.strip()]
