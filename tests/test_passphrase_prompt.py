"""Passphrase prompts (issue 14): without a terminal a clear sentence, never an EOFError
traceback; a new passphrase that is too short is refused before it must be typed twice."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

CLI = [sys.executable, "-m", "forensic_triage"]


def test_no_terminal_gives_a_clear_sentence(tmp_path: Path, triaged_sample: Path) -> None:
    made = subprocess.run([*CLI, "keys", "new", "--examiner", "A. Examiner", "--out", str(tmp_path / "k")],
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)
    assert made.returncode == 2, made.stdout + made.stderr
    assert "no terminal to type the key's passphrase" in made.stderr and "--passphrase-file" in made.stderr
    assert "Traceback" not in made.stderr and not (tmp_path / "k").exists()
    # signing a package without a terminal: the same sentence, nothing written
    pw = tmp_path / "pw"
    pw.write_text("correct horse battery\n")
    subprocess.run([*CLI, "keys", "new", "--examiner", "A. Examiner", "--out", str(tmp_path / "k"),
                    "--passphrase-file", str(pw)], check=True, capture_output=True, timeout=60)
    key = next((tmp_path / "k").glob("*.key"))
    pkg = subprocess.run([*CLI, "package", str(triaged_sample), "--out", str(tmp_path / "pkg"), "--key", str(key)],
                         stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120)
    assert pkg.returncode == 2 and "no terminal" in pkg.stderr and "Traceback" not in pkg.stderr
    assert not (tmp_path / "pkg").exists()


def _talk(argv: list[str], answers: list[bytes], timeout: float = 60) -> str:
    """Run argv on a pseudo-terminal (its own session, so getpass talks to it), answering each
    prompt that ends with ': '; returns everything it printed."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, start_new_session=True)
    os.close(slave)
    seen = b""
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(master, 4096)
                except OSError:
                    break
                if not chunk:
                    break
                seen += chunk
                if seen.rstrip().endswith(b":") and answers:
                    os.write(master, answers.pop(0) + b"\n")
            elif proc.poll() is not None:
                break
    finally:
        proc.wait(timeout=30)
        os.close(master)
    return seen.decode("utf-8", "replace")


def test_short_passphrase_refused_before_the_repeat(tmp_path: Path) -> None:
    out = _talk([*CLI, "keys", "new", "--examiner", "A. Examiner", "--out", str(tmp_path / "k")], [b"short"])
    assert "Passphrase for the examiner key:" in out
    assert "at least 8 characters" in out, out
    assert "Repeat the passphrase" not in out, out
    assert not list((tmp_path / "k").glob("*.key"))
