"""Signed evidence package: verify passes; any one-byte change, removed or added file fails; import round-trips."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest

from forensic_triage.cli.main import run
from forensic_triage.custody import list_events
from forensic_triage.errors import IntegrityError, UsageError
from forensic_triage.exports import keys
from forensic_triage.exports.findings import collect
from forensic_triage.exports.package import build_package, sha256_file
from forensic_triage.exports.package_import import import_package
from forensic_triage.exports.package_verify import verify_package
from forensic_triage.store import CaseStore

PASSPHRASE = b"correct horse battery staple"


@pytest.fixture(scope="module")
def signed(report_case: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("package")
    made = keys.new_keypair("A. Examiner", root / "keys", PASSPHRASE)
    with CaseStore.open(report_case["case_dir"]) as store:
        summary = build_package(store, root / "pkg", scope="all", include_files=True, key_path=str(made.private),
                                passphrase=PASSPHRASE, make_zip=True)
        audit = store.query("SELECT action, details FROM audit ORDER BY seq DESC LIMIT 1")[0]
    return {"root": root, "bag": root / "pkg", "zip": Path(summary["zip"]), "keys": made, "summary": summary,
            "audit": audit}


def test_package_layout_and_clean_verify(signed: dict[str, Any], report_case: dict[str, Any]) -> None:
    bag = signed["bag"]
    for name in ("bagit.txt", "bag-info.txt", "manifest-sha256.txt", "tagmanifest-sha256.txt",
                 "signature-ed25519.json", "data/case/case.jsonld", "data/timeline/bodyfile.txt",
                 "data/csv/findings.csv", "data/audit/audit.jsonl", "data/files/index.json"):
        assert (bag / name).is_file(), name
    assert (bag / "data/report" / f"{signed['summary']['report_id']}.pdf").is_file()
    result = verify_package(bag, str(signed["keys"].public))
    assert result.ok, result.as_dict()
    assert result.fingerprint == signed["keys"].fingerprint
    assert verify_package(signed["zip"]).ok
    # Exported copies: safe names inside the package, original names and hashes in the index.
    index = json.loads((bag / "data/files/index.json").read_text())
    assert index
    for entry in index:
        path = (bag / entry["package_path"]).resolve()
        assert bag.resolve() in path.parents
        assert "/" not in path.name and all(ord(c) >= 32 for c in path.name)
        assert sha256_file(path) == entry["sha256"]
    with CaseStore.open(report_case["case_dir"], read_only=True) as store:
        for entry in index:
            assert store.scalar("SELECT sha256 FROM files WHERE id = ?", (entry["file_id"],)) == entry["sha256"]
    if report_case["hostile"]:
        names = {e["original_name"] for e in index}
        assert "invoice\u202egpj.exe" in names
    # The package is in the audit log with its manifest hash and signer.
    assert signed["audit"]["action"] == "package exported"
    assert json.loads(signed["audit"]["details"])["manifest_sha256"] == sha256_file(bag / "manifest-sha256.txt")


def test_one_byte_change_anywhere_fails(signed: dict[str, Any], tmp_path: Path) -> None:
    files = sorted(p.relative_to(signed["bag"]) for p in signed["bag"].rglob("*") if p.is_file())
    assert len(files) > 40
    copy = tmp_path / "copy"
    shutil.copytree(signed["bag"], copy)
    for rel in files:
        target = copy / rel
        original = target.read_bytes()
        changed = bytearray(original)
        pos = len(changed) // 2
        changed[pos] ^= 0x01
        target.write_bytes(bytes(changed))
        result = verify_package(copy)
        assert not result.ok, f"a changed byte in {rel} went unnoticed"
        if str(rel).startswith("data/"):
            assert rel.as_posix() in result.changed
        target.write_bytes(original)
    assert verify_package(copy).ok


def test_removed_added_and_wrong_key_fail(signed: dict[str, Any], tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(signed["bag"], copy)
    victim = "data/case/listing.dfxml"
    (copy / victim).unlink()
    result = verify_package(copy)
    assert not result.ok and victim in result.missing
    shutil.copy2(signed["bag"] / victim, copy / victim)
    (copy / "data/csv/extra.csv").write_text("planted\n")
    (copy / "notes.txt").write_text("planted\n")
    result = verify_package(copy)
    assert not result.ok and {"data/csv/extra.csv", "notes.txt"} <= set(result.added)
    (copy / "data/csv/extra.csv").unlink()
    (copy / "notes.txt").unlink()
    assert verify_package(copy).ok
    other = keys.new_keypair("Someone Else", tmp_path / "other", PASSPHRASE)
    result = verify_package(copy, str(other.public))
    assert not result.ok and any("not by the expected key" in p for p in result.problems)
    (copy / "signature-ed25519.json").unlink()
    assert not verify_package(copy).ok


def test_cli_exit_codes_and_zip_tamper(signed: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["verify-package", str(signed["zip"]), "--pubkey", str(signed["keys"].public)]) == 0
    tampered = tmp_path / "t.zip"
    with zipfile.ZipFile(signed["zip"]) as src, zipfile.ZipFile(tampered, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename.endswith("data/csv/findings.csv"):
                data = data.replace(b"YARA-1", b"YARA-2", 1)
            dst.writestr(item, data)
    capsys.readouterr()
    assert run(["verify-package", str(tampered)]) == 5
    assert "CHANGED  data/csv/findings.csv" in capsys.readouterr().out
    escape = tmp_path / "escape.zip"
    with zipfile.ZipFile(escape, "w") as dst:
        dst.writestr("pkg/bagit.txt", "BagIt-Version: 1.0\n")
        dst.writestr("../outside.txt", "x")
    assert run(["verify-package", str(escape)]) == 5
    assert not (tmp_path.parent / "outside.txt").exists()


def test_import_round_trips_findings(signed: dict[str, Any], report_case: dict[str, Any], tmp_path: Path) -> None:
    with CaseStore.open(report_case["case_dir"], read_only=True) as store:
        before = [(f.fid, f.group, f.locator, f.summary, f.producer, [(t.tag, t.note) for t in f.tags])
                  for f in collect(store, "all")]
        events_before = list_events(store)
        exported = [e for e in events_before if e.action == "exported" and e.note == f"package folder {signed['bag'].name}"]
        custody_before = len(events_before) - len(exported)
    # The export is recorded in the case once the package exists, one event per exhibit.
    assert len(exported) == len(report_case["evidence"])
    review, result = import_package(signed["zip"], tmp_path / "review", pubkey_path=str(signed["keys"].public),
                                    examiner="R. Receiver")
    try:
        after = [(f.fid, f.group, f.locator, f.summary, f.producer, [(t.tag, t.note) for t in f.tags])
                 for f in collect(review, "all")]
        assert after == before
        info = review.case_info()
        assert info["read_only"] == 1 and "manifest SHA-256" in info["imported_from"]
        assert review.scalar("SELECT count(*) FROM thumbnails") >= 1
        assert len(list_events(review)) == custody_before
        problems, _ = review.verify_audit()
        assert not problems
        assert review.scalar("SELECT action FROM audit ORDER BY seq DESC LIMIT 1") == "package imported"
    finally:
        review.close()
    # The receiving lab adds its own custody event.
    assert run(["custody", "add", str(tmp_path / "review"), "--exhibit", "EXH-001", "--action", "received",
                "--who", "R. Receiver", "--where", "Partner lab", "--timezone", "America/Jamaica",
                "--when", "2025-04-01T09:00"]) == 0
    with CaseStore.open(tmp_path / "review", read_only=True) as review2:
        events = list_events(review2)
        assert any(e.who == "R. Receiver" and e.time_utc == "2025-04-01T14:00:00Z" for e in events)
        assert not any(e.note == f"package folder {signed['bag'].name}" for e in events), \
            "the package holds the case as it was before its own export was recorded"
        with pytest.raises(Exception, match="review case"):
            from forensic_triage.exports.evidence_read import read_all

            read_all(review2, 21, 10_000)
    assert result.ok


def test_import_refuses_tampered_package(signed: dict[str, Any], tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(signed["bag"], copy)
    with (copy / "data/tables/artifacts.jsonl").open("a") as fh:
        fh.write("\n")
    with pytest.raises(IntegrityError, match="failed verification"):
        import_package(copy, tmp_path / "review")
    assert not (tmp_path / "review").exists()


def test_keys_need_the_passphrase(signed: dict[str, Any], tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        keys.load_private(signed["keys"].private, b"wrong passphrase")
    assert keys.load_private(signed["keys"].private, PASSPHRASE)
    assert b"ENCRYPTED" in signed["keys"].private.read_bytes()
    assert signed["keys"].private.stat().st_mode & 0o077 == 0
    with pytest.raises(UsageError):
        keys.new_keypair("A. Examiner", signed["keys"].private.parent, PASSPHRASE)  # never overwrites
