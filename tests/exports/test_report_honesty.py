"""The court report states what it is: draft or final, signed or unsigned, how each time and each
hash is known, how complete each file is, and what the case digest can and cannot show.

Every report here is built by the real writer from the shared report case (the sample image
triaged through the real pipeline, see conftest.py), copied so each test can change the case,
and read back with poppler's ``pdftotext``; the DRAFT mark is also looked at as pixels with
``pdftoppm``.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from forensic_triage.buildinfo import build_id
from forensic_triage.exports.operations import export_pdf
from forensic_triage.exports.pdf_report import build_report
from forensic_triage.store import CaseStore
from forensic_triage.store import digest as case_digest

PICTURE = "/Users/jdoe/Pictures/IMG_20250227_101502.jpg"
REQUEST = "1. Did the user of the laptop download invoice.pdf?\n2. When was the picture taken?"
QUALIFICATIONS = "BSc Computer Science; 8 years digital forensics; ISO 17025 proficiency test 2024."
CONCLUSIONS = "The download of invoice.pdf is recorded by Chrome.\nThe picture was taken on 27 February 2025."
FINGERPRINT = "SHA256:" + "ab12" * 16


def pages_of(pdf: Path, layout: bool = True) -> list[str]:
    args = ["pdftotext"] + (["-layout"] if layout else []) + [str(pdf), "-"]
    text = subprocess.run(args, capture_output=True, check=True, text=True).stdout
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")


def flat(pdf: Path) -> str:
    return re.sub(r"\s+", " ", "\n".join(pages_of(pdf)))


@pytest.fixture()
def case(report_case: dict[str, Any], tmp_path: Path) -> Path:
    target = tmp_path / "case"
    shutil.copytree(report_case["case_dir"], target)
    return target


def set_words(store: CaseStore, request: str = REQUEST, qualifications: str = QUALIFICATIONS,
              conclusions: str = CONCLUSIONS) -> None:
    """The examiner's words, written the way the case commands do (one audited transaction)."""
    with store.transaction() as conn:
        conn.execute("UPDATE case_info SET request = ?, conclusions = ?", (request, conclusions))
        conn.execute("UPDATE examiners SET qualifications = ? WHERE name = ?", (qualifications, store.examiner))
        store.audit(store.examiner, "case words set", {"request": bool(request), "conclusions": bool(conclusions),
                                                        "qualifications": bool(qualifications)},
                    touched=("case_info", "examiners"))


def report(case: Path, out: Path, scope: str = "notable", **kw: Any) -> Path:
    with CaseStore.open(case) as store:
        build_report(store, out, scope, **kw)
    return out


def pink_pixels(pdf: Path, page: int, tmp: Path) -> int:
    """Pixels of the watermark's pink in the middle of a rendered page (text is dark or green)."""
    subprocess.run(["pdftoppm", "-r", "30", "-png", "-f", str(page), "-l", str(page), str(pdf), str(tmp / "pg")],
                   check=True, capture_output=True)
    img = Image.open(next(tmp.glob("pg*.png"))).convert("RGB")
    w, h = img.size
    box = img.crop((w // 4, h // 4, 3 * w // 4, 3 * h // 4))
    data = box.tobytes()
    pixels = (data[i:i + 3] for i in range(0, len(data), 3))
    return sum(1 for r, g, b in pixels if r > 200 and 150 < g < 235 and g - b < 20 and r - g > 15)


def page_with(pdf: Path, text: str) -> int:
    return next(i for i, p in enumerate(pages_of(pdf), 1) if text in p)


# ----------------------------------------------------------------------------- draft / final

@pytest.mark.parametrize("missing", ["request", "qualifications", "conclusions"])
def test_draft_on_every_page_when_a_part_is_missing(case: Path, tmp_path: Path, missing: str) -> None:
    with CaseStore.open(case) as store:
        set_words(store, **{missing: ""})
    pdf = report(case, tmp_path / "r.pdf")
    pages = pages_of(pdf)
    for n, page in enumerate(pages, 1):
        assert "DRAFT - NOT FINAL" in page, f"page {n} has no DRAFT mark"
    cover = re.sub(r"\s+", " ", pages[0])
    named = {"request": "the request (questions asked)", "qualifications": "the examiner's qualifications",
             "conclusions": "the examiner's conclusions"}
    assert f"DRAFT - this report is not final: {named[missing]} is not yet entered" in cover
    for other, words in named.items():
        if other != missing:
            assert words not in cover
    glossary = page_with(pdf, "11. Glossary")
    assert pink_pixels(pdf, glossary, tmp_path) > 150  # the diagonal mark is drawn, not only named


def test_final_report_has_no_draft_mark_and_shows_the_words(case: Path, tmp_path: Path) -> None:
    with CaseStore.open(case) as store:
        set_words(store)
    pdf = report(case, tmp_path / "r.pdf")
    text = "\n".join(pages_of(pdf))
    assert "DRAFT" not in text
    assert "NOT ENTERED" not in text
    one = flat(pdf)
    for line in REQUEST.splitlines() + CONCLUSIONS.splitlines() + [QUALIFICATIONS]:
        assert line in one, line
    # The conclusions sit in the conclusions box, after its label.
    assert one.index("Examiner's conclusions:") < one.index(CONCLUSIONS.splitlines()[0])
    assert re.search(r"Status\s+FINAL, UNSIGNED", one)
    assert pink_pixels(pdf, page_with(pdf, "11. Glossary"), tmp_path) == 0


def test_all_three_missing_are_named_on_the_cover(case: Path, tmp_path: Path) -> None:
    pdf = report(case, tmp_path / "r.pdf")
    cover = re.sub(r"\s+", " ", pages_of(pdf)[0])
    assert ("the request (questions asked), the examiner's qualifications and the examiner's conclusions are not "
            "yet entered") in cover


# ----------------------------------------------------------------------------- signed / unsigned

def test_standalone_pdf_says_it_is_unsigned(case: Path, tmp_path: Path) -> None:
    with CaseStore.open(case) as store:
        export_pdf(store, tmp_path / "r.pdf", signer_fingerprint=FINGERPRINT)  # a fingerprint alone proves nothing
    one = flat(tmp_path / "r.pdf")
    cover = re.sub(r"\s+", " ", pages_of(tmp_path / "r.pdf")[0])
    assert "UNSIGNED. This PDF is not covered by any signed manifest" in cover
    assert "UNSIGNED. This PDF is not covered by any signed manifest" in one.split("10. Integrity")[1]
    assert "Signed by" not in one and "the signature covers" not in one
    assert "signed with the examiner's Ed25519 key" not in one  # the old unconditional claim


def test_signing_details_are_printed_when_given(case: Path, tmp_path: Path) -> None:
    signing = {"signer": "A. Examiner", "fingerprint": FINGERPRINT, "signed_utc": "2025-03-06T10:15:00Z",
               "report_id": "RPT-TEST-1", "signing_as": "Training Examiner"}
    pdf = report(case, tmp_path / "r.pdf", signing=signing)
    one = flat(pdf)
    assert (f"Signed by A. Examiner (key fingerprint {FINGERPRINT}) on 2025-03-06 10:15:00 UTC; the signature "
            "covers the package manifest that lists this PDF's SHA-256") in one
    assert "signing as Training Examiner" in one
    assert "UNSIGNED" not in one
    assert "Report ID RPT-TEST-1" in pages_of(pdf)[0]
    with pytest.raises(ValueError):
        report(case, tmp_path / "x.pdf", signing={"signer": "A. Examiner", "signed": True})


# ----------------------------------------------------------------------------- readability

def test_no_raw_json_anywhere(case: Path, tmp_path: Path) -> None:
    pdf = report(case, tmp_path / "r.pdf", "all")
    text = "\n".join(pages_of(pdf))
    assert '{"' not in text and '":' not in text and "[{" not in text
    one = flat(pdf)
    # YARA details as labelled fields, matched strings with their offsets.
    assert "rule: EICAR_Test_File" in one and "namespace: builtin" in one and "rule tags: test" in one
    assert "meta severity: low" in one
    assert "matched $eicar: at byte 0, 68 bytes: X5O" in one
    # The audit annex as labelled fields.
    assert "action: evidence added" in one and "exhibit: EXH-001" in one


def test_hashes_whole_on_one_line(case: Path, tmp_path: Path, report_case: dict[str, Any]) -> None:
    pdf = report(case, tmp_path / "r.pdf", "all")
    lines = [ln for p in pages_of(pdf) for ln in p.splitlines()]
    with CaseStore.open(case, read_only=True) as store:
        eicar = store.query("SELECT sha256 FROM files WHERE name = 'eicar_test.com'")[0][0]
        container = store.scalar("SELECT sha256 FROM evidence_containers WHERE evidence_id = 1")
        head = store.verify_audit()[1]
    for value in (eicar, container, head, report_case["evidence"][0]["sha1"]):
        assert any(value in ln for ln in lines), value
    # No SHA-256 of the case is ever split: every 64-digit run in the text is a whole hash.
    known = {eicar, container, head} | {e[k] for e in report_case["evidence"] for k in ("sha1", "sha256")}
    runs = {m for ln in lines for m in re.findall(r"\b[0-9a-f]{20,63}\b", ln)}
    assert not [r for r in runs if any(r in k and r != k for k in known)], runs


def test_paths_break_only_after_a_slash(tmp_path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate, Table

    from forensic_triage.exports.pdf_style import path_fit, styles

    path = ("/Users/jdoe/My Documents/Old Backup Copy 2019/Project Files (final version)/Chrome/User Data/Default/"
            "Extensions/aapocclcgogkmnckokdopf/0.10_0/_locales/en_GB/messages of the day.json")
    ss = styles()
    doc = SimpleDocTemplate(str(tmp_path / "p.pdf"), pagesize=A4)
    doc.build([Table([[path_fit(path, ss["FTFit"])]], colWidths=[60 * mm])])
    lines = [ln.strip() for ln in pages_of(tmp_path / "p.pdf")[0].splitlines() if ln.strip()]
    assert len(lines) > 3
    assert "".join(lines) == path
    for ln in lines[:-1]:
        assert ln.endswith("/"), ln  # never at one of the spaces


def test_glossary_and_build_identifier(case: Path, tmp_path: Path) -> None:
    one = flat(report(case, tmp_path / "r.pdf"))
    glossary = one.split("11. Glossary")[1]
    for term in ("locator", "inode / MFT entry", "partition offset", "allocated / deleted", "unallocated space",
                 "MD5, SHA-1, SHA-256", "YARA", "hash set", "known-good / notable", "entropy", "chi-square",
                 "extension mismatch", "time basis: UTC", "time basis: local", "time basis: assumed zone",
                 "partial", "digest", "audit chain", "head hash"):
        assert term in glossary, term
    commit = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True,
                            cwd=Path(__file__).parent).stdout.strip()
    assert build_id().startswith(f"git {commit}")
    assert f"0.1.0 (build git {commit}" in one


# ----------------------------------------------------------------------------- scope

def test_default_scope_is_notable_with_one_content_summary(case: Path, tmp_path: Path) -> None:
    notable = report(case, tmp_path / "n.pdf")
    everything = report(case, tmp_path / "a.pdf", "all")
    n_text, a_text = flat(notable), flat(everything)
    chrome = "Chrome/User Data/Default/History"
    # Outside the content summary (which names the files its most frequent values came from), the
    # notable report has no record of the browser history.
    start = n_text.index("Content search summary")
    end = n_text.index("Hits are patterns found in the bytes of files", start)
    outside = (n_text[:start] + n_text[end:]).replace("/ ", "/")
    assert chrome not in outside and "browser.visit" not in n_text
    assert chrome in a_text.replace("/ ", "/") and "browser.visit" in a_text
    for text in (n_text, a_text):
        assert "Tagged file" in text and PICTURE in text.replace("/ ", "/")
        assert "Extension does not match content" in text and "YARA rule match" in text
        assert "Hash-set match (notable)" in text
        # Content hits: one summary table, no section per hit.
        assert text.count("Content search summary") == 1
        assert not re.search(r"TEXT-\d", text) and "Content search: " not in text
        summary = text.split("Content search summary")[1]
        assert re.search(r"email 4 2 3 john\.doe@example\.com: 3 hit\(s\) in 3 file\(s\)", summary)
    assert "every record is in the case database and the CSV tables" in n_text
    assert len(pages_of(notable)) < len(pages_of(everything))


def test_cli_pdf_defaults_to_notable(case: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from forensic_triage.cli.main import run

    assert run(["export", str(case), "--format", "pdf", "--out", str(tmp_path / "r.pdf")]) == 0
    out = capsys.readouterr().out
    assert "scope notable" in out and "DRAFT" in out and "unsigned" in out
    with CaseStore.open(case, read_only=True) as store:
        details = json.loads(store.query("SELECT details FROM audit ORDER BY seq DESC LIMIT 1")[0][0])
    assert details["scope"] == "notable" and details["draft"] is True and details["signed"] is False
    assert run(["export", str(case), "--format", "pdf", "--scope", "all", "--out", str(tmp_path / "a.pdf")]) == 0
    assert "scope all" in capsys.readouterr().out


# ----------------------------------------------------------------------------- times and completeness

def _picture(store: CaseStore) -> dict[str, Any]:
    return dict(store.query("SELECT * FROM files WHERE path = ?", (PICTURE,))[0])


def test_local_times_are_never_printed_as_utc(case: Path, tmp_path: Path) -> None:
    with CaseStore.open(case) as store:
        pic = _picture(store)
        with store.transaction() as conn:
            conn.execute("UPDATE files SET time_basis = 'local', mtime = '2025-02-27T10:15:02',"
                         " crtime = '2025-02-27T10:20:00Z', atime = '2025-02-27' WHERE id = ?", (pic["id"],))
            store.audit(store.examiner, "test: local times", {}, touched=("files",))
    one = flat(report(case, tmp_path / "r.pdf"))
    assert "modified: 2025-02-27 10:15:02 local (zone unknown)" in one
    assert "accessed: 2025-02-27 (date only, local, zone unknown)" in one
    assert "created: 2025-02-27 10:20:00 local (zone unknown)" in one  # a stray 'Z' on a local time is no zone
    assert "2025-02-27 10:15:02 UTC" not in one and "10:20:00 UTC" not in one
    assert "EXH-001: source clock zone unknown (not declared)" in one
    with CaseStore.open(case) as store:
        with store.transaction() as conn:
            conn.execute("UPDATE evidence SET source_timezone = '-04:00' WHERE uid = 'EXH-001'")
            store.audit(store.examiner, "test: zone", {}, touched=("evidence",))
    one = flat(report(case, tmp_path / "z.pdf"))
    assert ("modified: 2025-02-27 14:15:02 UTC (2025-02-27 10:15:02 -04:00) [local clock, zone -04:00 assumed]"
            in one)
    assert "accessed: 2025-02-27 (date only, local)" in one
    assert "EXH-001: source clock zone -04:00, declared by the examiner" in one


def test_artifact_times_with_an_assumed_zone_say_so(case: Path, tmp_path: Path) -> None:
    with CaseStore.open(case) as store:
        art = store.query("SELECT a.id FROM artifacts a JOIN timeline t ON t.artifact_id = a.id"
                          " WHERE a.type = 'picture.exif'")[0][0]
        with store.transaction() as conn:
            conn.execute("UPDATE artifacts SET time_basis = 'assumed:America/Port_of_Spain' WHERE id = ?", (art,))
            conn.execute("UPDATE timeline SET basis = 'assumed:America/Port_of_Spain', local_time ="
                         " '2025-02-27T10:15:02' WHERE artifact_id = ?", (art,))
            store.audit(store.examiner, "test: assumed", {}, touched=("artifacts", "timeline"))
    pdf = tmp_path / "r.pdf"
    with CaseStore.open(case) as store:
        build_report(store, pdf, "all")
    one = flat(pdf).replace("/ ", "/")
    assert "Picture taken: 2025-02-27 14:15:02 UTC (2025-02-27 10:15:02 -04:00) [local clock, zone " \
           "America/Port_of_Spain assumed]" in one
    # A time without a zone in its text is never shown as UTC, whatever its label says.
    with CaseStore.open(case) as store:
        with store.transaction() as conn:
            conn.execute("UPDATE timeline SET time_utc = '2025-02-27T10:15:02', basis = 'utc' WHERE artifact_id = ?",
                         (art,))
            store.audit(store.examiner, "test: naive", {}, touched=("timeline",))
        build_report(store, pdf, "all")
    one = flat(pdf)
    assert "Picture taken: 2025-02-27 10:15:02 local (zone unknown)" in one
    assert "Picture taken: 2025-02-27 10:15:02 UTC" not in one


@pytest.mark.parametrize(("status", "expected"), [
    ("partial", "partial: 1,000 of 1,537 bytes readable; hashes cover the readable bytes only; unreadable: bytes "
                "1,000 to 1,536"),
    ("no-content", "Completeness no content recoverable (a deleted name with nothing left to read)"),
])
def test_completeness_of_each_file(case: Path, tmp_path: Path, status: str, expected: str) -> None:
    with CaseStore.open(case) as store:
        pic = _picture(store)
        assert pic["size"] == 1537
        with store.transaction() as conn:
            conn.execute("UPDATE files SET status = ?, bytes_read = 1000, unreadable = '[[1000, 1537]]'"
                         " WHERE id = ?", (status, pic["id"]))
            store.audit(store.examiner, "test: completeness", {}, touched=("files",))
    one = flat(report(case, tmp_path / "r.pdf"))
    assert expected in one
    if status == "partial":
        assert "SHA-256 (readable bytes): " + pic["sha256"] in one
        assert "1 file(s) could be read only in part" in one


# ----------------------------------------------------------------------------- examiner's reading of a finding

def test_interpretation_and_alternatives_are_shown_apart_from_the_facts(case: Path, tmp_path: Path) -> None:
    with CaseStore.open(case) as store:
        with store.transaction() as conn:
            conn.execute("UPDATE tags SET interpretation = 'The test string was downloaded on purpose.',"
                         " alternatives = 'An antivirus self-test may have written it.' WHERE target_kind = 'hit'")
            store.audit(store.examiner, "test: interpretation", {}, touched=("tags",))
    one = flat(report(case, tmp_path / "r.pdf"))
    facts = one.index("matched $eicar: at byte 0")
    interp = one.index("Interpretation malware-test: The test string was downloaded on purpose.")
    alt = one.index("Alternative explanations malware-test: An antivirus self-test may have written it.")
    assert facts < interp < alt


# ----------------------------------------------------------------------------- tamper evidence

def test_digest_anchor_head_hash_and_limits(case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with CaseStore.open(case) as store:
        tables = case_digest.compute(store.conn)
        combined = case_digest.combined(tables)
        with store.transaction():
            store.audit(store.examiner, "digest anchored", {"digest": {"combined": combined, "tables": tables}})
        seq = store.scalar("SELECT max(seq) FROM audit")
    pdf = report(case, tmp_path / "r.pdf")
    with CaseStore.open(case, read_only=True) as store:
        head = store.verify_audit()[1]
    one = flat(pdf)
    integrity = one.split("10. Integrity of the case and of this report")[1]
    assert f"Case digest (SHA-256) {combined}" in integrity
    assert f"audit entry #{seq} (digest anchored)" in integrity
    assert f"Audit head hash {head}" in integrity
    assert "For the examiner's notebook: write down the audit head hash" in integrity
    assert "It cannot detect a consistent rewrite" in integrity  # digest.ATTACKER_LIMITS, what a rewrite can do
    # The annex shows the anchor as one labelled value, not the per-table JSON.
    lines = [ln for p in pages_of(pdf) for ln in p.splitlines()]
    assert any(f"case digest: {combined}" in ln for ln in lines)
    assert any(f"case digest covers: {len(tables)} tables" in ln for ln in lines)

    # With the integrity helper's additions: its own statement, and a failed check shown prominently.
    monkeypatch.setattr(case_digest, "ATTACKER_LIMITS", "A consistent rewrite stays possible; the head hash shows it.",
                        raising=False)
    monkeypatch.setattr(case_digest, "check", lambda conn: ["files: digest differs from audit entry 30"],
                        raising=False)
    pdf = report(case, tmp_path / "c.pdf")
    one = flat(pdf)
    assert "A consistent rewrite stays possible; the head hash shows it." in one
    assert "CASE INTEGRITY CHECK FAILED" in re.sub(r"\s+", " ", pages_of(pdf)[0])
    assert "- files: digest differs from audit entry 30" in one
