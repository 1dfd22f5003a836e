"""A worker finds the shared evidence and checks it before reading a byte of it.

The case records each container file's path (as the examiner added it), size, modification time
and SHA-256. A worker maps the recorded path to its own mount of the shared storage
(``--evidence-root``: ``NEW`` — the recorded path's tail is looked for under NEW, longest tail
first — or ``OLD=NEW`` — the prefix OLD is replaced by NEW), opens it read-only, and checks size
and SHA-256 against the case before the first unit of that item; the hash is kept per process
while the file's size, modification time and inode stay the same.

A folder given as evidence (a logical extraction, an iOS backup) is one item of many container
files, each recorded by intake with its size and SHA-256. The worker maps the folder itself, lists
its regular files (links never followed) and checks that they are exactly the files intake
recorded, each with its size and SHA-256, before the first unit it reads from it. Later units
of the same process list the folder again (sizes, modification times, inodes; no hashing) when the
last listing is more than :data:`FOLDER_RECHECK` seconds old; any change means a full check again.
"""

from __future__ import annotations

import hashlib
import os
import stat
import time
from pathlib import Path
from typing import Any

from ..errors import EvidenceError

ROOT_ENV = "FT_LAB_EVIDENCE_ROOT"
_VERIFIED: dict[tuple[str, int, int, int], str] = {}
FOLDER_FORMATS = ("folder", "iosbackup")  # evidence.format of items whose containers are a folder's files


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


def map_path(recorded: str, roots: list[str] | None = None, folder: bool = False) -> Path:
    """Where this worker reads a recorded container path (the first that exists; ``folder``: a
    folder given as evidence)."""
    for candidate in _candidates(recorded, roots_from_env() if roots is None else roots):
        if candidate.is_dir() if folder else candidate.is_file():
            return candidate
    raise EvidenceError(f"This worker cannot find the evidence {'folder' if folder else 'file'} {recorded} (evidence root: "
                        f"{os.pathsep.join(roots_from_env()) or 'none'}).",
                        hint="Mount the shared evidence storage on this workstation and start the worker with "
                             "--evidence-root.")


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb", buffering=0) as fh:  # read-only, never for writing
        while chunk := fh.read(8 * 1024 * 1024):
            h.update(chunk)
    return h.hexdigest()


def _check(path: Path, size: int, sha256: str) -> None:
    """``path`` has the recorded size and SHA-256 (the hash kept while size, mtime and inode stay)."""
    st = path.stat()
    if st.st_size != size:
        raise EvidenceError(f"The evidence file {path} is {st.st_size} bytes; the case recorded {size}: "
                            "it is not the file that was added, and was not read.")
    key = (str(path), st.st_size, st.st_mtime_ns, st.st_ino)
    digest = _VERIFIED.get(key) or _sha256(path)
    if digest != sha256:
        raise EvidenceError(f"The SHA-256 of the evidence file {path} ({digest}) differs from the one recorded "
                            f"when it was added ({sha256}): it was not read.")
    _VERIFIED[key] = digest


FOLDER_RECHECK = 60.0
# (folder, evidence id) -> (when listed, (relative path, size, mtime, inode) of every regular file)
_FOLDERS: dict[tuple[str, int], tuple[float, tuple[tuple[str, int, int, int], ...]]] = {}


def _regular_files(folder: Path) -> list[tuple[str, os.stat_result]]:
    from ..fs.folder import list_folder

    problems: list[str] = []
    found = [(os.fsdecode(rel), st) for rel, st in list_folder(os.fsencode(folder), problems.append)
             if stat.S_ISREG(st.st_mode)]
    if problems:
        raise EvidenceError(f"The evidence folder {folder} cannot be listed completely: {problems[0]}")
    return found


def verified_folder(evidence: dict[str, Any], containers: list[dict[str, Any]]) -> str:
    """The local path of a folder given as evidence, after checking that its regular files are the
    ones intake recorded, each with its size and SHA-256 (see the module text)."""
    recorded = str(evidence["path"]).rstrip("/")
    folder = map_path(recorded, folder=True)
    key = (str(folder), int(evidence["id"]))
    known = _FOLDERS.get(key)
    if known is not None and time.monotonic() - known[0] < FOLDER_RECHECK:
        return str(folder)
    files = _regular_files(folder)
    state = tuple(sorted((rel, st.st_size, st.st_mtime_ns, st.st_ino) for rel, st in files))
    if known is not None and known[1] == state:
        _FOLDERS[key] = (time.monotonic(), state)
        return str(folder)
    expected: dict[str, dict[str, Any]] = {}
    for c in containers:
        path = str(c["path"])
        if not path.startswith(recorded + "/"):
            raise EvidenceError(f"The case records the file {path} for the evidence folder {recorded}, outside it.")
        expected[path[len(recorded) + 1:]] = c
    here = {rel for rel, _st in files}
    if here != set(expected):
        added, missing = sorted(here - set(expected)), sorted(set(expected) - here)
        raise EvidenceError(f"The evidence folder {folder} does not hold the files intake recorded ("
                            + "; ".join(part for part in (
                                f"{len(added)} added, e.g. {added[0]}" if added else "",
                                f"{len(missing)} missing, e.g. {missing[0]}" if missing else "") if part)
                            + "): it was not read.")
    for rel, c in sorted(expected.items()):
        _check(folder / rel, int(c["size"]), str(c["sha256"]))
    _FOLDERS[key] = (time.monotonic(), state)
    return str(folder)


def verified_path(evidence: dict[str, Any], containers: list[dict[str, Any]]) -> str:
    """The local path of an item's first container (of a folder given as evidence: the folder),
    after checking every container's size and SHA-256."""
    if str(evidence.get("format") or "") in FOLDER_FORMATS:
        return verified_folder(evidence, containers)
    first = ""
    for c in containers:
        path = map_path(str(c["path"]))
        _check(path, int(c["size"]), str(c["sha256"]))
        if not first:
            first = str(path)
    if not first:
        first = str(map_path(str(evidence["path"])))
    return first
