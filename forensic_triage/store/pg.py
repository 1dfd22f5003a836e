"""PostgreSQL back-end of the case store (lab mode), behind the same interface as SQLite.

The repositories keep one text of each statement, written for SQLite; this module is the one
place where it is turned into PostgreSQL (:func:`translate`): ``?`` and ``:name`` placeholders
become ``$n``, ``INSERT OR IGNORE`` becomes ``ON CONFLICT DO NOTHING``, ``INSERT OR REPLACE`` an
upsert on the table's key, ``LIKE`` (ASCII case-insensitive in SQLite) ``ILIKE``, ``GLOB`` the
operator ``~#`` (a glob match defined with the schema), ``json_each`` of an id list
``json_array_elements_text``, ``ORDER BY rowid`` the table's key, the column named ``offset``
(a reserved word) a quoted name, and in the schema ``INTEGER`` ``BIGINT``, ``REAL`` ``DOUBLE
PRECISION``, ``BLOB`` ``BYTEA`` and ``INTEGER PRIMARY KEY`` an identity column.

:class:`PgConnection` wraps a psycopg connection so the repositories see what they see with
SQLite: ``execute`` returns a cursor with ``fetchone``/``fetchall``/``fetchmany``,
``lastrowid``, ``rowcount`` and ``description``; rows are indexable by position and by name;
every psycopg error is raised as a :class:`sqlite3.Error` subclass, so the existing handlers
hold. Writers are serialised per case with a transaction-level advisory lock (the audit chain
stays a chain; SQLite's ``BEGIN IMMEDIATE`` does the same).

The case folder holds only ``case.database`` (JSON: the connection reference, never a
password; libpq finds that in ``PGPASSFILE`` or ``~/.pgpass``).
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import re
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from ..errors import StoreError

REF_NAME = "case.database"
# Key of the advisory lock that serialises the writers of one case database.
_WRITER_LOCK = 0x46540001

# Conflict target of INSERT OR REPLACE, by table (SQLite replaces on any unique key).
_REPLACE_KEYS = {"meta": ("key",), "thumbnails": ("file_id",), "examiners": ("name",)}
# ORDER BY rowid: the key that gives the insertion order of tables without an id column.
_ROWID_ORDER = {"evidence_containers": "evidence_id, seq", "thumbnails": "file_id", "audit": "seq",
                "meta": "key", "exercise_questions": "seq, id", "exercise_answers": "question_id"}

# Functions SQLite has and PostgreSQL lacks, created with the schema (idempotent).
SUPPORT_SQL = r"""
CREATE OR REPLACE FUNCTION instr(a text, b text) RETURNS integer LANGUAGE sql IMMUTABLE AS
  $$ SELECT strpos(a, b) $$;
CREATE OR REPLACE FUNCTION ft_glob_regex(g text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE out text := '^'; i integer := 1; c text; n integer := length(g); j integer;
BEGIN
  WHILE i <= n LOOP
    c := substr(g, i, 1);
    IF c = '*' THEN out := out || '.*';
    ELSIF c = '?' THEN out := out || '.';
    ELSIF c = '[' THEN
      j := strpos(substr(g, i + 1), ']');
      IF j = 0 THEN out := out || '\['; ELSE
        out := out || '[' || substr(g, i + 1, j - 1) || ']';
        i := i + j;
      END IF;
    ELSE out := out || regexp_replace(c, '([.^$+(){}|\\])', '\\\1', 'g');
    END IF;
    i := i + 1;
  END LOOP;
  RETURN out || '$';
END $$;
CREATE OR REPLACE FUNCTION ft_glob(a text, g text) RETURNS boolean LANGUAGE sql IMMUTABLE AS
  $$ SELECT a ~ ft_glob_regex(g) $$;
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_operator WHERE oprname = '~#') THEN
    CREATE OPERATOR ~# (LEFTARG = text, RIGHTARG = text, FUNCTION = ft_glob);
  END IF;
END $$;
CREATE OR REPLACE FUNCTION json_extract(doc text, path text) RETURNS text LANGUAGE sql IMMUTABLE AS
  $$ SELECT (doc::jsonb) #>> string_to_array(regexp_replace(path, '^\$\.?', ''), '.') $$;
CREATE OR REPLACE FUNCTION ft_utc(t text, zone text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  RETURN to_char((replace(t, 'T', ' ')::timestamp AT TIME ZONE zone) AT TIME ZONE 'UTC',
                 'YYYY-MM-DD"T"HH24:MI:SS"Z"');
EXCEPTION WHEN others THEN RETURN NULL;
END $$;
"""

# Format 5 on PostgreSQL: the same shape reached with ALTER TABLE (SQLite must rebuild the table
# to change its unique key; PostgreSQL changes the constraint in place).
PG_MIGRATIONS: dict[int, str] = {
    5: """
ALTER TABLE evidence ADD COLUMN details TEXT NOT NULL DEFAULT '{}';
ALTER TABLE volumes ADD COLUMN layer TEXT NOT NULL DEFAULT '';
ALTER TABLE volumes ADD COLUMN parent_id INTEGER REFERENCES volumes(id);
ALTER TABLE volumes ADD COLUMN lock_state TEXT NOT NULL DEFAULT '';
ALTER TABLE volumes ADD COLUMN details TEXT NOT NULL DEFAULT '{}';
ALTER TABLE volumes DROP CONSTRAINT volumes_evidence_id_offset_addr_key;
ALTER TABLE volumes ADD CONSTRAINT volumes_evidence_id_offset_addr_layer_key UNIQUE (evidence_id, offset, addr, layer);
ALTER TABLE files ADD COLUMN layer TEXT NOT NULL DEFAULT '';
""",
}

_TOKEN = re.compile(r"'(?:[^']|'')*'|\"[^\"]*\"|--[^\n]*|\?|:[A-Za-z_]\w*|[^'\"?:-]+|[-:]")


class PgError(sqlite3.OperationalError):
    """A PostgreSQL error, seen by the callers as the SQLite error they already handle."""

    sqlstate: str | None = None


class PgIntegrityError(sqlite3.IntegrityError):
    sqlstate: str | None = None


def _wrap(exc: Exception) -> sqlite3.Error:
    import psycopg

    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    cls: type[sqlite3.Error] = PgIntegrityError if isinstance(exc, psycopg.IntegrityError) else PgError
    err = cls(text)
    err.sqlstate = getattr(exc, "sqlstate", None)  # type: ignore[attr-defined]
    return err


# ------------------------------------------------------------------ translation
def _ddl(sql: str) -> str:
    """Column types of the schema text (CREATE TABLE / ALTER TABLE ADD COLUMN)."""
    sql = re.sub(r"\bid INTEGER PRIMARY KEY(?= CHECK)", "id BIGINT PRIMARY KEY", sql)
    sql = re.sub(r"\bid INTEGER PRIMARY KEY\b", "id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", sql)
    sql = re.sub(r"\bINTEGER\b", "BIGINT", sql)
    sql = re.sub(r"\bREAL\b", "DOUBLE PRECISION", sql)
    return re.sub(r"\bBLOB\b", "BYTEA", sql)


@functools.lru_cache(maxsize=4096)
def translate(sql: str) -> tuple[str, tuple[str, ...]]:
    """(PostgreSQL text with $n placeholders, names of the named parameters in $n order; empty
    for positional parameters)."""
    stripped = sql.lstrip()
    if re.match(r"(?i)(CREATE|ALTER)\s+TABLE", stripped) or "\nCREATE TABLE" in sql:
        sql = _ddl(sql)
    sql = sql.replace("SELECT value FROM json_each(?)",
                      "SELECT CAST(value AS BIGINT) FROM json_array_elements_text(CAST(? AS json))")
    names: list[str] = []
    out: list[str] = []
    n = 0
    for tok in _TOKEN.findall(sql):
        if tok == "?":
            n += 1
            out.append(f"${n}")
        elif tok.startswith(":") and len(tok) > 1 and not (out and out[-1].endswith(":")):
            if tok[1:] not in names:
                names.append(tok[1:])
            out.append(f"${names.index(tok[1:]) + 1}")
        elif tok[0] in "'\"" or tok.startswith("--"):
            out.append(tok)
        else:
            tok = re.sub(r"\boffset\b", '"offset"', tok)
            tok = re.sub(r"\bNOT LIKE\b", "NOT ILIKE", tok)
            tok = re.sub(r"(?<!NOT )\bLIKE\b", "ILIKE", tok)
            tok = re.sub(r"\bGLOB\b", "~#", tok)
            tok = re.sub(r"\bgroup_concat\(", "string_agg(", tok)
            tok = tok.replace("BEGIN IMMEDIATE", "BEGIN")
            tok = re.sub(r"\b(WHERE|AND|OR) 1(?=\s|$|\))", r"\1 TRUE", tok)
            # an integer column as a condition (SQLite: true when not 0)
            tok = re.sub(r"\bCASE WHEN ((?:\w+\.)?\w+) THEN\b", r"CASE WHEN \1 <> 0 THEN", tok)
            out.append(tok)
    text = "".join(out)
    text = re.sub(r"\bIS NOT (\$\d+)", r"IS DISTINCT FROM \1", text)
    text = re.sub(r"\bIS (\$\d+)", r"IS NOT DISTINCT FROM \1", text)
    text = _rowid(text)
    text = _insert_or(text)
    return text, tuple(names)


def _rowid(text: str) -> str:
    m = re.search(r"\bFROM\s+(\w+)\b.*\bORDER BY rowid\b", text, re.S)
    if not m:
        return text
    return text.replace("ORDER BY rowid", "ORDER BY " + _ROWID_ORDER.get(m.group(1), "id"))


def _insert_or(text: str) -> str:
    m = re.match(r"\s*INSERT OR (IGNORE|REPLACE) INTO\s+(\w+)\s*\(([^)]*)\)", text)
    if not m:
        return text
    verb, table, cols = m.group(1), m.group(2), [c.strip().strip('"') for c in m.group(3).split(",")]
    body = "INSERT INTO" + text[m.end(1) + len(" INTO"):]
    if verb == "IGNORE":
        return body.rstrip().rstrip(";") + " ON CONFLICT DO NOTHING"
    keys = _REPLACE_KEYS.get(table, ("id",))
    sets = ", ".join(f'"{c}" = EXCLUDED."{c}"' for c in cols if c not in keys) or f"{keys[0]} = EXCLUDED.{keys[0]}"
    return body.rstrip().rstrip(";") + f" ON CONFLICT ({', '.join(keys)}) DO UPDATE SET {sets}"


def _params(params: Sequence[Any] | dict[str, Any], names: tuple[str, ...]) -> tuple[Any, ...]:
    values = tuple(params[n] for n in names) if isinstance(params, dict) else tuple(params)
    return tuple(int(v) if isinstance(v, bool) else v for v in values)


_WRITE = re.compile(r"^\s*(?:INSERT(?: OR \w+)? INTO|UPDATE|DELETE FROM|ALTER TABLE|CREATE TABLE|DROP TABLE)\s+(\w+)",
                    re.I)


# ------------------------------------------------------------------ rows, cursor, connection
class Row(tuple[Any, ...]):
    """A row readable by position and by column name (like ``sqlite3.Row``)."""

    _keys: tuple[str, ...]

    def __new__(cls, values: Sequence[Any], keys: tuple[str, ...]) -> Row:
        row = super().__new__(cls, values)
        row._keys = keys
        return row

    def __getitem__(self, key: Any) -> Any:  # type: ignore[override]
        if isinstance(key, str):
            return tuple.__getitem__(self, self._keys.index(key))
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._keys)


class PgCursor:
    """What ``sqlite3.Cursor`` offers the repositories."""

    def __init__(self, conn: PgConnection) -> None:
        self._conn = conn
        self._cur: Any = None
        self.lastrowid: int | None = None
        self.rowcount = -1
        self.row_factory: Any = None
        self.description: list[tuple[Any, ...]] | None = None
        self._keys: tuple[str, ...] = ()

    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> PgCursor:
        special = self._conn._special(sql)
        if special is not None:
            sql, params = special
        text, names = translate(sql)
        values = _params(params, names)
        returning = False
        m = _WRITE.match(sql)
        if m:
            self._conn.written.add(m.group(1).lower())
            if (sql.lstrip().upper().startswith("INSERT") and m.group(1).lower() in self._conn.id_tables
                    and "RETURNING" not in text.upper()):
                text += " RETURNING id"
                returning = True
        self._cur = self._conn._run(text, values)
        self.rowcount = self._cur.rowcount
        self.lastrowid = None
        if returning:
            row = self._cur.fetchone()
            self.lastrowid = int(row[0]) if row else None
            self.description = None
        else:
            self._describe()
        return self

    def executemany(self, sql: str, seq: Sequence[Sequence[Any]] | Any) -> PgCursor:
        text, names = translate(sql)
        m = _WRITE.match(sql)
        if m:
            self._conn.written.add(m.group(1).lower())
        rows = [_params(p, names) for p in seq]
        if rows:
            try:
                cur = self._conn.raw.cursor()
                cur.executemany(text, rows)
                self.rowcount = cur.rowcount
            except Exception as exc:
                raise self._conn._fail(exc) from exc
        else:
            self.rowcount = 0
        return self

    def _describe(self) -> None:
        desc = self._cur.description if self._cur is not None else None
        self.description = [(d.name, None, None, None, None, None, None) for d in desc] if desc else None
        self._keys = tuple(d.name for d in desc) if desc else ()

    def fetchone(self) -> Row | None:
        if self.description is None:
            return None
        try:
            row = self._cur.fetchone()
        except Exception as exc:
            raise self._conn._fail(exc) from exc
        return None if row is None else Row(row, self._keys)

    def fetchall(self) -> list[Row]:
        if self.description is None:
            return []
        try:
            return [Row(r, self._keys) for r in self._cur.fetchall()]
        except Exception as exc:
            raise self._conn._fail(exc) from exc

    def fetchmany(self, size: int = 1) -> list[Row]:
        if self.description is None:
            return []
        return [Row(r, self._keys) for r in self._cur.fetchmany(size)]

    def __iter__(self) -> Iterator[Row]:
        while True:
            batch = self.fetchmany(2000)
            if not batch:
                return
            yield from batch

    def close(self) -> None:
        if self._cur is not None:
            self._cur.close()


class PgConnection:
    """A psycopg connection dressed as the ``sqlite3.Connection`` the repositories use."""

    def __init__(self, raw: Any) -> None:
        self.raw = raw
        self.written: set[str] = set()
        self.id_tables: set[str] = set()
        self._interrupted = False

    # sqlite3.Connection surface
    @property
    def in_transaction(self) -> bool:
        import psycopg

        return bool(self.raw.info.transaction_status != psycopg.pq.TransactionStatus.IDLE)

    def cursor(self) -> PgCursor:
        return PgCursor(self)

    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> PgCursor:
        return PgCursor(self).execute(sql, params)

    def executemany(self, sql: str, seq: Sequence[Sequence[Any]] | Any) -> PgCursor:
        return PgCursor(self).executemany(sql, seq)

    def value(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """The first column of the first row (None: no row)."""
        row = self.execute(sql, params).fetchone()
        return None if row is None else row[0]

    def executescript(self, script: str) -> None:
        text, _names = translate(script)
        for m in re.finditer(r"(?:INSERT(?: OR \w+)? INTO|UPDATE|DELETE FROM|ALTER TABLE|CREATE TABLE)\s+(\w+)",
                             script):
            self.written.add(m.group(1).lower())
        try:
            self.raw.execute(text.encode())
        except Exception as exc:
            raise self._fail(exc) from exc

    def set_authorizer(self, _callback: Any) -> None:
        """Writes are seen by :class:`PgCursor` (statement text), not by an authorizer."""

    def create_function(self, *_args: Any, **_kwargs: Any) -> None:
        """The SQL functions SQLite gets from Python are created in the database (:data:`SUPPORT_SQL`)."""

    def interrupt(self) -> None:
        with contextlib.suppress(Exception):
            self.raw.cancel_safe(timeout=2.0)

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.raw.close()

    def commit(self) -> None:
        if self.in_transaction:
            self._run("COMMIT", ())

    def rollback(self) -> None:
        if self.in_transaction:
            self._run("ROLLBACK", ())

    # internals
    def _run(self, text: str, values: tuple[Any, ...]) -> Any:
        try:
            cur = self.raw.cursor()
            if values:
                cur.execute(text, values)
            else:
                cur.execute(text.encode() if "$" not in text else text, values or None)
            return cur
        except Exception as exc:
            raise self._fail(exc) from exc

    def _fail(self, exc: Exception) -> sqlite3.Error:
        import psycopg

        if isinstance(exc, sqlite3.Error):
            return exc
        if isinstance(exc, psycopg.Error | OSError):
            return _wrap(exc)
        raise exc

    def _special(self, sql: str) -> tuple[str, tuple[Any, ...]] | None:
        """SQLite statements with no PostgreSQL text: PRAGMA and sqlite_master."""
        s = sql.strip()
        m = re.match(r"(?i)PRAGMA\s+table_info\((\w+)\)", s)
        if m:
            return ("SELECT ordinal_position - 1 AS cid, column_name AS name, data_type AS type FROM"
                    " information_schema.columns WHERE table_schema = current_schema() AND table_name = ?"
                    " ORDER BY ordinal_position", (m.group(1).lower(),))
        if re.match(r"(?i)PRAGMA\b", s):
            return ("SELECT 1 WHERE false", ())
        if "sqlite_master" in s:
            return ("SELECT 'x' AS type, 'x' AS name WHERE false", ())
        return None


# ------------------------------------------------------------------ connection reference
def is_url(text: str) -> bool:
    return text.startswith(("postgresql://", "postgres://"))


def clean_reference(url: str) -> str:
    """The connection reference without a password (a password never reaches the case folder)."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if parts.password is not None:
        raise StoreError("The database address holds a password; it would be written into the case folder.",
                         hint="Remove it from the address and put it in ~/.pgpass (or the file PGPASSFILE names).")
    return urlunsplit(parts)


def read_reference(folder: Path) -> str:
    try:
        data = json.loads((folder / REF_NAME).read_text(encoding="utf-8"))
        url = str(data["database"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise StoreError(f"The case folder {folder} names no readable case database ({REF_NAME}: {exc}).") from exc
    return url


def write_reference(folder: Path, url: str) -> None:
    (folder / REF_NAME).write_text(json.dumps({"database": url, "backend": "postgresql"}, indent=1) + "\n",
                                   encoding="utf-8")


def remember_broker(folder: Path, broker: str) -> None:
    """The lab's broker, kept beside the database address (the desktop app shows its workers)."""
    from urllib.parse import urlsplit

    if urlsplit(broker).password:
        return  # never a password in the case folder
    data = json.loads((folder / REF_NAME).read_text(encoding="utf-8"))
    if data.get("broker") != broker:
        data["broker"] = broker
        (folder / REF_NAME).write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")


def broker_of(folder: Path) -> str | None:
    """The broker remembered for a lab case folder (None: not a lab case, or none used yet)."""
    try:
        value = json.loads((folder / REF_NAME).read_text(encoding="utf-8")).get("broker")
    except (OSError, ValueError, AttributeError):
        return None
    return str(value) if value else None


def describe(url: str) -> str:
    """The address as shown to the examiner (user@host:port/db)."""
    from urllib.parse import urlsplit

    p = urlsplit(url)
    return f"{p.username + '@' if p.username else ''}{p.hostname or 'localhost'}{':' + str(p.port) if p.port else ''}" \
           f"{p.path or ''}"


def connect(url: str) -> PgConnection:
    """Open the database, with a message an examiner can act on when that fails."""
    try:
        import psycopg
    except ImportError as exc:
        raise StoreError("This case is on a PostgreSQL server, and the PostgreSQL client library (psycopg) is not "
                         "installed.", hint="Install the lab extra: pip install 'forensic-triage[lab]'.") from exc
    where = describe(url)
    try:
        raw = psycopg.connect(url, autocommit=True, connect_timeout=int(os.environ.get("FT_PG_TIMEOUT", "10")),
                              application_name="forensic-triage", cursor_factory=psycopg.RawCursor)
    except psycopg.OperationalError as exc:
        text = str(exc)
        low = text.lower()
        if "password authentication failed" in low or "no password supplied" in low or "authentication" in low:
            raise StoreError(f"The PostgreSQL server {where} refused the password for this user.",
                             hint="Check the entry for this server in ~/.pgpass (or the file PGPASSFILE names); "
                                  "nothing was written.") from None
        if "does not exist" in low and "database" in low:
            raise StoreError(f"The database of {where} does not exist on the server.",
                             hint="Ask the lab administrator to create it (createdb); nothing was written.") from None
        raise StoreError(f"The PostgreSQL server {where} cannot be reached ({_first(text)}).",
                         hint="Check that the server runs and that this workstation may connect to it; "
                              "nothing was written.") from None
    _numeric_as_number(raw)
    return PgConnection(raw)


def _first(text: str) -> str:
    lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
    return lines[-1] if lines else "no answer"


def _numeric_as_number(raw: Any) -> None:
    """sum() and avg() are NUMERIC in PostgreSQL: read them as int or float, as SQLite gives them."""
    from psycopg.adapt import Loader

    class NumberLoader(Loader):
        def load(self, data: Any) -> Any:
            text = bytes(data).decode()
            try:
                return int(text)
            except ValueError:
                return float(text)

    raw.adapters.register_loader("numeric", NumberLoader)


# ------------------------------------------------------------------ the store
import weakref  # noqa: E402

from .. import __version__  # noqa: E402
from . import db as _db  # noqa: E402 - db imports this module lazily
from . import digest  # noqa: E402
from .schema import MIGRATIONS, SCHEMA_VERSION  # noqa: E402

_JOB_LOCK = 0x4654  # first key of a running job's session lock (second key: the job id)


class PgCaseStore(_db.CaseStore):
    """A case whose database is on a PostgreSQL server (lab mode); see the module docstring.

    Several processes write one case at once (the triage coordinator, the workers, examiners'
    workstations): each write transaction holds the case's advisory lock, a running job holds a
    session lock on its id (so a job still running elsewhere is never taken for interrupted).
    """

    conn: PgConnection  # type: ignore[assignment]
    dialect = "postgresql"

    def __init__(self, case_dir: Path, conn: Any, *, read_only: bool, url: str = "") -> None:
        super().__init__(case_dir, conn, read_only=read_only)
        self.url = url
        self.anchor_on_close = True
        self._depth = 0

    # ------------------------------------------------------------- opening
    @classmethod
    def connect_new(cls, folder: Path, url: str) -> PgCaseStore:
        """A new case in an empty database; the folder gets the reference only when the schema is in place."""
        url = clean_reference(url)
        conn = connect(url)
        if conn.value("SELECT to_regclass('meta')") is not None:
            conn.close()
            raise StoreError(f"The database {describe(url)} already holds a case.",
                             hint="Give each case its own database (createdb), or open that case.")
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            conn.close()
            raise StoreError(f"Cannot create the case folder {folder}: {exc.strerror}.") from exc
        store = cls(folder, conn, read_only=False, url=url)
        store._setup(creating=True)
        write_reference(folder, url)
        return store

    @classmethod
    def open_folder(cls, folder: Path, *, read_only: bool = False) -> PgCaseStore:
        return cls.open_url(read_reference(folder), folder=folder, read_only=read_only)

    @classmethod
    def open_url(cls, url: str, *, folder: Path | None = None, read_only: bool = False) -> PgCaseStore:
        """Open the case held by a database (a lab worker has no case folder)."""
        conn = connect(url)
        store = cls(folder or Path(f"postgresql-case-{describe(url).replace('/', '_')}"), conn,
                    read_only=read_only, url=url)
        if conn.value("SELECT to_regclass('meta')") is None:
            store.close()
            raise StoreError(f"The database {describe(url)} holds no case.",
                             hint="Check the address in the case folder's case.database.")
        store._setup(creating=False)
        return store

    def _setup(self, *, creating: bool) -> None:
        self._load_id_tables()
        if not self.read_only:
            self._acquire_lock()
            self._watch_writes()
        try:
            self._migrate(creating)
            self._load_id_tables()
            if not self.read_only and not creating:
                self._anchor_first_time()
        except sqlite3.Error as exc:
            self.close()
            raise self._error(exc) from exc
        except StoreError:
            self.close()
            raise

    def _load_id_tables(self) -> None:
        rows = self.conn.execute("SELECT table_name FROM information_schema.columns WHERE table_schema ="
                                 " current_schema() AND column_name = 'id' AND is_identity = 'YES'").fetchall()
        self.conn.id_tables = {str(r[0]) for r in rows}

    def _error(self, exc: sqlite3.Error) -> StoreError:
        return StoreError(f"The case database {describe(self.url)} could not be used: {exc}.")

    def _acquire_lock(self) -> None:
        self._locked = True  # several writers; each transaction takes the case's advisory lock

    def _release_lock(self) -> None:
        self._locked = False

    def _watch_writes(self) -> None:
        self._writes = self.conn.written
        _db._WRITERS.setdefault(self._key, weakref.WeakSet()).add(self)

    def _reset_written(self) -> None:
        self._writes.clear()
        _db._ORPHANED.pop(self._key, None)

    def _migrate(self, creating: bool) -> None:
        current = 0
        if self.conn.value("SELECT to_regclass('meta')") is not None:
            row = self.conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
            try:
                current = int(row[0]) if row else 0
            except (TypeError, ValueError):
                raise StoreError(f"The case database {describe(self.url)} records no valid format number.") from None
        elif not creating:
            raise StoreError(f"The database {describe(self.url)} holds no case.")
        if current > SCHEMA_VERSION:
            raise StoreError(
                f"The case on {describe(self.url)} was written by a newer version of the tool (case format {current}, "
                f"this version reads up to {SCHEMA_VERSION}).",
                hint="Update this workstation to the lab's version; nothing was changed.")
        if current == SCHEMA_VERSION:
            return
        if self.read_only:
            raise StoreError("This case needs an upgrade of its format; open it once for writing to upgrade it.")
        before = self._changed_before_upgrade() if current else None
        self.conn.execute("BEGIN")
        try:
            self.conn.execute("SELECT pg_advisory_xact_lock(?)", (_WRITER_LOCK,))
            self.conn.raw.execute(SUPPORT_SQL.encode())
            for version in range(current + 1, SCHEMA_VERSION + 1):
                self.conn.executescript(PG_MIGRATIONS.get(version, MIGRATIONS[version]))
                self.conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', ?)", (str(version),))
                self.conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('created_by', ?)",
                                  (f"forensic-triage {__version__}",))
            self.conn.execute("COMMIT")
        finally:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
        if before is not None:
            with self.transaction():
                self._append(self._actor(), digest.ACTION_UPGRADED, {
                    "from_format": current, "to_format": SCHEMA_VERSION, "tool_version": __version__,
                    "changed_before_upgrade": before}, None, recompute_all=True)

    def close(self) -> None:
        if not self.anchor_on_close:
            self._writes.clear()
            _db._WRITERS.setdefault(self._key, weakref.WeakSet()).discard(self)
            self._locked = False
        super().close()

    # ------------------------------------------------------------ primitives
    @contextlib.contextmanager
    def transaction(self) -> Iterator[Any]:
        if self.read_only:
            raise StoreError("This case is open read-only.")
        if self._depth:
            # inside a transaction of this store (a lab worker claims its files, then the writer
            # writes them): one transaction, committed by the outermost
            self._depth += 1
            try:
                yield self.conn
            finally:
                self._depth -= 1
            return
        self._depth = 1
        try:
            self.conn.execute("BEGIN")
            try:
                self.conn.execute("SELECT pg_advisory_xact_lock(?)", (_WRITER_LOCK,))
                yield self.conn
            except BaseException:
                with contextlib.suppress(sqlite3.Error):
                    self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute("ROLLBACK")
            raise self._error(exc) from exc
        finally:
            self._depth = 0

    def query(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> list[Any]:
        try:
            return self.conn.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise self._error(exc) from exc

    def iter_query(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> Iterator[Any]:
        try:
            yield from self.conn.execute(sql, params)
        except sqlite3.Error as exc:
            raise self._error(exc) from exc

    # ------------------------------------------------------------------ jobs
    def start_job(self, kind: str, settings: dict[str, Any], command_line: str = "") -> int:
        job_id = super().start_job(kind, settings, command_line)
        self.conn.execute("SELECT pg_advisory_lock(?, ?)", (_JOB_LOCK, job_id))
        return job_id

    def end_job(self, job_id: int, outcome: str, stats: dict[str, Any]) -> None:
        super().end_job(job_id, outcome, stats)
        with contextlib.suppress(sqlite3.Error):
            self.conn.execute("SELECT pg_advisory_unlock(?, ?)", (_JOB_LOCK, job_id))

    def mark_written(self, tables: tuple[str, ...]) -> None:
        """Tables other processes wrote for a job of this one (lab workers): the next anchor recomputes them."""
        self._writes.update(tables)

    def live_jobs(self) -> list[int]:
        """Jobs marked running whose process still holds them (on any workstation)."""
        live = []
        for row in self.conn.execute("SELECT id FROM jobs WHERE outcome='running' ORDER BY id").fetchall():
            job = int(row[0])
            if job in _db._ACTIVE_JOBS.get(self._key, set()):
                live.append(job)
                continue
            got = self.conn.value("SELECT pg_try_advisory_lock(?, ?)", (_JOB_LOCK, job))
            if got:
                self.conn.execute("SELECT pg_advisory_unlock(?, ?)", (_JOB_LOCK, job))
            else:
                live.append(job)
        return live

    def _recover_interrupted(self) -> None:
        mine = _db._ACTIVE_JOBS.get(self._key, set())
        elsewhere = [j for j in self.live_jobs() if j not in mine]
        if elsewhere:
            return  # another workstation's job is running: its writes are not unrecorded changes
        super()._recover_interrupted()


# ------------------------------------------------------------------ snapshot (packages)
def write_sqlite_snapshot(store: _db.CaseStore, target: Path) -> None:
    """A lab case as the SQLite snapshot an evidence package carries: the same schema (the
    migrations), every table's rows copied in key order inside one repeatable-read transaction,
    so the snapshot's table digests equal the case's own (rows in rowid order = key order)."""
    conn = sqlite3.connect(str(target), isolation_level=None)
    try:
        conn.executescript("".join(MIGRATIONS[v] for v in range(1, SCHEMA_VERSION + 1)))
        store.conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        try:
            tables = [str(r[0]) for r in store.conn.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
                " AND table_type = 'BASE TABLE' ORDER BY table_name").fetchall()]
            conn.execute("BEGIN")
            for table in tables:
                if not re.fullmatch(r"[a-z_0-9]+", table):
                    continue
                cur = store.conn.execute(f"SELECT * FROM {table} ORDER BY rowid")  # noqa: S608 - catalogue names
                names = [d[0] for d in cur.description or []]
                verb = "INSERT OR REPLACE" if table == "meta" else "INSERT"
                sql = f"{verb} INTO {table}({', '.join(chr(34) + n + chr(34) for n in names)}) VALUES " \
                      f"({', '.join('?' * len(names))})"  # noqa: S608
                while batch := cur.fetchmany(2000):
                    conn.executemany(sql, [tuple(r) for r in batch])
            conn.execute("COMMIT")
        finally:
            store.conn.execute("COMMIT")
        conn.execute("PRAGMA journal_mode=DELETE")
    except sqlite3.Error as exc:
        raise StoreError(f"The snapshot of the lab case could not be written to {target}: {exc}.") from exc
    finally:
        conn.close()
