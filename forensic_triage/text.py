"""Text helpers shared by every face (CLI, exports, GUI): evidence text made visible and harmless,
spreadsheet-safe cells, sizes and counts in words. Core module: no Qt, no CLI."""

from __future__ import annotations

import unicodedata
from typing import Any

_BIDI = {"\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u200e", "\u200f"}


def safe_text(value: Any, keep: str = "") -> str:
    """Evidence text made visible and harmless for a terminal or a report line.

    Control characters, bidirectional overrides and other invisible format characters are
    shown as ``\\xNN`` / ``\\u202e`` escapes so a hostile name cannot hide or reorder text.
    Characters in ``keep`` are left as they are.
    """
    if value is None:
        return ""
    text = str(value)
    out = []
    for ch in text:
        cat = unicodedata.category(ch)
        if (ch in _BIDI or cat in ("Cc", "Cf", "Cs", "Zl", "Zp")) and ch not in keep:
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out)


def csv_safe(value: Any) -> Any:
    """A cell that is safe in a spreadsheet.

    Invisible and reordering characters (controls other than newline and tab, bidirectional
    overrides) are escaped as in :func:`safe_text`, so a right-to-left override cannot flip
    ``invoice<RLO>txt.exe`` into ``invoiceexe.txt`` on screen; newlines and tabs stay (the CSV
    quoting keeps them inside their cell). Then formula injection is neutralised: a cell
    starting with = + - @ TAB CR gets a leading quote.
    """
    if isinstance(value, str) and value:
        value = safe_text(value, keep="\n\t")
        if value[0] in ("=", "+", "-", "@", "\t", "\r"):
            return "'" + value
    return value


def human_bytes(n: float) -> str:
    for unit in ("B", "KiB", "MiB", "GiB", "TiB"):
        if abs(n) < 1024 or unit == "TiB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n} B"


def plural(n: int, word: str, many: str | None = None) -> str:
    """``1 YARA hit``, ``2 YARA hits``, ``1,204 files`` (thousands separated)."""
    return f"{n:,} {word if n == 1 else (many or word + 's')}"
