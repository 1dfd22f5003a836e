"""Triage settings: serialisable, recorded with the job, shared by the CLI and the GUI."""

from __future__ import annotations

import dataclasses
import os
from typing import Any


@dataclasses.dataclass(slots=True)
class TriageSettings:
    jobs: int = dataclasses.field(default_factory=lambda: os.cpu_count() or 1)
    plugins: list[str] | None = None        # None = all enabled by default; [] = none
    rules: list[str] = dataclasses.field(default_factory=list)   # extra YARA rule files/folders
    builtin_rules: bool = True              # the rule packs shipped in rules/
    hashsets: list[str] = dataclasses.field(default_factory=list)  # names in the user's hash-set library
    keywords: list[str] = dataclasses.field(default_factory=list)  # keyword list files
    regexes: list[str] = dataclasses.field(default_factory=list)
    content_search: bool = True             # built-in patterns (e-mail, URL, cards, phones...)
    yara_window: int = 64 * 1024 * 1024     # files above this are scanned in overlapping windows
    yara_timeout: int = 60                  # seconds per file
    read_order: str = "physical"            # physical | walk
    budget_seconds: float | None = None
    file_timeout: float = 300.0             # per file, in the worker
    worker_memory_mb: int = 2048

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TriageSettings:
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})
