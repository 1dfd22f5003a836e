"""Shared fixtures. Corpus tests read ../shared/corpus (or $FT_CORPUS) and skip when it is absent."""

from __future__ import annotations

from collections.abc import Callable
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


def _make_triaged_sample(folder: Path) -> Path:
    """The built-in sample image, triaged for real, with a tag and a custody event added through
    the tool (so every kind of table holds rows)."""
    from forensic_triage.custody import CustodyEvent, add_event
    from forensic_triage.jobs.intake import add_evidence
    from forensic_triage.jobs.settings import TriageSettings
    from forensic_triage.jobs.triage import run_triage
    from forensic_triage.sample.generator import build_sample_image
    from forensic_triage.store import CaseStore
    from forensic_triage.tags import add_tag

    image = folder / "sample.dd"
    build_sample_image(image)
    image.chmod(0o444)
    case = folder / "case"
    store = CaseStore.create(case, case_number="DIG-1", examiner="A. Examiner", title="Digest test",
                             timezone="America/Port_of_Spain")
    try:
        add_evidence(store, image, exhibit="EXH-001", description="Sample USB stick", seals="A1234")
        add_event(store, CustodyEvent("EXH-001", "received", "A. Examiner", "2025-03-03T13:00:00Z",
                                      "America/Port_of_Spain", "Lab", "examination", seals="A1234"))
        run_triage(store, TriageSettings(jobs=1), command_line="forensic-triage triage case")
        hit = int(store.scalar("SELECT id FROM content_hits ORDER BY id LIMIT 1"))
        add_tag(store, "content_hit", hit, "notable", "first note", thumbnail=False)
    finally:
        store.close()
    return case


@pytest.fixture(scope="session")
def make_triaged_sample() -> Callable[[Path], Path]:
    """Build a fresh triaged sample case (with its own image) in a folder: for tests that need
    to change the evidence itself."""
    return _make_triaged_sample


@pytest.fixture(scope="session")
def triaged_sample_pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _make_triaged_sample(tmp_path_factory.mktemp("triaged-sample"))


@pytest.fixture()
def triaged_sample(triaged_sample_pristine: Path, tmp_path: Path) -> Path:
    """A private copy of the triaged sample case (the evidence image stays shared, read-only)."""
    import shutil

    copy = tmp_path / "case"
    shutil.copytree(triaged_sample_pristine, copy, ignore=shutil.ignore_patterns(".case.lock"))
    return copy
