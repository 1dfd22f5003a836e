"""Fixtures of the training tests: the built-in pack files and started training cases."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from training_lib import ok


@pytest.fixture(scope="session")
def pack_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The two built-in packs written as files with the real CLI ('exercise write')."""
    folder = tmp_path_factory.mktemp("packs")
    out = {}
    for pack_id in ("shipment", "leak"):
        path = folder / f"{pack_id}.ftpack"
        ok("exercise", "write", pack_id, "--out", str(path))
        out[pack_id] = path
    return out


@pytest.fixture(scope="session")
def start_case(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Path]:
    def start(pack: str | Path, student: str, *extra: str) -> Path:
        case = tmp_path_factory.mktemp("student") / "case"
        ok("exercise", "start", str(pack), str(case), "--student", student, "--quiet", *extra)
        return case
    return start

