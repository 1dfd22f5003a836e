"""The report, export and package functions of the core, called from jobs.

The GUI calls exactly what ``forensic-triage export|package|verify-package|import-package``
call. Whether a capability is in this build is decided without importing it (``find_spec``,
so opening the dialog never loads reportlab on the GUI thread); a capability that is missing
is named with a clear sentence and greyed out, never hidden.
"""

from __future__ import annotations

import dataclasses
import importlib
import importlib.util
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from forensic_triage.errors import TriageError
from forensic_triage.jobs.context import JobContext
from forensic_triage.store import CaseStore
from forensic_triage.timeutil import utcnow


class NotAvailable(TriageError):
    pass


@dataclasses.dataclass(frozen=True, slots=True)
class Output:
    key: str
    title: str
    module: str
    function: str
    filename: str


# Titles are translated where they are shown (QCoreApplication.translate("Report", title)).
OUTPUTS = (
    Output("pdf", str(QT_TRANSLATE_NOOP("Report", "PDF court report")), "forensic_triage.exports.pdf_report", "build_report", "report.pdf"),
    Output("case", str(QT_TRANSLATE_NOOP("Report", "CASE/UCO 1.5 JSON-LD")), "forensic_triage.exports.case_uco", "export_case", "case.jsonld"),
    Output("dfxml", str(QT_TRANSLATE_NOOP("Report", "DFXML file listing")), "forensic_triage.exports.dfxml", "export_dfxml", "files.dfxml"),
    Output("bodyfile", str(QT_TRANSLATE_NOOP("Report", "Bodyfile timeline (mactime)")), "forensic_triage.exports.bodyfile", "export_bodyfile",
           "timeline.body"),
    Output("csv", str(QT_TRANSLATE_NOOP("Report", "CSV tables")), "forensic_triage.exports.tables", "write_csv", "csv"),
)
PACKAGE = ("forensic_triage.exports.package", "build_package")
VERIFY = ("forensic_triage.exports.package_verify", "verify_package")
IMPORT = ("forensic_triage.exports.package_import", "import_package")
KEYS = ("forensic_triage.exports.keys", "new_keypair")


def present(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def lookup(module: str, function: str, what: str) -> Callable[..., Any]:
    """The core function, imported now (on the worker), or a clear 'not available' error."""
    try:
        mod = importlib.import_module(module)
    except ImportError as exc:
        raise NotAvailable(missing_text(what)) from exc
    fn = getattr(mod, function, None)
    if not callable(fn):
        raise NotAvailable(missing_text(what))
    return fn  # type: ignore[no-any-return]


def missing_text(what: str) -> str:
    return QCoreApplication.translate("Report", "{0} is not available in this build.").format(what)


def available() -> dict[str, bool]:
    out = {o.key: present(o.module) for o in OUTPUTS}
    for key, (module, _fn) in (("package", PACKAGE), ("verify", VERIFY), ("import", IMPORT), ("keys", KEYS)):
        out[key] = present(module)
    return out


def produce(store: CaseStore, out_dir: Path, outputs: list[str], scope: str, ctx: JobContext,
            *, package: bool = False, include_files: bool = False, make_zip: bool = False, key: str | None = None,
            passphrase: bytes | None = None, signing_as: str | None = None) -> list[Path]:
    """Write the chosen outputs, or one signed package holding all of them; returns what was written.
    Each goes through the core's export operation (forensic_triage.exports.operations), exactly as
    'forensic-triage export' and 'forensic-triage package' do: written atomically, audited once with its SHA-256."""
    from forensic_triage.exports import operations

    out_dir.mkdir(parents=True, exist_ok=True)
    stamp = utcnow().strftime("%Y%m%dT%H%M%SZ")
    if package:
        lookup(*PACKAGE, QCoreApplication.translate("Report", "The signed evidence package"))
        ctx.begin(QCoreApplication.translate("Report", "building the evidence package (report, CASE graph, tables, manifest)"))
        number = "".join(c if c.isalnum() or c in "-_" else "-" for c in str(store.case_info()["case_number"]))
        # The report presents the chosen scope; a package's tables hold every record unless only
        # tagged items were asked for (the report says where the rest is).
        summary = operations.export_package(
            store, out_dir / f"package-{number}-{stamp}", scope="tagged" if scope == "tagged" else "all",
            report_scope=scope, include_files=include_files, key_path=key, passphrase=passphrase,
            make_zip=make_zip, signing_as=signing_as).details
        bag = Path(summary["package"])
        written = [bag] + ([Path(summary["zip"])] if summary.get("zip") else [])
        written += sorted((bag / "data" / "report").glob("*.pdf"))
        return written
    ctx.begin(QCoreApplication.translate("Report", "writing"), total=len(outputs))
    by_key = {o.key: o for o in OUTPUTS}
    written = []
    for name in outputs:
        ctx.check_cancel()
        out = by_key[name]
        lookup(out.module, out.function, out.title)  # not in this build: a clear sentence
        target = out_dir / (f"{stamp}-{out.filename}" if name == "pdf" else out.filename)
        ctx.advance(0, message=out.title)
        operations.export(store, name, target, scope)
        written.append(target)
        ctx.advance(1, message=out.title)
    return written


def new_keypair(examiner: str, folder: Path, passphrase: bytes) -> Any:
    return lookup(*KEYS, QCoreApplication.translate("Report", "Key creation"))(examiner, folder, passphrase)


def verify_package(path: str, pubkey: str | None) -> Any:
    return lookup(*VERIFY, QCoreApplication.translate("Report", "Package verification"))(path, pubkey)


def import_package(path: str, case_dir: str, pubkey: str | None = None) -> Any:
    store, result = lookup(*IMPORT, QCoreApplication.translate("Report", "Package import"))(path, case_dir, pubkey_path=pubkey)
    store.close()
    return result
