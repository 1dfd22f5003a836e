"""One core function per export operation, the same for the command line and the GUI.

Each operation writes its output atomically (into a temporary file beside the target, renamed
over it only once complete: a reader never sees half a report, and a failed export leaves no
file), computes the SHA-256 of what was written and records exactly one audit entry naming it.
The audit actions are those ``forensic-triage export`` has always recorded: ``report exported``
(PDF), ``case exported``, ``dfxml exported``, ``bodyfile exported``, ``csv exported`` and
``package exported``.

The writers themselves (``pdf_report.build_report``, ``case_uco.export_case``,
``dfxml.export_dfxml``, ``bodyfile.export_bodyfile``, ``tables.write_csv``) record nothing: the
package puts the same outputs inside a bag whose manifest and single audit entry cover them.
Writers are imported when an operation runs, so importing this module loads no reportlab.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import UsageError
from ..store import CaseStore
from ..timeutil import utcnow_iso

if TYPE_CHECKING:
    from .report_data import ReportData

FORMATS = ("pdf", "case", "dfxml", "bodyfile", "csv")
ACTIONS = {"pdf": "report exported", "case": "case exported", "dfxml": "dfxml exported",
           "bodyfile": "bodyfile exported", "csv": "csv exported", "package": "package exported"}
CHUNK = 1024 * 1024


@dataclasses.dataclass(frozen=True, slots=True)
class Exported:
    """What an operation wrote and recorded."""

    format: str                 # pdf | case | dfxml | bodyfile | csv | package
    path: Path                  # the file (the folder for csv and package)
    sha256: str                 # of the file; csv: of its SHA-256 list; package: the zip's, else its manifest's
    details: dict[str, Any]     # the details of the one audit entry recorded
    audit_hash: str             # the hash of that audit entry
    report: ReportData | None = None

    @property
    def action(self) -> str:
        return ACTIONS[self.format]


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


@contextlib.contextmanager
def atomic_file(target: Path) -> Iterator[Path]:
    """A temporary path beside ``target``; renamed over it when the block ends without error,
    removed otherwise."""
    if target.is_dir():
        raise UsageError(f"{target} is a folder; give a file name.")
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    os.close(fd)
    temp = Path(name)
    try:
        yield temp
        os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)


@contextlib.contextmanager
def atomic_folder(target: Path) -> Iterator[Path]:
    """A temporary folder beside ``target``; each file in it is renamed into ``target`` (created
    if needed) when the block ends without error; removed in any case."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part"))
    try:
        yield temp
        target.mkdir(parents=True, exist_ok=True)
        for path in sorted(temp.iterdir()):
            os.replace(path, target / path.name)
    finally:
        shutil.rmtree(temp, ignore_errors=True)


def _file_ids(store: CaseStore, scope: str) -> set[int] | None:
    """The files an export in ``scope`` covers (None: every file)."""
    if scope == "all":
        return None
    from .findings import collect, selected_file_ids

    return selected_file_ids(store, collect(store, scope), scope)


def _record(store: CaseStore, fmt: str, path: Path, sha256: str, details: dict[str, Any], actor: str | None,
            *, touched: tuple[str, ...] | None = None, report: ReportData | None = None) -> Exported:
    head = store.audit(actor or store.examiner, ACTIONS[fmt], details, touched=touched)
    return Exported(fmt, path, sha256, details, head, report)


# ------------------------------------------------------------------ the operations
def export_pdf(store: CaseStore, out: str | os.PathLike[str], scope: str = "notable", *,
               signer_fingerprint: str | None = None, signing: dict[str, Any] | None = None,
               actor: str | None = None) -> Exported:
    """The court report; recorded with its id, SHA-256 and the audit head it covers."""
    from .pdf_report import build_report

    target = Path(out)
    with atomic_file(target) as temp:
        report = build_report(store, temp, scope, signer_fingerprint=signer_fingerprint, signing=signing)
        sha = file_sha256(temp)
    details = {"report_id": report.report_id, "scope": scope, "sha256": sha, "path": str(target),
               "audit_head_covered": report.audit_head, "generated_utc": report.generated_utc,
               "exported_utc": utcnow_iso(), "draft": report.draft, "signed": bool(report.signing)}
    return _record(store, "pdf", target, sha, details, actor, touched=(), report=report)


def export_case(store: CaseStore, out: str | os.PathLike[str], scope: str = "all", *,
                actor: str | None = None) -> Exported:
    """The CASE/UCO 1.5 JSON-LD graph."""
    from .case_uco import export_case as write

    target = Path(out)
    with atomic_file(target) as temp:
        write(store, temp, scope)
        sha = file_sha256(temp)
    return _record(store, "case", target, sha, _details("case", scope, target, sha), actor)


def export_dfxml(store: CaseStore, out: str | os.PathLike[str], scope: str = "all", *,
                 actor: str | None = None) -> Exported:
    """The DFXML listing of the files in scope."""
    from .dfxml import export_dfxml as write

    target = Path(out)
    ids = _file_ids(store, scope)
    with atomic_file(target) as temp:
        entries = write(store, temp, ids)
        sha = file_sha256(temp)
    return _record(store, "dfxml", target, sha, _details("dfxml", scope, target, sha, entries=entries), actor)


def export_bodyfile(store: CaseStore, out: str | os.PathLike[str], scope: str = "all", *,
                    actor: str | None = None) -> Exported:
    """The mactime body file of the files in scope; ``entries_local_zone_unknown`` says how many
    entries hold local clock times of unknown zone (written as 0)."""
    from .bodyfile import export_bodyfile as write
    from .bodyfile import zone_unknown_count

    target = Path(out)
    ids = _file_ids(store, scope)
    with atomic_file(target) as temp:
        entries = write(store, temp, ids)
        sha = file_sha256(temp)
    unknown = zone_unknown_count(store, ids)
    extra: dict[str, Any] = {"entries_local_zone_unknown": unknown} if unknown else {}
    return _record(store, "bodyfile", target, sha,
                   _details("bodyfile", scope, target, sha, **extra, entries=entries), actor)


def export_csv(store: CaseStore, out: str | os.PathLike[str], scope: str = "all", *,
               actor: str | None = None) -> Exported:
    """One CSV per table (and findings.csv) in the folder ``out``; recorded with each file's
    SHA-256 and ``sha256``, the SHA-256 of the list ``HASH  NAME`` (one line each, by name)."""
    from .tables import write_csv

    target = Path(out)
    if target.exists() and not target.is_dir():
        raise UsageError(f"{target} is a file; CSV tables are written into a folder.")
    with atomic_folder(target) as temp:
        written = write_csv(store, temp, scope)
        hashes = {p.name: file_sha256(p) for p in written}
    listing = "".join(f"{hashes[name]}  {name}\n" for name in sorted(hashes))
    sha = hashlib.sha256(listing.encode("utf-8")).hexdigest()
    details = _details("csv", scope, target, sha, files=[p.name for p in written], files_sha256=hashes)
    return _record(store, "csv", target, sha, details, actor)


def export_package(store: CaseStore, out: str | os.PathLike[str], *, scope: str = "all",
                   report_scope: str = "notable", include_files: bool = False, key_path: str | None = None,
                   passphrase: bytes | None = None, make_zip: bool = False,
                   signing_as: str | None = None) -> Exported:
    """The signed evidence package (see :mod:`.package`): removed again if any part of it fails;
    recorded once (``package exported``) with its manifest's SHA-256 and the zip's."""
    from .package import build_package

    summary = build_package(store, out, scope=scope, include_files=include_files, key_path=key_path,
                            passphrase=passphrase, make_zip=make_zip, signing_as=signing_as,
                            report_scope=report_scope)
    sha = str(summary.get("zip_sha256") or summary["manifest_sha256"])
    return Exported("package", Path(summary["package"]), sha, summary, store.findings.audit_head())


def _details(fmt: str, scope: str, path: Path, sha256: str, **extra: Any) -> dict[str, Any]:
    # The details 'forensic-triage export' has always recorded, with the SHA-256 last.
    return {"format": fmt, "scope": scope, "path": str(path), **extra, "sha256": sha256}


OPERATIONS: dict[str, Callable[..., Exported]] = {
    "pdf": export_pdf, "case": export_case, "dfxml": export_dfxml, "bodyfile": export_bodyfile, "csv": export_csv}


def export(store: CaseStore, fmt: str, out: str | os.PathLike[str], scope: str, *,
           actor: str | None = None) -> Exported:
    """The operation for one of :data:`FORMATS`."""
    if fmt not in OPERATIONS:
        raise UsageError(f"Unknown export format {fmt!r} (use one of {', '.join(FORMATS)}).")
    return OPERATIONS[fmt](store, out, scope, actor=actor)
