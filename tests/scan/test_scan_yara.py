"""YARA scanning on the single read: compile errors, includes, provenance, windows, timeouts,
externals, and the corpus's third-party rule files against their recorded matches."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from forensic_triage.model import FileResult, Locator
from forensic_triage.pipeline.analyzers import FileInfo
from forensic_triage.pipeline.filework import identify
from forensic_triage.scan.rules import build_ruleset, error_location, find_rule_files
from forensic_triage.scan.yara_scan import YaraAnalyzer


def info_for(name: str, data: bytes, path: str | None = None) -> FileInfo:
    mime, desc = identify(data[:65536])
    ext = name.rsplit(".", 1)[1].lower() if "." in name else ""
    full = path or f"/Users/jdoe/Downloads/{name}"
    return FileInfo(7, Locator("EXH-001", 1048576, 42, path=full), "EXH-001", full, name, ext, len(data), False,
                    mime, desc, data[:65536])


def scan(analyzer: YaraAnalyzer, name: str, data: bytes, chunk: int = 1 << 20) -> FileResult:
    run = analyzer.start(info_for(name, data))
    assert run is not None
    for i in range(0, len(data), chunk):
        run.feed(i, data[i:i + chunk])
    result = FileResult(file_id=7, md5=hashlib.md5(data).hexdigest())
    run.finish(result, True)
    return result


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


GOOD = 'rule good_one : t1 { meta: severity = "low" strings: $a = "needle" condition: $a }\n'
BROKEN = 'rule fine { condition: true }\n\nrule broken {\n  strings: $a = "x"\n  condition: $b\n}\n'


def test_broken_file_is_named_with_line_and_excluded_while_others_run(tmp_path: Path) -> None:
    write(tmp_path / "rules" / "good.yar", GOOD)
    bad = write(tmp_path / "rules" / "bad.yara", BROKEN)
    rs = build_ruleset([("extra", tmp_path / "rules")])
    assert [Path(f.path).name for f in rs.broken] == ["bad.yara"]
    where, line, message = error_location(rs.broken[0].error or "")
    assert where == str(bad) and line in (5, 6) and "$b" in message  # yara names the condition or the rule end
    assert any(str(bad) in p and "line" not in p[:10] for p in rs.problems())
    result = scan(YaraAnalyzer(rs), "x.txt", b"hay needle hay")
    assert [h.rule for h in result.hits] == ["good_one"]
    hit = result.hits[0]
    assert hit.namespace == "extra.good" and hit.tags == ["t1"] and hit.meta == {"severity": "low"}
    assert hit.strings == [{"identifier": "$a", "offset": 4, "length": 6, "hex": b"needle".hex(),
                            "text": "hay needle hay"}]
    assert hit.ruleset_sha256 == rs.sha256


def test_includes_resolve_relative_to_the_file_and_count_once(tmp_path: Path) -> None:
    write(tmp_path / "set" / "common" / "base.yar", 'rule from_include { strings: $a = "inc-marker" condition: $a }\n')
    write(tmp_path / "set" / "index.yar", 'include "common/base.yar"\nrule main_rule { condition: from_include }\n')
    files = find_rule_files(tmp_path / "set")
    assert [p.name for p in files] == ["index.yar"]  # base.yar is compiled through its includer
    rs = build_ruleset([("library", tmp_path / "set")])
    assert not rs.broken and rs.rule_count == 2
    assert {h.rule for h in scan(YaraAnalyzer(rs), "a.bin", b"..inc-marker..").hits} == {"from_include", "main_rule"}
    inc = rs.files[0].includes
    assert len(inc) == 1 and inc[0]["sha256"] == hashlib.sha256((tmp_path / "set/common/base.yar").read_bytes()).hexdigest()


def test_ruleset_digest_is_over_sorted_file_digests(tmp_path: Path) -> None:
    def sha(data: bytes) -> str:
        return hashlib.sha256(data).hexdigest()

    a = write(tmp_path / "a.yar", GOOD)
    # b.yar's digest sorts before a.yar's, so "sorted digests" differs from "digests in file-name order".
    other = next(t for t in (f"rule other {{ condition: false }} // {n}\n" for n in range(100))
                 if sha(t.encode()) < sha(a.read_bytes()))
    b = write(tmp_path / "b.yar", other)
    write(tmp_path / "c.yar", BROKEN)
    rs = build_ruleset([("extra", tmp_path)])
    sha_a, sha_b = sha(a.read_bytes()), sha(b.read_bytes())
    assert rs.sha256 == sha(f"{sha_b}\n{sha_a}".encode())  # sorted digests, the broken file left out
    assert rs.sha256 != sha(f"{sha_a}\n{sha_b}".encode())
    described = YaraAnalyzer(rs).describe()
    assert described["sha256"] == rs.sha256
    files = {Path(f["path"]).name: f for f in described["files"]}  # type: ignore[union-attr]
    assert files["a.yar"]["sha256"] == sha_a and files["b.yar"]["sha256"] == sha_b
    assert files["c.yar"]["error"] and files["c.yar"]["rules"] == 0


def test_large_file_scanned_in_overlapping_windows(tmp_path: Path) -> None:
    write(tmp_path / "w.yar", 'rule deep_marker { strings: $a = "DEEP-MARKER-7f3a" condition: $a }\n'
                              'rule border { strings: $b = "BORDER-STRADDLER-STRING" condition: $b }\n'
                              'rule head_only { condition: uint16(0) == 0x5A4D }\n')
    rs = build_ruleset([("extra", tmp_path / "w.yar")])
    window, overlap = 64 * 1024, 4096
    analyzer = YaraAnalyzer(rs, window=window, timeout=30, overlap=overlap)
    data = bytearray(os.urandom(1_000_000))
    data[:2] = b"MZ"
    deep = 900_000                       # far beyond the first window
    border = window - 10                 # straddles the first window border
    data[deep:deep + 16] = b"DEEP-MARKER-7f3a"
    data[border:border + 23] = b"BORDER-STRADDLER-STRING"
    data[500_000:500_016] = b"DEEP-MARKER-7f3a"  # a second occurrence: one hit, two strings
    result = scan(analyzer, "big.bin", bytes(data), chunk=10_000)
    hits = {h.rule: h for h in result.hits}
    assert set(hits) == {"deep_marker", "border", "head_only"}
    assert [s["offset"] for s in hits["deep_marker"].strings] == [500_000, deep]
    assert hits["border"].strings[0]["offset"] == border
    assert result.warnings == []


def test_timeout_is_a_stored_warning(tmp_path: Path) -> None:
    write(tmp_path / "slow.yar", 'rule slow { condition: for all i in (0..filesize) : '
                                 '( for all j in (0..filesize) : ( uint8(i) != 0x100 + j ) ) }\n')
    rs = build_ruleset([("extra", tmp_path / "slow.yar")])
    result = scan(YaraAnalyzer(rs, timeout=1), "slow.bin", os.urandom(200_000))
    assert result.hits == []
    assert len(result.warnings) == 1 and result.warnings[0].kind == "timeout"
    assert result.warnings[0].source == "yara" and "1 s" in result.warnings[0].message


def test_scanner_externals_like_loki(tmp_path: Path) -> None:
    md5 = hashlib.md5(b"MZ" + bytes(200)).hexdigest()
    write(tmp_path / "ext.yar", '''
rule ext_exe { condition: extension == ".exe" and filetype == "EXE" and filename == "invoice.exe" }
rule ext_path { condition: filepath matches /\\/Users\\/[^\\/]+\\/Downloads$/ }
rule ext_mime { condition: mime == "application/x-dosexec" or mime contains "portable-executable" }
''' + f'rule ext_md5 {{ condition: md5 == "{md5}" }}\n')
    rs = build_ruleset([("extra", tmp_path / "ext.yar")])
    assert not rs.broken
    rules = {h.rule for h in scan(YaraAnalyzer(rs), "invoice.exe", b"MZ" + bytes(200)).hits}
    assert {"ext_exe", "ext_path", "ext_md5"} <= rules


# ------------------------------------------------------------------------------------------ corpus

def expected_matches(corpus: Path) -> dict[str, set[tuple[str, str]]]:
    out: dict[str, set[tuple[str, str]]] = {}
    current = ""
    for line in (corpus / "truth" / "yara_matches.txt").read_text().splitlines():
        if line.startswith("== "):
            current = re.match(r"== (\S+):", line).group(1)  # type: ignore[union-attr]
            out[current] = set()
        elif current and line and not line.startswith(("#", "(no matches)")):
            rule, path = line.split(" ", 1)
            out[current].add((rule, path))
    return out


def test_corpus_rule_files_compile_and_reproduce_their_matches(corpus: Path) -> None:
    expected = expected_matches(corpus)
    assert len(expected) == 5
    for rule_file, matches in expected.items():
        rs = build_ruleset([("corpus", corpus / rule_file)])
        assert not rs.broken, rs.problems()
        analyzer = YaraAnalyzer(rs)
        found = set()
        for folder in ("artifacts", "images"):
            for path in sorted((corpus / folder).rglob("*")):
                if path.is_file() and path.stat().st_size < 64 * 1024 * 1024:
                    for hit in scan(analyzer, path.name, path.read_bytes()).hits:
                        found.add((hit.rule, str(path.relative_to(corpus))))
        assert found == matches, rule_file
