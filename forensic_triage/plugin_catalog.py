"""What the extractors are — names, versions, record types and their fields, load problems — listed
in a child process, so a user plugin that aborts, hangs or eats memory when it is imported costs
its own entry in the list, never the process that asked (the desktop application).

The child loads the registry exactly as triage does (:func:`..extractors.load_registry`) and
answers in plain data. Before each user plugin module runs it says which one (a progress note):
when the child then dies or stops answering, that plugin is named in a stated problem and the
listing is run again without it, so one bad file never hides the good ones.
"""

from __future__ import annotations

import contextlib
import dataclasses
import importlib.util
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .isolation import Channel, Limits, Stop, run_limited
from .plugin_folder import user_plugin_dir

# Importing every built-in extractor takes a few seconds on a slow machine: the time limit is per
# plugin module (each progress note restarts it), the memory limit for the whole listing.
DEFAULT_LIMITS = (20.0, 2048)
LISTING_NICENESS = 10  # added to the listing child's niceness


def limits() -> Limits:
    return Limits.named("plugins", *DEFAULT_LIMITS)


@dataclasses.dataclass(frozen=True, slots=True)
class RecordTypeInfo:
    record_type: str
    fields: tuple[str, ...]  # the record dataclass's fields, in order (empty when it is not one)


@dataclasses.dataclass(frozen=True, slots=True)
class PluginInfo:
    name: str
    version: str
    description: str
    references: tuple[str, ...]
    enabled_by_default: bool
    record_types: tuple[RecordTypeInfo, ...]


@dataclasses.dataclass(frozen=True, slots=True)
class PluginProblem:
    source: str
    message: str


@dataclasses.dataclass(frozen=True, slots=True)
class Catalog:
    plugins: tuple[PluginInfo, ...]
    problems: tuple[PluginProblem, ...]

    def fields_by_record_type(self) -> dict[str, list[str]]:
        """record type -> field names, for every record type declared as a dataclass."""
        return {rt.record_type: list(rt.fields) for p in self.plugins for rt in p.record_types if rt.fields}


def _text(value: Any) -> str:
    """A plain ``str`` (never a subclass a plugin defined) of any value."""
    return str(value).encode("utf-8", "surrogatepass").decode("utf-8", "surrogatepass")


def _user_source(path: Path) -> str:
    return f"user plugin {path}"  # as extractors.load_registry names it


class _Skipped(Exception):
    """Raised instead of running a user plugin that already failed in an earlier child."""


def _watch_user_plugins(channel: Channel, skip: set[str], memory: dict[str, None]) -> Callable[[], None]:
    """Wrap the loader of every user plugin file: a note before it runs, a skip for the ones that
    already stopped a child, and a record of those that ran out of memory. Returns the undo."""
    original = importlib.util.spec_from_file_location

    def spec_from_file_location(name: str, location: Any = None, *args: Any, **kwargs: Any) -> Any:
        spec = original(name, location, *args, **kwargs)
        if spec is None or spec.loader is None or location is None:
            return spec
        path, real = str(location), spec.loader

        class Watched:
            def create_module(self, spec: Any) -> Any:
                return real.create_module(spec)

            def exec_module(self, module: Any) -> None:
                if path in skip:
                    raise _Skipped(path)
                channel.note({"loading": path})
                try:
                    real.exec_module(module)
                except MemoryError:
                    memory[path] = None
                    raise

        spec.loader = Watched()  # type: ignore[assignment]
        return spec

    importlib.util.spec_from_file_location = spec_from_file_location  # type: ignore[assignment]

    def undo() -> None:
        importlib.util.spec_from_file_location = original

    return undo


def _catalog_child(channel: Channel, user_dir: str, skip: list[str], memory_mb: int) -> None:
    # Background work: importing every extractor takes a second or two of CPU, which a desktop
    # application's GUI thread must win (benchmarks/gui_open_large_case.py).
    with contextlib.suppress(OSError, AttributeError):
        os.nice(LISTING_NICENESS)
    from .extractors import load_registry

    memory: dict[str, None] = {}
    undo = _watch_user_plugins(channel, set(skip), memory)
    try:
        reg = load_registry(user_dir=Path(user_dir))
    finally:
        undo()
    replaced = {_user_source(Path(p)) for p in [*skip, *memory]}
    problems = [{"source": _text(p.source), "message": _text(p.message)} for p in reg.problems
                if _text(p.source) not in replaced]
    problems += [{"source": _user_source(Path(p)), "message": f"The {_user_source(Path(p))} could not be loaded: "
                  f"it needed more than {memory_mb} MiB of memory."} for p in memory]
    plugins = []
    for cls in reg.extractors:
        record_types = [{"record_type": _text(rt.record_type),
                         "fields": [_text(f.name) for f in dataclasses.fields(rt)] if dataclasses.is_dataclass(rt)
                         else []} for rt in cls.record_types]
        plugins.append({"name": _text(cls.name), "version": _text(cls.version),
                        "description": _text(cls.description), "references": [_text(r) for r in cls.references],
                        "enabled_by_default": bool(cls.enabled_by_default), "record_types": record_types})
    channel.answer({"plugins": plugins, "problems": problems})


def _parse(value: Any) -> Catalog:
    """The child's JSON answer as a catalogue (KeyError/TypeError/ValueError when it is malformed)."""
    plugins = tuple(PluginInfo(
        str(p["name"]), str(p["version"]), str(p["description"]), tuple(str(r) for r in p["references"]),
        bool(p["enabled_by_default"]),
        tuple(RecordTypeInfo(str(rt["record_type"]), tuple(str(f) for f in rt["fields"])) for rt in p["record_types"]))
        for p in value["plugins"])
    problems = tuple(PluginProblem(str(p["source"]), str(p["message"])) for p in value["problems"])
    return Catalog(plugins, problems)


def load_catalog(user_dir: Path | None = None, limit: Limits | None = None) -> Catalog:
    """Every extractor that can be loaded, with the problems of those that cannot, listed in a
    child process with limits (never raises for a bad plugin)."""
    limit = limit or limits()
    folder = user_dir if user_dir is not None else user_plugin_dir()
    try:
        files = {str(p) for p in folder.glob("*.py")}
    except OSError:
        files = set()  # the child's registry says why the folder cannot be read
    blamed: dict[str, str] = {}  # user plugin path -> why it is left out
    current: list[str] = []  # the user plugin the child said it was running last

    def on_note(value: Any) -> None:
        # Only a file of the folder can be blamed (a plugin cannot make another one the culprit
        # forever): each retry leaves one more file out, so the retries end.
        if isinstance(value, dict) and value.get("loading") in files:
            current[:] = [value["loading"]]

    while True:
        current.clear()
        outcome = run_limited(_catalog_child, (str(folder), sorted(blamed), limit.memory_mb), limit,
                              on_note=on_note, total=limit.seconds * (len(files) + 2))
        if outcome.ok:
            try:
                catalog = _parse(outcome.value)
            except (KeyError, TypeError, ValueError) as exc:
                return Catalog((), (PluginProblem("plugins", f"The artifact extractors could not be listed: their "
                                                  f"listing cannot be read ({exc})."),))
            extra = tuple(PluginProblem(_user_source(Path(p)), why) for p, why in sorted(blamed.items()))
            return Catalog(catalog.plugins, catalog.problems + extra)
        if current and current[0] not in blamed and outcome.stop is not Stop.FAILED:
            path = current[0]
            blamed[path] = f"The {_user_source(Path(path))} could not be loaded: {outcome.reason()}."
            continue
        return Catalog((), (PluginProblem("plugins", f"The artifact extractors could not be listed: "
                                          f"{outcome.reason()}."),))


_CACHE: dict[tuple[Any, ...], Catalog] = {}
_CACHE_LOCK = threading.Lock()


def _folder_state(folder: Path) -> tuple[Any, ...]:
    """What the listing depends on that can change while a program runs: the user plugin files."""
    try:
        files = sorted(folder.glob("*.py"))
        return (str(folder), tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in files))
    except OSError as exc:
        return (str(folder), exc.strerror)


def current_catalog() -> Catalog:
    """The catalogue for the user plugin folder as it is now, listed once per change of its files
    (a desktop application asks for it at every case it opens)."""
    folder = user_plugin_dir()
    key = (*_folder_state(folder), limits())
    with _CACHE_LOCK:
        cached = _CACHE.get(key)
        if cached is None:
            cached = load_catalog(folder)
            _CACHE.clear()
            _CACHE[key] = cached
        return cached
