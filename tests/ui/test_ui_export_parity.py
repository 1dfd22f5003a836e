"""One way to export: the GUI's report dialog and 'forensic-triage export' go through the same core
operation, so each output is recorded by exactly one audit entry, with the same action and the
SHA-256 of the file actually written, whichever face asked for it."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from forensic_triage.cli.main import run as cli_main
from forensic_triage.store import DB_NAME

# GUI output key -> (audit action, file name the dialog writes)
OUTPUTS = {"pdf": "report exported", "case": "case exported", "dfxml": "dfxml exported",
           "bodyfile": "bodyfile exported", "csv": "csv exported"}
DETERMINISTIC = ("case", "dfxml", "bodyfile")  # same case, same bytes


def _export_entries(case: Path) -> list[tuple[str, dict[str, Any]]]:
    with sqlite3.connect(f"file:{case / DB_NAME}?mode=ro", uri=True) as db:
        rows = db.execute("SELECT action, details FROM audit WHERE action LIKE '%exported' ORDER BY seq").fetchall()
    return [(str(action), json.loads(details)) for action, details in rows]


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _csv_listing_sha256(folder: Path) -> str:
    listing = "".join(f"{_sha256(p)}  {p.name}\n" for p in sorted(folder.glob("*.csv")))
    return hashlib.sha256(listing.encode()).hexdigest()


def _written_sha256(fmt: str, path: Path) -> str:
    return _csv_listing_sha256(path) if fmt == "csv" else _sha256(path)


def test_cli_and_gui_export_record_the_same_single_audit_entry(qtbot: Any, window: Any, tmp_path: Path,
                                                                case_copy: Path) -> None:
    gui_case = case_copy
    cli_case = tmp_path / "cli-case"
    shutil.copytree(gui_case, cli_case, ignore=shutil.ignore_patterns(".case.lock"))

    # The command line: one export per format, scope notable (the dialog's default).
    cli_out = tmp_path / "cli-out"
    cli_paths = {"pdf": cli_out / "report.pdf", "case": cli_out / "case.jsonld", "dfxml": cli_out / "files.dfxml",
                 "bodyfile": cli_out / "timeline.body", "csv": cli_out / "csv"}
    for fmt, path in cli_paths.items():
        assert cli_main(["export", str(cli_case), "--format", fmt, "--out", str(path), "--scope", "notable"]) == 0

    # The GUI: every output at once through the report dialog.
    assert window.open_case(str(gui_case))
    window.act_report.trigger()
    report = window.dialog
    for key, box in report.outputs.items():
        assert box.isEnabled(), key
        box.setChecked(True)
    report.open_pdf.setChecked(False)
    report.folder.setText(str(tmp_path / "gui-out"))
    with qtbot.waitSignal(report.written, timeout=120000) as written:
        qtbot.mouseClick(report.write_button, Qt.MouseButton.LeftButton)
    gui_paths = {}
    for p in map(Path, written.args[0]):
        fmt = {".pdf": "pdf", ".jsonld": "case", ".dfxml": "dfxml", ".body": "bodyfile", "": "csv"}[p.suffix]
        gui_paths[fmt] = p
    report.accept()
    window.close_case()

    cli_entries, gui_entries = _export_entries(cli_case), _export_entries(gui_case)
    # Exactly one entry per output on each side, in the order written, with the same actions.
    assert [a for a, _ in cli_entries] == list(OUTPUTS.values())
    assert [a for a, _ in gui_entries] == list(OUTPUTS.values())
    for (fmt, action), (_, cli), (_, gui) in zip(OUTPUTS.items(), cli_entries, gui_entries, strict=True):
        # Each names the SHA-256 of what it wrote, and both faces record the same facts.
        assert cli["sha256"] == _written_sha256(fmt, cli_paths[fmt]), action
        assert gui["sha256"] == _written_sha256(fmt, gui_paths[fmt]), action
        assert set(cli) == set(gui), action
        assert cli["scope"] == gui["scope"] == "notable"
        assert Path(cli["path"]) == cli_paths[fmt] and Path(gui["path"]) == gui_paths[fmt]
        if fmt in DETERMINISTIC:
            assert cli["sha256"] == gui["sha256"], action
            assert cli_paths[fmt].read_bytes() == gui_paths[fmt].read_bytes()
    # No temporary file is left beside the outputs.
    assert not [p for p in (*(tmp_path / "cli-out").iterdir(), *(tmp_path / "gui-out").iterdir())
                if p.name.startswith(".")]
