"""Android SMS and MMS from the telephony provider's mmssms.db, deleted rows included."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Iterator
from typing import Any, BinaryIO, ClassVar

from forensic_triage.plugin_api import ExtractContext, Extractor, FileInfo, InputSpec, Record, RowRecord

from .android_common import (
    COMPANIONS,
    android_globs,
    flag,
    integer,
    millis,
    open_copy,
    rows,
    schema,
    seconds,
    table_rows,
    text,
)

SMS_TYPES = {1: "received", 2: "sent", 3: "draft", 4: "outbox", 5: "failed", 6: "queued"}
MMS_BOXES = {1: "received", 2: "sent", 3: "draft", 4: "outbox", 5: "failed"}
MMS_FROM, MMS_TO, MMS_CC, MMS_BCC = 137, 151, 130, 129
MAX_PARTS = 200


@dataclasses.dataclass(frozen=True)
class AndroidMessage(RowRecord):
    record_type: ClassVar[str] = "android.message"
    time_fields: ClassVar[dict[str, str]] = {"date": "Message (SMS/MMS)",
                                             "date_sent": "Message sent (SMS/MMS, sender's clock)"}

    kind: str  # SMS | MMS
    message_id: int | None  # the row's _id (None: a deleted row whose id was overwritten)
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
        mark = f" [recovered: {self.recovered}]" if self.recovered else ""
        return f"{self.kind} {arrow} {self.address or '?'}: {(self.body or self.subject or '')[:100]}{mark}"

    def phone_view(self) -> dict[str, Any]:
        return {"role": "message", "application": self.kind, "direction": self.direction, "party": self.address,
                "time": self.date, "body": self.body or self.subject,
                "thread": str(self.thread_id) if self.thread_id is not None else None}


def _sms(ctx: ExtractContext, conn: sqlite3.Connection, data: BinaryIO) -> Iterator[AndroidMessage]:
    for r, recovered in table_rows(ctx, conn, data, "sms", "SMS messages"):
        yield AndroidMessage("SMS", integer(r.get("_id", r["_rowid"])), integer(r.get("thread_id")),
                             SMS_TYPES.get(integer(r.get("type")) or 0, "unknown"), text(r.get("address")),
                             millis(r.get("date")), millis(r.get("date_sent")), flag(r.get("read")),
                             text(r.get("subject")), text(r.get("body")), (), text(r.get("service_center")),
                             table="sms", row_id=integer(r["_rowid"]), recovered=recovered)


def _mms(ctx: ExtractContext, conn: sqlite3.Connection, tables: dict[str, set[str]],
         data: BinaryIO) -> Iterator[AndroidMessage]:
    addresses: dict[int, dict[int, list[str]]] = {}
    if "addr" in tables:
        for r in rows(ctx, conn, "MMS addresses", "SELECT msg_id, type, address FROM addr"):
            if r[0] is not None and r[2] and r[2] != "insert-address-token":
                addresses.setdefault(int(r[0]), {}).setdefault(integer(r[1]) or 0, []).append(str(r[2]))
    parts: dict[int, list[tuple[str | None, str | None, str | None]]] = {}
    if "part" in tables:
        pcols = tables["part"]
        names = [c if c in pcols else "NULL" for c in ("mid", "ct", "name", "cl", "text")]
        order = "seq" if "seq" in pcols else "_id"
        sql = f"SELECT {', '.join(names)} FROM part ORDER BY mid, {order}"  # noqa: S608 - known column names
        for r in rows(ctx, conn, "MMS parts", sql):
            if r[0] is not None and len(parts.setdefault(int(r[0]), [])) < MAX_PARTS:
                parts[int(r[0])].append((text(r[1]), text(r[2]) or text(r[3]), text(r[4])))
    for pdu, recovered in table_rows(ctx, conn, data, "pdu", "MMS messages"):
        mid = integer(pdu.get("_id", pdu["_rowid"]))
        direction = MMS_BOXES.get(integer(pdu.get("msg_box")) or 0, "unknown")
        addr = addresses.get(mid, {}) if mid is not None else {}
        if direction == "received":
            party = addr.get(MMS_FROM, [])
        else:
            party = addr.get(MMS_TO, []) + addr.get(MMS_CC, []) + addr.get(MMS_BCC, [])
        own = parts.get(mid, []) if mid is not None else []
        body = "\n".join(t for ct, _, t in own if ct == "text/plain" and t) or None
        attachments = tuple(f"{name or '(no name)'} ({ct})" for ct, name, _ in own
                            if ct not in ("text/plain", "application/smil"))
        yield AndroidMessage("MMS", mid, integer(pdu.get("thread_id")), direction, ", ".join(party) or None,
                             seconds(pdu.get("date")), seconds(pdu.get("date_sent")), flag(pdu.get("read")),
                             text(pdu.get("sub")), body, attachments, None,
                             table="pdu", row_id=integer(pdu["_rowid"]), recovered=recovered)


class AndroidSmsExtractor(Extractor):
    name = "android.sms"
    version = "1.1"
    description = "Android SMS and MMS (mmssms.db): party, direction, time, text, MMS attachments; deleted rows"
    references = ("https://developer.android.com/reference/android/provider/Telephony",)
    inputs = InputSpec(
        globs=android_globs("com.android.providers.telephony/databases/mmssms.db"),
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
                yield from _sms(ctx, conn, stream)
            if "pdu" in tables:
                yield from _mms(ctx, conn, tables, stream)
        except sqlite3.DatabaseError as exc:
            ctx.warn(f"The database is damaged: {exc}.")
        finally:
            conn.close()


EXTRACTORS = (AndroidSmsExtractor,)
