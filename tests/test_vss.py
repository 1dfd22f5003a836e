"""Volume Shadow Copies (fs.vss) on the corpus image plaso/vsstest.qcow2, converted to raw by
qemu-img: stores, identifiers and creation times against ``vshadowinfo``, the file list of each
store against ``fls``, the store bytes against the SHA-256 in truth, the snapshot flags, the
skip of unchanged files, ``files --snapshot``, the report and the CASE export."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from ft_testlib import require_tool

from forensic_triage.fs.resolver import Resolver
from forensic_triage.fs.volumes import scan_volumes
from forensic_triage.fs.vss import discover
from forensic_triage.jobs.intake import add_evidence
from forensic_triage.jobs.settings import TriageSettings
from forensic_triage.jobs.triage import run_triage
from forensic_triage.store import CaseStore

pytestmark = pytest.mark.corpus

NAME = "plaso_vsstest.qcow2"
RULE = """
rule vss_another_file { strings: $a = "This is another file" condition: $a }
rule vss_old_syslog { strings: $a = "touch /var/run/crond.somecheck" condition: $a }
"""


def _state(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def _vshadowinfo(text: str) -> list[dict[str, str]]:
    stores: list[dict[str, str]] = []
    for line in text.splitlines():
        if line.startswith("Store:"):
            stores.append({})
        elif stores and ":" in line:
            key, _, value = line.strip().partition(":")
            stores[-1][key.strip()] = value.strip()
    return stores


_FLS = re.compile(r"^(?P<type>\S+)\s+(?P<deleted>\*\s+)?(?P<inode>\d+)[-\d]*(?:\(realloc\))?:\t(?P<path>.*)$")


def _fls(text: str) -> set[tuple[int, str]]:
    """(inode, path) of every ``fls -r -p`` line, NTFS streams folded into their file."""
    out = set()
    for line in text.splitlines():
        m = _FLS.match(line)
        if m:
            out.add((int(m.group("inode")), m.group("path").split(":", 1)[0]))
    return out


@pytest.fixture(scope="module")
def raw(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    require_tool("qemu-img")
    source = corpus / "images" / "plaso" / "vsstest.qcow2"
    if not source.exists():
        pytest.skip(f"{source} is not in the corpus")
    out = tmp_path_factory.mktemp("vss") / "vsstest.raw"
    subprocess.run(["qemu-img", "convert", "-O", "raw", str(source), str(out)], check=True)
    out.chmod(0o444)
    expected = (corpus / "truth" / f"{NAME}.media-md5-sha1-sha256.txt").read_text().split()[2]
    assert hashlib.sha256(out.read_bytes()).hexdigest() == expected
    return out


@pytest.fixture(scope="module")
def case(raw: Path, corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Any:
    folder = tmp_path_factory.mktemp("vsscase")
    rules = folder / "vss.yar"
    rules.write_text(RULE)
    before = [_state(raw), _state(corpus / "images" / "plaso" / "vsstest.qcow2")]
    store = CaseStore.create(folder / "case", case_number="VSS-1", examiner="tester", timezone="UTC")
    add_evidence(store, raw, exhibit="EXH-1")
    run_triage(store, TriageSettings(jobs=1, plugins=[], builtin_rules=False, content_search=False,
                                     rules=[str(rules)]))
    yield store, folder
    store.close()
    assert [_state(raw), _state(corpus / "images" / "plaso" / "vsstest.qcow2")] == before, "evidence changed"


def test_stores_match_vshadowinfo(raw: Path, corpus: Path, case: Any) -> None:
    store, _folder = case
    truth = _vshadowinfo((corpus / "truth" / f"{NAME}.vshadowinfo.txt").read_text())
    volumes = [v for v in store.evidence.volumes_of(1) if v["layer"]]
    assert [v["layer"] for v in volumes] == ["vss1", "vss2"] and len(truth) == 2
    live = next(v for v in store.evidence.volumes_of(1) if not v["layer"])
    for n, (v, t) in enumerate(zip(volumes, truth, strict=True), 1):
        d = json.loads(v["details"])
        assert d["store_identifier"] == t["Identifier"]
        assert d["copy_set_identifier"] == t["Shadow copy set ID"]
        assert d["copy_identifier"] == t["Shadow copy ID"]
        assert d["volume_size"] == 1073741824 and d["store_index"] == n and d["stores"] == 2
        # 'Dec 03, 2013 06:35:09.736378700 UTC' -> '2013-12-03T06:35:09.7363787Z'
        when, frac = t["Creation time"].removesuffix(" UTC").split(".")
        expected = dt.datetime.strptime(when, "%b %d, %Y %H:%M:%S").strftime("%Y-%m-%dT%H:%M:%S")
        assert d["creation_time_utc"] == f"{expected}.{frac[:7]}Z"
        assert v["description"] == f"Shadow copy {n} of 2 (created {expected.replace('T', ' ')} UTC)"
        assert v["fs_type"] == "NTFS" and v["parent_id"] == live["id"] and v["offset"] == 0
        assert v["fs_status"] == "walked"


def test_discovery_is_deterministic(raw: Path) -> None:
    from forensic_triage.evidence.images import open_media

    media = open_media(str(raw))
    try:
        first = scan_volumes(media)[1]
        again = discover(media, [v for v in first if not v.layer])
    finally:
        media.close()
    assert [(v.layer, v.details) for v in first] == [(v.layer, v.details) for v in again]


@pytest.mark.parametrize("layer", ["", "vss1", "vss2"])
def test_file_lists_equal_fls(layer: str, corpus: Path, case: Any) -> None:
    store, _folder = case
    name = f"{NAME}.{layer}.fls.txt" if layer else f"{NAME}.fls.txt"
    expected = _fls((corpus / "truth" / name).read_text())
    rows = store.query("SELECT inode, path FROM files WHERE layer = ?", (layer,))
    assert {(int(r["inode"]), r["path"].lstrip("/")) for r in rows} == expected


@pytest.mark.parametrize("n", [1, 2])
def test_store_bytes_match_truth(n: int, raw: Path, corpus: Path) -> None:
    expected = (corpus / "truth" / f"{NAME}.vss{n}.sha256").read_text().split()[0]
    with Resolver() as resolver:
        volume = resolver.volume(str(raw), 0, f"vss{n}")
        digest, offset = hashlib.sha256(), 0
        while offset < volume.size:
            data = volume.read(offset, 8 << 20)
            assert data, offset
            digest.update(data)
            offset += len(data)
    assert offset == 1073741824 and digest.hexdigest() == expected


def _row(store: CaseStore, layer: str, path: str) -> dict[str, Any] | None:
    rows = store.query("SELECT * FROM files WHERE layer = ? AND path = ? AND stream = ''", (layer, path))
    return dict(rows[0]) if rows else None


def test_snapshot_flags(case: Any) -> None:
    store, _folder = case
    syslog = _row(store, "vss1", "/syslog")
    assert syslog is not None and syslog["flags"] == "vss-only" and syslog["status"] == "done"
    assert _row(store, "", "/syslog") is None and _row(store, "vss2", "/syslog") is None
    # the catalog file of store 1 grew by the time store 2 was made: changed since
    catalog = "/System Volume Information/{600f0b69-5bdf-11e3-9d6c-005056c00008}{3808876b-c176-4e48-b7ae-04046e6cc752}"
    changed = _row(store, "vss1", catalog)
    assert changed is not None and "vss-changed" in changed["flags"].split(",")
    assert changed["sha256"] != _row(store, "", catalog)["sha256"]  # type: ignore[index]
    # files of the live volume carry no snapshot flag
    assert not store.query("SELECT id FROM files WHERE layer = '' AND flags LIKE '%vss-%'")


def test_identical_files_are_not_scanned_again(case: Any) -> None:
    store, _folder = case
    live, copy = _row(store, "", "/another_file"), _row(store, "vss2", "/another_file")
    assert live is not None and copy is not None
    assert copy["flags"] == "vss-identical" and copy["sha256"] == live["sha256"] and copy["status"] == "done"
    assert copy["md5"] == live["md5"] and copy["mime"] == live["mime"] == "text/plain" and copy["bytes_read"] == 22
    hits = {(r["rule"], r["locator"]) for r in store.query("SELECT rule, locator FROM yara_hits")}
    # the live file is scanned (hit), its unchanged copy is not; the old syslog only in store 1 is;
    # the MFT holds another_file's bytes (resident): store 2's MFT changed since, so it is scanned
    assert hits == {("vss_another_file", "EXH-1:0:39/another_file"), ("vss_old_syslog", "EXH-1:0+vss1:35/syslog"),
                    ("vss_another_file", "EXH-1:0:0/$MFT"), ("vss_another_file", "EXH-1:0+vss2:0/$MFT")}
    assert "vss-changed" in _row(store, "vss2", "/$MFT")["flags"]  # type: ignore[index]


def _cli(*args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "forensic_triage", *args], capture_output=True, text=True,
                          check=False, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_files_snapshot_option(case: Any) -> None:
    store, folder = case
    rows = [json.loads(line) for line in _cli("files", str(folder / "case"), "--snapshot", "1", "--format",
                                              "jsonl").splitlines()]
    assert rows and {r["layer"] for r in rows} == {"vss1"} and {r["snapshot"] for r in rows} == {"shadow copy 1"}
    assert any(r["path"] == "/syslog" and r["flags"] == "vss-only" for r in rows)
    table = _cli("files", str(folder / "case"))
    assert "SNAPSHOT" in table and re.search(r"EXH-1:0\+vss2:39/another_file .* shadow copy 2 +vss-identical", table)
    everything = [json.loads(line) for line in _cli("files", str(folder / "case"), "--format", "jsonl").splitlines()]
    assert {r["snapshot"] for r in everything} == {"", "shadow copy 1", "shadow copy 2"}


def test_report_and_case_name_the_snapshot(case: Any) -> None:
    from forensic_triage.exports.case_uco import export_case
    from forensic_triage.exports.pdf_report import build_report
    from forensic_triage.tags import add_tag

    require_tool("pdftotext")
    store, folder = case
    add_tag(store, "file", "EXH-1:0+vss1:35/syslog", "notable", "old syslog", thumbnail=False)
    pdf = folder / "report.pdf"
    build_report(store, pdf, scope="notable")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True,
                          text=True).stdout
    assert re.search(r"shadow copy 1 \(layer vss1\), flags\s+vss-only", text), text[:3000]
    graph = json.loads(export_case(store, folder / "case.jsonld", scope="all"))
    nodes = graph["@graph"]
    names = [f.get("uco-observable:filePath") for n in nodes for f in n.get("uco-core:hasFacet", [])
             if isinstance(f, dict) and f.get("@type") == "uco-observable:FileFacet"]
    assert names.count("/another_file") == 2  # live and shadow copy 2: two files, not one
    described = [n.get("uco-core:description", "") for n in nodes if n.get("@type") == "uco-observable:FileSystem"]
    assert sum("Shadow copy" in d for d in described) == 2 and len(described) == 3


def test_unreadable_catalog_is_a_stored_warning(raw: Path, tmp_path: Path) -> None:
    """A copy of the image whose shadow copy catalog header is overwritten: intake lists the live
    volume, says why the shadow copies are not listed, and lists none."""
    bad = tmp_path / "bad.raw"
    subprocess.run(["cp", "--sparse=always", str(raw), str(bad)], check=True)
    bad.chmod(0o644)
    with bad.open("r+b") as f:
        f.seek(0x1E00 + 0x30)  # the volume header's catalog offset
        catalog = int.from_bytes(f.read(8), "little")
        f.seek(catalog)
        f.write(b"\xff" * 16)  # its identifier
    bad.chmod(0o444)
    store = CaseStore.create(tmp_path / "case", case_number="VSS-2", examiner="tester")
    try:
        add_evidence(store, bad, exhibit="EXH-2")
        volumes = store.evidence.volumes_of(1)
        assert [(v["layer"], v["fs_status"]) for v in volumes] == [("", "pending"), ("vss", "error")]
        messages = [r["message"] for r in store.query("SELECT message FROM warnings")]
        assert any("Volume Shadow Copies whose catalog cannot be read (invalid catalog header identifier)" in m
                   for m in messages), messages
    finally:
        store.close()
