"""Intake of a logical extraction (folder, ZIP, TAR / TAR.GZ, iOS backup): hash every container
file, list the one volume, record what the extraction says of the device and of its own hashes.

Called by :func:`.intake.add_evidence` when :func:`~forensic_triage.evidence.logical.detect_logical`
recognises the path; atomic and resumable the same way (the item is recorded 'incomplete' first).

* Containers: the archive itself, or every regular file of the folder (sorted listing, links never
  followed), each hashed with SHA-256, MD5 and SHA-1 in one read; each is an ``evidence_containers``
  row, so ``verify`` and the report re-hash them as they do image segments.
* The item's hashes: the archive's own; for a folder, those of its *manifest* (one line
  ``SHA-256  size  relative path`` per file, sorted by path bytes, UTF-8 with \\x escapes), kept in
  ``evidence.details['manifest']`` with the file count.
* One volume at offset 0, layer ``dir`` / ``zip`` / ``tar`` / ``ios``, fs_type ``Folder`` / ``ZIP`` /
  ``TAR`` / ``iOS backup``; the walk happens at triage.
* ``evidence.details``: ``device`` (iOS: name, model, version, serial, UDID, IMEI, phone number,
  backup date), ``extraction_hashes`` (hash files the tool left, compared with the recomputed value).
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import stat
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from ..errors import EvidenceError, FileSystemError
from ..evidence.hashing import CHUNK, ContainerInfo, verdict_for
from ..evidence.images import RawMedia
from ..evidence.logical import Logical, hash_claims, ios_details
from ..fs.folder import list_folder
from ..fs.volumes import VolumeInfo
from ..store import CaseStore
from ..store.evidence_repo import INTAKE_TABLES
from .context import JobContext
from .intake import IntakeResult, Warning, _abandon, _begin, _unfinished

ALGOS = ("md5", "sha1", "sha256")


@dataclasses.dataclass(slots=True)
class _Size:
    """What intake's first record needs of the media (its size)."""

    size: int
    sector_size: int = 512


def container_files(logical: Logical, on_problem: Any) -> list[tuple[Path, str]]:
    """(file, path relative to the evidence) of every container file, sorted by path bytes."""
    if logical.format in ("zip", "tar"):
        return [(logical.path.resolve(), logical.path.name)]
    root = os.fsencode(logical.path.resolve())
    found = sorted(rel for rel, st in list_folder(root, on_problem) if stat.S_ISREG(st.st_mode))
    return [(Path(os.fsdecode(os.path.join(root, rel))), os.fsdecode(rel)) for rel in found]


def hash_file3(path: Path, ctx: JobContext | None) -> dict[str, str]:
    """MD5, SHA-1 and SHA-256 of one file in one read (opened O_RDONLY)."""
    digests = {a: hashlib.new(a) for a in ALGOS}
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    try:
        offset = 0
        with ThreadPoolExecutor(max_workers=1) as pool:
            while data := os.pread(fd, CHUNK, offset):
                job = pool.submit(digests["md5"].update, data)
                digests["sha1"].update(data)
                digests["sha256"].update(data)
                job.result()
                offset += len(data)
                if ctx:
                    ctx.advance(len(data))
                    ctx.check_cancel()
    finally:
        os.close(fd)
    return {a: d.hexdigest() for a, d in digests.items()}


def _manifest_line(sha256: str, size: int, rel: str) -> str:
    return f"{sha256}  {size}  {os.fsencode(rel).decode('utf-8', 'backslashreplace')}\n"


def add_logical(store: CaseStore, logical: Logical, *, exhibit: str | None = None, description: str = "",
                seals: str = "", ctx: JobContext | None = None, source_timezone: str | None = None) -> IntakeResult:
    """Add a logical extraction to the case (see the module text)."""
    warnings: list[Warning] = []
    problems: list[str] = []
    files = container_files(logical, problems.append)
    first = str(logical.path.resolve())
    earlier = _unfinished(store, first)
    if earlier and earlier[2] == "complete":
        from ..errors import StoreError

        raise StoreError(f"{logical.path} is already in this case as evidence item {earlier[1]}.")
    before = [(f, os.stat(f).st_mtime_ns, os.stat(f).st_size) for f, _rel in files]
    total = sum(size for _f, _m, size in before)
    evidence_id, uid = _begin(store, earlier, exhibit, description, seals, logical.format, first,
                              _Size(total), source_timezone)  # type: ignore[arg-type]
    try:
        result = _intake(store, evidence_id, uid, logical, files, before, total, problems, warnings, ctx)
    except Exception as exc:  # any failure but an interruption: the incomplete item goes; raised again
        _abandon(store, evidence_id, uid, exc)
        raise
    result.resumed = earlier is not None
    return result


def _open_source(logical: Logical) -> tuple[int, list[str]]:
    """(members listed, problems the listing found), opening the extraction as triage will."""
    from ..fs.archive import TarSource, ZipSource
    from ..fs.folder import FolderSource
    from ..fs.iosbackup import BackupSource

    source: ZipSource | TarSource | BackupSource | FolderSource
    if logical.format == "iosbackup":
        source = BackupSource(logical.path)
    elif logical.format == "folder":
        source = FolderSource(logical.path)
    else:
        media = RawMedia((logical.path,))
        try:
            source = ZipSource(media) if logical.format == "zip" else TarSource(
                media, gzipped=logical.compression == "gzip")
        finally:
            media.close()
    return len(source.members), list(source.problems)


def _claims(logical: Logical, uid: str, files: list[tuple[Path, str]], hashes: list[dict[str, str]],
            details: dict[str, Any], warnings: list[Warning]) -> dict[str, str]:
    """The extraction's own hash files compared with the recomputed hashes (into ``details`` and a
    warning per mismatch); returns the hashes an archive's own hash file states for it."""
    by_rel = {rel: h for (_f, rel), h in zip(files, hashes, strict=True)}
    archive = logical.format in ("zip", "tar")
    stored: dict[str, str] = {}
    claims: list[dict[str, Any]] = []
    for claim in hash_claims(logical, [rel for _f, rel in files]):
        recomputed = (hashes[0] if archive else by_rel.get(claim["path"], {})).get(claim["algorithm"], "")
        claims.append(claim | {"recomputed": recomputed,
                               "match": (recomputed == claim["value"]) if recomputed else None})
        if archive:
            stored.setdefault(claim["algorithm"], claim["value"])
    if claims:
        details["extraction_hashes"] = claims
    for c in claims:
        if c["match"] is False:
            warnings.append(("evidence.verify", "integrity",
                             f"Evidence item {uid}: the {str(c['algorithm']).upper()} the extraction states for "
                             f"{c['path']} ({c['source']}) does not match the one recomputed at intake; the file "
                             "was changed or damaged after the extraction.", dict(c)))
        elif c["match"] is None:
            warnings.append(("evidence.verify", "warning",
                             f"Evidence item {uid}: the extraction states a {str(c['algorithm']).upper()} for "
                             f"{c['path']} ({c['source']}), a file that is not in it; nothing was compared.",
                             dict(c)))
    return stored


def _intake(store: CaseStore, evidence_id: int, uid: str, logical: Logical, files: list[tuple[Path, str]],
            before: list[tuple[Path, int, int]], total: int, problems: list[str], warnings: list[Warning],
            ctx: JobContext | None) -> IntakeResult:
    if ctx:
        ctx.begin("hashing the extraction's files", total=total, unit="bytes")
    hashes = [hash_file3(f, ctx) for f, _rel in files]
    after = [(f, os.stat(f).st_mtime_ns, os.stat(f).st_size) for f, _rel in files]
    if before != after:
        raise EvidenceError(f"Files of the evidence {logical.path} changed while they were being read; it was not "
                            "added.")
    containers = [ContainerInfo(str(f), size, mtime, h["sha256"])
                  for (f, mtime, size), h in zip(before, hashes, strict=True)]
    details: dict[str, Any] = {"logical": {"format": logical.format, "files": len(files), "bytes": total}}
    if logical.compression:
        details["logical"]["compression"] = logical.compression
    if logical.format in ("zip", "tar"):
        computed = hashes[0]
    else:
        manifest = "".join(_manifest_line(h["sha256"], size, rel)
                           for (_f, _m, size), (_p, rel), h in zip(before, files, hashes, strict=True))
        computed = {a: hashlib.new(a, manifest.encode()).hexdigest() for a in ALGOS}
        details["manifest"] = {"files": len(files), "bytes": total,
                               "line": "SHA-256, two spaces, size, two spaces, relative path; sorted; UTF-8"}
    if logical.format == "iosbackup":
        details.update(ios_details(logical.path))
    stored = _claims(logical, uid, files, hashes, details, warnings)
    verdict = verdict_for(stored, computed)
    if ctx:
        ctx.begin("listing the extraction")
    try:
        members, listing = _open_source(logical)
    except (FileSystemError, EvidenceError) as exc:
        raise EvidenceError(f"{logical.path} cannot be read as a {logical.fs_type}: {exc}; it was not added.") from exc
    for message in problems + listing:
        warnings.append(("fs.logical", "warning", f"Evidence item {uid}: {message}", {}))
    volume = VolumeInfo(addr=None, offset=0, length=total, description=f"{logical.fs_type}: {members} entries",
                        vs_type=None, fs_type=logical.fs_type, block_size=65536, label=logical.path.name,
                        status="pending", layer=logical.layer,
                        details={"members": members, **({"compression": logical.compression}
                                                        if logical.compression else {})})
    with store.transaction() as conn:
        store.evidence.clear_intake_rows(evidence_id)
        store.evidence.record_hashes(evidence_id, header={}, stored=stored, computed=computed, verdict=verdict)
        store.evidence.add_containers(evidence_id, containers)
        store.evidence.set_details(evidence_id, details)
        store.evidence.record_volumes(evidence_id, None, [volume])
        for source, kind, message, wdetails in warnings:
            store.add_warning(conn, source=source, evidence_id=evidence_id, kind=kind, message=message,
                              details=wdetails)
        store.evidence.mark_intake_complete(evidence_id)
        store.audit(store.examiner, "evidence added", {
            "evidence": uid, "exhibit": store.evidence.exhibit_of(evidence_id), "format": logical.format,
            "containers": len(containers), "media": computed, "stored": stored, "verdict": verdict,
            "warnings": len(warnings)}, touched=INTAKE_TABLES)
    if ctx and warnings:
        ctx.warn(len(warnings))
    return IntakeResult(evidence_id, uid, logical.format, total, computed["md5"], computed["sha1"],
                        computed["sha256"], stored, verdict, containers, [w[2] for w in warnings])


__all__ = ["add_logical", "container_files", "hash_file3"]
