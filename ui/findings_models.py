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
    """The column title of an artifact field, translated when artifact_field_titles lists it."""
    return QCoreApplication.translate("ArtifactField", field.replace("_", " ").capitalize())


def _compact(value: Any) -> str:
    if isinstance(value, str) and value[:1] in "[{":
        try:
            return safe_text(json.dumps(json.loads(value), ensure_ascii=False))
        except ValueError:
            pass
    return safe_text(value)


def labelled_details(value: Any) -> str:
    """Audit details as labelled fields (``Exhibit: EXH-001; SHA-256: 77e5…``), not raw JSON."""
    if not (isinstance(value, str) and value[:1] == "{"):
        return _compact(value)
    try:
        data = json.loads(value)
    except ValueError:
        return _compact(value)
    if not isinstance(data, dict) or not data:
        return _compact(value)
    parts = []
    for key, item in data.items():
        label = _LABELS.get(key) or str(key).replace("_", " ").strip().capitalize()
        if isinstance(item, (dict, list)):
            text = json.dumps(item, ensure_ascii=False) if item else "none"
        elif isinstance(item, bool):
            text = "yes" if item else "no"
        else:
            text = "—" if item is None or item == "" else str(item)
        parts.append(f"{label}: {text}")
    return safe_text("; ".join(parts))


_LABELS = {"sha256": "SHA-256", "sha1": "SHA-1", "md5": "MD5", "uid": "Evidence", "job_id": "Job",
           "utc": "UTC", "tz": "Time zone", "id": "ID", "ids": "IDs", "url": "URL", "pdf": "PDF"}


def artifact_model(pages: QueryLoader, counts: QueryLoader, store: CaseStore, record_type: str,
                   timezone: str) -> SqlTableModel:
    columns = [Column("time_utc", QCoreApplication.translate("Findings", "Time"), "a.time_utc", "time"),
               Column("summary", QCoreApplication.translate("Findings", "Summary"), "a.summary")]
    for i, field in enumerate(artifact_fields(store, record_type)):
        columns.append(Column(f"d{i}", _title(field), f"json_extract(a.data, {_json_path(field)})"))
    columns += [Column("plugin", QCoreApplication.translate("Findings", "Plugin"), "a.plugin || ' ' || a.plugin_version"),
                Column("source", QCoreApplication.translate("Findings", "Source (locator)"), "a.locator")]
    model = SqlTableModel(pages, counts, columns, "artifacts a", "a.id", timezone=timezone,
                          base_where=["a.type = ?"], base_params=[record_type],
                          extra={"file_id": "a.file_id", "kind": "'artifact'"})
    for col in columns[2:-2]:
        model.formatters[col.key] = _compact
    return model


def format_strings(value: Any) -> str:
    """YARA matched strings as ``$id at byte N: "text"``; bytes that are not text shown as hex."""
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
        parts.append(QCoreApplication.translate("Findings", "{0} at byte {1}: “{2}”").format(
            item.get("identifier", "?"), item.get("offset", "?"), safe_text(shown)[:80]))
    return "; ".join(parts)


def yara_model(pages: QueryLoader, counts: QueryLoader, timezone: str) -> SqlTableModel:
    columns = [
        Column("rule", QCoreApplication.translate("Findings", "Rule"), "y.rule"),
        Column("namespace", QCoreApplication.translate("Findings", "Rule set"), "y.namespace"),
        Column("tags", QCoreApplication.translate("Findings", "Rule tags"), "y.tags"),
        Column("strings", QCoreApplication.translate("Findings", "Matched strings"), "y.strings", sortable=False),
        Column("path", QCoreApplication.translate("Findings", "File"), "f.path"),
        Column("deleted", QCoreApplication.translate("Findings", "Deleted"), "1 - f.allocated", "flag"),
        Column("source", QCoreApplication.translate("Findings", "Source (locator)"), "y.locator"),
    ]
    model = SqlTableModel(pages, counts, columns, "yara_hits y JOIN files f ON f.id = y.file_id", "y.id",
                          timezone=timezone, extra={"file_id": "y.file_id", "kind": "'hit'"})
    model.formatters["strings"] = format_strings
    model.formatters["tags"] = lambda v: ", ".join(json.loads(v)) if str(v).startswith("[") else safe_text(v)
    model.row_style = lambda row: "deleted" if row["deleted"] else ""
    return model


def hashset_model(pages: QueryLoader, counts: QueryLoader, timezone: str) -> SqlTableModel:
    columns = [
        Column("set_name", QCoreApplication.translate("Findings", "Hash set"), "h.set_name"),
        Column("kind", QCoreApplication.translate("Findings", "Kind"), "h.kind"),
        Column("algorithm", QCoreApplication.translate("Findings", "Algorithm"), "h.algorithm"),
        Column("hash", QCoreApplication.translate("Findings", "Hash"), "h.hash", "hash"),
        Column("path", QCoreApplication.translate("Findings", "File"), "f.path"),
        Column("size", QCoreApplication.translate("Findings", "Size (bytes)"), "f.size", "bytes"),
        Column("source", QCoreApplication.translate("Findings", "Source (locator)"), "f.locator"),
    ]
    return SqlTableModel(pages, counts, columns, "hash_matches h JOIN files f ON f.id = h.file_id", "h.id",
                         timezone=timezone, extra={"file_id": "h.file_id", "kind": "'hash_match'"})


def content_model(pages: QueryLoader, counts: QueryLoader, timezone: str) -> SqlTableModel:
    columns = [
        Column("kind", QCoreApplication.translate("Findings", "Kind"), "c.kind"),
        Column("value", QCoreApplication.translate("Findings", "Value"), "c.value"),
        Column("offset", QCoreApplication.translate("Findings", "Offset"), "c.offset", "int"),
        Column("encoding", QCoreApplication.translate("Findings", "Encoding"), "c.encoding"),
        Column("context", QCoreApplication.translate("Findings", "Context"), "c.context", sortable=False),
        Column("path", QCoreApplication.translate("Findings", "File"), "f.path"),
        Column("source", QCoreApplication.translate("Findings", "Source (locator)"), "c.locator"),
    ]
    return SqlTableModel(pages, counts, columns, "content_hits c JOIN files f ON f.id = c.file_id", "c.id",
                         timezone=timezone, extra={"file_id": "c.file_id", "kind": "'content_hit'"})


def timeline_source(file_times: bool) -> str:
    """Artifact times, plus (optionally) file-system times, all in UTC.

    File systems that record UTC give their times as they are. Local clock times (FAT, exFAT) are
    on it only when the evidence item's zone was declared, made UTC with it by the ``ft_utc`` SQL
    function (see :class:`~.loader.QueryLoader`) and marked ``assumed:ZONE``; with the zone
    unknown they are left out, never sorted among UTC times.
    """
    parts = ["SELECT t.id * 8 AS uid, t.time_utc AS time_utc, t.event AS event, t.source AS source,"
             " t.description AS description, t.file_id AS file_id, t.locator AS locator, t.basis AS basis,"
             " t.local_time AS local_time FROM timeline t"]
    if file_times:
        for n, (col, label) in enumerate((("mtime", "File modified"), ("atime", "File accessed"),
                                          ("ctime", "File metadata changed"), ("crtime", "File created")), 1):
            parts.append(f"SELECT f.id * 8 + {n}, f.{col}, '{label}', 'file system', f.path, f.id, f.locator,"
                         f" 'utc', NULL FROM files f WHERE f.{col} IS NOT NULL AND f.stream = ''"
                         f" AND f.time_basis = 'utc'")
            parts.append(f"SELECT f.id * 8 + {n}, ft_utc(f.{col}, ev.source_timezone), '{label}', 'file system',"
                         f" f.path, f.id, f.locator, 'assumed:' || ev.source_timezone, f.{col}"
                         f" FROM files f JOIN evidence ev ON ev.id = f.evidence_id"
                         f" WHERE f.{col} IS NOT NULL AND f.stream = '' AND f.time_basis = 'local'"
                         f" AND ev.source_timezone IS NOT NULL AND ft_utc(f.{col}, ev.source_timezone) IS NOT NULL")
    return "(" + " UNION ALL ".join(parts) + ") e"


def timeline_model(pages: QueryLoader, counts: QueryLoader, timezone: str, file_times: bool) -> SqlTableModel:
    columns = [
        Column("time_utc", QCoreApplication.translate("Findings", "Time"), "e.time_utc", "time"),
        Column("event", QCoreApplication.translate("Findings", "Event"), "e.event"),
        Column("description", QCoreApplication.translate("Findings", "Description"), "e.description"),
        Column("source", QCoreApplication.translate("Findings", "Produced by"), "e.source"),
        Column("locator", QCoreApplication.translate("Findings", "Source (locator)"), "e.locator"),
    ]
    model = SqlTableModel(pages, counts, columns, timeline_source(file_times), "e.uid", timezone=timezone,
                          extra={"file_id": "e.file_id", "kind": "'timeline'", "basis": "e.basis",
                                 "local_time": "e.local_time"})
    model.set_sort(0)
    return model


def warnings_model(pages: QueryLoader, counts: QueryLoader, timezone: str) -> SqlTableModel:
    columns = [
        Column("created_utc", QCoreApplication.translate("Findings", "Time"), "w.created_utc", "time"),
        Column("kind", QCoreApplication.translate("Findings", "Kind"), "w.kind"),
        Column("source", QCoreApplication.translate("Findings", "Component"), "w.source"),
        Column("message", QCoreApplication.translate("Findings", "Message"), "w.message"),
        Column("locator", QCoreApplication.translate("Findings", "Where (locator)"), "w.locator"),
        Column("job", QCoreApplication.translate("Findings", "Job"), "w.job_id", "int"),
    ]
    return SqlTableModel(pages, counts, columns, "warnings w", "w.id", timezone=timezone,
                         extra={"file_id": "w.file_id", "kind": "'warning'"})


def tags_model(pages: QueryLoader, counts: QueryLoader, timezone: str) -> SqlTableModel:
    columns = [
        Column("tag_id", QCoreApplication.translate("Findings", "Tag ID"), "g.id", "int",
               tooltip=QCoreApplication.translate("Findings", "The id to give 'forensic-triage tag CASE --id'")),
        Column("created_utc", QCoreApplication.translate("Findings", "Time"), "g.created_utc", "time"),
        Column("tag", QCoreApplication.translate("Findings", "Tag"), "g.tag"),
        Column("note", QCoreApplication.translate("Findings", "Note"), "g.note"),
        Column("interpretation", QCoreApplication.translate("Findings", "Interpretation"), "g.interpretation"),
        Column("alternatives", QCoreApplication.translate("Findings", "Alternative explanations"), "g.alternatives"),
        Column("target_kind", QCoreApplication.translate("Findings", "On"), "g.target_kind"),
        Column("locator", QCoreApplication.translate("Findings", "Source (locator)"), "g.locator"),
        Column("examiner", QCoreApplication.translate("Findings", "Examiner"), "g.examiner"),
    ]
    file_id = ("CASE g.target_kind WHEN 'file' THEN g.target_id"
               " WHEN 'artifact' THEN (SELECT file_id FROM artifacts WHERE id = g.target_id)"
               " WHEN 'hit' THEN (SELECT file_id FROM yara_hits WHERE id = g.target_id)"
               " WHEN 'content_hit' THEN (SELECT file_id FROM content_hits WHERE id = g.target_id)"
               " WHEN 'hash_match' THEN (SELECT file_id FROM hash_matches WHERE id = g.target_id) END")
    model = SqlTableModel(pages, counts, columns, "tags g", "g.id", timezone=timezone,
                          extra={"file_id": file_id, "kind": "'tag'"})
    model.formatters["tag_id"] = lambda v: f"TAG-{v}"
    return model


def audit_model(pages: QueryLoader, counts: QueryLoader, timezone: str) -> SqlTableModel:
    columns = [
        Column("seq", QCoreApplication.translate("Audit", "#"), "a.seq", "int"),
        Column("time_utc", QCoreApplication.translate("Audit", "Time"), "a.time_utc", "time"),
        Column("actor", QCoreApplication.translate("Audit", "Who"), "a.actor"),
        Column("action", QCoreApplication.translate("Audit", "Action"), "a.action"),
        Column("details", QCoreApplication.translate("Audit", "Details"), "a.details", sortable=False),
        Column("hash", QCoreApplication.translate("Audit", "Entry hash (SHA-256)"), "a.hash", "hash", sortable=False),
    ]
    model = SqlTableModel(pages, counts, columns, "audit a", "a.seq", timezone=timezone)
    model.formatters["details"] = labelled_details
    return model


def custody_model(pages: QueryLoader, counts: QueryLoader, timezone: str) -> SqlTableModel:
    columns = [
        Column("time_utc", QCoreApplication.translate("Custody", "When"), "c.time_utc", "time"),
        Column("exhibit", QCoreApplication.translate("Custody", "Exhibit"), "c.exhibit"),
        Column("action", QCoreApplication.translate("Custody", "Action"), "c.action"),
        Column("who", QCoreApplication.translate("Custody", "Who"), "c.who"),
        Column("location", QCoreApplication.translate("Custody", "Where"), "c.location"),
        Column("purpose", QCoreApplication.translate("Custody", "Why"), "c.purpose"),
        Column("from_party", QCoreApplication.translate("Custody", "From"), "c.from_party"),
        Column("to_party", QCoreApplication.translate("Custody", "To"), "c.to_party"),
        Column("seals", QCoreApplication.translate("Custody", "Seals"), "c.seals"),
        Column("note", QCoreApplication.translate("Custody", "Note"), "c.note"),
        Column("entered_by", QCoreApplication.translate("Custody", "Entered by"), "c.entered_by",
               tooltip=QCoreApplication.translate("Custody", "The examiner who entered this record")),
        Column("entered_utc", QCoreApplication.translate("Custody", "Entered at"), "c.entered_utc", "time",
               tooltip=QCoreApplication.translate("Custody", "When this record was entered (not when the event "
                                                             "happened)")),
    ]
    return SqlTableModel(pages, counts, columns, "custody c", "c.id", timezone=timezone)
