"""Cases for the export tests, built from real images through the real intake, triage and writer.

``report_case``: the built-in sample image (pure Python, always available) triaged with the
real plugins, plus:
* exhibit EXH-002, an ext4 image made with ``mke2fs -d`` whose file names are hostile
  (markup, a right-to-left override, control characters, a 300-character unbroken name);
* findings of every kind planted through the real writer (``write_results``): a YARA match,
  a notable hash-set match, content hits and one artifact record of every mapped type
  (registry key, USB device, e-mail, SMS, picture GPS) plus a type with no UCO class;
* a tagged picture (thumbnail made from the evidence), a tagged YARA hit with a note,
  custody events, and a stored warning.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from ft_testlib import tools_required

from forensic_triage.custody import CustodyEvent, add_event
from forensic_triage.exports.findings import full_locator
from forensic_triage.jobs.intake import add_evidence
from forensic_triage.jobs.settings import TriageSettings
from forensic_triage.jobs.triage import run_triage
from forensic_triage.jobs.writer import write_results
from forensic_triage.model import ArtifactRecord, ContentHit, FileResult, Hit
from forensic_triage.sample.generator import build_sample_image
from forensic_triage.store import CaseStore
from forensic_triage.tags import add_tag

HOSTILE_NAMES = {
    "markup": '<font color="red" size="30">BIG & <b>bold &amp;.txt',
    "rlo": "invoice\u202egpj.exe",
    "control": "bell\x07\x1b[31mred.txt",
    "long": "A" * 120 + "B" * 120,
}
RULESET_SHA = hashlib.sha256(b"test rule set").hexdigest()


def _build_hostile_ext4(folder: Path) -> Path | None:
    if shutil.which("mke2fs") is None:
        if tools_required():  # .ci/run: the hostile-name exhibit must be built, never silently left out
            pytest.fail("mke2fs is not installed: the hostile-name exhibit cannot be built", pytrace=False)
        return None
    src = folder / "hostile-src"
    src.mkdir()
    for i, name in enumerate(HOSTILE_NAMES.values()):
        path = src / name
        path.write_bytes(f"hostile name test file {i}\n".encode())
        os.utime(path, (1740667200 + i, 1740667200 + i))
    image = folder / "hostile.ext4"
    subprocess.run(["mke2fs", "-q", "-F", "-t", "ext4", "-b", "1024", "-d", str(src), str(image), "4M"],
                   check=True, capture_output=True, env={**os.environ, "E2FSPROGS_FAKE_TIME": "1740667200"})
    return image


def _plant(store: CaseStore) -> dict[str, Any]:
    """Findings of every kind through the real writer, on real files of the sample image."""
    rows = {r["path"]: dict(r) for r in store.query("SELECT * FROM files WHERE type='file' AND status='done'")}
    eicar = rows["/Users/jdoe/Downloads/eicar_test.com"]
    picture = rows["/Users/jdoe/Pictures/IMG_20250227_101502.jpg"]
    contacts = rows["/Users/jdoe/Documents/contacts.txt"]
    job = store.start_job("triage", {"analyzers": {"yara": {"yara_version": "4.5.4"}}}, "planted findings")
    with store.transaction() as conn:
        conn.execute("INSERT INTO rulesets(job_id, name, sha256, files) VALUES (?,?,?,?)",
                     (job, "builtin", RULESET_SHA, "[]"))
        conn.execute("INSERT INTO hashsets_used(job_id, name, kind, source, entries, sha256) VALUES (?,?,?,?,?,?)",
                     (job, "partner-notable", "notable", "test", 1, hashlib.sha256(b"set").hexdigest()))

    def result(row: dict[str, Any]) -> FileResult:
        return FileResult(file_id=row["id"], md5=row["md5"], sha1=row["sha1"], sha256=row["sha256"],
                          mime=row["mime"], magic=row["magic"], entropy=row["entropy"], bytes_read=row["bytes_read"])

    r1 = result(eicar)
    r1.hits.append(Hit("EICAR_Test_File", "builtin", ["test"], {"severity": "low"},
                       [{"identifier": "$eicar", "offset": 0, "length": 68, "hex": "58354f", "text": "X5O"}],
                       RULESET_SHA))
    r1.hash_matches.append(("partner-notable", "notable", "md5", eicar["md5"]))
    r2 = result(contacts)
    r2.content_hits.append(ContentHit("email", "jdoe@example.com", 10, "mail jdoe@example.com today"))
    r2.content_hits.append(ContentHit("phone", "=1+868-555-0100", 40, "call =1+868-555-0100"))
    t = "2025-02-26T14:03:12Z"
    r2.artifacts += [
        ArtifactRecord("windows.registry.key", "windows.registry", "1.0",
                       {"key": "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion", "last_written": t,
                        "values": {"ProductName": "Windows 10 Pro", "RegisteredOwner": "jdoe"}},
                       "Windows 10 Pro, owner jdoe", [("Registry key written", t)], 0),
        ArtifactRecord("windows.usb", "windows.usbstor", "1.0",
                       {"vendor": "SanDisk", "product": "Cruzer Blade", "serial": "4C530001230101234567",
                        "key": "HKLM\\SYSTEM\\ControlSet001\\Enum\\USBSTOR\\Disk&Ven_SanDisk&Prod_Cruzer_Blade",
                        "first_connected": t}, "USB SanDisk Cruzer Blade 4C530001230101234567",
                       [("USB device first connected", t)], 1),
        ArtifactRecord("email.message", "email.eml", "1.0",
                       {"from": "boss@example.com", "to": ["jdoe@example.com"], "cc": [],
                        "subject": "Invoice <script>", "date": t, "message_id": "<1@example.com>"},
                       "E-mail 'Invoice <script>' from boss@example.com", [("E-mail sent", t)], 2),
        ArtifactRecord("android.sms", "android.sms", "1.0",
                       {"address": "+18685550100", "text": "meet at 5", "time": t, "type": "received"},
                       "SMS from +18685550100: meet at 5", [("SMS received", t)], 3),
        ArtifactRecord("windows.prefetch", "windows.prefetch", "1.0",
                       {"executable": "EVIL.EXE", "run_count": 3, "last_run": t}, "EVIL.EXE run 3 times",
                       [("Program run (prefetch)", t)], 4),
    ]
    r3 = result(picture)
    r3.artifacts.append(ArtifactRecord(
        "picture.exif", "picture.exif", "1.0",
        {"make": "Canon", "model": "EOS", "latitude": 10.6549, "longitude": -61.5019, "altitude": 12.5,
         "taken": "2025-02-27T14:15:02Z"}, "Canon EOS, GPS 10.6549, -61.5019",
        [("Picture taken", "2025-02-27T14:15:02Z")], 0))
    write_results(store, [(r1, eicar["locator"], eicar["evidence_id"]), (r2, contacts["locator"], 1),
                          (r3, picture["locator"], 1)], job)
    with store.transaction() as conn:
        store.add_warning(conn, source="test.plugin", kind="unsupported", job_id=job, evidence_id=1,
                          message="An encrypted area at byte 4096 could not be parsed.")
    store.end_job(job, "completed", {})
    return {"eicar": eicar, "picture": picture, "contacts": contacts}


def make_report_case(folder: Path) -> dict[str, Any]:
    image = folder / "sample.dd"
    build_sample_image(image)
    case_dir = folder / "case"
    store = CaseStore.create(case_dir, case_number="TT-CYB-2025-0042", examiner="A. Examiner",
                             title="Invoice fraud", agency="Example Police Digital Forensics Unit",
                             timezone="America/Port_of_Spain", authority="POS-SW-2025-117",
                             requester="DC B. Officer, Fraud Squad", scope="Find evidence of invoice fraud")
    try:
        add_evidence(store, image, exhibit="EXH-001", description="Laptop disk image", seals="A1234")
        # Custody events name an exhibit the case knows: the receipt is entered once the item is in the case.
        add_event(store, CustodyEvent("EXH-001", "received", "A. Examiner", "2025-03-03T13:00:00Z",
                                      "America/Port_of_Spain", "Lab store room", "examination",
                                      "DC B. Officer", "A. Examiner", "A1234", "seal intact"))
        hostile = _build_hostile_ext4(folder)
        if hostile:
            add_evidence(store, hostile, exhibit="EXH-002", description="USB stick image")
        run_triage(store, TriageSettings(jobs=1), command_line="forensic-triage triage case")
        planted = _plant(store)
        tagged = add_tag(store, "file", full_locator(planted["picture"]["locator"], planted["picture"]["path"]),
                         "notable", "Photo taken near the harbour")
        hit_id = int(store.scalar("SELECT id FROM yara_hits"))
        add_tag(store, "hit", hit_id, "malware-test", "Harmless EICAR test string <b>not bold</b>")
        add_event(store, CustodyEvent("EXH-001", "sealed", "A. Examiner", "2025-03-05T20:00:00Z",
                                      "America/Port_of_Spain", "Lab", "end of examination", seals="A5678"))
        hostile_ids = {}
        if hostile:
            for key, name in HOSTILE_NAMES.items():
                hostile_ids[key] = int(store.scalar("SELECT id FROM files WHERE name = ?", (name,)))
                row = store.query("SELECT locator, path FROM files WHERE id = ?", (hostile_ids[key],))[0]
                add_tag(store, "file", full_locator(row["locator"], row["path"]), "hostile-name")
        return {"case_dir": case_dir, "image": image, "hostile": hostile, "hostile_ids": hostile_ids,
                "planted": planted, "thumbnail": tagged.thumbnail,
                "evidence": [dict(r) for r in store.query("SELECT * FROM evidence ORDER BY id")]}
    finally:
        store.close()


@pytest.fixture(scope="session")
def report_case(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return make_report_case(tmp_path_factory.mktemp("report-case"))


def jsonld_nodes(text: str) -> list[dict[str, Any]]:
    return list(json.loads(text)["@graph"])
