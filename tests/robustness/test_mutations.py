"""The mutation harness (benchmarks/mutate.py) in CI: ~200 damaged images, zero tracebacks or hangs."""

from __future__ import annotations

import importlib.util
import json
import os
import sys
from pathlib import Path

import pytest
from ft_testlib import REPO, corpus_dir
from imagebuilders import build_disk, build_ext4, build_fat, build_ntfs, require_tools


def _harness():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("ft_mutate", REPO / "benchmarks" / "mutate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["ft_mutate"] = module
    spec.loader.exec_module(module)
    return module


def test_regions_find_the_structures_the_harness_damages(tmp_path: Path) -> None:
    require_tools("mkntfs", "mke2fs", "mkfs.fat", "sfdisk")
    mutate = _harness()
    tree = {"a/b.txt": b"hello\n" * 100}
    parts = [(build_ntfs(tmp_path / "n.img", tree, size_mb=4), "07"), (build_ext4(tmp_path / "e.img", tree, size_mb=4), "83"),
             (build_fat(tmp_path / "f.img", tree, size_mb=16, fat=16), "06")]
    disk = build_disk(tmp_path / "disk.raw", parts)
    found = mutate.regions(disk.path)
    assert found["partition_table"] == [(446, 512)]
    assert [a for a, _ in found["boot_sector"]] == [p.offset for p in disk.partitions]
    data = disk.path.read_bytes()
    ntfs, ext4, fat = disk.partitions
    mft = [a for a, _ in found["fs_metadata"] if ntfs.offset < a < ext4.offset]
    assert mft and data[mft[0]:mft[0] + 4] == b"FILE"  # the $MFT's first record
    assert any(a == ext4.offset + 1024 for a, _ in found["fs_metadata"])  # ext4 superblock
    fat_start = [a for a, _ in found["fs_metadata"] if a > fat.offset]
    assert fat_start and data[fat_start[0]] == 0xF8  # media byte at the start of the FAT
    # Same seed, same damage: failures are reproducible from the report.
    bases = {"disk": [disk.path]}
    plan = mutate.plan(bases, 12, seed=3)
    assert plan == mutate.plan(bases, 12, seed=3)
    one = mutate.apply(plan[1], bases, tmp_path / "m1").read_bytes()
    two = mutate.apply(plan[1], bases, tmp_path / "m2").read_bytes()
    assert one == two and one != data


@pytest.mark.slow
def test_short_mutation_run_has_no_traceback_hang_or_broken_case(tmp_path: Path) -> None:
    require_tools("mkntfs", "mke2fs", "mkfs.fat", "sfdisk", "ewfacquire")
    mutate = _harness()
    count = int(os.environ.get("FT_MUTATIONS", "80"))  # 200: benchmarks/full_harnesses.py; more: benchmarks/mutate.py
    corpus = corpus_dir()
    summary = mutate.run_harness(count=count, slots=2, timeout=90.0, seed=7, work=tmp_path / "work",
                                 corpus=corpus if corpus.is_dir() else None, cli_samples=4)
    print(json.dumps({k: summary[k] for k in ("mutations", "cli_samples", "seconds", "outcomes", "by_kind")}, indent=1))
    assert summary["mutations"] == count and summary["cli_samples"] == 4
    assert not summary["failures"], json.dumps(summary["failures"][:3], indent=1, default=str)[:4000]
    assert set(summary["outcomes"]) <= {"completed", "warnings", "error"}
    assert {"disk_raw", "disk_e01", "sample_fat16_mbr"} <= set(summary["bases"])
    # The damage was real: some images were refused with a clear message, some runs warned.
    assert summary["outcomes"].get("error", 0) > 0 and summary["outcomes"].get("warnings", 0) > 0
