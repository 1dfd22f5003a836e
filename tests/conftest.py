"""Shared fixtures. Corpus tests read ../shared/corpus (or $FT_CORPUS) and skip when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest
from ft_testlib import corpus_dir, require_tool

__all__ = ["corpus_dir", "require_tool"]


@pytest.fixture(scope="session")
def corpus() -> Path:
    path = corpus_dir()
    if not (path / "images").is_dir():
        pytest.skip(f"corpus not found at {path} (set FT_CORPUS)")
    return path


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep user libraries (plugins, rules, hash sets, settings) out of the real home folder."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("FT_PLUGIN_DIR", str(home / "plugins"))
    monkeypatch.setenv("FT_RULES_DIR", str(home / "rules"))
    monkeypatch.setenv("FT_HASHSET_DB", str(home / "hashsets.sqlite"))
