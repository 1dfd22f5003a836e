"""``forensic-triage demo``: build the sample evidence, a case, triage it, summarise."""

from __future__ import annotations

import argparse
import shlex
from pathlib import Path

from ..errors import UsageError
from ..jobs.context import JobContext
from ..jobs.intake import add_evidence
from ..jobs.settings import TriageSettings
from ..jobs.triage import run_triage
from ..store import DB_NAME, CaseStore
from .common import ProgressBar, command_name, plural


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("demo", help="make the built-in sample evidence and triage it",
                       description="Write the built-in sample disk image (pure Python), create a case beside it, "
                                   "add the image, run triage and print a summary. For training and a first look.")
    p.add_argument("dir", metavar="DIR", nargs="?", default=None,
                   help="new folder for the sample image and case (default: ./forensic-triage-demo, or "
                        "-2, -3 ... when that exists; an existing folder that is not empty is refused, "
                        "nothing is ever deleted)")
    p.add_argument("--jobs", type=int, default=None)
    p.add_argument("--quiet", action="store_true")
    p.set_defaults(func=cmd_demo)


def demo_folder(requested: str | None) -> Path:
    """The folder for this demo: never one that holds anything (earlier demos keep their tags and notes)."""
    if requested is not None:
        folder = Path(requested)
        if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
            what = "holds an earlier demo case" if (folder / "case" / DB_NAME).exists() else "is not empty"
            raise UsageError(f"{folder.resolve()} {what}, and the demo never overwrites or deletes work.",
                             hint="Give a new folder name, or leave DIR out to get a new forensic-triage-demo-N.")
        return folder
    n = 1
    while True:
        folder = Path("forensic-triage-demo" if n == 1 else f"forensic-triage-demo-{n}")
        if not folder.exists():
            return folder
        n += 1


def cmd_demo(args: argparse.Namespace) -> int:
    from ..jobs.source_zone import set_source_timezone
    from ..sample.generator import SOURCE_ZONE, build_sample_image

    folder = demo_folder(args.dir)
    case_dir = folder / "case"
    folder.mkdir(parents=True, exist_ok=True)
    image = folder / "sample-evidence.dd"
    build_sample_image(image)
    image.chmod(0o444)
    print(f"Sample evidence written to {image}")
    bar = ProgressBar(enabled=False if args.quiet else None)
    store = CaseStore.create(case_dir, case_number="DEMO-2025-001", examiner="Training Examiner",
                             title="Sample evidence (training)", agency="Demo Cybercrime Unit",
                             timezone="America/Port_of_Spain", authority="DEMO-WARRANT-1")
    try:
        intake = add_evidence(store, image, exhibit="EXH-001", description="Sample USB stick (generated)",
                              ctx=JobContext(bar))
        # Known for the sample because it was generated so; for real evidence the examiner
        # establishes it (e.g. from the registry or the owner) and declares it the same way.
        set_source_timezone(store, intake.uid, SOURCE_ZONE)
        settings = TriageSettings()
        if args.jobs:
            settings.jobs = args.jobs
        stats = run_triage(store, settings, JobContext(bar))
    finally:
        bar.close()
        store.close()
    with CaseStore.open(case_dir, read_only=True) as store:
        deleted = store.case.totals().deleted_files
        mismatches = store.files.extension_mismatches()
        artifacts = store.findings.artifact_type_counts()
        hits = store.findings.yara_rule_locators()
    print(f"\nCase {case_dir}: evidence {intake.uid}, media SHA-256 {intake.sha256}, "
          f"verification against stored hashes: {intake.verdict}")
    print(f"  {stats.files_walked} entries, {plural(stats.files_processed, 'file')} examined, "
          f"{plural(deleted, 'deleted file')}")
    print(f"  source time zone: {SOURCE_ZONE}, the zone the sample device's clock was set to, declared for this exhibit (as "
          "'evidence add --source-timezone' does); its FAT times are local clock times shown in UTC as an assumption")
    for m in mismatches:
        print(f"  extension lies: {m['path']} is really .{m['detected_ext']}")
    for record_type, count in artifacts:
        print(f"  artifacts: {count} × {record_type}")
    for rule, locator in hits:
        print(f"  YARA: {rule} in {locator}")
    ft = command_name()
    where = shlex.quote(str(case_dir))
    print(f"  {plural(stats.warnings, 'warning')}" + (f" (list them: {ft} warnings {where})" if stats.warnings else ""))
    print(f"\nNext: {ft} files {where} --format table")
    print(f"      {ft} gui {where}")
    return 0
