"""WhatsApp messages from an unencrypted msgstore.db (both the legacy and the 2022+ schema), deleted rows included."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Iterator
from typing import Any, BinaryIO, ClassVar

from forensic_triage.plugin_api import ExtractContext, Extractor, FileInfo, InputSpec, Record, RowRecord

from .android_common import (
    COMPANIONS,
    android_globs,
    integer,
    millis,
    open_copy,
    rows,
    schema,
    table_rows,
    text,
)

OWNER = "(device owner)"


@dataclasses.dataclass(frozen=True)
class WhatsAppMessage(RowRecord):
    record_type: ClassVar[str] = "android.whatsapp.message"
    time_fields: ClassVar[dict[str, str]] = {"timestamp": "WhatsApp message"}

    message_id: int | None
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
        mark = f" [recovered: {self.recovered}]" if self.recovered else ""
        where = self.chat_subject or self.chat or "?"
        return f"WhatsApp {self.sender or '?'} in {where}: {(self.text or '')[:100]}{mark}"

    def phone_view(self) -> dict[str, Any]:
        party = self.chat if self.from_me else (self.sender or self.chat)
        return {"role": "message", "application": "WhatsApp", "direction": "sent" if self.from_me else "received",
                "party": party, "time": self.timestamp, "body": self.text, "thread": self.chat_subject or self.chat}


def _lookup(ctx: ExtractContext, conn: sqlite3.Connection, tables: dict[str, set[str]], table: str, key: str,
            columns: tuple[str, ...]) -> dict[Any, tuple[Any, ...]]:
    """``key`` -> the given columns of a lookup table (None for a column this version lacks)."""
    if table not in tables or key not in tables[table]:
        return {}
    picked = ", ".join(c if c in tables[table] else "NULL" for c in columns)
    sql = f"SELECT {key}, {picked} FROM {table}"  # noqa: S608 - known names
    return {r[0]: tuple(r[1:]) for r in rows(ctx, conn, table, sql) if r[0] is not None}


def _modern(ctx: ExtractContext, conn: sqlite3.Connection, tables: dict[str, set[str]],
            data: BinaryIO) -> Iterator[WhatsAppMessage]:
    jids = {k: text(raw) or (f"{user}@{server}" if user is not None and server is not None else None)
            for k, (raw, user, server) in _lookup(ctx, conn, tables, "jid", "_id",
                                                  ("raw_string", "user", "server")).items()}
    chats = _lookup(ctx, conn, tables, "chat", "_id", ("jid_row_id", "subject"))
    media = _lookup(ctx, conn, tables, "message_media", "message_row_id", ("file_path", "mime_type", "file_size"))
    for r, recovered in table_rows(ctx, conn, data, "message", "WhatsApp messages"):
        chat_row = integer(r.get("chat_row_id"))
        if chat_row == -1:
            continue  # WhatsApp's placeholder row
        jid_row, subject = chats.get(chat_row, (None, None))
        mid = integer(r.get("_id", r["_rowid"]))
        path, mime, size = media.get(mid, (None, None, None))
        yield _message(mid, jids.get(jid_row), text(subject), r.get("from_me"),
                       jids.get(integer(r.get("sender_jid_row_id"))), r.get("timestamp"), r.get("text_data"),
                       r.get("message_type"), path, mime, size, r.get("starred"),
                       table="message", row_id=integer(r["_rowid"]), recovered=recovered)


def _legacy(ctx: ExtractContext, conn: sqlite3.Connection, tables: dict[str, set[str]],
            data: BinaryIO) -> Iterator[WhatsAppMessage]:
    subjects = _lookup(ctx, conn, tables, "chat_list", "key_remote_jid", ("subject",))
    for r, recovered in table_rows(ctx, conn, data, "messages", "WhatsApp messages"):
        chat = text(r.get("key_remote_jid"))
        if chat == "-1":
            continue
        yield _message(integer(r.get("_id", r["_rowid"])), chat, text(subjects.get(chat, (None,))[0]),
                       r.get("key_from_me"), text(r.get("remote_resource")), r.get("timestamp"), r.get("data"),
                       r.get("media_wa_type"), r.get("media_name"), r.get("media_mime_type"), r.get("media_size"),
                       r.get("starred"), table="messages", row_id=integer(r["_rowid"]), recovered=recovered)


def _message(mid: int | None, chat: str | None, subject: str | None, from_me: Any, sender: str | None,
             timestamp: Any, body: Any, mtype: Any, path: Any, mime: Any, size: Any, starred: Any, *,
             table: str, row_id: int | None, recovered: str) -> WhatsAppMessage:
    mine = bool(integer(from_me))
    return WhatsAppMessage(mid, chat, subject, mine, OWNER if mine else (sender or chat), millis(timestamp),
                           text(body), integer(mtype), text(path), text(mime), integer(size),
                           bool(integer(starred)), table=table, row_id=row_id, recovered=recovered)


class WhatsAppExtractor(Extractor):
    name = "android.whatsapp"
    version = "1.1"
    description = "WhatsApp messages (unencrypted msgstore.db): chat, sender, time, text, media; deleted rows"
    references = ("https://github.com/KnugiHK/WhatsApp-Chat-Exporter",
                  "https://www.magnetforensics.com/blog/whatsapp-database-changes/")
    inputs = InputSpec(
        globs=android_globs("com.whatsapp/databases/msgstore.db", "com.whatsapp.w4b/databases/msgstore.db"),
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
                yield from _modern(ctx, conn, tables, stream)
            elif "messages" in tables and "key_remote_jid" in tables["messages"]:
                yield from _legacy(ctx, conn, tables, stream)
            else:
                ctx.warn("Database has no WhatsApp 'message' or 'messages' table: not a msgstore.db.")
        except sqlite3.DatabaseError as exc:
            ctx.warn(f"The database is damaged: {exc}.")
        finally:
            conn.close()


EXTRACTORS = (WhatsAppExtractor,)
