"""Layers that hold: imports go one way, the core never imports Qt, SQL on the case lives in store/.

Every module's imports are read with :mod:`ast` (nothing is imported for the static checks) and
compared with the direction in ``docs/architecture.md``::

    evidence (containers) <- fs (volumes, file systems, resolver) <- jobs (intake, triage) -> store
    exports read the store (and the evidence only through fs.resolver)
    ui, cli -> everything;  plugins -> plugin API + model only

A module allowed to break a rule would be listed in ``LAYER_ALLOWLIST`` or ``SQL_ALLOWLIST``
(module -> reason); both are empty. The lists only shrink: an allowlisted module that no longer
offends (or no longer exists) fails the test until its entry is removed.
"""

from __future__ import annotations

import ast
import dataclasses
import os
import re
import sqlite3
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
# Source folder -> installed package name (pyproject.toml [tool.setuptools.package-dir]).
ROOTS = {"forensic_triage": "forensic_triage", "plugins": "forensic_triage.plugins", "ui": "forensic_triage.ui"}
QT = ("PySide6", "PyQt5", "PyQt6", "shiboken6", "shiboken2")

# ------------------------------------------------------------------------------------------------ areas
# Every module belongs to one area; BASE areas are importable from anywhere.
BASE = {"errors", "timeutil", "model", "text", "buildinfo", "package", "i18n"}
AREAS = {  # first component below forensic_triage -> area
    "evidence": "evidence", "fs": "fs", "store": "store", "isolation": "isolation",
    "jobs": "jobs", "pipeline": "engine", "scan": "engine", "content_search": "engine", "hashsets": "engine",
    "extractors": "engine", "plugin_api": "plugin_api", "plugins": "plugins",
    "exports": "exports", "case_details": "services", "custody": "services", "tags": "services",
    "sample": "sample", "guicheck": "guicheck", "cli": "cli", "__main__": "cli", "ui": "ui",
    "errors": "errors", "timeutil": "timeutil", "model": "model", "text": "text", "buildinfo": "buildinfo",
    "i18n": "i18n", "isolated_views": "isolation", "plugin_catalog": "engine", "plugin_folder": "engine", "training": "training",
    "lab": "jobs",  # lab mode: distributed triage, the same job layer spread over Celery workers
}
EVERYTHING = None
# area -> {area it may import: None (any module of it) or the only modules of it it may import}
ALLOWED: dict[str, dict[str, set[str] | None] | None] = {
    **{b: {} for b in BASE},
    "evidence": {},  # containers only: nothing of fs, jobs or the store
    "isolation": {},
    "fs": {"evidence": None, "isolation": None},
    "store": {},
    "plugin_api": {},
    "plugins": {"plugin_api": None},
    # The engine records a job's scan provenance and reads the hash-set library through the store
    # (the store imports nothing of the engine, so this makes no cycle).
    "engine": {"plugin_api": None, "plugins": None, "isolation": None, "store": None},
    "services": {"store": None, "isolation": None, "fs": {"forensic_triage.fs.resolver"}},
    # Exports re-check the container files' SHA-256 at report time (evidence.hashing), and read file
    # content only through the one resolver (copies in packages).
    "exports": {"store": None, "services": None, "fs": {"forensic_triage.fs.resolver"},
                "evidence": {"forensic_triage.evidence.hashing"}},
    "jobs": {"evidence": None, "fs": None, "store": None, "engine": None, "plugin_api": None, "plugins": None,
             "isolation": None, "services": None, "exports": None},
    "sample": {},
    # Training builds its cases with the jobs (intake, triage), signs packs with the exports' keys and
    # generates its evidence with the sample builders.
    "training": {"evidence": None, "fs": None, "store": None, "engine": None, "jobs": None, "exports": None,
                 "services": None, "sample": None, "isolation": None},
    "guicheck": {},
    "cli": EVERYTHING,  # the faces use everything
    "ui": EVERYTHING,
}
LAZY_UI_IMPORT = {"cli"}  # 'forensic-triage gui' imports the application inside the command, never at load

# Modules allowed to break a rule, with the reason (empty: every module follows the layers). The
# test fails for an entry that no longer offends, so these lists only shrink.
LAYER_ALLOWLIST: dict[str, str] = {}

SQL_ALLOWLIST: dict[str, str] = {}


# ------------------------------------------------------------------------------------------------ reading
@dataclasses.dataclass(frozen=True)
class Import:
    target: str  # absolute dotted name (module, or module.name for 'from m import name')
    line: int
    lazy: bool  # inside a function (imported when called, not when the module loads)


@dataclasses.dataclass(frozen=True)
class Module:
    name: str
    path: Path
    tree: ast.Module

    @property
    def area(self) -> str:
        parts = self.name.split(".")
        if len(parts) == 1:
            return "package"
        return AREAS.get(parts[1], "unknown:" + parts[1])

    @property
    def is_package(self) -> bool:
        return self.path.name == "__init__.py"


@cache
def modules() -> tuple[Module, ...]:
    found = []
    for folder, package in ROOTS.items():
        for path in sorted((REPO / folder).rglob("*.py")):
            rel = path.relative_to(REPO / folder).with_suffix("").parts
            parts = [p for p in rel if p != "__init__"]
            found.append(Module(".".join([package, *parts]), path, ast.parse(path.read_text(), str(path))))
    return tuple(found)


def imports(module: Module) -> list[Import]:
    """Every import of the module, with relative imports made absolute."""
    out: list[Import] = []
    package = module.name if module.is_package else module.name.rpartition(".")[0]

    def visit(node: ast.AST, lazy: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inner = lazy or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            if isinstance(child, ast.Import):
                out.extend(Import(a.name, child.lineno, lazy) for a in child.names)
            elif isinstance(child, ast.ImportFrom):
                if child.level:
                    base = package.split(".")[: len(package.split(".")) - (child.level - 1)]
                    source = ".".join(base + ([child.module] if child.module else []))
                else:
                    source = child.module or ""
                out.extend(Import(f"{source}.{a.name}", child.lineno, lazy) for a in child.names)
            visit(child, inner)

    visit(module.tree, False)
    return out


def area_of(dotted: str) -> str | None:
    """The area of an imported name inside the project, or None for anything else."""
    parts = dotted.split(".")
    if parts[0] != "forensic_triage":
        return None
    if len(parts) == 1 or parts[1] not in AREAS:
        return "package"  # forensic_triage.__version__, TOOL_NAME
    return AREAS[parts[1]]


def layer_problems(module: Module) -> list[str]:
    problems = []
    allowed = ALLOWED.get(module.area, {})
    for imp in imports(module):
        if imp.target.split(".")[0] in QT and module.area != "ui":
            problems.append(f"line {imp.line}: the core imports Qt ({imp.target})")
            continue
        target = area_of(imp.target)
        if target is None or target == module.area or target in BASE:
            continue
        if target == "ui" and module.area != "ui":
            if not (imp.lazy and module.area in LAZY_UI_IMPORT):
                problems.append(f"line {imp.line}: the core imports the GUI ({imp.target})")
            continue
        if allowed is EVERYTHING:
            continue
        if target not in allowed:
            problems.append(f"line {imp.line}: {module.area} must not import {target} ({imp.target})")
            continue
        only = allowed[target]
        if only is not None and not any(imp.target == m or imp.target.startswith(m + ".") for m in only):
            problems.append(f"line {imp.line}: {module.area} may import {target} only through "
                            f"{', '.join(sorted(only))} ({imp.target})")
    return problems


# ------------------------------------------------------------------------------------------------ SQL
SQL_VERB = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER|WITH|PRAGMA)\b", re.IGNORECASE)
SQL_TABLE = re.compile(r"\b(?:FROM|JOIN|INTO|UPDATE|TABLE(?:\s+IF\s+(?:NOT\s+)?EXISTS)?)\s+[\"'`\[]?(\w+)",
                       re.IGNORECASE)
STORE_ACCESS = {"conn", "query", "iter_query", "scalar"}
STORE_RECEIVER = re.compile(r"store", re.IGNORECASE)


@cache
def case_tables() -> frozenset[str]:
    """The tables of a case database, read from a case the store creates."""
    import tempfile

    from forensic_triage.store import DB_NAME, CaseStore

    with tempfile.TemporaryDirectory() as tmp:
        CaseStore.create(Path(tmp) / "case", case_number="LAYERS-1", examiner="Layer test").close()
        db = sqlite3.connect(Path(tmp) / "case" / DB_NAME)
        try:
            names = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
        finally:
            db.close()
    return frozenset(n for n in names if not n.startswith("sqlite_"))


def _strings(tree: ast.AST) -> list[tuple[int, str]]:
    """String constants, f-strings with their placeholders as 'x'; docstrings left out."""
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    out = []
    inside_fstring: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            text = "".join(str(v.value) if isinstance(v, ast.Constant) else "x" for v in node.values)
            out.append((node.lineno, text))
            inside_fstring.update(id(v) for v in node.values)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings \
                and id(node) not in inside_fstring:
            out.append((node.lineno, node.value))
    return out


def sql_problems(module: Module) -> list[str]:
    tables = case_tables()
    problems = []
    for line, text in _strings(module.tree):
        if not SQL_VERB.search(text):
            continue
        named = {t.lower() for t in SQL_TABLE.findall(text)} & tables
        if named:
            problems.append(f"line {line}: SQL on the case table(s) {', '.join(sorted(named))}: {text[:60]!r}")
    for node in ast.walk(module.tree):
        if isinstance(node, ast.Attribute) and node.attr in STORE_ACCESS \
                and STORE_RECEIVER.search(ast.unparse(node.value)):
            problems.append(f"line {node.lineno}: {ast.unparse(node)} reaches into the store's connection")
    return problems


def sql_checked(module: Module) -> bool:
    """Everything but the store itself, the plugins (which parse SQLite evidence, not the case) and the
    sample generators (which build SQLite evidence, also for the built-in training packs)."""
    own = ("forensic_triage.store", "forensic_triage.plugins", "forensic_triage.sample",
           "forensic_triage.training.builtin")
    return not any(module.name == o or module.name.startswith(o + ".") for o in own)




# ------------------------------------------------------------------------------------------------ tests
def _report(found: dict[str, list[str]], allow: dict[str, str], what: str) -> list[str]:
    lines = []
    for name, problems in sorted(found.items()):
        if problems and name not in allow:
            lines.append(f"{name}: " + "; ".join(problems))
    for name in sorted(allow):
        if not found.get(name):
            gone = " (no such module)" if name not in found else ""
            lines.append(f"{name}{gone} is in the {what} allowlist but no longer offends: remove its entry")
    return lines


def test_modules_are_read() -> None:
    names = {m.name for m in modules()}
    assert {"forensic_triage.jobs.intake", "forensic_triage.store.db", "forensic_triage.ui.app",
            "forensic_triage.plugins.evtx"} <= names
    assert not [m.name for m in modules() if m.area.startswith("unknown")], "a module outside every area"


def test_imports_follow_the_layers() -> None:
    found = {m.name: layer_problems(m) for m in modules()}
    problems = _report(found, LAYER_ALLOWLIST, "layer")
    assert not problems, "imports against the layers:\n" + "\n".join(problems)


def test_no_sql_on_the_case_outside_the_store() -> None:
    found = {m.name: sql_problems(m) for m in modules() if sql_checked(m)}
    problems = _report(found, SQL_ALLOWLIST, "SQL")
    assert not problems, "SQL on the case database outside forensic_triage/store/:\n" + "\n".join(problems)


def test_the_checks_see_what_they_look_for() -> None:
    """The readers themselves: a wrong import, Qt, SQL and a store connection are each found."""
    src = ("from ..jobs.context import JobContext\nimport PySide6.QtCore\n"
           "def f(store):\n    from ..ui import app\n    store.conn.execute('SELECT id FROM files WHERE x=?')\n")
    bad = Module("forensic_triage.evidence.bad", REPO / "forensic_triage/evidence/bad.py", ast.parse(src))
    layers = layer_problems(bad)
    assert any("evidence must not import jobs" in p for p in layers)
    assert any("imports Qt" in p for p in layers)
    assert any("imports the GUI" in p for p in layers)
    sql = sql_problems(bad)
    assert any("files" in p and "SQL" in p for p in sql) and any("store.conn" in p for p in sql)
    fine = Module("forensic_triage.fs.ok", REPO / "forensic_triage/fs/ok.py", ast.parse(
        "from ..evidence.images import open_media\nfrom ..errors import EvidenceError\n"
        "MESSAGE = 'Select the files you want from the list.'\n"))
    assert layer_problems(fine) == [] and sql_problems(fine) == []
    assert _report({"a": []}, {"a": "old"}, "layer") == ["a is in the layer allowlist but no longer offends: "
                                                           "remove its entry"]


def test_the_core_imports_without_qt() -> None:
    """Every core module imports in a fresh interpreter where PySide6 (and any Qt binding) is blocked."""
    names = [m.name for m in modules() if m.area != "ui" and not m.name.endswith("__main__")]
    code = (
        "import importlib, sys\n"
        f"for q in {QT!r}: sys.modules[q] = None\n"
        "failed = []\n"
        f"for name in {names!r}:\n"
        "    try:\n"
        "        importlib.import_module(name)\n"
        "    except ImportError as exc:\n"
        "        failed.append(f'{name}: {exc}')\n"
        "leaked = sorted(m for m in sys.modules if m.startswith('forensic_triage.ui'))\n"
        "print('\\n'.join(failed + [f'GUI loaded: {m}' for m in leaked]))\n"
        "sys.exit(1 if failed or leaked else 0)\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=REPO,
                         env=env, check=False)
    assert run.returncode == 0, f"the core needs Qt:\n{run.stdout}{run.stderr[-2000:]}"


if __name__ == "__main__":  # pragma: no cover - a listing for whoever empties the allowlists
    for m in modules():
        for p in layer_problems(m) + (sql_problems(m) if sql_checked(m) else []):
            print(m.name, p)
    pytest.main([__file__, "-q"])
