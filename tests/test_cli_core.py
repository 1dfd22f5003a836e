"""The command line end to end on real corpus images: intake, triage, files, verify."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from ft_testlib import require_tool

from forensic_triage.cli.main import run


def ft(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "forensic_triage", *args], capture_output=True, text=True,
                          timeout=300)


def test_version_and_help_on_every_command() -> None:
    out = ft("--version")
    assert out.returncode == 0 and out.stdout.startswith("forensic-triage ")
    top = ft("--help")
    assert "exit codes" in top.stdout
    from forensic_triage.cli.main import build_parser

    parser = build_parser()
    commands = [a for a in parser._subparsers._group_actions[0].choices]  # type: ignore[union-attr]
    assert {"case", "evidence", "triage", "files", "verify", "demo"} <= set(commands)
    for name in commands:
        res = ft(name, "--help")
        assert res.returncode == 0, (name, res.stderr)
        assert "usage:" in res.stdout


def test_errors_are_one_sentence_not_traceback(tmp_path: Path, corpus: Path) -> None:
    res = ft("evidence", "list", str(tmp_path / "nope"))
    assert res.returncode == 4
    assert "Traceback" not in res.stderr and res.stderr.startswith("error: No case found")
    assert ft("case", "new", str(tmp_path / "c"), "--case-number", "1", "--examiner", "E").returncode == 0
    (tmp_path / "broken.vmdk").write_bytes(b"KDMV" + bytes(2044))
    res = ft("evidence", "add", str(tmp_path / "c"), str(tmp_path / "broken.vmdk"))
    assert res.returncode == 3 and "VMDK" in res.stderr and "Traceback" not in res.stderr
    res = ft("evidence", "add", str(tmp_path / "c"), str(tmp_path / "missing.dd"))
    assert res.returncode == 3 and "does not exist" in res.stderr
    res = ft("case", "new", str(tmp_path / "c2"), "--case-number", "1", "--examiner", "E", "--timezone", "Mars/Base")
    assert res.returncode == 2 and "time zone" in res.stderr


def test_full_cli_flow_on_ntfs_image(tmp_path: Path, corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    case = str(tmp_path / "case")
    image = corpus / "images/grr/ntfs_img.dd"
    assert run(["case", "new", case, "--case-number", "TT-2025-17", "--examiner", "A. Examiner",
                "--timezone", "America/Port_of_Spain"]) == 0
    assert run(["evidence", "add", case, str(image), "--exhibit", "EXH-001", "--quiet"]) == 0
    assert run(["triage", case, "--quiet", "--jobs", "1"]) == 0
    capsys.readouterr()
    assert run(["files", case, "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    required = {"evidence", "exhibit", "partition_offset", "inode", "path", "name", "size", "deleted", "type", "md5",
                "sha1", "sha256", "mime", "mtime", "atime", "ctime", "crtime"}
    assert rows and required <= set(rows[0])
    by_path = {(r["path"], r["stream"]): r for r in rows}
    notes = by_path[("/Test Directory/notes.txt", "")]
    assert notes["partition_offset"] == 63 * 512 and notes["exhibit"] == "EXH-001"
    assert notes["mtime"].endswith("Z") and len(notes["sha256"]) == 64
    # Content hashes equal The Sleuth Kit's icat of the same inode.
    require_tool("icat")  # a failure under FT_REQUIRE_TOOLS=1 (.ci/run), else a visible skip
    icat = subprocess.run(["icat", "-o", "63", str(image), str(notes["inode"])], capture_output=True, check=False)
    assert icat.returncode == 0, icat.stderr
    assert hashlib.sha256(icat.stdout).hexdigest() == notes["sha256"]
    assert ("/adstest/a.txt", "ads.txt") in by_path, "alternate data stream listed as its own stream"
    deleted = [r for r in rows if r["deleted"]]
    assert deleted and all(r["path"].startswith("/$OrphanFiles/") for r in deleted)
    capsys.readouterr()
    assert run(["files", case, "--deleted", "--format", "csv"]) == 0
    csv_out = capsys.readouterr().out
    assert csv_out.splitlines()[0].startswith("evidence,exhibit,partition_offset,inode")
    assert run(["evidence", "list", case, "--format", "jsonl"]) == 0
    ev = json.loads(capsys.readouterr().out.splitlines()[0])
    assert ev["sha256"] == "e0a7eaa99e2a0540c029c2aad9e13065cc71ad277c0185a9356ebf182c2691a5"
    assert ev["containers"][0]["sha256"] == ev["sha256"] and ev["verdict"] == "NOT STORED"
    assert run(["verify", case]) == 0
