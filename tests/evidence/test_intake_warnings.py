"""'evidence add' prints every warning it stores: truncated images (sfdisk tables, cut with truncate),
split raw sets (GNU split) missing their last segment, with a gap, or with a short segment."""

from __future__ import annotations

import contextlib
import io
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from imagebuilders import build_disk, build_fat

from forensic_triage.cli.main import run

MiB = 1 << 20


@pytest.fixture(scope="module")
def disks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("disks")
    one = build_fat(folder / "one.img", {"a.txt": b"first partition\n" * 100}, size_mb=16)
    two = build_fat(folder / "two.img", {"b.txt": b"second partition\n" * 100}, size_mb=16)
    dos = build_disk(folder / "dos.dd", [(one, "0e"), (two, "0e")]).path  # partitions at 1 and 17 MiB, 33 MiB
    gpt = build_disk(folder / "gpt.dd", [(one, "0e"), (two, "0e")], table="gpt").path
    return {"dos": dos, "gpt": gpt}


def _add(tmp_path: Path, image: Path, name: str = "case") -> tuple[int, str, list[str], Path]:
    case = tmp_path / name
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        if not (case / "case.sqlite").exists():
            assert run(["case", "new", str(case), "--case-number", "T", "--examiner", "tester"]) == 0
        code = run(["evidence", "add", str(case), str(image), "--exhibit", "EXH-001", "--quiet"])
    stored: list[str] = []
    if (case / "case.sqlite").exists():
        with sqlite3.connect(case / "case.sqlite") as conn:
            stored = [r[0] for r in conn.execute("SELECT message FROM warnings ORDER BY id")]
    return code, out.getvalue() + err.getvalue(), stored, case


def _printed(out: str) -> list[str]:
    return [line.removeprefix("  warning: ") for line in out.splitlines() if line.startswith("  warning: ")]


def _cut(source: Path, target: Path, size: int) -> Path:
    shutil.copy(source, target)
    subprocess.run(["truncate", "-s", str(size), str(target)], check=True)
    return target


@pytest.mark.parametrize("table", ["dos", "gpt"])
def test_a_truncated_disk_warns_and_prints_it(disks: dict[str, Path], tmp_path: Path, table: str) -> None:
    image = _cut(disks[table], tmp_path / f"{table}-cut.dd", 24 * MiB)  # inside partition 2
    code, out, stored, _ = _add(tmp_path, image)
    assert code == 0
    assert stored and _printed(out) == stored  # every stored warning is printed, in order
    assert (f"the image ends at byte {24 * MiB} but partition 2 (") in stored[0]
    assert f"claims to end at byte {33 * MiB}: the image is truncated or incomplete" in stored[0]
    assert f"EXH-001 was added with {len(stored)} warning(s)" in out


@pytest.mark.parametrize("table", ["dos", "gpt"])
def test_a_disk_cut_before_its_second_partition_keeps_the_first(disks: dict[str, Path], tmp_path: Path,
                                                                table: str) -> None:
    # The Sleuth Kit refuses a table whose partition starts past the end of the image: it is read directly.
    image = _cut(disks[table], tmp_path / f"{table}-short.dd", 16 * MiB)
    code, out, stored, case = _add(tmp_path, image)
    assert code == 0 and _printed(out) == stored
    with sqlite3.connect(case / "case.sqlite") as conn:
        volumes = conn.execute("SELECT offset, fs_type, fs_status FROM volumes ORDER BY offset").fetchall()
    assert volumes == [(1 * MiB, "FAT16", "pending"), (17 * MiB, None, "error")]
    assert any("partition 2 (" in m and f"claims to end at byte {33 * MiB}" in m for m in stored)
    assert "not in the image (past its end)" in out


def _split(image: Path, folder: Path, size: int) -> list[Path]:
    folder.mkdir()
    subprocess.run(["split", "-b", str(size), "-d", "-a", "3", "--numeric-suffixes=1", str(image),
                    str(folder / "disk.")], check=True)
    return sorted(folder.iterdir())


def test_a_split_set_missing_its_last_segment(disks: dict[str, Path], tmp_path: Path) -> None:
    parts = _split(disks["dos"], tmp_path / "split", 12 * MiB)
    assert [p.name for p in parts] == ["disk.001", "disk.002", "disk.003"]
    parts[-1].unlink()
    code, out, stored, _ = _add(tmp_path, parts[0])
    assert code == 0 and _printed(out) == stored and len(stored) == 1
    assert f"the image ends at byte {24 * MiB} but partition 2 (" in stored[0]
    assert "This split set ends with disk.002; if later segments exist" in stored[0]


def test_a_split_set_with_a_gap_is_refused(disks: dict[str, Path], tmp_path: Path) -> None:
    parts = _split(disks["dos"], tmp_path / "split", 8 * MiB)
    parts[2].unlink()  # disk.003
    code, out, stored, case = _add(tmp_path, parts[0])
    assert code == 3
    assert "has a gap: 1 segment(s) between disk.002 and disk.004 are missing" in out
    with sqlite3.connect(case / "case.sqlite") as conn:
        assert conn.execute("SELECT count(*) FROM evidence").fetchone()[0] == 0
    # Without its first segment, the set is refused too.
    parts[0].unlink()
    code, out, _, _ = _add(tmp_path, parts[1], "case2")
    assert code == 3 and "starts at disk.002: its first segment(s) are missing" in out


def test_an_alphabetic_split_set_with_a_gap_is_refused(disks: dict[str, Path], tmp_path: Path) -> None:
    folder = tmp_path / "alpha"
    folder.mkdir()
    subprocess.run(["split", "-b", str(8 * MiB), "-a", "2", str(disks["dos"]), str(folder / "disk.")], check=True)
    (folder / "disk.ac").unlink()
    code, out, _, _ = _add(tmp_path, folder / "disk.aa")
    assert code == 3 and "between disk.ab and disk.ad are missing" in out


def test_a_short_middle_segment_is_named(disks: dict[str, Path], tmp_path: Path) -> None:
    parts = _split(disks["dos"], tmp_path / "split", 12 * MiB)
    subprocess.run(["truncate", "-s", str(12 * MiB - 4096), str(parts[1])], check=True)
    code, out, stored, _ = _add(tmp_path, parts[0])
    assert code == 0 and _printed(out) == stored
    assert any(f"segment disk.002 is {12 * MiB - 4096} bytes where disk.001 is {12 * MiB} bytes" in m
               for m in stored)


def test_a_complete_disk_has_no_warning(disks: dict[str, Path], tmp_path: Path) -> None:
    code, out, stored, case = _add(tmp_path, disks["gpt"])
    assert code == 0 and stored == [] and "warning" not in out
    with sqlite3.connect(case / "case.sqlite") as conn:
        details = conn.execute("SELECT intake_state FROM evidence").fetchall()
    assert details == [("complete",)]


def test_a_gpt_disk_cut_after_its_partitions_is_still_named_truncated(disks: dict[str, Path],
                                                                      tmp_path: Path) -> None:
    # Every partition is whole; only the backup GPT at the disk's last sector is missing.
    size = disks["gpt"].stat().st_size
    image = _cut(disks["gpt"], tmp_path / "gpt-tail.dd", 33 * MiB + 512 * 64)
    code, out, stored, _ = _add(tmp_path, image)
    assert code == 0 and _printed(out) == stored and len(stored) == 1
    assert stored[0] == (f"Evidence item EXH-001: the image ends at byte {33 * MiB + 512 * 64} but its GPT partition "
                         f"table says the disk ends at byte {size} (backup table at sector {size // 512 - 1}): the "
                         "image is truncated or incomplete.")
