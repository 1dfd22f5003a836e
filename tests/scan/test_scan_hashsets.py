"""Hash-set library: NSRL RDS v3 subset, *sum lists, hashdeep, HashKeeper; lookup; export."""

from __future__ import annotations

import hashlib
import sqlite3
import time
from pathlib import Path

import pytest

from forensic_triage.errors import UsageError
from forensic_triage.hashsets import HashSetAnalyzer, HashSetLibrary, export_case_hashes
from forensic_triage.model import FileResult, Locator
from forensic_triage.pipeline.analyzers import FileInfo
from forensic_triage.scan.hashset_formats import detect_format

CONTENTS = [b"notepad", b"calc", b"kernel32", b"", b"readme text\n"]


def digests(data: bytes) -> tuple[str, str, str]:
    return hashlib.md5(data).hexdigest(), hashlib.sha1(data).hexdigest(), hashlib.sha256(data).hexdigest()


def make_rds_v3(path: Path, contents: list[bytes]) -> None:
    """A small NSRL RDS v3 database with the real schema (upper-case hex, as NIST ships it)."""
    conn = sqlite3.connect(path)
    conn.executescript("""
        CREATE TABLE FILE (sha256 VARCHAR NOT NULL, sha1 VARCHAR NOT NULL, md5 VARCHAR NOT NULL,
            crc32 VARCHAR NOT NULL, file_name VARCHAR NOT NULL, file_size INTEGER NOT NULL,
            package_id INTEGER NOT NULL);
        CREATE TABLE PKG (package_id INTEGER NOT NULL, name VARCHAR NOT NULL, version VARCHAR NOT NULL,
            operating_system_id INTEGER NOT NULL, manufacturer_id INTEGER NOT NULL, language VARCHAR NOT NULL,
            application_type VARCHAR NOT NULL);
        CREATE TABLE VERSION (version VARCHAR UNIQUE NOT NULL, build_set VARCHAR NOT NULL,
            build_date TIMESTAMP NOT NULL, release_date TIMESTAMP NOT NULL, description VARCHAR NOT NULL);
        CREATE VIEW DISTINCT_HASH AS SELECT DISTINCT sha256, sha1, md5, crc32 FROM FILE;
    """)
    conn.execute("INSERT INTO VERSION VALUES ('2025.03.1', 'modern minimal', '2025-03-01', '2025-03-03', 'test subset')")
    for i, data in enumerate(contents):
        md5, sha1, sha256 = digests(data)
        for package in (1, 2):  # the same file in two packages: one entry in the set
            conn.execute("INSERT INTO FILE VALUES (?,?,?,?,?,?,?)",
                         (sha256.upper(), sha1.upper(), md5.upper(), "00000000", f"f{i}.bin", len(data), package))
    conn.commit()
    conn.close()


def lookup(analyzer: HashSetAnalyzer, data: bytes, complete: bool = True) -> list[tuple[str, str, str, str]]:
    info = FileInfo(1, Locator("E", 0, 1, path="/x"), "E", "/x", "x", "", len(data), False, "", "", b"")
    run = analyzer.start(info)
    assert run is not None
    md5, sha1, sha256 = digests(data)
    result = FileResult(file_id=1, md5=md5, sha1=sha1, sha256=sha256)
    run.feed(0, data)
    run.finish(result, complete)
    return result.hash_matches


def test_nsrl_rds_v3_subset_import_and_lookup(tmp_path: Path) -> None:
    rds = tmp_path / "RDS_2025.03.1_modern_minimal.db"
    make_rds_v3(rds, CONTENTS)
    assert detect_format(rds) == "nsrl"
    with HashSetLibrary(tmp_path / "lib.sqlite") as lib:
        hs = lib.import_file(rds, "NSRL-2025.03.1", "known-good")
        assert hs.entries == len(CONTENTS) and hs.skipped == 0 and hs.format == "nsrl"
        assert "2025.03.1" in hs.source_info
        assert hs.source_sha256 == hashlib.sha256(rds.read_bytes()).hexdigest()
        with pytest.raises(UsageError):
            lib.import_file(rds, "NSRL-2025.03.1", "known-good")
    analyzer = HashSetAnalyzer(["NSRL-2025.03.1", "missing-set"], tmp_path / "lib.sqlite")
    assert analyzer.problems and "missing-set" in analyzer.problems[0]
    assert lookup(analyzer, b"calc") == [("NSRL-2025.03.1", "known-good", "sha256", digests(b"calc")[2])]
    assert lookup(analyzer, b"not in the set") == []
    assert lookup(analyzer, b"calc", complete=False) == []  # a partly unreadable file is not identified
    described = analyzer.describe()
    assert described["sets"][0]["sha256"] == hs.source_sha256  # type: ignore[index]


def test_sum_lists_hashdeep_and_hashkeeper(tmp_path: Path) -> None:
    md5s = tmp_path / "bad.md5"
    md5s.write_text("".join(f"{digests(c)[0]}  file{i}\n" for i, c in enumerate(CONTENTS[:3]))
                    + "not a hash line\n" + f"\\{digests(b'x')[0]}  weird\\nname\n")
    sha1s = tmp_path / "list.sha1"
    sha1s.write_text(f"SHA1 (a.exe) = {digests(b'calc')[1]}\n")
    sha256s = tmp_path / "list.txt"
    sha256s.write_text(f"{digests(b'kernel32')[2]} *kernel32.dll\n")
    hashdeep = tmp_path / "known.csv"
    hashdeep.write_text("%%%% HASHDEEP-1.0\n%%%% size,md5,sha256,filename\n## Invoked from: /home\n## $ hashdeep -r .\n##\n"
                        + "".join(f"{len(c)},{digests(c)[0]},{digests(c)[2]},/x/f{i}\n" for i, c in enumerate(CONTENTS)))
    keeper = tmp_path / "keeper.hke"
    keeper.write_text('"file_id","hashset_id","file_name","directory","hash","file_size","date_modified",'
                      '"time_modified","time_zone","comments","date_accessed","time_accessed"\n'
                      + f'1,1,"a.exe","C:\\\\",{digests(b"notepad")[0].upper()},7,,,,,,\n')
    expected = {md5s: ("md5sum", 4, 1), sha1s: ("sha1sum", 1, 0), sha256s: ("sha256sum", 1, 0),
                hashdeep: ("hashdeep", 5, 0), keeper: ("hashkeeper", 1, 0)}
    with HashSetLibrary(tmp_path / "lib.sqlite") as lib:
        for i, (path, (fmt, entries, skipped)) in enumerate(expected.items()):
            assert detect_format(path) == fmt
            hs = lib.import_file(path, f"set{i}", "notable")
            assert (hs.format, hs.entries, hs.skipped) == (fmt, entries, skipped), path.name
    analyzer = HashSetAnalyzer([f"set{i}" for i in range(5)], tmp_path / "lib.sqlite")
    found = lookup(analyzer, b"notepad")
    assert ("set0", "notable", "md5", digests(b"notepad")[0]) in found      # md5sum list
    assert ("set3", "notable", "sha256", digests(b"notepad")[2]) in found   # hashdeep: the stronger digest
    assert ("set4", "notable", "md5", digests(b"notepad")[0]) in found      # HashKeeper
    assert {m[0] for m in lookup(analyzer, b"calc")} == {"set0", "set1", "set3"}


def test_million_entry_set_lookup_is_fast(tmp_path: Path) -> None:
    """The same measurement as benchmarks/hashset_lookup.py, smaller: lookups stay in the
    tens of thousands per second (one indexed query per file)."""
    lst = tmp_path / "big.sha256"
    with lst.open("w") as fh:
        for i in range(200_000):
            fh.write(hashlib.sha256(i.to_bytes(4, "little")).hexdigest() + "  f\n")
    with HashSetLibrary(tmp_path / "lib.sqlite") as lib:
        assert lib.import_file(lst, "big", "known-good").entries == 200_000
    analyzer = HashSetAnalyzer(["big"], tmp_path / "lib.sqlite")
    lib = analyzer.library()
    started = time.perf_counter()
    n = 5000
    hits = 0
    for i in range(n):
        data = (i * 37).to_bytes(4, "little")
        hits += len(lib.lookup(digests(data), analyzer.by_id))
    rate = n / (time.perf_counter() - started)
    assert hits == sum(1 for i in range(n) if i * 37 < 200_000)
    assert rate > 2000, f"{rate:.0f} lookups/s"


def test_export_tagged_and_notable_files(tmp_path: Path) -> None:
    from forensic_triage.store import CaseStore

    store = CaseStore.create(tmp_path / "case", case_number="C-1", examiner="E")
    conn = store.conn
    with store.transaction():
        conn.execute("INSERT INTO evidence(id, uid, exhibit, format, path, media_size, verdict, added_utc)"
                     " VALUES (1, 'EXH-001', 'EXH-001', 'raw', '/x.dd', 1, 'MATCH', 'now')")
        conn.execute("INSERT INTO volumes(id, evidence_id, offset, length) VALUES (1, 1, 0, 1)")
        rows = [(1, "/tagged.txt", None, 0), (2, "/notable.bin", "notable", 0), (3, "/hit.exe", None, 2),
                (4, "/good.dll", "known-good", 1), (5, "/plain.txt", None, 0), (6, "/new\nline.txt", None, 0)]
        for fid, path, hs, hits in rows:
            data = path.encode()
            md5, _sha1, sha256 = digests(data)
            conn.execute("INSERT INTO files(id, evidence_id, volume_id, locator, partition_offset, inode, path, name,"
                         " name_raw, parent_path, size, allocated, meta_allocated, type, status, md5, sha256,"
                         " hashset_match, hit_count) VALUES (?,1,1,?,0,?,?,?,?,'/',?,1,1,'file','done',?,?,?,?)",
                         (fid, f"EXH-001:0:{fid}{path}", fid, path, path[1:], data, len(data), md5, sha256, hs, hits))
        conn.execute("INSERT INTO tags(target_kind, target_id, tag, examiner, created_utc) VALUES ('file', 1, 'x', 'E', 'n')")
        conn.execute("INSERT INTO tags(target_kind, target_id, tag, examiner, created_utc) VALUES ('file', 6, 'x', 'E', 'n')")
        conn.execute("INSERT INTO tags(target_kind, target_id, tag, examiner, created_utc) VALUES ('file', 4, 'x', 'E', 'n')")
    out = tmp_path / "tagged.sha256"
    assert export_case_hashes(store, out, "tagged", "sha256sum") == 2  # the known-good file is never exported
    lines = out.read_text().splitlines()
    assert lines[0 if lines[0].startswith(digests(b"/tagged.txt")[2]) else 1] == \
        f"{digests(b'/tagged.txt')[2]}  EXH-001/tagged.txt"
    assert any(line.startswith("\\") and line.endswith("EXH-001/new\\nline.txt") for line in lines)
    deep = tmp_path / "notable.csv"
    assert export_case_hashes(store, deep, "notable", "hashdeep") == 4
    store.close()
    with HashSetLibrary(tmp_path / "lib.sqlite") as lib:  # a partner agency imports what we export
        assert lib.import_file(deep, "partner", "notable").entries == 4
        assert lib.import_file(out, "partner-tagged", "notable").entries == 2
