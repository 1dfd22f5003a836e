"""The artifact-extractor plugin API (what a file in ``plugins/`` implements).

An extractor is one short module::

    @dataclasses.dataclass(frozen=True)
    class PrefetchRun(Record):
        record_type: ClassVar[str] = "windows.prefetch"
        time_fields: ClassVar[dict[str, str]] = {"last_run": "Program run (prefetch)"}
        executable: str
        run_count: int
        last_run: str | None          # ISO 8601 UTC, see forensic_triage.timeutil

        def summary(self) -> str:
            return f"{self.executable} run {self.run_count} times"

    class PrefetchExtractor(Extractor):
        name = "windows.prefetch"
        version = "1.0"
        description = "Windows Prefetch files (formats 17/23/26/30/31)"
        references = ("https://github.com/libyal/libscca/...",)
        inputs = InputSpec(globs=("%SystemRoot%/Prefetch/*.pf",), signatures=(b"MAM\\x04", ...))
        record_types = (PrefetchRun,)

        def extract(self, ctx, stream, file_info):
            ...
            yield PrefetchRun(...)

    EXTRACTORS = (PrefetchExtractor,)

Extractors never touch the store or the evidence: they get a read-only stream of the
file's bytes (already read once by the pipeline) and a narrow context (warn, cancel check,
temp folder, the user profile the file belongs to, library versions).
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import fnmatch
import functools
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO, ClassVar

from .model import FileInfo

API_VERSION = 1

# Path variables (ForensicArtifacts style), resolved per volume and per user profile.
PATH_VARIABLES: dict[str, str] = {
    "%SystemRoot%": r"(?:Windows|WINNT|WINDOWS)",
    "%SystemDrive%": r"",
    "%UserProfile%": r"(?:Users|Documents and Settings)/(?P<user>[^/]+)",
    "%AppData%": r"(?:Users/(?P<user>[^/]+)/AppData/Roaming|Documents and Settings/(?P<user_xp>[^/]+)/Application Data)",
    "%LocalAppData%": r"(?:Users/(?P<user>[^/]+)/AppData/Local|Documents and Settings/(?P<user_xp>[^/]+)/Local Settings/Application Data)",
    "%ProgramData%": r"(?:ProgramData|Documents and Settings/All Users/Application Data)",
    "%HomeDir%": r"(?:home/(?P<user>[^/]+)|root|Users/(?P<user_mac>[^/]+))",
}


@functools.lru_cache(maxsize=4096)  # called for every file x extractor: compile each glob once
def glob_to_regex(pattern: str) -> re.Pattern[str]:
    """A declared path glob (with variables, ``*`` and ``**``) as a case-insensitive regex.

    Paths are matched relative to the file-system root, without a leading slash.
    """
    pattern = pattern.lstrip("/").replace("\\", "/")
    out = []
    i = 0
    used_groups: set[str] = set()
    while i < len(pattern):
        if pattern[i] == "%":
            end = pattern.find("%", i + 1)
            var = pattern[i: end + 1] if end > 0 else ""
            if var in PATH_VARIABLES:
                expansion = PATH_VARIABLES[var]
                # A named group may appear once per regex: rename repeats.
                for group in re.findall(r"\?P<(\w+)>", expansion):
                    if group in used_groups:
                        expansion = expansion.replace(f"?P<{group}>", "?:")
                    used_groups.add(group)
                out.append(expansion)
                i = end + 1
                continue
        if pattern.startswith("**", i):
            out.append(r".*")
            i += 2
            continue
        ch = pattern[i]
        if ch == "*":
            out.append(r"[^/]*")
        elif ch == "?":
            out.append(r"[^/]")
        else:
            out.append(re.escape(ch))
        i += 1
    return re.compile("^" + "".join(out) + "$", re.IGNORECASE)


@dataclasses.dataclass(frozen=True, slots=True)
class InputSpec:
    """What an extractor reads: any glob, file-name pattern or signature selects a file."""

    globs: tuple[str, ...] = ()
    names: tuple[str, ...] = ()          # file-name globs, case-insensitive ("*.pf", "History")
    signatures: tuple[bytes, ...] = ()   # prefixes of the content at offset 0
    mime: tuple[str, ...] = ()           # MIME prefixes from libmagic ("image/jpeg")
    max_size: int = 256 * 1024 * 1024    # larger inputs get a warning instead of being parsed
    needs_path: bool = False             # the parsing library needs a file on disk (e.g. SQLite)
    companions: tuple[str, ...] = ()     # sibling suffixes copied beside it ("-wal", "-journal")
    require_all: bool = False            # True: a glob/name AND a signature must both match


class Record:
    """Base for extractor records: frozen dataclasses with named, typed fields."""

    record_type: ClassVar[str] = "record"
    # field name -> timeline label ("URL visited"); every listed field that holds a time lands
    # in the unified timeline.
    time_fields: ClassVar[dict[str, str]] = {}

    def summary(self) -> str:
        return self.record_type


# The roles of phone records in the report's phone section and the CASE export (see
# ``Record.phone_view``): one standard dict per role, whatever app or platform the record is from.
PHONE_ROLES: dict[str, tuple[str, ...]] = {
    # application: "SMS", "iMessage", "WhatsApp", "Telegram", "Phone", "FaceTime"...
    # direction: "sent" | "received" (messages); "incoming" | "outgoing" | "missed" | ... (calls)
    # party: the other party (number, handle, JID); time: ISO text as in the record's own field
    "message": ("application", "direction", "party", "time", "body", "thread"),
    "call": ("application", "direction", "party", "time", "duration_seconds"),
    "contact": ("name", "numbers", "emails", "application"),
    "account": ("application", "identifier", "name"),  # ApplicationAccount / PhoneAccount in CASE
    "location": ("latitude", "longitude", "time", "description"),  # WGS 84 degrees
}


@dataclasses.dataclass(frozen=True, kw_only=True)
class RowRecord(Record):
    """A record read from one row of a SQLite table: where to check it by hand with any SQLite tool.

    The database is the file the record came from (its locator); ``table`` and ``row_id`` (the
    table's rowid or integer primary key) name the row. ``recovered`` is ``""`` for a live row,
    ``"wal"`` for a row found only in the write-ahead log (not yet or no longer in the main file)
    and ``"freelist"`` for a deleted row recovered from a free page or free space. Subclasses are
    ``@dataclasses.dataclass(frozen=True)`` with their own fields; these three are keyword-only.

    A phone record also defines ``phone_view()``, returning ``{"role": ROLE, ...}`` with the keys
    :data:`PHONE_ROLES` lists for that role (missing values None): the host stores it in the
    record's data under ``"phone"``, which the report and the CASE export read.
    """

    table: str = ""
    row_id: int | None = None
    recovered: str = ""


class ExtractContext:
    """The narrow interface an extractor sees while it runs."""

    def __init__(self, *, file: FileInfo, temp_dir: Path, user: str | None,
                 warn: Callable[[str], None], cancelled: Callable[[], bool],
                 read_sibling: Callable[[str], bytes | None] | None = None,
                 library_versions: dict[str, str] | None = None) -> None:
        self.file = file
        self.temp_dir = temp_dir
        self.user = user
        self._warn = warn
        self._cancelled = cancelled
        self._read_sibling = read_sibling
        self.library_versions = library_versions if library_versions is not None else {}
        self.path_on_disk: Path | None = None  # set when InputSpec.needs_path

    def warn(self, message: str) -> None:
        """A recoverable problem with this input: stored with the results, shown in the report."""
        self._warn(message)

    def check_cancel(self) -> bool:
        return self._cancelled()

    def read_sibling(self, name: str) -> bytes | None:
        """Bytes of another file in the same folder (e.g. ``History-wal``), or None."""
        return self._read_sibling(name) if self._read_sibling else None

    def uses_library(self, name: str, version: str) -> None:
        """Record the parsing library and version that produced the records."""
        self.library_versions[name] = version


class Extractor:
    """Base class for extractors: declare class data, implement ``extract``."""

    name: ClassVar[str] = ""
    version: ClassVar[str] = "0"
    description: ClassVar[str] = ""
    references: ClassVar[tuple[str, ...]] = ()
    inputs: ClassVar[InputSpec] = InputSpec()
    record_types: ClassVar[tuple[type[Record], ...]] = ()
    api_version: ClassVar[int] = API_VERSION
    enabled_by_default: ClassVar[bool] = True

    def extract(self, ctx: ExtractContext, stream: BinaryIO, file_info: FileInfo) -> Iterator[Record]:
        raise NotImplementedError

    def to_case(self, record: Record) -> list[dict[str, Any]] | None:
        """Optional: UCO nodes for a record (the CASE exporter uses a generic mapping otherwise)."""
        return None


def record_fields(record: Record) -> dict[str, Any]:
    """A record as a JSON-able dict (datetimes as ISO UTC, bytes as hex)."""
    out: dict[str, Any] = {}
    for field in dataclasses.fields(record):  # type: ignore[arg-type]
        out[field.name] = _jsonable(getattr(record, field.name))
    return out


def _jsonable(value: Any) -> Any:
    from .timeutil import iso

    if isinstance(value, _dt.datetime):
        return iso(value)
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    return value


@functools.lru_cache(maxsize=4096)
def _any_name(names: tuple[str, ...]) -> re.Pattern[str]:
    """One regex for a spec's file-name globs: matches a lower-cased name exactly when
    ``fnmatch.fnmatchcase(name, glob.lower())`` holds for one of them (matching is per file and
    per extractor: compiled once, it is one C call instead of a Python loop)."""
    return re.compile("|".join(f"(?:{fnmatch.translate(n.lower())})" for n in names))


def matches(spec: InputSpec, info: FileInfo) -> tuple[bool, str | None]:
    """Does this file select the extractor? Returns (selected, user profile name or None)."""
    rel = info.path.lstrip("/")
    user: str | None = None
    by_path = False
    for glob in spec.globs:
        m = glob_to_regex(glob).match(rel)
        if m:
            by_path = True
            groups = {k: v for k, v in m.groupdict().items() if v}
            user = groups.get("user") or groups.get("user_xp") or groups.get("user_mac")
            break
    if not by_path and spec.names:
        by_path = _any_name(tuple(spec.names)).match(info.name.lower()) is not None
    by_sig = (bool(spec.signatures) and info.head.startswith(tuple(spec.signatures))) or (
        bool(spec.mime) and info.mime.startswith(tuple(spec.mime)))
    if spec.require_all:
        selected = by_path and (by_sig or not (spec.signatures or spec.mime))
    else:
        selected = by_path or by_sig
    if selected and user is None:
        m = re.match(r"^/?(?:Users|Documents and Settings|home)/([^/]+)/", info.path, re.IGNORECASE)
        if m:
            user = m.group(1)
    return selected, user
