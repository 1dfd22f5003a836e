"""What the application remembers between sessions (QSettings): recent cases, last choices."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings

ORG = "ForensicTriage"
APP = "Forensic Triage Workstation"
MAX_RECENT = 10


def settings() -> QSettings:
    return QSettings(ORG, APP)


def recent_cases() -> list[str]:
    value = settings().value("recent/cases", [])
    if isinstance(value, str):
        return [value] if value else []
    return [str(v) for v in value] if isinstance(value, (list, tuple)) else []


def remember_case(case_dir: str | Path) -> None:
    path = str(Path(case_dir).resolve())
    items = [p for p in recent_cases() if p != path]
    items.insert(0, path)
    settings().setValue("recent/cases", items[:MAX_RECENT])


def forget_case(case_dir: str) -> None:
    settings().setValue("recent/cases", [p for p in recent_cases() if p != case_dir])


def get_json(key: str, default: Any) -> Any:
    raw = settings().value(key, None)
    if raw in (None, ""):
        return default
    try:
        return json.loads(str(raw))
    except ValueError:
        return default


def set_json(key: str, value: Any) -> None:
    settings().setValue(key, json.dumps(value))
