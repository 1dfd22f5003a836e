"""E-mail files: single messages (EML) and mailboxes (MBOX), through the standard ``email`` package.

Each message gives its headers (from, to, cc, bcc, subject, date, message-id) and its attachments
listed with name, type, size, MD5 and SHA-256. Mailboxes are split on ``From `` separator lines
that follow a blank line; ``>From `` escaping (mboxrd) is undone.
"""

from __future__ import annotations

import dataclasses
import email.utils
import hashlib
import re
from collections.abc import Iterator
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from typing import Any, BinaryIO, ClassVar

from forensic_triage.plugin_api import ExtractContext, Extractor, FileInfo, InputSpec, Record
from forensic_triage.timeutil import iso

MAX_MESSAGES = 100_000
MAX_ATTACHMENTS = 500
MAX_HEADER = 4096
_SEPARATOR = re.compile(rb"\n\r?\n(From [^\r\n]*)\r?\n")
_MBOX_FIRST = re.compile(rb"^From \S+.*\d{4}")
_UNESCAPE = re.compile(rb"^>(>*From )", re.MULTILINE)
HEADER_NAMES = ("from", "to", "cc", "subject", "date", "message-id", "received", "return-path", "mime-version")


@dataclasses.dataclass(frozen=True)
class EmailAttachment:
    filename: str | None
    content_type: str
    size: int
    md5: str
    sha256: str


@dataclasses.dataclass(frozen=True)
class EmailRecord(Record):
    record_type: ClassVar[str] = "email.message"
    time_fields: ClassVar[dict[str, str]] = {"date": "E-mail sent (Date header)"}

    format: str  # EML | MBOX
    index: int  # position in the mailbox (1 for an EML file)
    sender: str | None
    to: str | None
    cc: str | None
    bcc: str | None
    subject: str | None
    date: str | None  # the Date header in UTC; naive local text when the header says -0000 (zone unknown)
    date_header: str | None  # the Date header as written
    message_id: str | None
    in_reply_to: str | None
    attachments: tuple[EmailAttachment, ...]

    def summary(self) -> str:
        return f"E-mail from {self.sender or '?'} to {self.to or '?'}: {self.subject or '(no subject)'}"


def _header(msg: EmailMessage, name: str) -> str | None:
    try:
        value = msg.get(name)
    except Exception:  # noqa: BLE001 - a malformed header must not lose the message
        raw = msg.get_all(name, failobj=[])
        value = raw[0] if raw else None
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text[:MAX_HEADER] or None


def _date(text: str | None) -> str | None:
    if not text:
        return None
    try:
        value = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    # RFC 5322 3.3: "-0000" means the sender's zone is unknown; parsedate_to_datetime then gives a
    # naive time, kept as local text (no "Z") and never presented as UTC.
    return iso(value) if value.tzinfo else value.isoformat()


def _attachments(msg: EmailMessage, ctx: ExtractContext, where: str) -> tuple[EmailAttachment, ...]:
    found: list[EmailAttachment] = []
    for part in msg.walk():
        if part.is_multipart():
            continue
        filename = part.get_filename()
        if part.get_content_disposition() != "attachment" and not filename:
            continue
        if len(found) >= MAX_ATTACHMENTS:
            ctx.warn(f"{where} has more than {MAX_ATTACHMENTS} attachments; the rest are not listed.")
            break
        payload: Any = part.get_payload(decode=True)
        data = payload if isinstance(payload, bytes) else b""
        found.append(EmailAttachment(filename, part.get_content_type(), len(data),
                                     hashlib.md5(data, usedforsecurity=False).hexdigest(),
                                     hashlib.sha256(data).hexdigest()))
    return tuple(found)


def parse_message(raw: bytes, fmt: str, index: int, ctx: ExtractContext) -> EmailRecord | None:
    where = "The message" if fmt == "EML" else f"Message {index}"
    msg = BytesParser(policy=policy.default).parsebytes(raw)
    assert isinstance(msg, EmailMessage)
    if not any(name in msg for name in HEADER_NAMES):
        ctx.warn(f"{where} has no e-mail headers: not an e-mail, or damaged.")
        return None
    attachments = _attachments(msg, ctx, where)
    defects = sorted({type(d).__name__ for part in msg.walk() for d in part.defects})
    if defects:
        ctx.warn(f"{where} is malformed or truncated ({', '.join(defects)}); what could be read is listed.")
    date_header = _header(msg, "Date")
    return EmailRecord(fmt, index, _header(msg, "From"), _header(msg, "To"), _header(msg, "Cc"),
                       _header(msg, "Bcc"), _header(msg, "Subject"), _date(date_header), date_header,
                       _header(msg, "Message-ID"), _header(msg, "In-Reply-To"), attachments)


def split_mbox(data: bytes) -> Iterator[bytes]:
    """The raw messages of an mbox (without their ``From `` lines, unescaped)."""
    first_end = data.find(b"\n")
    start = first_end + 1 if first_end >= 0 else len(data)
    for match in _SEPARATOR.finditer(data, start):
        yield _UNESCAPE.sub(rb"\1", data[start: match.start() + 1])
        start = match.end()
    if start < len(data):
        yield _UNESCAPE.sub(rb"\1", data[start:])


class EmailFileExtractor(Extractor):
    name = "email.files"
    version = "1.1"
    description = "E-mail files (EML, MBOX): from, to, cc, subject, date, message-id; attachments with hashes"
    references = ("https://datatracker.ietf.org/doc/html/rfc5322", "https://datatracker.ietf.org/doc/html/rfc4155",
                  "https://docs.python.org/3/library/email.html")
    inputs = InputSpec(
        names=("*.eml", "*.mbox", "*.mbx"),
        signatures=(b"From ",),  # mbox files without an extension (Thunderbird "Inbox", /var/mail/USER)
        max_size=512 * 1024 * 1024,
    )
    record_types = (EmailRecord,)

    def extract(self, ctx: ExtractContext, stream: BinaryIO, file_info: FileInfo) -> Iterator[Record]:
        data = stream.read()
        name = file_info.name.lower()
        if name.endswith(".eml") and not data.startswith(b"From "):
            record = parse_message(data, "EML", 1, ctx)
            if record is not None:
                yield record
            return
        if not _MBOX_FIRST.match(data[:1024]):
            if name.endswith((".mbox", ".mbx")):
                ctx.warn("Not an mbox mailbox: it does not start with a 'From ' separator line.")
            return  # a text file that merely starts with "From ": not a mailbox, nothing to say
        fmt = "EML" if name.endswith(".eml") else "MBOX"
        for index, raw in enumerate(split_mbox(data), start=1):
            if index > MAX_MESSAGES:
                ctx.warn(f"Mailbox holds more than {MAX_MESSAGES} messages; the rest are not listed.")
                return
            if index % 1000 == 0 and ctx.check_cancel():
                return
            record = parse_message(raw, fmt, index, ctx)
            if record is not None:
                yield record


EXTRACTORS = (EmailFileExtractor,)
