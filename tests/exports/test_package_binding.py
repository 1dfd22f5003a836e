"""The signature binds the signer; the package carries and checks the case digest; a failed
build records nothing. Attacks are made on real packages of the triaged sample case."""

from __future__ import annotations

import base64
import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from forensic_triage.cli.main import run
from forensic_triage.errors import EvidenceError, IntegrityError, UsageError
from forensic_triage.exports import keys
from forensic_triage.exports.package import (
    DIGEST_FILE,
    SIGNATURE_CONTEXT,
    SIGNATURE_FILE,
    build_package,
    canonical_statement,
    sha256_file,
)
from forensic_triage.exports.package_verify import verify_package
from forensic_triage.store import CaseStore

PASS = b"correct horse battery staple"
EXAMINER = "A. Examiner"  # the examiner of the triaged sample case


def _copy_case(pristine: Path, dest: Path) -> Path:
    shutil.copytree(pristine, dest, ignore=shutil.ignore_patterns(".case.lock"))
    return dest


@pytest.fixture(scope="module")
def pkg(triaged_sample_pristine: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("binding")
    case = _copy_case(triaged_sample_pristine, root / "case")
    made = keys.new_keypair(EXAMINER, root / "keys", PASS)
    with CaseStore.open(case) as store:
        summary = build_package(store, root / "pkg", key_path=str(made.private), passphrase=PASS, make_zip=True)
    return {"root": root, "case": case, "bag": root / "pkg", "zip": Path(summary["zip"]), "keys": made,
            "summary": summary}


def _resign(bag: Path, private_path: Path, statement: dict[str, Any] | None = None) -> None:
    """What an insider holding the key can do: re-hash the manifests and sign a new statement."""
    lines = [f"{sha256_file(p)}  {p.relative_to(bag).as_posix()}"
             for p in sorted(q for q in (bag / "data").rglob("*") if q.is_file())]
    (bag / "manifest-sha256.txt").write_text("\n".join(lines) + "\n")
    sig = json.loads((bag / SIGNATURE_FILE).read_text())
    octets = sum((bag / line.split("  ", 1)[1]).stat().st_size for line in lines)
    info = (bag / "bag-info.txt").read_text().splitlines()
    info = [f"Payload-Oxum: {octets}.{len(lines)}" if i.startswith("Payload-Oxum") else i for i in info]
    (bag / "bag-info.txt").write_text("\n".join(info) + "\n")
    tags = [f"{sha256_file(bag / n)}  {n}" for n in ("bagit.txt", "bag-info.txt", "manifest-sha256.txt", DIGEST_FILE)]
    (bag / "tagmanifest-sha256.txt").write_text("\n".join(tags) + "\n")
    st = statement or sig["statement"]
    st["manifest_sha256"] = sha256_file(bag / "manifest-sha256.txt")
    st["tagmanifest_sha256"] = sha256_file(bag / "tagmanifest-sha256.txt")
    private = keys.load_private(private_path, PASS)
    sig["statement"] = st
    sig["signature"] = base64.b64encode(private.sign(canonical_statement(st))).decode()
    (bag / SIGNATURE_FILE).write_text(json.dumps(sig, indent=1))


def test_verify_reports_who_signed_when_with_which_key(pkg: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    result = verify_package(pkg["zip"], str(pkg["keys"].public))
    assert result.ok, result.as_dict()
    statement = json.loads((pkg["bag"] / SIGNATURE_FILE).read_text())["statement"]
    assert result.signer == EXAMINER and result.signer_covered and result.signed_utc == statement["signed_utc"]
    assert result.fingerprint == pkg["keys"].fingerprint == statement["fingerprint"]
    assert statement["report_id"] == pkg["summary"]["report_id"]
    assert statement["manifest_sha256"] == sha256_file(pkg["bag"] / "manifest-sha256.txt")
    assert result.tables_checked == 23 and result.case_digest == pkg["summary"]["case_digest"]
    capsys.readouterr()
    assert run(["verify-package", str(pkg["bag"]), "--pubkey", str(pkg["keys"].public)]) == 0
    out = capsys.readouterr().out
    assert f"Signed by {EXAMINER} at {statement['signed_utc']}" in out and pkg["keys"].fingerprint in out


@pytest.mark.parametrize("field,value", [("signer", "Training Examiner"), ("signed_utc", "2025-01-01T00:00:00Z"),
                                         ("signing_as", "Someone"), ("report_id", "RPT-OTHER"),
                                         ("case_digest", "0" * 64), ("audit_head", "1" * 64)])
def test_editing_any_statement_field_fails(pkg: dict[str, Any], tmp_path: Path, field: str, value: str) -> None:
    bag = shutil.copytree(pkg["bag"], tmp_path / "bag")
    sig = json.loads((bag / SIGNATURE_FILE).read_text())
    sig["statement"][field] = value
    (bag / SIGNATURE_FILE).write_text(json.dumps(sig, indent=1))
    result = verify_package(bag)
    assert not result.ok and any("edited" in p for p in result.problems), result.problems
    assert result.signer == ""  # an unverified statement names nobody


def test_key_of_another_examiner_is_refused_unless_signing_as(triaged_sample: Path, tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    other = keys.new_keypair("Training Examiner", tmp_path / "keys", PASS)
    with CaseStore.open(triaged_sample) as store:
        audit_before = store.scalar("SELECT count(*) FROM audit")
        with pytest.raises(UsageError, match="belongs to 'Training Examiner', not to the case examiner"):
            build_package(store, tmp_path / "refused", key_path=str(other.private), passphrase=PASS)
        assert store.scalar("SELECT count(*) FROM audit") == audit_before
    assert not (tmp_path / "refused").exists()
    pp = tmp_path / "pp"
    pp.write_text(PASS.decode() + "\n")
    assert run(["package", str(triaged_sample), "--out", str(tmp_path / "pkg"), "--key", str(other.private),
                "--passphrase-file", str(pp), "--signing-as", "A. Examiner (key of a colleague)"]) == 0
    statement = json.loads((tmp_path / "pkg" / SIGNATURE_FILE).read_text())["statement"]
    assert statement["signer"] == "Training Examiner"
    assert statement["signing_as"] == "A. Examiner (key of a colleague)"
    with CaseStore.open(triaged_sample, read_only=True) as store:
        details = json.loads(store.scalar("SELECT details FROM audit WHERE action='package exported'"))
    assert details["signer"] == "Training Examiner" and details["signing_as"] == statement["signing_as"]
    capsys.readouterr()
    assert run(["verify-package", str(tmp_path / "pkg"), "--pubkey", str(other.public)]) == 0
    assert "Signed by Training Examiner, signing as A. Examiner (key of a colleague)" in capsys.readouterr().out


def test_old_key_files_still_load_and_name_their_owner(triaged_sample: Path, tmp_path: Path) -> None:
    made = keys.new_keypair(EXAMINER, tmp_path / "keys", PASS)
    for path in (made.private, made.public):  # key files as written before: PEM only
        data = path.read_bytes()
        path.write_bytes(data[data.index(b"-----BEGIN"):])
    assert keys.key_owner(made.private, made.fingerprint) == EXAMINER  # from NAME.key.json
    assert keys.fingerprint(keys.load_public(made.public)) == made.fingerprint
    made.info.unlink()
    assert keys.key_owner(made.private, made.fingerprint) is None
    with CaseStore.open(triaged_sample) as store:
        with pytest.raises(UsageError, match="does not name its owner"):
            build_package(store, tmp_path / "p1", key_path=str(made.private), passphrase=PASS)
        build_package(store, tmp_path / "p2", key_path=str(made.private), passphrase=PASS, signing_as=EXAMINER)
    assert verify_package(tmp_path / "p2", str(made.public)).ok


def test_public_key_owner_and_fingerprint_lines_are_checked(pkg: dict[str, Any], tmp_path: Path) -> None:
    pub = tmp_path / "edited.pub"
    text = pkg["keys"].public.read_text()
    pub.write_text(text.replace(f"Owner: {EXAMINER}", "Owner: B. Other"))
    result = verify_package(pkg["bag"], str(pub))
    assert not result.ok and any("belongs to 'B. Other'" in p for p in result.problems)
    pub.write_text(text.replace(pkg["keys"].fingerprint, "SHA256:" + ":".join(["abcd"] * 16)))
    with pytest.raises(UsageError, match="altered"):
        keys.load_public(pub)


def test_package_is_refused_for_a_tampered_case(triaged_sample: Path, tmp_path: Path) -> None:
    with sqlite3.connect(triaged_sample / "case.sqlite") as conn:
        conn.execute("UPDATE files SET sha256 = ? WHERE id = 1", ("0" * 64,))
    conn.close()
    with CaseStore.open(triaged_sample) as store:
        custody = store.scalar("SELECT count(*) FROM custody")
        with pytest.raises(IntegrityError, match="The table 'files' was changed outside the tool"):
            build_package(store, tmp_path / "pkg")
        assert store.scalar("SELECT count(*) FROM custody") == custody
    assert not (tmp_path / "pkg").exists()


def test_insider_with_the_key_cannot_change_tables_without_breaking_the_digest(pkg: dict[str, Any],
                                                                               tmp_path: Path) -> None:
    # 1. Edit the lossless table import-package reads, re-hash and re-sign: the snapshot disagrees.
    bag = shutil.copytree(pkg["bag"], tmp_path / "a")
    path = bag / "data/tables/files.jsonl"
    path.write_text(path.read_text().replace('"status": "done"', '"status": "dXne"', 1))
    _resign(bag, pkg["keys"].private)
    result = verify_package(bag, str(pkg["keys"].public))
    assert result.signature_valid and not result.ok
    assert result.problems == ["data/tables/files.jsonl is not what the case snapshot gives"]
    # 2. Edit the snapshot itself consistently with the dumps: the digest names the table.
    bag = shutil.copytree(pkg["bag"], tmp_path / "b")
    with sqlite3.connect(bag / "data/case/case.sqlite") as conn:
        conn.execute("UPDATE tags SET note = 'rewritten'")
    conn.close()
    _resign(bag, pkg["keys"].private)
    result = verify_package(bag, str(pkg["keys"].public))
    assert not result.ok
    assert "the table 'tags' in the case snapshot does not match the case digest" in result.problems


def test_failed_build_records_nothing(make_triaged_sample: Any, tmp_path: Path) -> None:
    """--include-files reads the evidence; with the image gone the build fails half-way."""
    case = make_triaged_sample(tmp_path / "own")
    (tmp_path / "own" / "sample.dd").unlink()
    with CaseStore.open(case) as store:
        before = (store.scalar("SELECT count(*) FROM custody"), store.scalar("SELECT count(*) FROM audit"))
        with pytest.raises(EvidenceError):
            build_package(store, tmp_path / "pkg", include_files=True)
        after = (store.scalar("SELECT count(*) FROM custody"), store.scalar("SELECT count(*) FROM audit"))
    assert after == before, "a failed build must log neither an export custody event nor an audit entry"
    assert not (tmp_path / "pkg").exists(), "the half-written package folder is removed"


def test_older_package_format_still_verifies_with_a_clear_note(pkg: dict[str, Any], tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    """A package as written before statements: signature over the manifests, no case digest."""
    bag = shutil.copytree(pkg["bag"], tmp_path / "old")
    (bag / DIGEST_FILE).unlink()
    tags = [f"{sha256_file(bag / n)}  {n}" for n in ("bagit.txt", "bag-info.txt", "manifest-sha256.txt")]
    (bag / "tagmanifest-sha256.txt").write_text("\n".join(tags) + "\n")
    private = keys.load_private(pkg["keys"].private, PASS)
    message = SIGNATURE_CONTEXT + (bag / "manifest-sha256.txt").read_bytes() + b"\x00" + \
        (bag / "tagmanifest-sha256.txt").read_bytes()
    (bag / SIGNATURE_FILE).write_text(json.dumps({
        "algorithm": "Ed25519", "signer": "Anyone At All", "fingerprint": pkg["keys"].fingerprint,
        "public_key": keys.raw_public(private.public_key()).hex(), "signed_utc": "2025-01-01T00:00:00Z",
        "signature": base64.b64encode(private.sign(message)).decode()}))
    result = verify_package(bag, str(pkg["keys"].public))
    assert result.ok and result.signature_format == 1 and not result.signer_covered
    capsys.readouterr()
    assert run(["verify-package", str(bag)]) == 0
    out = capsys.readouterr().out
    assert "Older package format (signature format 1)" in out and "NOT covered" in out
