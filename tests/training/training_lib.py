"""Helpers of the training tests: the real CLI as a student and a trainer use it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any


def ft(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-m", "forensic_triage", *args], capture_output=True, text=True,
                          timeout=300, cwd=cwd, env=env)


def ok(*args: str) -> str:
    res = ft(*args)
    assert res.returncode == 0, f"{args}: {res.returncode}\n{res.stdout}\n{res.stderr}"
    assert "Traceback" not in res.stderr
    return res.stdout


def jsonl(*args: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in ok(*args).splitlines() if line.strip()]


def key_of(pack: str | Path, *extra: str) -> dict[str, dict[str, Any]]:
    return {r["id"]: r for r in jsonl("exercise", "key", str(pack), "--format", "jsonl", *extra)}
