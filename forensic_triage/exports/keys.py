"""Examiner key pairs (Ed25519) for signing evidence packages.

The private key is stored as PKCS#8 PEM encrypted with the examiner's passphrase; the public
key as a PEM SubjectPublicKeyInfo. Both files start with two plain-text lines naming the key's
owner and fingerprint (``Owner: NAME`` / ``Fingerprint: SHA256:...``) before the PEM block;
PEM readers (OpenSSL, cryptography) skip text before ``-----BEGIN``. Key files made before
carry no such lines: their owner is read from ``NAME.key.json`` beside them when its
fingerprint matches. The *fingerprint* that the report prints and a partner compares out of
band is ``SHA256:`` + the hex SHA-256 of the 32 raw public-key bytes, shown in groups of four.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import re
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from ..errors import IntegrityError, UsageError
from ..timeutil import utcnow_iso

MIN_PASSPHRASE = 8


@dataclasses.dataclass(slots=True)
class KeyFiles:
    private: Path
    public: Path
    info: Path
    fingerprint: str


def raw_public(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def fingerprint(key: Ed25519PublicKey) -> str:
    digest = hashlib.sha256(raw_public(key)).hexdigest()
    return "SHA256:" + ":".join(digest[i:i + 4] for i in range(0, 64, 4))


def _header(owner: str, fp: str) -> bytes:
    return f"Owner: {_one_line(owner)}\nFingerprint: {fp}\n".encode()


def _one_line(text: str) -> str:
    return re.sub(r"[\x00-\x1f\x7f]+", " ", text).strip()


def read_header(data: bytes) -> dict[str, str]:
    """The ``Owner:`` / ``Fingerprint:`` lines before the PEM block (empty for older key files)."""
    head = data.split(b"-----BEGIN", 1)[0].decode("utf-8", "replace")
    out: dict[str, str] = {}
    for line in head.splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip().lower() in ("owner", "fingerprint"):
            out[key.strip().lower()] = value.strip()
    return out


def same_person(a: str, b: str) -> bool:
    """Names compared without case and extra spaces ("A. Examiner" == "a.  examiner")."""
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def key_owner(path: str | os.PathLike[str], fp: str) -> str | None:
    """Who a key file belongs to: its ``Owner:`` line, else the ``.key.json`` beside it (same
    fingerprint), else None (the file does not say)."""
    key_path = Path(path)
    try:
        owner = read_header(key_path.read_bytes()).get("owner")
    except OSError:
        owner = None
    if owner:
        return owner
    candidates = [key_path.with_name(key_path.name + ".json"), key_path.with_suffix(".key.json")]
    for info_path in candidates:
        try:
            info = json.loads(info_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(info, dict) and info.get("fingerprint") == fp and str(info.get("examiner", "")).strip():
            return str(info["examiner"])
    return None


def _slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", name).strip("_") or "examiner"


def new_keypair(examiner: str, out_dir: str | os.PathLike[str], passphrase: bytes) -> KeyFiles:
    """Write ``NAME.key`` (encrypted private key), ``NAME.pub`` and ``NAME.key.json``."""
    if not examiner.strip():
        raise UsageError("A key needs the examiner's name (--examiner).")
    if len(passphrase) < MIN_PASSPHRASE:
        raise UsageError(f"The passphrase must have at least {MIN_PASSPHRASE} characters.")
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    base = _slug(examiner)
    priv_path, pub_path, info_path = folder / f"{base}.key", folder / f"{base}.pub", folder / f"{base}.key.json"
    for p in (priv_path, pub_path):
        if p.exists():
            raise UsageError(f"{p} already exists; a key is never overwritten.", hint="Choose another --out folder.")
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.BestAvailableEncryption(passphrase))
    pub = key.public_key()
    fp = fingerprint(pub)
    fd = os.open(priv_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(_header(examiner, fp) + pem)
    pub_path.write_bytes(_header(examiner, fp) + pub.public_bytes(serialization.Encoding.PEM,
                                                                  serialization.PublicFormat.SubjectPublicKeyInfo))
    info_path.write_text(json.dumps({"examiner": examiner, "algorithm": "Ed25519", "fingerprint": fp,
                                     "created_utc": utcnow_iso(), "public_key": pub_path.name}, indent=2) + "\n")
    return KeyFiles(priv_path, pub_path, info_path, fp)


def load_private(path: str | os.PathLike[str], passphrase: bytes | None) -> Ed25519PrivateKey:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise UsageError(f"The key {path} cannot be read: {exc.strerror}.") from exc
    try:
        key = serialization.load_pem_private_key(data, password=passphrase or None)
    except TypeError as exc:
        raise UsageError(f"The key {path} is protected by a passphrase.", hint="Give --passphrase-file or type it.") from exc
    except ValueError as exc:
        raise UsageError(f"The key {path} cannot be opened: wrong passphrase or not a private key.") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise UsageError(f"{path} is not an Ed25519 private key.")
    return key


def load_public(path: str | os.PathLike[str]) -> Ed25519PublicKey:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise UsageError(f"The public key {path} cannot be read: {exc.strerror}.") from exc
    try:
        key = serialization.load_pem_public_key(data)
    except ValueError:
        try:
            key = Ed25519PublicKey.from_public_bytes(bytes.fromhex(data.decode().strip()))
        except (ValueError, UnicodeDecodeError) as exc:
            raise UsageError(f"{path} is not a public key (PEM or 64 hex digits).") from exc
    if not isinstance(key, Ed25519PublicKey):
        raise UsageError(f"{path} is not an Ed25519 public key.")
    stated = read_header(data).get("fingerprint")
    if stated and stated != fingerprint(key):
        raise UsageError(f"The public key file {path} states fingerprint {stated} but holds the key "
                         f"{fingerprint(key)}: the file was altered.")
    return key


def public_owner(path: str | os.PathLike[str]) -> str | None:
    """The owner named in a public key file (``Owner:`` line or the ``.key.json`` beside it)."""
    key = load_public(path)
    return key_owner(path, fingerprint(key))


def public_from_raw_hex(text: str) -> Ed25519PublicKey:
    try:
        return Ed25519PublicKey.from_public_bytes(bytes.fromhex(text.strip()))
    except ValueError as exc:
        raise IntegrityError("The signer's public key in the package is not a valid Ed25519 key.") from exc


def verify(key: Ed25519PublicKey, signature: bytes, message: bytes) -> bool:
    try:
        key.verify(signature, message)
    except InvalidSignature:
        return False
    return True


def read_passphrase(path: str | None, *, confirm: bool = False) -> bytes:
    """From a file (first line, for scripted labs) or typed at a prompt without echo.

    Without a terminal (a script, a pipe, a service) there is nobody to ask: say how to give it
    instead of failing with an end-of-file error. A new passphrase (``confirm``) that is too short
    is refused before it has to be typed a second time.
    """
    if path:
        try:
            text = Path(path).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(f"The passphrase file {path} cannot be read: {exc}.") from exc
        return (text[0] if text else "").encode("utf-8")
    import getpass
    import sys

    if not sys.stdin.isatty():
        raise UsageError("There is no terminal to type the key's passphrase in.",
                         hint="Give it with --passphrase-file FILE (its first line is the passphrase).")
    try:
        first = getpass.getpass("Passphrase for the examiner key: ")
        if confirm and len(first.encode("utf-8")) < MIN_PASSPHRASE:
            raise UsageError(f"The passphrase must have at least {MIN_PASSPHRASE} characters.")
        if confirm and getpass.getpass("Repeat the passphrase: ") != first:
            raise UsageError("The two passphrases differ.")
    except EOFError as exc:
        raise UsageError("The passphrase prompt was closed before a passphrase was given.",
                         hint="Give it with --passphrase-file FILE.") from exc
    return first.encode("utf-8")
