"""The built-in exercise packs: generated here, on the student's machine, deterministically.

Each built-in pack is a story with its evidence made by the project's pure-Python builders (no
root, no external tools) and 8-15 questions whose answers are what the tool itself finds: the
tests triage every pack with the real CLI and check each key answer against the findings.

Registration point
------------------
:data:`BUILTIN_PACKS` is THE list of built-in packs (``exercise list`` and ``exercise start ID``
read it). A pack is a :class:`BuiltinPack`: an id, a title, a summary and a ``build(folder)``
that writes the evidence into ``folder`` and returns a :class:`Scenario`. The Windows/NTFS pack
(``forensic_triage.sample.ntfs_pack.build_windows_pack``) is adapted by :func:`windows_pack`;
registered in :data:`BUILTIN_PACKS`.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..sample import generator as gen
from .pack import PUBLIC_PASSPHRASE, write_pack


@dataclasses.dataclass
class Scenario:
    """What a built-in pack holds: briefing, questions in the Q.json shape (answers included)
    and the evidence written into the build folder."""

    briefing: str
    questions: list[dict[str, Any]]
    evidence: list[dict[str, Any]]  # name, path, sha256, size, exhibit, description, source_timezone


@dataclasses.dataclass(frozen=True)
class BuiltinPack:
    id: str
    title: str
    summary: str
    build: Callable[[Path], Scenario]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while block := fh.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def _item(path: Path, exhibit: str, description: str, zone: str | None) -> dict[str, Any]:
    return {"name": path.name, "path": str(path), "sha256": _sha256(path), "size": path.stat().st_size,
            "exhibit": exhibit, "description": description, "source_timezone": zone}


TIMELINE_CHOICES_SHIPMENT = [
    "A search for how to remove EXIF data from photos, a visit to a billing portal and the download of invoice.pdf",
    "The download of the EICAR test file and the deletion of deleted_plan.txt",
    "The photo IMG_20250227_101502.jpg was taken and copied to a USB drive",
    "Nothing: the laptop was not used in that period",
]

TYPE_CHOICES = ["PDF document", "PNG picture", "JPEG picture", "Windows program (EXE)", "ZIP archive"]


# --------------------------------------------------------------------------- pack 1: shipment


def _shipment(folder: Path) -> Scenario:
    image = folder / "jdoe-laptop.dd"
    facts = gen.build_sample_image(image)
    u = "Users/jdoe"
    stated = facts["image"]["sha256"]
    briefing = (
        "Example Trading Ltd suspects that an employee, John Doe (user jdoe), prepared to take shipment files "
        "and hide what he did. His laptop's disk was imaged on 2025-02-28 (exhibit EXH-001). The acquisition form "
        f"records the image's SHA-256 as {stated}. The laptop's clock was set to America/Port_of_Spain (UTC-04:00); "
        "this is declared for the exhibit, so the tool shows every time in UTC. Triage the image and answer the "
        "questions. Give times in UTC as the tool shows them and paths as the tool lists them.")
    qs: list[dict[str, Any]] = [
        {"id": "S01", "type": "choice", "points": 1, "choices": ["MATCH", "MISMATCH"],
         "text": "Verification: compare the SHA-256 the tool computed for the image with the one on the acquisition "
                 "form (in the briefing). Do they MATCH or is it a MISMATCH?",
         "answer": "MATCH", "hints": [{"text": "'forensic-triage evidence list CASE' shows the media SHA-256.",
                                        "cost": 0.5}]},
        {"id": "S02", "type": "path", "points": 2,
         "text": "Deleted files: which file was deleted from the Documents folder? Give its path.",
         "answer": f"{u}/Documents/deleted_plan.txt",
         "hints": [{"text": "Deleted entries are listed with allocated = false; try the Files view or "
                            "'files CASE --deleted'.", "cost": 1}]},
        {"id": "S03", "type": "hash", "points": 2,
         "text": "What is the SHA-256 of the recovered deleted file?",
         "answer": facts["files"][f"{u}/Documents/deleted_plan.txt"]["sha256"]},
        {"id": "S04", "type": "path", "points": 2,
         "text": "Extension lies: one file's name claims a type its content does not have. Give its path.",
         "answer": f"{u}/Downloads/invoice.pdf",
         "hints": [{"text": "Look for files flagged as an extension mismatch.", "cost": 1}]},
        {"id": "S05", "type": "choice", "points": 1, "choices": TYPE_CHOICES,
         "text": "What is that file really?", "answer": "PNG picture"},
        {"id": "S06", "type": "text", "points": 1,
         "text": "EXIF: which camera model took the photo in the Pictures folder?",
         "answer": facts["exif"]["model"]},
        {"id": "S07", "type": "number", "points": 2, "tolerance": 0.001,
         "text": "GPS: what longitude (decimal degrees, west negative) does the photo record?",
         "answer": facts["exif"]["gps_longitude"]},
        {"id": "S08", "type": "time", "points": 2, "tolerance": 60,
         "text": "When was the photo taken (UTC, to the minute)?", "answer": "2025-02-27T14:15:02Z",
         "hints": [{"text": "The EXIF artifact's 'taken' field is shown in UTC once the exhibit's zone is "
                            "declared.", "cost": 1}]},
        {"id": "S09", "type": "text", "points": 1,
         "text": "Browser history: what did the user search for with Google?",
         "answer": facts["chrome_history"]["search_terms"][0]},
        {"id": "S10", "type": "text", "points": 2,
         "text": "Downloads: from which URL was invoice.pdf downloaded?",
         "answer": "https://files.example.net/billing/invoice.pdf"},
        {"id": "S11", "type": "path", "points": 2,
         "text": "YARA: which file matched a YARA rule? Give its path.", "answer": f"{u}/Downloads/eicar_test.com"},
        {"id": "S12", "type": "choice", "points": 2, "choices": TIMELINE_CHOICES_SHIPMENT,
         "text": "Timeline: what happened between 14:40 and 14:50 UTC on 2025-02-27?",
         "answer": TIMELINE_CHOICES_SHIPMENT[0],
         "hints": [{"text": "'forensic-triage timeline CASE --from 2025-02-27T14:40Z --to 2025-02-27T14:50Z'",
                    "cost": 1}]},
        {"id": "S13", "type": "paths", "points": 3, "source": "tags", "tag": "supports-conclusion",
         "text": "Reporting: the conclusion is 'the EICAR test file was downloaded from the internet by the user'. "
                 "Tag every item that supports it (the file itself and the record of its download) with the tag "
                 "'supports-conclusion'. This question is answered from your tags when you submit.",
         "answer": [f"{u}/Downloads/eicar_test.com", facts["chrome_history"]["path"]]},
    ]
    return Scenario(briefing, qs, [_item(image, "EXH-001", "Laptop disk of John Doe (generated)",
                                         gen.SOURCE_ZONE)])


# --------------------------------------------------------------------------- pack 2: leak

_LEAK_USER = "Users/mrivera"
_LEAK_VISITS = [  # url, title, local time (UTC-04:00), transition, from_visit, seconds
    ("https://www.google.com/search?q=send+large+files+without+email",
     "send large files without email - Google Search", "2025-03-12 10:38:05", 0x32000005, 0, 30),
    ("https://sendbig.example.org/", "SendBig - send big files free", "2025-03-12 10:41:30", 0x30000000, 1, 150),
    ("https://careers.southwind.example.com/jobs", "Careers - Southwind Pumps", "2025-03-12 10:55:40",
     0x32000001, 0, 240),
]
_LEAK_SEARCH = "send large files without email"


def _history(visits: list[tuple[str, str, str, int, int, int]], search: str,
             downloads: list[dict[str, Any]]) -> bytes:
    """A Chrome History database with these visits (same schema and normalisation as the sample's)."""
    with tempfile.TemporaryDirectory(prefix="ft-pack-") as tmp:
        work, final = Path(tmp) / "History.build", Path(tmp) / "History"
        conn = sqlite3.connect(work, isolation_level=None)
        try:
            conn.execute("PRAGMA page_size=4096")
            conn.execute("PRAGMA journal_mode=DELETE")
            conn.execute("BEGIN")
            for statement in filter(None, (s.strip() for s in gen._CHROME_SCHEMA.split(";"))):
                conn.execute(statement)
            conn.executemany("INSERT INTO meta(key, value) VALUES (?, ?)",
                             [("mmap_status", "-1"), ("version", "70"), ("last_compatible_version", "16")])
            for number, (url, title, when, transition, from_visit, duration) in enumerate(visits, 1):
                stamp = gen.webkit_time(gen._t(when))
                conn.execute("INSERT INTO urls(id, url, title, visit_count, typed_count, last_visit_time, hidden)"
                             " VALUES (?,?,?,1,?,?,0)", (number, url, title, int(transition & 0xFF == 1), stamp))
                conn.execute("INSERT INTO visits(id, url, visit_time, from_visit, transition, segment_id,"
                             " visit_duration) VALUES (?,?,?,?,?,0,?)",
                             (number, number, stamp, from_visit, transition, duration * 1_000_000))
            conn.execute("INSERT INTO keyword_search_terms(keyword_id, url_id, term, normalized_term)"
                         " VALUES (2, 1, ?, ?)", (search, search))
            for number, row in enumerate(downloads, 1):
                conn.execute(
                    "INSERT INTO downloads VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (number, f"5A1B2C3D-0000-4000-8000-{number:012X}", row["target_path"], row["target_path"],
                     gen.webkit_time(row["start"]), row["size"], row["size"], 1, 0, 0, b"",
                     gen.webkit_time(row["end"]), 1, 0, 0, row["referrer"], "", "", row["referrer"], "", "GET",
                     "", "", "", "", "", row["mime_type"], row["mime_type"]))
                conn.execute("INSERT INTO downloads_url_chains VALUES (?, 0, ?)", (number, row["url"]))
            conn.execute("COMMIT")
            conn.execute("VACUUM INTO ?", (str(final),))
        finally:
            conn.close()
        data = bytearray(final.read_bytes())
    return gen._normalise_sqlite(data)


def _leak_content() -> dict[str, Any]:
    spec_lines = ["Impeller: 7 blades, cast duplex steel", "Rated flow 200 m3/h at 45 m head",
                  "Seal: cartridge, API 682", "CONFIDENTIAL - Northwind Engineering"]
    taken = gen._t("2025-03-12 15:44:10")
    lat, lon = 10.6419, -61.3989  # Arima, Trinidad
    jpeg, width, height = gen.make_jpeg(gen.make_exif("Apple", "iPhone 13", taken, lat, lon, 96, 64))
    eicar = gen.eicar_bytes()
    downloads = [{"target_path": "C:\\Users\\mrivera\\Downloads\\sendbig_setup.exe",
                  "url": "https://sendbig.example.org/download/sendbig_setup.exe",
                  "referrer": "https://sendbig.example.org/", "start": gen._t("2025-03-12 10:44:02"),
                  "end": gen._t("2025-03-12 10:44:03"), "size": len(eicar),
                  "mime_type": "application/x-msdownload"}]
    return {
        "docx": gen.make_docx("X200 Pump - Design Specification", spec_lines[:3], "Marta Rivera",
                              "2025-03-03T13:00:00Z", "2025-03-11T20:15:00Z", (2025, 3, 11, 16, 15, 0)),
        "disguised": gen.make_pdf("X200 Pump - Design Specification", spec_lines, "Marta Rivera",
                                  "D:20250312103200-04'00'"),
        "handover": gen.make_pdf("Handover notes", ["Projects handed over to P. Singh", "Keys returned"],
                                 "Marta Rivera", "D:20250312090000-04'00'"),
        "notes": gen._crlf("Weekly notes\n- X200 test rig booked for 18 March\n- ask IT for a bigger mailbox\n"),
        "contact": gen._crlf("Southwind Pumps - R. Ortega\nr.ortega@southwind.example.com\n"
                             "Interview: Friday 14 March, 09:00\nBring: 'portfolio' (X200)\n"),
        "price_list": gen._crlf("part,price_usd\nX200-IMP,1840.00\nX200-SEAL,612.50\nX200-MOTOR,4100.00\n"),
        "jpeg": jpeg, "photo": {"model": "iPhone 13", "latitude": lat, "longitude": lon, "width": width,
                                "height": height},
        "eicar": eicar,
        "history": _history(_LEAK_VISITS, _LEAK_SEARCH, downloads),
    }


def _leak_image(path: Path) -> dict[str, Any]:
    c = _leak_content()
    t = gen._times
    u = _LEAK_USER
    fs = gen.Fat16Builder(gen.PART_SECTORS, gen.PART_START, "NW-LAPTOP", 0x5E11_0A7C, gen._t("2025-01-06 09:00:00"))
    fs.add_dir("Users", t("2025-01-06 09:00:00"))
    fs.add_dir(u, t("2025-01-06 09:05:00"))
    fs.add_dir(f"{u}/Work", t("2025-01-06 09:05:10", "2025-03-12 10:33:00"))
    fs.add_file(f"{u}/Work/X200_pump_design.docx", c["docx"], t("2025-03-03 09:00:00", "2025-03-11 16:15:00"))
    fs.add_file(f"{u}/Work/weekly_notes.txt", c["notes"], t("2025-03-10 08:40:00", "2025-03-11 17:02:00"))
    fs.add_file(f"{u}/Work/handover.pdf", c["handover"], t("2025-03-12 09:00:00"))
    fs.add_file(f"{u}/Work/southwind_contact.txt", c["contact"], t("2025-03-07 18:20:00", "2025-03-07 18:22:30"),
                deleted=True)
    fs.add_file(f"{u}/Work/x200_price_list.csv", c["price_list"], t("2025-03-05 11:00:00"), deleted=True)
    fs.add_dir(f"{u}/Pictures", t("2025-01-06 09:05:10", "2025-03-12 15:50:00"))
    fs.add_file(f"{u}/Pictures/IMG_0412.JPG", c["jpeg"], t("2025-03-12 15:50:00", "2025-03-12 15:44:10"))
    fs.add_file(f"{u}/Pictures/holiday_2024.jpg", c["disguised"], t("2025-03-12 10:32:00"))
    fs.add_dir(f"{u}/Downloads", t("2025-01-06 09:05:10", "2025-03-12 10:44:03"))
    fs.add_file(f"{u}/Downloads/sendbig_setup.exe", c["eicar"], t("2025-03-12 10:44:02", "2025-03-12 10:44:03"))
    chrome = f"{u}/AppData/Local/Google/Chrome/User Data/Default"
    fs.add_dir(f"{u}/AppData", t("2025-01-06 09:05:11"), attr=gen.ATTR_HIDDEN)
    for part in ("Local", "Local/Google", "Local/Google/Chrome", "Local/Google/Chrome/User Data",
                 "Local/Google/Chrome/User Data/Default"):
        fs.add_dir(f"{u}/AppData/{part}", t("2025-01-06 09:20:00"))
    fs.add_file(f"{chrome}/History", c["history"], t("2025-01-06 09:20:03", "2025-03-12 10:56:00"))
    volume, _listing = fs.build()
    image = bytearray(gen.SAMPLE_IMAGE_SIZE)
    image[0:gen.SECTOR] = gen.make_mbr([(gen.PART_START, gen.PART_SECTORS, gen.PART_TYPE, True)], 0x4E57_3031)
    image[gen.PART_START * gen.SECTOR: gen.PART_START * gen.SECTOR + len(volume)] = volume
    acquired = hashlib.sha256(bytes(image)).hexdigest()
    # The lab's working copy was later opened by a program that wrote into the free space at the
    # end of the disk: the copy the students receive no longer matches the acquisition hash.
    marker = b"WORKING COPY - mounted read-write 2025-03-15"
    image[-4096: -4096 + len(marker)] = marker
    path.write_bytes(bytes(image))
    return {"acquired_sha256": acquired, "content": c, "history_path": chrome + "/History"}


def _leak(folder: Path) -> Scenario:
    image = folder / "nw-laptop-copy.dd"
    facts = _leak_image(image)
    c, u = facts["content"], _LEAK_USER
    briefing = (
        "Northwind Engineering suspects that Marta Rivera (user mrivera), an engineer who resigned, took the "
        "design of the X200 pump to a competitor, Southwind Pumps. Her laptop disk was imaged on 2025-03-13 "
        f"(exhibit NW-001); the seizure form records the image's SHA-256 as {facts['acquired_sha256']}. You "
        "receive the lab's working copy. The laptop's clock was set to America/Port_of_Spain (UTC-04:00); this is "
        "declared for the exhibit, so the tool shows every time in UTC. Give times in UTC and paths as the tool "
        "lists them.")
    qs: list[dict[str, Any]] = [
        {"id": "L01", "type": "choice", "points": 2, "choices": ["MATCH", "MISMATCH"],
         "text": "Verification: does the SHA-256 the tool computed for the working copy MATCH the one on the "
                 "seizure form, or is it a MISMATCH?", "answer": "MISMATCH",
         "hints": [{"text": "Compare every digit: 'forensic-triage evidence list CASE'.", "cost": 0.5}]},
        {"id": "L02", "type": "hash", "points": 1,
         "text": "What SHA-256 did the tool compute for the working copy you received?",
         "answer": hashlib.sha256(image.read_bytes()).hexdigest()},
        {"id": "L03", "type": "number", "points": 1,
         "text": "Deleted files: how many deleted files does the tool recover from the Work folder?", "answer": 2},
        {"id": "L04", "type": "path", "points": 2,
         "text": "Which deleted file links the user to the competitor? Give its path.",
         "answer": f"{u}/Work/southwind_contact.txt",
         "hints": [{"text": "Search the examined files for 'southwind'.", "cost": 1}]},
        {"id": "L05", "type": "path", "points": 2,
         "text": "Extension lies: which file in Pictures is not the picture its name claims? Give its path.",
         "answer": f"{u}/Pictures/holiday_2024.jpg"},
        {"id": "L06", "type": "choice", "points": 1, "choices": TYPE_CHOICES,
         "text": "What is that file really?", "answer": "PDF document"},
        {"id": "L07", "type": "text", "points": 1,
         "text": "EXIF: which device model took IMG_0412.JPG?", "answer": c["photo"]["model"]},
        {"id": "L08", "type": "number", "points": 2, "tolerance": 0.001,
         "text": "GPS: what latitude (decimal degrees) does IMG_0412.JPG record?", "answer": c["photo"]["latitude"]},
        {"id": "L09", "type": "text", "points": 1,
         "text": "Browser history: what did the user search for?", "answer": _LEAK_SEARCH},
        {"id": "L10", "type": "text", "points": 2,
         "text": "Downloads: from which URL was sendbig_setup.exe downloaded?",
         "answer": "https://sendbig.example.org/download/sendbig_setup.exe"},
        {"id": "L11", "type": "text", "points": 2,
         "text": "YARA: which YARA rule matched sendbig_setup.exe? (The file is the harmless EICAR test file "
                 "standing in for malware.)", "answer": "FT_EICAR_Test_File"},
        {"id": "L12", "type": "time", "points": 2, "tolerance": 60,
         "text": "Timeline: between 14:40 and 14:50 UTC on 2025-03-12 the user started a download. When did it "
                 "start (UTC)?", "answer": "2025-03-12T14:44:02Z",
         "hints": [{"text": "'forensic-triage timeline CASE --from 2025-03-12T14:40Z --to 2025-03-12T14:50Z'",
                    "cost": 1}]},
        {"id": "L13", "type": "paths", "points": 3, "source": "tags", "tag": "exhibit-a",
         "text": "Reporting: the conclusion is 'the X200 design was disguised as a holiday picture'. Tag every "
                 "file that supports it with the tag 'exhibit-a': the disguised file and the original design "
                 "document. This question is answered from your tags when you submit.",
         "answer": [f"{u}/Pictures/holiday_2024.jpg", f"{u}/Work/X200_pump_design.docx"]},
    ]
    return Scenario(briefing, qs, [_item(image, "NW-001", "Working copy of Marta Rivera's laptop disk (generated)",
                                         gen.SOURCE_ZONE)])


# --------------------------------------------------------------------------- pack 3: Windows (NTFS)


def _windows(folder: Path) -> Scenario:
    from ..sample.ntfs_pack import build_windows_pack

    image, questions = build_windows_pack(folder)
    for question in questions:
        # The Windows pack writes its options into the question text, "(A) ...; (B) ...": the
        # choices are those letters (the text, and its translations, stay as written).
        if question["type"] == "choice" and not question.get("choices"):
            question["choices"] = sorted(set(re.findall(r"\(([A-Z])\) ", question["text"])))
    briefing = ("A Windows workstation's disk (NTFS) was imaged for a triage exercise (exhibit WIN-001). NTFS and "
                "the registry record UTC, so every time the tool shows is UTC. Triage the image and answer the "
                "questions; give paths as the tool lists them.")
    return Scenario(briefing, list(questions), [_item(Path(image), "WIN-001", "Windows workstation disk (generated)",
                                                      None)])


def windows_pack() -> BuiltinPack:
    """Pack #3: a Windows system image with NTFS (built by ``sample/ntfs_pack.py``)."""
    return BuiltinPack("windows", "A Windows workstation (NTFS)",
                       "Registry (USB devices, accounts), recycle bin, LNK and prefetch on an NTFS system disk.",
                       _windows)


# THE registration point of the built-in packs.
BUILTIN_PACKS: tuple[BuiltinPack, ...] = (
    BuiltinPack("shipment", "The shipment files (beginner)",
                "John Doe's laptop: verification, a deleted plan, a lying extension, EXIF/GPS, Chrome history and "
                "downloads, a YARA hit, a timeline window and a tagged conclusion.", _shipment),
    BuiltinPack("leak", "The leaked pump design (intermediate)",
                "An engineer's laptop working copy that does not match its seizure hash; two deleted files, a "
                "design disguised as a picture, EXIF/GPS, a download caught by YARA and a tagged conclusion.", _leak),
    windows_pack(),
)


def builtin(pack_id: str) -> BuiltinPack:
    for pack in BUILTIN_PACKS:
        if pack.id == pack_id:
            return pack
    known = ", ".join(p.id for p in BUILTIN_PACKS)
    raise UsageError(f"There is no built-in exercise pack {pack_id!r}.", hint=f"Built-in packs: {known}.")


def write_builtin_pack(pack_id: str, out: str | Path) -> Path:
    """Generate a built-in pack's evidence and write the (public) pack file ``out``."""
    spec = builtin(pack_id)
    with tempfile.TemporaryDirectory(prefix="ft-pack-") as tmp:
        scenario = spec.build(Path(tmp))
        return write_pack(out, pack_id=spec.id, title=spec.title, briefing=scenario.briefing,
                          questions=scenario.questions, evidence=scenario.evidence,
                          passphrase=PUBLIC_PASSPHRASE.encode(), builtin=True, public=True,
                          extra={"summary": spec.summary})
