"""Table models for findings, the timeline, warnings, tags, the audit log and custody.

All are :class:`SqlTableModel` instances over the case tables (asked of ``store.browse`` by name); artifact tables take their
columns from the record type (the extractor's dataclass fields, or the JSON keys stored).
Each row carries ``file_id`` so a double-click can jump to the source file.
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QCoreApplication

from forensic_triage.plugin_catalog import current_catalog
from forensic_triage.store import CaseStore
from forensic_triage.store.browse_repo import TableQuery

from .common import safe_text
from .loader import QueryLoader
from .sqlmodel import Column, SqlTableModel


def registry_fields() -> dict[str, list[str]]:
    """record type -> field names, from every extractor that can be loaded.

    The extractors are imported in a child process (``forensic_triage.plugin_catalog``), never
    here: a user plugin that crashes, hangs or eats memory when imported cannot take the GUI
    down; its problem is listed in the triage panel, and the columns then come from the data."""
    try:
        return current_catalog().fields_by_record_type()
    except OSError:  # no child process could be started: the columns come from the stored data
        return {}


def artifact_fields(store: CaseStore, record_type: str) -> list[str]:
    fields = registry_fields().get(record_type)
    if fields:
        return fields
    seen: dict[str, None] = {}
    for text in store.findings.artifact_data_samples(record_type):
        try:
            data = json.loads(text)
        except ValueError:
            continue
        if isinstance(data, dict):
            for key in data:
                seen.setdefault(str(key), None)
    return list(seen)


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
    columns = [Column("time_utc", QCoreApplication.translate("Findings", "Time"), "time"),
               Column("summary", QCoreApplication.translate("Findings", "Summary"))]
    fields = artifact_fields(store, record_type)
    for i, field in enumerate(fields):
        columns.append(Column(f"d{i}", _title(field)))  # data field ``field`` (store.browse reads it)
    columns += [Column("plugin", QCoreApplication.translate("Findings", "Plugin")),
                Column("source", QCoreApplication.translate("Findings", "Source (locator)"))]
    model = SqlTableModel(pages, counts, columns, TableQuery("artifacts", record_type=record_type,
                                                             fields=tuple(fields)), timezone=timezone)
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
        Column("rule", QCoreApplication.translate("Findings", "Rule")),
        Column("namespace", QCoreApplication.translate("Findings", "Rule set")),
        Column("tags", QCoreApplication.translate("Findings", "Rule tags")),
        Column("strings", QCoreApplication.translate("Findings", "Matched strings"), sortable=False),
        Column("path", QCoreApplication.translate("Findings", "File")),
        Column("deleted", QCoreApplication.translate("Findings", "Deleted"), "flag"),
        Column("source", QCoreApplication.translate("Findings", "Source (locator)")),
    ]
    model = SqlTableModel(pages, counts, columns, TableQuery("yara"), timezone=timezone)
    model.formatters["strings"] = format_strings
    model.formatters["tags"] = lambda v: ", ".join(json.loads(v)) if str(v).startswith("[") else safe_text(v)
    model.row_style = lambda row: "deleted" if row["deleted"] else ""
    return model


def hashset_model(pages: QueryLoader, counts: QueryLoader, timezone: str) -> SqlTableModel:
    columns = [
        Column("set_name", QCoreApplication.translate("Findings", "Hash set")),
        Column("kind", QCoreApplication.translate("Findings", "Kind")),
        Column("algorithm", QCoreApplication.translate("Findings", "Algorithm")),
        Column("hash", QCoreApplication.translate("Findings", "Hash"), "hash"),
        Column("path", QCoreApplication.translate("Findings", "File")),
        Column("size", QCoreApplication.translate("Findings", "Size (bytes)"), "bytes"),
        Column("source", QCoreApplication.translate("Findings", "Source (locator)")),
    ]
    return SqlTableModel(pages, counts, columns, TableQuery("hashsets"), timezone=timezone)


def content_model(pages: QueryLoader, counts: QueryLoader, timezone: str) -> SqlTableModel:
    columns = [
        Column("kind", QCoreApplication.translate("Findings", "Kind")),
        Column("value", QCoreApplication.translate("Findings", "Value")),
        Column("offset", QCoreApplication.translate("Findings", "Offset"), "int"),
        Column("encoding", QCoreApplication.translate("Findings", "Encoding")),
        Column("context", QCoreApplication.translate("Findings", "Context"), sortable=False),
        Column("path", QCoreApplication.translate("Findings", "File")),
        Column("source", QCoreApplication.translate("Findings", "Source (locator)")),
    ]
    return SqlTableModel(pages, counts, columns, TableQuery("content"), timezone=timezone)


def timeline_model(pages: QueryLoader, counts: QueryLoader, timezone: str, file_times: bool) -> SqlTableModel:
    columns = [
        Column("time_utc", QCoreApplication.translate("Findings", "Time"), "time"),
        Column("event", QCoreApplication.translate("Findings", "Event")),
        Column("description", QCoreApplication.translate("Findings", "Description")),
        Column("source", QCoreApplication.translate("Findings", "Produced by")),
        Column("locator", QCoreApplication.translate("Findings", "Source (locator)")),
    ]
    # Rows carry basis and local_time: how each time is known (sqlmodel shows it).
    model = SqlTableModel(pages, counts, columns, TableQuery("timeline", file_times=file_times), timezone=timezone)
    model.set_sort(0)
    return model


def warnings_model(pages: QueryLoader, counts: QueryLoader, timezone: str) -> SqlTableModel:
    columns = [
        Column("created_utc", QCoreApplication.translate("Findings", "Time"), "time"),
        Column("kind", QCoreApplication.translate("Findings", "Kind")),
        Column("source", QCoreApplication.translate("Findings", "Component")),
        Column("message", QCoreApplication.translate("Findings", "Message")),
        Column("locator", QCoreApplication.translate("Findings", "Where (locator)")),
        Column("job", QCoreApplication.translate("Findings", "Job"), "int"),
    ]
    return SqlTableModel(pages, counts, columns, TableQuery("warnings"), timezone=timezone)


def tags_model(pages: QueryLoader, counts: QueryLoader, timezone: str) -> SqlTableModel:
    columns = [
        Column("tag_id", QCoreApplication.translate("Findings", "Tag ID"), "int",
               tooltip=QCoreApplication.translate("Findings", "The id to give 'forensic-triage tag CASE --id'")),
        Column("created_utc", QCoreApplication.translate("Findings", "Time"), "time"),
        Column("tag", QCoreApplication.translate("Findings", "Tag")),
        Column("note", QCoreApplication.translate("Findings", "Note")),
        Column("interpretation", QCoreApplication.translate("Findings", "Interpretation")),
        Column("alternatives", QCoreApplication.translate("Findings", "Alternative explanations")),
        Column("target_kind", QCoreApplication.translate("Findings", "On")),
        Column("locator", QCoreApplication.translate("Findings", "Source (locator)")),
        Column("examiner", QCoreApplication.translate("Findings", "Examiner")),
    ]
    model = SqlTableModel(pages, counts, columns, TableQuery("tags"), timezone=timezone)
    model.formatters["tag_id"] = lambda v: f"TAG-{v}"
    return model


def audit_model(pages: QueryLoader, counts: QueryLoader, timezone: str) -> SqlTableModel:
    columns = [
        Column("seq", QCoreApplication.translate("Audit", "#"), "int"),
        Column("time_utc", QCoreApplication.translate("Audit", "Time"), "time"),
        Column("actor", QCoreApplication.translate("Audit", "Who")),
        Column("action", QCoreApplication.translate("Audit", "Action")),
        Column("details", QCoreApplication.translate("Audit", "Details"), sortable=False),
        Column("hash", QCoreApplication.translate("Audit", "Entry hash (SHA-256)"), "hash", sortable=False),
    ]
    model = SqlTableModel(pages, counts, columns, TableQuery("audit"), timezone=timezone)
    model.formatters["details"] = labelled_details
    return model


def custody_model(pages: QueryLoader, counts: QueryLoader, timezone: str) -> SqlTableModel:
    columns = [
        Column("time_utc", QCoreApplication.translate("Custody", "When"), "time"),
        Column("exhibit", QCoreApplication.translate("Custody", "Exhibit")),
        Column("action", QCoreApplication.translate("Custody", "Action")),
        Column("who", QCoreApplication.translate("Custody", "Who")),
        Column("location", QCoreApplication.translate("Custody", "Where")),
        Column("purpose", QCoreApplication.translate("Custody", "Why")),
        Column("from_party", QCoreApplication.translate("Custody", "From")),
        Column("to_party", QCoreApplication.translate("Custody", "To")),
        Column("seals", QCoreApplication.translate("Custody", "Seals")),
        Column("note", QCoreApplication.translate("Custody", "Note")),
        Column("entered_by", QCoreApplication.translate("Custody", "Entered by"),
               tooltip=QCoreApplication.translate("Custody", "The examiner who entered this record")),
        Column("entered_utc", QCoreApplication.translate("Custody", "Entered at"), "time",
               tooltip=QCoreApplication.translate("Custody", "When this record was entered (not when the event "
                                                             "happened)")),
    ]
    return SqlTableModel(pages, counts, columns, TableQuery("custody"), timezone=timezone)
