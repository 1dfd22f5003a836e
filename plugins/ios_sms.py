"""iOS Messages (sms.db): SMS, MMS, iMessage and RCS with their party, chat, times and attachments,
and deleted or superseded messages recovered from the WAL and free pages."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Iterator
from typing import Any, BinaryIO, ClassVar

from forensic_triage.model import FileInfo
from forensic_triage.plugin_api import ExtractContext, Extractor, InputSpec, Record, RowRecord

from .ios_common import COMPANIONS, apple_time, globs, integer, open_db, recovered, row_id, rows, schema, text

MAX_ATTACHMENTS = 100


@dataclasses.dataclass(frozen=True)
class IosMessage(RowRecord):
    record_type: ClassVar[str] = "ios.message"
    time_fields: ClassVar[dict[str, str]] = {"date": "Message (iOS Messages)",
                                             "date_read": "Message read (iOS Messages)",
                                             "date_delivered": "Message delivered (iOS Messages)"}

    service: str | None  # SMS | iMessage | RCS (as the row says)
    direction: str  # sent | received
    party: str | None  # the other party: the message's handle, else the chat's identifier
    chat: str | None  # chat identifier (number, address or group id)
    chat_name: str | None  # a group chat's display name
    date: str | None
    date_read: str | None
    date_delivered: str | None
    text: str | None
    subject: str | None
    attachments: tuple[str, ...]  # "path (MIME type)"
    account: str | None  # the device's own account the message used ("p:+1...", "e:...")
    guid: str | None

    def summary(self) -> str:
        arrow = "to" if self.direction == "sent" else "from"
        return f"{self.service or 'Message'} {arrow} {self.party or '?'}: {(self.text or self.subject or '')[:100]}"

    def phone_view(self) -> dict[str, Any]:
        return {"role": "message", "application": self.service or "Messages", "direction": self.direction,
                "party": self.party, "time": self.date, "body": self.text or self.subject,
                "thread": self.chat}


def attributed_text(blob: Any) -> str | None:
    """The plain text of an ``attributedBody`` (an NSAttributedString in Apple's typedstream), which
    iOS 16 and later fill instead of ``text``: the first NSString's bytes after its ``+`` marker."""
    if not isinstance(blob, bytes):
        return None
    at = blob.find(b"NSString")
    if at < 0:
        return None
    at = blob.find(b"\x01+", at)
    if at < 0 or at + 3 > len(blob):
        return None
    pos = at + 2
    size = blob[pos]
    pos += 1
    if size == 0x81:  # 16-bit little-endian length
        size = int.from_bytes(blob[pos:pos + 2], "little")
        pos += 2
    elif size == 0x82:  # 32-bit little-endian length
        size = int.from_bytes(blob[pos:pos + 4], "little")
        pos += 4
    raw = blob[pos:pos + size]
    return raw.decode("utf-8", "replace") if len(raw) == size and size else None


class IosSmsExtractor(Extractor):
    name = "ios.sms"
    version = "1.0"
    description = "iOS Messages (sms.db): SMS/iMessage party, direction, times, text, attachments; deleted rows"
    references = ("https://github.com/abrignoni/iLEAPP/blob/main/scripts/artifacts/sms.py",
                  "https://github.com/ReagentX/imessage-exporter")
    inputs = InputSpec(globs=globs("Library/SMS/sms.db"), needs_path=True, companions=COMPANIONS,
                       max_size=1024 * 1024 * 1024)
    record_types = (IosMessage,)

    def extract(self, ctx: ExtractContext, stream: BinaryIO, file_info: FileInfo) -> Iterator[Record]:
        conn = open_db(ctx)
        if conn is None:
            return
        try:
            tables = schema(conn)
            if "message" not in tables:
                ctx.warn("Database has no 'message' table: not an iOS sms.db.")
                return
            handles = _handles(ctx, conn, tables)
            chats = _chats(ctx, conn, tables)
            files = _attachments(ctx, conn, tables)
            for r in rows(ctx, conn, "messages", "SELECT * FROM message ORDER BY ROWID"):
                yield _message(r, "", handles, chats, files)
        except sqlite3.DatabaseError as exc:
            ctx.warn(f"The database is damaged: {exc}.")
            return
        finally:
            conn.close()
        yield from recovered(ctx, stream, "message", lambda r, where: _message(r, where, handles, chats, files))


def _handles(ctx: ExtractContext, conn: sqlite3.Connection, tables: dict[str, set[str]]) -> dict[int, str]:
    if "handle" not in tables:
        return {}
    return {int(r["rowid"]): str(r["id"]) for r in rows(ctx, conn, "handles", "SELECT ROWID AS rowid, id FROM handle")
            if r["id"] is not None}


def _chats(ctx: ExtractContext, conn: sqlite3.Connection,
           tables: dict[str, set[str]]) -> dict[int, tuple[str | None, str | None]]:
    """message ROWID -> (chat identifier, display name)."""
    if not {"chat", "chat_message_join"} <= set(tables):
        return {}
    name = "c.display_name" if "display_name" in tables["chat"] else "NULL"
    sql = (f"SELECT j.message_id, c.chat_identifier, {name} AS display_name FROM chat_message_join j "
           "JOIN chat c ON c.ROWID = j.chat_id")
    return {int(r["message_id"]): (text(r["chat_identifier"]), text(r["display_name"]))
            for r in rows(ctx, conn, "chats", sql) if r["message_id"] is not None}


def _attachments(ctx: ExtractContext, conn: sqlite3.Connection,
                 tables: dict[str, set[str]]) -> dict[int, list[str]]:
    if not {"attachment", "message_attachment_join"} <= set(tables):
        return {}
    mime = "a.mime_type" if "mime_type" in tables["attachment"] else "NULL"
    sql = (f"SELECT j.message_id, a.filename, a.transfer_name, {mime} AS mime_type FROM message_attachment_join j "
           "JOIN attachment a ON a.ROWID = j.attachment_id ORDER BY j.message_id, a.ROWID")
    out: dict[int, list[str]] = {}
    for r in rows(ctx, conn, "attachments", sql):
        if r["message_id"] is not None and len(out.setdefault(int(r["message_id"]), [])) < MAX_ATTACHMENTS:
            out[int(r["message_id"])].append(
                f"{text(r['filename']) or text(r['transfer_name']) or '(no name)'} ({text(r['mime_type']) or '?'})")
    return out


def _message(r: dict[str, Any], where: str, handles: dict[int, str],
             chats: dict[int, tuple[str | None, str | None]], files: dict[int, list[str]]) -> IosMessage:
    rid = row_id(r, "rowid")
    chat, chat_name = chats.get(rid, (None, None)) if rid is not None else (None, None)
    handle = handles.get(integer(r.get("handle_id")) or 0)
    sent = bool(integer(r.get("is_from_me")))
    return IosMessage(
        service=text(r.get("service")), direction="sent" if sent else "received", party=handle or chat,
        chat=chat, chat_name=chat_name, date=apple_time(r.get("date")), date_read=apple_time(r.get("date_read")),
        date_delivered=apple_time(r.get("date_delivered")),
        text=text(r.get("text")) or attributed_text(r.get("attributedbody")), subject=text(r.get("subject")),
        attachments=tuple(files.get(rid, ())) if rid is not None else (), account=text(r.get("account")),
        guid=text(r.get("guid")), table="message", row_id=rid, recovered=where)


EXTRACTORS = (IosSmsExtractor,)
