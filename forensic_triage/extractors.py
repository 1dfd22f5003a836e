"""Finding extractors (built-ins, entry points, user folder) and running them on the single read."""

from __future__ import annotations

import dataclasses
import functools
import importlib
import importlib.util
import io
import pkgutil
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable
from importlib.metadata import entry_points
from pathlib import Path
from types import ModuleType
from typing import Any

from .model import ArtifactRecord, EventTime, FileResult, WarningKind, WarningRecord
from .pipeline.analyzers import AnalyzerRun, FileInfo
from .pipeline.filework import describe_ranges
from .plugin_api import (
    API_VERSION,
    PHONE_ROLES,
    ExtractContext,
    Extractor,
    Record,
    _jsonable,
    matches,
    record_fields,
)
from .plugin_folder import user_plugin_dir

ENTRY_POINT_GROUP = "forensic_triage.extractors"


@dataclasses.dataclass(slots=True)
class LoadProblem:
    source: str
    message: str


@dataclasses.dataclass(slots=True)
class Registry:
    extractors: list[type[Extractor]]
    problems: list[LoadProblem]

    def by_name(self) -> dict[str, type[Extractor]]:
        return {e.name: e for e in self.extractors}


def _validate(cls: Any, source: str) -> str | None:
    if not isinstance(cls, type) or not issubclass(cls, Extractor):
        return f"{source}: {cls!r} is not an Extractor subclass"
    if not cls.name or "." not in cls.name:
        return f"{source}: {cls.__name__} has no dotted name (e.g. 'windows.prefetch')"
    if cls.api_version != API_VERSION:
        return f"{source}: {cls.name} was written for plugin API {cls.api_version}, this tool provides {API_VERSION}"
    if not cls.record_types:
        return f"{source}: {cls.name} declares no record_types"
    if not (cls.inputs.globs or cls.inputs.names or cls.inputs.signatures or cls.inputs.mime):
        return f"{source}: {cls.name} declares no inputs"
    return None


def _from_module(module: ModuleType, source: str, reg: Registry) -> None:
    found = getattr(module, "EXTRACTORS", None)
    if not isinstance(found, tuple):
        reg.problems.append(LoadProblem(source, f"{source} has no EXTRACTORS tuple"))
        return
    for cls in found:
        problem = _validate(cls, source)
        if problem:
            reg.problems.append(LoadProblem(source, problem))
        else:
            reg.extractors.append(cls)


BUILTIN_PACKAGE = "forensic_triage.plugins"


def builtin_modules(package: str = BUILTIN_PACKAGE) -> list[str]:
    """The modules of the built-in plugins package, sorted by name (found with pkgutil: adding
    an extractor is adding its module). Names starting with '_' are left out."""
    pkg = importlib.import_module(package)
    return sorted(info.name for info in pkgutil.iter_modules(getattr(pkg, "__path__", []))
                  if not info.name.startswith("_"))


def _import_into(reg: Registry, source: str, load: Callable[[], ModuleType]) -> None:
    try:
        module = load()
    except Exception as exc:  # noqa: BLE001 - a broken plugin must not stop the others: it is a stored load problem
        reg.problems.append(LoadProblem(source, f"{source} cannot be loaded: {exc!r}"))
        return
    _from_module(module, source, reg)


def _load_user_module(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"ft_user_plugin_{path.stem}", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"no loader for {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _load_entry_points(reg: Registry) -> None:
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        try:
            obj = ep.load()
        except Exception as exc:  # noqa: BLE001 - a broken plugin must not stop the others: it is a stored load problem
            reg.problems.append(LoadProblem(ep.name, f"entry point {ep.name} cannot be loaded: {exc!r}"))
            continue
        if isinstance(obj, ModuleType):
            _from_module(obj, f"entry point {ep.name}", reg)
            continue
        problem = _validate(obj, f"entry point {ep.name}")
        if problem:
            reg.problems.append(LoadProblem(ep.name, problem))
        else:
            reg.extractors.append(obj)


def _load_user_folder(reg: Registry, folder: Path) -> None:
    try:
        has_folder = folder.is_dir()
    except OSError as exc:
        reg.problems.append(LoadProblem(str(folder), f"the user plugin folder {folder} cannot be read: {exc.strerror}"))
        return
    if has_folder:
        for path in sorted(folder.glob("*.py")):
            _import_into(reg, f"user plugin {path}", functools.partial(_load_user_module, path))


def load_registry(*, user_dir: Path | None = None, include_entry_points: bool = True,
                  package: str = BUILTIN_PACKAGE) -> Registry:
    """Every extractor that can be loaded, sorted by name; broken ones are reported by name.

    Sources: every module of the built-in ``package`` (see :func:`builtin_modules`), the
    ``forensic_triage.extractors`` entry points, then the user plugin folder. Each module names
    its extractors in its ``EXTRACTORS`` tuple; a helper module shared by extractors says it has
    none with ``EXTRACTORS = ()``; a module without the tuple is a load problem."""
    reg = Registry([], [])
    for mod_name in builtin_modules(package):
        source = f"{package}.{mod_name}"
        _import_into(reg, source, functools.partial(importlib.import_module, source))
    if include_entry_points:
        _load_entry_points(reg)
    _load_user_folder(reg, user_dir if user_dir is not None else user_plugin_dir())
    seen: dict[str, type[Extractor]] = {}
    for cls in reg.extractors:
        if cls.name in seen and seen[cls.name] is not cls:
            reg.problems.append(LoadProblem(cls.name, f"two extractors are named {cls.name}; the first is used"))
            continue
        seen[cls.name] = cls
    reg.extractors = sorted(seen.values(), key=lambda c: c.name)
    return reg


def select(reg: Registry, names: Iterable[str] | None) -> list[type[Extractor]]:
    """The extractors to run: ``None`` = all enabled by default; names may end with '*'."""
    if names is None:
        return [e for e in reg.extractors if e.enabled_by_default]
    wanted = list(names)
    chosen = []
    for cls in reg.extractors:
        if any(cls.name == n or (n.endswith("*") and cls.name.startswith(n[:-1])) for n in wanted):
            chosen.append(cls)
    unknown = [n for n in wanted if not any(c.name == n or (n.endswith("*") and c.name.startswith(n[:-1]))
                                            for c in reg.extractors)]
    if unknown:
        from .errors import UsageError

        raise UsageError(f"Unknown plugin(s): {', '.join(unknown)}.", hint="'forensic-triage plugins' lists them.")
    return chosen


# Parsing libraries the built-in extractors rely on: (module, how to read its version).
_PARSING_LIBRARIES = (
    ("pyregf", "get_version"), ("pyevtx", "get_version"), ("pyscca", "get_version"), ("pylnk", "get_version"),
    ("pyolecf", "get_version"), ("PIL", "__version__"), ("pypdf", "__version__"), ("sqlite3", "sqlite_version"),
)


def parsing_library_versions() -> dict[str, str]:
    """Versions of the installed parsing libraries, recorded with every triage run."""
    versions: dict[str, str] = {}
    for module_name, attr in _PARSING_LIBRARIES:
        try:
            module = importlib.import_module(module_name)
            value = getattr(module, attr)
            versions[module_name] = str(value() if callable(value) else value)
        except (ImportError, AttributeError, OSError, TypeError):  # a missing optional library is simply not listed
            continue
    return versions


def record_times(record_type: type[Record], data: dict[str, Any]) -> list[tuple[str, str]]:
    """The timeline events of every ``time_fields`` field of a record's data. A text with 'Z'
    or an offset is UTC; a naive one is the source's local clock (time basis 'local')."""
    times: list[tuple[str, str]] = []  # EventTime items
    for field, label in record_type.time_fields.items():
        value = data.get(field)
        if isinstance(value, str) and value:
            times.append(EventTime(label, value))
        elif isinstance(value, list):
            times.extend(EventTime(label, v) for v in value if isinstance(v, str) and v)
    return times


def _phone_view(view: Any) -> dict[str, Any]:
    """A record's phone view checked against :data:`PHONE_ROLES` (JSON-able, every key present)."""
    if not isinstance(view, dict) or view.get("role") not in PHONE_ROLES:
        raise ValueError(f"not a phone view: {view!r:.80}")
    keys = PHONE_ROLES[view["role"]]
    unknown = set(view) - set(keys) - {"role"}
    if unknown:
        raise ValueError(f"unknown keys {sorted(unknown)} for role {view['role']}")
    return {"role": view["role"], **{k: _jsonable(view.get(k)) for k in keys}}


def find_record_type(reg: Registry, plugin: str, record_type: str) -> type[Record] | None:
    """The record class a stored artifact came from (to re-derive its times), or None."""
    cls = reg.by_name().get(plugin)
    if cls is None:
        return None
    return next((r for r in cls.record_types if r.record_type == record_type), None)


def to_artifact(extractor: type[Extractor], record: Record, index: int,
                warn: Callable[[str], None] | None = None) -> ArtifactRecord:
    """The stored form of a record. When the record's ``summary()`` fails, its type is the
    summary and ``warn`` (if given) gets a sentence saying so."""
    data = record_fields(record)
    view = getattr(record, "phone_view", None)
    if callable(view):
        try:
            data["phone"] = _phone_view(view())
        except Exception as exc:  # noqa: BLE001 - a plugin's phone_view() bug costs that view only (stated)
            if warn is not None:
                warn(f"The phone view of a {type(record).record_type} record could not be made "
                     f"({type(exc).__name__}: {exc}); it is left out of the phone section.")
    times = [EventTime(*t) for t in record_times(type(record), data)]
    try:
        summary = record.summary()
    except Exception as exc:  # noqa: BLE001 - a plugin's summary() bug costs that summary only (stated through warn)
        summary = type(record).record_type
        if warn is not None:
            warn(f"The summary of a {summary} record could not be made ({type(exc).__name__}: {exc}); "
                 "the record type stands in for it.")
    return ArtifactRecord(type(record).record_type, extractor.name, extractor.version, data, summary, times, index)


class _Run:
    """Collects the file's bytes for the whole-buffer parsers. Unreadable ranges (a gap between
    two fed chunks, or a short tail) become zeros at their true offsets: nothing after a gap
    moves, so every record is found where it is in the evidence."""

    def __init__(self, owner: ExtractorAnalyzer, info: FileInfo, chosen: list[tuple[type[Extractor], str | None]]):
        self.owner = owner
        self.info = info
        self.chosen = chosen
        self.buffer = io.BytesIO()
        self.filled = 0

    def feed(self, offset: int, data: bytes) -> None:
        if offset > self.filled:
            self.buffer.write(bytes(offset - self.filled))
        elif offset < self.filled:
            self.buffer.seek(offset)
        self.buffer.write(data)
        self.filled = self.buffer.tell()

    def finish(self, result: FileResult, complete: bool) -> None:
        if self.filled < self.info.size and not complete:
            self.buffer.write(bytes(self.info.size - self.filled))
        data = self.buffer.getvalue()
        self.buffer = io.BytesIO()
        gaps = [] if complete else list(result.read_errors)
        for cls, user in self.chosen:
            before = len(result.artifacts)
            self.owner.run_one(cls, user, self.info, data, result)
            if gaps:
                result.warnings.append(WarningRecord(
                    cls.name, f"{cls.name} parsed this file with {describe_ranges(gaps)} zero-filled (they could not "
                    f"be read from the evidence); its {len(result.artifacts) - before} record(s) come from the "
                    "readable bytes, at their true offsets.", str(self.info.locator), WarningKind.WARNING,
                    details={"zero_filled": [[a, b] for a, b in gaps]}))


class ExtractorAnalyzer:
    """Offers every file to the selected extractors; parsing runs on the bytes already read."""

    name = "extractors"

    def __init__(self, extractors: list[type[Extractor]], temp_root: Path | None = None,
                 read_sibling: Any = None) -> None:
        self.extractors = extractors
        self.instances = {cls.name: cls() for cls in extractors}
        self.temp_root = temp_root
        self.read_sibling = read_sibling  # callable(FileInfo, name) -> bytes | None, set by the pipeline
        self.library_versions: dict[str, str] = {}

    def describe(self) -> dict[str, object]:
        libraries = parsing_library_versions()
        libraries.update(self.library_versions)
        return {"plugins": {c.name: c.version for c in self.extractors}, "libraries": libraries}

    def start(self, info: FileInfo) -> AnalyzerRun | None:
        chosen = []
        for cls in self.extractors:
            selected, user = matches(cls.inputs, info)
            if selected:
                chosen.append((cls, user))
        if not chosen:
            return None
        too_big = [c for c, _ in chosen if info.size > c.inputs.max_size]
        if too_big and len(too_big) == len(chosen):
            run = _TooBig(too_big, info)
            return run
        return _Run(self, info, [(c, u) for c, u in chosen if info.size <= c.inputs.max_size])

    def run_one(self, cls: type[Extractor], user: str | None, info: FileInfo, data: bytes, result: FileResult) -> None:
        warnings: list[str] = []
        ctx = ExtractContext(
            file=info, temp_dir=Path(self.temp_root or tempfile.gettempdir()), user=user,
            warn=warnings.append, cancelled=lambda: False,
            read_sibling=info.read_sibling or ((lambda name: self.read_sibling(info, name)) if self.read_sibling else None),
            library_versions=self.library_versions,
        )
        tmp: Path | None = None
        count = 0
        try:
            if cls.inputs.needs_path:
                tmp = Path(tempfile.mkdtemp(prefix="ft-", dir=self.temp_root))
                disk = tmp / (info.name.replace("/", "_") or "input")
                disk.write_bytes(data)
                for suffix in cls.inputs.companions:
                    sibling = ctx.read_sibling(info.name + suffix)
                    if sibling is not None:
                        (tmp / (disk.name + suffix)).write_bytes(sibling)
                ctx.path_on_disk = disk
                ctx.temp_dir = tmp
            for record in self.instances[cls.name].extract(ctx, io.BytesIO(data), info):
                result.artifacts.append(to_artifact(cls, record, count, warnings.append))
                count += 1
        except Exception as exc:  # noqa: BLE001 - a plugin's exception is a stored warning for this file; the run goes on
            result.warnings.append(WarningRecord(
                cls.name, f"{cls.name} {cls.version} could not parse this file ({type(exc).__name__}: {exc}); "
                f"{count} record(s) kept.", str(info.locator), WarningKind.ERROR,
                out_of_memory=isinstance(exc, MemoryError)))
        finally:
            if tmp is not None:
                shutil.rmtree(tmp, ignore_errors=True)
        for message in warnings:
            result.warnings.append(WarningRecord(cls.name, message, str(info.locator), WarningKind.WARNING))


class _TooBig:
    def __init__(self, extractors: list[type[Extractor]], info: FileInfo) -> None:
        self.extractors = extractors
        self.info = info

    def feed(self, offset: int, data: bytes) -> None:
        pass

    def finish(self, result: FileResult, complete: bool) -> None:
        for cls in self.extractors:
            result.warnings.append(WarningRecord(
                cls.name, f"Not parsed by {cls.name}: {self.info.size} bytes is over its limit of "
                f"{cls.inputs.max_size} bytes.", str(self.info.locator), WarningKind.SKIPPED))
