"""Evidence intake: record the containers, hash the media in one read, verify (E01: every chunk's checksum
too), list volumes; atomic and resumable (see :func:`add_evidence`)."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import re
import sqlite3
import struct
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from ..errors import EvidenceError, StoreError
from ..jobs.context import JobContext
from ..store import CaseStore
from ..timeutil import utcnow_iso
from .detect import detect
from .ewfcheck import ChunkChecker, LayoutError, describe_ranges, sector_ranges
from .images import EwfMedia, RawMedia, open_media

CHUNK = 4 * 1024 * 1024


@dataclasses.dataclass(slots=True)
class ContainerInfo:
    path: str
    size: int
    mtime_ns: int
    sha256: str


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


def _hash_file(path: Path, ctx: JobContext | None) -> str:
    digest = hashlib.sha256()
    fd = os.open(path, os.O_RDONLY)
    try:
        offset = 0
        while True:
            data = os.pread(fd, CHUNK, offset)
            if not data:
                break
            digest.update(data)
            offset += len(data)
            if ctx:
                ctx.check_cancel()
    finally:
        os.close(fd)
    return digest.hexdigest()


def hash_media(media: RawMedia | EwfMedia, ctx: JobContext | None = None,
               segment_bounds: list[int] | None = None,
               checker: ChunkChecker | None = None) -> tuple[dict[str, str], list[str]]:
    """MD5, SHA-1 and SHA-256 of the whole media in one read (MD5 on a second thread).

    ``segment_bounds`` (start offsets of raw segments) also yields each segment's SHA-256
    from the same read, since for raw containers the segments *are* the media. ``checker``
    (EWF) checks each chunk's stored checksum on the way and supplies, for a chunk that fails,
    the bytes ``ewfverify`` hashes (see :mod:`.ewfcheck`).
    """
    md5, sha1, sha256 = hashlib.md5(), hashlib.sha1(), hashlib.sha256()
    seg_hashes = [hashlib.sha256() for _ in (segment_bounds or [])]
    bounds = (segment_bounds or []) + [media.size]
    offset = 0
    step = CHUNK
    if checker is not None:
        step = checker.chunk_size * max(1, CHUNK // checker.chunk_size)
    if ctx:
        ctx.begin("hashing media", total=media.size, unit="bytes")
    with ThreadPoolExecutor(max_workers=1) as pool:
        pending = None
        while offset < media.size:
            want = min(step, media.size - offset)
            if checker is not None:
                data = _checked_read(media, checker, offset, want)
            else:
                data = media.read(offset, want)
            if not data:
                raise EvidenceError(
                    f"The image ends early: no data at byte {offset} of {media.size}.",
                    hint="The image is truncated or a segment is missing.",
                )
            if pending is not None:
                pending.result()
            pending = pool.submit(md5.update, data)
            sha1.update(data)
            sha256.update(data)
            if seg_hashes:
                pos = 0
                while pos < len(data):
                    idx = max(i for i in range(len(seg_hashes)) if bounds[i] <= offset + pos)
                    take = min(len(data) - pos, bounds[idx + 1] - (offset + pos))
                    seg_hashes[idx].update(data[pos: pos + take])
                    pos += take
            offset += len(data)
            if ctx:
                ctx.advance(len(data))
                ctx.check_cancel()
        if pending is not None:
            pending.result()
    return ({"md5": md5.hexdigest(), "sha1": sha1.hexdigest(), "sha256": sha256.hexdigest()},
            [h.hexdigest() for h in seg_hashes])


def _checked_read(media: RawMedia | EwfMedia, checker: ChunkChecker, offset: int, length: int) -> bytes:
    """Decoded media checked chunk by chunk; a range libewf cannot decode is taken chunk by chunk
    from the stored bytes (zeros where nothing can be inflated) and counted as bad."""
    try:
        return checker.check(offset, media.read(offset, length))
    except EvidenceError:
        pass
    parts = []
    pos = offset
    while pos < offset + length:
        n = min(checker.chunk_size, offset + length - pos)
        try:
            decoded: bytes | None = media.read(pos, n)
            failure: EvidenceError | None = None
        except EvidenceError as exc:
            decoded, failure = None, exc
        try:
            parts.append(checker.check(pos, decoded))
        except LayoutError as exc:
            assert failure is not None
            raise failure from exc
        pos += n
    return b"".join(parts)


def verdict_for(stored: dict[str, str], computed: dict[str, str], checksum_errors: int = 0) -> str:
    """MATCH | MISMATCH | NOT STORED, or CHECKSUM ERRORS: the media hash matches (or none is stored)
    but chunks failed their own checksums, as ewfverify reports FAILURE."""
    compared = [k for k in ("md5", "sha1", "sha256") if stored.get(k)]
    if compared and not all(stored[k] == computed[k] for k in compared):
        return "MISMATCH"
    if checksum_errors:
        return "CHECKSUM ERRORS"
    return "MATCH" if compared else "NOT STORED"


FAILED_VERDICTS = ("MISMATCH", "CHECKSUM ERRORS")


def _next_uid(store: CaseStore, exhibit: str | None, own_id: int | None = None) -> str:
    existing = {r[0] for r in store.conn.execute("SELECT uid FROM evidence WHERE id IS NOT ?", (own_id,))}
    base = re.sub(r"[^A-Za-z0-9_.-]+", "-", exhibit or "").strip("-") or "EV"
    if exhibit and base not in existing:
        return base
    n = 1
    while f"{base}-{n}" in existing if exhibit else f"EV{n}" in existing:
        n += 1
    return f"{base}-{n}" if exhibit else f"EV{n}"


def container_infos(segments: tuple[Path, ...], hashes: list[str] | None, ctx: JobContext | None) -> list[ContainerInfo]:
    infos = []
    for i, seg in enumerate(segments):
        st = os.stat(seg)
        sha = hashes[i] if hashes else _hash_file(seg, ctx)
        infos.append(ContainerInfo(str(seg.resolve()), st.st_size, st.st_mtime_ns, sha))
    return infos


_TOUCHED = ("evidence", "evidence_containers", "volumes", "warnings")


def _unfinished(store: CaseStore, first: str) -> tuple[int, str, str] | None:
    """The evidence item already recorded for this image: (id, uid, 'complete'|'incomplete'), or None.

    An item from before intake states existed that has no volumes and no listing warning was
    interrupted the same way (the listing always records at least one volume or a warning).
    """
    rows = store.query("SELECT id, uid, intake_state FROM evidence WHERE path = ?", (first,))
    if not rows:
        return None
    row = rows[0]
    state = str(row["intake_state"])
    if state == "complete":
        volumes = store.scalar("SELECT count(*) FROM volumes WHERE evidence_id=?", (row["id"],))
        listed = store.scalar("SELECT count(*) FROM warnings WHERE evidence_id=? AND source='fs.volumes'",
                              (row["id"],))
        if not volumes and not listed:
            state = "incomplete"
    return int(row["id"]), str(row["uid"]), state


def _segment_warnings(uid: str, segments: tuple[Path, ...]) -> list[tuple[str, str, dict[str, Any]]]:
    """A split set whose segments (other than the last) differ in size: one is probably incomplete."""
    if len(segments) < 2:
        return []
    sizes = [os.stat(s).st_size for s in segments]
    odd = [(s, n) for s, n in zip(segments[:-1], sizes[:-1], strict=True) if n != sizes[0]]
    warnings = []
    for seg, size in odd:
        warnings.append(("warning",
                         f"Evidence item {uid}: segment {seg.name} is {size} bytes where {segments[0].name} is "
                         f"{sizes[0]} bytes; if it is incomplete, every byte after it is read at the wrong offset.",
                         {"segment": seg.name, "size": size, "expected": sizes[0]}))
    if sizes[-1] > sizes[0]:
        warnings.append(("warning",
                         f"Evidence item {uid}: the last segment {segments[-1].name} ({sizes[-1]} bytes) is larger "
                         f"than the others ({sizes[0]} bytes); check that the set is complete and in order.",
                         {"segment": segments[-1].name, "size": sizes[-1], "expected": sizes[0]}))
    return warnings


def _checksum_warnings(uid: str, checker: ChunkChecker, verdict: str, stored: dict[str, str],
                       sector_size: int) -> list[tuple[str, str, dict[str, Any]]]:
    warnings: list[tuple[str, str, dict[str, Any]]] = []
    if checker.bad:
        ranges = sector_ranges(checker.bad)
        byte_ranges = [[a * sector_size, (b + 1) * sector_size] for a, b in ranges]
        lost = sum(1 for b in checker.bad if b.reason == "unreadable")
        if verdict == "MISMATCH":
            hashed = "does not match the stored hash"
        elif verdict == "CHECKSUM ERRORS" and any(stored.values()):
            hashed = "matches the stored hash, yet the image is not verified"
        else:
            hashed = "cannot be compared (no hash is stored)"
        warnings.append(("integrity",
                         f"Evidence item {uid}: {len(checker.bad)} chunk(s) of the E01 failed their checksums, as "
                         f"ewfverify reports them: sectors {describe_ranges(ranges)}. The media hash, computed over "
                         f"those chunks as stored (as ewfverify does), {hashed}; the data there cannot be trusted, "
                         "and this tool reads those sectors as zeros."
                         + (f" {lost} of the chunks could not be decompressed at all and were hashed as zeros."
                            if lost else ""),
                         {"bad_sectors": [list(r) for r in ranges], "byte_ranges": byte_ranges,
                          "sector_size": sector_size, "chunks": [b.index for b in checker.bad],
                          "unreadable_chunks": [b.index for b in checker.bad if b.reason == "unreadable"]}))
    if checker.problem and checker.checked < checker.geometry.chunk_count:
        warnings.append(("warning",
                         f"Evidence item {uid}: the E01 chunk checksums were checked for {checker.checked} of "
                         f"{checker.geometry.chunk_count} chunks only ({checker.problem}).",
                         {"checked": checker.checked, "chunks": checker.geometry.chunk_count}))
    return warnings


def intake_problems(store: CaseStore) -> list[str]:
    """One sentence per evidence item whose intake did not finish (for triage, reports, verify)."""
    return [f"{r['uid']}'s intake did not finish; run 'evidence add' again with the same image ({r['path']}) "
            "to complete it. It is not examined until then."
            for r in store.query("SELECT uid, path FROM evidence WHERE intake_state != 'complete' ORDER BY id")]


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
    from ..fs.probe import probe_volumes
    from ..fs.volumes import check_volumes, write_volumes

    path = Path(image)
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
                             probe_volumes, check_volumes, write_volumes, force)
        except Exception as exc:
            _abandon(store, evidence_id, uid, exc)
            raise
    finally:
        media.close()
    result.resumed = earlier is not None
    return result


def _looks_like(media: RawMedia | EwfMedia) -> str:
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
           seals: str, fmt: str, first: str, media: RawMedia | EwfMedia,
           source_timezone: str | None) -> tuple[int, str]:
    with store.transaction() as conn:
        if earlier is None:
            uid = _next_uid(store, exhibit)
            cur = conn.execute(
                "INSERT INTO evidence(uid, exhibit, description, seals, format, path, media_size, sector_size,"
                " verdict, added_utc, intake_state, source_timezone) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (uid, exhibit or uid, description, seals, fmt, first, media.size, media.sector_size, "NOT HASHED",
                 utcnow_iso(), "incomplete", source_timezone),
            )
            evidence_id = int(cur.lastrowid or 0)
            store.audit(store.examiner, "evidence intake started",
                        {"evidence": uid, "exhibit": exhibit or uid, "path": first, "format": fmt},
                        touched=("evidence",))
            return evidence_id, uid
        evidence_id, old_uid, _ = earlier
        stored_exhibit = store.scalar("SELECT exhibit FROM evidence WHERE id=?", (evidence_id,))
        uid = old_uid if not exhibit or exhibit == stored_exhibit else _next_uid(store, exhibit, evidence_id)
        conn.execute(
            "UPDATE evidence SET uid=?, exhibit=?, description=?, seals=?, format=?, media_size=?, sector_size=?,"
            " verdict='NOT HASHED', md5=NULL, sha1=NULL, sha256=NULL, intake_state='incomplete', added_utc=?,"
            " source_timezone=COALESCE(?, source_timezone) WHERE id=?",
            (uid, exhibit or stored_exhibit, description, seals, fmt, media.size, media.sector_size, utcnow_iso(),
             source_timezone, evidence_id),
        )
        store.audit(store.examiner, "evidence intake resumed",
                    {"evidence": uid, "path": first, "note": "the earlier intake did not finish; redone from the start"},
                    touched=("evidence",))
        return evidence_id, uid


def _abandon(store: CaseStore, evidence_id: int, uid: str, exc: BaseException) -> None:
    """Remove the incomplete item after a failure (not after a kill: then it stays, to be re-run)."""
    try:
        with store.transaction() as conn:
            for table in ("warnings", "volumes", "evidence_containers"):
                conn.execute(f"DELETE FROM {table} WHERE evidence_id=?", (evidence_id,))  # noqa: S608
            conn.execute("DELETE FROM evidence WHERE id=? AND intake_state='incomplete'", (evidence_id,))
            store.audit(store.examiner, "evidence intake abandoned",
                        {"evidence": uid, "reason": str(exc) or type(exc).__name__}, touched=_TOUCHED)
    except (StoreError, sqlite3.Error):
        pass  # e.g. custody already names it: it stays incomplete and can be re-run


def _intake(store: CaseStore, evidence_id: int, uid: str, path: Path, fmt: str, segments: tuple[Path, ...],
            media: RawMedia | EwfMedia, before: list[tuple[Path, int, int]], ctx: JobContext | None,
            probe_volumes: Any, check_volumes: Any, write_volumes: Any, force: bool = False) -> IntakeResult:
    warnings: list[tuple[str, str, str, dict[str, Any]]] = []  # (source, kind, message, details)
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
        containers = container_infos(segments, None, ctx)
    else:
        bounds = [0]
        for seg in segments[:-1]:
            bounds.append(bounds[-1] + os.stat(seg).st_size)
        computed, seg_hashes = hash_media(media, ctx, bounds)
        containers = container_infos(segments, seg_hashes, ctx)
    verdict = verdict_for(stored, computed, len(checker.bad) if checker else 0)
    after = [(s, os.stat(s).st_mtime_ns, os.stat(s).st_size) for s in segments]
    if before != after:
        raise EvidenceError(f"The evidence file {path} changed while it was being read; it was not added.")
    if verdict == "MISMATCH" and not (checker and checker.bad):
        warnings.append(("evidence.verify", "integrity",
                         f"Evidence item {uid}: the media hash does not match the hash stored in the image; the "
                         "image was changed or damaged after acquisition.", {"stored": stored, "computed": computed}))
    if checker is not None:
        for kind, message, details in _checksum_warnings(uid, checker, verdict, stored, media.sector_size):
            warnings.append(("evidence.ewf", kind, message, details))
    for kind, message, details in _segment_warnings(uid, segments):
        warnings.append(("evidence.split", kind, message, details))
    if ctx:
        ctx.begin("listing partitions")
    vs_type, volumes, problem = probe_volumes(str(segments[0]))
    if not force and problem is None and vs_type is None and volumes \
            and all(v.status == "no-fs" and not v.fs_type for v in volumes):
        raise EvidenceError(
            f"{path} holds no partition table, no file system and no format this tool recognises"
            f"{_looks_like(media)}; it was not added.",
            hint="If it is an exhibit all the same (a memory dump, a document, a disk of a kind this version cannot "
                 "read), add it with --force: it is hashed and kept, and nothing is listed from it.")
    for kind, message, details in check_volumes(media, uid, vs_type, volumes, problem, segments):
        warnings.append(("fs.volumes", kind, message, details))
    with store.transaction() as conn:
        for table in ("warnings", "volumes", "evidence_containers"):  # an earlier, unfinished attempt's rows
            conn.execute(f"DELETE FROM {table} WHERE evidence_id=?", (evidence_id,))  # noqa: S608
        conn.execute(
            "UPDATE evidence SET ewf_header=?, stored_md5=?, stored_sha1=?, stored_sha256=?, md5=?, sha1=?,"
            " sha256=?, verdict=? WHERE id=?",
            (json.dumps(header, sort_keys=True), stored.get("md5"), stored.get("sha1"), stored.get("sha256"),
             computed["md5"], computed["sha1"], computed["sha256"], verdict, evidence_id),
        )
        for seq, info in enumerate(containers):
            conn.execute(
                "INSERT INTO evidence_containers(evidence_id, seq, path, size, mtime_ns, sha256) VALUES (?,?,?,?,?,?)",
                (evidence_id, seq, info.path, info.size, info.mtime_ns, info.sha256),
            )
        write_volumes(conn, evidence_id, vs_type, volumes)
        for source, kind, message, details in warnings:
            store.add_warning(conn, source=source, evidence_id=evidence_id, kind=kind, message=message,
                              details=details)
        conn.execute("UPDATE evidence SET intake_state='complete' WHERE id=?", (evidence_id,))
        store.audit(store.examiner, "evidence added", {
            "evidence": uid, "exhibit": store.scalar("SELECT exhibit FROM evidence WHERE id=?", (evidence_id,)),
            "format": fmt, "containers": [dataclasses.asdict(c) for c in containers],
            "media": computed, "stored": stored, "verdict": verdict, "warnings": len(warnings),
        }, touched=_TOUCHED)
    if ctx and warnings:
        ctx.warn(len(warnings))
    return IntakeResult(evidence_id, uid, fmt, media.size, computed["md5"], computed["sha1"], computed["sha256"],
                        stored, verdict, containers, [w[2] for w in warnings])


def check_containers(store: CaseStore, ctx: JobContext | None = None) -> list[dict[str, Any]]:
    """Re-hash every evidence container; one entry per container with what (if anything) changed."""
    results = []
    for row in store.query(
        "SELECT e.uid, c.path, c.size, c.mtime_ns, c.sha256 FROM evidence_containers c"
        " JOIN evidence e ON e.id = c.evidence_id ORDER BY e.id, c.seq"
    ):
        entry: dict[str, Any] = {"evidence": row["uid"], "path": row["path"], "recorded_sha256": row["sha256"],
                                 "recorded_size": row["size"], "recorded_mtime_ns": row["mtime_ns"], "problems": []}
        p = Path(row["path"])
        if not p.exists():
            entry["problems"].append("missing")
            entry["status"] = "MISSING"
            results.append(entry)
            continue
        st = p.stat()
        entry["size"], entry["mtime_ns"] = st.st_size, st.st_mtime_ns
        entry["sha256"] = _hash_file(p, ctx)
        if entry["sha256"] != row["sha256"]:
            entry["problems"].append("content changed (SHA-256 differs)")
        if st.st_size != row["size"]:
            entry["problems"].append(f"size changed ({row['size']} -> {st.st_size} bytes)")
        if st.st_mtime_ns != row["mtime_ns"]:
            entry["problems"].append("modification time changed")
        entry["status"] = "UNCHANGED" if not entry["problems"] else "CHANGED"
        results.append(entry)
    return results
