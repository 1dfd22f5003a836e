"""The fast walk (``TskSource.rows``) gives exactly the entries of the FileEntry walk, and what
``fls -r -m`` lists: names, deleted flags, addresses, sizes and times (real images, built by the
Debian tools, and the corpus where present)."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
import pytsk3
from ft_testlib import corpus_dir, require_tool
from imagebuilders import build_ext4, build_fat, build_ntfs

from forensic_triage.fs.folder import FolderSource
from forensic_triage.fs.source import TskSource
from forensic_triage.jobs.worker import entry_row, walk_rows

TREE: dict[str, bytes | None] = {
    "Users/jdoe/a.txt": b"hello " * 100,
    "Users/jdoe/Downloads/setup.exe": b"MZ" + b"\0" * 5000,
    "Users/jdoe/Downloads/r\u00e9sum\u00e9.DOCX": b"PK" + b"d" * 700,
    "b.dat": b"x" * 9000,
    "empty/": None,
    "gone.txt": b"bye" * 50,
    "dir2/gone2.bin": b"z" * 3000,
    "dir2/.hidden": b"h",
}
DELETED = ["gone.txt", "dir2/gone2.bin"]
# columns of a row (jobs.worker.entry_row)
LOCATOR, INODE, ATTR_TYPE, STREAM, PATH, NAME, SIZE, ALLOCATED = 0, 2, 3, 5, 6, 7, 11, 12
MTIME, ATIME, CTIME, CRTIME, FLAGS = 18, 19, 20, 21, 23


def _build(kind: str, folder: Path) -> Path:
    image = folder / f"{kind}.img"
    if kind == "ntfs":
        return build_ntfs(image, TREE, deleted=DELETED, cache_dir=folder,
                          streams={"Users/jdoe/Downloads/setup.exe": {"Zone.Identifier": b"[ZoneTransfer]\r\nZoneId=3\r\n"}})
    if kind == "ext4":
        return build_ext4(image, TREE, deleted=DELETED)
    return build_fat(image, TREE, deleted=DELETED)


@pytest.fixture(scope="module", params=["ntfs", "ext4", "fat"])
def image(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(str(request.param), tmp_path_factory.mktemp(f"walkrows-{request.param}"))


def _source(path: Path, offset: int = 0) -> TskSource:
    return TskSource(pytsk3.FS_Info(pytsk3.Img_Info(str(path)), offset=offset))


def _both(source: TskSource, uid: str = "EXH-001", offset: int = 0,
          layer: str = "") -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], list[str], list[str]]:
    warned_rows: list[str] = []
    warned_walk: list[str] = []
    rows = list(source.rows(uid, offset, layer, warned_rows.append))
    walked = [entry_row(e) for e in source.walk(uid, offset, layer, on_warning=warned_walk.append)]
    return rows, walked, warned_rows, warned_walk


def test_rows_are_the_walk(image: Path) -> None:
    rows, walked, warned_rows, warned_walk = _both(_source(image), layer="vss1" if "ntfs" in image.name else "")
    assert rows == walked
    assert warned_rows == warned_walk
    assert any(not r[ALLOCATED] for r in rows)  # deleted entries are there
    if "ntfs" in image.name:
        assert any(r[STREAM] == "Zone.Identifier" and r[ATTR_TYPE] == 128 for r in rows)
        assert all("+vss1:" in r[LOCATOR] for r in rows)


def _fls(image: Path) -> dict[tuple[str, int], dict[str, Any]]:
    """``fls -r -m /`` (TZ=UTC) by (path, inode): deleted flag, size, the four Unix times."""
    out = subprocess.run(["fls", "-r", "-m", "/", str(image)], check=True, capture_output=True,
                         env={**os.environ, "TZ": "UTC"}).stdout.decode("utf-8", "backslashreplace")
    listed: dict[tuple[str, int], dict[str, Any]] = {}
    for line in out.splitlines():
        parts = line.split("|")
        name = "|".join(parts[1:-9])
        addr, size, atime, mtime, ctime, crtime = parts[-9], parts[-5], parts[-4], parts[-3], parts[-2], parts[-1]
        deleted = name.endswith((" (deleted)", " (deleted-realloc)"))
        name = name.rsplit(" (deleted", 1)[0] if deleted else name
        if name.endswith(" ($FILE_NAME)"):
            continue
        listed[(name, int(addr.split("-")[0]))] = {"deleted": deleted, "size": int(size), "atime": int(atime),
                                                   "mtime": int(mtime), "ctime": int(ctime), "crtime": int(crtime)}
    return listed


def _text(seconds: int) -> str | None:
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(seconds)) if seconds else None


def test_rows_match_fls(image: Path) -> None:
    require_tool("fls")
    fls = _fls(image)
    rows = list(_source(image).rows("EXH-001", 0, "", None))
    ours = {((r[PATH] + ":" + r[STREAM]) if r[STREAM] else r[PATH], r[INODE]): r for r in rows}
    assert set(fls) <= set(ours)
    # An NTFS file whose data lives only in named streams ($Secure, $Extend/$Quota...): fls -m lists
    # its streams only; the walk lists the file too (flag no-data-stream) and never reads it.
    assert all("no-data-stream" in ours[k][FLAGS].split(",") for k in set(ours) - set(fls))
    fat = image.name.startswith("fat")
    for key, want in fls.items():
        row = ours[key]
        assert (not row[ALLOCATED]) == want["deleted"], key
        assert row[SIZE] == want["size"], key
        if key[0].startswith("/$"):
            continue  # NTFS system files: mkntfs without faketime leaves $MFT times that TSK 4.11 (fls) and
            # 4.15 (pytsk3) read differently; names, flags and sizes are compared above
        for column, field in ((MTIME, "mtime"), (CTIME, "ctime"), (CRTIME, "crtime"), (ATIME, "atime")):
            got, expected = row[column], _text(want[field])
            if got is None or expected is None:
                assert got == expected or (fat and field == "ctime"), (key, field, got, expected)
                continue
            assert got[:len(expected) if not (fat and field == "atime") else 10] == expected[:len(got)], (key, field)


def test_walk_rows_uses_rows_or_entries(tmp_path: Path) -> None:
    """The worker's walk: The Sleuth Kit's rows; a source without ``rows`` (a folder) through entry_row."""
    folder = tmp_path / "evidence"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "x.txt").write_bytes(b"x")
    source = FolderSource(folder)
    assert not hasattr(source, "rows")
    rows = list(walk_rows(source, "EXH-002", 0, "dir", lambda _m: None))
    assert rows == [entry_row(e) for e in source.walk("EXH-002", 0, "dir")]
    assert any(r[PATH] == "/sub/x.txt" for r in rows)


@pytest.mark.parametrize(("name", "offset"), [("sleuthkit/image.dd", 0), ("pytsk/image.raw", 0),
                                              ("dfvfs/\u00edmynd.dd", 0)])
def test_rows_are_the_walk_on_corpus(name: str, offset: int) -> None:
    path = corpus_dir() / "images" / name
    if not path.exists():
        pytest.skip(f"{path} not found (set FT_CORPUS)")
    rows, walked, warned_rows, warned_walk = _both(_source(path, offset))
    assert rows and rows == walked
    assert warned_rows == warned_walk
