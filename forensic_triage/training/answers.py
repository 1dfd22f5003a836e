"""Answer checking: exact where it must be, tolerant where people differ.

========  =====================================================================================
type      what counts as the same answer
========  =====================================================================================
text      case, surrounding and repeated white space ignored; the key may list alternatives
number    numerically equal (``1e3`` = ``1000``), within ``tolerance`` when the key states one
path      ``\\`` or ``/``, a leading ``/``, a drive letter (``C:``) or an evidence locator
          prefix (``EXH-001:1048576:2249``) and letter case ignored (FAT and NTFS names are
          case-insensitive); otherwise every character counts
hash      hexadecimal, case, spaces and colons ignored, an ``md5:``/``sha256:`` prefix ignored;
          every digit counts
time      ISO 8601 or ``YYYY-MM-DD HH:MM[:SS]``; a time without ``Z`` or an offset is UTC (the
          tool shows UTC); within ``tolerance`` seconds (default 0: the same second)
paths     a set of paths (JSON list, or one per line, or separated by ``;``): order and
          repeats ignored, each path compared as ``path``; all and only the expected ones
choice    one of the question's choices, by its text (case ignored) or its letter (A, B...)
========  =====================================================================================
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from typing import Any

_LOCATOR = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*:\d+:\d+(?=/)")
_DRIVE = re.compile(r"^[A-Za-z]:(?=/)")
_HASH_PREFIX = re.compile(r"^(md5|sha1|sha-1|sha256|sha-256)\s*[:=]\s*", re.IGNORECASE)


def norm_text(value: Any) -> str:
    return " ".join(str(value).split()).casefold()


def norm_path(value: Any) -> str:
    text = str(value).strip().replace("\\", "/")
    text = _LOCATOR.sub("", text)
    text = _DRIVE.sub("", text)
    text = re.sub(r"/{2,}", "/", text).strip("/")
    return text.casefold()


def norm_hash(value: Any) -> str:
    text = _HASH_PREFIX.sub("", str(value).strip())
    return re.sub(r"[\s:]", "", text).lower()


def parse_time(value: Any) -> _dt.datetime | None:
    text = str(value).strip().replace("T", " ").replace("t", " ")
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    text = re.sub(r"\s*(UTC|GMT)$", "+00:00", text, flags=re.IGNORECASE)
    text = re.sub(r"\s+([+-]\d{2}:?\d{2})$", r"\1", text)
    try:
        moment = _dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=_dt.UTC)
    return moment.astimezone(_dt.UTC)


def parse_number(value: Any) -> float | None:
    try:
        return float(str(value).strip().replace(",", ""))
    except ValueError:
        return None


def split_paths(value: Any) -> list[str]:
    """A student's set of paths: a JSON list, or one path per line or ``;``-separated."""
    if isinstance(value, list):
        items = value
    else:
        text = str(value).strip()
        items = []
        if text.startswith("["):
            try:
                loaded = json.loads(text)
                items = loaded if isinstance(loaded, list) else [text]
            except ValueError:
                items = [text]
        else:
            items = re.split(r"[\n;]", text)
    return [str(i) for i in items if str(i).strip()]


def _choice(value: Any, choices: list[str]) -> str:
    text = norm_text(value)
    if len(text) == 1 and "a" <= text <= "z" and ord(text) - ord("a") < len(choices):
        return norm_text(choices[ord(text) - ord("a")])
    text = re.sub(r"^[a-z][.)]\s+", "", text) if len(text) > 3 and text[1] in ".)" else text
    return text


def _as_list(answer: Any) -> list[Any]:
    return answer if isinstance(answer, list) else [answer]


def is_correct(qtype: str, given: Any, answer: Any, *, tolerance: float | None = None,
               choices: list[str] | None = None) -> bool:
    """Whether ``given`` (what the student wrote) matches the key's ``answer`` for a question type."""
    if given is None or (isinstance(given, str) and not given.strip()):
        return False
    tol = float(tolerance or 0)
    if qtype == "text":
        return norm_text(given) in {norm_text(a) for a in _as_list(answer)}
    if qtype == "number":
        value = parse_number(given)
        return value is not None and any(abs(value - float(a)) <= tol for a in _as_list(answer))
    if qtype == "path":
        return norm_path(given) in {norm_path(a) for a in _as_list(answer)}
    if qtype == "hash":
        return norm_hash(given) in {norm_hash(a) for a in _as_list(answer)}
    if qtype == "time":
        moment = parse_time(given)
        wanted = [parse_time(a) for a in _as_list(answer)]
        return moment is not None and any(w is not None and abs((moment - w).total_seconds()) <= tol for w in wanted)
    if qtype == "paths":
        return {norm_path(p) for p in split_paths(given)} == {norm_path(p) for p in split_paths(answer)}
    if qtype == "choice":
        options = list(choices or [])
        return _choice(given, options) in {_choice(a, options) for a in _as_list(answer)}
    raise ValueError(f"unknown question type {qtype!r}")


def valid_for_type(qtype: str, value: str) -> str | None:
    """None when ``value`` can be an answer of this type; else one sentence saying what is expected."""
    if qtype == "number" and parse_number(value) is None:
        return "This question expects a number."
    if qtype == "time" and parse_time(value) is None:
        return "This question expects a time such as 2025-02-27 14:47:02 (UTC) or 2025-02-27T10:47:02-04:00."
    if qtype == "hash" and not re.fullmatch(r"[0-9a-f]{32,128}", norm_hash(value)):
        return "This question expects a hash value in hexadecimal."
    return None
