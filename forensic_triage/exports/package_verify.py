"""Offline verification of an evidence package (folder or zip): every hash and the signature.

Names every missing, added and changed file; checks the tag manifest (bag-info, manifest),
the payload octet/file count and the Ed25519 signature over both manifests. A ``--pubkey``
pins the signer: a package signed by any other key fails.
"""

from __future__ import annotations

import base64
import dataclasses
import json
import tempfile
import zipfile
from pathlib import Path

from ..errors import IntegrityError
from . import keys
from .package import SIGNATURE_FILE, safe_extract, sha256_file, signed_message

TAG_FILES = {"bagit.txt", "bag-info.txt", "manifest-sha256.txt", "tagmanifest-sha256.txt", SIGNATURE_FILE}


@dataclasses.dataclass(slots=True)
class VerifyResult:
    bag: str
    missing: list[str] = dataclasses.field(default_factory=list)
    added: list[str] = dataclasses.field(default_factory=list)
    changed: list[str] = dataclasses.field(default_factory=list)
    problems: list[str] = dataclasses.field(default_factory=list)
    files_checked: int = 0
    signed: bool = False
    signature_valid: bool = False
    signer: str = ""
    fingerprint: str = ""
    bag_info: dict[str, str] = dataclasses.field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not (self.missing or self.added or self.changed or self.problems) and self.signature_valid

    def as_dict(self) -> dict[str, object]:
        return {**dataclasses.asdict(self), "ok": self.ok}


def _read_manifest(path: Path, result: VerifyResult) -> dict[str, str]:
    entries: dict[str, str] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        digest, _, rel = line.partition(" ")
        rel = rel.lstrip(" *")
        parts = Path(rel).parts
        if not rel or rel.startswith("/") or ".." in parts or "\\" in rel:
            result.problems.append(f"{path.name} line {n} names a path outside the package: {rel!r}")
            continue
        entries[rel] = digest.lower()
    return entries


def _check_entries(bag: Path, entries: dict[str, str], result: VerifyResult) -> None:
    root = bag.resolve()
    for rel, digest in sorted(entries.items()):
        path = bag / rel
        if path.is_symlink() or (path.exists() and root not in path.resolve().parents):
            result.problems.append(f"{rel} is a link or lies outside the package")
            continue
        if not path.is_file():
            result.missing.append(rel)
            continue
        result.files_checked += 1
        if sha256_file(path) != digest:
            result.changed.append(rel)


def verify_bag(bag: Path, pubkey_path: str | None = None) -> VerifyResult:
    result = VerifyResult(str(bag))
    for name in ("bagit.txt", "manifest-sha256.txt", "tagmanifest-sha256.txt", "bag-info.txt"):
        if not (bag / name).is_file():
            result.missing.append(name)
    if result.missing:
        result.problems.append("not a complete package (BagIt tag files missing)")
        return result
    payload = _read_manifest(bag / "manifest-sha256.txt", result)
    tags = _read_manifest(bag / "tagmanifest-sha256.txt", result)
    for rel in payload:
        if not rel.startswith("data/"):
            result.problems.append(f"manifest entry outside data/: {rel}")
    _check_entries(bag, payload, result)
    _check_entries(bag, tags, result)
    for path in sorted(bag.rglob("*")):
        rel = path.relative_to(bag).as_posix()
        if path.is_dir() and not path.is_symlink():
            continue
        if rel.startswith("data/"):
            if rel not in payload:
                result.added.append(rel)
        elif rel not in tags and rel not in TAG_FILES:
            result.added.append(rel)
    for line in (bag / "bag-info.txt").read_text(encoding="utf-8").splitlines():
        key, _, value = line.partition(":")
        if key.strip():
            result.bag_info[key.strip()] = value.strip()
    oxum = result.bag_info.get("Payload-Oxum", "")
    octets = sum((bag / r).stat().st_size for r in payload if (bag / r).is_file())
    if oxum and oxum != f"{octets}.{len(payload)}":
        result.problems.append(f"Payload-Oxum {oxum} does not match the payload ({octets}.{len(payload)})")
    _check_signature(bag, result, pubkey_path)
    return result


def _check_signature(bag: Path, result: VerifyResult, pubkey_path: str | None) -> None:
    sig_path = bag / SIGNATURE_FILE
    if not sig_path.is_file():
        result.problems.append("the package is not signed (no signature-ed25519.json)")
        return
    result.signed = True
    try:
        sig = json.loads(sig_path.read_text(encoding="utf-8"))
        signature = base64.b64decode(sig["signature"])
        embedded = keys.public_from_raw_hex(str(sig["public_key"]))
    except (ValueError, KeyError, TypeError, IntegrityError) as exc:
        result.problems.append(f"the signature file cannot be read: {exc}")
        return
    result.signer = str(sig.get("signer", ""))
    result.fingerprint = keys.fingerprint(embedded)
    if sig.get("fingerprint") and sig["fingerprint"] != result.fingerprint:
        result.problems.append("the fingerprint in the signature file does not match its public key")
    if result.bag_info.get("Signer-Fingerprint") not in (None, result.fingerprint):
        result.problems.append("bag-info.txt names another signer fingerprint than the signature")
    key = embedded
    if pubkey_path:
        pinned = keys.load_public(pubkey_path)
        if keys.raw_public(pinned) != keys.raw_public(embedded):
            result.problems.append(f"signed by {result.fingerprint}, not by the expected key {keys.fingerprint(pinned)}")
        key = pinned
    result.signature_valid = keys.verify(key, signature, signed_message(bag))
    if not result.signature_valid:
        result.problems.append("the signature does not match the manifests: the package was altered or re-signed")


def verify_package(path: str | Path, pubkey_path: str | None = None) -> VerifyResult:
    """Verify a package folder or zip (a zip is unpacked safely into a temporary folder)."""
    src = Path(path)
    if src.is_file() and zipfile.is_zipfile(src):
        with tempfile.TemporaryDirectory(prefix="ft-verify-") as tmp:
            try:
                bag = safe_extract(src, Path(tmp))
            except IntegrityError as exc:
                result = VerifyResult(str(src))
                result.problems.append(exc.message)
                return result
            result = verify_bag(bag, pubkey_path)
            result.bag = str(src)
            return result
    if not src.is_dir():
        result = VerifyResult(str(src))
        result.problems.append(f"{src} is neither a package folder nor a zip")
        return result
    return verify_bag(src, pubkey_path)
