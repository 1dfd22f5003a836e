"""Android SMS and MMS from the telephony provider's mmssms.db."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Iterator
from typing import BinaryIO, ClassVar

from forensic_triage.plugin_api import ExtractContext, Extractor, FileInfo, InputSpec, Record

from .android_common import COMPANIONS, col, integer, millis, open_copy, rows, schema, seconds, text

SMS_TYPES = {1: "received", 2: "sent", 3: "draft", 4: "outbox", 5: "failed", 6: "queued"}
MMS_BOXES = {1: "received", 2: "sent", 3: "draft", 4: "outbox", 5: "failed"}
MMS_FROM, MMS_TO, MMS_CC, MMS_BCC = 137, 151, 130, 129
MAX_PARTS = 200


@dataclasses.dataclass(frozen=True)
class AndroidMessage(Record):
    record_type: ClassVar[str] = "android.message"
    time_fields: ClassVar[dict[str, str]] = {"date": "Message (SMS/MMS)",
                                             "date_sent": "Message sent (SMS/MMS, sender's clock)"}

    kind: str  # SMS | MMS
    message_id: int
    thread_id: int | None
    direction: str  # received | sent | draft | outbox | failed | queued | unknown
    address: str | None  # the other party (sender of a received message, recipients of a sent one)
    date: str | None
    date_sent: str | None
    read: bool | None
    subject: str | None
    body: str | None
    attachments: tuple[str, ...]  # MMS parts other than text: "name (content type)"
    service_center: str | None

    def summary(self) -> str:
        arrow = "from" if self.direction == "received" else "to"
        return f"{self.kind} {arrow} {self.address or '?'}: {(self.body or self.subject or '')[:100]}"


def _sms(ctx: ExtractContext, conn: sqlite3.Connection, cols: set[str]) -> Iterator[AndroidMessage]:
    sql = (f"SELECT _id, {col(cols, 'thread_id')}, {col(cols, 'address')}, {col(cols, 'date')}, "
           f"{col(cols, 'date_sent')}, {col(cols, 'type')}, {col(cols, 'read')}, {col(cols, 'subject')}, "
           f"{col(cols, 'body')}, {col(cols, 'service_center')} FROM sms ORDER BY _id")
    for r in rows(ctx, conn, "SMS messages", sql):
        read = integer(r[6])
        yield AndroidMessage("SMS", int(r[0]), integer(r[1]), SMS_TYPES.get(integer(r[5]) or 0, "unknown"),
                             text(r[2]), millis(r[3]), millis(r[4]), bool(read) if read is not None else None,
                             text(r[7]), text(r[8]), (), text(r[9]))


def _mms(ctx: ExtractContext, conn: sqlite3.Connection, tables: dict[str, set[str]]) -> Iterator[AndroidMessage]:
    cols = tables["pdu"]
    addresses: dict[int, dict[int, list[str]]] = {}
    if "addr" in tables:
        for r in rows(ctx, conn, "MMS addresses", "SELECT msg_id, type, address FROM addr"):
            if r[0] is not None and r[2] and r[2] != "insert-address-token":
                addresses.setdefault(int(r[0]), {}).setdefault(integer(r[1]) or 0, []).append(str(r[2]))
    parts: dict[int, list[tuple[str | None, str | None, str | None]]] = {}
    if "part" in tables:
        pcols = tables["part"]
        sql = (f"SELECT mid, {col(pcols, 'ct')}, {col(pcols, 'name')}, {col(pcols, 'cl')}, {col(pcols, 'text')} "
               "FROM part ORDER BY mid, " + col(pcols, "seq", "_id"))
        for r in rows(ctx, conn, "MMS parts", sql):
            if r[0] is not None and len(parts.setdefault(int(r[0]), [])) < MAX_PARTS:
                parts[int(r[0])].append((text(r[1]), text(r[2]) or text(r[3]), text(r[4])))
    sql = (f"SELECT _id, {col(cols, 'thread_id')}, {col(cols, 'date')}, {col(cols, 'date_sent')}, "
           f"{col(cols, 'msg_box')}, {col(cols, 'read')}, {col(cols, 'sub')} FROM pdu ORDER BY _id")
    for r in rows(ctx, conn, "MMS messages", sql):
        mid = int(r[0])
        direction = MMS_BOXES.get(integer(r[4]) or 0, "unknown")
        addr = addresses.get(mid, {})
        if direction == "received":
            party = addr.get(MMS_FROM, [])
        else:
            party = addr.get(MMS_TO, []) + addr.get(MMS_CC, []) + addr.get(MMS_BCC, [])
        body = "\n".join(t for ct, _, t in parts.get(mid, []) if ct == "text/plain" and t) or None
        attachments = tuple(f"{name or '(no name)'} ({ct})" for ct, name, _ in parts.get(mid, [])
                            if ct not in ("text/plain", "application/smil"))
        read = integer(r[5])
        yield AndroidMessage("MMS", mid, integer(r[1]), direction, ", ".join(party) or None, seconds(r[2]),
                             seconds(r[3]), bool(read) if read is not None else None, text(r[6]), body,
                             attachments, None)


class AndroidSmsExtractor(Extractor):
    name = "android.sms"
    version = "1.0"
    description = "Android SMS and MMS (mmssms.db): party, direction, time, text, MMS attachments"
    references = ("https://developer.android.com/reference/android/provider/Telephony",)
    inputs = InputSpec(
        globs=("**/com.android.providers.telephony/databases/mmssms.db",),
        names=("mmssms.db",),
        needs_path=True, companions=COMPANIONS, max_size=512 * 1024 * 1024,
    )
    record_types = (AndroidMessage,)

    def extract(self, ctx: ExtractContext, stream: BinaryIO, file_info: FileInfo) -> Iterator[Record]:
        conn = open_copy(ctx)
        if conn is None:
            return
        try:
            tables = schema(conn)
            if "sms" not in tables and "pdu" not in tables:
                ctx.warn("Database has neither an 'sms' nor a 'pdu' table: not an Android mmssms.db.")
                return
            if "sms" in tables:
                yield from _sms(ctx, conn, tables["sms"])
            if "pdu" in tables:
                yield from _mms(ctx, conn, tables)
        except sqlite3.DatabaseError as exc:
            ctx.warn(f"The database is damaged: {exc}.")
        finally:
            conn.close()


EXTRACTORS = (AndroidSmsExtractor,)
