"""The training case: the built-in sample evidence, added to a case and triaged, all on a worker."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QStandardPaths

from forensic_triage import __version__
from forensic_triage.errors import TriageError
from forensic_triage.jobs.context import JobContext
from forensic_triage.store import DB_NAME, CaseStore

from .workers import JobWorker


class SampleUnavailable(TriageError):
    pass


def sample_folder() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation)
    return Path(base or Path.home() / ".local" / "share" / "forensic-triage") / f"sample-{__version__}"


def load_generator() -> Any:
    """The sample generator, or a clear error when this build does not ship it."""
    try:
        from forensic_triage.sample.generator import build_sample_image
    except ImportError as exc:
        raise SampleUnavailable(QCoreApplication.translate(
            "Sample", "The built-in sample evidence is not available in this build (the sample generator is "
            "missing).")) from exc
    return build_sample_image


def make_sample_case(folder: Path, ctx: JobContext) -> str:
    """Create (or finish) the training case in ``folder``; returns the case folder."""
    build = load_generator()
    from forensic_triage.jobs.intake import add_evidence
    from forensic_triage.jobs.settings import TriageSettings
    from forensic_triage.jobs.triage import run_triage

    case_dir = folder / "case"
    image = folder / "sample-evidence.dd"
    ctx.begin(QCoreApplication.translate("Sample", "writing the sample evidence"))
    if not image.exists():
        build(image)
        image.chmod(0o444)
    ctx.check_cancel()
    if (case_dir / DB_NAME).exists():
        store = CaseStore.open(case_dir)
    else:
        store = CaseStore.create(case_dir, case_number="TRAINING-001", examiner="Trainee Examiner",
                                 title="Sample evidence (training)", agency="Training",
                                 timezone="America/Port_of_Spain", authority="TRAINING")
    try:
        if not store.evidence.count():
            add_evidence(store, image, exhibit="EXH-001", description="Sample USB stick (generated for training)",
                         ctx=ctx)
        if store.files.pending_count() or not store.triage.completed_count("triage"):
            run_triage(store, TriageSettings(), ctx, command_line="forensic-triage gui: sample case")
    finally:
        store.close()
    return str(case_dir)


def sample_worker(folder: Path | None = None) -> JobWorker:
    target = folder or sample_folder()
    return JobWorker("sample", lambda ctx: make_sample_case(target, ctx))
