"""End to end through the CLI: a FAT image with planted files is triaged and every finding kind
(YARA hits with rule-set provenance, hash-set matches, extension lies, encrypted files, content
hits) is reported by ``hits``; then a post-triage ``search``, ``rules`` and ``hashsets export``."""

from __future__ import annotations

import hashlib
import json
import random
import shutil
import subprocess
from pathlib import Path

import pytest
from ft_testlib import corpus_dir
from imagebuilders import build_fat

from forensic_triage.cli.main import run

EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + b"EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
RANSOM = (b"YOUR FILES HAVE BEEN ENCRYPTED!\r\nTo decrypt your files buy the decryption key for 0.1 bitcoin.\r\n")
CONTACTS = (b"Mule list\njane.roe@example.com\nphone +1 868 555 0123\ncard 4539 1488 0343 6467\n"
            b"wallet 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa\nplan: Operation Nightfall 42\n")
NOTE16 = "Send the money to bob.smith@example.org tonight".encode("utf-16-le")
README = b"This is an ordinary readme shipped with software.\n"


def _jpeg() -> bytes:
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (32, 32), (10, 120, 200)).save(buf, "JPEG")
    return buf.getvalue()


def _lines(capsys: pytest.CaptureFixture[str]) -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes]]:
    folder = tmp_path_factory.mktemp("img")
    tree: dict[str, bytes | None] = {
        "Users/jdoe/Downloads/eicar.com": EICAR,
        "Users/jdoe/Downloads/upload.php": b"<?php if(isset($_REQUEST['c'])){ system($_REQUEST['c']); } ?>\n",
        "Users/jdoe/Desktop/README_RESTORE.txt": RANSOM,
        "Users/jdoe/Pictures/holiday.txt": _jpeg(),
        "Users/jdoe/Documents/volume.dat": random.Random(3).randbytes(512 * 1024),
        "Users/jdoe/Documents/contacts.txt": CONTACTS,
        "Users/jdoe/Documents/note16.txt": NOTE16,
        "Users/jdoe/Documents/readme.txt": README,
    }
    if shutil.which("zip"):
        stage = folder / "zip"
        stage.mkdir()
        (stage / "ledger.txt").write_bytes(b"ledger\n" * 100)
        subprocess.run(["zip", "-q", "-P", "pw", "secret.zip", "ledger.txt"], cwd=stage, check=True)
        tree["Users/jdoe/Documents/secret.zip"] = (stage / "secret.zip").read_bytes()
    corpus = corpus_dir()
    if (corpus / "artifacts").is_dir():
        tree["corpus/test_pe.exe"] = (corpus / "artifacts/pe/test_pe.exe").read_bytes()
        tree["corpus/1b4dd67f29cb1962.automaticDestinations-ms"] = \
            (corpus / "artifacts/jumplist/1b4dd67f29cb1962.automaticDestinations-ms").read_bytes()
    image = build_fat(folder / "planted.dd", tree, size_mb=16)
    return image, {k: v for k, v in tree.items() if v is not None}


def test_triage_reports_every_finding_kind_through_the_cli(planted, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    image, tree = planted
    case = str(tmp_path / "case")
    # Rule library: a folder with an include, compile-checked; a broken folder is refused.
    lib_rules = tmp_path / "myrules"
    (lib_rules / "inc").mkdir(parents=True)
    (lib_rules / "inc" / "words.yar").write_text('rule nightfall_words { strings: $a = "Nightfall" condition: $a }\n')
    (lib_rules / "case.yar").write_text('include "inc/words.yar"\nrule op_nightfall { condition: nightfall_words }\n')
    assert run(["rules", "add", str(lib_rules), "--name", "case-rules"]) == 0
    broken_lib = tmp_path / "brokenlib"
    broken_lib.mkdir()
    (broken_lib / "bad.yar").write_text("rule bad {\n  condition: nope\n}\n")
    assert run(["rules", "add", str(broken_lib)]) == 1
    err = capsys.readouterr().err
    assert f"{broken_lib / 'bad.yar'}(2)" in err and "Nothing was added" in err
    assert run(["rules", "list", "--format", "jsonl"]) == 0
    listed = _lines(capsys)
    assert {"op_nightfall", "nightfall_words", "FT_EICAR_Test_File"} <= {r["rule"] for r in listed}
    # Hash sets: a known-good set and a notable set.
    kg = tmp_path / "kg.sha256"
    kg.write_text(f"{hashlib.sha256(README).hexdigest()}  readme.txt\n")
    bad = tmp_path / "bad.md5"
    bad.write_text(f"{hashlib.md5(EICAR).hexdigest()}  eicar.com\n")
    assert run(["hashsets", "import", str(kg), "--name", "KG", "--kind", "known-good"]) == 0
    assert run(["hashsets", "import", str(bad), "--name", "BAD", "--kind", "notable"]) == 0
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "broken.yar").write_text("rule ok2 { condition: false }\nrule b2 { condition: $x }\n")
    keywords = tmp_path / "kw.txt"
    keywords.write_text("# case keywords\noperation nightfall\n")
    capsys.readouterr()

    args = ["triage", case, "--quiet", "--jobs", "1", "--hashset", "KG", "--hashset", "BAD",
            "--keywords", str(keywords), "--rules", str(extra)]
    corpus = corpus_dir()
    if "corpus/test_pe.exe" in tree:
        args += ["--rules", str(corpus / "yara")]
    assert run(["case", "new", case, "--case-number", "TT-2026-4", "--examiner", "A. Examiner"]) == 0
    assert run(["evidence", "add", case, str(image), "--exhibit", "EXH-001", "--quiet"]) == 0
    assert run(args) == 0
    capsys.readouterr()

    # YARA hits, with the required jsonl fields and the rule set's hash.
    assert run(["hits", case, "--format", "jsonl"]) == 0
    hits = _lines(capsys)
    required = {"rule", "namespace", "tags", "meta", "strings", "evidence", "partition_offset", "inode", "path",
                "sha256"}
    assert all(required <= set(h) for h in hits)
    found = {(h["rule"], h["path"]) for h in hits}
    assert ("FT_EICAR_Test_File", "/Users/jdoe/Downloads/eicar.com") in found
    assert ("FT_Webshell_PHP_Request_Exec", "/Users/jdoe/Downloads/upload.php") in found
    assert ("FT_Ransomware_Note", "/Users/jdoe/Desktop/README_RESTORE.txt") in found
    assert ("op_nightfall", "/Users/jdoe/Documents/contacts.txt") in found
    if "corpus/test_pe.exe" in tree:
        assert {("PEfile", "/corpus/test_pe.exe"), ("PEfileBasic", "/corpus/test_pe.exe"),
                ("maldoc_OLE_file_magic_number", "/corpus/1b4dd67f29cb1962.automaticDestinations-ms")} <= found
    eicar = next(h for h in hits if h["rule"] == "FT_EICAR_Test_File")
    assert eicar["meta"]["severity"] == "low" and eicar["strings"][0]["offset"] == 0
    assert eicar["sha256"] == hashlib.sha256(EICAR).hexdigest() and eicar["evidence"] == "EXH-001"
    from forensic_triage.store import CaseStore

    with CaseStore.open(case, read_only=True) as store:
        job = store.query("SELECT settings FROM jobs WHERE kind='triage'")[0]
        described = json.loads(job["settings"])["analyzers"]["yara"]
        warnings = [r["message"] for r in store.query("SELECT message FROM warnings")]
        rulesets = store.query("SELECT name, sha256, files FROM rulesets")
        used = {(r["name"], r["kind"], r["entries"]) for r in store.query("SELECT * FROM hashsets_used")}
    assert [r["sha256"] for r in rulesets] == [described["sha256"]]
    assert json.loads(rulesets[0]["files"]) == described["files"]
    assert used == {("KG", "known-good", 1), ("BAD", "notable", 1)}
    assert {h["ruleset_sha256"] for h in hits} == {described["sha256"]}
    assert any(str(extra / "broken.yar") in w and "excluded" in w for w in warnings)
    assert any(f["path"].endswith("case.yar") and f["origin"] == "library" for f in described["files"])

    # Hash-set matches; known-good files can be hidden.
    assert run(["hits", case, "--kind", "hashset", "--format", "jsonl"]) == 0
    matches = {(m["path"], m["set_name"], m["kind"]) for m in _lines(capsys)}
    assert matches == {("/Users/jdoe/Documents/readme.txt", "KG", "known-good"),
                       ("/Users/jdoe/Downloads/eicar.com", "BAD", "notable")}
    assert run(["hits", case, "--kind", "hashset", "--hide-known-good", "--format", "jsonl"]) == 0
    assert {m["path"] for m in _lines(capsys)} == {"/Users/jdoe/Downloads/eicar.com"}

    # Extension lies and encrypted files.
    assert run(["hits", case, "--kind", "signature", "--format", "jsonl"]) == 0
    sig = {(s["path"], s["finding"]) for s in _lines(capsys)}
    expected_sig = {("/Users/jdoe/Pictures/holiday.txt", "extension mismatch"),
                    ("/Users/jdoe/Documents/volume.dat", "encrypted")}
    if "Users/jdoe/Documents/secret.zip" in tree:
        expected_sig.add(("/Users/jdoe/Documents/secret.zip", "encrypted"))
    assert sig == expected_sig

    # Content hits with byte offsets in the file (ASCII and UTF-16LE) and the case keywords.
    assert run(["hits", case, "--kind", "content", "--format", "jsonl"]) == 0
    content = {(c["path"], c["kind"], c["value"], c["offset"], c["encoding"]) for c in _lines(capsys)}
    contacts = "/Users/jdoe/Documents/contacts.txt"
    for kind, value, raw in (("email", "jane.roe@example.com", b"jane.roe"), ("phone", "+18685550123", b"+1 868"),
                             ("card", "4539148803436467", b"4539"), ("btc", "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", b"1A1z"),
                             ("keyword", "operation nightfall", b"Operation")):
        assert (contacts, kind, value, CONTACTS.index(raw), "ascii") in content, kind
    assert ("/Users/jdoe/Documents/note16.txt", "email", "bob.smith@example.org",
            NOTE16.index("bob".encode("utf-16-le")), "utf-16le") in content

    # A later search re-reads the content as a recorded job; hits are stored under its name.
    assert run(["search", case, "--regex", r"Nightfall \d+", "--name", "nf", "--quiet"]) == 0
    capsys.readouterr()
    assert run(["hits", case, "--kind", "content", "--search", "nf", "--format", "jsonl"]) == 0
    assert {(c["path"], c["value"], c["offset"]) for c in _lines(capsys)} == \
        {(contacts, "Nightfall 42", CONTACTS.index(b"Nightfall 42"))}

    # Export the notable files' hashes for a partner agency (known-good never included).
    out = tmp_path / "notable.sha256"
    assert run(["hashsets", "export", case, "--out", str(out)]) == 0
    exported = out.read_text()
    assert hashlib.sha256(EICAR).hexdigest() in exported and hashlib.sha256(README).hexdigest() not in exported
    with CaseStore.open(case, read_only=True) as store:
        kinds = [r["kind"] for r in store.query("SELECT kind FROM jobs ORDER BY id")]
        actions = [r["action"] for r in store.query("SELECT action FROM audit")]
    assert "search" in kinds and "hash set exported" in actions


def test_large_file_matched_beyond_the_window_in_a_triage(tmp_path: Path) -> None:
    from forensic_triage.jobs.intake import add_evidence
    from forensic_triage.jobs.settings import TriageSettings
    from forensic_triage.jobs.triage import run_triage
    from forensic_triage.store import CaseStore

    data = bytearray(random.Random(9).randbytes(3 * 1024 * 1024))
    marker = 2_900_000
    data[marker:marker + 20] = b"DEEP-INSIDE-MARKER-1"
    image = build_fat(tmp_path / "big.dd", {"data/big.bin": bytes(data)}, size_mb=16)
    rules = tmp_path / "deep.yar"
    rules.write_text('rule deep_inside { strings: $a = "DEEP-INSIDE-MARKER-1" condition: $a }\n')
    store = CaseStore.create(tmp_path / "case", case_number="W-1", examiner="E")
    try:
        add_evidence(store, image, exhibit="EXH-9")
        settings = TriageSettings(jobs=1, plugins=[], rules=[str(rules)], builtin_rules=False,
                                  yara_window=512 * 1024, content_search=False)
        run_triage(store, settings)
        row = store.query("SELECT y.strings, f.path FROM yara_hits y JOIN files f ON f.id = y.file_id")
        described = json.loads(store.query("SELECT settings FROM jobs")[0]["settings"])["analyzers"]["yara"]
    finally:
        store.close()
    assert len(row) == 1 and row[0]["path"] == "/data/big.bin"
    assert json.loads(row[0]["strings"])[0]["offset"] == marker
    assert described["window_bytes"] == 512 * 1024
