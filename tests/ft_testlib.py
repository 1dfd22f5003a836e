"""Helpers shared by tests in every folder (tests/ is on sys.path through the root conftest)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

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
