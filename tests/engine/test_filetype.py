"""Two-step type detection: binary formats exactly as libmagic says, text always as text."""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

import magic
from PIL import Image

from forensic_triage.pipeline.filetype import identify


def _full(head: bytes) -> str:
    return str(magic.Magic(mime=True).from_buffer(head))


def _jpeg() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (32, 32), (200, 30, 30)).save(buf, "JPEG")
    return buf.getvalue()


def _zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("a.txt", "hello")
    return buf.getvalue()


def test_binary_formats_match_full_libmagic() -> None:
    samples = {
        "jpeg": _jpeg(), "zip": _zip(), "elf": Path(sys.executable).resolve().read_bytes()[:65536],
        "pdf": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n", "gzip": b"\x1f\x8b\x08\x00" + bytes(60),
        "sqlite": b"SQLite format 3\x00" + bytes(4080), "png": b"\x89PNG\r\n\x1a\n" + bytes(64),
    }
    for name, head in samples.items():
        mime, desc = identify(head)
        assert mime == _full(head), name
        assert desc == str(magic.Magic().from_buffer(head)), name


def test_text_is_always_text_and_common_kinds_are_named() -> None:
    cases = {
        b"just some words\nand more words\n" * 20: "text/plain",
        b"<!DOCTYPE html>\n<html><body>hi</body></html>\n": "text/html",
        b"#!/usr/bin/env python3\nprint('x')\n": "text/x-script.python",
        b"#!/bin/sh\necho hi\n": "text/x-shellscript",
        b'<?xml version="1.0"?>\n<a><b/></a>\n': "text/xml",
        b"#include <stdio.h>\nint main(void) { return 0; }\n": "text/x-c",
        "unicode words \u00e9\u00e8 here\r\n".encode("utf-16") * 20: "text/plain",
    }
    for head, expected in cases.items():
        mime, desc = identify(head)
        assert mime == expected, (head[:30], mime)
        assert _full(head).startswith("text/")  # libmagic agrees it is text
        assert desc  # an encoding description such as "ASCII text"
    assert identify(b"") == ("application/x-empty", "empty")
    mime, _ = identify(bytes(range(256)) * 64)
    assert mime == _full(bytes(range(256)) * 64)
