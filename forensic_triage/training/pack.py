"""The exercise pack: one ZIP file with the evidence, the questions and a sealed answer key.

Layout (every member stored at a fixed time; nothing else is accepted in a pack)::

    pack.json             the manifest: id, title, briefing, public questions (no answers),
                          evidence list (name, size, SHA-256, exhibit, source time zone, and
                          the member that holds it or none when the image is referenced by its
                          SHA-256 only), content id, the sealed key and the signing public key
    signature.json        Ed25519 signature over the exact bytes of pack.json
    evidence/NAME         the scenario's disk image(s), unless referenced by SHA-256

Sealing: the answer key (JSON) is encrypted with AES-256-GCM; the 256-bit key *and* the
Ed25519 signing seed are derived from the trainer's passphrase with scrypt (parameters and salt
in the manifest). The content id (SHA-256 of the pack id, questions and evidence hashes) is the
AES-GCM associated data, so a key cannot be moved to other questions. A student who opens the
ZIP reads the questions but not the key.

Integrity: every member's SHA-256 is in pack.json, and pack.json is signed. Anybody can check
that the pack is whole and consistent (the public key is in the manifest); the trainer's
passphrase also proves *who* sealed it: the public key derived from it must be the one in the
manifest, so a pack edited and re-signed by someone else is refused at grading.

Built-in packs are public (their generator is in the source): they are sealed with
:data:`PUBLIC_PASSPHRASE`, and their salt and nonce are derived from the content id so that a
built-in pack is byte-for-byte the same on every machine.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
import os
import re
import secrets
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from .. import __version__
from ..errors import IntegrityError, UsageError
from ..exports import keys

PACK_FORMAT = "forensic-triage exercise pack"
PACK_VERSION = 1
PACK_SUFFIX = ".ftpack"
MANIFEST = "pack.json"
SIGNATURE = "signature.json"
EVIDENCE_DIR = "evidence/"
SIGNATURE_CONTEXT = b"forensic-triage exercise pack v1\n"
KEY_CONTEXT = "forensic-triage exercise key v1"
# The passphrase of the public (built-in) packs. It is public on purpose: their answers follow
# from their generator, which is in the source. Re-seal a pack to keep its key from students.
PUBLIC_PASSPHRASE = "forensic-triage public exercise"
MIN_PASSPHRASE = 8
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2 ** 15, 8, 1
_MAX_MANIFEST = 4 * 1024 * 1024
_CHUNK = 1024 * 1024
_FIXED_TIME = (2025, 1, 1, 0, 0, 0)
_SAFE_MEMBER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,120}$")
QUESTION_TYPES = ("text", "number", "path", "hash", "time", "paths", "choice")


def canonical(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def content_id(pack_id: str, questions: list[dict[str, Any]], evidence: list[dict[str, Any]]) -> str:
    """What identifies an exercise whatever its sealing: id, public questions, evidence hashes."""
    body = {"id": pack_id, "questions": questions,
            "evidence": [{"name": e["name"], "sha256": e["sha256"]} for e in evidence]}
    return hashlib.sha256(canonical(body)).hexdigest()


# --------------------------------------------------------------------------- sealing


def _derive(passphrase: bytes, salt: bytes, n: int, r: int, p: int) -> tuple[bytes, Ed25519PrivateKey]:
    material = Scrypt(salt=salt, length=64, n=n, r=r, p=p).derive(passphrase)
    return material[:32], Ed25519PrivateKey.from_private_bytes(material[32:])


def seal_key(key: dict[str, Any], cid: str, passphrase: bytes, *, deterministic: bool = False
             ) -> tuple[dict[str, Any], Ed25519PrivateKey]:
    """Encrypt the answer key; returns the manifest's ``seal`` object and the signing key."""
    if deterministic:
        salt = hashlib.sha256(b"ft-pack-salt\x00" + cid.encode()).digest()[:16]
        nonce = hashlib.sha256(b"ft-pack-nonce\x00" + cid.encode() + passphrase).digest()[:12]
    else:
        salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    aes, signer = _derive(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    plain = canonical({"context": KEY_CONTEXT, "content_id": cid, **key})
    cipher = AESGCM(aes).encrypt(nonce, plain, cid.encode())
    seal = {"cipher": "AES-256-GCM", "kdf": "scrypt", "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P,
            "salt": salt.hex(), "nonce": nonce.hex(), "ciphertext": base64.b64encode(cipher).decode("ascii"),
            "associated_data": "the content id"}
    return seal, signer


def _seal_params(seal: dict[str, Any]) -> tuple[bytes, bytes, bytes, int, int, int]:
    try:
        n, r, p = int(seal["n"]), int(seal["r"]), int(seal["p"])
        salt, nonce = bytes.fromhex(seal["salt"]), bytes.fromhex(seal["nonce"])
        cipher = base64.b64decode(seal["ciphertext"], validate=True)
    except (KeyError, TypeError, ValueError) as exc:
        raise IntegrityError("The pack's sealed answer key is damaged (its parameters cannot be read).") from exc
    if seal.get("cipher") != "AES-256-GCM" or seal.get("kdf") != "scrypt" or not (
            2 ** 10 <= n <= 2 ** 20 and n & (n - 1) == 0 and 1 <= r <= 32 and 1 <= p <= 16):
        raise IntegrityError("The pack's sealed answer key uses parameters this version does not accept.")
    return salt, nonce, cipher, n, r, p


# --------------------------------------------------------------------------- the pack on disk


@dataclasses.dataclass
class Pack:
    """An opened, verified pack: its manifest and where it lies."""

    path: Path
    manifest: dict[str, Any]
    pack_sha256: str  # SHA-256 of the whole pack file

    @property
    def id(self) -> str:
        return str(self.manifest["id"])

    @property
    def title(self) -> str:
        return str(self.manifest.get("title", ""))

    @property
    def public(self) -> bool:
        return bool(self.manifest.get("public"))

    @property
    def content_id(self) -> str:
        return str(self.manifest["content_id"])

    @property
    def questions(self) -> list[dict[str, Any]]:
        return list(self.manifest["questions"])

    @property
    def evidence(self) -> list[dict[str, Any]]:
        return list(self.manifest["evidence"])

    def default_passphrase(self, passphrase: bytes | None) -> bytes:
        if passphrase is not None:
            return passphrase
        if self.public:
            return PUBLIC_PASSPHRASE.encode()
        raise UsageError(f"The pack {self.path.name} is sealed with the trainer's passphrase.",
                         hint="Give it with --passphrase-file FILE (its first line is the passphrase).")

    def open_key(self, passphrase: bytes | None) -> dict[str, Any]:
        """The answer key: ``{"answers": {qid: {"answer", "tolerance", "explanation"}}}``.

        Wrong passphrase and an altered pack are told apart: with the right passphrase the key
        decrypts, but a pack re-signed by someone else names another signing key."""
        secret = self.default_passphrase(passphrase)
        salt, nonce, cipher, n, r, p = _seal_params(self.manifest["seal"])
        aes, signer = _derive(secret, salt, n, r, p)
        try:
            plain = AESGCM(aes).decrypt(nonce, cipher, self.content_id.encode())
        except InvalidTag:
            raise UsageError(f"The passphrase does not open the answer key of {self.path.name}: wrong passphrase "
                             "(or the key inside the pack was altered).",
                             hint="Check the passphrase file; its first line is the passphrase.") from None
        if keys.raw_public(signer.public_key()).hex() != self.manifest["signing"]["public_key"]:
            raise IntegrityError(f"The pack {self.path.name} was altered: its manifest was re-signed by someone "
                                 "other than the trainer who sealed it.", hint="Use the pack as the trainer gave it.")
        key = json.loads(plain)
        if key.get("context") != KEY_CONTEXT or key.get("content_id") != self.content_id:
            raise IntegrityError(f"The answer key inside {self.path.name} belongs to another exercise.")
        return dict(key)

    def iter_member(self, name: str) -> Iterator[bytes]:
        with zipfile.ZipFile(self.path) as zf, zf.open(name) as fh:
            while block := fh.read(_CHUNK):
                yield block

    def extract_evidence(self, item: dict[str, Any], target: Path) -> Path:
        """Copy one evidence member to ``target`` (read-only afterwards), checking its SHA-256."""
        member = item.get("member")
        if not member:
            raise UsageError(f"The pack refers to the image {item['name']} by its SHA-256 only.",
                             hint="Give the image with --image PATH.")
        digest = hashlib.sha256()
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("xb") as out:
            for block in self.iter_member(str(member)):
                digest.update(block)
                out.write(block)
        if digest.hexdigest() != item["sha256"]:
            target.unlink()
            raise IntegrityError(f"The evidence {item['name']} in the pack does not match its SHA-256: the pack was "
                                 "altered or damaged.")
        target.chmod(0o444)
        return target


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while block := fh.read(_CHUNK):
            digest.update(block)
    return digest.hexdigest()


def _bad(path: Path, why: str) -> IntegrityError:
    return IntegrityError(f"The exercise pack {path.name} is refused: {why}.",
                          hint="Ask the trainer for an intact copy of the pack.")


def _read_manifest(path: Path, zf: zipfile.ZipFile) -> tuple[bytes, dict[str, Any], dict[str, Any]]:
    names = [i.filename for i in zf.infolist()]
    if len(set(names)) != len(names):
        raise _bad(path, "it holds two members with the same name")
    for name in names:
        if name in (MANIFEST, SIGNATURE):
            continue
        if not (name.startswith(EVIDENCE_DIR) and _SAFE_MEMBER.match(name[len(EVIDENCE_DIR):])):
            raise _bad(path, f"it holds a member that is not part of a pack ({name!r})")
    for name in (MANIFEST, SIGNATURE):
        if name not in names:
            raise _bad(path, f"{name} is missing")
        if zf.getinfo(name).file_size > _MAX_MANIFEST:
            raise _bad(path, f"{name} is too large")
    raw = zf.read(MANIFEST)
    try:
        manifest = json.loads(raw)
        signature = json.loads(zf.read(SIGNATURE))
    except ValueError as exc:
        raise _bad(path, f"its manifest cannot be read ({exc})") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != PACK_FORMAT or not isinstance(signature, dict):
        raise _bad(path, "it is not an exercise pack")
    if manifest.get("version") != PACK_VERSION:
        raise _bad(path, f"it has pack format {manifest.get('version')!r}; this version reads format {PACK_VERSION}")
    return raw, manifest, signature


def _check_signature(path: Path, raw: bytes, manifest: dict[str, Any], signature: dict[str, Any]) -> None:
    try:
        public = keys.public_from_raw_hex(str(manifest["signing"]["public_key"]))
        sig = base64.b64decode(str(signature["signature"]), validate=True)
    except (KeyError, TypeError, ValueError, IntegrityError) as exc:
        raise _bad(path, "its signature cannot be read") from exc
    if signature.get("pack_json_sha256") != hashlib.sha256(raw).hexdigest() or not keys.verify(
            public, sig, SIGNATURE_CONTEXT + raw):
        raise _bad(path, "its manifest (pack.json) was changed after the pack was sealed: the signature does not "
                         "match")


def _check_members(path: Path, zf: zipfile.ZipFile, manifest: dict[str, Any]) -> None:
    listed = {str(e["member"]): e for e in manifest.get("evidence", []) if e.get("member")}
    present = {n for n in zf.namelist() if n.startswith(EVIDENCE_DIR)}
    if set(listed) != present:
        extra, missing = sorted(present - set(listed)), sorted(set(listed) - present)
        raise _bad(path, "its evidence members do not match its manifest"
                   + (f" (not listed: {', '.join(extra)})" if extra else "")
                   + (f" (missing: {', '.join(missing)})" if missing else ""))
    for name, item in sorted(listed.items()):
        digest = hashlib.sha256()
        size = 0
        with zf.open(name) as fh:
            while block := fh.read(_CHUNK):
                digest.update(block)
                size += len(block)
        if digest.hexdigest() != item.get("sha256") or size != item.get("size"):
            raise _bad(path, f"the evidence {item.get('name')} does not match the SHA-256 in its manifest")
    cid = content_id(str(manifest.get("id")), manifest.get("questions", []), manifest.get("evidence", []))
    if cid != manifest.get("content_id"):
        raise _bad(path, "its questions or evidence list do not match its content id")


def open_pack(path: str | os.PathLike[str]) -> Pack:
    """Open and verify a pack file: member names, signature, every member's SHA-256.

    A pack that fails any check is refused with an :class:`IntegrityError` naming the problem."""
    src = Path(path)
    if not src.is_file():
        raise UsageError(f"The exercise pack {src} does not exist.",
                         hint="Give a pack file, or a built-in pack id ('forensic-triage exercise list').")
    try:
        with zipfile.ZipFile(src) as zf:
            raw, manifest, signature = _read_manifest(src, zf)
            _check_signature(src, raw, manifest, signature)
            _check_members(src, zf, manifest)
    except IntegrityError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, KeyError, TypeError, ValueError,
            NotImplementedError, RuntimeError) as exc:
        raise _bad(src, f"it is damaged or not a pack ({type(exc).__name__}: {exc})") from exc
    return Pack(src, manifest, sha256_file(src))


# --------------------------------------------------------------------------- writing


def check_questions(questions: list[dict[str, Any]]) -> None:
    """Refuse a question list that cannot be graded, naming the question."""
    seen: set[str] = set()
    for n, q in enumerate(questions, 1):
        if not isinstance(q, dict):
            raise UsageError(f"Question {n} is not an object with id, text, points, type and answer.")
        qid = str(q.get("id", "")).strip()
        if not qid or qid in seen:
            raise UsageError(f"Question {n} has {'no' if not qid else 'a repeated'} id ({qid!r}).")
        seen.add(qid)
        if q.get("type") not in QUESTION_TYPES:
            raise UsageError(f"Question {qid} has type {q.get('type')!r}; use one of {', '.join(QUESTION_TYPES)}.")
        if not str(q.get("text", "")).strip():
            raise UsageError(f"Question {qid} has no text.")
        try:
            if float(q.get("points", 0)) < 0:
                raise ValueError
        except (TypeError, ValueError):
            raise UsageError(f"Question {qid} has points {q.get('points')!r}; give a number of 0 or more.") from None
        if "answer" not in q and q.get("source") != "tags":
            raise UsageError(f"Question {qid} has no answer.")
        if q["type"] == "choice" and not q.get("choices"):
            raise UsageError(f"Question {qid} is multiple choice but lists no choices.")
        if q.get("source") == "tags" and not q.get("tag"):
            raise UsageError(f"Question {qid} is answered from the case's tags but names no tag.")


_KEY_FIELDS = ("answer", "tolerance", "explanation")


def split_questions(questions: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """(public questions, answer key) from full questions (Q.json shape)."""
    public, answers = [], {}
    for q in questions:
        item = {k: v for k, v in q.items() if k not in _KEY_FIELDS}
        item["points"] = float(q.get("points", 0))
        if "tolerance" in q and q["type"] in ("time", "number"):
            item["tolerance"] = q["tolerance"]  # stated to the student: times within N seconds are accepted
        public.append(item)
        answers[str(q["id"])] = {k: q[k] for k in _KEY_FIELDS if k in q}
    return public, {"answers": answers}


def write_pack(out: str | os.PathLike[str], *, pack_id: str, title: str, briefing: str,
               questions: list[dict[str, Any]], evidence: list[dict[str, Any]], passphrase: bytes,
               builtin: bool = False, public: bool = False, extra: dict[str, Any] | None = None) -> Path:
    """Write a pack. ``questions`` in the Q.json shape (answers included; they go into the sealed
    key); ``evidence`` items: ``{"name", "path" (or None: referenced by SHA-256 only), "sha256",
    "size", "exhibit", "description", "source_timezone", ...}``."""
    target = Path(out)
    if target.exists():
        raise UsageError(f"{target} already exists; a pack is never written over another file.")
    if len(passphrase) < MIN_PASSPHRASE:
        raise UsageError(f"The passphrase must have at least {MIN_PASSPHRASE} characters.")
    check_questions(questions)
    public_qs, key = split_questions(questions)
    items: list[dict[str, Any]] = []
    for e in evidence:
        name = str(e["name"])
        if not _SAFE_MEMBER.match(name):
            raise UsageError(f"The evidence name {name!r} cannot be used in a pack; use letters, digits, '.', '-', '_'.")
        item = {k: v for k, v in e.items() if k != "path"}
        item["member"] = EVIDENCE_DIR + name if e.get("path") else None
        items.append(item)
    cid = content_id(pack_id, public_qs, items)
    seal, signer = seal_key(key, cid, passphrase, deterministic=builtin)
    manifest = {
        "format": PACK_FORMAT, "version": PACK_VERSION, "id": pack_id, "title": title, "briefing": briefing,
        "builtin": builtin, "public": public, "questions": public_qs, "evidence": items, "content_id": cid,
        "seal": seal, "created_by": f"forensic-triage {__version__}" if not builtin else "forensic-triage",
        "signing": {"algorithm": "Ed25519", "public_key": keys.raw_public(signer.public_key()).hex(),
                    "fingerprint": keys.fingerprint(signer.public_key()),
                    "key": "derived from the sealing passphrase with scrypt (same salt as the answer key)"},
        **(extra or {}),
    }
    raw = json.dumps(manifest, indent=1, sort_keys=True, ensure_ascii=False).encode("utf-8") + b"\n"
    signature = {"algorithm": "Ed25519", "context": SIGNATURE_CONTEXT.decode().strip(),
                 "covers": "the context line followed by the exact bytes of pack.json",
                 "pack_json_sha256": hashlib.sha256(raw).hexdigest(),
                 "signature": base64.b64encode(signer.sign(SIGNATURE_CONTEXT + raw)).decode("ascii")}
    tmp = target.with_name(target.name + ".part")
    try:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
            _add(zf, MANIFEST, raw)
            _add(zf, SIGNATURE, (json.dumps(signature, indent=1, sort_keys=True) + "\n").encode())
            for e in evidence:
                if e.get("path"):
                    info = zipfile.ZipInfo(EVIDENCE_DIR + str(e["name"]), date_time=_FIXED_TIME)
                    info.compress_type = zipfile.ZIP_DEFLATED
                    info.external_attr = 0o444 << 16
                    with Path(e["path"]).open("rb") as src, zf.open(info, "w") as dst:
                        while block := src.read(_CHUNK):
                            dst.write(block)
        tmp.replace(target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


def _add(zf: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o444 << 16
    zf.writestr(info, data)


def reseal(pack: Pack, key: dict[str, Any], out: str | os.PathLike[str], passphrase: bytes) -> Path:
    """The same exercise (questions, evidence, content id) sealed with another passphrase; private."""
    target = Path(out)
    if target.exists():
        raise UsageError(f"{target} already exists; a pack is never written over another file.")
    if len(passphrase) < MIN_PASSPHRASE:
        raise UsageError(f"The passphrase must have at least {MIN_PASSPHRASE} characters.")
    seal, signer = seal_key({"answers": key["answers"]}, pack.content_id, passphrase)
    manifest = dict(pack.manifest)
    manifest.update({"public": False, "seal": seal, "resealed_by": f"forensic-triage {__version__}",
                     "signing": {"algorithm": "Ed25519", "public_key": keys.raw_public(signer.public_key()).hex(),
                                 "fingerprint": keys.fingerprint(signer.public_key()),
                                 "key": "derived from the sealing passphrase with scrypt (same salt as the answer "
                                        "key)"}})
    raw = json.dumps(manifest, indent=1, sort_keys=True, ensure_ascii=False).encode("utf-8") + b"\n"
    signature = {"algorithm": "Ed25519", "context": SIGNATURE_CONTEXT.decode().strip(),
                 "covers": "the context line followed by the exact bytes of pack.json",
                 "pack_json_sha256": hashlib.sha256(raw).hexdigest(),
                 "signature": base64.b64encode(signer.sign(SIGNATURE_CONTEXT + raw)).decode("ascii")}
    tmp = target.with_name(target.name + ".part")
    try:
        with zipfile.ZipFile(pack.path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
            _add(zf, MANIFEST, raw)
            _add(zf, SIGNATURE, (json.dumps(signature, indent=1, sort_keys=True) + "\n").encode())
            for info in src.infolist():
                if info.filename.startswith(EVIDENCE_DIR):
                    with src.open(info) as fh, zf.open(info, "w") as dst:
                        while block := fh.read(_CHUNK):
                            dst.write(block)
        tmp.replace(target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target
