"""A folder given as evidence (a logical extraction copied to disk), read in place, read-only.

The walk lists every entry under the folder with :func:`os.scandir`, never following a symbolic
link (a link is listed as a link, flagged ``link-outside`` when it points outside the folder),
in a sorted, deterministic order: inode = the entry's index in that listing. Times come from
``lstat`` (UTC). Files are opened with ``O_RDONLY | O_NOFOLLOW`` and read with ``pread``; a path
that would leave the folder (through a link on the way) is refused.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

from ..errors import EvidenceError, FileSystemError
from ..timeutil import BASIS_UTC, unix_iso
from .archive import Member, MemberSource, file_reader
from .layers import LayerContext

MAX_DEPTH = 256


def _times(st: os.stat_result) -> dict[str, str | None]:
    birth = getattr(st, "st_birthtime", None)
    return {"mtime": unix_iso(st.st_mtime_ns // 10**9, st.st_mtime_ns % 10**9),
            "atime": unix_iso(st.st_atime_ns // 10**9, st.st_atime_ns % 10**9),
            "ctime": unix_iso(st.st_ctime_ns // 10**9, st.st_ctime_ns % 10**9),
            "crtime": unix_iso(int(birth)) if birth else None}


def list_folder(root: bytes, on_problem: Callable[[str], None]) -> list[tuple[bytes, os.stat_result]]:
    """(path relative to ``root`` as bytes, lstat) of every entry under ``root``, parents before
    children, names sorted bytewise; symbolic links are never followed."""
    out: list[tuple[bytes, os.stat_result]] = []
    stack: list[tuple[bytes, int]] = [(b"", 0)]
    while stack:
        rel, depth = stack.pop()
        try:
            with os.scandir(os.path.join(root, rel) if rel else root) as it:
                found = sorted(((e.name, e.stat(follow_symlinks=False)) for e in it), key=lambda x: x[0])
        except OSError as exc:
            on_problem(f"The folder {os.fsdecode(rel) or '/'} cannot be read completely: {exc.strerror or exc}.")
            continue
        subdirs = []
        for name, st in found:
            path = rel + b"/" + name if rel else name
            out.append((path, st))
            if stat.S_ISDIR(st.st_mode):
                if depth + 1 > MAX_DEPTH:
                    on_problem(f"Folder nesting deeper than {MAX_DEPTH} at {os.fsdecode(path)}; not followed.")
                else:
                    subdirs.append((path, depth + 1))
        stack.extend(reversed(subdirs))
    return out


class FolderSource(MemberSource):
    """The files of a folder, read in place; see the module text."""

    fs_type = "Folder"
    what = "folder"

    def __init__(self, root: str | os.PathLike[str]) -> None:
        super().__init__()
        self.root = os.fsencode(Path(root).resolve())
        if not os.path.isdir(self.root):
            raise FileSystemError(f"The evidence folder {os.fsdecode(self.root)} is not there (moved or unplugged?).",
                                  hint="Attach the folder at its recorded path.")
        for rel, st in list_folder(self.root, self.problems.append):
            mode = st.st_mode
            kind = ("dir" if stat.S_ISDIR(mode) else "link" if stat.S_ISLNK(mode) else
                    "file" if stat.S_ISREG(mode) else "other")
            times = _times(st)
            m = Member(rel, kind, st.st_size if kind == "file" else 0, mode, st.st_uid, st.st_gid,
                       mtime=times["mtime"], atime=times["atime"], ctime=times["ctime"], crtime=times["crtime"],
                       basis=BASIS_UTC, ref=rel)
            if kind == "link":
                try:
                    m.target = os.readlink(os.path.join(self.root, rel))
                except OSError:
                    m.target = None
            self.members.append(m)
        self._finish_listing()

    def _reader(self, m: Member, path: str) -> Callable[[int, int], bytes]:
        full = os.path.join(self.root, m.ref)
        real = os.path.realpath(os.path.dirname(full))
        if os.path.commonpath([real, self.root]) != self.root:
            raise EvidenceError(f"{path} lies outside the evidence folder (through a link); it is not read.")
        try:
            fd = os.open(full, os.O_RDONLY | os.O_NOFOLLOW)
        except OSError as exc:
            raise EvidenceError(f"{path} cannot be opened in the evidence folder: {exc.strerror or exc}.") from exc
        os.close(fd)
        return file_reader(full)


def open_folder(ctx: LayerContext) -> FolderSource:
    """Source-layer opener for ``dir``: the evidence path itself is the folder (no bytes below)."""
    return FolderSource(ctx.evidence_path)


__all__ = ["FolderSource", "list_folder", "open_folder"]
