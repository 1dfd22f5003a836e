"""WhatsApp messages from an unencrypted msgstore.db (both the legacy and the 2022+ schema)."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Iterator
from typing import BinaryIO, ClassVar

from forensic_triage.plugin_api import ExtractContext, Extractor, FileInfo, InputSpec, Record

from .android_common import COMPANIONS, integer, millis, open_copy, rows, schema, text

OWNER = "(device owner)"


@dataclasses.dataclass(frozen=True)
class WhatsAppMessage(Record):
    record_type: ClassVar[str] = "android.whatsapp.message"
    time_fields: ClassVar[dict[str, str]] = {"timestamp": "WhatsApp message"}

    message_id: int
    chat: str | None  # the chat's JID (phone@s.whatsapp.net, or ...@g.us for a group)
    chat_subject: str | None  # group name
    from_me: bool
    sender: str | None  # JID of the author ("(device owner)" for sent messages)
    timestamp: str | None
    text: str | None
    message_type: int | None  # WhatsApp's media/message type code (0 = text)
    media_path: str | None
    media_mime: str | None
    media_size: int | None
    starred: bool

    def summary(self) -> str:
        return f"WhatsApp {self.sender or '?'} in {self.chat_subject or self.chat or '?'}: {(self.text or '')[:100]}"


def _jid(alias: str, cols: set[str]) -> str:
    if "raw_string" in cols:
        return f"COALESCE({alias}.raw_string, {alias}.user || '@' || {alias}.server)"
    return f"({alias}.user || '@' || {alias}.server)"


def _modern_sql(tables: dict[str, set[str]]) -> str:
    m, jid = tables["message"], tables.get("jid", set())
    media = tables.get("message_media", set())
    has_jid = "jid" in tables
    has_chat = "chat" in tables and "jid_row_id" in tables["chat"] and "chat_row_id" in m
    chat = _jid("j", jid) if has_jid and has_chat else "NULL"
    sender = _jid("s", jid) if has_jid and "sender_jid_row_id" in m else "NULL"
    subject = "c.subject" if has_chat and "subject" in tables["chat"] else "NULL"

    def mm(name: str) -> str:
        return f"mm.{name}" if name in media else "NULL"

    def mc(name: str, default: str = "NULL") -> str:
        return f"m.{name}" if name in m else default

    return (
        f"SELECT m._id, {chat}, {subject}, {mc('from_me', '0')}, {sender}, {mc('timestamp')}, "
        f"{mc('text_data')}, {mc('message_type')}, {mm('file_path')}, {mm('mime_type')}, {mm('file_size')}, "
        f"{mc('starred', '0')} FROM message m "
        + ("LEFT JOIN chat c ON c._id = m.chat_row_id " if has_chat else "")
        + ("LEFT JOIN jid j ON j._id = c.jid_row_id " if has_jid and has_chat else "")
        + ("LEFT JOIN jid s ON s._id = m.sender_jid_row_id " if sender != "NULL" else "")
        + ("LEFT JOIN message_media mm ON mm.message_row_id = m._id " if "message_row_id" in media else "")
        + ("WHERE m.chat_row_id IS NOT -1 " if "chat_row_id" in m else "")  # -1: WhatsApp's placeholder row
        + "ORDER BY m._id"
    )


def _legacy_sql(tables: dict[str, set[str]]) -> str:
    c = tables["messages"]

    def mc(name: str, default: str = "NULL") -> str:
        return f"m.{name}" if name in c else default

    subject = "cl.subject" if "chat_list" in tables and "subject" in tables["chat_list"] else "NULL"
    return (
        f"SELECT m._id, m.key_remote_jid, {subject}, {mc('key_from_me', '0')}, {mc('remote_resource')}, "
        f"{mc('timestamp')}, {mc('data')}, {mc('media_wa_type')}, {mc('media_name')}, {mc('media_mime_type')}, "
        f"{mc('media_size')}, {mc('starred', '0')} FROM messages m "
        + ("LEFT JOIN chat_list cl ON cl.key_remote_jid = m.key_remote_jid " if subject != "NULL" else "")
        + "WHERE m.key_remote_jid IS NOT '-1' ORDER BY m._id"
    )


class WhatsAppExtractor(Extractor):
    name = "android.whatsapp"
    version = "1.0"
    description = "WhatsApp messages (unencrypted msgstore.db): chat, sender, time, text, media"
    references = ("https://github.com/KnugiHK/WhatsApp-Chat-Exporter",
                  "https://www.magnetforensics.com/blog/whatsapp-database-changes/")
    inputs = InputSpec(
        globs=("**/com.whatsapp/databases/msgstore.db", "**/com.whatsapp.w4b/databases/msgstore.db"),
        names=("msgstore.db",),
        needs_path=True, companions=COMPANIONS, max_size=1024 * 1024 * 1024,
    )
    record_types = (WhatsAppMessage,)

    def extract(self, ctx: ExtractContext, stream: BinaryIO, file_info: FileInfo) -> Iterator[Record]:
        conn = open_copy(ctx)
        if conn is None:
            return
        try:
            tables = schema(conn)
            if "message" in tables and "_id" in tables["message"]:
                sql = _modern_sql(tables)
            elif "messages" in tables and "key_remote_jid" in tables["messages"]:
                sql = _legacy_sql(tables)
            else:
                ctx.warn("Database has no WhatsApp 'message' or 'messages' table: not a msgstore.db.")
                return
            for r in rows(ctx, conn, "WhatsApp messages", sql):
                from_me = bool(integer(r[3]))
                chat = text(r[1])
                sender = OWNER if from_me else (text(r[4]) or chat)
                yield WhatsAppMessage(int(r[0]), chat, text(r[2]), from_me, sender, millis(r[5]), text(r[6]),
                                      integer(r[7]), text(r[8]), text(r[9]), integer(r[10]), bool(integer(r[11])))
        except sqlite3.DatabaseError as exc:
            ctx.warn(f"The database is damaged: {exc}.")
        finally:
            conn.close()


EXTRACTORS = (WhatsAppExtractor,)
