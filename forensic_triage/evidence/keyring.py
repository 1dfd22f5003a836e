"""Secrets that unlock encrypted volumes, held for this login session only — never in the case.

``evidence unlock`` checks a password, recovery key or key file against the volume and, when it
opens it, puts the secret here; the triage workers, the viewers and the mount (other processes
of the same user) take it from here when they open the volume's layer. The secret lives in a
file of mode 0600 in a folder of mode 0700 under the user's runtime directory
(``$XDG_RUNTIME_DIR``, a RAM file system cleared at logout; ``/dev/shm`` where there is none),
named by a digest of the evidence container's path, the volume's offset and its layer — so the
file's name says nothing about the case. Nothing here writes to the case, a log or the audit:
the audit records *that* a volume was unlocked, by whom and with which kind of secret
(``KINDS``), never the secret.

``FT_KEYRING_DIR`` overrides the folder (tests; a lab that keeps secrets on a token).
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from pathlib import Path

from ..errors import EvidenceError

KINDS = ("password", "recovery-key", "key-file")  # what the examiner gave: stated in the audit


def folder() -> Path:
    """The keyring's folder (created 0700 on first use)."""
    override = os.environ.get("FT_KEYRING_DIR")
    if override:
        base = Path(override)
    else:
        runtime = os.environ.get("XDG_RUNTIME_DIR")
        base = Path(runtime) / "forensic-triage-keys" if runtime and Path(runtime).is_dir() else \
            Path("/dev/shm") / f"forensic-triage-keys-{os.getuid()}"
    base.mkdir(mode=0o700, parents=True, exist_ok=True)
    info = base.stat()
    if info.st_uid != os.getuid() or stat.S_IMODE(info.st_mode) & 0o077:
        raise EvidenceError(f"The keyring folder {base} is not private to this user; no secret was kept there.",
                            hint="Remove the folder or set FT_KEYRING_DIR to a folder only you can read.")
    return base


def _name(evidence_path: str, offset: int, layer: str) -> str:
    real = os.path.realpath(evidence_path)
    return hashlib.sha256(f"{real}\x1f{int(offset)}\x1f{layer}".encode()).hexdigest()[:40]


def put(evidence_path: str, offset: int, layer: str, kind: str, secret: bytes) -> None:
    """Keep ``secret`` (of ``kind``) for the layer ``layer`` of the volume at ``offset``."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind of secret {kind!r}")
    path = folder() / _name(evidence_path, offset, layer)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump({"kind": kind, "secret": secret.hex()}, handle)


def get(evidence_path: str, offset: int, layer: str) -> tuple[str, bytes] | None:
    """(kind, secret) kept for that layer in this session, or None."""
    path = folder() / _name(evidence_path, offset, layer)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return str(data["kind"]), bytes.fromhex(data["secret"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def forget(evidence_path: str, offset: int, layer: str) -> bool:
    """Drop a kept secret; True when there was one."""
    try:
        (folder() / _name(evidence_path, offset, layer)).unlink()
        return True
    except FileNotFoundError:
        return False


__all__ = ["KINDS", "folder", "forget", "get", "put"]
