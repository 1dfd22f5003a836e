"""The content-search analyzer of a triage run, and the keyword lists it is given.

The search itself (patterns, chunk overlap, caps) lives in :mod:`forensic_triage.content_search`.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..content_search import (
    AREA_CODES,
    HEAD_BYTES,
    HEAD_ONLY_MIME,
    ContentRun,
    RegfVersions,
    SqliteLayout,
    TextScanner,
)
from ..model import FileResult, WarningKind, WarningRecord
from ..pipeline.analyzers import AnalyzerRun, FileInfo
from .tlds import VERSION as TLD_VERSION


class _AnalyzerRun:
    def __init__(self, run: ContentRun, info: FileInfo) -> None:
        self.run = run
        self.info = info

    def feed(self, offset: int, data: bytes) -> None:
        self.run.feed(offset, data)

    def finish(self, result: FileResult, complete: bool) -> None:
        result.content_hits.extend(self.run.close())
        if self.run.dropped:
            result.warnings.append(WarningRecord(
                "content", f"Content search stopped recording at {self.run.max_hits} hits in this file; "
                f"{self.run.dropped} more were found but not recorded (repeats of a value beyond "
                f"{self.run.max_same} are never recorded).", str(self.info.locator), WarningKind.WARNING,
                details={"dropped": self.run.dropped, "repeats": self.run.repeats}))


class ContentSearchAnalyzer:
    """The analyzer the triage pipeline feeds: built-in patterns plus the case's keywords/regexes."""

    name = "content"
    version = "3"  # 2: host/TLD grammar, XML namespaces skipped, SQLite values end with their record field;
    # 3: dotted quads under bare-number registry value names (Amcache) are versions

    def __init__(self, scanner: TextScanner, max_hits: int = 1000, max_same: int = 5,
                 sources: list[dict[str, str]] | None = None) -> None:
        self.scanner = scanner
        self.max_hits = max_hits
        self.max_same = max_same
        self.sources = sources or []

    def describe(self) -> dict[str, object]:
        digest = hashlib.sha256("\n".join(self.scanner.keywords).encode()).hexdigest()
        return {"version": self.version, "builtin": self.scanner.builtin, "keyword_count": len(self.scanner.keywords),
                "keywords_sha256": digest, "keyword_files": self.sources, "regexes": self.scanner.regexes,
                "max_hits_per_file": self.max_hits, "max_hits_per_value": self.max_same,
                "head_only_types": list(HEAD_ONLY_MIME), "area_codes": list(AREA_CODES),
                "tld_list": f"IANA {TLD_VERSION}"}

    def start(self, info: FileInfo) -> AnalyzerRun | None:
        if not self.scanner.active:
            return None
        stop_at = HEAD_BYTES if info.mime.startswith(HEAD_ONLY_MIME) else None
        return _AnalyzerRun(ContentRun(self.scanner, stop_at=stop_at, max_hits=self.max_hits,
                                       max_same=self.max_same, layout=SqliteLayout.detect(info.head),
                                       regf=RegfVersions.detect(info.head)), info)


def load_keywords(path: str | Path) -> list[str]:
    """One keyword or phrase per line (UTF-8, BOM allowed); blank lines and '#' comments ignored."""
    text = Path(path).read_text(encoding="utf-8-sig", errors="replace")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def file_sha256(path: str | Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


__all__ = ["ContentSearchAnalyzer", "file_sha256", "load_keywords"]
