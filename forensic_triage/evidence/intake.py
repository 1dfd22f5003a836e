"""Evidence intake: record the containers, hash the media in one read, verify, list volumes."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from ..errors import EvidenceError, StoreError
from ..jobs.context import JobContext
from ..store import CaseStore
from ..timeutil import utcnow_iso
from .detect import detect
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
               segment_bounds: list[int] | None = None) -> tuple[dict[str, str], list[str]]:
    """MD5, SHA-1 and SHA-256 of the whole media in one read (MD5 on a second thread).

    ``segment_bounds`` (start offsets of raw segments) also yields each segment's SHA-256
    from the same read, since for raw containers the segments *are* the media.
    """
    md5, sha1, sha256 = hashlib.md5(), hashlib.sha1(), hashlib.sha256()
    seg_hashes = [hashlib.sha256() for _ in (segment_bounds or [])]
    bounds = (segment_bounds or []) + [media.size]
    offset = 0
    if ctx:
        ctx.begin("hashing media", total=media.size, unit="bytes")
    with ThreadPoolExecutor(max_workers=1) as pool:
        pending = None
        while offset < media.size:
            data = media.read(offset, min(CHUNK, media.size - offset))
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


def verdict_for(stored: dict[str, str], computed: dict[str, str]) -> str:
    compared = [k for k in ("md5", "sha1", "sha256") if stored.get(k)]
    if not compared:
        return "NOT STORED"
    return "MATCH" if all(stored[k] == computed[k] for k in compared) else "MISMATCH"


def _next_uid(store: CaseStore, exhibit: str | None) -> str:
    existing = {r[0] for r in store.conn.execute("SELECT uid FROM evidence")}
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


def add_evidence(store: CaseStore, image: str | os.PathLike[str], *, exhibit: str | None = None,
                 description: str = "", seals: str = "", ctx: JobContext | None = None) -> IntakeResult:
    """Add one evidence item to the case: detect, record containers, hash, verify, list volumes."""
    from ..fs.volumes import record_volumes

    path = Path(image)
    detected = detect(path)
    first = str(detected.segments[0].resolve())
    dup = store.scalar("SELECT uid FROM evidence WHERE path = ?", (first,))
    if dup:
        raise StoreError(f"{path} is already in this case as evidence item {dup}.")
    before = [(s, os.stat(s).st_mtime_ns, os.stat(s).st_size) for s in detected.segments]
    media = open_media(path, detected)
    try:
        stored: dict[str, str] = {}
        header: dict[str, str] = {}
        if isinstance(media, EwfMedia):
            stored = media.stored_hashes()
            header = media.header()
            computed, _ = hash_media(media, ctx)
            containers = container_infos(detected.segments, None, ctx)
        else:
            bounds = [0]
            for seg in detected.segments[:-1]:
                bounds.append(bounds[-1] + os.stat(seg).st_size)
            computed, seg_hashes = hash_media(media, ctx, bounds)
            containers = container_infos(detected.segments, seg_hashes, ctx)
        verdict = verdict_for(stored, computed)
        after = [(s, os.stat(s).st_mtime_ns, os.stat(s).st_size) for s in detected.segments]
        if before != after:
            raise EvidenceError(f"The evidence file {path} changed while it was being read; it was not added.")
        uid = _next_uid(store, exhibit)
        with store.transaction() as conn:
            cur = conn.execute(
                "INSERT INTO evidence(uid, exhibit, description, seals, format, path, media_size, sector_size,"
                " ewf_header, stored_md5, stored_sha1, stored_sha256, md5, sha1, sha256, verdict, added_utc)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (uid, exhibit or uid, description, seals, detected.format, first, media.size, media.sector_size,
                 json.dumps(header, sort_keys=True), stored.get("md5"), stored.get("sha1"), stored.get("sha256"),
                 computed["md5"], computed["sha1"], computed["sha256"], verdict, utcnow_iso()),
            )
            evidence_id = int(cur.lastrowid or 0)
            for seq, info in enumerate(containers):
                conn.execute(
                    "INSERT INTO evidence_containers(evidence_id, seq, path, size, mtime_ns, sha256) VALUES (?,?,?,?,?,?)",
                    (evidence_id, seq, info.path, info.size, info.mtime_ns, info.sha256),
                )
            store.audit(store.examiner, "evidence added", {
                "evidence": uid, "exhibit": exhibit or uid, "format": detected.format,
                "containers": [dataclasses.asdict(c) for c in containers],
                "media": computed, "stored": stored, "verdict": verdict,
            })
        record_volumes(store, evidence_id, uid, media)
    finally:
        media.close()
    return IntakeResult(evidence_id, uid, detected.format, media.size, computed["md5"], computed["sha1"],
                        computed["sha256"], stored, verdict, containers)


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
