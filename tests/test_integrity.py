"""Evidence integrity and tamper evidence: corrupt/truncated images, read-only proof, audit chain."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from ft_testlib import require_tool

from forensic_triage.errors import EvidenceError
from forensic_triage.jobs.intake import add_evidence
from forensic_triage.jobs.settings import TriageSettings
from forensic_triage.jobs.triage import run_triage
from forensic_triage.store import CaseStore


def _state(paths: list[Path]) -> list[tuple[str, int, str]]:
    return [(str(p), p.stat().st_mtime_ns, hashlib.sha256(p.read_bytes()).hexdigest()) for p in paths]


def _flipped(src: Path, dest: Path, delta: int) -> Path:
    """A copy of an E01 with 16 bytes inverted ``delta`` bytes after its sectors section starts."""
    data = bytearray(src.read_bytes())
    pos = data.find(b"sectors") + delta
    data[pos: pos + 16] = bytes(b ^ 0xFF for b in data[pos: pos + 16])
    dest.write_bytes(bytes(data))
    return dest


@pytest.mark.corpus
def test_corrupted_e01_reports_mismatch(corpus: Path, tmp_path: Path) -> None:
    src = corpus / "images/sleuthkit/image.E01"  # ext2, stored uncompressed: a flipped byte changes the media
    store = CaseStore.create(tmp_path / "case", case_number="T", examiner="tester")
    try:
        # Damage in the second 32 KiB chunk: added, with the verdict and the failed chunk's sectors stored.
        result = add_evidence(store, _flipped(src, tmp_path / "second-chunk.E01", 60_000))
        assert result.verdict == "MISMATCH"
        assert result.stored["md5"] == "3ebb0b7dcd6b5fcd59a0020625d70994" and result.md5 != result.stored["md5"]
        stored = store.query("SELECT source, kind, message FROM warnings")
        assert [(r["source"], r["kind"]) for r in stored] == [("evidence.ewf", "integrity")]
        assert "1 chunk(s) of the E01 failed their checksums" in stored[0]["message"]
        assert "sectors 64\u2013127" in stored[0]["message"]
        # Damage in the first chunk (the ext2 superblock): nothing is recognised, and the refusal says the
        # image failed its verification rather than only "no file system"; nothing is left in the case.
        with pytest.raises(EvidenceError, match=r"no file system .* failed its verification \(MISMATCH\)"):
            add_evidence(store, _flipped(src, tmp_path / "first-chunk.E01", 200))
        assert store.scalar("SELECT count(*) FROM evidence") == 1
    finally:
        store.close()


@pytest.mark.corpus
def test_truncated_images_give_clear_answers(corpus: Path, tmp_path: Path) -> None:
    store = CaseStore.create(tmp_path / "case", case_number="T", examiner="tester")
    # A truncated E01 cannot be opened: a clear error, not a crash.
    e01 = tmp_path / "cut.E01"
    e01.write_bytes((corpus / "images/sleuthkit/imageformat_mmls_1.E01").read_bytes()[:50_000])
    with pytest.raises(EvidenceError, match=r"cut\.E01 cannot be read at byte 0: the image is damaged or "
                                            r"truncated, or a segment is missing"):
        add_evidence(store, e01)
    assert store.scalar("SELECT count(*) FROM evidence") == 0  # nothing half-added
    # A truncated raw disk is added, and the cut is stated as a stored warning naming the partition.
    raw = tmp_path / "cut.dd"
    raw.write_bytes((corpus / "images/pytsk/tsk_volume_system.raw").read_bytes()[:400_000])
    result = add_evidence(store, raw)
    assert result.warnings == [
        "Evidence item EV1: the image ends at byte 400000 but partition 2 (Linux (0x83), at byte 180224) claims to "
        "end at byte 1474560: the image is truncated or incomplete; the last 1074560 bytes of it lie past the end "
        "of the image and cannot be read."]
    volumes = store.query("SELECT offset, fs_type, fs_status FROM volumes WHERE fs_status != 'unallocated'")
    assert [tuple(v) for v in volumes] == [(512, None, "no-fs"), (180224, "ext2", "pending")]
    # Triage reads what the image holds and finishes: the ext2 root lies inside the image, the rest does not.
    stats = run_triage(store, TriageSettings(jobs=1, plugins=[], builtin_rules=False, content_search=False))
    assert stats.crashed_files == 0 and not stats.budget_exhausted
    assert sorted(r["path"] for r in store.query("SELECT path FROM files")) == ["/$OrphanFiles", "/lost+found"]
    assert stats.files_walked == 2
    assert [r["outcome"] for r in store.query("SELECT outcome FROM jobs")] == ["completed"]
    assert store.scalar("SELECT count(*) FROM warnings") == 1  # the intake's, still stated for the report
    store.close()


def test_bogus_12_byte_file(tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.raw"
    bogus.write_bytes(b"place,user,p")
    store = CaseStore.create(tmp_path / "case", case_number="T", examiner="tester")
    with pytest.raises(EvidenceError, match="no partition table, no file system"):
        add_evidence(store, bogus)  # nothing can be listed from it: refused unless kept on purpose
    assert store.scalar("SELECT count(*) FROM evidence") == 0
    result = add_evidence(store, bogus, force=True)
    assert result.media_size == 12 and result.verdict == "NOT STORED"
    assert store.scalar("SELECT count(*) FROM volumes WHERE fs_type IS NOT NULL") == 0
    stats = run_triage(store, TriageSettings(jobs=1, plugins=[]))
    assert stats.files_walked == 0
    store.close()


@pytest.mark.corpus
def test_evidence_never_opened_for_writing(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every open of an evidence file is read-only, and bytes and mtimes are unchanged afterwards."""
    images = [corpus / "images/grr/ntfs_img.dd", corpus / "images/plaso/image-split.E01",
              corpus / "images/dfvfs/ext2.splitraw.000"]
    evidence_files = [*images, corpus / "images/plaso/image-split.E02", corpus / "images/dfvfs/ext2.splitraw.001"]
    before = _state(evidence_files)
    watched = {str(p.resolve()) for p in evidence_files}
    opened: list[tuple[str, int]] = []
    real_open = os.open

    def recording_open(path: object, flags: int, *args: object, **kwargs: object) -> int:
        if str(Path(os.fsdecode(path)).resolve()) in watched:  # type: ignore[arg-type]
            opened.append((os.fsdecode(path), flags))  # type: ignore[arg-type]
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", recording_open)
    store = CaseStore.create(tmp_path / "case", case_number="T", examiner="tester")
    for image in images:
        add_evidence(store, image)
    run_triage(store, TriageSettings(jobs=1))
    store.close()
    from forensic_triage.cli.main import run

    assert run(["verify", str(tmp_path / "case")]) == 0
    monkeypatch.setattr(os, "open", real_open)
    assert opened, "the evidence files must have been opened through os.open"
    write_flags = os.O_WRONLY | os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_TRUNC
    assert all(flags & write_flags == 0 for _, flags in opened), opened
    assert _state(evidence_files) == before


@pytest.mark.corpus
def test_unprivileged_process_with_read_only_evidence(corpus: Path, tmp_path: Path) -> None:
    """Run the CLI as an unprivileged user on a 0444 copy: any write attempt would fail loudly."""
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        pytest.skip("needs root to drop privileges with setpriv")
    import tempfile

    work = Path(tempfile.mkdtemp(prefix="ft-unpriv-"))  # /tmp is world-traversable; pytest's tmp is not
    image = work / "ntfs.dd"
    shutil.copy(corpus / "images/grr/ntfs_img.dd", image)
    image.chmod(0o444)
    case = work / "case"
    os.chown(work, 65534, 65534)
    before = _state([image])
    env = {**os.environ, "HOME": str(work), "XDG_DATA_HOME": str(work / "share"), "FT_PLUGIN_DIR": str(work / "p"),
           "FT_RULES_DIR": str(work / "r"), "FT_HASHSET_DB": str(work / "h.sqlite")}

    def ft(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", sys.executable, "-m",
                               "forensic_triage", *args], capture_output=True, text=True, env=env, timeout=300)

    for args in (("case", "new", str(case), "--case-number", "T", "--examiner", "E"),
                 ("evidence", "add", str(case), str(image), "--quiet"), ("triage", str(case), "--quiet"),
                 ("verify", str(case))):
        res = ft(*args)
        assert res.returncode == 0, (args, res.stderr)
    assert _state([image]) == before
    shutil.rmtree(work, ignore_errors=True)


def _case_with_audit(tmp_path: Path) -> Path:
    store = CaseStore.create(tmp_path / "case", case_number="T", examiner="tester")
    for i in range(5):
        store.audit("tester", "note", {"i": i})
    store.close()
    return tmp_path / "case"


def _verify(case: Path) -> tuple[int, str]:
    res = subprocess.run([sys.executable, "-m", "forensic_triage", "verify", str(case)], capture_output=True,
                         text=True, timeout=120)
    return res.returncode, res.stdout


def test_audit_chain_detects_every_single_entry_edit_delete_and_swap(tmp_path: Path) -> None:
    case = _case_with_audit(tmp_path)
    assert _verify(case)[0] == 0
    db = case / "case.sqlite"
    pristine = tmp_path / "pristine.sqlite"
    shutil.copy(db, pristine)
    with sqlite3.connect(db) as conn:
        n = conn.execute("SELECT count(*) FROM audit").fetchone()[0]
    assert n == 6
    store = CaseStore.open(case, read_only=True)
    columns = ("time_utc", "actor", "action", "details")
    for seq in range(1, n + 1):
        for column in columns:
            shutil.copy(pristine, db)
            with sqlite3.connect(db) as conn:
                conn.execute(f"UPDATE audit SET {column} = {column} || 'x' WHERE seq = ?", (seq,))
            problems, _ = store.verify_audit()
            assert problems and any("edited" in p for p in problems), (seq, column)
        shutil.copy(pristine, db)
        with sqlite3.connect(db) as conn:
            conn.execute("DELETE FROM audit WHERE seq = ?", (seq,))
        problems, _ = store.verify_audit()
        assert problems, f"deleting entry {seq} must be detected"
    shutil.copy(pristine, db)
    with sqlite3.connect(db) as conn:  # reorder: swap two entries' positions
        conn.execute("UPDATE audit SET seq = 100 WHERE seq = 2")
        conn.execute("UPDATE audit SET seq = 2 WHERE seq = 3")
        conn.execute("UPDATE audit SET seq = 3 WHERE seq = 100")
    store.close()
    code, out = _verify(case)
    assert code == 5 and "BROKEN" in out


def test_verify_names_changed_evidence(tmp_path: Path) -> None:
    image = tmp_path / "disk.dd"
    image.write_bytes(b"\0" * 65536)
    store = CaseStore.create(tmp_path / "case", case_number="T", examiner="tester")
    add_evidence(store, image, force=True)
    store.close()
    assert _verify(tmp_path / "case")[0] == 0
    with open(image, "r+b") as f:  # the test itself plays the tamperer
        f.seek(1000)
        f.write(b"\1")
    code, out = _verify(tmp_path / "case")
    assert code == 5 and "content changed" in out and str(image) in out


def test_kill_minus_9_then_resume_gives_identical_result(tmp_path: Path) -> None:
    require_tool("mke2fs")
    tree = tmp_path / "tree"
    for d in range(20):
        folder = tree / f"dir{d:02d}"
        folder.mkdir(parents=True)
        for f in range(60):
            (folder / f"file{f:03d}.txt").write_bytes((f"{d}-{f} " * (50 + f * 7)).encode())
    image = tmp_path / "ext4.img"
    subprocess.run(["mke2fs", "-q", "-t", "ext4", "-d", str(tree), "-U", "11111111-2222-3333-4444-555555555555",
                    "-E", "hash_seed=11111111-2222-3333-4444-555555555555", str(image), "16M"], check=True,
                   env={**os.environ, "E2FSPROGS_FAKE_TIME": "1700000000"})

    def make_case(name: str) -> Path:
        case = tmp_path / name
        store = CaseStore.create(case, case_number="T", examiner="tester")
        add_evidence(store, image, exhibit="EXH-1")
        store.close()
        return case

    def snapshot(case: Path) -> list[tuple[object, ...]]:
        with sqlite3.connect(case / "case.sqlite") as conn:
            cols = [r[1] for r in conn.execute("PRAGMA table_info(files)") if r[1] not in ("job_id",)]
            return conn.execute(f"SELECT {', '.join(cols)} FROM files ORDER BY locator").fetchall()

    reference = make_case("reference")
    cmd = [sys.executable, "-m", "forensic_triage", "triage", "--quiet", "--jobs", "1"]
    subprocess.run([*cmd, str(reference)], check=True, capture_output=True, timeout=300)
    expected = snapshot(reference)
    assert len(expected) > 1200
    interrupted = make_case("interrupted")
    killed_mid_run = 0
    for delay in (0.6, 0.9, 1.2, 1.6):
        proc = subprocess.Popen([*cmd, str(interrupted)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            proc.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            proc.kill()  # SIGKILL: no clean-up code runs
            proc.wait()
            killed_mid_run += 1
    res = subprocess.run([*cmd, str(interrupted)], capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr
    assert killed_mid_run >= 1, "the image must be big enough for a kill to land mid-run"
    assert snapshot(interrupted) == expected
    with sqlite3.connect(interrupted / "case.sqlite") as conn:
        assert conn.execute("SELECT count(*) FROM files WHERE status='pending'").fetchone()[0] == 0
        outcomes = [r[0] for r in conn.execute("SELECT outcome FROM jobs ORDER BY id")]
        recovered = conn.execute("SELECT count(*) FROM audit WHERE action = 'interrupted job recovered'").fetchone()[0]
    # Every killed job (a kill may also land before the job starts) is recorded as interrupted by the
    # next run, and the case still verifies. The deterministic version: tests/test_case_digest.py.
    assert outcomes[-1] == "completed" and set(outcomes) <= {"interrupted", "completed"}, outcomes
    assert (recovered >= 1) == ("interrupted" in outcomes)
    assert _verify(interrupted)[0] == 0


def test_verify_expect_head_detects_rewritten_history(tmp_path: Path) -> None:
    case = _case_with_audit(tmp_path)
    store = CaseStore.open(case, read_only=True)
    _, head = store.verify_audit()
    store.close()
    ok = subprocess.run([sys.executable, "-m", "forensic_triage", "verify", str(case), "--expect-head", head],
                        capture_output=True, text=True)
    assert ok.returncode == 0
    bad = subprocess.run([sys.executable, "-m", "forensic_triage", "verify", str(case), "--expect-head", "ab" * 32],
                         capture_output=True, text=True)
    assert bad.returncode == 5 and "no longer in the chain" in bad.stdout
