"""Build the analyzers a triage run feeds from its settings (each feature adds its own here)."""

from __future__ import annotations

from pathlib import Path

from ..pipeline.analyzers import Analyzer
from .settings import TriageSettings


def build_analyzers(settings: TriageSettings, temp_root: Path | None = None) -> tuple[list[Analyzer], list[str]]:
    """The analyzers for a run and the load problems to store as warnings."""
    analyzers: list[Analyzer] = []
    problems: list[str] = []
    # Artifact extractors (plugins/).
    if settings.plugins is None or settings.plugins:
        from ..extractors import ExtractorAnalyzer, load_registry, select

        reg = load_registry()
        problems.extend(p.message for p in reg.problems)
        chosen = select(reg, settings.plugins)
        if chosen:
            analyzers.append(ExtractorAnalyzer(chosen, temp_root))
    # YARA, hash sets, encryption detection, content search (forensic_triage.scan).
    from ..scan.setup import scan_analyzers

    found, found_problems = scan_analyzers(settings)
    analyzers.extend(found)
    problems.extend(found_problems)
    return analyzers, problems
