"""The build identifier printed beside the version: the git commit of a checkout (read from .git
without running git, worktrees included), or the SHA-256 over an installed package's files."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from forensic_triage.buildinfo import files_sha256, git_commit


def _git(cwd: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True, env=env).stdout.strip()


def test_commit_of_a_checkout_and_of_a_worktree(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main")
    (repo / "a.txt").write_text("one\n")
    _git(repo, "add", "a.txt")
    _git(repo, "commit", "-q", "-m", "one")
    assert git_commit(repo) == _git(repo, "rev-parse", "HEAD")
    _git(repo, "gc", "-q")  # refs now only in packed-refs
    assert git_commit(repo) == _git(repo, "rev-parse", "HEAD")
    _git(repo, "worktree", "add", "-q", "-b", "side", str(tmp_path / "wt"))
    (tmp_path / "wt" / "b.txt").write_text("two\n")
    _git(tmp_path / "wt", "add", "b.txt")
    _git(tmp_path / "wt", "commit", "-q", "-m", "two")
    side = _git(tmp_path / "wt", "rev-parse", "HEAD")
    assert git_commit(tmp_path / "wt") == side != git_commit(repo)
    _git(repo, "checkout", "-q", "--detach", side)
    assert git_commit(repo) == side
    assert git_commit(tmp_path) is None


def test_installed_files_digest(tmp_path: Path) -> None:
    pkg = tmp_path / "pkg"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("x = 1\n")
    (pkg / "sub" / "m.py").write_text("y = 2\n")
    first = files_sha256(pkg)
    (pkg / "__pycache__").mkdir()
    (pkg / "__pycache__" / "m.cpython-311.pyc").write_bytes(b"compiled")
    assert files_sha256(pkg) == first  # compiled caches differ between machines: left out
    (pkg / "sub" / "m.py").write_text("y = 3\n")
    assert files_sha256(pkg) != first
    (pkg / "sub" / "m.py").write_text("y = 2\n")
    (pkg / "sub" / "m.py").rename(pkg / "sub" / "n.py")
    assert files_sha256(pkg) != first  # a renamed file is different code
