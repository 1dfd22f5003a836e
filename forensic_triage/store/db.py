"""The case database: one SQLite file per case folder (WAL, single writer, migrations).

Everything the product learns goes here; exporters and the GUI read only this database.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import functools
import json
import os
import sqlite3
import weakref
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from .. import __version__
from ..errors import StoreError
from ..timeutil import utcnow_iso
from . import audit, digest
from .browse_repo import BrowseRepo
from .case_repo import CaseRepo
from .custody_repo import CustodyRepo
from .evidence_repo import EvidenceRepo
from .files_repo import FilesRepo
from .findings_repo import FindingsRepo
from .hashsets_repo import HashsetsRepo
from .lab_repo import LabRepo
from .schema import MIGRATIONS, SCHEMA_VERSION
from .tags_repo import TagsRepo
from .training_repo import TrainingRepo
from .triage_repo import TriageRepo

DB_NAME = "case.sqlite"
PG_REF = "case.database"  # lab mode: the PostgreSQL address of the case (store/pg.py), no password
LOCK_NAME = ".case.lock"

# Writer locks held by this process, by case folder: re-entrant within one process (the GUI
# runs a job in a thread while its views read), exclusive between processes.
_HELD_LOCKS: dict[str, tuple[int, int]] = {}

# Tables written by this process and not yet anchored are seen by SQLite itself: an authorizer
# on every writable connection records them in that store's own set. Each anchor recomputes the
# tables of every open writer of the case but clears only its own set (another connection's
# uncommitted writes are not in what it hashed). A closed writer hands its set to _ORPHANED,
# which the next anchor of any store covers and clears.
_ORPHANED: dict[str, set[str]] = {}
_WRITERS: dict[str, weakref.WeakSet[CaseStore]] = {}
_WRITE_ACTIONS = {sqlite3.SQLITE_INSERT, sqlite3.SQLITE_UPDATE, sqlite3.SQLITE_DELETE,
                  sqlite3.SQLITE_CREATE_TABLE, sqlite3.SQLITE_DROP_TABLE}
# Jobs started by this process and not yet ended (a thread may run one while the GUI works).
_ACTIVE_JOBS: dict[str, set[int]] = {}


def _translate(exc: sqlite3.Error, path: Path) -> StoreError:
    text = str(exc)
    if "full" in text or getattr(exc, "sqlite_errorcode", None) == 13:
        return StoreError(
            f"The disk holding the case {path} is full; the case is intact up to the last saved step.",
            hint="Free some space and run the same command again to resume.",
        )
    if "locked" in text or "busy" in text:
        return StoreError(f"The case {path} is busy in another program.", hint="Close it there and try again.")
    if "malformed" in text or "not a database" in text:
        return StoreError(f"The case database {path} is damaged or not a case database ({text}).")
    return StoreError(f"The case database {path} could not be used: {text}.")


class CaseStore:
    """Access to one case folder's database."""

    dialect = "sqlite"  # "postgresql": a lab case (store/pg.py)

    def __init__(self, case_dir: Path, conn: sqlite3.Connection, *, read_only: bool) -> None:
        self.case_dir = case_dir
        self.conn = conn
        self.read_only = read_only
        self._locked = False
        self._key = str(case_dir.resolve())
        self._writes: set[str] = set()

    # ------------------------------------------------------- repositories
    # All SQL on the case database lives in these classes (see store/base.py). Callers ask for
    # data by name: ``store.files.by_id(7)``, ``store.tags.add(...)``; never ``store.conn``.

    @functools.cached_property
    def evidence(self) -> EvidenceRepo:
        return EvidenceRepo(self)

    @functools.cached_property
    def case(self) -> CaseRepo:
        return CaseRepo(self)

    @functools.cached_property
    def custody(self) -> CustodyRepo:
        return CustodyRepo(self)

    @functools.cached_property
    def tags(self) -> TagsRepo:
        return TagsRepo(self)

    @functools.cached_property
    def hashsets(self) -> HashsetsRepo:
        return HashsetsRepo(self)

    @functools.cached_property
    def files(self) -> FilesRepo:
        return FilesRepo(self)

    @functools.cached_property
    def findings(self) -> FindingsRepo:
        return FindingsRepo(self)

    @functools.cached_property
    def browse(self) -> BrowseRepo:
        return BrowseRepo(self)

    @functools.cached_property
    def triage(self) -> TriageRepo:
        return TriageRepo(self)

    @functools.cached_property
    def training(self) -> TrainingRepo:
        return TrainingRepo(self)

    @functools.cached_property
    def lab(self) -> LabRepo:
        return LabRepo(self)

    # ---------------------------------------------------------------- opening
    @classmethod
    def create(cls, case_dir: str | os.PathLike[str], *, case_number: str, examiner: str,
               title: str = "", agency: str = "", timezone: str = "UTC", authority: str = "",
               requester: str = "", scope: str = "", database: str | None = None) -> CaseStore:
        """A new case; ``database`` (a ``postgresql://USER@HOST/DB`` address) puts it on a
        PostgreSQL server, the folder then holding only that address (lab mode, store/pg.py)."""
        folder = Path(case_dir)
        try:
            exists = (folder / DB_NAME).exists() or (folder / PG_REF).exists()
        except OSError as exc:
            raise StoreError(f"The case folder {folder} cannot be reached: {exc.strerror}.") from exc
        if exists:
            raise StoreError(f"A case already exists in {folder}.", hint="Choose another folder or open that case.")
        if not case_number.strip() or not examiner.strip():
            raise StoreError("A case needs a case number and an examiner name.")
        if database:
            from .pg import PgCaseStore

            store: CaseStore = PgCaseStore.connect_new(folder, database)
        else:
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"Cannot create the case folder {folder}: {exc.strerror}.") from exc
            store = cls._connect(folder, read_only=False, creating=True)
        with store.transaction():
            store.conn.execute(
                "INSERT INTO case_info(id, case_number, title, agency, examiner, timezone, authority, requester,"
                " scope, created_utc) VALUES (1,?,?,?,?,?,?,?,?,?)",
                (case_number, title, agency, examiner, timezone, authority, requester, scope, utcnow_iso()),
            )
            store.conn.execute("INSERT OR IGNORE INTO examiners(name) VALUES (?)", (examiner,))
            store.audit(examiner, "case created", {
                "case_number": case_number, "title": title, "agency": agency, "timezone": timezone,
                "authority": authority, "tool_version": __version__,
            })
        return store

    @classmethod
    def open(cls, case_dir: str | os.PathLike[str], *, read_only: bool = False) -> CaseStore:
        folder = Path(case_dir)
        if (folder / PG_REF).is_file() and not (folder / DB_NAME).is_file():
            from .pg import PgCaseStore

            return PgCaseStore.open_folder(folder, read_only=read_only)
        if not (folder / DB_NAME).is_file():
            raise StoreError(
                f"No case found in {folder.resolve()}.",
                hint="Create one with 'forensic-triage case new' or check the folder name.",
            )
        return cls._connect(folder, read_only=read_only, creating=False)

    @classmethod
    def _connect(cls, folder: Path, *, read_only: bool, creating: bool) -> CaseStore:
        path = folder / DB_NAME
        try:
            conn = sqlite3.connect(str(path), timeout=30.0, isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA busy_timeout=30000")
            if not read_only:
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
        except sqlite3.Error as exc:
            raise _translate(exc, path) from exc
        store = cls(folder, conn, read_only=read_only)
        if not read_only:
            store._acquire_lock()
            store._watch_writes()
        try:
            store._migrate(creating)
            if not read_only and not creating:
                store._anchor_first_time()
        except sqlite3.Error as exc:
            store.close()
            raise _translate(exc, path) from exc
        except StoreError:
            store.close()
            raise
        return store

    def _acquire_lock(self) -> None:
        key = str(self.case_dir.resolve())
        if key in _HELD_LOCKS:
            fd, count = _HELD_LOCKS[key]
            _HELD_LOCKS[key] = (fd, count + 1)
            self._locked = True
            return
        fd = os.open(self.case_dir / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            os.close(fd)
            if exc.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                raise StoreError(
                    f"The case {self.case_dir} is open for writing in another program.",
                    hint="Wait for that job to finish or close it, then try again.",
                ) from exc
            raise
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        _HELD_LOCKS[key] = (fd, 1)
        self._locked = True

    def _release_lock(self) -> None:
        if not self._locked:
            return
        key = str(self.case_dir.resolve())
        fd, count = _HELD_LOCKS[key]
        if count > 1:
            _HELD_LOCKS[key] = (fd, count - 1)
        else:
            del _HELD_LOCKS[key]
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)
        self._locked = False

    def _migrate(self, creating: bool) -> None:
        has_meta = self.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'"
        ).fetchone()
        current = 0
        if has_meta:
            row = self.conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
            try:
                current = int(row[0]) if row else 0
            except (TypeError, ValueError):
                raise StoreError(f"{self.case_dir / DB_NAME} records no valid format number ({row[0]!r}): the "
                                 "case database was edited outside the tool or is damaged.",
                                 hint="Restore the case from a copy; 'verify' cannot judge it.") from None
        elif not creating:
            raise StoreError(f"{self.case_dir / DB_NAME} is not a case database.")
        if current > SCHEMA_VERSION:
            raise StoreError(
                f"This case was written by a newer version of the tool (case format {current}, this version "
                f"reads up to {SCHEMA_VERSION}).",
                hint="Open it with the newer version; it was not changed.",
            )
        if current == SCHEMA_VERSION:
            return
        if self.read_only:
            raise StoreError("This case needs an upgrade of its format; open it once for writing to upgrade it.")
        # An upgrade changes table shapes (new columns change a table's digest): check the tables
        # against the last anchor first, then anchor the upgraded tables in one entry that names
        # any table already changed outside the tool, so the upgrade never absorbs an edit.
        before = self._changed_before_upgrade() if current else None
        for version in range(current + 1, SCHEMA_VERSION + 1):
            # executescript commits any open transaction first, so the migration carries its own
            # BEGIN/COMMIT: the schema change and its version stamp land together or not at all.
            # A migration that rebuilds a table others reference starts with "-- foreign_keys off":
            # the check is off for the rebuild (it cannot change inside a transaction) and every
            # reference is checked before the commit.
            rebuild = MIGRATIONS[version].startswith("-- foreign_keys off")
            if rebuild:
                self.conn.execute("PRAGMA foreign_keys=OFF")
            try:
                self.conn.executescript(
                    "BEGIN IMMEDIATE;" + MIGRATIONS[version]
                    + f"INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', '{version}');"
                    + f"INSERT OR REPLACE INTO meta(key, value) VALUES ('created_by', 'forensic-triage {__version__}');"
                )
                broken = self.conn.execute("PRAGMA foreign_key_check").fetchall() if rebuild else []
                if broken:
                    raise StoreError(f"The upgrade to case format {version} would break {len(broken)} reference(s) "
                                     "between tables; nothing was changed.",
                                     hint="The case database may have been edited outside the tool: run 'verify'.")
                self.conn.execute("COMMIT")
            finally:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                if rebuild:
                    self.conn.execute("PRAGMA foreign_keys=ON")
        if before is not None:
            with self.transaction():
                self._append(self._actor(), digest.ACTION_UPGRADED, {
                    "from_format": current, "to_format": SCHEMA_VERSION, "tool_version": __version__,
                    "changed_before_upgrade": before,
                    "note": "The case format was upgraded; the tables were checked against the last anchor "
                            "before the upgrade and anchored again after it."}, None, recompute_all=True)

    def _changed_before_upgrade(self) -> list[str] | None:
        """Tables that differ from the last anchor before an upgrade (None: nothing anchored yet)."""
        try:
            anchor = digest.latest_anchor(self.conn)
        except sqlite3.Error:
            return None  # a format without an audit log: the first anchor comes after the upgrade
        if anchor is None:
            return None
        changed: list[str] = []
        for table in sorted(anchor["tables"]):
            try:
                now = digest.table_digest(self.conn, table)
            except (sqlite3.Error, UnicodeError, ValueError) as exc:
                now = f"unreadable: {exc}"
            if now != anchor["tables"][table]:
                changed.append(table)
        return changed

    def close(self) -> None:
        if not self.read_only and self._locked:
            with contextlib.suppress(StoreError, sqlite3.Error):
                self._anchor_unrecorded_writes()
            _WRITERS.get(self._key, weakref.WeakSet()).discard(self)
            _ORPHANED.setdefault(self._key, set()).update(self._writes)
            self._writes.clear()
        with contextlib.suppress(sqlite3.Error):
            self.conn.close()
        self._release_lock()

    def __enter__(self) -> CaseStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------ primitives
    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic write: all of it lands, or none of it (also on kill -9)."""
        if self.read_only:
            raise StoreError("This case is open read-only.")
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute("ROLLBACK")
            raise _translate(exc, self.case_dir / DB_NAME) from exc

    def query(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> list[sqlite3.Row]:
        try:
            cur = self.conn.cursor()
            cur.row_factory = sqlite3.Row
            return cur.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise _translate(exc, self.case_dir / DB_NAME) from exc

    def iter_query(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> Iterator[sqlite3.Row]:
        cur = self.conn.cursor()
        cur.row_factory = sqlite3.Row
        try:
            yield from cur.execute(sql, params)
        except sqlite3.Error as exc:
            raise _translate(exc, self.case_dir / DB_NAME) from exc

    def scalar(self, sql: str, params: tuple[Any, ...] = ()) -> Any:
        row = self.conn.execute(sql, params).fetchone()
        return row[0] if row else None

    # ------------------------------------------------------------------ case
    def case_info(self) -> dict[str, Any]:
        rows = self.query("SELECT * FROM case_info WHERE id = 1")
        if not rows:
            raise StoreError(f"The case in {self.case_dir} has no case record.")
        return dict(rows[0])

    @property
    def examiner(self) -> str:
        return str(self.case_info()["examiner"])

    @property
    def timezone(self) -> str:
        return str(self.case_info()["timezone"])

    # ----------------------------------------------------------------- audit
    def audit(self, actor: str, action: str, details: dict[str, Any] | None = None, *,
              touched: tuple[str, ...] | None = None) -> str:
        """Append one entry to the hash-chained log (inside the caller's transaction if any).

        Every entry anchors the case digest (see :mod:`.digest`) in ``details["digest"]``:
        ``{"combined", "tables"}``. The tables named in ``touched`` and every table this process
        wrote since the last anchor (SQLite's authorizer sees each write) are recomputed; the
        others are carried forward from the previous anchor, so an edit made outside the tool is
        never absorbed into a new anchor. With no previous anchor every table is computed.
        """
        if self.conn.in_transaction:
            return self._append(actor, action, details or {}, touched)
        with self.transaction():
            return self._append(actor, action, details or {}, touched)

    def _append(self, actor: str, action: str, details: dict[str, Any],
                touched: tuple[str, ...] | None, *, recompute_all: bool = False) -> str:
        previous = digest.latest_anchor(self.conn)
        if previous is None or recompute_all or set(previous["tables"]) != set(digest.COVERED_TABLES):
            tables = digest.compute(self.conn)
        else:
            tables = {t: str(previous["tables"][t]) for t in digest.COVERED_TABLES}
            redo = (set(touched or ()) | self._written()) & set(digest.COVERED_TABLES)
            tables.update(digest.compute(self.conn, [t for t in digest.COVERED_TABLES if t in redo]))
        entry = {**details, "digest": {"combined": digest.combined(tables), "tables": tables}}
        head = audit.append(self.conn, utcnow_iso(), actor, action, entry)
        self._reset_written()
        return head

    def verify_audit(self) -> tuple[list[str], str]:
        return audit.verify(self.conn)

    # ------------------------------------------------- digest bookkeeping
    def _watch_writes(self) -> None:
        _WRITERS.setdefault(self._key, weakref.WeakSet()).add(self)
        self.conn.set_authorizer(self._authorize)

    def _authorize(self, action: int, arg1: str | None, arg2: str | None, db_name: str | None,
                   _source: str | None) -> int:
        if action in _WRITE_ACTIONS and arg1:
            self._writes.add(arg1)
        elif action == sqlite3.SQLITE_ALTER_TABLE and arg2:
            self._writes.add(arg2)
        return sqlite3.SQLITE_OK

    def _written(self) -> set[str]:
        """Tables this process wrote that no anchor has covered yet (every open writer of the case)."""
        tables = set(self._writes) | _ORPHANED.get(self._key, set())
        for store in list(_WRITERS.get(self._key, ())):
            tables |= store._writes
        return tables

    def _reset_written(self) -> None:
        """Forget this connection's writes just anchored. SQLite consults the authorizer only when
        it prepares a statement; setting it again expires every cached statement of this
        connection, so the next use of any of them is seen again."""
        self._writes.clear()
        _ORPHANED.pop(self._key, None)
        with contextlib.suppress(sqlite3.Error):
            self.conn.set_authorizer(self._authorize)

    def _actor(self) -> str:
        try:
            return self.examiner
        except (StoreError, sqlite3.Error):
            return "forensic-triage"

    def _anchor_first_time(self) -> None:
        """A case made before digests existed is anchored at its first writable open."""
        if digest.latest_anchor(self.conn) is not None:
            return
        if not self.conn.execute("SELECT 1 FROM case_info").fetchone():
            return  # creation did not finish; nothing to anchor
        with self.transaction():
            self._append(self._actor(), digest.ACTION_FIRST_ANCHOR, {
                "note": "The case had no digest until this entry: edits of its tables made before it cannot be "
                        "detected.", "tool_version": __version__}, None, recompute_all=True)

    def _anchor_unrecorded_writes(self) -> None:
        """On close: writes of this process that no audit entry anchored (a step that records no
        entry of its own) are anchored in one entry naming the tables, if they changed anything."""
        others = [s for s in _WRITERS.get(self._key, ()) if s is not self and s._locked]
        written = self._written() & set(digest.COVERED_TABLES)
        if others or not written:
            return
        previous = digest.latest_anchor(self.conn)
        if previous is None:
            return
        now = digest.compute(self.conn, sorted(written))
        changed = sorted(t for t, d in now.items() if previous["tables"].get(t) != d)
        if changed:
            self.audit(self._actor(), digest.ACTION_CHANGES, {
                "tables": changed, "note": "written by the tool without an entry of their own"})

    def _recover_interrupted(self) -> None:
        """Before a job starts: a job still marked running was stopped (kill, crash, power); record
        that, and which tables changed since the last anchor, before anchoring again."""
        active = _ACTIVE_JOBS.get(self._key, set())
        running = [dict(r) for r in self.query("SELECT id, kind, started_utc FROM jobs WHERE outcome='running'"
                                                " ORDER BY id") if r["id"] not in active]
        previous = digest.latest_anchor(self.conn)
        changed: list[str] = []
        if previous is not None:
            changed, _ = digest.changed_tables(self.conn, previous)
            changed = [t for t in changed if t not in self._written()]  # this process's own writes
        if not running and not changed:
            return
        anchor_text = (f"audit entry {previous['seq']} ({previous['time_utc']})" if previous else "the last anchor")
        if running:
            ids = ", ".join(f"#{j['id']} ({j['kind']}, started {j['started_utc']})" for j in running)
            tables = ", ".join(f"'{t}'" for t in changed) or "none"
            message = (f"Job {ids} did not end: the program was stopped or crashed. Its results written up to then "
                       f"are kept. Tables changed since {anchor_text}, by that job as far as the tool can tell: "
                       f"{tables}.")
            for job in running:
                self.conn.execute("UPDATE jobs SET outcome='interrupted' WHERE id=?", (job["id"],))
                self.add_warning(self.conn, source="jobs", kind="interrupted", job_id=job["id"], message=message)
            self.audit(self._actor(), digest.ACTION_INTERRUPTED, {
                "jobs": [j["id"] for j in running], "changed_since_anchor": changed,
                "anchor_seq": previous["seq"] if previous else None, "note": message},
                touched=(*changed, "jobs", "warnings"))
        else:
            tables = ", ".join(f"'{t}'" for t in changed)
            self.audit(self._actor(), digest.ACTION_UNRECORDED, {
                "tables": changed, "anchor_seq": previous["seq"] if previous else None,
                "note": f"The tables {tables} changed after {anchor_text} without a record of the tool: edited "
                        "outside the tool, or a command was stopped before it could record its changes."},
                touched=tuple(changed))

    # ------------------------------------------------------------------ jobs
    def start_job(self, kind: str, settings: dict[str, Any], command_line: str = "") -> int:
        with self.transaction():
            self._recover_interrupted()
            cur = self.conn.execute(
                "INSERT INTO jobs(kind, tool_version, settings, command_line, started_utc) VALUES (?,?,?,?,?)",
                (kind, __version__, json.dumps(settings, sort_keys=True, default=str), command_line, utcnow_iso()),
            )
            job_id = int(cur.lastrowid or 0)
            self.audit(self.examiner, f"{kind} started", {"job": job_id, "settings": settings}, touched=("jobs",))
        _ACTIVE_JOBS.setdefault(self._key, set()).add(job_id)
        return job_id

    def end_job(self, job_id: int, outcome: str, stats: dict[str, Any]) -> None:
        with self.transaction():
            self.conn.execute(
                "UPDATE jobs SET ended_utc=?, outcome=?, stats=? WHERE id=?",
                (utcnow_iso(), outcome, json.dumps(stats, sort_keys=True, default=str), job_id),
            )
            self.audit(self.examiner, f"job {outcome}", {"job": job_id, "stats": stats}, touched=("jobs",))
        _ACTIVE_JOBS.get(self._key, set()).discard(job_id)

    def add_warning(self, conn: sqlite3.Connection, *, source: str, message: str, kind: str = "warning",
                    job_id: int | None = None, evidence_id: int | None = None, file_id: int | None = None,
                    locator: str | None = None, details: dict[str, Any] | None = None) -> None:
        self.add_warnings(conn, [(job_id, evidence_id, file_id, locator, source, kind, message, details)])

    def add_warnings(self, conn: sqlite3.Connection, rows: Sequence[tuple[Any, ...]]) -> None:
        """Stored warnings, (job_id, evidence_id, file_id, locator, source, kind, message, details as
        a dict) each, in one ``executemany``."""
        if rows:
            conn.executemany(
                "INSERT INTO warnings(job_id, evidence_id, file_id, locator, source, kind, message, details,"
                " created_utc) VALUES (?,?,?,?,?,?,?,?,?)",
                [(*r[:7], json.dumps(r[7] or {}, sort_keys=True, default=str), utcnow_iso()) for r in rows])
