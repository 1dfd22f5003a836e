"""Single-byte damage anywhere in an E01: intake's verification agrees with ewfverify's SUCCESS/FAILURE.

Flips are spread deterministically over the whole segment file (headers, chunk data, checksums,
tables, hashes). For each: ewfverify's verdict, and this tool's (the same steps 'evidence add'
takes to verify: open, hash with chunk checks, compare). A flip that libewf cannot open at all
must give a clear EvidenceError, never a traceback.
"""

from __future__ import annotations

import random
import subprocess
from pathlib import Path

import pytest
from imagebuilders import build_disk, build_fat, to_e01

from forensic_triage.errors import EvidenceError
from forensic_triage.evidence.ewfcheck import ChunkChecker, LayoutError
from forensic_triage.evidence.images import EwfMedia, open_media
from forensic_triage.jobs.intake import hash_media, verdict_for


def _ours(path: Path) -> str:
    media = open_media(path)
    try:
        assert isinstance(media, EwfMedia)
        try:
            checker: ChunkChecker | None = ChunkChecker(media.segments, media.size)
        except LayoutError:
            checker = None
        computed, _ = hash_media(media, checker=checker)
        return verdict_for(media.stored_hashes(), computed, len(checker.bad) if checker else 0)
    finally:
        media.close()


def _ewfverify_ok(path: Path) -> bool:
    out = subprocess.run(["ewfverify", "-q", str(path)], capture_output=True, text=True, check=False)
    return "ewfverify: SUCCESS" in out.stdout + out.stderr


@pytest.fixture(scope="module")
def e01(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("flips")
    rng = random.Random(7)
    tree = {"noise.bin": rng.randbytes(200_000), "text.txt": b"a line of text\n" * 20_000}
    fat = build_fat(folder / "fat.img", tree, size_mb=16)
    raw = build_disk(folder / "disk.dd", [(fat, "0e")]).path
    return to_e01(raw, folder / "disk", compression="fast")


def test_single_byte_flips_agree_with_ewfverify(e01: Path, tmp_path: Path) -> None:
    assert _ewfverify_ok(e01) and _ours(e01) == "MATCH"
    data = e01.read_bytes()
    rng = random.Random(2024)
    positions = sorted(rng.sample(range(13, len(data)), 60))
    disagreements = []
    outcomes = {"refused": 0, "failed": 0, "verified": 0}
    for pos in positions:
        bad = tmp_path / "flip.E01"
        damaged = bytearray(data)
        damaged[pos] ^= 0x10
        bad.write_bytes(bytes(damaged))
        theirs = _ewfverify_ok(bad)
        try:
            ours = _ours(bad)
        except EvidenceError:
            outcomes["refused"] += 1
            if theirs:
                disagreements.append((pos, "refused", "SUCCESS"))
            continue
        outcomes["verified" if ours == "MATCH" else "failed"] += 1
        if (ours == "MATCH") != theirs:
            disagreements.append((pos, ours, "SUCCESS" if theirs else "FAILURE"))
    assert disagreements == []
    assert outcomes["failed"] >= 10  # most of the file is chunk data: most flips must fail verification
