"""A file that is no disk image (issue 14): refused with the reason unless --force, and the
refusal leaves nothing behind in the case."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

CLI = [sys.executable, "-m", "forensic_triage"]


def test_text_file_is_refused_unless_forced(tmp_path: Path) -> None:
    case = tmp_path / "case"
    subprocess.run([*CLI, "case", "new", str(case), "--case-number", "T-1", "--examiner", "E"], check=True,
                   capture_output=True)
    notes = tmp_path / "notes.txt"
    notes.write_text("Suspect's shopping list\nmilk\n")
    refused = subprocess.run([*CLI, "evidence", "add", str(case), str(notes), "--quiet"], capture_output=True,
                             text=True, timeout=120)
    assert refused.returncode == 3, refused.stdout + refused.stderr
    assert "no partition table, no file system" in refused.stderr and "looks like a text file" in refused.stderr
    assert "--force" in refused.stderr and "Traceback" not in refused.stderr
    with sqlite3.connect(case / "case.sqlite") as conn:
        assert conn.execute("SELECT count(*) FROM evidence").fetchone()[0] == 0
    forced = subprocess.run([*CLI, "evidence", "add", str(case), str(notes), "--quiet", "--force"],
                            capture_output=True, text=True, timeout=120)
    assert forced.returncode == 0, forced.stderr
    assert "no file system found" in forced.stdout and "warning:" in forced.stdout
    with sqlite3.connect(case / "case.sqlite") as conn:
        assert conn.execute("SELECT intake_state FROM evidence").fetchall() == [("complete",)]
    assert subprocess.run([*CLI, "verify", str(case)], capture_output=True).returncode == 0
