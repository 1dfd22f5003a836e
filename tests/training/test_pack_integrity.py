"""Packs: the key is sealed, tampering is refused, a wrong passphrase is told apart, trainer packs."""

from __future__ import annotations

import base64
import hashlib
import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from training_lib import ft, jsonl, key_of, ok

from forensic_triage.exports import keys
from forensic_triage.sample.generator import build_sample_image
from forensic_triage.training.pack import SIGNATURE_CONTEXT

SECRET_ANSWER = "kettle-and-anchor-42"


def rewrite(src: Path, dst: Path, change: Callable[[str, bytes], bytes]) -> None:
    """Copy a pack, passing every member through ``change(name, data)``."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info, change(info.filename, zin.read(info.filename)))


@pytest.fixture(scope="module")
def trainer_pack(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A trainer's own pack: the sample image, three questions, a passphrase."""
    folder = tmp_path_factory.mktemp("trainer")
    image = folder / "usb.dd"
    facts = build_sample_image(image)
    questions = [
        {"id": "Q1", "text": "Which word is the answer?", "points": 1, "type": "text", "answer": SECRET_ANSWER},
        {"id": "Q2", "text": "SHA-256 of the image?", "points": 2, "type": "hash", "answer": facts["image"]["sha256"]},
        {"id": "Q3", "text": "When? (UTC)", "points": 1, "type": "time", "answer": "2025-02-27T14:47:02Z",
         "tolerance": 120},
    ]
    (folder / "q.json").write_text(json.dumps(questions), encoding="utf-8")
    (folder / "pass").write_text("correct horse battery\n", encoding="utf-8")
    (folder / "wrong").write_text("not the passphrase\n", encoding="utf-8")
    pack = folder / "own.ftpack"
    ok("exercise", "build", "--image", str(image), "--questions", str(folder / "q.json"), "--out", str(pack),
       "--passphrase-file", str(folder / "pass"), "--title", "USB stick", "--source-timezone", "-04:00")
    return {"folder": folder, "pack": pack, "image": image, "pass": folder / "pass", "wrong": folder / "wrong"}


def test_a_student_who_opens_the_pack_cannot_read_the_key(trainer_pack: dict[str, Path]) -> None:
    with zipfile.ZipFile(trainer_pack["pack"]) as zf:
        for name in zf.namelist():
            assert SECRET_ANSWER.encode() not in zf.read(name), name
        manifest = json.loads(zf.read("pack.json"))
    assert all("answer" not in q for q in manifest["questions"])
    refused = ft("exercise", "key", str(trainer_pack["pack"]))
    assert refused.returncode == 2 and "sealed with the trainer's passphrase" in refused.stderr
    key = key_of(trainer_pack["pack"], "--passphrase-file", str(trainer_pack["pass"]))
    assert key["Q1"]["answer"] == SECRET_ANSWER and key["Q3"]["tolerance"] == 120


def test_a_wrong_passphrase_is_refused_clearly(trainer_pack: dict[str, Path]) -> None:
    res = ft("exercise", "key", str(trainer_pack["pack"]), "--passphrase-file", str(trainer_pack["wrong"]))
    assert res.returncode == 2 and "wrong passphrase" in res.stderr and "Traceback" not in res.stderr
    assert SECRET_ANSWER not in res.stdout + res.stderr


def test_a_tampered_question_is_refused(trainer_pack: dict[str, Path], tmp_path: Path) -> None:
    bad = tmp_path / "bad.ftpack"
    rewrite(trainer_pack["pack"], bad,
            lambda name, data: data.replace(b"Which word is the answer?", b"Which word is the answer!")
            if name == "pack.json" else data)
    res = ft("exercise", "start", str(bad), str(tmp_path / "case"), "--student", "Eve", "--quiet")
    assert res.returncode == 5, res.stderr
    assert "refused" in res.stderr and "pack.json) was changed after the pack was sealed" in res.stderr
    assert not (tmp_path / "case").exists()


def test_a_tampered_image_is_refused(trainer_pack: dict[str, Path], tmp_path: Path) -> None:
    bad = tmp_path / "bad.ftpack"

    def flip(name: str, data: bytes) -> bytes:
        if not name.startswith("evidence/"):
            return data
        mutable = bytearray(data)
        mutable[1024 * 1024 + 700] ^= 0xFF
        return bytes(mutable)

    rewrite(trainer_pack["pack"], bad, flip)
    res = ft("exercise", "start", str(bad), str(tmp_path / "case"), "--student", "Eve", "--quiet")
    assert res.returncode == 5 and "does not match the SHA-256 in its manifest" in res.stderr, res.stderr


def test_a_pack_re_signed_by_someone_else_is_refused_by_the_trainer(trainer_pack: dict[str, Path],
                                                                    tmp_path: Path) -> None:
    """A student edits the briefing and signs with a key of their own: the pack is consistent,
    but the trainer's passphrase shows it is not the pack that was sealed."""
    forged = Ed25519PrivateKey.generate()
    with zipfile.ZipFile(trainer_pack["pack"]) as zf:
        manifest = json.loads(zf.read("pack.json"))
    manifest["briefing"] = "Nothing to see here."
    manifest["signing"]["public_key"] = keys.raw_public(forged.public_key()).hex()
    raw = json.dumps(manifest).encode()
    signature = {"pack_json_sha256": hashlib.sha256(raw).hexdigest(),
                 "signature": base64.b64encode(forged.sign(SIGNATURE_CONTEXT + raw)).decode()}
    bad = tmp_path / "forged.ftpack"
    rewrite(trainer_pack["pack"], bad, lambda name, data: raw if name == "pack.json" else
            json.dumps(signature).encode() if name == "signature.json" else data)
    res = ft("exercise", "key", str(bad), "--passphrase-file", str(trainer_pack["pass"]))
    assert res.returncode == 5 and "was altered" in res.stderr and "re-signed" in res.stderr, res.stderr


def test_reseal_makes_a_public_pack_private_and_grading_follows(trainer_pack: dict[str, Path],
                                                                pack_files: dict[str, Path],
                                                                start_case: Callable[..., Path],
                                                                tmp_path: Path) -> None:
    case = start_case(pack_files["shipment"], "Public Student", "--no-triage")
    ok("exercise", "answer", str(case), "--question", "S01", "--value", "MATCH")
    private = tmp_path / "private.ftpack"
    ok("exercise", "reseal", "shipment", "--out", str(private), "--passphrase-file", str(trainer_pack["pass"]))
    refused = ft("exercise", "grade", str(case), "--pack", str(private))
    assert refused.returncode == 2 and "passphrase" in refused.stderr
    rows = jsonl("exercise", "grade", str(case), "--pack", str(private), "--passphrase-file",
                 str(trainer_pack["pass"]), "--format", "jsonl")
    assert rows[0] == {**rows[0], "question": "S01", "correct": True} and rows[-1]["total"] == 1
    other = ft("exercise", "grade", str(case), "--pack", str(trainer_pack["pack"]), "--passphrase-file",
               str(trainer_pack["pass"]))
    assert other.returncode == 2 and "not from the pack given" in other.stderr


def test_a_pack_that_refers_to_its_image_by_hash(trainer_pack: dict[str, Path], tmp_path: Path) -> None:
    folder = trainer_pack["folder"]
    pack = tmp_path / "ref.ftpack"
    ok("exercise", "build", "--image", str(trainer_pack["image"]), "--questions", str(folder / "q.json"),
       "--out", str(pack), "--passphrase-file", str(trainer_pack["pass"]), "--reference-only",
       "--source-timezone=America/Port_of_Spain")
    assert pack.stat().st_size < 64 * 1024  # the image is not inside
    missing = ft("exercise", "start", str(pack), str(tmp_path / "a"), "--student", "Ann", "--quiet")
    assert missing.returncode == 2 and "--image" in missing.stderr
    other = tmp_path / "other.dd"
    other.write_bytes(trainer_pack["image"].read_bytes()[:-1] + b"\x01")
    wrong = ft("exercise", "start", str(pack), str(tmp_path / "b"), "--student", "Ann", "--quiet", "--image", str(other),
               "--no-triage")
    assert wrong.returncode == 5 and "is not the one the pack names" in wrong.stderr
    ok("exercise", "start", str(pack), str(tmp_path / "c"), "--student", "Ann", "--quiet", "--image",
       str(trainer_pack["image"]), "--no-triage")
    listed = jsonl("evidence", "list", str(tmp_path / "c"), "--format", "jsonl")
    assert listed[0]["path"] == str(trainer_pack["image"]) and listed[0]["source_timezone"] == "America/Port_of_Spain"


def test_builtin_packs_are_deterministic(pack_files: dict[str, Path], tmp_path: Path) -> None:
    again = tmp_path / "leak.ftpack"
    ok("exercise", "write", "leak", "--out", str(again))
    with zipfile.ZipFile(pack_files["leak"]) as a, zipfile.ZipFile(again) as b:
        for name in a.namelist():
            assert a.read(name) == b.read(name), name
    listed = jsonl("exercise", "list", "--format", "jsonl")
    assert [p["id"] for p in listed][:2] == ["shipment", "leak"]
