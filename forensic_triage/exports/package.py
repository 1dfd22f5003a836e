"""The evidence package: a BagIt (RFC 8493) bag whose signed statement binds the signer.

Layout::

    PACKAGE/
      bagit.txt  bag-info.txt  manifest-sha256.txt  tagmanifest-sha256.txt
      case-digest.json                 the case digest anchor the package was built from
      signature-ed25519.json           the signed statement and its Ed25519 signature
      data/report/REPORT_ID.pdf        court report
      data/case/case.sqlite            snapshot of the whole case database (SQLite backup API)
      data/case/case.jsonld            CASE/UCO 1.5 graph
      data/case/listing.dfxml          DFXML file listing
      data/timeline/bodyfile.txt       mactime body file
      data/csv/*.csv                   one CSV per table (+ findings.csv)
      data/tables/*.jsonl              lossless tables (what import-package reads)
      data/audit/audit.jsonl           the case's hash-chained audit log
      data/files/EXHIBIT/NNNNNN_name   copies of selected files (--include-files)
      data/files/index.json            original names, locators, hashes of those copies

``case-digest.json`` holds the newest digest anchor of the case (per-table SHA-256, combined
digest, the audit entry that anchored it and the audit head); the tag manifest lists it with
``bag-info.txt`` and ``manifest-sha256.txt``. The *statement* in ``signature-ed25519.json``
(signer name, key fingerprint, signing time, report id, manifest and tag-manifest SHA-256, case
digest, audit head) is signed in its canonical JSON form, so no field of it can be edited.
A package is only built from a case whose tables match their last anchor.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import os
import re
import shutil
import zipfile
from pathlib import Path
from typing import Any

from .. import TOOL_NAME, __version__
from ..errors import IntegrityError, UsageError
from ..store import CaseStore
from ..store.snapshot import open_snapshot, write_snapshot
from ..timeutil import utcnow_iso
from . import keys
from .bodyfile import export_bodyfile
from .case_uco import export_case
from .dfxml import export_dfxml
from .evidence_read import iter_content
from .findings import collect, file_rows, full_locator, selected_file_ids
from .pdf_report import build_report
from .report_data import new_report_id
from .tables import write_csv, write_jsonl

SIGNATURE_FILE = "signature-ed25519.json"
DIGEST_FILE = "case-digest.json"
SIGNATURE_CONTEXT = b"forensic-triage package signature v1\n"  # format 1: manifests only (older packages)
STATEMENT_CONTEXT = b"forensic-triage signed statement v2\n"
STATEMENT_TYPE = "forensic-triage package statement"
SNAPSHOT = "data/case/case.sqlite"
CHUNK = 1024 * 1024


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


def safe_name(name: str, limit: int = 96) -> str:
    """A file name that is harmless on any file system: no separators, controls, dots-only names."""
    clean = re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("._") or "file"
    return clean[:limit]


def signed_message(bag: Path) -> bytes:
    """What a format-1 (older) package signature covers: the two manifests."""
    return SIGNATURE_CONTEXT + (bag / "manifest-sha256.txt").read_bytes() + b"\x00" + \
        (bag / "tagmanifest-sha256.txt").read_bytes()


def canonical_statement(statement: dict[str, Any]) -> bytes:
    """The exact bytes the signature covers: context line + JSON with sorted keys, no spaces, UTF-8."""
    return STATEMENT_CONTEXT + json.dumps(statement, sort_keys=True, separators=(",", ":"),
                                          ensure_ascii=False).encode("utf-8")


def _copy_files(store: CaseStore, bag: Path, file_ids: set[int]) -> list[dict[str, Any]]:
    """Copy the selected files out of the evidence (read-only), checked against the case hashes."""
    index = []
    for row in file_rows(store, file_ids):
        if row["type"] != "file":
            continue
        if row["status"] != "done":
            # A file read only in part (or not at all) is not copied as if it were whole: the index
            # says why, and the case tables hold what was read and where the gaps are.
            reason = {"partial": f"read only in part at triage ({row['bytes_read']} of {row['size']} bytes "
                                 f"readable; unreadable byte ranges {row['unreadable']})",
                      "no-content": "no content recoverable (nothing left to read)"}.get(
                str(row["status"]), f"not examined completely at triage (status {row['status']})")
            index.append({"package_path": None, "file_id": row["id"], "copied": False, "reason": reason,
                          "locator": full_locator(row["locator"], row["path"]), "original_path": row["path"],
                          "size": row["size"], "bytes_read": row["bytes_read"], "sha256": row["sha256"]})
            continue
        folder = bag / "data" / "files" / safe_name(row["evidence_uid"])
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{int(row['id']):06d}_{safe_name(row['name'])}"
        digest = hashlib.sha256()
        try:
            with target.open("wb") as out:
                for block in iter_content(store, int(row["id"])):
                    digest.update(block)
                    out.write(block)
        except BaseException:
            target.unlink(missing_ok=True)
            raise
        if row["sha256"] and digest.hexdigest() != row["sha256"]:
            target.unlink(missing_ok=True)
            raise IntegrityError(f"The copy of {row['path']} does not match the SHA-256 recorded in the case.")
        index.append({"package_path": target.relative_to(bag).as_posix(), "file_id": row["id"],
                      "locator": full_locator(row["locator"], row["path"]), "original_path": row["path"],
                      "original_name": row["name"], "original_name_hex": bytes(row["name_raw"]).hex(),
                      "size": row["size"], "md5": row["md5"], "sha1": row["sha1"], "sha256": digest.hexdigest(),
                      "sha256_matches_case": True, "copied": True})
    return index


def _write_manifest(bag: Path) -> tuple[int, int]:
    lines = []
    octets = count = 0
    for path in sorted(p for p in (bag / "data").rglob("*") if p.is_file()):
        rel = path.relative_to(bag).as_posix()
        lines.append(f"{sha256_file(path)}  {rel}")
        octets += path.stat().st_size
        count += 1
    (bag / "manifest-sha256.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return octets, count


def _checked_anchor(store: CaseStore) -> dict[str, Any]:
    """The case's newest digest anchor, refusing a case whose tables or audit chain do not match."""
    problems, head = store.verify_audit()
    problems += store.findings.digest_problems()
    anchor = store.findings.latest_anchor()
    if problems or anchor is None:
        raise IntegrityError("The case does not match its audit log, so no package is built from it: "
                             + " ".join(problems or ["the case has no digest anchor."]),
                             hint="Run 'forensic-triage verify CASE' for the details.")
    return {**anchor, "audit_head": head, "audit_entries": store.case.audit_entry_count()}


def _signing_identity(key_path: str, private: Any, examiner: str, signing_as: str | None) -> tuple[str, str | None]:
    """The key owner's name; refuses a key of someone other than the case examiner unless
    ``signing_as`` says in whose name the signature is made."""
    fp = keys.fingerprint(private.public_key())
    owner = keys.key_owner(key_path, fp)
    as_name = " ".join(signing_as.split()) if signing_as and signing_as.strip() else None
    if as_name is None:
        if owner is None:
            raise UsageError(f"The key {key_path} does not name its owner (a key file made by an older version), so "
                             f"it cannot be shown to belong to the case examiner {examiner!r}.",
                             hint='Give --signing-as "NAME" to state in whose name you sign; it is recorded.')
        if not keys.same_person(owner, examiner):
            raise UsageError(f"The key {key_path} belongs to {owner!r}, not to the case examiner {examiner!r}; the "
                             "package was not built.",
                             hint=f'Sign with {examiner}\'s key, or give --signing-as "NAME" to sign with {owner}\'s '
                                  "key in that name (recorded in the signature and the audit log).")
    return owner or "not named in the key file", as_name


def build_package(store: CaseStore, out_dir: str | os.PathLike[str], *, scope: str = "all",
                  include_files: bool = False, key_path: str | None = None, passphrase: bytes | None = None,
                  make_zip: bool = False, signing_as: str | None = None,
                  report_scope: str = "notable") -> dict[str, Any]:
    """Write the package folder (and optionally a zip of it); returns a summary.

    ``scope`` selects what the CASE graph, the CSV/JSONL tables and the file copies hold (default:
    everything); ``report_scope`` what the PDF report presents (default: the notable findings —
    the report says that every record is in the tables).

    Nothing is recorded in the case (custody, audit) unless the whole package was written; a
    failed build removes the folder it created.
    """
    bag = Path(out_dir)
    if bag.exists() and any(bag.iterdir()):
        raise UsageError(f"{bag} exists and is not empty; a package is never written over other files.")
    info = store.case_info()
    private = keys.load_private(key_path, passphrase) if key_path else None
    fingerprint = keys.fingerprint(private.public_key()) if private else None
    signer, as_name = _signing_identity(key_path, private, info["examiner"], signing_as) \
        if private is not None and key_path else ("", None)
    anchor = _checked_anchor(store)
    created = not bag.exists()
    zip_path = bag.with_name(bag.name + ".zip") if make_zip else None
    if zip_path is not None and zip_path.exists():
        raise UsageError(f"{zip_path} already exists; a package is never written over other files.")
    try:
        summary = _write_package(store, bag, info, scope, include_files, private, fingerprint, signer, as_name,
                                 anchor, zip_path, report_scope)
    except BaseException:
        if created:
            shutil.rmtree(bag, ignore_errors=True)
        if zip_path is not None:
            with contextlib.suppress(OSError):
                zip_path.unlink()
        raise
    # Only now that the package exists: its continuity event and its audit entry.
    _record_export_custody(store, bag, scope)
    store.audit(store.examiner, "package exported", summary, touched=("custody",))
    return summary


def _write_package(store: CaseStore, bag: Path, info: dict[str, Any], scope: str, include_files: bool,
                   private: Any, fingerprint: str | None, signer: str, as_name: str | None,
                   anchor: dict[str, Any], zip_path: Path | None, report_scope: str = "notable") -> dict[str, Any]:
    findings = collect(store, scope)
    data = bag / "data"
    for sub in ("report", "case", "timeline", "csv", "tables", "audit"):
        (data / sub).mkdir(parents=True, exist_ok=True)
    file_ids = selected_file_ids(store, findings, scope)
    report_id = new_report_id(str(info["case_number"]))
    signed_utc = utcnow_iso()
    signing = {"signer": signer, "fingerprint": fingerprint, "signed_utc": signed_utc, "report_id": report_id,
               "signing_as": as_name} if private is not None else None
    report = build_report(store, data / "report" / "report.pdf", report_scope, report_id=report_id,
                          signer_fingerprint=fingerprint, signing=signing)
    (data / "report" / "report.pdf").rename(data / "report" / f"{report.report_id}.pdf")
    export_case(store, data / "case" / "case.jsonld", scope)
    export_dfxml(store, data / "case" / "listing.dfxml", file_ids)
    export_bodyfile(store, data / "timeline" / "bodyfile.txt", file_ids)
    write_csv(store, data / "csv", scope, findings)
    write_jsonl(store, data / "tables", scope, findings)
    write_audit_jsonl(store, data / "audit" / "audit.jsonl")
    copies: list[dict[str, Any]] = []
    if include_files:
        wanted = {f.file_id for f in findings if f.file_id is not None}
        copies = _copy_files(store, bag, wanted)
        (data / "files").mkdir(parents=True, exist_ok=True)
        (data / "files" / "index.json").write_text(json.dumps(copies, indent=1, ensure_ascii=False) + "\n",
                                                   encoding="utf-8")
    # The snapshot last: it must be exactly the anchored state the tables above were written from.
    write_snapshot(store, bag / SNAPSHOT)
    snap = open_snapshot(bag / SNAPSHOT)
    try:
        snapshot_tables = snap.findings.table_digests()
    finally:
        snap.close()
    if snapshot_tables != anchor["tables"]:
        changed = sorted(t for t in snapshot_tables if snapshot_tables[t] != anchor["tables"].get(t))
        raise IntegrityError(f"The case changed while the package was written (tables {', '.join(changed)}); "
                             "nothing was recorded.", hint="Build the package again when no other job runs.")
    case_digest = {
        "format": 1, "case_number": info["case_number"], "combined": anchor["combined"], "tables": anchor["tables"],
        "anchor": {"audit_seq": anchor["seq"], "audit_hash": anchor["hash"], "time_utc": anchor["time_utc"],
                   "action": anchor["action"]},
        "audit_head": {"seq": anchor["audit_entries"], "hash": anchor["audit_head"]},
        "snapshot": SNAPSHOT,
        "canonical_form": "forensic_triage.store.digest.table_digest",
    }
    (bag / DIGEST_FILE).write_text(json.dumps(case_digest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    octets, count = _write_manifest(bag)
    (bag / "bagit.txt").write_text("BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n", encoding="utf-8")
    bag_info = {
        "Source-Organization": info["agency"] or "not recorded", "Contact-Name": info["examiner"],
        "External-Identifier": info["case_number"], "External-Description": info["title"] or "evidence package",
        "Bagging-Date": utcnow_iso()[:10], "Bagging-Time-UTC": utcnow_iso(), "Payload-Oxum": f"{octets}.{count}",
        "Bag-Software-Agent": f"{TOOL_NAME} {__version__}", "Report-ID": report.report_id, "Scope": scope, "Report-Scope": report_scope,
        "Audit-Head-SHA256": anchor["audit_head"], "Case-Digest-SHA256": anchor["combined"],
        "Signer-Fingerprint": fingerprint or "unsigned",
    }
    if info.get("training"):  # a training case's package says so (import-package keeps it apart from casework)
        bag_info["Case-Kind"] = "TRAINING \u2014 NOT EVIDENCE (training exercise)"
    (bag / "bag-info.txt").write_text("".join(f"{k}: {_one_line(v)}\n" for k, v in bag_info.items()),
                                      encoding="utf-8")
    tag_lines = [f"{sha256_file(bag / n)}  {n}"
                 for n in ("bagit.txt", "bag-info.txt", "manifest-sha256.txt", DIGEST_FILE)]
    (bag / "tagmanifest-sha256.txt").write_text("\n".join(tag_lines) + "\n", encoding="utf-8")
    manifest_sha = sha256_file(bag / "manifest-sha256.txt")
    statement: dict[str, Any] | None = None
    if private is not None and signing is not None:
        statement = {
            "type": STATEMENT_TYPE, "version": 2, "signer": signer, "signing_as": as_name,
            "fingerprint": fingerprint, "public_key": keys.raw_public(private.public_key()).hex(),
            "signed_utc": signed_utc, "report_id": report.report_id, "case_number": info["case_number"],
            "manifest_sha256": manifest_sha, "tagmanifest_sha256": sha256_file(bag / "tagmanifest-sha256.txt"),
            "case_digest": anchor["combined"], "audit_head": anchor["audit_head"], "tool": f"{TOOL_NAME} {__version__}",
        }
        if info.get("training"):
            statement["case_kind"] = "training"
        signature = private.sign(canonical_statement(statement))
        (bag / SIGNATURE_FILE).write_text(json.dumps({
            "format": 2, "algorithm": "Ed25519", "context": STATEMENT_CONTEXT.decode().strip(),
            "covers": "the canonical JSON of 'statement' (sorted keys, no spaces, UTF-8) after the context line",
            "statement": statement, "signature": base64.b64encode(signature).decode("ascii")},
            indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    if zip_path is not None:
        write_zip(bag, zip_path)
    return {"package": str(bag), "zip": str(zip_path) if zip_path else None,
            **({"zip_sha256": sha256_file(zip_path)} if zip_path is not None else {}), "report_id": report.report_id,
            "scope": scope, "files": count, "bytes": octets, "copies": len(copies),
            "manifest_sha256": manifest_sha, "signer_fingerprint": fingerprint,
            "signer": signer or None, "signing_as": as_name, "signed_utc": signed_utc if statement else None,
            "case_digest": anchor["combined"], "audit_head_covered": anchor["audit_head"],
            "report_sha256": sha256_file(data / "report" / f"{report.report_id}.pdf"),
            "case_sha256": sha256_file(data / "case" / "case.jsonld")}


def write_audit_jsonl(store: CaseStore, path: Path) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for row in store.findings.audit_entries():
            fh.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")


def _record_export_custody(store: CaseStore, bag: Path, scope: str) -> None:
    """Each exhibit in the package gets an 'exported' continuity event (in the package's own report)."""
    from ..custody import CustodyEvent, add_event
    from ..timeutil import utcnow_iso

    info = store.case_info()
    for ev in store.evidence.items():
        add_event(store, CustodyEvent(
            exhibit=ev["exhibit"], action="exported", who=info["examiner"], time_utc=utcnow_iso(),
            timezone=info["timezone"], location=info["agency"] or "",
            purpose=f"Findings exported in an evidence package (scope {scope}); the exhibit itself stays sealed",
            note=f"package folder {bag.name}", evidence_id=ev["id"]))


def _one_line(value: Any) -> str:
    return re.sub(r"[\r\n]+", " ", str(value))


def write_zip(bag: Path, zip_path: Path) -> None:
    """The package folder as one zip, written beside it under a temporary name and renamed when whole."""
    temp = zip_path.with_name(f".{zip_path.name}.part")
    try:
        with zipfile.ZipFile(temp, "w", zipfile.ZIP_DEFLATED) as zf:
            for path in sorted(bag.rglob("*")):
                if path.is_file():
                    zf.write(path, f"{bag.name}/{path.relative_to(bag).as_posix()}")
        os.replace(temp, zip_path)
    finally:
        temp.unlink(missing_ok=True)


MAX_MEMBERS = 200_000
_SAFE_NAME = re.compile(r"[^\x00-\x1f\x7f\\:*?\"<>|]+")


def _member_problem(name: str, mode: int) -> str | None:
    if not name or name.startswith("/") or any(not _SAFE_NAME.fullmatch(part) for part in name.rstrip("/").split("/")):
        return f"the zip holds a member with an unsafe name: {name!r}"
    if any(part in (".", "..") for part in name.rstrip("/").split("/")):
        return f"the zip holds a member that would escape the package: {name!r}"
    if mode == 0o120000:
        return f"the zip holds a symbolic link: {name!r}"
    if mode not in (0, 0o100000, 0o040000):
        return f"the zip holds a member that is not a plain file or folder: {name!r}"
    return None


def _check_sizes(members: list[zipfile.ZipInfo], dest: Path) -> None:
    if len(members) > MAX_MEMBERS:
        raise IntegrityError(f"The zip declares {len(members)} members, more than a package holds.")
    declared = sum(m.file_size for m in members)
    free = shutil.disk_usage(dest).free
    if declared > free:
        raise IntegrityError(f"The zip declares {declared} bytes of content, more than the {free} bytes free "
                             "for checking it.")


def _extract_member(zf: zipfile.ZipFile, member: zipfile.ZipInfo, dest: Path, seen: set[str]) -> None:
    """One member, checked (name, kind, duplicates, encryption, escape) and copied no further than
    the size it declares."""
    name = member.filename
    problem = _member_problem(name, (member.external_attr >> 16) & 0o170000)
    if problem:
        raise IntegrityError(problem[0].upper() + problem[1:] + ".")
    if ((member.external_attr >> 16) & 0o170000 == 0o040000) != member.is_dir():
        raise IntegrityError(f"The zip member {name!r} is marked as a folder and a file at once.")
    key = name.rstrip("/").casefold()
    if key in seen:
        raise IntegrityError(f"The zip holds two members named {name!r}.")
    seen.add(key)
    if member.flag_bits & 0x1:
        raise IntegrityError(f"The zip member {name!r} is encrypted; a package is never encrypted.")
    root = dest.resolve()
    target = (dest / name).resolve()
    if root not in target.parents and target != root:
        raise IntegrityError(f"The zip holds a member that would escape the package: {name!r}.")
    if member.is_dir():
        target.mkdir(parents=True, exist_ok=True)
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    with zf.open(member) as src, target.open("xb") as out:
        while block := src.read(CHUNK):
            written += len(block)
            if written > member.file_size:
                raise IntegrityError(f"The zip member {name!r} holds more bytes than it declares.")
            out.write(block)
    if written != member.file_size:
        raise IntegrityError(f"The zip member {name!r} declares {member.file_size} bytes but holds {written}.")


def safe_extract(zip_path: Path, dest: Path) -> Path:
    """Unpack a package zip refusing anything that could escape ``dest`` or flood the disk:
    unsafe or duplicate names, links and special files, encrypted members, more bytes than
    declared or than the free space. Any damage (bad CRC, truncation) is an IntegrityError."""
    dest.mkdir(parents=True, exist_ok=True)
    try:
        with zipfile.ZipFile(zip_path) as zf:
            members = zf.infolist()
            _check_sizes(members, dest)
            seen: set[str] = set()
            for member in members:
                _extract_member(zf, member, dest, seen)
    except IntegrityError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError, RuntimeError, ValueError,
            UnicodeError, OverflowError, MemoryError, OSError) as exc:
        raise IntegrityError(f"The zip {zip_path.name} is damaged or not a package zip ({type(exc).__name__}: "
                             f"{exc}).") from exc
    except Exception as exc:  # zlib.error, struct.error, ...: still a damaged zip, never a traceback
        raise IntegrityError(f"The zip {zip_path.name} is damaged ({type(exc).__name__}: {exc}).") from exc
    bags = [p.parent for p in dest.rglob("bagit.txt")]
    if len(bags) != 1:
        raise IntegrityError(f"{zip_path.name} does not hold exactly one package (found {len(bags)} bagit.txt).")
    return bags[0]
