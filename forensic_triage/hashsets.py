"""The examiner's hash-set library: known-good and notable sets reused across cases.

One database (``$FT_HASHSET_DB`` or ``~/.local/share/forensic-triage/hashsets.sqlite``), kept by
:mod:`forensic_triage.store.hashset_library`: named sets and their digests, so one file's three
digests are looked up with one indexed query whatever the set sizes.

During triage :class:`HashSetAnalyzer` adds ``(set, kind, algorithm, hash)`` to each
file's result from the digests the single read computed; nothing is re-read. Known-good
files are hidden from a listing by the store (``hide_known_good`` of its methods).
"""

from __future__ import annotations

import dataclasses
import hashlib
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .errors import StoreError, UsageError
from .model import FileResult
from .pipeline.analyzers import AnalyzerRun, FileInfo
from .plugin_folder import user_data_path
from .scan.hashset_formats import ALGORITHMS, FormatError, read_hashes
from .store.hashset_library import HashSetLibraryDB
from .store.hashsets_repo import EXPORT_SCOPES
from .timeutil import utcnow_iso

KINDS = ("known-good", "notable")


def library_path() -> Path:
    return user_data_path("FT_HASHSET_DB", "hashsets.sqlite")


@dataclasses.dataclass(frozen=True, slots=True)
class HashSet:
    id: int
    name: str
    kind: str
    source: str
    format: str
    source_sha256: str
    source_info: str
    imported_utc: str
    entries: int
    skipped: int

    def provenance(self) -> dict[str, Any]:
        return {"name": self.name, "kind": self.kind, "source": self.source, "format": self.format,
                "sha256": self.source_sha256, "source_info": self.source_info, "imported": self.imported_utc,
                "entries": self.entries}


class HashSetLibrary:
    """Open (and create) the library; writers take SQLite's own lock, readers open read-only."""

    def __init__(self, path: Path | None = None, *, read_only: bool = False) -> None:
        self.path = path or library_path()
        self.read_only = read_only
        self.db = HashSetLibraryDB(self.path, read_only=read_only)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> HashSetLibrary:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ----------------------------------------------------------------- sets
    def sets(self) -> list[HashSet]:
        return [HashSet(**row) for row in self.db.sets()]

    def get(self, name: str) -> HashSet | None:
        return next((s for s in self.sets() if s.name == name), None)

    def remove(self, name: str) -> None:
        found = self.get(name)
        if found is None:
            raise UsageError(f"No hash set named {name!r} in {self.path}.")
        self.db.remove_set(found.id)

    def import_file(self, path: Path, name: str, kind: str, fmt: str = "auto", *,
                    replace: bool = False) -> HashSet:
        """Import a hash list as a named set; one transaction (all of it or nothing)."""
        if kind not in KINDS:
            raise UsageError(f"The kind of a hash set is one of {', '.join(KINDS)}, not {kind!r}.")
        if not name.strip():
            raise UsageError("A hash set needs a name.")
        if self.get(name) is not None:
            if not replace:
                raise UsageError(f"A hash set named {name!r} exists already.",
                                 hint="Choose another name or pass --replace.")
            self.remove(name)
        try:
            source_sha = _sha256_file(path)
            rows, stats = read_hashes(path, fmt)
            with self.db.transaction():
                set_id = self.db.add_set(name=name, kind=kind, source=str(path.resolve()), fmt=stats.format,
                                         source_sha256=source_sha, imported_utc=utcnow_iso())
                self.db.add_hashes(set_id, (digest for _algorithm, digest in rows))
                self.db.finish_set(set_id, fmt=stats.format, skipped=stats.skipped,
                                   source_info=stats.source_info[:500])
        except FormatError as exc:
            raise UsageError(str(exc), hint="Name the format with --format.") from exc
        except OSError as exc:
            raise UsageError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
        result = self.get(name)
        assert result is not None
        return result

    # --------------------------------------------------------------- lookup
    def lookup(self, digests: Iterable[str | None], set_ids: Iterable[int]) -> list[tuple[int, str, str]]:
        """(set id, algorithm, hex) for every given hex digest found in the given sets: one query."""
        values = [bytes.fromhex(d) for d in digests if d]
        found = self.db.find(values, list(set_ids))
        return [(set_id, ALGORITHMS[len(digest)], digest.hex()) for set_id, digest in found]


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


_STRENGTH = {"sha256": 3, "sha1": 2, "md5": 1}


class _Lookup:
    def __init__(self, owner: HashSetAnalyzer) -> None:
        self.owner = owner

    def feed(self, offset: int, data: bytes) -> None:
        return None

    def finish(self, result: FileResult, complete: bool) -> None:
        if not complete:
            return  # digests of a partly unreadable file identify nothing
        found = self.owner.library().lookup((result.md5, result.sha1, result.sha256), self.owner.by_id)
        best: dict[int, tuple[str, str]] = {}
        for set_id, algorithm, value in found:
            if set_id not in best or _STRENGTH[algorithm] > _STRENGTH[best[set_id][0]]:
                best[set_id] = (algorithm, value)
        for set_id, (algorithm, value) in sorted(best.items()):
            hs = self.owner.by_id[set_id]
            result.hash_matches.append((hs.name, hs.kind, algorithm, value))


class HashSetAnalyzer:
    """Looks every file's digests up in the chosen sets of the library (one query per file)."""

    name = "hashsets"

    def __init__(self, names: Iterable[str], path: Path | None = None) -> None:
        self.path = path or library_path()
        self.problems: list[str] = []
        self.by_id: dict[int, HashSet] = {}
        self._local = threading.local()
        wanted = list(dict.fromkeys(names))
        try:
            available = {s.name: s for s in self.library().sets()}
        except StoreError as exc:
            self.problems.append(f"Hash sets {', '.join(wanted)} were not used: {exc.user_message()}")
            return
        for name in wanted:
            hs = available.get(name)
            if hs is None:
                self.problems.append(f"The hash set {name!r} is not in the library {self.path}; it was not used.")
            else:
                self.by_id[hs.id] = hs

    def library(self) -> HashSetLibrary:
        lib = getattr(self._local, "lib", None)
        if lib is None:
            lib = self._local.lib = HashSetLibrary(self.path, read_only=True)
        return lib

    def describe(self) -> dict[str, object]:
        return {"library": str(self.path), "sets": [hs.provenance() for hs in self.by_id.values()]}

    def start(self, info: FileInfo) -> AnalyzerRun | None:
        return _Lookup(self) if self.by_id else None


# ------------------------------------------------------------------ export for partner agencies

SCOPES = tuple(EXPORT_SCOPES)


def _sum_name(name: str) -> tuple[str, str]:
    """GNU coreutils escaping: a name with a backslash or newline gets a leading backslash."""
    if "\\" in name or "\n" in name or "\r" in name:
        return "\\", name.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r")
    return "", name


def export_case_hashes(store: Any, out: Path, scope: str = "notable", fmt: str = "sha256sum",
                       command: str = "") -> int:
    """Write the hashes of a case's tagged (or notable) files as a hash set; returns the file count.

    ``fmt`` is ``sha256sum`` (``<sha256>  EXHIBIT/path``) or ``hashdeep`` (hashdeep 1.0 CSV with
    size, MD5 and SHA-256), both importable by this product and by common tools. Known-good
    files are never exported.
    """
    if scope not in SCOPES:
        raise UsageError(f"The scope is one of {', '.join(SCOPES)}, not {scope!r}.")
    if fmt not in ("sha256sum", "hashdeep"):
        raise UsageError(f"The export format is sha256sum or hashdeep, not {fmt!r}.")
    rows = store.hashsets.hashes_to_export(scope)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="\n") as fh:
        if fmt == "hashdeep":
            fh.write("%%%% HASHDEEP-1.0\n%%%% size,md5,sha256,filename\n")
            fh.write(f"## Invoked from: forensic-triage\n## $ {command}\n##\n")
        for r in rows:
            name = f"{r['exhibit']}{r['path']}"
            if fmt == "hashdeep":
                quoted = '"' + name.replace('"', '""') + '"' if any(c in name for c in ',"\n') else name
                fh.write(f"{r['size']},{r['md5']},{r['sha256']},{quoted}\n")
            else:
                prefix, escaped = _sum_name(name)
                fh.write(f"{prefix}{r['sha256']}  {escaped}\n")
    return len(rows)


__all__ = ["KINDS", "SCOPES", "HashSet", "HashSetAnalyzer", "HashSetLibrary", "export_case_hashes", "library_path"]
