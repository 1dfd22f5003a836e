"""The evidence package: a BagIt (RFC 8493) bag, its manifests signed with the examiner's key.

Layout::

    PACKAGE/
      bagit.txt  bag-info.txt  manifest-sha256.txt  tagmanifest-sha256.txt  signature-ed25519.json
      data/report/REPORT_ID.pdf        court report
      data/case/case.jsonld            CASE/UCO 1.5 graph
      data/case/listing.dfxml          DFXML file listing
      data/timeline/bodyfile.txt       mactime body file
      data/csv/*.csv                   one CSV per table (+ findings.csv)
      data/tables/*.jsonl              lossless tables (what import-package reads)
      data/audit/audit.jsonl           the case's hash-chained audit log
      data/files/EXHIBIT/NNNNNN_name   copies of selected files (--include-files)
      data/files/index.json            original names, locators, hashes of those copies

The signature covers ``manifest-sha256.txt`` and ``tagmanifest-sha256.txt`` (which lists
``bag-info.txt``, so the report id, case number and signer fingerprint are covered too).
"""

from __future__ import annotations

import base64
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
from ..timeutil import utcnow_iso
from . import keys
from .bodyfile import export_bodyfile
from .case_uco import export_case
from .dfxml import export_dfxml
from .evidence_read import iter_content
from .findings import collect, file_rows, full_locator, selected_file_ids
from .pdf_report import build_report
from .tables import write_csv, write_jsonl

SIGNATURE_FILE = "signature-ed25519.json"
SIGNATURE_CONTEXT = b"forensic-triage package signature v1\n"
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
    return SIGNATURE_CONTEXT + (bag / "manifest-sha256.txt").read_bytes() + b"\x00" + \
        (bag / "tagmanifest-sha256.txt").read_bytes()


def _copy_files(store: CaseStore, bag: Path, file_ids: set[int]) -> list[dict[str, Any]]:
    """Copy the selected files out of the evidence (read-only), checked against the case hashes."""
    index = []
    for row in file_rows(store, file_ids):
        if row["type"] != "file":
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
                      "sha256_matches_case": True})
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


def build_package(store: CaseStore, out_dir: str | os.PathLike[str], *, scope: str = "all",
                  include_files: bool = False, key_path: str | None = None, passphrase: bytes | None = None,
                  make_zip: bool = False) -> dict[str, Any]:
    """Write the package folder (and optionally a zip of it); returns a summary."""
    bag = Path(out_dir)
    if bag.exists() and any(bag.iterdir()):
        raise UsageError(f"{bag} exists and is not empty; a package is never written over other files.")
    private = keys.load_private(key_path, passphrase) if key_path else None
    fingerprint = keys.fingerprint(private.public_key()) if private else None
    info = store.case_info()
    _record_export_custody(store, bag, scope)
    findings = collect(store, scope)
    data = bag / "data"
    for sub in ("report", "case", "timeline", "csv", "tables", "audit"):
        (data / sub).mkdir(parents=True, exist_ok=True)
    file_ids = selected_file_ids(store, findings, scope)
    report = build_report(store, data / "report" / "report.pdf", scope, signer_fingerprint=fingerprint)
    (data / "report" / "report.pdf").rename(data / "report" / f"{report.report_id}.pdf")
    export_case(store, data / "case" / "case.jsonld", scope)
    export_dfxml(store, data / "case" / "listing.dfxml", file_ids)
    export_bodyfile(store, data / "timeline" / "bodyfile.txt", file_ids)
    write_csv(store, data / "csv", scope, findings)
    write_jsonl(store, data / "tables", scope, findings)
    with (data / "audit" / "audit.jsonl").open("w", encoding="utf-8") as fh:
        for row in store.query("SELECT * FROM audit ORDER BY seq"):
            fh.write(json.dumps(dict(row), ensure_ascii=False, sort_keys=True) + "\n")
    copies: list[dict[str, Any]] = []
    if include_files:
        wanted = {f.file_id for f in findings if f.file_id is not None}
        copies = _copy_files(store, bag, wanted)
        (data / "files").mkdir(parents=True, exist_ok=True)
        (data / "files" / "index.json").write_text(json.dumps(copies, indent=1, ensure_ascii=False) + "\n",
                                                   encoding="utf-8")
    octets, count = _write_manifest(bag)
    (bag / "bagit.txt").write_text("BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n", encoding="utf-8")
    bag_info = {
        "Source-Organization": info["agency"] or "not recorded", "Contact-Name": info["examiner"],
        "External-Identifier": info["case_number"], "External-Description": info["title"] or "evidence package",
        "Bagging-Date": utcnow_iso()[:10], "Bagging-Time-UTC": utcnow_iso(), "Payload-Oxum": f"{octets}.{count}",
        "Bag-Software-Agent": f"{TOOL_NAME} {__version__}", "Report-ID": report.report_id, "Scope": scope,
        "Audit-Head-SHA256": report.audit_head, "Signer-Fingerprint": fingerprint or "unsigned",
    }
    (bag / "bag-info.txt").write_text("".join(f"{k}: {_one_line(v)}\n" for k, v in bag_info.items()),
                                      encoding="utf-8")
    tag_lines = [f"{sha256_file(bag / n)}  {n}" for n in ("bagit.txt", "bag-info.txt", "manifest-sha256.txt")]
    (bag / "tagmanifest-sha256.txt").write_text("\n".join(tag_lines) + "\n", encoding="utf-8")
    manifest_sha = sha256_file(bag / "manifest-sha256.txt")
    if private is not None:
        signature = private.sign(signed_message(bag))
        (bag / SIGNATURE_FILE).write_text(json.dumps({
            "algorithm": "Ed25519", "signed": ["manifest-sha256.txt", "tagmanifest-sha256.txt"],
            "context": SIGNATURE_CONTEXT.decode().strip(), "signer": info["examiner"], "fingerprint": fingerprint,
            "public_key": keys.raw_public(private.public_key()).hex(), "signed_utc": utcnow_iso(),
            "signature": base64.b64encode(signature).decode("ascii")}, indent=1) + "\n", encoding="utf-8")
    zip_path = None
    if make_zip:
        zip_path = bag.with_name(bag.name + ".zip")
        write_zip(bag, zip_path)
    summary = {"package": str(bag), "zip": str(zip_path) if zip_path else None, "report_id": report.report_id,
               "scope": scope, "files": count, "bytes": octets, "copies": len(copies),
               "manifest_sha256": manifest_sha, "signer_fingerprint": fingerprint,
               "report_sha256": sha256_file(data / "report" / f"{report.report_id}.pdf"),
               "case_sha256": sha256_file(data / "case" / "case.jsonld")}
    store.audit(store.examiner, "package exported", summary)
    return summary


def _record_export_custody(store: CaseStore, bag: Path, scope: str) -> None:
    """Each exhibit in the package gets an 'exported' continuity event (in the package's own report)."""
    from ..custody import CustodyEvent, add_event
    from ..timeutil import utcnow_iso

    info = store.case_info()
    for ev in store.query("SELECT id, exhibit FROM evidence ORDER BY id"):
        add_event(store, CustodyEvent(
            exhibit=ev["exhibit"], action="exported", who=info["examiner"], time_utc=utcnow_iso(),
            timezone=info["timezone"], location=info["agency"] or "",
            purpose=f"Findings exported in an evidence package (scope {scope}); the exhibit itself stays sealed",
            note=f"package folder {bag.name}", evidence_id=ev["id"]))


def _one_line(value: Any) -> str:
    return re.sub(r"[\r\n]+", " ", str(value))


def write_zip(bag: Path, zip_path: Path) -> None:
    with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(bag.rglob("*")):
            if path.is_file():
                zf.write(path, f"{bag.name}/{path.relative_to(bag).as_posix()}")


def safe_extract(zip_path: Path, dest: Path) -> Path:
    """Unpack a package zip refusing any member that could land outside ``dest``; returns the bag."""
    dest.mkdir(parents=True, exist_ok=True)
    root = dest.resolve()
    with zipfile.ZipFile(zip_path) as zf:
        for member in zf.infolist():
            name = member.filename
            mode = (member.external_attr >> 16) & 0o170000
            if name.startswith(("/", "\\")) or ".." in Path(name).parts or ":" in name.split("/")[0] or mode == 0o120000:
                raise IntegrityError(f"The zip holds a member that would escape the package: {name!r}.")
            target = (dest / name).resolve()
            if root not in target.parents and target != root:
                raise IntegrityError(f"The zip holds a member that would escape the package: {name!r}.")
            if member.is_dir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            with zf.open(member) as src, target.open("wb") as out:
                shutil.copyfileobj(src, out)
    bags = [p.parent for p in dest.rglob("bagit.txt")]
    if len(bags) != 1:
        raise IntegrityError(f"{zip_path} does not hold exactly one package (found {len(bags)} bagit.txt).")
    return bags[0]
