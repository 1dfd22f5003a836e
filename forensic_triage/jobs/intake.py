"""Evidence intake, a job: record the containers, hash the media in one read, verify (E01: every
chunk's checksum too), list volumes; atomic and resumable (see :func:`add_evidence`).

Layers: the containers are read by :mod:`forensic_triage.evidence` (hashing), the volumes listed
by :mod:`forensic_triage.fs` (in a child process), and everything is recorded through the store's
evidence repository (``store.evidence``) in one transaction.
"""

from __future__ import annotations

import dataclasses
import os
import re
import sqlite3
import struct
from pathlib import Path
from typing import Any

from ..errors import EvidenceError, StoreError
from ..evidence.detect import detect
from ..evidence.ewfcheck import ChunkChecker, LayoutError
from ..evidence.hashing import (
    CHUNK,
    FAILED_VERDICTS,
    ContainerInfo,
    checksum_warnings,
    container_infos,
    hash_media,
    recheck_container,
    segment_warnings,
    verdict_for,
)
from ..evidence.images import AnyMedia, EwfMedia, RawMedia, open_media
from ..evidence.logical import detect_logical
from ..fs.probe import probe_volumes
from ..fs.volumes import VolumeInfo, check_volumes
from ..store import CaseStore
from ..store.evidence_repo import INTAKE_TABLES
from .context import JobContext

__all__ = ["CHUNK", "FAILED_VERDICTS", "ContainerInfo", "IntakeResult", "add_evidence", "check_containers",
           "container_infos", "hash_media", "intake_problems", "verdict_for"]

Warning = tuple[str, str, str, dict[str, Any]]  # (source, kind, message, details), stored in order


@dataclasses.dataclass(slots=True)
class IntakeResult:
    evidence_id: int
    uid: str
    format: str
    media_size: int
    md5: str
    sha1: str
    sha256: str
    stored: dict[str, str]
    verdict: str
    containers: list[ContainerInfo]
    warnings: list[str] = dataclasses.field(default_factory=list)  # every warning stored, in order
    resumed: bool = False  # an earlier, unfinished intake of the same image was redone


def _next_uid(store: CaseStore, exhibit: str | None, own_id: int | None = None) -> str:
    existing = store.evidence.uids(except_id=own_id)
    base = re.sub(r"[^A-Za-z0-9_.-]+", "-", exhibit or "").strip("-") or "EV"
    if exhibit and base not in existing:
        return base
    n = 1
    while f"{base}-{n}" in existing if exhibit else f"EV{n}" in existing:
        n += 1
    return f"{base}-{n}" if exhibit else f"EV{n}"


def _unfinished(store: CaseStore, first: str) -> tuple[int, str, str] | None:
    """The evidence item already recorded for this image: (id, uid, 'complete'|'incomplete'), or None.

    An item from before intake states existed that has no volumes and no listing warning was
    interrupted the same way (the listing always records at least one volume or a warning).
    """
    row = store.evidence.item_by_path(first)
    if row is None:
        return None
    state = str(row["intake_state"])
    if state == "complete" and not store.evidence.listing_recorded(int(row["id"])):
        state = "incomplete"
    return int(row["id"]), str(row["uid"]), state


def intake_problems(store: CaseStore) -> list[str]:
    """One sentence per evidence item whose intake did not finish (for triage, reports, verify)."""
    return [f"{r['uid']}'s intake did not finish; run 'evidence add' again with the same image ({r['path']}) "
            "to complete it. It is not examined until then."
            for r in store.evidence.unfinished_intakes()]


def add_evidence(store: CaseStore, image: str | os.PathLike[str], *, exhibit: str | None = None,
                 description: str = "", seals: str = "", ctx: JobContext | None = None,
                 source_timezone: str | None = None, force: bool = False) -> IntakeResult:
    """Add one evidence item to the case: detect, hash, verify, list volumes.

    A file with no partition table, no file system and no recognised signature (a text file, a
    document given by mistake) is refused unless ``force``: nothing could be listed from it, and
    "no file system found" alone would read like a result.

    Atomic and resumable: the item is recorded as 'incomplete' first; hashes, containers,
    volumes and warnings land together with 'complete' in one transaction at the end. An
    intake interrupted in between (kill -9, power loss) leaves only the incomplete item, which
    :func:`intake_problems` names (for triage and reports) and which the same 'evidence add'
    redoes from the start.
    A failure that is not an interruption (the image changed while read, a cancel) removes it.
    """
    path = Path(image)
    logical = detect_logical(path)
    if logical is not None:  # a folder, ZIP, TAR or iOS backup: its own intake
        from .intake_logical import add_logical

        return add_logical(store, logical, exhibit=exhibit, description=description, seals=seals, ctx=ctx,
                           source_timezone=source_timezone)
    detected = detect(path)
    first = str(detected.segments[0].resolve())
    earlier = _unfinished(store, first)
    if earlier and earlier[2] == "complete":
        raise StoreError(f"{path} is already in this case as evidence item {earlier[1]}.")
    before = [(s, os.stat(s).st_mtime_ns, os.stat(s).st_size) for s in detected.segments]
    media = open_media(path, detected)
    try:
        evidence_id, uid = _begin(store, earlier, exhibit, description, seals, detected.format, first, media,
                                  source_timezone)
        try:
            result = _intake(store, evidence_id, uid, path, detected.format, detected.segments, media, before, ctx,
                             force)
        except Exception as exc:  # any failure but an interruption: the incomplete item goes; raised again
            _abandon(store, evidence_id, uid, exc)
            raise
    finally:
        media.close()
    result.resumed = earlier is not None
    return result


def _looks_like(media: AnyMedia) -> str:
    """' (it looks like text)' when the first bytes are text, for the refusal of a non-image."""
    head = media.read(0, min(4096, media.size))
    if head and b"\x00" not in head:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError:
            return ""
        return " (it looks like a text file)"
    return ""


def _begin(store: CaseStore, earlier: tuple[int, str, str] | None, exhibit: str | None, description: str,
           seals: str, fmt: str, first: str, media: AnyMedia,
           source_timezone: str | None) -> tuple[int, str]:
    with store.transaction():
        if earlier is None:
            uid = _next_uid(store, exhibit)
            evidence_id = store.evidence.begin_intake(
                uid=uid, exhibit=exhibit or uid, description=description, seals=seals, fmt=fmt, path=first,
                media_size=media.size, sector_size=media.sector_size, source_timezone=source_timezone)
            store.audit(store.examiner, "evidence intake started",
                        {"evidence": uid, "exhibit": exhibit or uid, "path": first, "format": fmt},
                        touched=("evidence",))
            return evidence_id, uid
        evidence_id, old_uid, _ = earlier
        stored_exhibit = store.evidence.exhibit_of(evidence_id)
        uid = old_uid if not exhibit or exhibit == stored_exhibit else _next_uid(store, exhibit, evidence_id)
        store.evidence.restart_intake(
            evidence_id, uid=uid, exhibit=exhibit or stored_exhibit, description=description, seals=seals, fmt=fmt,
            media_size=media.size, sector_size=media.sector_size, source_timezone=source_timezone)
        store.audit(store.examiner, "evidence intake resumed",
                    {"evidence": uid, "path": first, "note": "the earlier intake did not finish; redone from the start"},
                    touched=("evidence",))
        return evidence_id, uid


def _abandon(store: CaseStore, evidence_id: int, uid: str, exc: BaseException) -> None:
    """Remove the incomplete item after a failure (not after a kill: then it stays, to be re-run).

    Where it cannot be removed (custody already names it, the case cannot be written), it stays
    incomplete: :func:`intake_problems` names it and the same 'evidence add' redoes it."""
    try:
        with store.transaction():
            store.evidence.clear_intake_rows(evidence_id)
            store.evidence.delete_incomplete(evidence_id)
            store.audit(store.examiner, "evidence intake abandoned",
                        {"evidence": uid, "reason": str(exc) or type(exc).__name__}, touched=INTAKE_TABLES)
    except (StoreError, sqlite3.Error) as failure:
        exc.add_note(f"The unfinished evidence item {uid} stays in the case as incomplete ({failure}); "
                     "add the same image again to complete it.")


def _read_containers(media: AnyMedia, segments: tuple[Path, ...], uid: str, ctx: JobContext | None,
                     warnings: list[Warning]) -> tuple[dict[str, str], dict[str, str], dict[str, str],
                                                       ChunkChecker | None, list[ContainerInfo]]:
    """(stored hashes, EWF header, computed hashes, chunk checker, containers) from one read of the media."""
    stored: dict[str, str] = {}
    header: dict[str, str] = {}
    checker: ChunkChecker | None = None
    if isinstance(media, EwfMedia):
        stored = media.stored_hashes()
        header = media.header()
        try:
            checker = ChunkChecker(segments, media.size)
        except (LayoutError, OSError, struct.error) as exc:
            warnings.append(("evidence.ewf", "warning",
                             f"Evidence item {uid}: the E01 chunk checksums were not checked ({exc}); only the "
                             "media hash was compared with the stored one.", {}))
        try:
            computed, _ = hash_media(media, ctx, checker=checker)
        finally:
            if checker is not None:
                checker.close()
        return stored, header, computed, checker, container_infos(segments, None, ctx)
    if not isinstance(media, RawMedia):  # a virtual disk: its files are not its bytes; each is hashed itself
        computed, _ = hash_media(media, ctx)
        return stored, header, computed, None, container_infos(segments, None, ctx)
    if len(segments) == 1:  # a single raw file is the media: its SHA-256 is the media's (one digest, not two)
        computed, _ = hash_media(media, ctx)
        return stored, header, computed, checker, container_infos(segments, [computed["sha256"]], ctx)
    bounds = [0]
    for seg in segments[:-1]:
        bounds.append(bounds[-1] + os.stat(seg).st_size)
    computed, seg_hashes = hash_media(media, ctx, bounds)
    return stored, header, computed, checker, container_infos(segments, seg_hashes, ctx)


def _intake(store: CaseStore, evidence_id: int, uid: str, path: Path, fmt: str, segments: tuple[Path, ...],
            media: AnyMedia, before: list[tuple[Path, int, int]], ctx: JobContext | None,
            force: bool = False) -> IntakeResult:
    warnings: list[Warning] = []
    stored, header, computed, checker, containers = _read_containers(media, segments, uid, ctx, warnings)
    verdict = verdict_for(stored, computed, len(checker.bad) if checker else 0)
    after = [(s, os.stat(s).st_mtime_ns, os.stat(s).st_size) for s in segments]
    if before != after:
        raise EvidenceError(f"The evidence file {path} changed while it was being read; it was not added.")
    if verdict == "MISMATCH" and not (checker and checker.bad):
        warnings.append(("evidence.verify", "integrity",
                         f"Evidence item {uid}: the media hash does not match the hash stored in the image; the "
                         "image was changed or damaged after acquisition.", {"stored": stored, "computed": computed}))
    if checker is not None:
        for kind, message, details in checksum_warnings(uid, checker, verdict, stored, media.sector_size):
            warnings.append(("evidence.ewf", kind, message, details))
    for kind, message, details in segment_warnings(uid, segments if isinstance(media, RawMedia) else ()):
        warnings.append(("evidence.split", kind, message, details))
    vs_type, volumes = _list_volumes(media, path, uid, segments, ctx, force, warnings, verdict)
    with store.transaction() as conn:
        store.evidence.clear_intake_rows(evidence_id)  # an earlier, unfinished attempt's rows
        store.evidence.record_hashes(evidence_id, header=header, stored=stored, computed=computed, verdict=verdict)
        store.evidence.add_containers(evidence_id, containers)
        media_details = getattr(media, "details", None)  # what a container says of itself (virtual disks)
        if media_details:
            store.evidence.set_details(evidence_id, dict(media_details))
        store.evidence.record_volumes(evidence_id, vs_type, volumes)
        for source, kind, message, details in warnings:
            store.add_warning(conn, source=source, evidence_id=evidence_id, kind=kind, message=message,
                              details=details)
        store.evidence.mark_intake_complete(evidence_id)
        store.audit(store.examiner, "evidence added", {
            "evidence": uid, "exhibit": store.evidence.exhibit_of(evidence_id),
            "format": fmt, "containers": [dataclasses.asdict(c) for c in containers],
            "media": computed, "stored": stored, "verdict": verdict, "warnings": len(warnings),
        }, touched=INTAKE_TABLES)
    if ctx and warnings:
        ctx.warn(len(warnings))
    return IntakeResult(evidence_id, uid, fmt, media.size, computed["md5"], computed["sha1"], computed["sha256"],
                        stored, verdict, containers, [w[2] for w in warnings])


def _list_volumes(media: AnyMedia, path: Path, uid: str, segments: tuple[Path, ...],
                  ctx: JobContext | None, force: bool, warnings: list[Warning],
                  verdict: str) -> tuple[str | None, list[VolumeInfo]]:
    """The partition listing (probed in a child process) and its warnings; a file with nothing
    recognisable on it is refused unless ``force`` (saying so when the image also failed its
    verification: the damage may be why nothing is recognised)."""
    if ctx:
        ctx.begin("listing partitions")
    vs_type, volumes, problem = probe_volumes(str(segments[0]))
    if not force and problem is None and vs_type is None and volumes \
            and all(v.status == "no-fs" and not v.fs_type for v in volumes):
        failed = (f" It also failed its verification ({verdict}): the image is damaged, which may be why nothing "
                  "is recognised." if verdict in FAILED_VERDICTS else "")
        raise EvidenceError(
            f"{path} holds no partition table, no file system and no format this tool recognises"
            f"{_looks_like(media)}; it was not added.{failed}",
            hint="If it is an exhibit all the same (a memory dump, a document, a disk of a kind this version cannot "
                 "read), add it with --force: it is hashed and kept, and nothing is listed from it.")
    for kind, message, details in check_volumes(media, uid, vs_type, volumes, problem, segments):
        warnings.append(("fs.volumes", kind, message, details))
    return vs_type, volumes


def check_containers(store: CaseStore, ctx: JobContext | None = None) -> list[dict[str, Any]]:
    """Re-hash every evidence container; one entry per container with what (if anything) changed."""
    return [recheck_container(row, ctx) for row in store.evidence.recorded_containers()]
