"""Intake hashing: the three media digests in one read (each on its own thread) equal what
md5sum/sha1sum/sha256sum say; split raw segments keep their own SHA-256; a single raw file's
container SHA-256 is the media's (computed once)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from ft_testlib import require_tool

from forensic_triage.evidence import hashing
from forensic_triage.evidence.images import RawMedia
from forensic_triage.jobs.intake import _read_containers


def _tool(name: str, path: Path) -> str:
    require_tool(name)
    return subprocess.run([name, str(path)], check=True, capture_output=True, text=True).stdout.split()[0]


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hashing, "CHUNK", 64 * 1024)  # many chunks from a small file


def _write(path: Path, size: int, seed: int) -> Path:
    data = bytearray(os.urandom(4096)) * (size // 4096 + 1)
    data[::4099] = bytes([seed]) * len(data[::4099])
    path.write_bytes(bytes(data[:size]))
    return path


def test_single_raw_file(tmp_path: Path, small_chunks: None) -> None:
    image = _write(tmp_path / "one.dd", 1_000_000 + 17, 1)
    media = RawMedia((image,))
    try:
        computed, segments = hashing.hash_media(media)
        _stored, _header, again, _checker, containers = _read_containers(media, (image,), "EXH-001", None, [])
    finally:
        media.close()
    assert segments == []
    assert computed == {"md5": _tool("md5sum", image), "sha1": _tool("sha1sum", image),
                        "sha256": _tool("sha256sum", image)}
    assert again == computed
    assert [c.sha256 for c in containers] == [computed["sha256"]]


def test_split_raw_segments(tmp_path: Path, small_chunks: None) -> None:
    parts = (_write(tmp_path / "s.001", 300_000, 2), _write(tmp_path / "s.002", 300_000, 3),
             _write(tmp_path / "s.003", 123_457, 4))
    whole = tmp_path / "whole.dd"
    whole.write_bytes(b"".join(p.read_bytes() for p in parts))
    media = RawMedia(parts)
    try:
        _stored, _header, computed, _checker, containers = _read_containers(media, parts, "EXH-002", None, [])
    finally:
        media.close()
    assert computed == {"md5": _tool("md5sum", whole), "sha1": _tool("sha1sum", whole),
                        "sha256": _tool("sha256sum", whole)}
    assert [c.sha256 for c in containers] == [_tool("sha256sum", p) for p in parts]
