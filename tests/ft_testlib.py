"""Helpers shared by tests in every folder (tests/ is on sys.path through the root conftest)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def corpus_dir() -> Path:
    return Path(os.environ.get("FT_CORPUS", REPO.parent / "shared" / "corpus"))


def require_tool(*names: str) -> None:
    """Skip the calling test when a Debian tool it drives is not installed."""
    missing = [n for n in names if shutil.which(n) is None]
    if missing:
        pytest.skip(f"tool(s) not installed: {', '.join(missing)}")


def child_abort(conn: object) -> None:
    """A child target that crashes the interpreter (SIGABRT), for isolation tests."""
    os.abort()


def child_hang(conn: object) -> None:
    """A child target that never answers, for timeout tests."""
    import time

    time.sleep(600)
