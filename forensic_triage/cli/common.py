"""Shared CLI pieces: output formats, progress bar. The text helpers (``safe_text``, ``csv_safe``,
``human_bytes``, ``plural``) live in :mod:`forensic_triage.text` and are re-exported here."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
import time
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

from ..jobs.context import Progress
from ..text import csv_safe, human_bytes, plural, safe_text

__all__ = ["TABLE_CELL", "ProgressBar", "add_format", "command_name", "csv_safe", "emit", "human_bytes",
           "plural", "progress_text", "safe_text", "stdout_text", "timer"]

TABLE_CELL = 80  # characters shown per table cell; longer values end in an ellipsis


def add_format(parser: argparse.ArgumentParser, default: str = "table") -> None:
    parser.add_argument("--format", choices=("table", "csv", "jsonl"), default=default,
                        help="output format (default: %(default)s); jsonl = one JSON object per line")


def emit(rows: Iterable[dict[str, Any]], fmt: str, columns: Sequence[str] | None = None,
         out: TextIO | None = None, table_columns: Sequence[str] | None = None) -> int:
    """Write rows as a table, CSV or JSON lines. Returns the number of rows."""
    out = out or sys.stdout
    count = 0
    if fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
            count += 1
        return count
    if fmt == "csv":
        writer: Any = None
        for row in rows:
            if writer is None:
                writer = csv.DictWriter(out, fieldnames=list(columns or row.keys()), extrasaction="ignore")
                writer.writeheader()
            writer.writerow({k: csv_safe(_flat(v)) for k, v in row.items()})
            count += 1
        return count
    cols = list(table_columns or columns or [])
    buffered = []
    for row in rows:
        if not cols:
            cols = list(row.keys())
        buffered.append([_cell(row.get(c)) for c in cols])
        count += 1
        if len(buffered) >= 500:
            _table(out, cols, buffered)
            buffered = []
    if buffered or count == 0:
        _table(out, cols, buffered)
    return count


def _cell(value: Any, width: int = TABLE_CELL) -> str:
    """A table cell: escaped, and visibly cut (ending in an ellipsis) when longer than ``width``,
    so padding cannot push a name's real ending out of sight unnoticed."""
    text = safe_text(_flat(value))
    return text if len(text) <= width else text[: width - 1] + "\u2026"


def _flat(value: Any) -> Any:
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "" if value is None else value


def _table(out: TextIO, cols: list[str], rows: list[list[str]]) -> None:
    if not cols:
        out.write("(nothing to show)\n")
        return
    widths = [max([len(c)] + [len(r[i]) for r in rows]) for i, c in enumerate(cols)]
    out.write("  ".join(c.upper().ljust(w) for c, w in zip(cols, widths, strict=True)).rstrip() + "\n")
    for r in rows:
        out.write("  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() + "\n")


def command_name() -> str:
    """How the examiner can run this tool again from any shell: ``forensic-triage`` when that name on
    PATH runs this installation, otherwise the full path of this installation's script."""
    import os
    import shlex
    import shutil
    from pathlib import Path

    own = Path(sys.executable).parent / "forensic-triage"
    found = shutil.which("forensic-triage")
    if found:
        path = Path(found)
        if path.resolve() == own.resolve():
            return "forensic-triage"
        try:
            head = path.read_bytes()[:4096].decode("utf-8", "replace")
        except OSError:
            head = ""
        if str(own) in head:  # the launcher bootstrap.sh writes into ~/.local/bin
            return "forensic-triage"
    if own.is_file() and os.access(own, os.X_OK):
        return shlex.quote(str(own))
    return f"{shlex.quote(sys.executable)} -m forensic_triage"


def progress_text(p: Progress, width: int = 24) -> str:
    """One progress line that says what each number is:
    ``triage: [#---] 5.5 % · 224 of 4,051 files · 40 files/s · ETA 1:32``."""
    rate = p.rate
    if p.unit == "bytes":
        done = human_bytes(p.done) + (f" of {human_bytes(p.total)}" if p.total else "") + " read"
        speed = f"{human_bytes(rate)}/s"
    else:
        done = f"{int(p.done):,}" + (f" of {int(p.total):,}" if p.total else "") + f" {p.unit}"
        speed = f"{rate:.0f} {p.unit}/s"
    parts = []
    frac = p.fraction
    if frac is not None:
        filled = int(frac * width)
        parts.append("[" + "#" * filled + "-" * (width - filled) + f"] {frac * 100:.1f} %")
    parts += [done, speed]
    eta = p.eta_seconds
    if eta is not None:
        parts.append(f"ETA {int(eta // 60)}:{int(eta % 60):02d}")
    if p.warnings:
        parts.append(plural(p.warnings, "warning"))
    return f"{p.phase}: " + " · ".join(parts)


class ProgressBar:
    """A one-line terminal progress bar with rate and ETA (quiet when not on a terminal)."""

    def __init__(self, stream: TextIO | None = None, enabled: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self._last_phase = ""
        self._last_print = 0.0

    def __call__(self, p: Progress) -> None:
        if not self.enabled:
            if p.phase != self._last_phase:
                self.stream.write(f"{p.phase}...\n")
                self._last_phase = p.phase
            return
        if p.phase != self._last_phase and self._last_phase:
            self.stream.write("\n")
        self._last_phase = p.phase
        line = "\r" + progress_text(p)
        self.stream.write(line[:160].ljust(100))
        self.stream.flush()

    def close(self) -> None:
        if self.enabled and self._last_phase:
            self.stream.write("\n")
            self.stream.flush()


def timer() -> float:
    return time.monotonic()


def stdout_text() -> io.TextIOBase:
    return sys.stdout  # type: ignore[return-value]
