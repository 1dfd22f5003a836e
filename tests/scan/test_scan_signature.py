"""Signature analysis and encryption detection on generated samples (real libmagic, real tools)."""

from __future__ import annotations

import bz2
import gzip
import io
import os
import random
import shutil
import subprocess
import zipfile
import zlib
from pathlib import Path

import pytest

from forensic_triage.model import FileResult, Locator
from forensic_triage.pipeline.analyzers import FileInfo
from forensic_triage.pipeline.encryption import EncryptionAnalyzer
from forensic_triage.pipeline.filework import entropy_bits, identify
from forensic_triage.pipeline.signature import check_extension, verdict

CORPUS_PE = "artifacts/pe/test_pe.exe"


def _image(fmt: str) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (16, 16), (200, 10, 10)).save(buf, fmt)
    return buf.getvalue()


def _zip(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return buf.getvalue()


def _docx() -> bytes:
    ct = (b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
          b'wordprocessingml.document.main+xml"/></Types>')
    return _zip({"[Content_Types].xml": ct, "_rels/.rels": b"<Relationships/>", "word/document.xml": b"<w:document/>"})


def _pdf(encrypt: str | None = None) -> bytes:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, encrypt=encrypt)
    c.drawString(100, 750, "Statement of account")
    c.save()
    return buf.getvalue()


def _pe() -> bytes:
    # A minimal, inert PE header (no code): MZ + PE signature + COFF header + empty optional header.
    mz = bytearray(b"MZ" + b"\x00" * 0x3A + (0x40).to_bytes(4, "little"))
    pe = b"PE\x00\x00" + (0x14C).to_bytes(2, "little") + (1).to_bytes(2, "little") + b"\x00" * 12 + \
        (0xE0).to_bytes(2, "little") + (0x102).to_bytes(2, "little") + b"\x0b\x01" + b"\x00" * 0xDE
    return bytes(mz) + pe + b".text\x00\x00\x00" + b"\x00" * 32 + b"\x00" * 512


def detect(name: str, data: bytes) -> tuple[bool, str | None, str]:
    mime, _desc = identify(data[:65536])
    ext = name.rsplit(".", 1)[1] if "." in name else ""
    mismatch, detected = check_extension(ext, mime, len(data))
    return mismatch, detected, mime


LIES = [
    ("holiday.txt", lambda: _image("JPEG"), "jpg"),
    ("statement.pdf", _pe, "exe"),
    ("notes.doc", lambda: _image("PNG"), "png"),
    ("photo.jpg", lambda: _zip({"a.txt": b"hello"}), "zip"),
    ("invoice.xlsx", _pe, "exe"),
    ("avatar.png", lambda: b"<?php system($_GET['c']); ?>\n", "php"),
    ("readme.txt", lambda: gzip.compress(b"x" * 1000), "gz"),
    ("music.mp3", _pdf, "pdf"),
]
HONEST = [
    ("report.docx", _docx), ("report.zip", _docx), ("photo.jpg", lambda: _image("PNG")),  # image as image
    ("photo.jpeg", lambda: _image("JPEG")), ("scan.tif", lambda: _image("TIFF")), ("icon.ico", lambda: _image("ICO")),
    ("data.json", lambda: b'{"a": [1, 2, 3]}\n'), ("page.xml", lambda: b'<?xml version="1.0"?><r/>\n'),
    ("logo.svg", lambda: b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"></svg>\n'),
    ("list.csv", lambda: b"a,b\n1,2\n3,4\n"), ("u16.txt", lambda: "\ufeffhello world\r\n".encode("utf-16-le")),
    ("script.txt", lambda: b"#!/bin/sh\necho hi\n"), ("old.doc", lambda: b"{\\rtf1\\ansi hello}\n"),
    ("page.htm", lambda: b"<html><body>x</body></html>\n"), ("a.pdf", _pdf), ("b.gz", lambda: gzip.compress(b"abc")),
    ("c.bz2", lambda: bz2.compress(b"abc" * 50)), ("blob.dat", _pe), ("noext", lambda: _image("PNG")),
    ("empty.txt", lambda: b""), ("tool.exe", _pe), ("web.php", lambda: b"<?php echo 1; ?>\n"),
]


@pytest.mark.parametrize(("name", "make", "expected"), LIES)
def test_real_extension_lies_are_flagged(name: str, make, expected: str) -> None:  # type: ignore[no-untyped-def]
    mismatch, detected, mime = detect(name, make())
    assert mismatch, (name, mime)
    assert detected == expected


@pytest.mark.parametrize(("name", "make"), HONEST)
def test_ordinary_files_are_not_flagged(name: str, make) -> None:  # type: ignore[no-untyped-def]
    mismatch, _detected, mime = detect(name, make())
    assert not mismatch, (name, mime)


def test_verdict_records_claimed_and_detected_type() -> None:
    v = verdict("txt", "image/jpeg", 100)
    assert v.mismatch and v.claimed_ext == "txt" and "text" in v.claimed_families
    assert v.detected_family == "image" and v.detected_ext == "jpg" and v.detected_mime == "image/jpeg"
    assert not verdict("docx", "application/encrypted", 5000).mismatch  # password-protected .docx is OLE


def test_no_false_mismatch_on_system_files() -> None:
    """Files of this machine under their own names: nothing is a lie."""
    roots = [Path("/usr/share/doc"), Path("/usr/share/pixmaps"), Path("/usr/share/icons"), Path("/usr/lib/python3.11")]
    checked = 0
    for root in roots:
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*"))[:1500]:
            if not path.is_file() or path.is_symlink() or "." not in path.name:
                continue
            with path.open("rb") as fh:
                data = fh.read(65536)
            mime, _ = identify(data)
            mismatch, detected = check_extension(path.suffix.lstrip(".").lower(), mime, path.stat().st_size)
            assert not mismatch, (str(path), mime, detected)
            checked += 1
    assert checked > 200


# ------------------------------------------------------------------------------- encryption

def run_encryption(name: str, data: bytes) -> str | None:
    mime, desc = identify(data[:65536])
    info = FileInfo(1, Locator("EXH", 0, 1, path="/" + name), "EXH", "/" + name, name, name.rsplit(".", 1)[-1],
                    len(data), False, mime, desc, data[:65536])
    run = EncryptionAnalyzer().start(info)
    result = FileResult(file_id=1, entropy=round(entropy_bits(data), 4))
    if run is None:
        return None
    for i in range(0, len(data), 1 << 20):
        run.feed(i, data[i:i + (1 << 20)])
    run.finish(result, True)
    return result.encrypted


def test_encrypted_zip_made_by_zip_tool(tmp_path: Path) -> None:
    if shutil.which("zip") is None:
        pytest.skip("zip not installed")
    (tmp_path / "secret.txt").write_text("account numbers\n" * 50)
    subprocess.run(["zip", "-q", "-P", "s3cret", "enc.zip", "secret.txt"], cwd=tmp_path, check=True)
    subprocess.run(["zip", "-q", "plain.zip", "secret.txt"], cwd=tmp_path, check=True)
    reason = run_encryption("enc.zip", (tmp_path / "enc.zip").read_bytes())
    assert reason and "ZIP" in reason and "secret.txt" in reason
    assert run_encryption("plain.zip", (tmp_path / "plain.zip").read_bytes()) is None


def test_encrypted_7z_header() -> None:
    py7zr = pytest.importorskip("py7zr")
    for header, expected in ((True, "encrypted header"), (False, None)):
        buf = io.BytesIO()
        with py7zr.SevenZipFile(buf, "w", password="s3cret", header_encryption=header) as z:
            z.writestr(b"ledger " * 200, "ledger.txt")
        reason = run_encryption("a.7z", buf.getvalue())
        assert (reason is None) if expected is None else (expected in (reason or ""))
    plain = io.BytesIO()
    with py7zr.SevenZipFile(plain, "w") as z:
        z.writestr(b"ledger " * 200, "ledger.txt")
    assert run_encryption("b.7z", plain.getvalue()) is None


def test_password_protected_office_document() -> None:
    ooxml = pytest.importorskip("msoffcrypto.format.ooxml")
    out = io.BytesIO()
    ooxml.OOXMLFile(io.BytesIO(_docx())).encrypt("s3cret", out)
    reason = run_encryption("report.docx", out.getvalue())
    assert reason and "password-protected Office" in reason
    jumplist_like = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096)
    assert run_encryption("x.doc", jumplist_like) is None


def test_encrypted_pdf_made_by_reportlab() -> None:
    assert "PDF" in (run_encryption("a.pdf", _pdf(encrypt="s3cret")) or "")
    assert run_encryption("b.pdf", _pdf()) is None


def test_rar_headers() -> None:
    # RAR 5 archive whose first header is the archive encryption header (type 4), per the RAR 5 format.
    rar5 = b"Rar!\x1a\x07\x01\x00" + b"\x00\x00\x00\x00" + bytes([0x21, 0x04]) + bytes(40)
    assert "RAR 5" in (run_encryption("a.rar", rar5) or "")
    rar5_plain = b"Rar!\x1a\x07\x01\x00" + b"\x00\x00\x00\x00" + bytes([0x0B, 0x01]) + bytes(40)
    assert run_encryption("b.rar", rar5_plain) is None


def test_container_like_random_file_but_not_compressed_data() -> None:
    rng = random.Random(7)
    container = rng.randbytes(512 * 1024)
    reason = run_encryption("volume.dat", container)
    assert reason and "TrueCrypt/VeraCrypt-like" in reason
    assert run_encryption("odd.dat", container[:-100]) is None      # not a multiple of 512
    assert run_encryption("small.dat", container[:128 * 1024]) is None  # too small
    words = [bytes(rng.choice(b"abcdefghijklmnopqrstuvwxyz ") for _ in range(rng.randint(2, 9))) for _ in range(5000)]
    text = b" ".join(rng.choice(words) for _ in range(400_000))
    deflated = zlib.compressobj(9, zlib.DEFLATED, -15).compress(text)[: 512 * 1024]
    deflated = deflated[: len(deflated) // 512 * 512]
    assert len(deflated) >= 256 * 1024
    assert run_encryption("raw.bin", deflated) is None              # headerless deflate: high entropy, not flat
    assert run_encryption("c.gz", gzip.compress(container)) is None  # compressed format: has a signature


def test_no_encryption_flag_on_ordinary_files() -> None:
    samples = {"a.docx": _docx(), "b.pdf": _pdf(), "c.png": _image("PNG"), "d.jpg": _image("JPEG"),
               "e.zip": _zip({"x.txt": os.urandom(300_000)}), "f.gz": gzip.compress(os.urandom(600_000))}
    for name, data in samples.items():
        assert run_encryption(name, data) is None, name
    checked = 0
    for root in (Path("/usr/share/doc"), Path("/usr/bin")):
        for path in sorted(root.rglob("*"))[:400] if root.is_dir() else []:
            if path.is_file() and not path.is_symlink() and path.stat().st_size < 8 * 1024 * 1024:
                assert run_encryption(path.name, path.read_bytes()) is None, str(path)
                checked += 1
    assert checked > 100
