"""email.files: an EML with an attachment and an mbox, made here with the stdlib email package."""

from __future__ import annotations

import hashlib
from email.message import EmailMessage

import pytest
from forensic_triage.plugins.email_files import EmailFileExtractor
from helpers import run_extractor, selects

ATTACHMENT = b"%PDF-1.4 fake invoice body\n" * 20


def message(subject: str = "Invoice 117", attach: bool = True) -> bytes:
    msg = EmailMessage()
    msg["From"] = "Alice Smith <alice@example.com>"
    msg["To"] = "bob@example.net, Carol <carol@example.org>"
    msg["Cc"] = "dave@example.com"
    msg["Subject"] = subject
    msg["Date"] = "Sat, 01 Apr 2023 12:20:30 +0200"
    msg["Message-ID"] = "<20230401102030.1234@example.com>"
    msg["In-Reply-To"] = "<prev@example.net>"
    msg.set_content("Please find the invoice attached.\nFrom the team,\nAlice\n")
    if attach:
        msg.add_attachment(ATTACHMENT, maintype="application", subtype="pdf", filename="invoice 117.pdf")
    return msg.as_bytes()


def mbox(count: int = 3) -> bytes:
    out = b""
    for i in range(count):
        body = message(subject=f"Message {i + 1}", attach=i == 0).replace(b"\nFrom the team", b"\n>From the team")
        out += b"From alice@example.com Sat Apr  1 10:20:30 2023\n" + body + b"\n"
    return out


def test_inputs() -> None:
    assert selects(EmailFileExtractor, "Users/alice/Downloads/invoice.eml")[0]
    assert selects(EmailFileExtractor, "Users/alice/AppData/Roaming/Thunderbird/Profiles/x.default/Mail/"
                                       "pop.example.com/Inbox", b"From - Sat Apr 01 10:20:30 2023\r\n")[0]
    assert not selects(EmailFileExtractor, "Users/alice/notes.txt", b"Dear Bob,")[0]


def test_eml_one_full_record() -> None:
    artifacts, warnings = run_extractor(EmailFileExtractor, message(), "Users/alice/Downloads/invoice.eml")
    assert warnings == []
    assert len(artifacts) == 1
    art = artifacts[0]
    assert (art.type, art.plugin, art.plugin_version) == ("email.message", "email.files", "1.1")
    assert art.data == {
        "format": "EML", "index": 1, "sender": "Alice Smith <alice@example.com>",
        "to": "bob@example.net, Carol <carol@example.org>", "cc": "dave@example.com", "bcc": None,
        "subject": "Invoice 117", "date": "2023-04-01T10:20:30Z", "date_header": "Sat, 01 Apr 2023 12:20:30 +0200",
        "message_id": "<20230401102030.1234@example.com>", "in_reply_to": "<prev@example.net>",
        "attachments": [{"filename": "invoice 117.pdf", "content_type": "application/pdf", "size": len(ATTACHMENT),
                         "md5": hashlib.md5(ATTACHMENT).hexdigest(),
                         "sha256": hashlib.sha256(ATTACHMENT).hexdigest()}],
    }
    assert art.times == [("E-mail sent (Date header)", "2023-04-01T10:20:30Z")]


def test_mbox_messages() -> None:
    artifacts, warnings = run_extractor(EmailFileExtractor, mbox(), "var/mail/alice")
    assert warnings == []
    assert [a.data["subject"] for a in artifacts] == ["Message 1", "Message 2", "Message 3"]
    assert [a.data["index"] for a in artifacts] == [1, 2, 3]
    assert [len(a.data["attachments"]) for a in artifacts] == [1, 0, 0]
    assert all(a.data["format"] == "MBOX" for a in artifacts)


def test_plain_text_starting_with_from_is_ignored_quietly() -> None:
    assert run_extractor(EmailFileExtractor, b"From the desk of the mayor\nHello\n", "Users/a/letter.txt") == ([], [])


@pytest.mark.parametrize("cut", [0.5, 0.8])
def test_truncated_eml_is_a_warning(cut: float) -> None:
    data = message()
    artifacts, warnings = run_extractor(EmailFileExtractor, data[: int(len(data) * cut)], "Users/a/x.eml")
    assert len(warnings) == 1 and "malformed or truncated" in warnings[0].message
    assert len(artifacts) == 1 and artifacts[0].data["subject"] == "Invoice 117"


def test_garbage_eml_and_mbox_are_warnings() -> None:
    artifacts, warnings = run_extractor(EmailFileExtractor, b"\x00\x01binary junk" * 50, "Users/a/x.eml")
    assert artifacts == [] and len(warnings) == 1
    artifacts, warnings = run_extractor(EmailFileExtractor, b"not a mailbox\n", "Users/a/archive.mbox")
    assert artifacts == [] and len(warnings) == 1 and "mbox" in warnings[0].message


def test_date_with_unknown_zone_is_not_utc() -> None:
    """RFC 5322: '-0000' says the zone is unknown; the time stays local text, never 'Z'."""
    from forensic_triage.plugins.email_files import _date

    assert _date("Sat, 01 Apr 2023 12:20:30 -0000") == "2023-04-01T12:20:30"
    assert _date("Sat, 01 Apr 2023 12:20:30 +0000") == "2023-04-01T12:20:30Z"
