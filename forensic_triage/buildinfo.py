"""Which code ran: a build identifier printed beside the version (reports, ``--version``).

"0.1.0" alone does not identify the code. From a git checkout the identifier is the commit
(read from ``.git`` directly; ``+modified`` is added when ``git`` is installed and reports
changed tracked files); for an installed package it is the SHA-256 over the package's own
files (relative path and content of every file, in sorted order), so two installs with the
same identifier ran the same code.
"""

from __future__ import annotations

import functools
import hashlib
import shutil
import subprocess
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def _git_dir(root: Path) -> Path | None:
    dot = root / ".git"
    if dot.is_dir():
        return dot
    if dot.is_file():  # a worktree or submodule: "gitdir: PATH"
        text = dot.read_text(encoding="utf-8", errors="replace").strip()
        if text.startswith("gitdir:"):
            target = Path(text[7:].strip())
            return target if target.is_absolute() else (root / target).resolve()
    return None


def _resolve_ref(git_dir: Path, ref: str) -> str | None:
    common = git_dir
    if (git_dir / "commondir").is_file():
        common = (git_dir / (git_dir / "commondir").read_text(encoding="utf-8").strip()).resolve()
    for folder in (git_dir, common):
        loose = folder / ref
        if loose.is_file():
            return loose.read_text(encoding="utf-8").strip()
    packed = common / "packed-refs"
    if packed.is_file():
        for line in packed.read_text(encoding="utf-8", errors="replace").splitlines():
            parts = line.split()
            if len(parts) == 2 and parts[1] == ref:
                return parts[0]
    return None


def git_commit(root: Path) -> str | None:
    """The commit checked out at ``root`` (40 hex digits), read from ``.git`` without running git."""
    git_dir = _git_dir(root)
    if git_dir is None or not (git_dir / "HEAD").is_file():
        return None
    head = (git_dir / "HEAD").read_text(encoding="utf-8", errors="replace").strip()
    commit = _resolve_ref(git_dir, head[4:].strip()) if head.startswith("ref:") else head
    if commit and len(commit) == 40 and all(c in "0123456789abcdef" for c in commit):
        return commit
    return None


def _modified(root: Path) -> bool | None:
    git = shutil.which("git")
    if git is None:
        return None
    try:
        out = subprocess.run([git, "-C", str(root), "status", "--porcelain", "--untracked-files=no", "--",
                              PACKAGE_DIR.name], capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return bool(out.stdout.strip()) if out.returncode == 0 else None


def files_sha256(folder: Path = PACKAGE_DIR) -> str:
    """SHA-256 over the package's files (relative path, NUL, content), compiled caches left out."""
    h = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        rel = path.relative_to(folder).as_posix()
        if "__pycache__" in rel.split("/") or path.suffix in (".pyc", ".pyo"):
            continue
        h.update(rel.encode("utf-8", "surrogateescape") + b"\0")
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


@functools.lru_cache(maxsize=1)
def build_id() -> str:
    """``git COMMIT`` (``+modified`` when the checkout has uncommitted changes to the package) from a
    checkout, else ``package SHA-256 HEX`` of the installed files."""
    root = PACKAGE_DIR.parent
    commit = git_commit(root)
    if commit:
        modified = _modified(root)
        return f"git {commit}" + ("+modified" if modified else "")
    return f"package SHA-256 {files_sha256()}"


def version_text() -> str:
    """``0.1.0 (build git 6df4513...)`` for reports and ``--version``."""
    from . import __version__

    return f"{__version__} (build {build_id()})"
