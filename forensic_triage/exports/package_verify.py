"""Offline verification of an evidence package (folder or zip): every hash, the signed statement
and the case digest.

What is checked, in order:

1. the zip (if one) unpacks safely: no unsafe, duplicate or escaping names, links, special or
   encrypted members, no member larger than it declares, intact CRCs;
2. the BagIt tag files exist; every file listed in ``manifest-sha256.txt`` (payload) and
   ``tagmanifest-sha256.txt`` (bag-info, manifest, case-digest.json) has its SHA-256; no file
   is missing or added; no links; the payload octet/file count matches;
3. the signed statement (format 2): the Ed25519 signature over its canonical bytes; that its
   manifest and tag-manifest SHA-256 are those of the files, its fingerprint that of its public
   key, its report id that of bag-info and of the PDF, its case digest and audit head those of
   ``case-digest.json``; with ``--pubkey`` that the key is the pinned one and its owner line
   names the signer;
4. the case digest: the per-table SHA-256 recomputed from the database snapshot
   ``data/case/case.sqlite`` equal ``case-digest.json``; the snapshot's audit chain is intact,
   ends at the recorded head and holds the anchor entry with those digests; the lossless tables
   (``data/tables/*.jsonl``), the CSV tables (``data/csv/*.csv``) and ``data/audit/audit.jsonl``
   are byte for byte what the snapshot gives for the package's scope.

Not re-derived (covered by the manifest and the signature only): the PDF, the CASE graph, the
DFXML listing, the body file and the copied files (their hashes are in the case tables).
Any malformed input gives a named problem (FAILED), never a traceback.
"""

from __future__ import annotations

import base64
import dataclasses
import json
import sqlite3
import struct
import tempfile
import zipfile
import zlib
from pathlib import Path
from typing import Any

from ..errors import IntegrityError, TriageError
from ..store import CaseStore, digest
from ..store.snapshot import open_snapshot
from . import keys
from .package import (
    DIGEST_FILE,
    SIGNATURE_FILE,
    SNAPSHOT,
    STATEMENT_TYPE,
    canonical_statement,
    safe_extract,
    sha256_file,
    signed_message,
    write_audit_jsonl,
)

TAG_FILES = {"bagit.txt", "bag-info.txt", "manifest-sha256.txt", "tagmanifest-sha256.txt", SIGNATURE_FILE, DIGEST_FILE}
REQUIRED_TAGS = ("bagit.txt", "bag-info.txt", "manifest-sha256.txt")
STATEMENT_FIELDS = ("signer", "signing_as", "fingerprint", "public_key", "signed_utc", "report_id", "manifest_sha256",
                    "tagmanifest_sha256", "case_digest", "audit_head")
MAX_TAG_FILE = 64 * 1024 * 1024
# What reading a damaged or hostile package can raise beyond the errors named where they arise
# (KeyError, IndexError: LookupError; OverflowError: ArithmeticError; RecursionError: RuntimeError;
# UnicodeError, binascii.Error, JSONDecodeError: ValueError; zlib and struct errors of a damaged zip).
UNEXPECTED = (OSError, ValueError, LookupError, TypeError, AttributeError, ArithmeticError, RuntimeError,
              MemoryError, EOFError, sqlite3.Error, zipfile.BadZipFile, zlib.error, struct.error)


@dataclasses.dataclass(slots=True)
class VerifyResult:
    bag: str
    missing: list[str] = dataclasses.field(default_factory=list)
    added: list[str] = dataclasses.field(default_factory=list)
    changed: list[str] = dataclasses.field(default_factory=list)
    problems: list[str] = dataclasses.field(default_factory=list)
    notes: list[str] = dataclasses.field(default_factory=list)
    files_checked: int = 0
    signed: bool = False
    signature_valid: bool = False
    signature_format: int = 0
    signer: str = ""
    signing_as: str | None = None
    signer_covered: bool = False
    signed_utc: str = ""
    fingerprint: str = ""
    case_digest: str = ""
    audit_head: str = ""
    tables_checked: int = 0
    bag_info: dict[str, str] = dataclasses.field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not (self.missing or self.added or self.changed or self.problems) and self.signature_valid

    @property
    def reason(self) -> str:
        """The first thing that failed, in one sentence (empty when verified)."""
        if self.problems:
            return self.problems[0]
        for label, items in (("missing", self.missing), ("added", self.added), ("changed", self.changed)):
            if items:
                return f"{len(items)} file(s) {label}, first {items[0]}"
        return "" if self.ok else "the signature is not valid"

    def as_dict(self) -> dict[str, object]:
        return {**dataclasses.asdict(self), "ok": self.ok, "reason": self.reason}


def _text(path: Path) -> str:
    if path.stat().st_size > MAX_TAG_FILE:
        raise IntegrityError(f"{path.name} is too large for a tag file.")
    return path.read_text(encoding="utf-8")


def _read_manifest(path: Path, result: VerifyResult) -> dict[str, str]:
    entries: dict[str, str] = {}
    for n, line in enumerate(_text(path).splitlines(), 1):
        if not line.strip():
            continue
        digest_text, _, rel = line.partition(" ")
        rel = rel.lstrip(" *")
        parts = Path(rel).parts
        if not rel or rel.startswith("/") or ".." in parts or "\\" in rel:
            result.problems.append(f"{path.name} line {n} names a path outside the package: {rel!r}")
            continue
        if len(digest_text) != 64 or any(c not in "0123456789abcdefABCDEF" for c in digest_text):
            result.problems.append(f"{path.name} line {n} is not a SHA-256 entry")
            continue
        if rel in entries:
            result.problems.append(f"{path.name} lists {rel} twice")
        entries[rel] = digest_text.lower()
    return entries


def _check_entries(bag: Path, entries: dict[str, str], result: VerifyResult) -> None:
    root = bag.resolve()
    for rel, expected in sorted(entries.items()):
        path = bag / rel
        if path.is_symlink() or (path.exists() and root not in path.resolve().parents):
            result.problems.append(f"{rel} is a link or lies outside the package")
            continue
        if not path.is_file():
            result.missing.append(rel)
            continue
        result.files_checked += 1
        if sha256_file(path) != expected:
            result.changed.append(rel)


def verify_bag(bag: Path, pubkey_path: str | None = None) -> VerifyResult:
    """Verify an unpacked package folder; every failure is a named problem, never an exception."""
    result = VerifyResult(str(bag))
    try:
        _verify_bag(bag, pubkey_path, result)
    except TriageError as exc:
        result.problems.append(exc.message)
    except (OSError, ValueError, UnicodeError, sqlite3.Error, KeyError, TypeError, RecursionError) as exc:
        result.problems.append(f"the package cannot be read ({type(exc).__name__}: {exc})")
    return result


def _verify_bag(bag: Path, pubkey_path: str | None, result: VerifyResult) -> None:
    for name in ("bagit.txt", "manifest-sha256.txt", "tagmanifest-sha256.txt", "bag-info.txt"):
        path = bag / name
        if path.is_symlink() or not path.is_file():
            result.missing.append(name)
    if result.missing:
        result.problems.append("not a complete package (BagIt tag files missing)")
        return
    payload = _read_manifest(bag / "manifest-sha256.txt", result)
    tags = _read_manifest(bag / "tagmanifest-sha256.txt", result)
    for rel in payload:
        if not rel.startswith("data/"):
            result.problems.append(f"manifest entry outside data/: {rel}")
    for name in REQUIRED_TAGS:
        if name not in tags:
            result.problems.append(f"the tag manifest does not cover {name}")
    _check_entries(bag, payload, result)
    _check_entries(bag, tags, result)
    _check_unlisted(bag, payload, tags, result)
    _check_bag_info(bag, payload, result)
    case_digest = _read_case_digest(bag, tags, result)
    _check_signature(bag, result, pubkey_path, case_digest)
    if case_digest is not None and not (result.missing or result.changed or result.added):
        _check_case_digest(bag, result, case_digest)


def _check_unlisted(bag: Path, payload: dict[str, str], tags: dict[str, str], result: VerifyResult) -> None:
    """Files no manifest lists (added), and links."""
    for path in sorted(bag.rglob("*")):
        rel = path.relative_to(bag).as_posix()
        if path.is_symlink():
            if rel not in payload and rel not in tags:
                result.problems.append(f"{rel} is a link")
            continue
        if path.is_dir():
            continue
        if rel.startswith("data/"):
            if rel not in payload:
                result.added.append(rel)
        elif rel not in tags and rel not in TAG_FILES:
            result.added.append(rel)


def _check_bag_info(bag: Path, payload: dict[str, str], result: VerifyResult) -> None:
    """Read bag-info.txt into the result and check its payload octet and file count."""
    for line in _text(bag / "bag-info.txt").splitlines():
        key, _, value = line.partition(":")
        if key.strip():
            result.bag_info[key.strip()] = value.strip()
    oxum = result.bag_info.get("Payload-Oxum", "")
    octets = sum((bag / r).stat().st_size for r in payload if (bag / r).is_file() and not (bag / r).is_symlink())
    if oxum != f"{octets}.{len(payload)}":
        result.problems.append(f"Payload-Oxum {oxum or '(none)'} does not match the payload ({octets}.{len(payload)})")


def _read_case_digest(bag: Path, tags: dict[str, str], result: VerifyResult) -> dict[str, Any] | None:
    path = bag / DIGEST_FILE
    if not path.exists():
        result.notes.append("Older package format: it carries no case digest, so its tables are covered by the "
                            "manifest and the signature only.")
        return None
    if DIGEST_FILE not in tags:
        result.problems.append(f"the tag manifest does not cover {DIGEST_FILE}")
    try:
        data = json.loads(_text(path))
        tables = data["tables"]
        if not (isinstance(tables, dict) and all(isinstance(v, str) for v in tables.values())
                and isinstance(data["combined"], str) and isinstance(data["audit_head"]["hash"], str)
                and isinstance(data["audit_head"]["seq"], int) and isinstance(data["anchor"]["audit_seq"], int)):
            raise TypeError("unexpected field types")
    except (ValueError, KeyError, TypeError) as exc:
        result.problems.append(f"{DIGEST_FILE} cannot be read ({type(exc).__name__}: {exc})")
        return None
    result.case_digest = data["combined"]
    result.audit_head = data["audit_head"]["hash"]
    if digest.combined(tables) != data["combined"]:
        result.problems.append(f"the combined digest in {DIGEST_FILE} does not match its per-table digests")
    return dict(data)


def _check_signature(bag: Path, result: VerifyResult, pubkey_path: str | None,
                     case_digest: dict[str, Any] | None) -> None:
    sig_path = bag / SIGNATURE_FILE
    if sig_path.is_symlink() or not sig_path.is_file():
        result.problems.append("the package is not signed (no signature-ed25519.json)")
        return
    result.signed = True
    try:
        sig = json.loads(_text(sig_path))
        if not isinstance(sig, dict):
            raise TypeError("not a JSON object")
        signature = base64.b64decode(str(sig["signature"]), validate=True)
        statement = sig.get("statement")
        if statement is not None:
            if not isinstance(statement, dict) or any(f not in statement for f in STATEMENT_FIELDS):
                raise KeyError("statement fields")
            embedded = keys.public_from_raw_hex(str(statement["public_key"]))
        else:
            embedded = keys.public_from_raw_hex(str(sig["public_key"]))
    except (ValueError, KeyError, TypeError, IntegrityError) as exc:
        result.problems.append(f"the signature file cannot be read ({type(exc).__name__}: {exc})")
        return
    result.fingerprint = keys.fingerprint(embedded)
    key = embedded
    if pubkey_path:
        pinned = keys.load_public(pubkey_path)
        if keys.raw_public(pinned) != keys.raw_public(embedded):
            result.problems.append(f"signed by {result.fingerprint}, not by the expected key {keys.fingerprint(pinned)}")
        key = pinned
    if statement is None:
        _check_format1(bag, result, sig, signature, key)
    else:
        _check_statement(bag, result, statement, signature, key, pubkey_path, case_digest)


def _check_format1(bag: Path, result: VerifyResult, sig: dict[str, Any], signature: bytes, key: Any) -> None:
    result.signature_format = 1
    result.signer = str(sig.get("signer", ""))
    result.signed_utc = str(sig.get("signed_utc", ""))
    result.notes.append("Older package format (signature format 1): the signature covers the manifests only; the "
                        "signer name and signing time in signature-ed25519.json are NOT covered by it.")
    if sig.get("fingerprint") and sig["fingerprint"] != result.fingerprint:
        result.problems.append("the fingerprint in the signature file does not match its public key")
    if result.bag_info.get("Signer-Fingerprint") not in (None, result.fingerprint):
        result.problems.append("bag-info.txt names another signer fingerprint than the signature")
    result.signature_valid = keys.verify(key, signature, signed_message(bag))
    if not result.signature_valid:
        result.problems.append("the signature does not match the manifests: the package was altered or re-signed")


def _check_statement(bag: Path, result: VerifyResult, statement: dict[str, Any], signature: bytes, key: Any,
                     pubkey_path: str | None, case_digest: dict[str, Any] | None) -> None:
    result.signature_format = 2
    result.signature_valid = keys.verify(key, signature, canonical_statement(statement))
    if not result.signature_valid:
        result.problems.append("the signature does not match the signed statement: the statement (signer, time, "
                               "hashes) was edited or the package re-signed")
        return
    result.signer_covered = True
    result.signer = str(statement["signer"])
    result.signing_as = str(statement["signing_as"]) if statement["signing_as"] else None
    result.signed_utc = str(statement["signed_utc"])
    checks = [
        (statement.get("type") == STATEMENT_TYPE, "the signed statement is not a package statement"),
        (statement["fingerprint"] == result.fingerprint, "the statement's fingerprint is not that of its public key"),
        (statement["manifest_sha256"] == sha256_file(bag / "manifest-sha256.txt"),
         "the signed statement names another manifest-sha256.txt"),
        (statement["tagmanifest_sha256"] == sha256_file(bag / "tagmanifest-sha256.txt"),
         "the signed statement names another tagmanifest-sha256.txt"),
        (result.bag_info.get("Report-ID") == statement["report_id"],
         "bag-info.txt names another report id than the signed statement"),
        ((bag / "data" / "report" / f"{statement['report_id']}.pdf").is_file(),
         "the report named in the signed statement is not in the package"),
        (result.bag_info.get("Signer-Fingerprint") == result.fingerprint,
         "bag-info.txt names another signer fingerprint than the signature"),
    ]
    if case_digest is None:
        checks.append((False, f"the signed statement names a case digest but {DIGEST_FILE} is missing"))
    else:
        checks += [(statement["case_digest"] == case_digest["combined"],
                    f"the signed statement names another case digest than {DIGEST_FILE}"),
                   (statement["audit_head"] == case_digest["audit_head"]["hash"],
                    f"the signed statement names another audit head than {DIGEST_FILE}")]
    for passed, problem in checks:
        if not passed:
            result.problems.append(problem)
    if pubkey_path:
        owner = keys.key_owner(pubkey_path, result.fingerprint)
        if owner and not keys.same_person(owner, result.signer):
            result.problems.append(f"the public key {pubkey_path} belongs to {owner!r}, but the statement names the "
                                   f"signer {result.signer!r}")


def _check_case_digest(bag: Path, result: VerifyResult, case_digest: dict[str, Any]) -> None:
    snapshot = bag / SNAPSHOT
    if not snapshot.is_file():
        result.problems.append(f"the case database snapshot {SNAPSHOT} is missing, so the case digest cannot be "
                               "recomputed")
        return
    snap = open_snapshot(snapshot)
    try:
        other = snap.findings.non_table_objects()
        if other:
            result.problems.append(f"the case snapshot holds {other[0][0]} {other[0][1]!r}: not a case database")
            return
        _check_snapshot_digest(snap, result, case_digest)
        if not result.problems:
            _check_derived_tables(bag, snap, result)
    finally:
        snap.close()


def _check_snapshot_digest(snap: CaseStore, result: VerifyResult, case_digest: dict[str, Any]) -> None:
    """The snapshot's tables, audit chain and newest anchor against ``case-digest.json``."""
    recorded = case_digest["tables"]
    now = snap.findings.table_digests()
    result.tables_checked = len(now)
    for table in digest.COVERED_TABLES:
        if recorded.get(table) != now[table]:
            result.problems.append(f"the table '{table}' in the case snapshot does not match the case digest")
    chain_problems, head = snap.verify_audit()
    result.problems += [f"case snapshot: {p}" for p in chain_problems]
    seq = snap.case.audit_entry_count()
    if head != case_digest["audit_head"]["hash"] or seq != case_digest["audit_head"]["seq"]:
        result.problems.append("the case snapshot's audit log does not end at the audit head in "
                               f"{DIGEST_FILE}")
    anchor = snap.findings.latest_anchor()
    if anchor is None or anchor["seq"] != case_digest["anchor"]["audit_seq"] or anchor["tables"] != recorded:
        result.problems.append(f"the digest in {DIGEST_FILE} is not the newest anchor in the case's audit log")


def _check_derived_tables(bag: Path, store: CaseStore, result: VerifyResult) -> None:
    """The CSV, JSON-lines and audit dumps must be exactly what the snapshot gives for the scope."""
    from .findings import SCOPES
    from .tables import write_csv, write_jsonl

    scope = result.bag_info.get("Scope", "")
    if scope not in SCOPES:
        result.problems.append(f"bag-info.txt names an unknown scope {scope!r}")
        return
    with tempfile.TemporaryDirectory(prefix="ft-verify-tables-") as tmp:
        out = Path(tmp)
        write_csv(store, out / "csv", scope)
        write_jsonl(store, out / "tables", scope)
        (out / "audit").mkdir()
        write_audit_jsonl(store, out / "audit" / "audit.jsonl")
        for sub in ("csv", "tables", "audit"):
            made = {p.name for p in (out / sub).iterdir()}
            held = {p.name for p in (bag / "data" / sub).iterdir()} if (bag / "data" / sub).is_dir() else set()
            for name in sorted(made | held):
                if name not in held or name not in made or \
                        (out / sub / name).read_bytes() != (bag / "data" / sub / name).read_bytes():
                    result.problems.append(f"data/{sub}/{name} is not what the case snapshot gives")


def verify_package(path: str | Path, pubkey_path: str | None = None) -> VerifyResult:
    """Verify a package folder or zip (a zip is unpacked safely into a temporary folder).

    Never raises for a damaged package: every failure is in ``problems``.
    """
    src = Path(path)
    result = VerifyResult(str(src))
    try:
        if src.is_file():
            if not zipfile.is_zipfile(src):
                result.problems.append(f"{src} is neither a package folder nor a zip")
                return result
            with tempfile.TemporaryDirectory(prefix="ft-verify-") as tmp:
                bag = safe_extract(src, Path(tmp))
                result = verify_bag(bag, pubkey_path)
                result.bag = str(src)
                return result
        if not src.is_dir():
            result.problems.append(f"{src} is neither a package folder nor a zip")
            return result
        return verify_bag(src, pubkey_path)
    except TriageError as exc:
        result.problems.append(exc.message)
    except UNEXPECTED as exc:  # a verifier fails closed: an unexpected error is a FAILED verdict, named
        result.problems.append(f"the package cannot be checked ({type(exc).__name__}: {exc})")
    return result
