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

from ..cli.common import csv_safe
from ..store import CaseStore
from .findings import Finding, collect, id_list, selected_file_ids

# Tables exported, in an order that satisfies foreign keys on import.
TABLES = ("case_info", "examiners", "evidence", "evidence_containers", "volumes", "jobs", "rulesets", "hashsets_used",
          "files", "artifacts", "timeline", "yara_hits", "hash_matches", "content_hits", "tags", "custody", "warnings",
          "thumbnails")


def _ids(findings: list[Finding], kind: str) -> set[int]:
    return {f.db_id for f in findings if f.kind == kind}


def _in(ids: set[int]) -> str:
    return id_list(ids)


def table_queries(store: CaseStore, scope: str, findings: list[Finding] | None = None) -> dict[str, str]:
    """SQL per table for a scope (None-filtered for ``all``)."""
    if scope == "all":
        return {t: f"SELECT * FROM {t} ORDER BY rowid" for t in TABLES}
    found = findings if findings is not None else collect(store, scope)
    files = selected_file_ids(store, found, scope) or set()
    arts, hits = _ids(found, "artifact"), _ids(found, "hit")
    hashes, chits = _ids(found, "hashset"), _ids(found, "content_hit")
    queries = {t: f"SELECT * FROM {t} ORDER BY rowid" for t in TABLES}
    queries.update({
        "files": f"SELECT * FROM files WHERE id IN ({_in(files)}) ORDER BY id",
        "artifacts": f"SELECT * FROM artifacts WHERE id IN ({_in(arts)}) ORDER BY id",
        "timeline": f"SELECT * FROM timeline WHERE artifact_id IN ({_in(arts)}) ORDER BY id",
        "yara_hits": f"SELECT * FROM yara_hits WHERE id IN ({_in(hits)}) ORDER BY id",
        "hash_matches": f"SELECT * FROM hash_matches WHERE id IN ({_in(hashes)}) ORDER BY id",
        "content_hits": f"SELECT * FROM content_hits WHERE id IN ({_in(chits)}) ORDER BY id",
        "tags": (f"SELECT * FROM tags WHERE (target_kind='file' AND target_id IN ({_in(files)}))"
                 f" OR (target_kind='artifact' AND target_id IN ({_in(arts)}))"
                 f" OR (target_kind='hit' AND target_id IN ({_in(hits)}))"
                 f" OR (target_kind='content_hit' AND target_id IN ({_in(chits)})) ORDER BY id"),
        "thumbnails": f"SELECT * FROM thumbnails WHERE file_id IN ({_in(files)}) ORDER BY file_id",
    })
    return queries


def iter_table(store: CaseStore, sql: str) -> Iterator[dict[str, Any]]:
    for row in store.iter_query(sql):
        yield {k: row[k] for k in row.keys()}


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
    queries = table_queries(store, scope, found)
    queries["audit"] = "SELECT * FROM audit ORDER BY seq"
    for table, sql in queries.items():
        if table == "thumbnails":
            sql = sql.replace("SELECT *", "SELECT file_id, source_sha256, mime, width, height, created_utc")
        path = folder / f"{table}.csv"
        cols = [d[1] for d in store.conn.execute(f"PRAGMA table_info({table})")]
        if table == "thumbnails":
            cols = [c for c in cols if c != "image"]
        with path.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(cols)
            for row in iter_table(store, sql):
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
    for table, sql in table_queries(store, scope, findings).items():
        path = folder / f"{table}.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for row in iter_table(store, sql):
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
