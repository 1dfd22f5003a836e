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
from forensic_triage.evidence.intake import add_evidence
from forensic_triage.jobs.settings import TriageSettings
from forensic_triage.jobs.triage import run_triage
from forensic_triage.store import CaseStore


def _state(paths: list[Path]) -> list[tuple[str, int, str]]:
    return [(str(p), p.stat().st_mtime_ns, hashlib.sha256(p.read_bytes()).hexdigest()) for p in paths]


@pytest.mark.corpus
def test_corrupted_e01_reports_mismatch(corpus: Path, tmp_path: Path) -> None:
    src = corpus / "images/sleuthkit/image.E01"  # stored uncompressed: a flipped byte changes the media
    bad = tmp_path / "image.E01"
    data = bytearray(src.read_bytes())
    # Flip bytes inside the sectors section (after the header/volume sections).
    pos = data.find(b"sectors") + 200
    data[pos: pos + 16] = bytes(b ^ 0xFF for b in data[pos: pos + 16])
    bad.write_bytes(bytes(data))
    store = CaseStore.create(tmp_path / "case", case_number="T", examiner="tester")
    try:
        result = add_evidence(store, bad)
    except EvidenceError as exc:  # libewf may refuse a chunk with a bad checksum: also a clear answer
        assert "EWF" in str(exc) or "image" in str(exc)
        return
    finally:
        store.close()
    assert result.verdict == "MISMATCH"
    assert result.md5 != result.stored["md5"]


@pytest.mark.corpus
def test_truncated_images_give_clear_answers(corpus: Path, tmp_path: Path) -> None:
    store = CaseStore.create(tmp_path / "case", case_number="T", examiner="tester")
    # A truncated E01 cannot be opened: a clear error, not a crash.
    e01 = tmp_path / "cut.E01"
    e01.write_bytes((corpus / "images/sleuthkit/imageformat_mmls_1.E01").read_bytes()[:50_000])
    with pytest.raises(EvidenceError) as info:
        add_evidence(store, e01)
    assert "cut.E01" in str(info.value)
    # A truncated raw disk is added, and the cut is stated as a stored warning.
    raw = tmp_path / "cut.dd"
    raw.write_bytes((corpus / "images/pytsk/tsk_volume_system.raw").read_bytes()[:400_000])
    add_evidence(store, raw)
    messages = [r["message"] for r in store.query("SELECT message FROM warnings")]
    assert any("past the end of the image" in m for m in messages)
    run_triage(store, TriageSettings(jobs=1, plugins=[], builtin_rules=False, content_search=False))
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
