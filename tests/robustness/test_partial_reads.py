"""Every result says how complete it is; nothing shifted, nothing dropped (issue 11).

Real images only: an NTFS volume (mkntfs + libntfs-3g) whose .bash_history is fragmented so
that its middle lies at the end of the volume, truncated there (the middle of the file is
gone, its end is still there); an ext4 image (mke2fs -d) truncated inside one file and before
another; the Sleuth Kit's own test image with deleted names whose inode is 0; and a
Windows-made NTFS E01 for the system files' named streams. Where the layout of a built image
is a precondition it is read with pytsk3 and asserted, never assumed.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import struct
import subprocess
from pathlib import Path
from typing import Any

import pytest
import pytsk3
from imagebuilders import build_ext4, build_ntfs, require_tools

from forensic_triage.cli.main import run
from forensic_triage.errors import TriageError
from forensic_triage.jobs.intake import add_evidence
from forensic_triage.jobs.settings import TriageSettings
from forensic_triage.jobs.triage import run_triage
from forensic_triage.store import CaseStore
from forensic_triage.timeutil import unix_iso

T0 = 1_700_000_000
COMMANDS = 29_500
PAD = b"x" * 150
MD5_OF_NOTHING = hashlib.md5(b"").hexdigest()


def history() -> bytes:
    return b"".join(b"#%d\necho %06d %s\n" % (T0 + i, i, PAD) for i in range(COMMANDS))


def data_runs(image: Path, path: str) -> list[tuple[int, int, int]]:
    """(file offset, image offset, length) in bytes of the unnamed data of ``path``, file order."""
    fs = pytsk3.FS_Info(pytsk3.Img_Info(str(image)))
    bs = int(fs.info.block_size)
    runs = []
    for attr in fs.open(path):
        if int(attr.info.type) in (int(pytsk3.TSK_FS_ATTR_TYPE_DEFAULT), int(pytsk3.TSK_FS_ATTR_TYPE_NTFS_DATA)) \
                and not attr.info.name:
            runs = [(int(r.offset) * bs, int(r.addr) * bs, int(r.len) * bs) for r in attr]
    return sorted(runs)


def triage(image: Path, folder: Path, **settings: Any) -> CaseStore:
    store = CaseStore.create(folder, case_number="PARTIAL", examiner="tester")
    add_evidence(store, image)
    run_triage(store, TriageSettings(jobs=1, content_search=False, builtin_rules=False, **settings))
    return store


def file_row(store: CaseStore, path: str, stream: str = "") -> Any:
    rows = store.query("SELECT * FROM files WHERE path=? AND stream=?", (path, stream))
    assert len(rows) == 1, (path, stream, len(rows))
    return rows[0]


def warnings_of(store: CaseStore, file_id: int) -> list[Any]:
    return store.query("SELECT source, kind, message, details FROM warnings WHERE file_id=? ORDER BY id", (file_id,))


# ------------------------------------------------------------------ NTFS: a gap in the middle


@pytest.fixture(scope="module")
def ntfs_gap(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    require_tools("mkntfs")
    folder = tmp_path_factory.mktemp("ntfs-gap")
    content = history()
    intact = build_ntfs(folder / "intact.img", {"root/.bash_history": content, "a.txt": b"hello\n"}, size_mb=8)
    runs = data_runs(intact, "/root/.bash_history")
    # libntfs-3g fills the data zone up to the end of the volume, then wraps to its start: the file's
    # middle run is the last thing on the volume, its last run near the start.
    assert len(runs) == 3 and runs[1][1] == max(r[1] for r in runs) and runs[2][1] < runs[0][1], runs
    cut = runs[1][1] + (runs[1][2] // 2) // 4096 * 4096
    gap = (runs[1][0] + (cut - runs[1][1]), runs[2][0])  # [start, end) in the file
    image = folder / "truncated.img"
    shutil.copyfile(intact, image)
    with open(image, "r+b") as handle:
        handle.truncate(cut)
    rules = folder / "gap.yar"
    rules.write_text('rule zeros_only_in_the_gap { strings: $z = { 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 }'
                     ' condition: $z }\nrule real_text { strings: $t = "echo 000007 " condition: $t }\n')
    store = triage(image, folder / "case", plugins=["unix.shell_history"], rules=[str(rules)])
    return {"store": store, "content": content, "gap": gap, "image": image}


def test_a_file_cut_in_the_middle_is_partial_with_its_unreadable_range(ntfs_gap: dict[str, Any]) -> None:
    store, content, (start, end) = ntfs_gap["store"], ntfs_gap["content"], ntfs_gap["gap"]
    row = file_row(store, "/root/.bash_history")
    readable = content[:start] + content[end:]
    assert row["status"] == "partial"
    assert row["size"] == len(content) and row["bytes_read"] == len(readable) == len(content) - (end - start)
    assert json.loads(row["unreadable"]) == [[start, end]]
    # the hashes are those of the readable bytes, in file order; never of the whole file
    assert row["md5"] == hashlib.md5(readable).hexdigest() and row["sha256"] == hashlib.sha256(readable).hexdigest()
    messages = [w["message"] for w in warnings_of(store, row["id"]) if w["source"] == "read"]
    assert len(messages) == 1
    assert f"Bytes {start}-{end - 1} of this file ({end - start} bytes) could not be read" in messages[0]
    assert f"cover the {len(readable)} readable bytes only" in messages[0]


def test_files_command_shows_what_the_hashes_cover(ntfs_gap: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    store, (start, end) = ntfs_gap["store"], ntfs_gap["gap"]
    assert run(["files", str(store.case_dir), "--path", "/root/*", "--format", "jsonl"]) == 0
    (listed,) = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert (listed["status"], listed["unreadable"]) == ("partial", [[start, end]])
    assert listed["bytes_read"] == listed["size"] - (end - start)
    assert run(["files", str(store.case_dir), "--path", "/root/*"]) == 0
    assert "partial" in capsys.readouterr().out.splitlines()[1].split()


def test_exports_never_present_a_partial_file_as_whole(ntfs_gap: dict[str, Any], tmp_path: Path) -> None:
    """CASE, DFXML, the body file and package copies say what a partial file's hashes cover."""
    import io

    from forensic_triage.exports.bodyfile import write_bodyfile
    from forensic_triage.exports.case_uco import export_case
    from forensic_triage.exports.dfxml import build
    from forensic_triage.exports.package import build_package

    store = ntfs_gap["store"]
    row = file_row(store, "/root/.bash_history")
    body = io.StringIO()
    write_bodyfile(store, body)
    (line,) = [ln for ln in body.getvalue().splitlines() if "/root/.bash_history|" in ln]
    assert line.split("|")[0] == "0"  # mactime's MD5 stands for the whole file: unknown here
    xml = build(store).getroot()
    ns = "{http://www.forensicswiki.org/wiki/Category:Digital_Forensics_XML}"
    (fo,) = [f for f in xml.iter(f"{ns}fileobject") if f.findtext(f"{ns}filename", "").endswith("root/.bash_history")]
    assert fo.find(f"{ns}hashdigest") is None
    assert "read only in part" in ET_tostring(fo)
    export_case(store, tmp_path / "case.jsonld")
    graph = json.loads((tmp_path / "case.jsonld").read_text())["@graph"]
    (node,) = [n for n in graph if n.get("@type") == "uco-observable:File"
               and str(n.get("uco-core:name", "")).endswith("/root/.bash_history")]
    assert f"Read only in part: {row['bytes_read']} of {row['size']} bytes readable" in node["uco-core:description"]
    content = [f for f in node["uco-core:hasFacet"] if f.get("@type") == "uco-observable:ContentDataFacet"]
    assert content and content[0]["uco-observable:sizeInBytes"] == row["bytes_read"]
    from forensic_triage.tags import add_tag

    add_tag(store, "file", row["locator"], "partial", "", thumbnail=False)
    add_tag(store, "file", file_row(store, "/a.txt")["locator"], "whole", "", thumbnail=False)
    summary = build_package(store, tmp_path / "pkg", include_files=True, scope="tagged")
    index = json.loads((Path(summary["package"]) / "data" / "files" / "index.json").read_text())
    (entry,) = [e for e in index if e["original_path"] == "/root/.bash_history"]
    assert entry["copied"] is False and entry["package_path"] is None and "read only in part" in entry["reason"]
    assert any(e["copied"] for e in index)  # whole files are still copied


def ET_tostring(element: Any) -> str:  # noqa: N802 - mirrors ElementTree.tostring
    import xml.etree.ElementTree as ET  # noqa: N817

    return ET.tostring(element, encoding="unicode")


def test_text_records_after_the_gap_are_parsed(ntfs_gap: dict[str, Any]) -> None:
    store, (start, end) = ntfs_gap["store"], ntfs_gap["gap"]
    row = file_row(store, "/root/.bash_history")
    whole = re.compile(r"^echo (\d{6}) " + "x" * len(PAD) + "$")
    found = {}
    for art in store.query("SELECT data FROM artifacts WHERE file_id=?", (row["id"],)):
        data = json.loads(art["data"])
        match = whole.match(data["command"])
        if match:
            found[int(match.group(1))] = data["executed"]
    line_bytes = len(b"#%d\necho %06d %s\n" % (T0, 0, PAD))
    assert all(found[i] == unix_iso(T0 + i) for i in found)
    assert not [i for i in found if start <= i * line_bytes and (i + 1) * line_bytes <= end]
    assert set(range(-(-end // line_bytes), COMMANDS)) <= set(found), "the commands after the gap are found"
    notes = [w["message"] for w in warnings_of(store, row["id"]) if w["source"] == "unix.shell_history"]
    assert any(f"bytes {start}-{end - 1} zero-filled" in m for m in notes), notes


def evtx_chunks(data: bytes) -> list[tuple[int, int, int]]:
    """(file offset, first record id, last record id) of each used chunk of an EVTX file."""
    chunks = []
    for offset in range(4096, len(data) - 65535, 65536):
        if data[offset:offset + 8] == b"ElfChnk\x00":
            first, last = struct.unpack_from("<QQ", data, offset + 24)
            chunks.append((offset, first, last))
    return chunks


def test_evtx_chunks_after_the_gap_are_parsed_at_their_true_offsets(corpus: Path, tmp_path: Path) -> None:
    """An event log is a header and 64 KiB chunks found by their offsets: the chunks after an
    unreadable range parse only if nothing after it moved (moved up, they would be lost)."""
    require_tools("mkntfs")
    log = (corpus / "artifacts" / "evtx" / "plaso" / "System.evtx").read_bytes()
    path = "/Windows/System32/winevt/Logs/System.evtx"
    intact = build_ntfs(tmp_path / "intact.img", {"a/filler.bin": b"f" * 200 * 4096, path[1:]: log}, size_mb=7)
    runs = data_runs(intact, path)
    # libntfs-3g puts the log's start at the end of the volume and the rest near its start.
    assert len(runs) == 2 and runs[0][1] > runs[1][1], runs
    cut = runs[0][1] + runs[0][2] // 2 // 4096 * 4096 + 5 * 4096
    start, end = cut - runs[0][1], runs[1][0]
    assert (end - start) % 65536, "a gap of whole chunks would hide a shift"
    image = tmp_path / "truncated.img"
    shutil.copyfile(intact, image)
    with open(image, "r+b") as handle:
        handle.truncate(cut)
    chunks = evtx_chunks(log)
    after = {i for offset, first, last in chunks if offset >= end for i in range(first, last + 1)}
    before = {i for offset, first, last in chunks if offset + 65536 <= start for i in range(first, last + 1)}
    assert after and before, (start, end, chunks)
    store = triage(image, tmp_path / "case", plugins=["windows.evtx"])
    row = file_row(store, path)
    assert row["status"] == "partial" and json.loads(row["unreadable"]) == [[start, end]]
    events = [json.loads(a["data"]) for a in store.query(
        "SELECT data FROM artifacts WHERE file_id=? AND type='windows.event'", (row["id"],))]
    numbers = {e["record_number"] for e in events if not e["recovered"]}
    assert after <= numbers, f"{len(after - numbers)} events after the gap were lost"
    assert before <= numbers
    assert numbers <= {i for _, first, last in chunks for i in range(first, last + 1)}
    notes = [w["message"] for w in warnings_of(store, row["id"]) if w["source"] == "windows.evtx"]
    assert any(f"bytes {start}-{end - 1} zero-filled" in m for m in notes), notes


def test_yara_matches_on_the_zero_filled_bytes_are_not_findings(ntfs_gap: dict[str, Any]) -> None:
    store = ntfs_gap["store"]
    row = file_row(store, "/root/.bash_history")
    rules = {r["rule"] for r in store.query("SELECT rule FROM yara_hits WHERE file_id=?", (row["id"],))}
    assert rules == {"real_text"}
    notes = [w["message"] for w in warnings_of(store, row["id"]) if w["source"] == "yara"]
    assert any("zeros_only_in_the_gap matched only on the zero-filled unreadable bytes" in m for m in notes), notes


def test_ntfs_system_files_are_listed_by_their_streams(ntfs_gap: dict[str, Any]) -> None:
    """$Secure, $ObjId, $Quota, $Reparse hold no unnamed $DATA: no digest of nothing for them;
    their named streams are listed like fls lists them and read like icat reads them."""
    store, image = ntfs_gap["store"], ntfs_gap["image"]
    fls = subprocess.run(["fls", "-r", "-p", str(image)], capture_output=True, text=True, check=True).stdout
    streams = re.findall(r"^r/r (\d+)-(\d+)-(\d+):\t(\$[^:\n]+|\$Extend/\$[^:\n]+):(\$\w+)$", fls, re.M)
    assert {(p, s) for *_, p, s in streams} >= {("$Secure", "$SDS"), ("$Secure", "$SDH"), ("$Secure", "$SII"),
                                                 ("$Extend/$ObjId", "$O"), ("$Extend/$Quota", "$Q"),
                                                 ("$Extend/$Reparse", "$R")}
    for inode, atype, aid, path, stream in streams:
        if (path, stream) == ("$BadClus", "$Bad"):
            continue  # as long as the volume, no cluster marked bad: listed, not read (walker)
        row = file_row(store, "/" + path, stream)
        assert (row["inode"], row["attr_type"], row["attr_id"]) == (int(inode), int(atype), int(aid))
        icat = subprocess.run(["icat", str(image), f"{inode}-{atype}-{aid}"], capture_output=True, check=True).stdout
        assert row["status"] == "done" and row["size"] == len(icat) > 0, (path, stream)
        assert row["md5"] == hashlib.md5(icat).hexdigest(), (path, stream)
    for path in ("/$Secure", "/$Extend/$ObjId", "/$Extend/$Quota", "/$Extend/$Reparse"):
        row = file_row(store, path)
        assert row["status"] == "no-content" and row["md5"] is None and row["sha256"] is None, path
        assert "no-data-stream" in row["flags"].split(",") and not warnings_of(store, row["id"]), path
    # a real empty unnamed stream keeps the digest of its (empty) content
    assert file_row(store, "/$BadClus")["md5"] == MD5_OF_NOTHING


def test_index_allocations_of_system_files_are_read(corpus: Path, tmp_path: Path) -> None:
    """A Windows-made volume: $Secure's $SDH and $SII indexes have an $INDEX_ALLOCATION too."""
    image = corpus / "images" / "velociraptor" / "test.ntfs.dd.E01"
    store = triage(image, tmp_path / "case", plugins=[])
    rows = store.query("SELECT * FROM files WHERE path='/$Secure' ORDER BY attr_type, attr_id")
    by_stream = {r["stream"]: r for r in rows}
    assert set(by_stream) == {"", "$SDS", "$SDH", "$SII", "$SDH:$INDEX_ALLOCATION", "$SII:$INDEX_ALLOCATION"}
    assert by_stream[""]["status"] == "no-content" and by_stream[""]["md5"] is None
    for stream, row in by_stream.items():
        if not stream:
            continue
        icat = subprocess.run(["icat", str(image), f"9-{row['attr_type']}-{row['attr_id']}"], capture_output=True,
                              check=True).stdout
        assert row["status"] == "done" and row["md5"] == hashlib.md5(icat).hexdigest() and icat, stream


# ------------------------------------------------------------------ ext4: truncated at a file's tail


def test_truncated_inside_one_file_and_before_another(tmp_path: Path) -> None:
    require_tools("mke2fs", "debugfs")
    first = bytes(range(256)) * 800          # 204800 bytes
    second = b"second file\n" * 9000          # 108000 bytes
    intact = build_ext4(tmp_path / "intact.img", {"first.bin": first, "second.bin": second}, size_mb=8)
    runs = {name: data_runs(intact, "/" + name) for name in ("first.bin", "second.bin")}
    assert all(len(r) == 1 for r in runs.values()), runs
    early, late = sorted(runs, key=lambda n: runs[n][0][1])
    assert runs[early][0][1] + runs[early][0][2] <= runs[late][0][1], runs
    keep = 100_500  # not a block boundary: The Sleuth Kit then gives a short read
    cut = runs[early][0][1] + keep
    image = tmp_path / "truncated.img"
    shutil.copyfile(intact, image)
    with open(image, "r+b") as handle:
        handle.truncate(cut)
    store = triage(image, tmp_path / "case", plugins=[])
    content = {"first.bin": first, "second.bin": second}

    row = file_row(store, "/" + early)
    assert row["status"] == "partial" and row["bytes_read"] == keep
    assert json.loads(row["unreadable"]) == [[keep, len(content[early])]]
    assert row["md5"] == hashlib.md5(content[early][:keep]).hexdigest()
    assert any(f"Bytes {keep}-{len(content[early]) - 1}" in w["message"] for w in warnings_of(store, row["id"]))

    row = file_row(store, "/" + late)  # not one byte of it is in the image
    assert row["status"] == "error" and row["bytes_read"] == 0
    assert row["md5"] is None and row["sha1"] is None and row["sha256"] is None
    assert json.loads(row["unreadable"]) == [[0, len(content[late])]]
    messages = [w["message"] for w in warnings_of(store, row["id"])]
    assert messages == [f"None of the {len(content[late])} bytes of this file could be read from the evidence; it "
                        "has no hashes and was not examined."]


# ------------------------------------------------------------------ deleted names without metadata


def test_deleted_names_with_inode_0_have_no_content_and_one_summary(corpus: Path, tmp_path: Path) -> None:
    image = corpus / "images" / "sleuthkit" / "image.dd"
    fls = (corpus / "truth" / "sleuthkit_image.dd.fls.txt").read_text()
    expected = {"/" + p for p in re.findall(r"^\S+ \* 0:\t(.*)$", fls, re.M)}
    assert expected  # the image has names whose inode is 0
    store = triage(image, tmp_path / "case", plugins=[])
    rows = store.query("SELECT * FROM files WHERE status='no-content'")
    assert {r["path"] for r in rows} == expected
    for r in rows:
        assert r["inode"] == 0 and not r["allocated"] and r["md5"] is None and r["sha256"] is None
        assert not warnings_of(store, r["id"])
    assert not store.query("SELECT id FROM files WHERE status='error'")
    summary = store.query("SELECT message, details FROM warnings WHERE source='fs.walk'")
    assert len(summary) == 1 and json.loads(summary[0]["details"]) == {"no_content_names": len(expected)}
    assert summary[0]["message"].startswith(f"{len(expected)} deleted name(s) on the ext2 file system at byte 0")


# ------------------------------------------------------------------ a job end that cannot be recorded


def test_a_job_whose_end_cannot_be_recorded_is_failed_with_a_warning(tmp_path: Path) -> None:
    require_tools("mke2fs", "debugfs")
    image = build_ext4(tmp_path / "small.img", {"a.txt": b"hello\n"}, size_mb=4)
    store = CaseStore.create(tmp_path / "case", case_number="END", examiner="tester")
    add_evidence(store, image)
    # The case database refuses to record a completed job (as a full disk or a damaged file would).
    store.conn.execute("CREATE TRIGGER refuse_end BEFORE UPDATE OF outcome ON jobs WHEN NEW.outcome = 'completed'"
                       " BEGIN SELECT RAISE(ABORT, 'the case database refused the write'); END")
    with pytest.raises(TriageError, match="end of the triage job could not be recorded"):
        run_triage(store, TriageSettings(jobs=1, plugins=[], builtin_rules=False, content_search=False))
    job = store.query("SELECT * FROM jobs WHERE kind='triage'")[0]
    assert job["outcome"] == "failed" and job["ended_utc"]
    notes = store.query("SELECT message FROM warnings WHERE job_id=? AND source='engine'", (job["id"],))
    assert [n["message"] for n in notes if "could not be recorded" in n["message"]]
    assert file_row(store, "/a.txt")["status"] == "done"  # the results are kept


def test_a_job_that_fails_right_after_starting_is_not_left_running(tmp_path: Path) -> None:
    require_tools("mke2fs", "debugfs")
    image = build_ext4(tmp_path / "small.img", {"a.txt": b"hello\n"}, size_mb=4)
    store = CaseStore.create(tmp_path / "case", case_number="START", examiner="tester")
    add_evidence(store, image)
    # Recording the job's rule set (right after the job row is written) fails.
    store.conn.execute("CREATE TRIGGER refuse_rules BEFORE INSERT ON rulesets"
                       " BEGIN SELECT RAISE(ABORT, 'the case database refused the write'); END")
    with pytest.raises(TriageError):
        run_triage(store, TriageSettings(jobs=1, plugins=[], builtin_rules=True, content_search=False))
    job = store.query("SELECT * FROM jobs WHERE kind='triage'")[0]
    assert job["outcome"] == "failed" and job["ended_utc"]
    notes = [n["message"] for n in store.query("SELECT message FROM warnings WHERE job_id=?", (job["id"],))]
    assert any(m.startswith("The triage job failed:") and "refused the write" in m for m in notes), notes
