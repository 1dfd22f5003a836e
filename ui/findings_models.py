"""Table models for findings, the timeline, warnings, tags, the audit log and custody.

All are :class:`SqlTableModel` instances over the case tables; artifact tables take their
columns from the record type (the extractor's dataclass fields, or the JSON keys stored).
Each row carries ``file_id`` so a double-click can jump to the source file.
"""

from __future__ import annotations

import dataclasses
import functools
import json
from typing import Any

from PySide6.QtCore import QCoreApplication

from forensic_triage.store import CaseStore

from .common import safe_text
from .loader import QueryLoader
from .sqlmodel import Column, SqlTableModel

t = QCoreApplication.translate


@functools.lru_cache(maxsize=1)
def registry_fields() -> dict[str, list[str]]:
    """record type -> field names, from every extractor that can be loaded."""
    from forensic_triage.extractors import load_registry

    out: dict[str, list[str]] = {}
    try:
        reg = load_registry()
    except Exception:  # a broken registry must not break the findings view; columns come from data
        return out
    for cls in reg.extractors:
        for rt in cls.record_types:
            if dataclasses.is_dataclass(rt):
                out[rt.record_type] = [f.name for f in dataclasses.fields(rt)]
    return out


def artifact_fields(store: CaseStore, record_type: str) -> list[str]:
    fields = registry_fields().get(record_type)
    if fields:
        return fields
    seen: dict[str, None] = {}
    for row in store.query("SELECT data FROM artifacts WHERE type = ? LIMIT 50", (record_type,)):
        try:
            data = json.loads(row["data"])
        except ValueError:
            continue
        if isinstance(data, dict):
            for key in data:
                seen.setdefault(str(key), None)
    return list(seen)


def _json_path(field: str) -> str:
    return "'$.\"" + field.replace("'", "''").replace('"', '\\"') + "\"'"


def _title(field: str) -> str:
    return field.replace("_", " ").capitalize()


def _compact(value: Any) -> str:
    if isinstance(value, str) and value[:1] in "[{":
        try:
            return safe_text(json.dumps(json.loads(value), ensure_ascii=False))
        except ValueError:
            pass
    return safe_text(value)


def artifact_model(pages: QueryLoader, counts: QueryLoader, store: CaseStore, record_type: str,
                   timezone: str) -> SqlTableModel:
    columns = [Column("time_utc", t("Findings", "Time"), "a.time_utc", "time"),
               Column("summary", t("Findings", "Summary"), "a.summary")]
    for i, field in enumerate(artifact_fields(store, record_type)):
        columns.append(Column(f"d{i}", _title(field), f"json_extract(a.data, {_json_path(field)})"))
    columns += [Column("plugin", t("Findings", "Plugin"), "a.plugin || ' ' || a.plugin_version"),
                Column("source", t("Findings", "Source (locator)"), "a.locator")]
    model = SqlTableModel(pages, counts, columns, "artifacts a", "a.id", timezone=timezone,
                          base_where=["a.type = ?"], base_params=[record_type],
                          extra={"file_id": "a.file_id", "kind": "'artifact'"})
    for col in columns[2:-2]:
        model.formatters[col.key] = _compact
    return model


def format_strings(value: Any) -> str:
    """YARA matched strings as ``$id @offset "text"``; bytes that are not text shown as hex."""
    try:
        items = json.loads(value) if isinstance(value, str) else value
    except ValueError:
        return safe_text(value)
    parts = []
    for item in items or []:
        if not isinstance(item, dict):
            parts.append(safe_text(item))
            continue
        shown = item.get("text") or item.get("hex") or ""
        parts.append(f"{item.get('identifier', '?')} @{item.get('offset', '?')} “{safe_text(shown)[:80]}”")
    return "; ".join(parts)


def yara_model(pages: QueryLoader, counts: QueryLoader, timezone: str) -> SqlTableModel:
    columns = [
        Column("rule", t("Findings", "Rule"), "y.rule"),
        Column("namespace", t("Findings", "Rule set"), "y.namespace"),
        Column("tags", t("Findings", "Rule tags"), "y.tags"),
        Column("strings", t("Findings", "Matched strings"), "y.strings", sortable=False),
        Column("path", t("Findings", "File"), "f.path"),
        Column("deleted", t("Findings", "Deleted"), "1 - f.allocated", "flag"),
        Column("source", t("Findings", "Source (locator)"), "y.locator"),
    ]
    model = SqlTableModel(pages, counts, columns, "yara_hits y JOIN files f ON f.id = y.file_id", "y.id",
                          timezone=timezone, extra={"file_id": "y.file_id", "kind": "'hit'"})
    model.formatters["strings"] = format_strings
    model.formatters["tags"] = lambda v: ", ".join(json.loads(v)) if str(v).startswith("[") else safe_text(v)
    model.row_style = lambda row: "deleted" if row["deleted"] else ""
    return model


def hashset_model(pages: QueryLoader, counts: QueryLoader, timezone: str) -> SqlTableModel:
    columns = [
        Column("set_name", t("Findings", "Hash set"), "h.set_name"),
        Column("kind", t("Findings", "Kind"), "h.kind"),
        Column("algorithm", t("Findings", "Algorithm"), "h.algorithm"),
        Column("hash", t("Findings", "Hash"), "h.hash", "hash"),
        Column("path", t("Findings", "File"), "f.path"),
        Column("size", t("Findings", "Size (bytes)"), "f.size", "bytes"),
        Column("source", t("Findings", "Source (locator)"), "f.locator"),
    ]
    return SqlTableModel(pages, counts, columns, "hash_matches h JOIN files f ON f.id = h.file_id", "h.id",
                         timezone=timezone, extra={"file_id": "h.file_id", "kind": "'hash_match'"})


def content_model(pages: QueryLoader, counts: QueryLoader, timezone: str) -> SqlTableModel:
    columns = [
        Column("kind", t("Findings", "Kind"), "c.kind"),
        Column("value", t("Findings", "Value"), "c.value"),
        Column("offset", t("Findings", "Offset"), "c.offset", "int"),
        Column("encoding", t("Findings", "Encoding"), "c.encoding"),
        Column("context", t("Findings", "Context"), "c.context", sortable=False),
        Column("path", t("Findings", "File"), "f.path"),
        Column("source", t("Findings", "Source (locator)"), "c.locator"),
    ]
    return SqlTableModel(pages, counts, columns, "content_hits c JOIN files f ON f.id = c.file_id", "c.id",
                         timezone=timezone, extra={"file_id": "c.file_id", "kind": "'content_hit'"})


def timeline_source(file_times: bool) -> str:
    parts = ["SELECT t.id * 8 AS uid, t.time_utc AS time_utc, t.event AS event, t.source AS source,"
             " t.description AS description, t.file_id AS file_id, t.locator AS locator FROM timeline t"]
    if file_times:
        for n, (col, label) in enumerate((("mtime", "File modified"), ("atime", "File accessed"),
                                          ("ctime", "File metadata changed"), ("crtime", "File created")), 1):
            parts.append(f"SELECT f.id * 8 + {n}, f.{col}, '{label}', 'file system', f.path, f.id, f.locator"
                         f" FROM files f WHERE f.{col} IS NOT NULL AND f.stream = ''")
    return "(" + " UNION ALL ".join(parts) + ") e"


def timeline_model(pages: QueryLoader, counts: QueryLoader, timezone: str, file_times: bool) -> SqlTableModel:
    columns = [
        Column("time_utc", t("Findings", "Time"), "e.time_utc", "time"),
        Column("event", t("Findings", "Event"), "e.event"),
        Column("description", t("Findings", "Description"), "e.description"),
        Column("source", t("Findings", "Produced by"), "e.source"),
        Column("locator", t("Findings", "Source (locator)"), "e.locator"),
    ]
    model = SqlTableModel(pages, counts, columns, timeline_source(file_times), "e.uid", timezone=timezone,
                          extra={"file_id": "e.file_id", "kind": "'timeline'"})
    model.set_sort(0)
    return model


def warnings_model(pages: QueryLoader, counts: QueryLoader, timezone: str) -> SqlTableModel:
    columns = [
        Column("created_utc", t("Findings", "Time"), "w.created_utc", "time"),
        Column("kind", t("Findings", "Kind"), "w.kind"),
        Column("source", t("Findings", "Component"), "w.source"),
        Column("message", t("Findings", "Message"), "w.message"),
        Column("locator", t("Findings", "Where (locator)"), "w.locator"),
        Column("job", t("Findings", "Job"), "w.job_id", "int"),
    ]
    return SqlTableModel(pages, counts, columns, "warnings w", "w.id", timezone=timezone,
                         extra={"file_id": "w.file_id", "kind": "'warning'"})


def tags_model(pages: QueryLoader, counts: QueryLoader, timezone: str) -> SqlTableModel:
    columns = [
        Column("created_utc", t("Findings", "Time"), "g.created_utc", "time"),
        Column("tag", t("Findings", "Tag"), "g.tag"),
        Column("note", t("Findings", "Note"), "g.note"),
        Column("target_kind", t("Findings", "On"), "g.target_kind"),
        Column("locator", t("Findings", "Source (locator)"), "g.locator"),
        Column("examiner", t("Findings", "Examiner"), "g.examiner"),
    ]
    file_id = ("CASE g.target_kind WHEN 'file' THEN g.target_id"
               " WHEN 'artifact' THEN (SELECT file_id FROM artifacts WHERE id = g.target_id)"
               " WHEN 'hit' THEN (SELECT file_id FROM yara_hits WHERE id = g.target_id)"
               " WHEN 'content_hit' THEN (SELECT file_id FROM content_hits WHERE id = g.target_id)"
               " WHEN 'hash_match' THEN (SELECT file_id FROM hash_matches WHERE id = g.target_id) END")
    return SqlTableModel(pages, counts, columns, "tags g", "g.id", timezone=timezone,
                         extra={"file_id": file_id, "kind": "'tag'"})


def audit_model(pages: QueryLoader, counts: QueryLoader, timezone: str) -> SqlTableModel:
    columns = [
        Column("seq", t("Audit", "#"), "a.seq", "int"),
        Column("time_utc", t("Audit", "Time"), "a.time_utc", "time"),
        Column("actor", t("Audit", "Who"), "a.actor"),
        Column("action", t("Audit", "Action"), "a.action"),
        Column("details", t("Audit", "Details"), "a.details", sortable=False),
        Column("hash", t("Audit", "Entry hash (SHA-256)"), "a.hash", "hash", sortable=False),
    ]
    model = SqlTableModel(pages, counts, columns, "audit a", "a.seq", timezone=timezone)
    model.formatters["details"] = _compact
    return model


def custody_model(pages: QueryLoader, counts: QueryLoader, timezone: str) -> SqlTableModel:
    columns = [
        Column("time_utc", t("Custody", "When"), "c.time_utc", "time"),
        Column("exhibit", t("Custody", "Exhibit"), "c.exhibit"),
        Column("action", t("Custody", "Action"), "c.action"),
        Column("who", t("Custody", "Who"), "c.who"),
        Column("location", t("Custody", "Where"), "c.location"),
        Column("purpose", t("Custody", "Why"), "c.purpose"),
        Column("from_party", t("Custody", "From"), "c.from_party"),
        Column("to_party", t("Custody", "To"), "c.to_party"),
        Column("seals", t("Custody", "Seals"), "c.seals"),
        Column("note", t("Custody", "Note"), "c.note"),
    ]
    return SqlTableModel(pages, counts, columns, "custody c", "c.id", timezone=timezone)
