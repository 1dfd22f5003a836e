"""Hostile file names: stored exactly, shown safely, never executed, never escaping an export.

An ext4 image is made with ``mke2fs -d`` from a folder whose entries are created with raw
byte names (ext4 allows any byte except ``/`` and NUL): markup, spreadsheet formulas,
newlines and control characters, a right-to-left override, 255-byte names, backslash
traversal and invalid UTF-8. Names that need a ``/`` (``<b>bold</b>.txt``) are made as a
folder plus a file, so the *path* is the hostile string. The real CLI then runs on it.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from ft_testlib import require_tool

from forensic_triage.cli.main import build_parser
from forensic_triage.fs.walker import decode_name
from forensic_triage.model import Locator
from forensic_triage.store import CaseStore
from forensic_triage.text import safe_text

pytestmark = pytest.mark.tools

FIXED = 1740667200  # 2025-02-27 14:40:00 UTC
LONG_ASCII = b"L" * 251 + b".txt"  # 255 bytes, the ext4 limit
LONG_UTF8 = ("\u00e9" * 127 + "x").encode()  # 255 bytes, 128 characters
# Flat names (one directory entry each), as raw bytes.
NAMES: dict[str, bytes] = {
    "markup": b"<img src=x onerror=alert(1)>.txt",
    "formula": b"=cmd|'cmd'!A0.csv",
    "plus": b"+SUM(1).txt",
    "at": b"@x.txt",
    "minus": b"-2+3.txt",
    "newline": b"line1\nline2.txt",
    "tab": b"tab\there",
    "bell": b"bell\x07",
    "escape": b"esc\x1b[31mred.txt",
    "rlo": "invoice\u202etxt.exe".encode(),
    "long_ascii": LONG_ASCII,
    "long_utf8": LONG_UTF8,
    "traversal": b"..\\..\\evil.txt",
    "bad_utf8": b"\xff\xfe bad.txt",
    "bad_utf8_lookalike": b"\\xff\\xfe bad.txt",  # same display text as bad_utf8, other bytes
    "padded": b"invoice.pdf" + b" " * 100 + b".exe",  # the real extension is past any 80-column cell
}
# Hostile strings with a '/' in them: a folder holding a file, so the path is the string.
NESTED: dict[str, tuple[bytes, bytes]] = {
    "bold": (b"<b>bold<", b"b>.txt"),          # /<b>bold</b>.txt
    "script": (b"<script>alert(1)<", b"script>.html"),  # /<script>alert(1)</script>.html
    "dde": (b"=cmd|' ", b"C calc'!A0.csv"),     # /=cmd|' /C calc'!A0.csv
}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
INVISIBLE = ("\x07", "\x1b", "\u202e", "\r")


def _content(key: str) -> bytes:
    return f"hostile name test file {key}\n".encode()


def build_hostile_ext4(folder: Path) -> Path:
    """The image, made from a staging folder written with raw byte names."""
    require_tool("mke2fs")
    stage = os.fsencode(folder / "stage")
    os.mkdir(stage)
    for key, raw in NAMES.items():
        target = stage + b"/" + raw
        with open(target, "wb") as handle:
            handle.write(_content(key))
        os.utime(target, (FIXED, FIXED))
    for key, (parent, child) in NESTED.items():
        os.mkdir(stage + b"/" + parent)
        with open(stage + b"/" + parent + b"/" + child, "wb") as handle:
            handle.write(_content(key))
        os.utime(stage + b"/" + parent + b"/" + child, (FIXED, FIXED))
        os.utime(stage + b"/" + parent, (FIXED, FIXED))
    image = folder / "hostile.ext4"
    subprocess.run(["mke2fs", "-q", "-F", "-t", "ext4", "-b", "1024", "-L", "hostile",
                    "-U", "0b6a1c64-8d6e-4a36-9f25-1d0c6a7e5f02", "-d", os.fsdecode(stage), str(image), "4M"],
                   check=True, capture_output=True, env={**os.environ, "E2FSPROGS_FAKE_TIME": str(FIXED)})
    return image


def _expected() -> list[tuple[str, str, bytes]]:
    """(key, path as the case shows it, raw name bytes) of every hostile file."""
    out = [(k, "/" + decode_name(raw), raw) for k, raw in NAMES.items()]
    out += [(k, "/" + decode_name(p) + "/" + decode_name(c), c) for k, (p, c) in NESTED.items()]
    return out


class Cli:
    def __init__(self, home: Path) -> None:
        self.env = {**os.environ, "XDG_DATA_HOME": str(home / "share"), "XDG_CONFIG_HOME": str(home / "config"),
                    "FT_PLUGIN_DIR": str(home / "plugins"), "FT_RULES_DIR": str(home / "rules"),
                    "FT_HASHSET_DB": str(home / "hashsets.sqlite"), "TZ": "UTC"}

    def run(self, *args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
        res = subprocess.run([sys.executable, "-m", "forensic_triage", *args], capture_output=True, text=True,
                             env=self.env, timeout=240, check=False)
        assert "Traceback" not in res.stderr, res.stderr
        if ok:
            assert res.returncode == 0, f"forensic-triage {' '.join(args)} -> {res.returncode}\n{res.stderr}"
        return res

    def __call__(self, *args: str) -> str:
        return self.run(*args).stdout


@pytest.fixture(scope="module")
def hostile_case(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    work = tmp_path_factory.mktemp("hostile")
    image = build_hostile_ext4(work)
    cli = Cli(work / "home")
    case = work / "case"
    cli("case", "new", str(case), "--case-number", "HOSTILE-1", "--examiner", "Examiner <b>X</b>")
    cli("evidence", "add", str(case), str(image), "--exhibit", "USB-1", "--quiet")
    cli("triage", str(case), "--jobs", "1", "--quiet")
    rows = [json.loads(line) for line in cli("files", str(case), "--all-types", "--format", "jsonl").splitlines()]
    return {"work": work, "cli": cli, "case": case, "image": image, "rows": rows}


def test_names_are_stored_exactly(hostile_case: dict[str, Any]) -> None:
    with CaseStore.open(hostile_case["case"], read_only=True) as store:
        stored = {(r["path"], bytes(r["name_raw"])): dict(r) for r in store.query("SELECT * FROM files")}
    for key, path, raw in _expected():
        assert (path, raw) in stored, f"{key}: {path!r} with name bytes {raw!r} not stored exactly"
        row = stored[(path, raw)]
        assert row["type"] == "file" and row["sha256"] == hashlib.sha256(_content(key)).hexdigest(), key
    # Two names that look alike once decoded stay two files with their own bytes.
    look = [r for (p, _), r in stored.items() if p == "/" + decode_name(NAMES["bad_utf8"])]
    assert {bytes(r["name_raw"]) for r in look} == {NAMES["bad_utf8"], NAMES["bad_utf8_lookalike"]}
    assert len({r["inode"] for r in look}) == 2


def test_jsonl_round_trips_names_and_locators(hostile_case: dict[str, Any]) -> None:
    rows = {(r["path"], r["name_raw_hex"]): r for r in hostile_case["rows"]}
    for key, path, raw in _expected():
        row = rows.get((path, raw.hex()))
        assert row is not None, key
        assert row["name"] == decode_name(raw)
        assert bytes.fromhex(row["name_raw_hex"]) == raw
        loc = Locator.parse(row["locator"])  # newlines and RLO included
        assert (loc.path, loc.inode, loc.evidence) == (path, row["inode"], row["evidence"]), key
        assert str(loc) == row["locator"]


def test_table_shows_hidden_characters_escaped(hostile_case: dict[str, Any]) -> None:
    cli, case = hostile_case["cli"], str(hostile_case["case"])
    text = cli("files", case)
    lines = text.splitlines()
    files = [r for r in hostile_case["rows"] if r["type"] == "file"]
    assert len(lines) == 1 + len(files), "a name broke a table row"
    uid = files[0]["evidence"]
    assert all(line.startswith(uid + ":") for line in lines[1:])  # each row starts with its locator
    for ch in INVISIBLE + ("\t",):
        assert ch not in text, f"raw {ch!r} in the table"
    for escaped in ("/line1\\x0aline2.txt", "/tab\\x09here", "/bell\\x07", "/esc\\x1b[31mred.txt",
                    "/invoice\\u202etxt.exe", "/<b>bold</b>.txt", "/=cmd|' /C calc'!A0.csv", "/..\\..\\evil.txt"):
        assert escaped in text, escaped
    # A cell too long for the table is visibly cut, so padding cannot hide the real extension.
    padded = next(line for line in lines if "/invoice.pdf " in line)
    assert "\u2026" in padded and ".exe" not in padded
    assert any(("/" + "L" * 60) in line and "\u2026" in line for line in lines)


def _check_csv_text(text: str, where: str) -> list[list[str]]:
    for ch in INVISIBLE:
        assert ch not in text, f"{where}: raw {ch!r} in CSV"
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows, where
    width = len(rows[0])
    for number, row in enumerate(rows):
        assert len(row) == width, f"{where}: row {number} has {len(row)} columns, the header {width}"
        for cell in row:
            assert not cell.startswith(FORMULA_START), f"{where}: formula cell {cell!r}"
    return rows


def test_csv_output_neutralises_formulas(hostile_case: dict[str, Any]) -> None:
    cli, case = hostile_case["cli"], str(hostile_case["case"])
    rows = _check_csv_text(cli("files", case, "--format", "csv"), "files --format csv")
    header, body = rows[0], rows[1:]
    assert len(body) == len([r for r in hostile_case["rows"] if r["type"] == "file"])
    names = {row[header.index("name")] for row in body}
    hexes = {row[header.index("name_raw_hex")] for row in body}
    for raw in (NAMES["formula"], NAMES["plus"], NAMES["at"], NAMES["minus"]):
        assert "'" + raw.decode() in names
    assert "invoice\\u202etxt.exe" in names and "bell\\x07" in names  # visible, not invisible
    assert "line1\nline2.txt" in names  # a newline stays inside its quoted cell
    assert {raw.hex() for raw in NAMES.values()} <= hexes  # the exact bytes are still there


# --------------------------------------------------------------------------- exports


def _commands() -> set[str]:
    for action in build_parser()._actions:
        if isinstance(action, argparse._SubParsersAction):
            return set(action.choices)
    return set()


def _require_command(*names: str) -> None:
    missing = [n for n in names if n not in _commands()]
    if missing:
        pytest.skip(f"exporter command(s) not in this build yet: {', '.join(missing)} "
                    "(forensic_triage/cli: no module registers them)")


@pytest.fixture(scope="module")
def tagged_case(hostile_case: dict[str, Any]) -> dict[str, Any]:
    """Every hostile file tagged (by the locator 'files' printed), so every report scope holds it."""
    from forensic_triage.tags import add_tag

    with CaseStore.open(hostile_case["case"]) as store:
        for key, path, raw in _expected():
            row = next(r for r in hostile_case["rows"] if r["path"] == path and r["name_raw_hex"] == raw.hex())
            result = add_tag(store, "file", row["locator"], "hostile-name", f"note for {key}: <i>{key}</i>")
            assert result.target_kind == "file"
        assert store.scalar("SELECT count(*) FROM tags") == len(_expected())
    return hostile_case


def test_export_csv_neutralised(tagged_case: dict[str, Any]) -> None:
    _require_command("export")
    cli, case, work = tagged_case["cli"], str(tagged_case["case"]), tagged_case["work"]
    out = work / "export-csv"
    cli("export", case, "--format", "csv", "--out", str(out))
    written = sorted(out.rglob("*.csv")) if out.is_dir() else [out]
    assert written
    seen_names: set[str] = set()
    for path in written:
        rows = _check_csv_text(path.read_text(encoding="utf-8"), path.name)
        seen_names.update(cell for row in rows for cell in row)
    assert "'" + NAMES["formula"].decode() in seen_names
    assert any("invoice\\u202etxt.exe" in cell for cell in seen_names)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_export_pdf_shows_names_literally(tagged_case: dict[str, Any]) -> None:
    _require_command("export")
    require_tool("pdftotext", "pdfinfo")
    cli, case, work = tagged_case["cli"], str(tagged_case["case"]), tagged_case["work"]
    pdf = work / "report.pdf"
    cli("export", case, "--format", "pdf", "--out", str(pdf))
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True).stdout.decode()
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))  # type: ignore[union-attr]
    assert 1 <= pages <= 40, f"{pages} pages for a case of {len(_expected())} files: the layout ran away"
    assert "\u202e" not in text, "a raw right-to-left override reached the report text"
    assert "\x07" not in text and "\x1b" not in text
    flat = _squash(text)
    for key, path, _raw in _expected():
        if key in ("long_ascii", "long_utf8"):
            continue  # checked below by their distinctive parts (a table cell may wrap them anywhere)
        shown = _squash(safe_text(path))
        assert shown in flat or _squash(safe_text(path.rsplit("/", 1)[1])) in flat, f"{key}: {path!r} not in the PDF"
    assert _squash("invoice\\u202etxt.exe") in flat  # the override is visible as text, in place
    assert _squash("<script>alert(1)</script>.html") in flat  # markup shown literally, not interpreted
    assert "L" * 40 in flat and "\u00e9" * 40 in flat


def test_package_copies_cannot_escape(tagged_case: dict[str, Any]) -> None:
    _require_command("package", "verify-package")
    cli, case, work = tagged_case["cli"], str(tagged_case["case"]), tagged_case["work"]
    # Bait: if a copy's name were used as a path, "..\\..\\evil.txt" or "../" tricks would land here.
    out = work / "pkg" / "inner" / "package"
    out.parent.mkdir(parents=True)
    passphrase = work / "pkg" / "passphrase.txt"
    passphrase.write_text("hostile names\n", encoding="utf-8")
    cli("keys", "new", "--examiner", "Examiner <b>X</b>", "--out", str(work / "pkg" / "keys"),
        "--passphrase-file", str(passphrase))
    (private,), (public,) = list((work / "pkg" / "keys").glob("*.key")), list((work / "pkg" / "keys").glob("*.pub"))
    before_outside = sorted(p.relative_to(work) for p in work.rglob("*") if "package" not in p.parts)
    cli("package", case, "--out", str(out), "--scope", "tagged", "--include-files", "--key", str(private),
        "--passphrase-file", str(passphrase))
    root = out.resolve()
    files = [p for p in root.rglob("*")]
    assert files
    for path in files:
        assert not path.is_symlink(), path
        assert path.resolve().is_relative_to(root), f"{path} resolves outside the package"
        name = path.name
        assert name not in (".", "..") and "\\" not in name, f"unsafe name in package: {name!r}"
        assert not any(unicodedata.category(ch).startswith("C") for ch in name), f"unsafe name: {name!r}"
    after_outside = sorted(p.relative_to(work) for p in work.rglob("*") if "package" not in p.parts)
    assert after_outside == before_outside, "the package wrote outside its folder"
    # Every hostile file was copied (content present, checked by SHA-256).
    digests = {hashlib.sha256(p.read_bytes()).hexdigest() for p in files if p.is_file()}
    for key, _path, _raw in _expected():
        assert hashlib.sha256(_content(key)).hexdigest() in digests, f"{key}: no copy in the package"
    # The original names are kept somewhere in the package's text (manifest), escaped or not.
    blob = "".join(p.read_text(encoding="utf-8", errors="replace") for p in files
                   if p.is_file() and p.suffix in (".json", ".txt", ".csv", ".jsonl", ".tsv"))
    assert NAMES["rlo"].hex() in blob or "invoice\\u202etxt.exe" in blob or "invoice\u202etxt.exe" in blob
    res = cli.run("verify-package", str(out), "--pubkey", str(public), ok=False)
    assert res.returncode == 0, res.stdout + res.stderr
    shutil.rmtree(work / "pkg")



def test_export_bodyfile_and_dfxml_keep_their_structure(tagged_case: dict[str, Any]) -> None:
    """A '|' or a newline in a name must not add a field or a line to the body file; control
    characters must not make the DFXML invalid XML."""
    _require_command("export")
    import xml.etree.ElementTree as ET

    cli, case, work = tagged_case["cli"], str(tagged_case["case"]), tagged_case["work"]
    body, dfxml = work / "hostile.body", work / "hostile.dfxml"
    cli("export", case, "--format", "bodyfile", "--out", str(body))
    cli("export", case, "--format", "dfxml", "--out", str(dfxml))
    lines = body.read_text(encoding="utf-8").splitlines()
    assert all(line.count("|") == 10 for line in lines), [line for line in lines if line.count("|") != 10]
    inodes = [line.split("|")[2] for line in lines]
    for key, path, raw in _expected():
        row = next(r for r in tagged_case["rows"] if r["path"] == path and r["name_raw_hex"] == raw.hex())
        assert inodes.count(str(row["inode"])) == 1, f"{key}: not exactly one body-file line"
    for ch in INVISIBLE:
        assert ch not in body.read_text(encoding="utf-8")
    root = ET.parse(dfxml).getroot()  # raises on a control character that XML 1.0 forbids
    names = {el.text for el in root.iter() if el.tag.rsplit("}", 1)[-1] == "filename"}
    for key in ("newline", "bell", "rlo", "escape", "formula"):
        assert any(name and safe_text(decode_name(NAMES[key])) in name for name in names), key
    require_tool("mactime")  # last: a failure under FT_REQUIRE_TOOLS=1, else a visible skip
    res = subprocess.run(["mactime", "-b", str(body), "-d", "-z", "UTC"], capture_output=True, text=True,
                         check=False)
    assert res.returncode == 0 and "invoice\\u202etxt.exe" in res.stdout, res.stderr
