"""File type from the first bytes: libmagic, without paying for its text classification.

Measured (libmagic 5.44, FIELD-NOTES): on a plain text buffer a full ``magic_buffer`` call
costs 0.6-3 ms, because after the binary signatures fail every text test of the database
(regular expressions and string searches) runs over the buffer; on binary formats a call
costs 10-150 us. Triage images are full of text, so type detection runs in two steps:

1. libmagic with ``MAGIC_NO_CHECK_TEXT``: every binary signature, plus the built-in JSON and
   CSV checks. Anything it recognises is final (MIME and description from libmagic).
2. Nothing recognised: libmagic with ``MAGIC_NO_CHECK_SOFT`` says whether the bytes are text
   and in which encoding ("ASCII text, with CRLF line terminators", "Unicode text, UTF-16,
   little-endian"); a small table of leading markers (HTML, XML, SVG, scripts by their
   ``#!`` line, PHP, batch, registry exports, mail, vCard, PEM) names the common structured
   text types the way libmagic does. Other text stays ``text/plain``.

So text is always detected as text (content search and extension checks depend on it) at
about a tenth of the cost; only the sub-type of rarer text formats can differ from a full
libmagic call (``benchmarks/magic_agreement.py`` measures the agreement on real files).
``FT_FULL_MAGIC=1`` in the environment restores full libmagic calls.
"""

from __future__ import annotations

import os
import re
import threading
from typing import Any

_local = threading.local()
_OCTET = "application/octet-stream"

# (marker at the start of the stripped, lower-cased text, MIME, description prefix)
_LEADING: tuple[tuple[str, str, str], ...] = (
    ("<!doctype html", "text/html", "HTML document"),
    ("<html", "text/html", "HTML document"),
    ("<?php", "text/x-php", "PHP script"),
    ("<svg", "image/svg+xml", "SVG Scalable Vector Graphics image"),
    ("{\\rtf", "text/rtf", "Rich Text Format data"),
    ("@echo off", "text/x-msdos-batch", "DOS batch file"),
    ("windows registry editor version", "text/x-ms-regedit", "Windows Registry text"),
    ("regedit4", "text/x-ms-regedit", "Windows Registry text"),
    ("begin:vcard", "text/vcard", "vCard visiting card"),
    ("-----begin pgp", "application/pgp-keys", "PGP armored data"),
    ("-----begin openssh private key", "text/plain", "OpenSSH private key"),
    ("-----begin rsa private key", "text/plain", "PEM RSA private key"),
    ("-----begin certificate", "text/plain", "PEM certificate"),
    ("return-path:", "message/rfc822", "SMTP mail"),
    ("received:", "message/rfc822", "SMTP mail"),
    ("from:", "message/rfc822", "RFC 822 mail"),
)
_SCRIPTS = {
    "python": ("text/x-script.python", "Python script"), "sh": ("text/x-shellscript", "POSIX shell script"),
    "bash": ("text/x-shellscript", "Bourne-Again shell script"), "dash": ("text/x-shellscript", "POSIX shell script"),
    "zsh": ("text/x-shellscript", "Paul Falstad's zsh script"), "perl": ("text/x-perl", "Perl script"),
    "ruby": ("text/x-ruby", "Ruby script"), "node": ("application/javascript", "Node.js script"),
    "php": ("text/x-php", "PHP script"),
}


# Source code without a #! line, recognised by its first statements (as libmagic's tests do).
_SOURCE: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (re.compile(r"^(?:import [\w.]+|from [\w.]+ import |def \w+\(|class \w+[(:])", re.M), "text/x-script.python",
     "Python script"),
    (re.compile(r"^#\s*(?:include\s*[<\"]|define \w|ifndef \w|pragma )", re.M), "text/x-c", "C source"),
    (re.compile(r"^(?:(?:var|let|const) [\w$]+ ?=|function [\w$]*\s*\(|module\.exports|'use strict'|\"use strict\")",
                re.M), "application/javascript", "JavaScript source"),
    (re.compile(r"^\s*<(?:head|body|title|table|script|div|meta)[\s>]", re.M), "text/html", "HTML document"),
)


def _handles() -> dict[str, Any]:
    handles: dict[str, Any] | None = getattr(_local, "handles", None)
    if handles is None:
        import magic

        handles = {"mime": magic.Magic(mime=True), "desc": magic.Magic()}
        if not os.environ.get("FT_FULL_MAGIC"):
            no_text = getattr(magic, "MAGIC_NO_CHECK_TEXT", 0x20000)  # python-magic exports it; stubs may not
            for key, flag in (("mime_bin", no_text), ("desc_bin", no_text),
                              ("mime_text", magic.MAGIC_NO_CHECK_SOFT), ("desc_text", magic.MAGIC_NO_CHECK_SOFT)):
                m = magic.Magic(mime=key.startswith("mime"))
                m.flags |= flag
                magic.magic_setflags(m.cookie, m.flags)
                handles[key] = m
        _local.handles = handles
    return handles


def _structured(head: bytes) -> tuple[str, str] | None:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        codec = "utf-16"
    elif head.startswith(b"\xef\xbb\xbf"):
        codec = "utf-8-sig"
    else:
        codec = "latin-1"
    text = head[:2048].decode(codec, "replace").lstrip().lower()
    if text.startswith("#!"):
        line = text[2:].split("\n", 1)[0].strip()
        parts = line.split()
        if parts:
            prog = parts[0].rsplit("/", 1)[-1]
            if prog == "env" and len(parts) > 1:
                prog = parts[1]
            prog = prog.rstrip("0123456789.")
            return _SCRIPTS.get(prog, ("text/x-script", f"{prog} script"))
    if text.startswith("<?xml"):
        if "<svg" in text:
            return "image/svg+xml", "SVG Scalable Vector Graphics image"
        return "text/xml", "XML 1.0 document"
    for marker, mime, desc in _LEADING:
        if text.startswith(marker):
            return mime, desc
    if "<html" in text[:512] or "<!doctype html" in text[:512]:
        return "text/html", "HTML document"
    for pattern, mime, desc in _SOURCE:
        if pattern.search(text):
            return mime, desc
    return None


def identify(head: bytes) -> tuple[str, str]:
    """(MIME type, description) of a file from its first bytes (see the module docstring)."""
    if not head:
        return "application/x-empty", "empty"
    import magic  # loaded by _handles

    h = _handles()
    try:
        if "mime_bin" not in h:
            return str(h["mime"].from_buffer(head)), str(h["desc"].from_buffer(head))
        mime = str(h["mime_bin"].from_buffer(head))
        if mime != _OCTET:
            return mime, str(h["desc_bin"].from_buffer(head))
        mime = str(h["mime_text"].from_buffer(head))
        if not mime.startswith("text/"):
            return mime, str(h["desc_text"].from_buffer(head))
        desc = str(h["desc_text"].from_buffer(head))
        found = _structured(head)
        if found is None:
            return mime, desc
        return found[0], f"{found[1]}, {desc}"
    except (magic.MagicException, ValueError) as exc:  # libmagic's answer to malformed input; an undecodable one
        return _OCTET, f"unidentified ({exc})"
