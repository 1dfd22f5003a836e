"""Open a verified evidence package as a read-only review case (no evidence image needed).

The package is verified first (hashes and signature); a package that fails is refused. The
new case receives the package's tables (evidence records, volumes, files, findings, tags and
notes, custody, warnings, previews) with their original ids, so finding ids such as ``ART-12``
stay the same on both sides; it is marked read-only and names the package it came from. Its
own audit log starts with the import (package path, manifest SHA-256, signer). The receiving
lab can add its own custody events and notes.
"""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from pathlib import Path

from ..errors import IntegrityError, StoreError, UsageError
from ..store import CaseStore
from .package import safe_extract, sha256_file
from .package_verify import VerifyResult, verify_bag
from .tables import TABLES, read_jsonl

CASE_FIELDS = ("title", "agency", "timezone", "authority", "requester", "scope")


def import_package(path: str | Path, new_case_dir: str | Path, *, pubkey_path: str | None = None,
                   examiner: str | None = None, training: bool = False) -> tuple[CaseStore, VerifyResult]:
    """``training``: the new case is a training case; only a training package is accepted then, and
    a training package is refused otherwise (training and casework never mix)."""
    src = Path(path)
    if src.is_file():
        if not zipfile.is_zipfile(src):
            raise IntegrityError(f"{src} is neither a package folder nor a zip.")
        with tempfile.TemporaryDirectory(prefix="ft-import-") as tmp:
            bag = safe_extract(src, Path(tmp))
            return _import(bag, src, Path(new_case_dir), pubkey_path, examiner, training)
    return _import(src, src, Path(new_case_dir), pubkey_path, examiner, training)


def _import(bag: Path, origin: Path, case_dir: Path, pubkey_path: str | None,
            examiner: str | None, training: bool = False) -> tuple[CaseStore, VerifyResult]:
    result = verify_bag(bag, pubkey_path)
    if not result.ok:
        named = result.missing + result.added + result.changed + result.problems
        raise IntegrityError(f"The package {origin} failed verification and was not imported: "
                             f"{'; '.join(named[:5])}.")
    tables = bag / "data" / "tables"
    info_rows = list(read_jsonl(tables / "case_info.jsonl"))
    if not info_rows:
        raise IntegrityError(f"The package {origin} holds no case record (data/tables/case_info.jsonl).")
    info = info_rows[0]
    if bool(info.get("training")) != training:
        raise UsageError(
            f"The package {origin} holds a training exercise case and cannot be imported as casework."
            if not training else f"The package {origin} holds a casework case and cannot be imported as training.",
            hint="Training and casework are kept apart; import a training package with --training, and only then.")
    actor = examiner or str(info["examiner"])
    store = CaseStore.create(case_dir, case_number=str(info["case_number"]), examiner=str(info["examiner"]),
                             **{k: str(info.get(k) or "") for k in CASE_FIELDS if k != "timezone"},
                             timezone=str(info.get("timezone") or "UTC"))
    try:
        with store.transaction():
            # The original case's identity (its creation time keeps the CASE IRIs the same).
            if training:
                store.training.copy_mark(str(info["training"]))
            store.findings.mark_imported(info["created_utc"], f"{origin.name} (manifest SHA-256 "
                                                              f"{sha256_file(bag / 'manifest-sha256.txt')})")
            counts: dict[str, int] = {}
            for table in TABLES:
                if table == "case_info":
                    continue
                counts[table] = _load_table(store, table, tables / f"{table}.jsonl")
            if actor != info["examiner"]:
                store.findings.add_examiner(actor, "receiving examiner")
            store.audit(actor, "package imported", {
                "package": str(origin), "manifest_sha256": sha256_file(bag / "manifest-sha256.txt"),
                "signer": result.signer, "signer_fingerprint": result.fingerprint,
                "signer_covered_by_signature": result.signer_covered, "signing_as": result.signing_as,
                "signed_utc": result.signed_utc, "source_case_digest": result.case_digest,
                "report_id": result.bag_info.get("Report-ID", ""),
                "source_audit_head": result.bag_info.get("Audit-Head-SHA256", ""), "rows": counts})
        shutil.copytree(bag / "data", case_dir / "package", dirs_exist_ok=False)
        for name in ("bag-info.txt", "manifest-sha256.txt", "tagmanifest-sha256.txt", "signature-ed25519.json",
                     "case-digest.json"):
            if (bag / name).is_file():
                shutil.copy2(bag / name, case_dir / "package" / name)
    except BaseException:
        store.close()
        raise
    return store, result


def _load_table(store: CaseStore, table: str, path: Path) -> int:
    if not path.is_file():
        return 0
    try:
        return store.findings.load_rows(table, read_jsonl(path))
    except StoreError as exc:  # a damaged table (constraint failed, value out of range), named
        raise StoreError(f"The package's {table} table cannot be loaded: {exc.message}") from exc
