"""YARA rule sets: where rules come from, how they are compiled, and what is recorded about them.

Sources, in this order: the packs shipped with the product (``forensic_triage/rules``), the
user's rule library (``$FT_RULES_DIR`` or ``~/.local/share/forensic-triage/rules``) and any
extra files/folders given to a job. A folder contributes every ``.yar``/``.yara`` file below
it, except files that another file of the same folder includes (they are compiled through
their includer, so their rules are not counted twice).

Compilation is two-step so one broken file cannot stop the rest: each file is compiled on its
own first (a ``yara.SyntaxError`` names file and line), then the good files are compiled
together, one namespace per file. Includes resolve relative to the including file.

Provenance: the SHA-256 of every rule file (and of every file it includes) and the rule-set
SHA-256 = SHA-256 over the sorted per-file digests, one per line.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yara

from ..plugin_folder import user_data_path

RULE_SUFFIXES = (".yar", ".yara")
# The external variables of the common open-source scanners (LOKI/THOR), so public rule sets
# compile and run as written; 'mime' and 'magic' carry libmagic's verdict for our own rules.
# 'filesize' is YARA's own keyword (the scanned buffer's size) and needs no external.
EXTERNALS: dict[str, str | int] = {"filename": "", "filepath": "", "extension": "", "filetype": "", "md5": "",
                                   "owner": "", "mime": "", "magic": ""}
_INCLUDE = re.compile(r'^\s*include\s+"([^"]+)"', re.M)
_ERROR_WHERE = re.compile(r"^(?P<path>.+?)\((?P<line>\d+)\): (?P<msg>.*)$", re.S)


def shipped_rules_dir() -> Path:
    import importlib

    package = importlib.import_module("forensic_triage.rules")  # rules/ installed as package data
    return Path(str(package.__file__)).parent


def user_rules_dir() -> Path:
    return user_data_path("FT_RULES_DIR", "rules")


@dataclasses.dataclass(slots=True)
class RuleInfo:
    identifier: str
    tags: list[str]
    meta: dict[str, Any]
    private: bool = False


@dataclasses.dataclass(slots=True)
class RuleFile:
    """One top-level rule file of a rule set and what became of it."""

    path: str
    origin: str                      # builtin | library | extra
    namespace: str
    sha256: str = ""
    includes: list[dict[str, str]] = dataclasses.field(default_factory=list)  # [{path, sha256}]
    rules: list[RuleInfo] = dataclasses.field(default_factory=list)
    error: str | None = None         # compile error: "file(line): message"
    warnings: list[str] = dataclasses.field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        return {"path": self.path, "origin": self.origin, "namespace": self.namespace, "sha256": self.sha256,
                "includes": self.includes, "rules": len(self.rules), "error": self.error,
                "warnings": self.warnings[:20]}


@dataclasses.dataclass(slots=True)
class RuleSet:
    name: str
    files: list[RuleFile]
    compiled: yara.Rules | None
    sha256: str

    @property
    def good(self) -> list[RuleFile]:
        return [f for f in self.files if f.error is None]

    @property
    def broken(self) -> list[RuleFile]:
        return [f for f in self.files if f.error is not None]

    @property
    def rule_count(self) -> int:
        return sum(len(f.rules) for f in self.good)

    def describe(self) -> dict[str, Any]:
        return {"name": self.name, "sha256": self.sha256, "rules": self.rule_count,
                "files": [f.summary() for f in self.files], "yara_version": yara.__version__}

    def problems(self) -> list[str]:
        return [f"YARA rule file {f.path} was excluded from the rule set: {f.error}" for f in self.broken]


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def find_rule_files(path: Path) -> list[Path]:
    """A rule file, or every rule file below a folder minus those included by another one."""
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise FileNotFoundError(f"no such rule file or folder: {path}")
    files = sorted(p for p in path.rglob("*") if p.suffix.lower() in RULE_SUFFIXES and p.is_file())
    included: set[Path] = set()
    for p in files:
        included.update(q.resolve() for q in _includes_of(p))
    return [p for p in files if p.resolve() not in included]


def _includes_of(path: Path, seen: set[Path] | None = None) -> list[Path]:
    """Files included by ``path`` (recursively), resolved relative to the including file."""
    seen = seen if seen is not None else set()
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    out: list[Path] = []
    for name in _INCLUDE.findall(text):
        target = (path.parent / name).resolve()
        if target in seen or not target.is_file():
            continue
        seen.add(target)
        out.append(target)
        out.extend(_includes_of(target, seen))
    return out


def error_text(exc: BaseException, path: Path) -> str:
    """A yara compile error as 'file(line): message', the file named even when yara did not."""
    text = str(exc).strip()
    if _ERROR_WHERE.match(text):
        return text
    line = re.match(r"^line (\d+): (.*)$", text, re.S)
    if line:
        return f"{path}({line.group(1)}): {line.group(2)}"
    return f"{path}: {text}"


def error_location(text: str) -> tuple[str, int | None, str]:
    """(file, line, message) from an error produced by :func:`error_text`."""
    m = _ERROR_WHERE.match(text)
    if m:
        return m.group("path"), int(m.group("line")), m.group("msg")
    path, _, msg = text.partition(": ")
    return path, None, msg


def compile_file(path: Path, origin: str = "extra", namespace: str = "") -> tuple[RuleFile, yara.Rules | None]:
    """Compile one file alone; the RuleFile records digests, rules and the error if any."""
    rf = RuleFile(str(path), origin, namespace or path.stem)
    try:
        rf.sha256 = sha256_file(path)
        rf.includes = [{"path": str(p), "sha256": sha256_file(p)} for p in _includes_of(path)]
    except OSError as exc:
        rf.error = f"{path}: cannot be read ({exc.strerror or exc})"
        return rf, None
    try:
        compiled = yara.compile(filepath=str(path), externals=EXTERNALS, includes=True)
    except yara.Error as exc:
        rf.error = error_text(exc, path)
        return rf, None
    rf.rules = [RuleInfo(r.identifier, list(r.tags), dict(r.meta), bool(r.is_private)) for r in compiled]
    rf.warnings = [str(w) for w in getattr(compiled, "warnings", [])]
    return rf, compiled


def ruleset_digest(files: Iterable[RuleFile]) -> str:
    digests = set()
    for f in files:
        if f.error is None:
            digests.add(f.sha256)
            digests.update(i["sha256"] for i in f.includes)
    return hashlib.sha256("\n".join(sorted(digests)).encode()).hexdigest()


def build_ruleset(sources: Iterable[tuple[str, Path]], name: str = "triage") -> RuleSet:
    """Compile (origin, file-or-folder) sources into one rule set; broken files are excluded."""
    files: list[RuleFile] = []
    used: set[str] = set()
    for origin, source in sources:
        try:
            paths = find_rule_files(source)
        except OSError as exc:
            files.append(RuleFile(str(source), origin, "", error=f"{source}: {exc}"))
            continue
        for path in paths:
            base = f"{origin}.{path.stem}"
            namespace, n = base, 1
            while namespace in used:
                n += 1
                namespace = f"{base}.{n}"
            used.add(namespace)
            rf, _compiled = compile_file(path, origin, namespace)
            files.append(rf)
    compiled = _compile_together(files)
    return RuleSet(name, files, compiled, ruleset_digest(files))


def _compile_together(files: list[RuleFile]) -> yara.Rules | None:
    while True:
        good = {f.namespace: f.path for f in files if f.error is None}
        if not good:
            return None
        try:
            return yara.compile(filepaths=good, externals=EXTERNALS, includes=True)
        except yara.Error as exc:
            # Files that compile alone can still clash together; exclude the one named.
            text = str(exc)
            culprit = next((f for f in files if f.error is None and text.startswith(f.path)), None)
            if culprit is None:
                culprit = next(f for f in files if f.error is None)
            culprit.error = error_text(exc, Path(culprit.path)) + " (when compiled with the other rule files)"


def triage_sources(builtin: bool, extra: Iterable[str]) -> list[tuple[str, Path]]:
    """The rule sources of a triage run: shipped packs, the user's library, the job's extras."""
    sources: list[tuple[str, Path]] = []
    if builtin:
        sources.append(("builtin", shipped_rules_dir()))
    library = user_rules_dir()
    if library.is_dir() and any(library.rglob("*.yar*")):
        sources.append(("library", library))
    sources.extend(("extra", Path(p)) for p in extra)
    return sources


__all__ = ["EXTERNALS", "RULE_SUFFIXES", "RuleFile", "RuleInfo", "RuleSet", "build_ruleset", "compile_file",
           "error_location", "find_rule_files", "shipped_rules_dir", "triage_sources", "user_rules_dir"]
