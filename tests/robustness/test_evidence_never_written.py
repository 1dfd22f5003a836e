"""Evidence is never written: the whole workflow, watched at the system-call level.

Three evidence items (a raw MBR disk, the same disk as a split raw set and as a multi-segment
E01) are made read-only (0444, in read-only folders) and watched: SHA-256, size, mtime_ns,
ctime_ns, inode and mode of every container before and after. Every command of the workflow
(case new, evidence add x3, triage, files, tag, verify, then export pdf/case/csv/bodyfile/dfxml,
package --include-files, verify-package) runs in its own subprocess under
``strace -f -e trace=%file``, as an unprivileged user (``setpriv``) when the test runs as
root, so the permissions are really enforced too. Every system call that names an evidence
container must be a read-only one, and every ``open``/``openat`` of it must be ``O_RDONLY``
with none of ``O_WRONLY``, ``O_RDWR``, ``O_CREAT``, ``O_TRUNC``, ``O_APPEND``. Nothing may be
created in the evidence folders.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from imagebuilders import find_tool, split_raw, to_e01

from forensic_triage.cli.main import build_parser
from forensic_triage.sample.generator import build_sample_image
from forensic_triage.store import CaseStore

pytestmark = pytest.mark.tools

NOBODY = 65534
# System calls that may name an evidence container: they read metadata, never change anything.
READ_ONLY_CALLS = {
    "stat", "lstat", "fstat", "newfstatat", "fstatat64", "statx", "access", "faccessat", "faccessat2",
    "readlink", "readlinkat", "getxattr", "lgetxattr", "listxattr", "llistxattr", "statfs", "realpath",
}
OPEN_CALLS = {"open", "openat", "openat2", "creat"}
WRITE_FLAGS = ("O_WRONLY", "O_RDWR", "O_CREAT", "O_TRUNC", "O_APPEND", "O_TMPFILE")
_LINE = re.compile(r"^(?P<pid>\d+)\s+(?:<\.\.\. )?(?P<call>\w+)\((?P<args>.*)$")
_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')


@dataclasses.dataclass(frozen=True)
class FileState:
    sha256: str
    size: int
    mtime_ns: int
    ctime_ns: int
    inode: int
    mode: int


def _state(paths: list[Path]) -> dict[str, FileState]:
    out = {}
    for path in paths:
        st = path.stat()
        digest = hashlib.sha256()
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        out[str(path)] = FileState(digest.hexdigest(), st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino,
                                   stat.S_IMODE(st.st_mode))
    return out


def _unescape(text: str) -> str:
    return text.encode("latin-1", "backslashreplace").decode("unicode_escape").encode("latin-1").decode(
        "utf-8", "surrogateescape")


@dataclasses.dataclass
class Trace:
    """What one traced command did to the watched paths."""

    calls: list[tuple[str, str, str]]  # (syscall, path, full line) naming an evidence container
    created_in_evidence_dirs: list[str]
    opened_for_writing_elsewhere: int  # sanity: the parser does see write opens (the case database)


def parse_trace(log: Path, evidence: set[str], evidence_dirs: set[str], cwd: Path) -> Trace:
    calls: list[tuple[str, str, str]] = []
    created: list[str] = []
    writes_elsewhere = 0
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        match = _LINE.match(line)
        if not match or match.group("call") == "execve":
            continue
        call, args = match.group("call"), match.group("args")
        for raw in _STRING.findall(args):
            path = os.path.normpath(os.path.join(cwd, _unescape(raw)))
            if path in evidence:
                calls.append((call, path, line))
            elif call in OPEN_CALLS and ("O_CREAT" in args or call == "creat"):
                if os.path.dirname(path) in evidence_dirs:
                    created.append(line)
                elif "= -1" not in args:
                    writes_elsewhere += 1
    return Trace(calls, created, writes_elsewhere)


def write_violations(trace: Trace) -> list[str]:
    bad = []
    for call, _path, line in trace.calls:
        if call in OPEN_CALLS:
            flags = line.split('"', 2)[-1]
            if call == "creat" or "O_RDONLY" not in flags or any(f in flags for f in WRITE_FLAGS):
                bad.append(line)
        elif call not in READ_ONLY_CALLS:
            bad.append(line)
    return bad + trace.created_in_evidence_dirs


def _commands() -> set[str]:
    for action in build_parser()._actions:
        if isinstance(action, argparse._SubParsersAction):
            return set(action.choices)
    return set()


def _usable_setpriv() -> str | None:
    """setpriv, when this test runs as root and the unprivileged user can run this Python and package."""
    tool = find_tool("setpriv")
    if os.geteuid() != 0 or tool is None:
        return None
    probe = subprocess.run([tool, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", sys.executable, "-c",
                            "import forensic_triage.cli.main"], capture_output=True, check=False, cwd="/")
    return tool if probe.returncode == 0 else None


class Lab:
    """A work folder, evidence in read-only folders, and a traced, unprivileged CLI runner."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.strace = find_tool("strace")
        self.setpriv = _usable_setpriv()
        self.evidence_dir = root / "evidence"
        self.traces = root / "traces"
        self.out = root / "out"  # everything the tool writes (case, exports, home) lives here
        self.case = self.out / "case"
        self.steps: list[tuple[str, Path | None]] = []
        self.evidence: list[Path] = []
        self.first: dict[str, Path] = {}

    def build(self) -> None:
        sub = {name: self.evidence_dir / name for name in ("raw", "split", "ewf")}
        for folder in sub.values():
            folder.mkdir(parents=True)
        raw = sub["raw"] / "laptop.dd"
        build_sample_image(raw)
        segments = split_raw(raw, 3 * 1024 * 1024, sub["split"] / "laptop")
        first_e01 = to_e01(raw.resolve(), (sub["ewf"] / "laptop").resolve(), compression="none",
                           segment_size=4 * 1024 * 1024)
        e01s = sorted(sub["ewf"].glob("laptop.E*"))
        assert len(segments) > 1 and len(e01s) > 1
        self.first = {"raw": raw, "split": segments[0], "ewf": first_e01}
        self.evidence = [raw, *segments, *e01s]
        for path in self.evidence:
            path.chmod(0o444)
        for folder in [*sub.values(), self.evidence_dir]:
            folder.chmod(0o555)
        self.traces.mkdir()
        self.out.mkdir()
        for folder in (self.root, self.out):
            folder.chmod(0o755)
        if self.setpriv:
            os.chown(self.out, NOBODY, NOBODY)

    def env(self) -> dict[str, str]:
        home = self.out / "home"
        return {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home / "share"),
                "XDG_CONFIG_HOME": str(home / "config"), "XDG_CACHE_HOME": str(home / "cache"),
                "FT_PLUGIN_DIR": str(home / "plugins"), "FT_RULES_DIR": str(home / "rules"),
                "FT_HASHSET_DB": str(home / "hashsets.sqlite"), "TMPDIR": str(self.out), "TZ": "UTC"}

    def run(self, name: str, *args: str, python: list[str] | None = None,
            record: bool = True) -> subprocess.CompletedProcess[str]:
        command = python or [sys.executable, "-m", "forensic_triage", *args]
        if self.setpriv:
            command = [self.setpriv, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", *command]
        log: Path | None = None
        if self.strace:
            log = self.traces / f"{len(self.steps):02d}-{name}{'' if record else '-control'}.log"
            command = [self.strace, "-f", "-qq", "-s", "256", "-e", "trace=%file", "-o", str(log), *command]
        res = subprocess.run(command, capture_output=True, text=True, env=self.env(), cwd=self.out, timeout=300,
                             check=False)
        if record:
            self.steps.append((name, log))
        assert "Traceback" not in res.stderr, f"{name}: {res.stderr}"
        assert res.returncode == 0, f"{name}: exit {res.returncode}\n{res.stdout}\n{res.stderr}"
        return res

    def traces_of(self, names: Iterator[tuple[str, Path | None]]) -> Iterator[tuple[str, Trace]]:
        watched = {str(p) for p in self.evidence}
        dirs = {str(p.parent) for p in self.evidence} | {str(self.evidence_dir)}
        for name, log in names:
            if log is not None:
                yield name, parse_trace(log, watched, dirs, self.out)


@pytest.fixture(scope="module")
def lab() -> Iterator[Lab]:
    if find_tool("strace") is None and not (os.geteuid() == 0 and find_tool("setpriv")):
        pytest.skip("needs strace (Debian package strace) or root with setpriv to watch the evidence")
    root = Path(tempfile.mkdtemp(prefix="ft-never-written-"))  # /tmp: traversable by the unprivileged user
    try:
        the_lab = Lab(root)
        the_lab.build()
        yield the_lab
    finally:
        for folder in (root / "evidence", *(root / "evidence").glob("*")):
            if folder.is_dir():
                folder.chmod(0o755)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="module")
def triaged(lab: Lab) -> dict[str, Any]:
    before = _state(lab.evidence)
    case = str(lab.case)
    lab.run("case-new", "case", "new", case, "--case-number", "RO-1", "--examiner", "R. O. Examiner")
    for kind in ("raw", "split", "ewf"):
        lab.run(f"evidence-add-{kind}", "evidence", "add", case, str(lab.first[kind]), "--exhibit", kind.upper(),
                "--quiet")
    lab.run("triage", "triage", case, "--jobs", "2", "--quiet")
    listing = lab.run("files", "files", case, "--mime", "image/jpeg", "--format", "jsonl").stdout
    locators = [line.split('"locator": "', 1)[1].split('"', 1)[0] for line in listing.splitlines() if line]
    assert len(locators) >= 3  # one picture per evidence item at least
    # Tagging a picture is one of the two examiner actions that read evidence after triage.
    if "tag" in _commands():
        for locator in locators:
            lab.run("tag", "tag", case, "--file", locator, "--tag", "notable", "--note", "picture")
    else:
        code = ("import sys\nfrom forensic_triage.store import CaseStore\nfrom forensic_triage.tags import add_tag\n"
                "with CaseStore.open(sys.argv[1]) as s:\n    for loc in sys.argv[2:]:\n"
                "        add_tag(s, 'file', loc, 'notable', 'picture')\n")
        lab.run("tag", python=[sys.executable, "-c", code, case, *locators])
    lab.run("verify", "verify", case)
    return {"before": before}


def _assert_untouched(lab: Lab, before: dict[str, FileState], steps: list[tuple[str, Path | None]]) -> None:
    assert _state(lab.evidence) == before, "an evidence container changed"
    assert all(s.mode == 0o444 for s in before.values())
    assert sorted(p for p in lab.evidence_dir.rglob("*")) == sorted(
        {*lab.evidence, *(p.parent for p in lab.evidence)}), "something was created beside the evidence"
    if not lab.strace:
        return
    opened: set[str] = set()
    writes_seen = 0
    for name, trace in lab.traces_of(iter(steps)):
        assert not write_violations(trace), f"{name}: " + "\n".join(write_violations(trace))
        opened |= {path for call, path, _ in trace.calls if call in OPEN_CALLS}
        writes_seen += trace.opened_for_writing_elsewhere
    # The watch works: the traced commands did open files for writing (the case), and evidence for reading.
    assert writes_seen > 0, "no write open was seen at all: the trace parser is blind"
    assert opened, "no evidence open was seen: the trace does not watch what it should"


def test_intake_triage_tag_verify_never_write(lab: Lab, triaged: dict[str, Any]) -> None:
    _assert_untouched(lab, triaged["before"], lab.steps)
    if lab.strace:
        opened: set[str] = set()
        for _name, trace in lab.traces_of(iter(lab.steps)):
            opened |= {path for call, path, _ in trace.calls if call in OPEN_CALLS}
        assert opened == {str(p) for p in lab.evidence}, "every segment must have been read (and only read)"


EXPORTS = ("pdf", "case", "csv", "bodyfile", "dfxml")


def test_exports_and_package_never_write(lab: Lab, triaged: dict[str, Any]) -> None:
    missing = [c for c in ("export", "package", "verify-package") if c not in _commands()]
    if missing:
        pytest.skip(f"exporter command(s) not in this build yet: {', '.join(missing)}")
    first = len(lab.steps)
    case = str(lab.case)
    suffix = {"pdf": "report.pdf", "case": "case.jsonld", "csv": "csv", "bodyfile": "bodyfile.txt",
              "dfxml": "files.dfxml"}
    for fmt in EXPORTS:
        lab.run(f"export-{fmt}", "export", case, "--format", fmt, "--out", str(lab.out / "exports" / suffix[fmt]))
    keys, passphrase = lab.out / "keys", lab.out / "passphrase.txt"
    passphrase.write_text("correct horse battery staple\n", encoding="utf-8")
    if lab.setpriv:
        os.chown(passphrase, NOBODY, NOBODY)
    lab.run("keys-new", "keys", "new", "--examiner", "R. O. Examiner", "--out", str(keys), "--passphrase-file",
            str(passphrase))
    (private,), (public,) = list(keys.glob("*.key")), list(keys.glob("*.pub"))
    package = lab.out / "package"
    lab.run("package", "package", case, "--out", str(package), "--include-files", "--key", str(private),
            "--passphrase-file", str(passphrase), "--zip")
    lab.run("verify-package", "verify-package", str(package), "--pubkey", str(public))
    lab.run("verify-after-export", "verify", case)
    _assert_untouched(lab, triaged["before"], lab.steps[first:])
    # The copies were really made (read from the evidence, the other read after triage).
    with CaseStore.open(lab.case, read_only=True) as store:
        tagged = {r["sha256"] for r in store.query(
            "SELECT f.sha256 FROM files f JOIN tags t ON t.target_kind = 'file' AND t.target_id = f.id")}
    digests = {hashlib.sha256(p.read_bytes()).hexdigest() for p in package.rglob("*") if p.is_file()}
    assert tagged and tagged <= digests, "the tagged files were not copied into the package"


def test_the_watch_catches_a_write_open(lab: Lab, triaged: dict[str, Any]) -> None:
    """Negative control: a process that tries to open a container for writing is caught."""
    if not lab.strace:
        pytest.skip("strace not installed: only the before/after state is checked")
    target = str(lab.evidence[-1])
    code = ("import os, sys\nfor flags in (os.O_RDWR, os.O_WRONLY | os.O_APPEND):\n    try:\n"
            "        os.close(os.open(sys.argv[1], flags))\n    except PermissionError:\n        pass\n")
    lab.run("control", python=[sys.executable, "-c", code, target], record=False)
    log = sorted(lab.traces.glob("*-control.log"))[-1]
    (_, trace), = lab.traces_of(iter([("control", log)]))
    bad = write_violations(trace)
    assert len(bad) == 2 and all(target in line for line in bad), bad
    assert _state(lab.evidence) == triaged["before"]
