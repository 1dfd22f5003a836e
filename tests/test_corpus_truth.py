"""Against The Sleuth Kit's ground truth: every corpus image pytsk3 can read.

File lists equal ``fls -r -p`` (allocated and deleted), media hashes equal ``img_cat``
hashes, and EWF stored hashes equal ``ewfinfo``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from forensic_triage.jobs.intake import add_evidence
from forensic_triage.jobs.settings import TriageSettings
from forensic_triage.jobs.triage import run_triage
from forensic_triage.store import CaseStore

_CORPUS_IMAGES = [
    # (truth name, first file, fs offsets in sectors that have fls truth)
    ("pytsk_image.raw", "pytsk/image.raw"),
    ("pytsk_tsk_volume_system.raw", "pytsk/tsk_volume_system.raw"),
    ("sleuthkit_image.dd", "sleuthkit/image.dd"),
    ("sleuthkit_image.E01", "sleuthkit/image.E01"),
    ("sleuthkit_image.iso", "sleuthkit/image.iso"),
    ("sleuthkit_imageformat_mmls_1.E01", "sleuthkit/imageformat_mmls_1.E01"),
    ("dfvfs_ext2.E01", "dfvfs/ext2.E01"),
    ("dfvfs_ext2.splitraw", "dfvfs/ext2.splitraw.000"),
    ("dfvfs_hfsplus.raw", "dfvfs/hfsplus.raw"),
    ("dfvfs_ímynd.dd", "dfvfs/ímynd.dd"),
    ("plaso_image-split.E01", "plaso/image-split.E01"),
    ("grr_ntfs_img.dd", "grr/ntfs_img.dd"),
    ("rust-fatfs_fat12.img", "rust-fatfs/fat12.img"),
    ("rust-fatfs_fat16.img", "rust-fatfs/fat16.img"),
    ("velociraptor_fat_very_small.dd", "velociraptor/fat_very_small.dd"),
    ("velociraptor_test.ntfs.dd.E01", "velociraptor/test.ntfs.dd.E01"),
    ("velociraptor_partition_image.E01", "velociraptor/partition_image.E01"),
    ("quyzi-gpt_gpt-disk.img", "quyzi-gpt/gpt-disk.img"),
]

_LINE = re.compile(r"^(?P<type>\S+)\s+(?P<deleted>\*\s+)?(?P<inode>[\d-]+)(?:\(realloc\))?:\t(?P<path>.*)$")


def parse_fls(text: str, ntfs: bool) -> dict[str, bool]:
    """path (streams folded into their file) -> deleted?; '/.' self entries dropped."""
    out: dict[str, bool] = {}
    for line in text.splitlines():
        m = _LINE.match(line)
        if not m:
            continue
        path = m.group("path")
        if ntfs and ":" in path:
            path = path.split(":", 1)[0]
        if path.endswith("/.") or path == ".":
            continue
        deleted = bool(m.group("deleted"))
        out[path] = out.get(path, True) and deleted if path in out else deleted
    return out


def _fold(name: str) -> str:
    return "".join("^" if ord(c) < 0x20 else c for c in name)


@pytest.fixture(scope="module")
def truth(corpus: Path) -> dict[str, dict[str, object]]:
    data = json.loads((corpus / "truth" / "images.json").read_text())
    return {d["image"]: d for d in data}


@pytest.mark.corpus
@pytest.mark.parametrize("name,rel", _CORPUS_IMAGES, ids=[n for n, _ in _CORPUS_IMAGES])
def test_image_matches_sleuthkit(name: str, rel: str, corpus: Path, truth: dict[str, dict[str, object]],
                                 tmp_path: Path) -> None:
    info = truth[name]
    image = corpus / "images" / rel
    before = [(p, p.stat().st_mtime_ns, p.read_bytes()) for p in image.parent.glob(image.name.split(".")[0] + "*")]
    store = CaseStore.create(tmp_path / "case", case_number="T", examiner="tester")
    result = add_evidence(store, image, exhibit="EXH-1")
    # Media hashes equal img_cat | md5sum / sha1sum / sha256sum.
    assert result.media_size == info["media_size"]
    assert result.md5 == info["media_md5"]
    assert result.sha1 == info["media_sha1"]
    assert result.sha256 == info["media_sha256"]
    if info["kind"] == "ewf":
        stored = (corpus / "truth" / f"{name}.ewfinfo.txt").read_text()
        md5 = re.search(r"MD5:\s+([0-9a-f]{32})", stored)
        assert md5 and result.stored["md5"] == md5.group(1)
        assert result.verdict == "MATCH"
    else:
        assert result.verdict == "NOT STORED"
    run_triage(store, TriageSettings(jobs=1, plugins=[], builtin_rules=False, content_search=False))
    for fs in info["filesystems"]:  # type: ignore[union-attr]
        offset = int(fs["offset_sectors"]) * 512
        fls_name = f"{name}.fls.txt" if not (corpus / "truth" / f"{name}.o{fs['offset_sectors']}.fls.txt").exists() \
            else f"{name}.o{fs['offset_sectors']}.fls.txt"
        fls_file = corpus / "truth" / fls_name
        if fs.get("fls_rc", 0) != 0 or not fls_file.exists():
            continue
        ntfs = fs["fs_type"] == "NTFS"
        expected = parse_fls(fls_file.read_text(errors="replace"), ntfs)
        rows = store.query("SELECT path, allocated FROM files WHERE partition_offset = ? AND evidence_id = ?",
                           (offset, result.evidence_id))
        ours: dict[str, bool] = {}
        for r in rows:
            path = _fold(r["path"].lstrip("/"))
            if ntfs:  # fold exactly as the fls side (a name may itself hold a colon)
                path = path.split(":", 1)[0]
            ours[path] = (ours.get(path, True) and not r["allocated"]) if path in ours else not r["allocated"]
        assert set(ours) == set(expected), (set(ours) ^ set(expected))
        assert {p for p, d in ours.items() if d} == {p for p, d in expected.items() if d}
    store.close()
    after = [(p, p.stat().st_mtime_ns, p.read_bytes()) for p in image.parent.glob(image.name.split(".")[0] + "*")]
    assert before == after, "evidence files must be byte-for-byte and mtime unchanged"


@pytest.mark.corpus
def test_bogus_and_unsupported_images(corpus: Path, tmp_path: Path) -> None:
    from forensic_triage.errors import EvidenceError

    store = CaseStore.create(tmp_path / "case", case_number="T", examiner="tester")
    with pytest.raises(EvidenceError, match="no partition table, no file system"):
        add_evidence(store, corpus / "images/pytsk/bogus.raw")
    bogus = add_evidence(store, corpus / "images/pytsk/bogus.raw", force=True)
    assert bogus.media_size == 12
    warnings = [r["message"] for r in store.query("SELECT message FROM warnings")]
    assert any("No file system" in w for w in warnings)
    # APFS: added (media hashed); pytsk3 cannot read it, libfsapfs does (compared with TSK in tests/test_apfs.py).
    apfs = add_evidence(store, corpus / "images/dfvfs/apfs.raw")
    assert apfs.md5 == "fe8d51cc593ddb5ec599280967999dd8"
    store.close()
