"""An iOS backup folder (iTunes / Finder, iOS 10 and later) given as evidence, read in place.

``Manifest.db`` (SQLite, opened read-only and immutable: nothing is written beside it) maps each
file's ``fileID`` (the SHA-1 of ``Domain-relativePath``) to its domain, relative path and kind
(``flags``: 1 file, 2 folder, 4 symbolic link); its ``file`` column, an NSKeyedArchiver property
list, gives size, mode, owner and times (UTC epoch seconds). The walk lists the rows in the
table's order (inode = that index) under the path ``/Domain/relativePath``; a file's bytes are
the blob ``xx/fileID`` (``xx``: the first two characters; a flat layout is read too), read with
``pread`` and never written. A row whose blob is missing is listed, flagged ``missing-blob``.
Encrypted backups are refused at intake (:mod:`forensic_triage.evidence.logical`).
"""

from __future__ import annotations

import os
import plistlib
import sqlite3
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import EvidenceError, FileSystemError
from ..timeutil import BASIS_UTC, unix_iso
from .archive import Member, MemberSource, file_reader
from .layers import LayerContext


def _resolve(objects: list[Any], value: Any) -> Any:
    return objects[value.data] if isinstance(value, plistlib.UID) and value.data < len(objects) else value


def file_record(blob: bytes | None) -> dict[str, Any]:
    """The MBFile fields of a Manifest.db ``file`` blob (NSKeyedArchiver), UIDs resolved one level."""
    if not blob:
        return {}
    try:
        archive = plistlib.loads(blob)
        objects = archive["$objects"]
        root = _resolve(objects, archive["$top"]["root"])
    except (plistlib.InvalidFileException, KeyError, TypeError, ValueError, IndexError):
        return {}
    if not isinstance(root, dict):
        return {}
    return {k: _resolve(objects, v) for k, v in root.items()}


def _int(value: Any) -> int | None:
    return int(value) if isinstance(value, int) and not isinstance(value, bool) else None


def connect_manifest(path: Path) -> sqlite3.Connection:
    """Manifest.db opened read-only and immutable (no journal, no lock files beside it)."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
        conn.execute("SELECT count(*) FROM main.Files").fetchone()  # main = the backup's Manifest.db
    except sqlite3.Error as exc:
        raise FileSystemError(f"The backup's Manifest.db cannot be read ({exc}).",
                              hint="Check that the backup was copied completely.") from exc
    return conn


class BackupSource(MemberSource):
    """The files of an iOS backup, read in place; see the module text."""

    fs_type = "iOS backup"
    what = "iOS backup"

    def __init__(self, root: str | os.PathLike[str]) -> None:
        super().__init__()
        self.root = Path(root).resolve()
        manifest = self.root / "Manifest.db"
        if not manifest.is_file():
            raise FileSystemError(f"{self.root} holds no Manifest.db; it is not an iOS backup this tool reads.")
        conn = connect_manifest(manifest)
        try:
            rows = conn.execute("SELECT fileID, domain, relativePath, flags, file FROM main.Files ORDER BY rowid")
            missing = 0
            for file_id, domain, relative, flags, blob in rows:
                m = self._member(str(file_id or ""), str(domain or ""), relative, flags, blob)
                missing += "missing-blob" in m.flags
                self.members.append(m)
        except sqlite3.Error as exc:
            self.problems.append(f"The backup's Manifest.db could be read only in part ({exc}); "
                                 f"{len(self.members)} file(s) are listed.")
        finally:
            conn.close()
        if missing:
            self.problems.append(f"{missing} file(s) listed in the backup's Manifest.db have no data file in the "
                                 "backup folder (flag 'missing-blob'); they are listed without content.")
        self._finish_listing()

    def _member(self, file_id: str, domain: str, relative: Any, flags: Any, blob: Any) -> Member:
        rel = relative.encode("utf-8", "surrogateescape") if isinstance(relative, str) else bytes(relative or b"")
        raw = domain.encode("utf-8", "surrogateescape") + (b"/" + rel if rel else b"")
        record = file_record(blob if isinstance(blob, bytes) else None)
        mode = _int(record.get("Mode"))
        kind = {1: "file", 2: "dir", 4: "link"}.get(_int(flags) or 0, "other")
        m = Member(raw, kind, _int(record.get("Size")) or 0 if kind == "file" else 0, mode,
                   _int(record.get("UserID")), _int(record.get("GroupID")),
                   mtime=unix_iso(_int(record.get("LastModified"))),
                   ctime=unix_iso(_int(record.get("LastStatusChange"))),
                   crtime=unix_iso(_int(record.get("Birth"))), basis=BASIS_UTC)
        if kind == "link":
            target = record.get("Target")
            m.target = target.encode("utf-8", "surrogateescape") if isinstance(target, str) else None
        if kind == "file":
            blob_path = self._blob(file_id)
            if blob_path is None:
                m.flags.append("missing-blob")
            else:
                m.ref = blob_path
                actual = blob_path.stat().st_size
                if record.get("Size") is not None and actual != m.size:
                    m.flags.append("size-differs")  # Manifest.db says otherwise: the blob is what is read
                m.size = actual
        if mode is not None and kind == "file" and not stat.S_ISREG(mode) and stat.S_IFMT(mode):
            m.flags.append("mode-not-file")
        return m

    def _blob(self, file_id: str) -> Path | None:
        if len(file_id) < 3 or not all(c in "0123456789abcdefABCDEF" for c in file_id):
            return None
        for candidate in (self.root / file_id[:2] / file_id, self.root / file_id):
            if candidate.is_file() and not candidate.is_symlink():
                return candidate
        return None

    def _reader(self, m: Member, path: str) -> Callable[[int, int], bytes]:
        if m.ref is None:
            raise EvidenceError(f"{path} has no data file in the iOS backup (listed in Manifest.db only).")
        blob: Path = m.ref
        return file_reader(blob)


def open_backup(ctx: LayerContext) -> BackupSource:
    """Source-layer opener for ``ios``: the evidence path is the backup folder (no bytes below)."""
    return BackupSource(ctx.evidence_path)


__all__ = ["BackupSource", "connect_manifest", "file_record", "open_backup"]
