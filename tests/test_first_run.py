"""A new investigator's first hour on the command line (issue 14): the demo never deletes work and
prints commands that work, warnings can be listed, a second triage run says it had nothing to do,
negative UTC offsets are accepted, and the small wording fixes."""

from __future__ import annotations

import csv
import io
import json
import os
import shlex
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from forensic_triage.cli.common import plural, progress_text
from forensic_triage.cli.main import build_parser, join_zone_values
from forensic_triage.jobs.context import Progress
from forensic_triage.jobs.options import TRIAGE_OPTIONS

REPO = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent


def ft(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "forensic_triage", *args], capture_output=True, text=True,
                          timeout=300, cwd=cwd, env=env)


def _path_without_venv() -> str:
    return os.pathsep.join(p for p in os.environ.get("PATH", "").split(os.pathsep)
                           if p and Path(p).resolve() != VENV_BIN.resolve()
                           and not (Path(p) / "forensic-triage").exists())


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("firstrun")
    env = dict(os.environ, PATH=_path_without_venv())
    out = ft("demo", "--jobs", "1", cwd=work, env=env)
    assert out.returncode == 0, out.stderr
    (work / "demo-stdout.txt").write_text(out.stdout)
    return work


def test_demo_next_lines_are_commands_that_work_without_a_venv_on_path(demo_dir: Path) -> None:
    stdout = (demo_dir / "demo-stdout.txt").read_text()
    nxt = [line for line in stdout.splitlines() if line.startswith("Next: ")]
    assert len(nxt) == 1
    command = shlex.split(nxt[0][len("Next: "):])
    # forensic-triage is not on this PATH: the full path of this installation's script is printed.
    assert command[0] == str(VENV_BIN / "forensic-triage")
    env = dict(os.environ, PATH=_path_without_venv())
    run = subprocess.run(command, cwd=demo_dir, env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "/Users/jdoe/Downloads/invoice.pdf" in run.stdout
    gui_line = [line.strip() for line in stdout.splitlines() if line.strip().endswith("gui forensic-triage-demo/case")]
    assert gui_line and gui_line[0].startswith(str(VENV_BIN / "forensic-triage"))
    assert "YARA: FT_EICAR_Test_File in EXH-001:" in stdout  # the plural wording is checked below (triage line)
    assert "1 deleted file\n" in stdout and "1 deleted file(s)" not in stdout


def test_demo_never_deletes_earlier_work(demo_dir: Path) -> None:
    first = demo_dir / "forensic-triage-demo"
    db = first / "case" / "case.sqlite"
    assert db.is_file()
    before = db.read_bytes()
    image_before = (first / "sample-evidence.dd").stat().st_mtime_ns
    # Without DIR: a new folder, the earlier one untouched.
    again = ft("demo", "--jobs", "1", "--quiet", cwd=demo_dir)
    assert again.returncode == 0, again.stderr
    assert (demo_dir / "forensic-triage-demo-2" / "case" / "case.sqlite").is_file()
    assert db.read_bytes() == before
    assert (first / "sample-evidence.dd").stat().st_mtime_ns == image_before
    # With an existing DIR: refused, and the message says why.
    refused = ft("demo", "forensic-triage-demo", cwd=demo_dir)
    assert refused.returncode == 2
    assert "holds an earlier demo case" in refused.stderr and "never overwrites or deletes" in refused.stderr
    assert db.read_bytes() == before
    # bootstrap.sh's demo job no longer deletes the folder either.
    script = (REPO / "scripts" / "bootstrap.sh").read_text()
    assert "rm -rf" not in script


def test_second_triage_run_says_everything_was_done(demo_dir: Path) -> None:
    case = demo_dir / "forensic-triage-demo" / "case"
    out = ft("triage", str(case), "--jobs", "1", "--quiet")
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("Everything was already examined in an earlier run; case totals: 14 files (1 deleted)")
    assert "1 YARA hit," in out.stdout and "1 warning." in out.stdout
    assert "0 files examined" not in out.stdout


def test_warnings_command_lists_and_filters(demo_dir: Path) -> None:
    case = str(demo_dir / "forensic-triage-demo" / "case")
    conn = sqlite3.connect(Path(case) / "case.sqlite")
    stored = conn.execute("SELECT id, job_id, kind, source, message FROM warnings ORDER BY id").fetchall()
    conn.close()
    assert stored, "the demo case has a stored warning"
    table = ft("warnings", case)
    assert table.returncode == 0, table.stderr
    assert stored[0][4][:40] in table.stdout and table.stderr.strip() == plural(len(stored), "warning") + "."
    rows = [json.loads(line) for line in ft("warnings", case, "--format", "jsonl").stdout.splitlines()]
    assert [(r["id"], r["job"], r["kind"], r["source"], r["message"]) for r in rows] == stored
    assert rows[0]["path"] == "/Users/jdoe/Downloads/invoice.pdf" and rows[0]["evidence"] == "EXH-001"
    listed = list(csv.DictReader(io.StringIO(ft("warnings", case, "--format", "csv").stdout)))
    assert len(listed) == len(stored)
    source = stored[0][3]
    assert len(ft("warnings", case, "--format", "jsonl", "--source", source).stdout.splitlines()) == \
        sum(1 for s in stored if s[3] == source)
    assert ft("warnings", case, "--format", "jsonl", "--source", "no-such-source").stdout == ""
    assert ft("warnings", case, "--format", "jsonl", "--kind", "no-such-kind").stdout == ""
    assert ft("warnings", case, "--format", "jsonl", "--job", "999").stdout == ""
    assert len(ft("warnings", case, "--format", "jsonl", "--job", str(stored[0][1])).stdout.splitlines()) >= 1


def test_negative_utc_offset_is_accepted_and_a_missing_zone_is_said(tmp_path: Path) -> None:
    out = ft("case", "new", str(tmp_path / "a"), "--case-number", "1", "--examiner", "E", "--timezone", "-04:00")
    assert out.returncode == 0, out.stderr
    assert "time zone: -04:00" in out.stdout
    conn = sqlite3.connect(tmp_path / "a" / "case.sqlite")
    assert conn.execute("SELECT timezone FROM case_info").fetchone()[0] == "-04:00"
    conn.close()
    out = ft("case", "new", str(tmp_path / "b"), "--case-number", "1", "--examiner", "E")
    assert out.returncode == 0
    assert "time zone: UTC (none given; use --timezone to set the zone the report shows)" in out.stdout
    # every option whose name mentions a zone, not only case new's
    assert join_zone_values(["custody", "add", "--timezone", "-03:30", "x"]) == \
        ["custody", "add", "--timezone=-03:30", "x"]
    assert join_zone_values(["--source-timezone", "+0200"]) == ["--source-timezone=+0200"]
    assert join_zone_values(["--examiner", "-04:00"]) == ["--examiner", "-04:00"]


def test_no_case_found_names_the_absolute_folder(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    out = ft("files", "..", cwd=tmp_path / "sub")
    assert out.returncode == 4
    assert f"No case found in {tmp_path.resolve()}." in out.stderr
    assert "No case found in .." not in out.stderr


def test_plurals_and_a_progress_line_that_says_what_the_numbers_are() -> None:
    assert plural(1, "YARA hit") == "1 YARA hit" and plural(2, "YARA hit") == "2 YARA hits"
    assert plural(1, "entry", "entries") == "1 entry" and plural(4051, "file") == "4,051 files"
    p = Progress("examining files", 224, 4051, "files")
    p.started -= 5.6
    line = progress_text(p)
    assert "5.5 %" in line and "224 of 4,051 files" in line and "files/s" in line


def test_demo_folder_is_ignored_by_git() -> None:
    for path in ("forensic-triage-demo/case/case.sqlite", "forensic-triage-demo-3/sample-evidence.dd"):
        assert subprocess.run(["git", "check-ignore", "-q", path], cwd=REPO).returncode == 0, path


def test_every_triage_cli_option_is_declared_once() -> None:
    parser = build_parser()
    sub = next(a for a in parser._subparsers._group_actions)  # type: ignore[union-attr]
    triage = sub.choices["triage"]  # type: ignore[attr-defined]
    flags = {s for a in triage._actions for s in a.option_strings if s.startswith("--")}
    # --broker chooses where the units run (lab mode), not what triage does: not a triage setting.
    declared = {o.flag for o in TRIAGE_OPTIONS} | {"--no-plugins", "--broker"}
    assert flags - {"--help", "--quiet"} == declared


@pytest.mark.timeout(600)
def test_bootstrap_install_writes_launchers_and_hides_pip_banners(tmp_path: Path) -> None:
    if shutil.which("dpkg") is None:
        pytest.fail("bootstrap.sh needs a Debian system")
    home = tmp_path / "home"
    home.mkdir()
    env = dict(os.environ, HOME=str(home), PATH=_path_without_venv(), FT_FAST_LIBEWF="0")
    env.pop("XDG_BIN_HOME", None)
    out = subprocess.run(["bash", str(REPO / "scripts" / "bootstrap.sh"), "install"], env=env, cwd=tmp_path,
                         capture_output=True, text=True, timeout=580)
    assert out.returncode == 0, out.stderr
    text = out.stdout + out.stderr
    for banner in ("editable", "Successfully", "Requirement already", "Obtaining", "[notice]", "setuptools"):
        assert banner not in text, text
    launcher = home / ".local" / "bin" / "forensic-triage"
    assert launcher.is_file() and (home / ".local" / "bin" / "forensic-triage-gui").is_file()
    assert "is not on your PATH" in text and str(home / ".local" / "bin") in text
    run = subprocess.run([str(launcher), "--version"], env=env, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0 and run.stdout.startswith("forensic-triage ")
    # With the launcher on PATH, the demo's Next: line uses the short name.
    env["PATH"] = f"{launcher.parent}{os.pathsep}{env['PATH']}"
    from forensic_triage.cli import common

    found = subprocess.run([sys.executable, "-c", "from forensic_triage.cli.common import command_name as c;"
                            "print(c())"], env=env, capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "forensic-triage", common.__file__


def test_timeline_file_times_are_off_by_default_and_added_on_request(demo_dir: Path) -> None:
    case = str(demo_dir / "forensic-triage-demo" / "case")
    plain = [json.loads(line) for line in ft("timeline", case, "--format", "jsonl").stdout.splitlines()]
    assert plain and not any(r["source"] == "file system" for r in plain)
    full = [json.loads(line) for line in ft("timeline", case, "--file-times", "--format", "jsonl").stdout.splitlines()]
    fs = [r for r in full if r["source"] == "file system"]
    assert len(full) == len(plain) + len(fs) and fs
    win = [r for r in fs if r["path"] == "/Windows/WIN.INI" and r["event"] == "File modified"]
    assert win and win[0]["time_utc"].startswith("2019-12-07") and win[0]["evidence"] == "EXH-001"
    keys = [r["time_utc"] for r in full if r["time_utc"]]
    assert keys == sorted(keys), "one time order for events and file-system times"
    # --from/--to apply to file-system times too.
    day = [json.loads(line) for line in ft("timeline", case, "--file-times", "--from", "2019-12-07", "--to",
                                            "2019-12-07", "--format", "jsonl").stdout.splitlines()]
    assert day and all(r["time_utc"].startswith("2019-12-07") for r in day)
