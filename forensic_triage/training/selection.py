"""An answer taken from an item the student selected (a file, a finding, a timeline row).

The desktop application's "Use selected item" hands the selected row (the columns a view shows,
as a dict) to :func:`answer_from_item`; what part of the row answers a question depends on the
question's type only, so the GUI holds no rule of its own:

========  ================================================================================
type      what is taken
========  ================================================================================
path      the item's path: ``path``, else ``folder`` + ``name`` (the file table), else the
          path part of its locator (``EXH-001:1048576:2249/Users/...``)
paths     that path, added to the paths already given (one per line; no repeats)
hash      the item's SHA-256, else its MD5, else a ``hash`` column
time      the item's UTC time (``time_utc``, ``created_utc``)
number    a ``value`` that is a number
text /    the item's value, summary or description (what the row says), else its path
choice
========  ================================================================================
"""

from __future__ import annotations

import re
from typing import Any

from .answers import parse_number, split_paths

_LOCATOR_PATH = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*:\d+:\d+[^/]*(/.*)$")


def _text(value: Any) -> str:
    return str(value).strip() if value is not None else ""


def item_path(item: dict[str, Any]) -> str:
    """The path of a selected row, as the tool lists it ('' when the row names no file)."""
    if _text(item.get("path")):
        return _text(item["path"])
    name, folder = _text(item.get("name")), _text(item.get("folder"))
    if name and "folder" in item:
        return f"{folder.rstrip('/')}/{name}"
    for key in ("locator", "source"):
        match = _LOCATOR_PATH.match(_text(item.get(key)))
        if match:
            return match.group(1)
    return ""


def answer_from_item(qtype: str, item: dict[str, Any], current: str | list[str] | None = None) -> str | None:
    """The answer a selected row gives to a question of type ``qtype``; None when it gives none.

    For ``paths`` the item's path is added to ``current`` (the paths already given)."""
    if not item:
        return None
    if qtype == "path":
        return item_path(item) or None
    if qtype == "paths":
        path = item_path(item)
        if not path:
            return None
        given = split_paths(current) if current else []
        if path not in given:
            given.append(path)
        return "\n".join(given)
    if qtype == "hash":
        for key in ("sha256", "md5", "hash"):
            if _text(item.get(key)):
                return _text(item[key])
        return None
    if qtype == "time":
        for key in ("time_utc", "created_utc"):
            if _text(item.get(key)):
                return _text(item[key])
        return None
    if qtype == "number":
        value = _text(item.get("value"))
        return value if value and parse_number(value) is not None else None
    for key in ("value", "summary", "description"):
        if _text(item.get(key)):
            return _text(item[key])
    return item_path(item) or None
