"""What the GUI's views ask for by name: files pages by keyset and filter, folder children, timeline windows, findings pages, the audit view (store-ui).

A view asks for a page with a :class:`TableQuery` (which view, which of its columns, which filters,
which order) and the position after the last row it holds (``after=(sort key, id)``). The SQL is
built here from a fixed catalogue of views and columns: a column or view name that is not in the
catalogue is refused, and what the examiner typed only ever reaches the database as a bound
parameter (a ``LIKE`` pattern with its wildcards escaped). Paging is by keyset, never ``OFFSET``:
``ORDER BY key, id`` and ``(key, id) > (last key, last id)`` cost the same on page 1 and page 4,000.
A PostgreSQL back-end implements the same methods with the same query descriptions.
"""

from __future__ import annotations

import contextlib
import dataclasses
import re
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ..errors import StoreError
from ..timeutil import sortable_local
from .base import Repo

if TYPE_CHECKING:
    from .db import CaseStore

ColumnKind = Literal["text", "num", "time"]
Keyset = tuple[Any, int]
"""Where the next page starts: the sort key and the id of the last row already held (``row['_k'], row['_id']``)."""

# File categories as MIME patterns (what libmagic reports for the single read).
CATEGORIES: dict[str, tuple[str, ...]] = {
    "pictures": ("image/%",),
    "video": ("video/%",),
    "audio": ("audio/%",),
    "documents": ("application/pdf", "application/msword", "application/vnd.ms-%", "application/vnd.openxml%",
                  "application/vnd.oasis.opendocument%", "application/rtf", "text/rtf"),
    "text": ("text/%",),
    "archives": ("application/zip", "application/x-7z-compressed", "application/x-rar%", "application/gzip",
                 "application/x-tar", "application/x-bzip2", "application/x-xz", "application/vnd.rar"),
    "executables": ("application/x-dosexec", "application/x-executable", "application/x-sharedlib",
                    "application/x-pie-executable", "application/x-mach-binary",
                    "application/vnd.microsoft.portable-executable"),
    "databases": ("application/x-sqlite3", "application/vnd.sqlite3"),
    "email": ("message/%", "application/vnd.ms-outlook"),
}

_HEX = re.compile(r"^[0-9a-fA-F]{32}$|^[0-9a-fA-F]{40}$|^[0-9a-fA-F]{64}$")


def like_escape(text: str) -> str:
    """``text`` as a literal inside a ``LIKE ... ESCAPE '\\'`` pattern (``%`` and ``_`` are not wildcards)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


@dataclasses.dataclass(slots=True)
class FileFilter:
    """What the examiner asked to see in the file table; turned into SQL conditions, never into Python filtering."""

    evidence_id: int | None = None
    volume_id: int | None = None
    folder: str | None = None        # list one folder (its entries, folders included)
    deleted: str = "all"             # all | deleted | allocated
    category: str = ""               # key of CATEGORIES, "" = all
    ext_mismatch: bool = False
    yara: bool = False
    hashset: str = ""                # "" | any | notable | known-good
    tagged: bool = False
    text: str = ""                   # part of the path (a literal), or a pasted MD5/SHA-1/SHA-256
    file_ids: list[int] | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class TableQuery:
    """One table of a GUI view, described by name (the repository writes the SQL).

    ``view`` is a name of :data:`VIEWS` (``files``, ``yara``, ``hashsets``, ``content``, ``timeline``,
    ``warnings``, ``tags``, ``audit``, ``custody``, ``artifacts``); ``columns`` are keys of that view
    (all of them when empty); ``text`` is a literal substring looked for in the text columns asked
    for; ``order`` is a column key (``None``: by id)."""

    view: str
    columns: tuple[str, ...] = ()
    files: FileFilter | None = None      # view "files"
    record_type: str = ""                # view "artifacts": the record type shown
    fields: tuple[str, ...] = ()         # view "artifacts": data fields, as columns d0, d1, ...
    file_times: bool = False             # view "timeline": file-system times too
    text: str = ""
    start: str | None = None             # view "timeline": UTC window [start, end)
    end: str | None = None
    order: str | None = None
    descending: bool = False


@dataclasses.dataclass(frozen=True, slots=True)
class ViewColumn:
    expr: str
    kind: ColumnKind = "text"  # num: sorts NULL as -1; text/time: NULL as ''; only text columns are searched
    sortable: bool = True


@dataclasses.dataclass(frozen=True, slots=True)
class View:
    source: str
    id_expr: str
    columns: dict[str, ViewColumn]
    extra: dict[str, str] = dataclasses.field(default_factory=dict)  # selected with each row, not shown


def _c(expr: str, kind: ColumnKind = "text", sortable: bool = True) -> ViewColumn:
    return ViewColumn(expr, kind, sortable)


def _timeline_source(file_times: bool) -> str:
    """Artifact times, plus (optionally) file-system times, all in UTC.

    File systems that record UTC give their times as they are. Local clock times (FAT, exFAT) are
    on it only when the evidence item's zone was declared, made UTC with it by the ``ft_utc`` SQL
    function (registered on the connection by :class:`BrowseRepo`) and marked ``assumed:ZONE``;
    with the zone unknown they are left out, never sorted among UTC times.
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


_TAG_FILE_ID = ("CASE g.target_kind WHEN 'file' THEN g.target_id"
                " WHEN 'artifact' THEN (SELECT file_id FROM artifacts WHERE id = g.target_id)"
                " WHEN 'hit' THEN (SELECT file_id FROM yara_hits WHERE id = g.target_id)"
                " WHEN 'content_hit' THEN (SELECT file_id FROM content_hits WHERE id = g.target_id)"
                " WHEN 'hash_match' THEN (SELECT file_id FROM hash_matches WHERE id = g.target_id) END")

_TIMELINE_COLUMNS = {"time_utc": _c("e.time_utc", "time"), "event": _c("e.event"),
                     "description": _c("e.description"), "source": _c("e.source"), "locator": _c("e.locator")}
_TIMELINE_EXTRA = {"file_id": "e.file_id", "kind": "'timeline'", "basis": "e.basis", "local_time": "e.local_time"}

VIEWS: dict[str, View] = {
    "files": View("files f", "f.id", {
        "name": _c("f.name"), "folder": _c("f.parent_path"), "size": _c("f.size", "num"),
        "mtime": _c("f.mtime", "time"), "crtime": _c("f.crtime", "time"), "mime": _c("f.mime"),
        "extension": _c("f.extension || CASE WHEN f.ext_mismatch THEN ' ≠ ' || coalesce(f.detected_ext, '?')"
                        " ELSE '' END"),
        "deleted": _c("1 - f.allocated", "num"), "hits": _c("f.hit_count", "num"), "hashset": _c("f.hashset_match"),
        "tags": _c("(SELECT group_concat(t.tag, ', ') FROM tags t WHERE t.target_kind = 'file' AND t.target_id = f.id)",
                   sortable=False),
        "status": _c("f.status"), "flags": _c("f.flags"), "md5": _c("f.md5")},
        # how the times are known (the table shows it)
        {"time_basis": "f.time_basis",
         "source_zone": "(SELECT source_timezone FROM evidence e WHERE e.id = f.evidence_id)"}),
    "yara": View("yara_hits y JOIN files f ON f.id = y.file_id", "y.id", {
        "rule": _c("y.rule"), "namespace": _c("y.namespace"), "tags": _c("y.tags"),
        "strings": _c("y.strings", sortable=False), "path": _c("f.path"), "deleted": _c("1 - f.allocated", "num"),
        "source": _c("y.locator")}, {"file_id": "y.file_id", "kind": "'hit'"}),
    "hashsets": View("hash_matches h JOIN files f ON f.id = h.file_id", "h.id", {
        "set_name": _c("h.set_name"), "kind": _c("h.kind"), "algorithm": _c("h.algorithm"), "hash": _c("h.hash"),
        "path": _c("f.path"), "size": _c("f.size", "num"), "source": _c("f.locator")},
        {"file_id": "h.file_id", "kind": "'hash_match'"}),
    "content": View("content_hits c JOIN files f ON f.id = c.file_id", "c.id", {
        "kind": _c("c.kind"), "value": _c("c.value"), "offset": _c("c.offset", "num"), "encoding": _c("c.encoding"),
        "context": _c("c.context", sortable=False), "path": _c("f.path"), "source": _c("c.locator")},
        {"file_id": "c.file_id", "kind": "'content_hit'"}),
    "timeline": View(_timeline_source(False), "e.uid", _TIMELINE_COLUMNS, _TIMELINE_EXTRA),
    "warnings": View("warnings w", "w.id", {
        "created_utc": _c("w.created_utc", "time"), "kind": _c("w.kind"), "source": _c("w.source"),
        "message": _c("w.message"), "locator": _c("w.locator"), "job": _c("w.job_id", "num")},
        {"file_id": "w.file_id", "kind": "'warning'"}),
    "tags": View("tags g", "g.id", {
        "tag_id": _c("g.id", "num"), "created_utc": _c("g.created_utc", "time"), "tag": _c("g.tag"),
        "note": _c("g.note"), "interpretation": _c("g.interpretation"), "alternatives": _c("g.alternatives"),
        "target_kind": _c("g.target_kind"), "locator": _c("g.locator"), "examiner": _c("g.examiner")},
        {"file_id": _TAG_FILE_ID, "kind": "'tag'"}),
    "audit": View("audit a", "a.seq", {
        "seq": _c("a.seq", "num"), "time_utc": _c("a.time_utc", "time"), "actor": _c("a.actor"),
        "action": _c("a.action"), "details": _c("a.details", sortable=False),
        "hash": _c("a.hash", sortable=False)}),
    "custody": View("custody c", "c.id", {
        "time_utc": _c("c.time_utc", "time"), "exhibit": _c("c.exhibit"), "action": _c("c.action"),
        "who": _c("c.who"), "location": _c("c.location"), "purpose": _c("c.purpose"),
        "from_party": _c("c.from_party"), "to_party": _c("c.to_party"), "seals": _c("c.seals"), "note": _c("c.note"),
        "entered_by": _c("c.entered_by"), "entered_utc": _c("c.entered_utc", "time")}),
    "artifacts": View("artifacts a", "a.id", {
        "time_utc": _c("a.time_utc", "time"), "summary": _c("a.summary"),
        "plugin": _c("a.plugin || ' ' || a.plugin_version"), "source": _c("a.locator")},
        {"file_id": "a.file_id", "kind": "'artifact'"}),
}
_TIMELINE_WITH_FILES = View(_timeline_source(True), "e.uid", _TIMELINE_COLUMNS, _TIMELINE_EXTRA)


def row_extras(view: str) -> frozenset[str]:
    """What each row of a table carries besides its columns and ``_id``/``_k`` (``file_id``, ``kind``...)."""
    return frozenset(VIEWS[view].extra) if view in VIEWS else frozenset()


class _Sql:
    """Conditions and named parameters of one statement (user values only ever as parameters)."""

    def __init__(self) -> None:
        self.conds: list[str] = []
        self.params: dict[str, Any] = {}

    def bind(self, value: Any) -> str:
        name = f"p{len(self.params)}"
        self.params[name] = value
        return f":{name}"

    def where(self) -> str:
        return f" WHERE {' AND '.join(f'({c})' for c in self.conds)}" if self.conds else ""


def _file_conditions(flt: FileFilter, q: _Sql) -> None:
    if flt.file_ids is not None:
        q.conds.append(f"f.id IN ({','.join(q.bind(int(i)) for i in flt.file_ids)})" if flt.file_ids else "0")
        return
    for expr, value in (("f.evidence_id", flt.evidence_id), ("f.volume_id", flt.volume_id),
                        ("f.parent_path", flt.folder)):
        if value is not None:
            q.conds.append(f"{expr} = {q.bind(value)}")
    if flt.folder is None:
        q.conds.append("f.type = 'file'")
    if flt.deleted == "deleted":
        q.conds.append("f.allocated = 0")
    elif flt.deleted == "allocated":
        q.conds.append("f.allocated = 1")
    if flt.category in CATEGORIES:
        q.conds.append(" OR ".join(f"f.mime LIKE {q.bind(p)}" for p in CATEGORIES[flt.category]))
    if flt.ext_mismatch:
        q.conds.append("f.ext_mismatch = 1")
    if flt.yara:
        q.conds.append("f.hit_count > 0")
    if flt.hashset == "any":
        q.conds.append("f.hashset_match IS NOT NULL")
    elif flt.hashset:
        q.conds.append(f"f.hashset_match = {q.bind(flt.hashset)}")
    if flt.tagged:
        q.conds.append("EXISTS (SELECT 1 FROM tags t WHERE t.target_kind = 'file' AND t.target_id = f.id)")
    text = flt.text.strip()
    if text:
        if _HEX.match(text):
            digest = q.bind(text.lower())
            q.conds.append(f"f.md5 = {digest} OR f.sha1 = {digest} OR f.sha256 = {digest}")
        else:
            q.conds.append(f"f.path LIKE {q.bind(f'%{like_escape(text)}%')} ESCAPE '\\'")


class BrowseRepo(Repo):
    """Reached as ``store.browse``."""

    def __init__(self, store: CaseStore) -> None:
        super().__init__(store)
        # Local clock times (FAT, EXIF) made UTC with an evidence item's declared zone, for the timeline.
        self._conn.create_function("ft_utc", 2, sortable_local, deterministic=True)

    # ------------------------------------------------------------ connection
    def reader_only(self) -> None:
        """This connection only reads from now on (the GUI's background loaders)."""
        try:
            self._conn.execute("PRAGMA query_only=ON")
        except sqlite3.Error as exc:
            raise StoreError(f"The case database in {self._store.case_dir} could not be read: {exc}.") from exc

    def interrupt(self) -> None:
        """Stop the statement running on this connection (from another thread); it raises 'interrupted'."""
        self._conn.interrupt()

    # -------------------------------------------------------- generic pages
    def _view(self, query: TableQuery) -> tuple[View, dict[str, ViewColumn]]:
        """The catalogue entry of a query and its columns (artifact data fields added); unknown names are refused."""
        if query.view == "timeline" and query.file_times:
            view = _TIMELINE_WITH_FILES
        elif query.view in VIEWS:
            view = VIEWS[query.view]
        else:
            raise ValueError(f"unknown table {query.view!r}")
        columns = dict(view.columns)
        if query.view == "artifacts":
            cols = list(columns.items())
            fields = {f"d{i}": ViewColumn(f"json_extract(a.data, :f{i})") for i in range(len(query.fields))}
            columns = dict(cols[:2] + list(fields.items()) + cols[2:])
        if query.columns:
            unknown = [c for c in query.columns if c not in columns]
            if unknown:
                raise ValueError(f"unknown column(s) {', '.join(unknown)} of table {query.view!r}")
            columns = {c: columns[c] for c in query.columns}
        return view, columns

    def _conditions(self, query: TableQuery, columns: dict[str, ViewColumn], q: _Sql) -> None:
        if query.view == "files":
            _file_conditions(query.files or FileFilter(), q)
        if query.view == "artifacts":
            q.conds.append(f"a.type = {q.bind(query.record_type)}")
            for i, field in enumerate(query.fields):
                q.params[f"f{i}"] = '$."' + field.replace('"', '\\"') + '"'
        if query.view == "timeline" and query.start is not None and query.end is not None:
            q.conds.append(f"e.time_utc >= {q.bind(query.start)} AND e.time_utc < {q.bind(query.end)}")
        text = query.text.strip()
        if text:
            searched = [c for c in columns.values() if c.kind == "text"]
            if searched:
                pattern = q.bind(f"%{like_escape(text)}%")
                q.conds.append(" OR ".join(f"coalesce({c.expr}, '') LIKE {pattern} ESCAPE '\\'" for c in searched))

    @staticmethod
    def _sort_key(query: TableQuery, columns: dict[str, ViewColumn]) -> str | None:
        if query.order is None:
            return None
        column = columns.get(query.order)
        if column is None or not column.sortable:
            raise ValueError(f"table {query.view!r} cannot be sorted by {query.order!r}")
        return f"coalesce({column.expr}, -1)" if column.kind == "num" else f"coalesce({column.expr}, '')"

    def page(self, query: TableQuery, *, after: Keyset | None = None, limit: int = 256) -> list[dict[str, Any]]:
        """Up to ``limit`` rows after ``after``; each row holds its columns, the view's extras, ``_id`` and ``_k``."""
        view, columns = self._view(query)
        q = _Sql()
        self._conditions(query, columns, q)
        key = self._sort_key(query, columns)
        cmp = "<" if query.descending else ">"
        if after is not None:
            if key is None:
                q.conds.append(f"{view.id_expr} {cmp} {q.bind(after[1])}")
            else:
                q.conds.append(f"({key}, {view.id_expr}) {cmp} ({q.bind(after[0])}, {q.bind(after[1])})")
        direction = "DESC" if query.descending else "ASC"
        cols = ", ".join([f"{c.expr} AS {k}" for k, c in columns.items()]
                         + [f"{expr} AS {alias}" for alias, expr in view.extra.items()])
        order = f"{view.id_expr} {direction}" if key is None else f"{key} {direction}, {view.id_expr} {direction}"
        sql = (f"SELECT {view.id_expr} AS _id, {key or view.id_expr} AS _k, {cols} FROM {view.source}{q.where()}"
               f" ORDER BY {order} LIMIT {q.bind(int(limit))}")
        return self._rows(sql, q.params)

    def count(self, query: TableQuery) -> int:
        """How many rows the query's filters select (order and columns aside)."""
        view, columns = self._view(query)
        q = _Sql()
        self._conditions(query, columns, q)
        return int(self._rows(f"SELECT count(*) AS n FROM {view.source}{q.where()}", q.params)[0]["n"])

    # ------------------------------------------------------- named tables
    def files_page(self, *, filters: FileFilter | None = None, after: Keyset | None = None, limit: int = 256,
                   order: str | None = None, descending: bool = False,
                   columns: Sequence[str] = ()) -> list[dict[str, Any]]:
        """A page of the file table (see :data:`VIEWS` ``files`` for the column keys)."""
        return self.page(TableQuery("files", tuple(columns), files=filters or FileFilter(), order=order,
                                    descending=descending), after=after, limit=limit)

    def files_count(self, filters: FileFilter | None = None) -> int:
        return self.count(TableQuery("files", files=filters or FileFilter()))

    def timeline_window(self, start: str | None = None, end: str | None = None, *, file_times: bool = False,
                        text: str = "", after: Keyset | None = None, limit: int = 256, order: str | None = "time_utc",
                        descending: bool = False, columns: Sequence[str] = ()) -> list[dict[str, Any]]:
        """Timeline events with ``start <= time_utc < end`` (UTC; either ``None``: the whole timeline)."""
        return self.page(TableQuery("timeline", tuple(columns), file_times=file_times, text=text, start=start,
                                    end=end, order=order, descending=descending), after=after, limit=limit)

    def timeline_days(self, *, file_times: bool = False, text: str = "",
                      columns: Sequence[str] = ()) -> list[tuple[str, int]]:
        """Events per UTC day (``YYYY-MM-DD``, count) for the chart; ``text`` filters as in the table."""
        query = TableQuery("timeline", tuple(columns), file_times=file_times, text=text)
        view, cols = self._view(query)
        q = _Sql()
        self._conditions(query, cols, q)
        rows = self._rows(f"SELECT substr(e.time_utc, 1, 10) AS d, count(*) AS n FROM {view.source}{q.where()}"
                          " GROUP BY d", q.params)
        return [(str(r["d"]), int(r["n"])) for r in rows if r["d"]]

    def findings_page(self, kind: str, *, record_type: str = "", fields: Sequence[str] = (), text: str = "",
                      after: Keyset | None = None, limit: int = 256, order: str | None = None,
                      descending: bool = False, columns: Sequence[str] = ()) -> list[dict[str, Any]]:
        """A page of one findings table: ``yara``, ``hashsets``, ``content``, ``warnings``, ``tags`` or
        ``artifacts`` (of ``record_type``, with its data ``fields`` as columns ``d0, d1...``)."""
        return self.page(TableQuery(kind, tuple(columns), record_type=record_type, fields=tuple(fields), text=text,
                                    order=order, descending=descending), after=after, limit=limit)

    def audit_entries(self, *, text: str = "", after: Keyset | None = None, limit: int = 256,
                      order: str | None = None, descending: bool = False,
                      columns: Sequence[str] = ()) -> list[dict[str, Any]]:
        """A page of the audit log (by sequence number unless ``order`` names a column)."""
        return self.page(TableQuery("audit", tuple(columns), text=text, order=order, descending=descending),
                         after=after, limit=limit)

    def custody_entries(self, *, text: str = "", after: Keyset | None = None, limit: int = 256,
                        order: str | None = None, descending: bool = False,
                        columns: Sequence[str] = ()) -> list[dict[str, Any]]:
        return self.page(TableQuery("custody", tuple(columns), text=text, order=order, descending=descending),
                         after=after, limit=limit)

    # ------------------------------------------------------------ the tree
    def folder_children(self, evidence_id: int, volume_id: int, parent_path: str) -> list[dict[str, Any]]:
        """Folders in a folder of the evidence tree, by name: ``id, name, path, allocated``.

        Virtual entries are folders only when something is in them ($OrphanFiles), not $MBR/$FAT1."""
        return self._rows(
            "SELECT id, name, path, allocated FROM files f WHERE evidence_id=? AND volume_id=? AND parent_path=?"
            " AND stream = '' AND (type = 'dir' OR (type = 'virtual' AND EXISTS (SELECT 1 FROM files c WHERE"
            " c.evidence_id = f.evidence_id AND c.volume_id = f.volume_id AND c.parent_path = f.path)))"
            " ORDER BY name",
            (evidence_id, volume_id, parent_path))

    # ------------------------------------------------- the details pane
    def file_findings(self, file_id: int) -> dict[str, list[dict[str, Any]]]:
        """What was found on one file: ``hashsets`` (set_name, kind, algorithm), ``yara`` (rule, namespace,
        strings), ``artifacts`` (type, summary; 50 at most), ``tags`` (tag, note, examiner, created_utc)
        and ``warnings`` (source, kind, message; 50 at most)."""
        return {
            "hashsets": self._rows("SELECT set_name, kind, algorithm FROM hash_matches WHERE file_id=?", (file_id,)),
            "yara": self._rows("SELECT rule, namespace, strings FROM yara_hits WHERE file_id=?", (file_id,)),
            "artifacts": self._rows("SELECT type, summary FROM artifacts WHERE file_id=? LIMIT 50", (file_id,)),
            "tags": self._rows("SELECT tag, note, examiner, created_utc FROM tags WHERE target_kind='file'"
                               " AND target_id=? ORDER BY id", (file_id,)),
            "warnings": self._rows("SELECT source, kind, message FROM warnings WHERE file_id=? LIMIT 50", (file_id,)),
        }

    # ------------------------------------------------------- summaries
    def file_entry_high_id(self) -> int:
        """The highest file entry id: the size of the case at a glance (no count over a million rows)."""
        return int(self._scalar("SELECT max(id) FROM files") or 0)

    def timeline_unplaced(self, *, file_times: bool) -> tuple[int, int]:
        """(file entries, artifacts) holding local clock times whose zone is unknown: not on the UTC timeline.
        File entries are counted only when the timeline shows file-system times."""
        artifacts = int(self._scalar("SELECT count(*) FROM artifacts WHERE time_basis = 'local'") or 0)
        files = 0
        if file_times:
            files = int(self._scalar(
                "SELECT count(*) FROM files f JOIN evidence e ON e.id = f.evidence_id WHERE f.time_basis = 'local'"
                " AND e.source_timezone IS NULL AND f.stream = ''") or 0)
        return files, artifacts

    def case_counts(self) -> dict[str, int]:
        """What has been found so far (a full scan on big cases: ask from a background loader)."""
        row = self._one(
            "SELECT (SELECT count(*) FROM evidence) AS evidence,"
            " (SELECT count(*) FROM files WHERE type='file') AS files,"
            " (SELECT count(*) FROM files WHERE status='pending') AS pending,"
            " (SELECT count(*) FROM files WHERE allocated=0 AND type='file') AS deleted,"
            " (SELECT count(*) FROM artifacts) AS artifacts, (SELECT count(*) FROM yara_hits) AS yara,"
            " (SELECT count(*) FROM hash_matches) AS hashsets, (SELECT count(*) FROM content_hits) AS content,"
            " (SELECT count(*) FROM tags) AS tags, (SELECT count(*) FROM warnings) AS warnings") or {}
        return {k: int(v or 0) for k, v in row.items()}


def _read_only(db_path: Path) -> contextlib.closing[sqlite3.Connection]:
    return contextlib.closing(sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=1))


def completed_triage(db_path: Path) -> bool:
    """Whether a case database holds a completed triage (read without opening the case; False when unreadable)."""
    try:
        with _read_only(db_path) as conn:
            return bool(conn.execute("SELECT count(*) FROM jobs WHERE kind='triage' AND outcome='completed'")
                        .fetchone()[0])
    except sqlite3.Error:
        return False


def case_title(db_path: Path) -> tuple[str, str | None] | None:
    """(case number, title) from a case database, read without opening it for writing (start page), or None."""
    try:
        with _read_only(db_path) as conn:
            row = conn.execute("SELECT case_number, title FROM case_info WHERE id = 1").fetchone()
    except sqlite3.Error:
        return None
    return (str(row[0]), row[1]) if row else None
