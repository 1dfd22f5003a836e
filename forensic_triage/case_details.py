"""The examiner's own words for the report: the request, qualifications and conclusions.

``case_info.request`` (the questions asked), ``examiners.qualifications`` / ``role`` /
``organisation`` (of the case examiner) and ``case_info.conclusions`` are written only here
(``forensic-triage case set`` and the GUI's "Case details for the report" dialog), each change
audited with the SHA-256 of every new text, so what the signed report says can be traced to
when and by whom it was written. A report exported while any of :data:`REQUIRED` is empty is
a draft (:func:`missing_words`).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from .errors import UsageError
from .store import CaseStore

# field -> (table, column, label); the order is the order shown to the examiner.
FIELDS: dict[str, tuple[str, str, str]] = {
    "request": ("case_info", "request", "request (questions asked)"),
    "qualifications": ("examiners", "qualifications", "examiner's qualifications"),
    "conclusions": ("case_info", "conclusions", "conclusions"),
    "role": ("examiners", "role", "examiner's role"),
    "organisation": ("examiners", "organisation", "examiner's organisation"),
}
REQUIRED = ("request", "qualifications", "conclusions")
MAX_TEXT = 1_000_000  # characters; a report section, not a document dump
DRAFT_NOTE = "the report will be marked DRAFT until request, qualifications and conclusions are filled"


def read_text_arg(value: str, what: str) -> str:
    """The text of a ``--request FILE`` style argument: a UTF-8 file, or ``-`` for standard input."""
    import sys

    try:
        if value == "-":
            data = sys.stdin.buffer.read()
            source = "standard input"
        else:
            data = Path(value).read_bytes()
            source = value
    except OSError as exc:
        raise UsageError(f"Cannot read the {what} from {value}: {exc.strerror or exc}.",
                         hint="Give a text file, or '-' to read standard input.") from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UsageError(f"The {what} in {source} is not UTF-8 text (byte {exc.start} cannot be read).",
                         hint="Save the file as UTF-8 and try again.") from exc
    return text


def clean(text: str, what: str) -> str:
    """Line endings made uniform, surrounding blank space removed; refuses control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    bad = next((ch for ch in text if (ord(ch) < 32 and ch not in "\n\t") or ord(ch) == 127), None)
    if bad is not None:
        raise UsageError(f"The {what} contains the control character \\x{ord(bad):02x}; it is not plain text.")
    if len(text) > MAX_TEXT:
        raise UsageError(f"The {what} is {len(text):,} characters long; at most {MAX_TEXT:,} are accepted.")
    return text


def case_details(store: CaseStore) -> dict[str, str]:
    """The stored words (empty strings when not written yet)."""
    info = store.case_info()
    ex = store.case.examiner_details(str(info["examiner"])) or {}
    return {"examiner": str(info["examiner"]),
            "request": str(info.get("request") or ""),
            "qualifications": str(ex.get("qualifications") or ""),
            "conclusions": str(info.get("conclusions") or ""),
            "role": str(ex.get("role") or ""),
            "organisation": str(ex.get("organisation") or "")}


def missing_words(store: CaseStore) -> list[str]:
    """Which of request, qualifications and conclusions are still empty (a report is a DRAFT until none are)."""
    details = case_details(store)
    return [name for name in REQUIRED if not details[name].strip()]


def set_case_details(store: CaseStore, values: dict[str, str | None], actor: str | None = None) -> list[str]:
    """Store the given fields (``None`` = leave as is); returns the names of the fields that changed.

    One transaction and one audit entry ("case details set") with the SHA-256 and length of each
    new text; a read-only (imported review) case is refused.
    """
    unknown = sorted(set(values) - set(FIELDS))
    if unknown:
        raise UsageError(f"Unknown case detail {unknown[0]!r}; use one of {', '.join(FIELDS)}.")
    if store.case_info().get("read_only"):
        raise UsageError("This is a review case imported from a package; its report details cannot be changed.",
                         hint="Write the request, qualifications and conclusions in the original case.")
    given = {k: clean(v, FIELDS[k][2]) for k, v in values.items() if v is not None}
    if not given:
        raise UsageError("Nothing to set.", hint="Give --request, --qualifications or --conclusions (a file, or '-').")
    before = case_details(store)
    changed = [k for k in FIELDS if k in given and given[k] != before[k]]
    if not changed:
        return []
    examiner = before["examiner"]
    who = actor or examiner
    with store.transaction():
        store.case.add_examiner(examiner)
        for name in changed:
            table, column, _label = FIELDS[name]
            if table == "case_info":
                store.case.set_case_text(column, given[name])
            else:
                store.case.set_examiner_text(examiner, column, given[name])
        details: dict[str, Any] = {
            "fields": changed, "examiner": examiner,
            "sha256": {k: hashlib.sha256(given[k].encode("utf-8")).hexdigest() for k in changed},
            "characters": {k: len(given[k]) for k in changed},
        }
        store.audit(who, "case details set", details, touched=("case_info", "examiners"))
    return changed
