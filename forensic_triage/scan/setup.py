"""The finding analyzers of a triage run (YARA, hash sets, encryption, content search) and their
provenance in the case: rule sets and hash sets used by a job.

:func:`scan_analyzers` is called from ``jobs.setup.build_analyzers`` in every worker;
:func:`record_scan_provenance` writes the ``rulesets`` and ``hashsets_used`` rows of a job from
the analyzers' ``describe()`` (which also lands in ``jobs.settings``).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..content_search import TextScanner
from ..hashsets import HashSetAnalyzer
from ..pipeline.analyzers import Analyzer
from ..pipeline.encryption import EncryptionAnalyzer
from .content_analyzer import ContentSearchAnalyzer, file_sha256, load_keywords
from .rules import build_ruleset, triage_sources
from .yara_scan import YaraAnalyzer

if TYPE_CHECKING:
    from ..store import CaseStore


def scan_analyzers(settings: Any) -> tuple[list[Analyzer], list[str]]:
    """Analyzers for ``settings`` (a TriageSettings) and the problems to store as warnings."""
    analyzers: list[Analyzer] = [EncryptionAnalyzer()]
    problems: list[str] = []
    ruleset = build_ruleset(triage_sources(settings.builtin_rules, settings.rules))
    problems.extend(ruleset.problems())
    if ruleset.compiled is not None:
        analyzers.append(YaraAnalyzer(ruleset, settings.yara_window, settings.yara_timeout))
    elif settings.builtin_rules or settings.rules:
        problems.append("No YARA rule could be compiled; files were not scanned with YARA.")
    if settings.hashsets:
        hs = HashSetAnalyzer(settings.hashsets)
        problems.extend(hs.problems)
        if hs.by_id:
            analyzers.append(hs)
    keywords: list[str] = []
    sources: list[dict[str, str]] = []
    for path in settings.keywords:
        try:
            keywords.extend(load_keywords(path))
            sources.append({"path": str(Path(path).resolve()), "sha256": file_sha256(path)})
        except OSError as exc:
            problems.append(f"The keyword list {path} cannot be read ({exc.strerror or exc}); it was not used.")
    regexes: list[str] = []
    for pattern in settings.regexes:
        try:
            TextScanner(False, (), [pattern])
            regexes.append(pattern)
        except (re.error, ValueError, OverflowError, RecursionError) as exc:  # a bad expression is named, the others run
            problems.append(f"The regular expression {pattern!r} is not valid ({exc}); it was not used.")
    scanner = TextScanner(settings.content_search, keywords, regexes)
    if scanner.active:
        analyzers.append(ContentSearchAnalyzer(scanner, sources=sources))
    return analyzers, problems


def record_scan_provenance(store: CaseStore, job_id: int, describe: dict[str, Any]) -> None:
    """Store the rule set and the hash sets a job used (from its analyzers' ``describe()``)."""
    yara_info = describe.get("yara")
    hs_info = describe.get("hashsets")
    with store.transaction():
        if isinstance(yara_info, dict) and yara_info.get("sha256"):
            store.triage.record_ruleset(job_id, str(yara_info.get("name", "triage")), yara_info["sha256"],
                                        yara_info.get("files", []))
        if isinstance(hs_info, dict):
            for hs in hs_info.get("sets", []):
                store.triage.record_hashset_used(job_id, hs["name"], hs["kind"], hs.get("source", ""),
                                                 int(hs.get("entries", 0)), hs.get("sha256", ""))


def job_rulesets(store: CaseStore) -> list[dict[str, Any]]:
    """Rule sets used by the case's jobs: the ``rulesets`` table, else the jobs' recorded settings."""
    out = [{"job_id": r["job_id"], "name": r["name"], "sha256": r["sha256"], "files": json.loads(r["files"])}
           for r in store.triage.rulesets()]
    recorded = {r["job_id"] for r in out}
    for job_id, settings in store.triage.triage_job_settings():
        if job_id in recorded:
            continue
        try:
            info = json.loads(settings).get("analyzers", {}).get("yara")
        except (ValueError, AttributeError):
            continue  # settings of an older version without analyzers: nothing to say about its rules
        if isinstance(info, dict) and info.get("sha256"):
            out.append({"job_id": job_id, "name": info.get("name", "triage"), "sha256": info["sha256"],
                        "files": info.get("files", [])})
    return out


__all__ = ["job_rulesets", "record_scan_provenance", "scan_analyzers"]
