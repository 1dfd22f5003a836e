"""The read-only FUSE mount (issue 12) on a real disk image, through the real command line.

A DOS disk made with sfdisk holds a FAT16 file system (mkfs.fat + mcopy; one file deleted with
mdel) and an NTFS one (mkntfs + libntfs-3g; an alternate data stream, one file deleted). It is
added and triaged with ``forensic-triage``; ``forensic-triage mount`` then runs in its own process
(as a user runs it) and every file read back through the mount with ``sha256sum`` must hash to the
case's SHA-256; deleted files must give back the bytes planted; every change must fail with EROFS;
the unmount releases the folder and both are in the audit log; the image is unchanged.

Every mount made here is released in teardown (``fusermount3 -u -z``) even when a test fails.
"""

from __future__ import annotations

import calendar
import errno
import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from ft_testlib import Cli, isolated_env, tool_missing
from imagebuilders import build_disk, build_fat, build_ntfs, require_tools

REPORT = b"quarterly figures\n"
GONE = b"deleted secret " * 100
BONE = b"another deleted file " * 50  # deleted as bone.txt: The Sleuth Kit names both _one.txt
OLD_DOCX = bytes(range(256)) * 40
ZONE_ID = b"[ZoneTransfer]\r\nZoneId=3\r\n"
BIG = hashlib.sha256(b"seed").digest() * 10000  # 320000 bytes: reads span many FUSE requests
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # the GUI test, before pytest-qt makes its application


def _fuse_or_skip() -> str:
    tools = require_tools("fusermount3|fusermount")
    if not os.path.exists("/dev/fuse"):
        tool_missing("/dev/fuse is absent: FUSE cannot be used here")
    try:
        os.close(os.open("/dev/fuse", os.O_RDWR))
    except OSError as exc:
        tool_missing(f"/dev/fuse cannot be opened ({exc.strerror})")
    return tools["fusermount3"]


def _evidence_state(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


@pytest.fixture(scope="module")
def triaged(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    _fuse_or_skip()
    folder = tmp_path_factory.mktemp("mount")
    fat = build_fat(folder / "fat.img", {"notes/report.txt": REPORT, "gone.txt": GONE, "bone.txt": BONE},
                    deleted=["gone.txt", "bone.txt"],
                    mtimes={"notes/report.txt": "2025-02-27 14:22:06"})
    ntfs = build_ntfs(folder / "ntfs.img", {"Users/jdoe/setup.exe": b"MZ" + bytes(5000), "Users/jdoe/old.docx": OLD_DOCX,
                                            "big.bin": BIG}, deleted=["Users/jdoe/old.docx"],
                      streams={"Users/jdoe/setup.exe": {"Zone.Identifier": ZONE_ID}},
                      mtimes={"big.bin": "2024-12-31 23:59:58"})
    disk = build_disk(folder / "disk.img", [(fat, "0x06"), (ntfs, "0x07")]).path
    env = isolated_env(folder / "home")
    cli = Cli(env)
    case = folder / "case"
    cli("case", "new", str(case), "--case-number", "M-1", "--examiner", "A. Examiner")
    cli("evidence", "add", str(case), str(disk), "--exhibit", "EXH-001", "--quiet")
    cli("triage", str(case), "--quiet", "--jobs", "1")
    return {"case": case, "disk": disk, "env": env, "cli": cli, "before": _evidence_state(disk), "folder": folder}


class Mount:
    """``forensic-triage mount`` running in the foreground in its own process."""

    def __init__(self, triaged: dict[str, Any], mount_point: Path, *extra: str) -> None:
        self.path = mount_point
        mount_point.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "forensic_triage", "mount", str(triaged["case"]), *extra, str(mount_point)],
            env=triaged["env"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 60
        while not os.path.ismount(mount_point):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.release()
                raise AssertionError(f"the mount did not appear: {self.process.communicate()}")
            time.sleep(0.05)

    def finish(self, timeout: float = 60) -> tuple[int, str, str]:
        out, err = self.process.communicate(timeout=timeout)
        return self.process.returncode, out, err

    def release(self) -> None:
        """Always called: a lazy unmount, then the process is given time to end (killed if not)."""
        if os.path.ismount(self.path):
            subprocess.run([_fuse_or_skip(), "-u", "-z", str(self.path)], check=False, capture_output=True)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        for pipe in (self.process.stdout, self.process.stderr):
            if pipe is not None:
                pipe.close()


@pytest.fixture(scope="module")
def mounted(triaged: dict[str, Any]) -> Iterator[Path]:
    mount = Mount(triaged, triaged["folder"] / "mnt")
    try:
        yield mount.path
    finally:
        mount.release()


def _case_rows(case: Path) -> list[sqlite3.Row]:
    conn = sqlite3.connect(f"file:{case / 'case.sqlite'}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        return conn.execute("SELECT f.*, v.addr, v.fs_type FROM files f JOIN volumes v ON v.id = f.volume_id"
                            " ORDER BY f.id").fetchall()
    finally:
        conn.close()


def _expected_path(row: sqlite3.Row, exhibit: str = "EXH-001") -> str:
    """Where the mount must show a case row: exhibit / volume / [$deleted] / parent / name."""
    slot = "whole" if row["addr"] is None else f"p{row['addr']}"
    volume = f"{slot}_{str(row['fs_type']).lower()}"
    parent = str(row["parent_path"]).strip("/")
    return "/".join(p for p in (exhibit, volume, "" if row["allocated"] else "$deleted", parent, row["name"]) if p)


def _mount_paths(case: Path) -> dict[str, sqlite3.Row]:
    """Mount path -> case row for every file row (allocated names first; a name already taken
    gets ~ID, the case's file id)."""
    found: dict[str, sqlite3.Row] = {}
    rows = [r for r in _case_rows(case) if r["stream"] or (r["type"] != "dir" and r["path"] != "/$OrphanFiles")]
    for row in sorted(rows, key=lambda r: (r["volume_id"], -r["allocated"], r["id"])):
        path = _expected_path(row)
        found[f"{path}~{row['id']}" if path in found else path] = row
    return found


def _sha256sum(root: Path, paths: list[str]) -> dict[str, str]:
    """``sha256sum`` over the mount, the reference tool reading through the kernel."""
    out = subprocess.run(["sha256sum", "--", *paths], cwd=root, capture_output=True, text=True, check=True).stdout
    return {line[66:]: line[:64] for line in out.splitlines()}


def test_every_file_reads_back_with_the_case_sha256(triaged: dict[str, Any], mounted: Path) -> None:
    require_tools("sha256sum")
    rows = _mount_paths(triaged["case"])
    expected = {p: r["sha256"] for p, r in rows.items() if r["sha256"]}
    assert "EXH-001/p2_fat16/$deleted/_one.txt" in expected
    assert [p for p in expected if p.startswith("EXH-001/p2_fat16/$deleted/_one.txt~")]
    listed = sorted(str(p.relative_to(mounted)) for p in mounted.rglob("*") if p.is_file())
    assert set(rows) == set(listed), set(rows) ^ set(listed)
    got = _sha256sum(mounted, sorted(expected))
    assert {p: got[p] for p in expected} == expected
    assert got["EXH-001/p3_ntfs/big.bin"] == hashlib.sha256(BIG).hexdigest()
    assert got["EXH-001/p2_fat16/notes/report.txt"] == hashlib.sha256(REPORT).hexdigest()


def test_sizes_and_times_are_the_case_s(triaged: dict[str, Any], mounted: Path) -> None:
    for path, row in _mount_paths(triaged["case"]).items():
        st = (mounted / path).stat()
        assert st.st_size == row["size"], (path, row["name"], row["id"])
        assert st.st_mode & 0o777 == 0o444, row["path"]
    # NTFS records UTC; FAT a local clock with no zone declared, shown with its wall clock as UTC.
    assert (mounted / "EXH-001/p3_ntfs/big.bin").stat().st_mtime == calendar.timegm((2024, 12, 31, 23, 59, 58))
    assert (mounted / "EXH-001/p2_fat16/notes/report.txt").stat().st_mtime == calendar.timegm((2025, 2, 27, 14, 22, 6))
    assert (mounted / "EXH-001/p3_ntfs/Users").stat().st_mode & 0o777 == 0o555


def test_bytes_the_evidence_does_not_give_fail_rather_than_shrink(mounted: Path) -> None:
    """NTFS's $BadClus:$Bad with no bad cluster marked: listed at the volume's size, no bytes behind
    it (the triage does not read it). A read fails (EIO); the size stays the case's."""
    bad = mounted / "EXH-001/p3_ntfs/$BadClus:$Bad"
    with pytest.raises(OSError) as caught:
        bad.read_bytes()
    assert caught.value.errno == errno.EIO
    assert bad.stat().st_size == 16773120


def test_deleted_files_and_streams_give_back_the_bytes_planted(mounted: Path) -> None:
    fat = mounted / "EXH-001/p2_fat16"
    ntfs = mounted / "EXH-001/p3_ntfs"
    assert not (fat / "gone.txt").exists() and not (ntfs / "Users/jdoe/old.docx").exists()
    # mdel marks the entries 0xE5 (The Sleuth Kit shows the first letter as '_'): gone.txt and bone.txt are
    # both _one.txt, the second shown gets its case id; their clusters stay.
    deleted = {p.name: p.read_bytes() for p in (fat / "$deleted").iterdir()}
    assert sorted(deleted.values()) == sorted([GONE, BONE])
    assert "_one.txt" in deleted and len(deleted) == 2
    assert (ntfs / "$deleted/Users/jdoe/old.docx").read_bytes() == OLD_DOCX
    assert (ntfs / "Users/jdoe/setup.exe:Zone.Identifier").read_bytes() == ZONE_ID
    # A read in the middle of a file, across FUSE's request size.
    with open(ntfs / "big.bin", "rb") as fh:
        fh.seek(131000)
        assert fh.read(70000) == BIG[131000:201000]


@pytest.mark.parametrize("change", ["create", "append", "truncate", "unlink", "mkdir", "rmdir", "chmod", "rename",
                                    "utime", "symlink"])
def test_every_change_fails_read_only(mounted: Path, change: str) -> None:
    ntfs = mounted / "EXH-001/p3_ntfs"
    target = ntfs / "big.bin"
    before = hashlib.sha256(target.read_bytes()).hexdigest()
    actions = {
        "create": lambda: open(ntfs / "new.txt", "x").close(),
        "append": lambda: open(target, "ab").close(),
        "truncate": lambda: os.truncate(target, 0),
        "unlink": lambda: os.unlink(target),
        "mkdir": lambda: os.mkdir(ntfs / "folder"),
        "rmdir": lambda: os.rmdir(ntfs / "Users"),
        "chmod": lambda: os.chmod(target, 0o666),
        "rename": lambda: os.rename(target, ntfs / "moved.bin"),
        "utime": lambda: os.utime(target, (0, 0)),
        "symlink": lambda: os.symlink("big.bin", ntfs / "link"),
    }
    with pytest.raises(OSError) as caught:
        actions[change]()
    assert caught.value.errno == errno.EROFS, caught.value
    assert hashlib.sha256(target.read_bytes()).hexdigest() == before
    assert not (ntfs / "new.txt").exists() and not (ntfs / "folder").exists()


def _audit(case: Path, action: str) -> list[dict[str, Any]]:
    import json

    conn = sqlite3.connect(f"file:{case / 'case.sqlite'}?mode=ro", uri=True)
    try:
        return [{"actor": a, **json.loads(d)} for a, d in
                conn.execute("SELECT actor, details FROM audit WHERE action = ? ORDER BY seq", (action,))]
    finally:
        conn.close()


def test_unmount_releases_the_folder_and_both_are_audited(triaged: dict[str, Any]) -> None:
    mount = Mount(triaged, triaged["folder"] / "mnt-unmount", "EXH-001")
    try:
        assert sorted(os.listdir(mount.path)) == ["EXH-001"]
        assert (mount.path / "EXH-001/p2_fat16/notes/report.txt").read_bytes() == REPORT
        assert "Released" in triaged["cli"]("unmount", str(mount.path))
        code, out, err = mount.finish()
    finally:
        mount.release()
    assert code == 0 and "Traceback" not in err, err
    assert "Mounted read-only" in out and "unmount" in out
    assert not os.path.ismount(mount.path) and os.listdir(mount.path) == []
    where = str(mount.path.resolve())
    mounted = [e for e in _audit(triaged["case"], "evidence mounted") if e["mount_point"] == where]
    released = [e for e in _audit(triaged["case"], "evidence unmounted") if e["mount_point"] == where]
    assert len(mounted) == 1 and len(released) == 1
    assert mounted[0]["actor"] == "A. Examiner" and mounted[0]["exhibits"] == ["EXH-001"]
    assert mounted[0]["read_only"] is True and mounted[0]["evidence"] == ["EXH-001"]
    assert released[0]["bytes_read"] >= len(REPORT) and released[0]["read_errors"] == 0
    verified = subprocess.run([sys.executable, "-m", "forensic_triage", "verify", str(triaged["case"])],
                              env=triaged["env"], capture_output=True, text=True, check=False)
    assert verified.returncode == 0, verified.stdout + verified.stderr


def test_ctrl_c_releases_the_mount_and_is_audited(triaged: dict[str, Any]) -> None:
    mount = Mount(triaged, triaged["folder"] / "mnt-sigint")
    try:
        mount.process.send_signal(signal.SIGINT)
        code, out, err = mount.finish()
    finally:
        mount.release()
    assert code == 0 and "Traceback" not in err, err
    assert not os.path.ismount(mount.path) and os.listdir(mount.path) == []
    where = str(mount.path.resolve())
    assert [e for e in _audit(triaged["case"], "evidence unmounted") if e["mount_point"] == where]


def test_background_mount_returns_once_mounted(triaged: dict[str, Any]) -> None:
    path = triaged["folder"] / "mnt-background"
    path.mkdir()
    try:
        out = triaged["cli"]("mount", str(triaged["case"]), str(path), "--background")
        assert "unmount" in out
        assert (path / "EXH-001/p3_ntfs/Users/jdoe/setup.exe:Zone.Identifier").read_bytes() == ZONE_ID
        triaged["cli"]("unmount", str(path))
        assert not os.path.ismount(path)
    finally:
        if os.path.ismount(path):
            subprocess.run([_fuse_or_skip(), "-u", "-z", str(path)], check=False, capture_output=True)


@pytest.mark.parametrize("case, exhibit, point, words, code", [
    ("case", "", "missing", "does not exist", 1),
    ("case", "", "full", "is not empty", 1),
    ("nocase", "", "empty", "No case found", 4),
    ("case", "EXH-404", "empty", "No evidence item 'EXH-404'", 2),
])
def test_clear_messages(triaged: dict[str, Any], case: str, exhibit: str, point: str, words: str, code: int) -> None:
    folder = triaged["folder"]
    (folder / "full").mkdir(exist_ok=True)
    (folder / "full" / "keep.txt").write_text("x")
    (folder / "empty").mkdir(exist_ok=True)
    res = subprocess.run([sys.executable, "-m", "forensic_triage", "mount", str(folder / case),
                          *([exhibit] if exhibit else []), str(folder / point)],
                         env=triaged["env"], capture_output=True, text=True, check=False, timeout=60)
    assert res.returncode == code and words in res.stderr and "Traceback" not in res.stderr, res.stderr
    assert not os.path.ismount(folder / point)


def test_unmount_refuses_what_it_did_not_mount(triaged: dict[str, Any]) -> None:
    res = subprocess.run([sys.executable, "-m", "forensic_triage", "unmount", "/proc"], env=triaged["env"],
                         capture_output=True, text=True, check=False)
    assert res.returncode == 1 and "not a forensic-triage mount" in res.stderr, res.stderr


def test_evidence_is_unchanged(triaged: dict[str, Any], mounted: Path) -> None:
    assert (mounted / "EXH-001/p3_ntfs/big.bin").read_bytes() == BIG
    assert _evidence_state(triaged["disk"]) == triaged["before"]


def test_gui_action_mounts_and_unmounts(triaged: dict[str, Any], qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The evidence banner's "Mount read-only…" with a chosen folder, then its "Unmount" (offscreen)."""
    from forensic_triage.ui import mount_action
    from forensic_triage.ui.overview import OverviewView
    from forensic_triage.ui.session import CaseSession
    from forensic_triage.ui.workers import JobManager
    from PySide6.QtCore import Qt

    folder = triaged["folder"] / "mnt-gui"
    folder.mkdir()
    session = CaseSession(triaged["case"], JobManager())
    try:
        overview = OverviewView(session)
        qtbot.addWidget(overview)
        banner = overview.banners.itemAt(0).widget()
        assert banner.contextMenuPolicy() == Qt.ContextMenuPolicy.CustomContextMenu
        monkeypatch.setattr(mount_action, "ask_folder", lambda parent: str(folder))
        controller = mount_action.controller_for(session)
        controller.quiet = True
        ev = session.store.evidence.items()[0]
        mount = mount_action.mount_actions(banner, session, ev)
        assert [a.objectName() for a in mount] == ["actMountReadOnly"]
        with qtbot.waitSignal(controller.mounted, timeout=60000):
            mount[0].trigger()
        assert (folder / "EXH-001/p2_fat16/notes/report.txt").read_bytes() == REPORT
        assert (folder / "EXH-001/p3_ntfs/$deleted/Users/jdoe/old.docx").read_bytes() == OLD_DOCX
        release = [a for a in mount_action.mount_actions(banner, session, ev) if a.objectName() == "actUnmount"]
        assert len(release) == 1
        with qtbot.waitSignal(controller.released, timeout=150000):
            release[0].trigger()
        assert not os.path.ismount(folder) and os.listdir(folder) == []
        assert not controller.mounts
        where = str(folder.resolve())
        assert [e for e in _audit(triaged["case"], "evidence mounted") if e["mount_point"] == where]
        assert [e for e in _audit(triaged["case"], "evidence unmounted") if e["mount_point"] == where]
    finally:
        if os.path.ismount(folder):
            subprocess.run([_fuse_or_skip(), "-u", "-z", str(folder)], check=False, capture_output=True)
        session.close()


def test_corpus_e01_reads_back_with_the_case_sha256(corpus: Path, tmp_path: Path) -> None:
    """An EWF image made by others (Velociraptor's NTFS test image): every file the triage hashed
    reads back through the mount with the same SHA-256."""
    _fuse_or_skip()
    require_tools("sha256sum")
    image = corpus / "images/velociraptor/test.ntfs.dd.E01"
    if not image.is_file():
        pytest.skip(f"{image} is not in the corpus")
    before = _evidence_state(image)
    env = isolated_env(tmp_path / "home")
    cli = Cli(env)
    case = tmp_path / "case"
    cli("case", "new", str(case), "--case-number", "M-2", "--examiner", "A. Examiner")
    cli("evidence", "add", str(case), str(image), "--exhibit", "VR-1", "--quiet")
    cli("triage", str(case), "--quiet", "--jobs", "1")
    rows = [r for r in _case_rows(case) if r["sha256"]]
    paths = [_expected_path(r, "VR-1") for r in rows]
    expected = {p: r["sha256"] for p, r in zip(paths, rows, strict=True) if paths.count(p) == 1}
    assert len(expected) > 20
    mount = Mount({"case": case, "env": env}, tmp_path / "mnt")
    try:
        got = _sha256sum(mount.path, sorted(expected))
    finally:
        mount.release()
    assert got == expected
    assert not os.path.ismount(mount.path)
    assert _evidence_state(image) == before
