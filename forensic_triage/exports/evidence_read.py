"""Read one file's content back from the evidence, read-only, for an examiner action.

Only two examiner actions read evidence after triage: tagging a picture (to keep a small
preview in the case, since reports never reopen evidence) and packaging copies of selected
files. Both go through here: the media is opened read-only (``evidence.images``), the file is
found by its locator (partition offset, inode, attribute), and the bytes read are hashed and
checked against the SHA-256 the case recorded at triage, so a copy is known to be exact.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import Any

from ..errors import EvidenceError, FileSystemError, IntegrityError
from ..fs.resolver import Resolver
from ..store import CaseStore

CHUNK = 1024 * 1024


def file_record(store: CaseStore, file_id: int) -> dict[str, Any]:
    row = store.findings.file_with_evidence_path(file_id)
    if row is None:
        raise EvidenceError(f"No file with id {file_id} in this case.")
    return row


def iter_content(store: CaseStore, file_id: int, *, max_bytes: int | None = None) -> Iterator[bytes]:
    """The file's bytes in chunks, read from the evidence read-only.

    Raises :class:`EvidenceError` when the evidence is not reachable (e.g. an imported review
    case) and :class:`IntegrityError` when the bytes read do not hash to the SHA-256 recorded
    in the case (only checked when the whole file was read).
    """
    row = file_record(store, file_id)
    if store.case_info().get("read_only"):
        raise EvidenceError("This is a review case imported from a package; its evidence image is not attached.")
    size = int(row["size"])
    limit = size if max_bytes is None else min(size, max_bytes)
    resolver = Resolver(keep=1)
    try:
        try:
            resolver.attach(row["evidence_path"])
        except (OSError, EvidenceError) as exc:
            raise EvidenceError(f"The evidence of {row['evidence_uid']} cannot be opened: {exc}.",
                                hint="Attach the evidence image at its recorded path.") from exc
        try:
            stream = resolver.open_row(row["evidence_path"], row)
        except FileSystemError as exc:
            raise EvidenceError(f"{row['path']} cannot be opened in the evidence: {exc}.") from exc
        digest = hashlib.sha256()
        offset = 0
        while offset < limit:
            try:
                data = stream.read(offset, min(CHUNK, limit - offset))
            except OSError as exc:
                raise EvidenceError(f"{row['path']}: bytes from {offset} cannot be read ({exc}).") from exc
            if not data:
                break
            digest.update(data)
            offset += len(data)
            yield data
        if offset < limit:
            raise EvidenceError(f"{row['path']}: only {offset} of {limit} bytes can be read from the evidence "
                                "(the image ends early); a shortened copy is never passed off as the file.")
        if limit == size and row["sha256"] and digest.hexdigest() != row["sha256"]:
            raise IntegrityError(
                f"{row['path']} read now hashes to {digest.hexdigest()}, not the SHA-256 recorded at triage "
                f"({row['sha256']}); nothing was copied from it.")
    finally:
        resolver.close()


def read_all(store: CaseStore, file_id: int, max_bytes: int) -> bytes:
    """The whole file (checked against the case) when it is at most ``max_bytes`` long."""
    row = file_record(store, file_id)
    if int(row["size"]) > max_bytes:
        raise EvidenceError(f"{row['path']} is larger than {max_bytes} bytes.")
    return b"".join(iter_content(store, file_id))
