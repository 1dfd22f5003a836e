"""A worker finds the shared evidence and checks it before reading a byte of it.

The case records each container file's path (as the examiner added it), size, modification time
and SHA-256. A worker maps the recorded path to its own mount of the shared storage
(``--evidence-root``: ``NEW`` — the recorded path's tail is looked for under NEW, longest tail
first — or ``OLD=NEW`` — the prefix OLD is replaced by NEW), opens it read-only, and checks size
and SHA-256 against the case before the first unit of that item; the hash is kept per process
while the file's size, modification time and inode stay the same.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

from ..errors import EvidenceError

ROOT_ENV = "FT_LAB_EVIDENCE_ROOT"
_VERIFIED: dict[tuple[str, int, int, int], str] = {}


def _candidates(recorded: str, roots: list[str]) -> list[Path]:
    out = [Path(recorded)]
    for root in roots:
        if "=" in root:
            old, new = root.split("=", 1)
            if recorded.startswith(old.rstrip("/") + "/"):
                out.insert(0, Path(new) / recorded[len(old.rstrip("/")) + 1:])
            continue
        parts = Path(recorded).parts[1:] if recorded.startswith("/") else Path(recorded).parts
        out[:0] = [Path(root, *parts[i:]) for i in range(len(parts))]
    return out


def roots_from_env() -> list[str]:
    return [r for r in os.environ.get(ROOT_ENV, "").split(os.pathsep) if r]


def map_path(recorded: str, roots: list[str] | None = None) -> Path:
    """Where this worker reads a recorded container path (the first that exists)."""
    for candidate in _candidates(recorded, roots_from_env() if roots is None else roots):
        if candidate.is_file():
            return candidate
    raise EvidenceError(f"This worker cannot find the evidence file {recorded} (evidence root: "
                        f"{os.pathsep.join(roots_from_env()) or 'none'}).",
                        hint="Mount the shared evidence storage on this workstation and start the worker with "
                             "--evidence-root.")


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb", buffering=0) as fh:  # read-only, never for writing
        while chunk := fh.read(8 * 1024 * 1024):
            h.update(chunk)
    return h.hexdigest()


def verified_path(evidence: dict[str, Any], containers: list[dict[str, Any]]) -> str:
    """The local path of an item's first container, after checking every container's SHA-256."""
    first = ""
    for c in containers:
        path = map_path(str(c["path"]))
        st = path.stat()
        if st.st_size != int(c["size"]):
            raise EvidenceError(f"The evidence file {path} is {st.st_size} bytes; the case recorded {c['size']}: "
                                "it is not the file that was added, and was not read.")
        key = (str(path), st.st_size, st.st_mtime_ns, st.st_ino)
        digest = _VERIFIED.get(key) or _sha256(path)
        if digest != c["sha256"]:
            raise EvidenceError(f"The SHA-256 of the evidence file {path} ({digest}) differs from the one recorded "
                                f"when it was added ({c['sha256']}): it was not read.")
        _VERIFIED[key] = digest
        if not first:
            first = str(path)
    if not first:
        first = str(map_path(str(evidence["path"])))
    return first
