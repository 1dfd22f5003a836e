"""Encrypted volumes end to end: LUKS1 and LUKS2 containers made by cryptsetup, BitLocker headers.

The containers are formatted by ``cryptsetup luksFormat`` (real headers, key slots and digests).
This container has no device-mapper, so the data area is filled here: the volume key is dumped by
``cryptsetup luksDump --dump-master-key`` and a real file system image (mkfs.vfat + mcopy, mke2fs -d)
is AES-XTS-plain64 encrypted with it, exactly as dm-crypt writes it. The files listed after the unlock
are compared with ``fls``/``icat`` on the plaintext image.

No tool on Linux makes BitLocker volumes: the BitLocker tests use a boot sector with the
``-FVE-FS-`` signature (and a BitLocker To Go one), enough for detection, the "locked" listing
and a failed unlock; decryption of BitLocker is not tested here (see docs/formats.md, "Encrypted volumes").
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import struct
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest
from ft_testlib import isolated_env, require_tool

from forensic_triage.errors import EvidenceError
from forensic_triage.exports.report_data import gather
from forensic_triage.fs import crypto
from forensic_triage.jobs.intake import add_evidence
from forensic_triage.jobs.settings import TriageSettings
from forensic_triage.jobs.triage import run_triage
from forensic_triage.store import CaseStore

PASSPHRASE = "Tr0ub4dor&3-secret"
MIB = 1 << 20


# ----------------------------------------------------------------------------- builders (real tools)

def _run(*args: str, stdin: bytes | None = None) -> str:
    return subprocess.run(args, check=True, capture_output=True, input=stdin).stdout.decode("utf-8", "replace")


def _fat_image(path: Path, files: dict[str, bytes]) -> None:
    subprocess.run(["truncate", "-s", "4M", str(path)], check=True)
    _run("mkfs.vfat", "-n", "SECRET", str(path))
    src = path.parent / "src_fat"
    src.mkdir()
    for name, data in files.items():
        (src / name).write_bytes(data)
        _run("mcopy", "-i", str(path), str(src / name), f"::{name}")


def _ext_image(path: Path, files: dict[str, bytes]) -> None:
    src = path.parent / "src_ext"
    for name, data in files.items():
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        (src / name).write_bytes(data)
    _run("mke2fs", "-q", "-t", "ext4", "-d", str(src), str(path), "6M")


def _fill(container: Path, plain: Path, key_args: list[str], offset: int = 0) -> None:
    """Encrypt ``plain`` into the data area of the LUKS container (what dm-crypt would write)."""
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    dump = _run("cryptsetup", "luksDump", "--dump-master-key", "--batch-mode", *key_args, str(container))
    data_offset = int(re.search(r"Payload offset:\s*(\d+)", dump).group(1)) * 512  # type: ignore[union-attr]
    key = bytes.fromhex("".join(re.search(r"MK dump:\s*((?:[0-9a-f]{2}\s+)+)", dump).group(1).split()))  # type: ignore[union-attr]
    data = plain.read_bytes()
    with open(container, "r+b") as out:
        out.seek(offset + data_offset)
        for i in range(0, len(data), 512):
            enc = Cipher(algorithms.AES(key), modes.XTS((i // 512).to_bytes(16, "little"))).encryptor()
            out.write(enc.update(data[i:i + 512]) + enc.finalize())


def _luks(path: Path, plain: Path, luks_type: str, extra: list[str]) -> None:
    header = 2 * MIB if luks_type == "luks1" else 16 * MIB
    subprocess.run(["truncate", "-s", str(header + plain.stat().st_size), str(path)], check=True)
    pw = path.parent / "pw.txt"
    pw.write_text(PASSPHRASE)
    _run("cryptsetup", "luksFormat", "--type", luks_type, "--batch-mode", "--key-file", str(pw), *extra, str(path))
    _fill(path, plain, ["--key-file", str(pw)])
    pw.unlink()


def _mbr_disk(path: Path, volume: Path) -> int:
    """A disk with an MBR and one Linux partition at 1 MiB holding ``volume``; the partition's offset."""
    size = volume.stat().st_size
    sectors = size // 512
    mbr = bytearray(512)
    mbr[446:462] = struct.pack("<B3sB3sII", 0, b"\0\0\0", 0x83, b"\0\0\0", 2048, sectors)
    mbr[510:512] = b"\x55\xaa"
    with open(path, "wb") as out:
        out.write(mbr)
        out.seek(MIB)
        with open(volume, "rb") as src:
            out.write(src.read())
        out.truncate(MIB + size + MIB)
    return MIB


def _bitlocker_header(path: Path, to_go: bool = False) -> None:
    boot = bytearray(512)
    boot[0:3] = b"\xeb\x58\x90"
    boot[3:11] = b"MSWIN4.1" if to_go else b"-FVE-FS-"
    struct.pack_into("<HB", boot, 11, 512, 8)
    if to_go:
        boot[160:176] = uuid.UUID("4967d63b-2e29-4ad8-8399-f6a339e3d001").bytes_le
    boot[510:512] = b"\x55\xaa"
    with open(path, "wb") as out:
        out.write(boot)
        out.truncate(4 * MIB)


def _reference(plain: Path) -> dict[str, str]:
    """path -> SHA-256 of every regular file, by fls/icat on the plaintext image."""
    out = {}
    for line in _run("fls", "-r", "-p", "-F", str(plain)).splitlines():
        match = re.match(r"r/r (\d+)(?:-\d+-\d+)?:\t(.+)$", line)
        if match and not match.group(2).startswith("$"):
            out["/" + match.group(2)] = hashlib.sha256(
                subprocess.run(["icat", str(plain), match.group(1)], check=True, capture_output=True).stdout
            ).hexdigest()
    return out


def _fingerprint(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def _case_files_contain(case: Path, needle: bytes) -> list[str]:
    return [str(p) for p in case.rglob("*") if p.is_file() and needle in p.read_bytes()]


@pytest.fixture()
def keyring_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "keys"
    folder.mkdir(mode=0o700)
    monkeypatch.setenv("FT_KEYRING_DIR", str(folder))
    return folder


def _new_case(folder: Path) -> CaseStore:
    return CaseStore.create(folder, case_number="ENC-1", examiner="A. Examiner", title="Encrypted volumes",
                            timezone="UTC")


def _cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "forensic_triage", *args], capture_output=True, text=True,
                          env=env, timeout=300, check=False, stdin=subprocess.DEVNULL)


def _files(store: CaseStore) -> dict[str, dict[str, Any]]:
    rows = store.query("SELECT path, name, sha256, layer, locator, status FROM files WHERE type='file'")
    return {str(r["path"]): dict(r) for r in rows}


# ----------------------------------------------------------------------------- LUKS


@pytest.mark.parametrize("luks_type", ["luks1", "luks2"])
def test_luks_locked_then_unlocked_and_triaged(tmp_path: Path, keyring_dir: Path, luks_type: str) -> None:
    require_tool("cryptsetup", "mkfs.vfat", "mcopy", "mke2fs", "fls", "icat")
    files = {"notes.txt": b"meeting at the harbour at 6\n" * 40, "ledger.csv": os.urandom(20000),
             "photo.jpg": b"\xff\xd8\xff\xe0" + os.urandom(5000)}
    plain = tmp_path / "plain.img"
    container = tmp_path / "container.img"
    if luks_type == "luks1":  # whole media, FAT; key slot iterations kept low for speed
        _fat_image(plain, files)
        _luks(container, plain, "luks1", ["--iter-time", "10"])
        evidence, offset = container, 0
    else:  # in an MBR partition, ext4; PBKDF2 slot, then an Argon2id slot added
        _ext_image(plain, {"docs/" + k: v for k, v in files.items()})
        _luks(container, plain, "luks2", ["--pbkdf", "pbkdf2", "--pbkdf-force-iterations", "1000",
                                          "--sector-size", "512"])
        evidence = tmp_path / "disk.img"
        offset = _mbr_disk(evidence, container)
    uuid_text = re.search(r"UUID:\s*(\S+)", _run("cryptsetup", "luksDump", str(container))).group(1)  # type: ignore[union-attr]
    evidence.chmod(0o444)
    before = _fingerprint(evidence)
    expected = _reference(plain)
    assert {p.rsplit("/", 1)[-1] for p in expected} >= set(files)

    case = tmp_path / "case"
    store = _new_case(case)
    try:
        result = add_evidence(store, evidence, exhibit="EXH-001")
        (row,) = [v for v in store.evidence.volumes(result.evidence_id) if v["offset"] == offset]
        kind = luks_type.upper()
        assert (row["fs_type"], row["fs_status"], row["lock_state"]) == (kind, "locked", "locked")
        details = json.loads(row["details"])
        assert details["uuid"] == uuid_text and details["cipher"] == "aes-xts-plain64" and details["hash"] == "sha256"
        assert details["unlocks_with"] == ["password", "key-file"]
        assert any(f"is locked: {kind}, needs a passphrase or key file" in w for w in result.warnings)
        assert not any("No file system" in w or "no file system" in w for w in result.warnings)

        run_triage(store, TriageSettings(jobs=1), command_line="triage")
        assert not _files(store)
        said = [r["message"] for r in store.query("SELECT message FROM warnings WHERE source='triage.locked'")]
        assert said and f"locked: {kind}" in said[0]
        assert any(f"locked: {kind}, needs a passphrase or key file" in line for line in gather(store).unparsed)

        audit_before = store.scalar("SELECT count(*) FROM audit")
        with pytest.raises(EvidenceError, match=r"does not unlock the LUKS\d volume at byte"):
            crypto.unlock_volume(store, "EXH-001", 1, "password", b"not the passphrase")
        assert store.scalar("SELECT count(*) FROM audit") == audit_before
        assert store.scalar("SELECT count(*) FROM volumes WHERE layer != ''") == 0
        assert not list(keyring_dir.iterdir())
    finally:
        store.close()

    # the right passphrase, through the CLI, from a file (never in argv)
    pw = tmp_path / "pw-file.txt"
    pw.write_text(PASSPHRASE + "\n")
    env = {**isolated_env(tmp_path / "home"), "FT_KEYRING_DIR": str(keyring_dir)}
    res = _cli(env, "evidence", "unlock", str(case), "EXH-001", "--volume", "1", "--password-file", str(pw))
    assert res.returncode == 0, res.stderr
    assert "was unlocked with a password" in res.stdout and "Traceback" not in res.stderr
    pw.unlink()

    store = CaseStore.open(case)
    try:
        layer_rows = store.query("SELECT * FROM volumes WHERE layer='luks'")
        assert len(layer_rows) == 1 and layer_rows[0]["lock_state"] == "unlocked"
        assert layer_rows[0]["fs_type"] == ("FAT12" if luks_type == "luks1" else "ext4")
        run_triage(store, TriageSettings(jobs=1), command_line="triage")
        got = _files(store)
        assert {p: r["sha256"] for p, r in got.items()} == expected
        assert all(r["layer"] == "luks" and "+luks:" in r["locator"] for r in got.values())
        assert not any("locked" in line for line in gather(store).unparsed)
        (audit,) = [json.loads(r["details"]) for r in store.query("SELECT details FROM audit WHERE action=?",
                                                                  ("evidence volume unlocked",))]
        assert audit["secret_kind"] == "password" and audit["volume"] == 1 and audit["encryption"] == kind
        assert store.scalar("SELECT actor FROM audit WHERE action='evidence volume unlocked'") == "A. Examiner"
    finally:
        store.close()
    assert _case_files_contain(case, PASSPHRASE.encode()) == []
    assert _case_files_contain(case, PASSPHRASE.encode().hex().encode()) == []
    assert _fingerprint(evidence) == before

    # lock: the session secret is gone and the decrypted volume cannot be read until unlocked again
    res = _cli(env, "evidence", "lock", str(case), "EXH-001")
    assert res.returncode == 0 and "1 secret(s)" in res.stdout, res.stderr
    assert not list(keyring_dir.iterdir())
    from forensic_triage.errors import FileSystemError
    from forensic_triage.fs.resolver import Resolver

    with Resolver() as resolver, pytest.raises(FileSystemError, match="locked: .*run evidence unlock"):
        resolver.source(str(evidence), offset, "luks")


def test_luks_key_file_and_argon2id(tmp_path: Path, keyring_dir: Path) -> None:
    """A binary key file (LUKS1: not text, so read here, not by pyluksde) and an Argon2id slot (LUKS2)."""
    require_tool("cryptsetup", "mkfs.vfat", "mcopy", "fls", "icat")
    plain = tmp_path / "plain.img"
    _fat_image(plain, {"a.txt": b"alpha\n" * 100})
    expected = _reference(plain)
    key = tmp_path / "key.bin"
    key.write_bytes(b"\xff\xfe\x00" + os.urandom(61))
    pw = tmp_path / "pw.txt"
    pw.write_text(PASSPHRASE)
    for luks_type, extra in (("luks1", ["--iter-time", "10"]),
                             ("luks2", ["--pbkdf", "argon2id", "--pbkdf-memory", "1024",
                                        "--pbkdf-force-iterations", "4"])):
        folder = tmp_path / luks_type
        folder.mkdir()
        container = folder / "c.img"
        _luks(container, plain, luks_type, extra + (["--sector-size", "512"] if luks_type == "luks2" else []))
        _run("cryptsetup", "luksAddKey", "--batch-mode", "--key-file", str(pw), *extra, str(container), str(key))
        store = _new_case(folder / "case")
        try:
            add_evidence(store, container, exhibit="EXH-001")
            with pytest.raises(EvidenceError, match="key file given does not unlock"):
                crypto.unlock_volume(store, "EXH-001", 1, "key-file", key.read_bytes()[:-1])
            done = crypto.unlock_volume(store, "EXH-001", 1, "key-file", key.read_bytes())
            assert done.fs_type == "FAT12" and done.layer == "luks"
            if luks_type == "luks2":  # the passphrase opens the Argon2id slot as well (run again: not recorded twice)
                assert not crypto.unlock_volume(store, "EXH-001", 1, "password", PASSPHRASE.encode()).recorded
            run_triage(store, TriageSettings(jobs=1), command_line="triage")
            assert {p: r["sha256"] for p, r in _files(store).items()} == expected
        finally:
            store.close()


# ----------------------------------------------------------------------------- BitLocker


@pytest.mark.parametrize("to_go", [False, True])
def test_bitlocker_header_is_locked_and_a_wrong_key_says_so(tmp_path: Path, keyring_dir: Path, to_go: bool) -> None:
    image = tmp_path / "bde.img"
    _bitlocker_header(image, to_go)
    case = tmp_path / "case"
    store = _new_case(case)
    try:
        result = add_evidence(store, image, exhibit="EXH-001")
        (row,) = store.evidence.volumes(result.evidence_id)
        assert (row["fs_type"], row["fs_status"], row["lock_state"]) == ("BitLocker", "locked", "locked")
        details = json.loads(row["details"])
        assert details["unlocks_with"] == ["password", "recovery-key", "key-file"]
        assert details["variant"] == ("BitLocker To Go" if to_go else "BitLocker")
        assert any("locked: BitLocker, needs a recovery key or password" in w for w in result.warnings)
        assert not any("no file system" in w.lower() for w in result.warnings)
        run_triage(store, TriageSettings(jobs=1), command_line="triage")
        assert not _files(store)
        said = [r["message"] for r in store.query("SELECT message FROM warnings WHERE source='triage.locked'")]
        assert len(said) == 1 and "volume 1 at byte 0 was not examined; it is locked: BitLocker" in said[0]
        limits = gather(store).unparsed
        assert any("locked: BitLocker, needs a recovery key or password" in line for line in limits), limits
        with pytest.raises(EvidenceError, match="BitLocker volume at byte 0"):
            crypto.unlock_volume(store, "EXH-001", 1, "recovery-key",
                                 b"111111-222222-333333-444444-555555-666666-777777-888888")
        with pytest.raises(EvidenceError, match="not unlocked with a key file|BitLocker volume at byte 0"):
            crypto.unlock_volume(store, "EXH-001", 1, "key-file", b"\x00" * 64)
        assert store.scalar("SELECT count(*) FROM volumes WHERE layer != ''") == 0
        assert store.scalar("SELECT count(*) FROM audit WHERE action='evidence volume unlocked'") == 0
    finally:
        store.close()
    assert not list(keyring_dir.iterdir())


def test_cli_add_names_the_locked_volume_and_refuses_a_secret_on_no_terminal(tmp_path: Path, keyring_dir: Path) -> None:
    image = tmp_path / "bde.img"
    _bitlocker_header(image)
    env = {**isolated_env(tmp_path / "home"), "FT_KEYRING_DIR": str(keyring_dir)}
    case = tmp_path / "case"
    assert _cli(env, "case", "new", str(case), "--case-number", "C1", "--examiner", "A. Examiner",
                "--title", "t").returncode == 0
    res = _cli(env, "evidence", "add", str(case), str(image), "--exhibit", "EXH-001", "--quiet")
    assert res.returncode == 0, res.stderr
    assert "BitLocker, locked: needs a recovery key or password" in res.stdout
    assert "no file system" not in res.stdout
    res = _cli(env, "evidence", "unlock", str(case), "EXH-001", "--volume", "1")
    assert res.returncode == 2 and "never taken on the command line" in res.stderr and "Traceback" not in res.stderr
    res = _cli(env, "evidence", "unlock", str(case), "EXH-001", "--volume", "2", "--password-file", str(image))
    assert res.returncode != 0 and "Volume 2 of EXH-001 is not an encrypted volume" in res.stderr


# ----------------------------------------------------------------------------- desktop application


def test_unlock_dialog_asks_names_the_volume_and_unlocks(tmp_path: Path, keyring_dir: Path, qtbot: Any) -> None:
    """The dialog the GUI opens for a locked volume: wrong passphrase = the sentence, nothing recorded;
    the right one = the same unlock as the CLI (recorded, audited by kind), then no more asking."""
    require_tool("cryptsetup", "mkfs.vfat", "mcopy")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from forensic_triage.ui.unlock_dialog import UnlockDialog, pending_unlocks

    plain = tmp_path / "plain.img"
    _fat_image(plain, {"a.txt": b"alpha\n"})
    container = tmp_path / "c.img"
    _luks(container, plain, "luks1", ["--iter-time", "10"])
    case = tmp_path / "case"
    store = _new_case(case)
    try:
        add_evidence(store, container, exhibit="EXH-007")
        pending = pending_unlocks(store)
    finally:
        store.close()
    assert [(p["uid"], p["number"], p["kind"]) for p in pending] == [("EXH-007", 1, "LUKS1")]
    dialog = UnlockDialog(case, pending)
    qtbot.addWidget(dialog)
    assert "Volume 1 of EXH-007 (LUKS1, at byte 0" in dialog.heading.text()
    assert "needs a passphrase or key file" in dialog.heading.text()
    assert [dialog.kind.itemData(i) for i in range(dialog.kind.count())] == ["password", "key-file"]
    assert dialog.secret.echoMode() == dialog.secret.EchoMode.Password
    dialog.secret.setText("wrong one")
    assert not dialog.try_unlock()
    assert "does not unlock the LUKS1 volume at byte 0" in dialog.status.text()
    with CaseStore.open(case, read_only=True) as check:
        assert check.scalar("SELECT count(*) FROM volumes WHERE layer='luks'") == 0
    with qtbot.waitSignal(dialog.unlocked, timeout=30000):
        dialog.secret.setText(PASSPHRASE)
        assert dialog.try_unlock()
    assert dialog.result() == dialog.DialogCode.Accepted and dialog.secret.text() == ""
    with CaseStore.open(case, read_only=True) as check:
        assert check.scalar("SELECT fs_type FROM volumes WHERE layer='luks'") == "FAT12"
        assert json.loads(check.scalar("SELECT details FROM audit WHERE action='evidence volume unlocked'"))[
            "secret_kind"] == "password"
        assert pending_unlocks(check) == []
    assert _case_files_contain(case, PASSPHRASE.encode()) == []


def test_unlock_dialog_offers_bitlocker_kinds(tmp_path: Path, keyring_dir: Path, qtbot: Any) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from forensic_triage.ui.unlock_dialog import UnlockDialog, pending_unlocks

    image = tmp_path / "bde.img"
    _bitlocker_header(image)
    with _new_case(tmp_path / "case") as store:
        add_evidence(store, image, exhibit="EXH-001")
        pending = pending_unlocks(store)
    dialog = UnlockDialog(tmp_path / "case", pending)
    qtbot.addWidget(dialog)
    assert "needs a recovery key or password" in dialog.heading.text()
    assert [dialog.kind.itemData(i) for i in range(dialog.kind.count())] == ["password", "recovery-key", "key-file"]
    dialog.kind.setCurrentIndex(2)
    assert dialog.key_file.isEnabled() and not dialog.secret.isEnabled()
    dialog.key_file.setText(str(tmp_path / "missing.BEK"))
    assert not dialog.try_unlock() and "cannot be read" in dialog.status.text()
    dialog.kind.setCurrentIndex(1)
    dialog.secret.setText("111111-222222-333333-444444-555555-666666-777777-888888")
    assert not dialog.try_unlock() and "BitLocker volume at byte 0" in dialog.status.text()
    dialog.skip_button.click()
    assert dialog.result() == dialog.DialogCode.Accepted


def test_main_window_asks_when_a_case_with_a_locked_volume_is_opened(tmp_path: Path, keyring_dir: Path,
                                                                    qtbot: Any) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from forensic_triage.ui.main_window import MainWindow
    from forensic_triage.ui.unlock_dialog import UnlockDialog

    image = tmp_path / "bde.img"
    _bitlocker_header(image)
    with _new_case(tmp_path / "case") as store:
        add_evidence(store, image, exhibit="EXH-001")
    window = MainWindow()
    qtbot.addWidget(window)
    try:
        assert window.open_case(str(tmp_path / "case"))
        assert isinstance(window.dialog, UnlockDialog)
        assert "Volume 1 of EXH-001 (BitLocker" in window.dialog.heading.text()
        window.dialog.skip_button.click()
    finally:
        window.close_case()


def test_evidence_banner_says_locked(tmp_path: Path, keyring_dir: Path, qtbot: Any) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from forensic_triage.ui.evidence_dialog import EvidenceBanner

    image = tmp_path / "bde.img"
    _bitlocker_header(image)
    with _new_case(tmp_path / "case") as store:
        evidence_id = add_evidence(store, image, exhibit="EXH-001").evidence_id
        banner = EvidenceBanner(store.evidence.by_id(evidence_id) or {}, store.evidence.volumes_of(evidence_id))
    qtbot.addWidget(banner)
    assert "BitLocker (locked) @ 0" in banner.label.text()


def test_cli_prompts_without_echo_when_no_file_is_given(tmp_path: Path, keyring_dir: Path,
                                                        monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    """No file: the secret is asked with getpass (the terminal is simulated; the unlock is real)."""
    require_tool("cryptsetup", "mkfs.vfat", "mcopy")
    import getpass

    from forensic_triage.cli.main import run

    plain = tmp_path / "plain.img"
    _fat_image(plain, {"a.txt": b"alpha\n"})
    container = tmp_path / "c.img"
    _luks(container, plain, "luks1", ["--iter-time", "10"])
    with _new_case(tmp_path / "case") as store:
        add_evidence(store, container, exhibit="EXH-001")
    prompts: list[str] = []
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr(getpass, "getpass", lambda prompt: prompts.append(prompt) or PASSPHRASE)
    assert run(["evidence", "unlock", str(tmp_path / "case"), "EXH-001", "--volume", "1"]) == 0
    assert prompts == ["Password for volume 1 of EXH-001 (not shown): "]
    out = capsys.readouterr().out
    assert "was unlocked with a password: FAT12" in out and PASSPHRASE not in out
    assert run(["evidence", "lock", str(tmp_path / "case"), "EXH-001"]) == 0
    assert not list(keyring_dir.iterdir())
