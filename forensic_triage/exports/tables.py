"""The case tables as rows, restricted to a scope: the source of the CSV and JSONL exports.

CSV files are for people (spreadsheet formula injection neutralised, evidence bytes as hex);
the JSON-lines dump is lossless and is what ``import-package`` reads back.
"""

from __future__ import annotations

import base64
import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..store import CaseStore
from ..store.findings_repo import EXPORT_TABLES, ScopeIds
from ..text import csv_safe
from .findings import Finding, collect, selected_file_ids

# Tables exported, in an order that satisfies foreign keys on import.
TABLES = EXPORT_TABLES


def _ids(findings: list[Finding], kind: str) -> frozenset[int]:
    return frozenset(f.db_id for f in findings if f.kind == kind)


def scope_rows(store: CaseStore, scope: str, findings: list[Finding] | None = None) -> ScopeIds | None:
    """Which rows of each table a scope holds (None for ``all``: every row)."""
    if scope == "all":
        return None
    found = findings if findings is not None else collect(store, scope)
    return ScopeIds(files=frozenset(selected_file_ids(store, found, scope) or set()),
                    artifacts=_ids(found, "artifact"), hits=_ids(found, "hit"),
                    hash_matches=_ids(found, "hashset"), content_hits=_ids(found, "content_hit"))


def _text(value: Any) -> Any:
    if isinstance(value, bytes):
        return value.hex()
    return "" if value is None else value


def write_csv(store: CaseStore, out_dir: str | Path, scope: str = "all",
              findings: list[Finding] | None = None) -> list[Path]:
    """One CSV per table (plus ``findings.csv``) in ``out_dir``; returns the files written."""
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    found = findings if findings is not None else collect(store, scope)
    written = []
    only = scope_rows(store, scope, found)
    for table in (*TABLES, "audit"):
        path = folder / f"{table}.csv"
        cols = store.findings.table_columns(table)
        if table == "thumbnails":
            cols = [c for c in cols if c != "image"]  # the preview bytes stay in the lossless tables
        with path.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(cols)
            for row in store.findings.iter_table(table, only, cols if table == "thumbnails" else None):
                writer.writerow([csv_safe(_text(row.get(c))) for c in cols])
        written.append(path)
    path = folder / "findings.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["finding", "group", "locator", "summary", "produced_by", "time_utc", "tags", "notes"])
        for f in found:
            tags = f.tags + f.file_tags
            writer.writerow([csv_safe(v) for v in (
                f.fid, f.group, f.locator, f.summary, f.producer, f.time_utc or "",
                ";".join(t.tag for t in tags), " | ".join(t.note for t in tags if t.note))])
    written.append(path)
    return written


def _json_value(value: Any) -> Any:
    if isinstance(value, bytes):
        return {"$b64": base64.b64encode(value).decode("ascii")}
    return value


def write_jsonl(store: CaseStore, out_dir: str | Path, scope: str = "all",
                findings: list[Finding] | None = None) -> list[Path]:
    """Lossless dump, one ``TABLE.jsonl`` per table (bytes as ``{"$b64": ...}``)."""
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    only = scope_rows(store, scope, findings)
    for table in TABLES:
        path = folder / f"{table}.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for row in store.findings.iter_table(table, only):
                fh.write(json.dumps({k: _json_value(v) for k, v in row.items()}, ensure_ascii=False,
                                    sort_keys=True) + "\n")
        written.append(path)
    return written


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                row = json.loads(line)
                yield {k: base64.b64decode(v["$b64"]) if isinstance(v, dict) and "$b64" in v else v
                       for k, v in row.items()}
