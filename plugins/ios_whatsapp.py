"""WhatsApp for iOS (ChatStorage.sqlite, Core Data): messages of ZWAMESSAGE with their chat
(ZWACHATSESSION), group member and media item, and deleted or superseded rows recovered."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Iterator
from typing import Any, BinaryIO, ClassVar

from forensic_triage.model import FileInfo
from forensic_triage.plugin_api import ExtractContext, Extractor, InputSpec, Record, RowRecord

from .ios_common import (
    COMPANIONS,
    apple_time,
    globs,
    integer,
    open_db,
    position,
    recovered,
    row_id,
    rows,
    schema,
    text,
)


@dataclasses.dataclass(frozen=True)
class IosWhatsAppMessage(RowRecord):
    record_type: ClassVar[str] = "ios.whatsapp.message"
    time_fields: ClassVar[dict[str, str]] = {"date": "WhatsApp message (iOS)",
                                             "sent_date": "WhatsApp message sent (iOS)"}

    direction: str  # sent | received
    party: str | None  # the other party's JID (the sender in a group, for a received message)
    chat: str | None  # the chat's JID (a person or a group@g.us)
    chat_name: str | None
    from_jid: str | None
    to_jid: str | None
    date: str | None
    sent_date: str | None
    text: str | None
    message_type: int | None  # ZMESSAGETYPE (0 text, 1 image, 2 video, 3 voice, 5 location...)
    media_path: str | None
    latitude: float | None
    longitude: float | None
    push_name: str | None  # the name the sender chose

    def summary(self) -> str:
        arrow = "to" if self.direction == "sent" else "from"
        return f"WhatsApp {arrow} {self.party or '?'}: {(self.text or self.media_path or '')[:100]}"

    def phone_view(self) -> dict[str, Any]:
        return {"role": "message", "application": "WhatsApp", "direction": self.direction, "party": self.party,
                "time": self.date, "body": self.text or self.media_path, "thread": self.chat}


def _message(r: dict[str, Any], where: str, chats: dict[int, tuple[str | None, str | None]],
             members: dict[int, str], media: dict[int, tuple[str | None, Any, Any]]) -> IosWhatsAppMessage:
    sent = bool(integer(r.get("zisfromme")))
    chat, chat_name = chats.get(integer(r.get("zchatsession")) or 0, (None, None))
    from_jid, to_jid = text(r.get("zfromjid")), text(r.get("ztojid"))
    party = to_jid if sent else members.get(integer(r.get("zgroupmember")) or 0) or from_jid
    path, lat, lon = media.get(integer(r.get("zmediaitem")) or 0, (None, None, None))
    place = position(lat, lon)
    return IosWhatsAppMessage(
        direction="sent" if sent else "received", party=party or chat, chat=chat, chat_name=chat_name,
        from_jid=from_jid, to_jid=to_jid, date=apple_time(r.get("zmessagedate")),
        sent_date=apple_time(r.get("zsentdate")), text=text(r.get("ztext")),
        message_type=integer(r.get("zmessagetype")), media_path=path,
        latitude=place[0] if place else None, longitude=place[1] if place else None,
        push_name=text(r.get("zpushname")), table="ZWAMESSAGE", row_id=row_id(r, "z_pk"), recovered=where)


class IosWhatsAppExtractor(Extractor):
    name = "ios.whatsapp"
    version = "1.0"
    description = "WhatsApp for iOS (ChatStorage.sqlite): messages, chats, group senders, media, deleted rows"
    references = ("https://github.com/abrignoni/iLEAPP/blob/main/scripts/artifacts/whatsappMessages.py",)
    inputs = InputSpec(globs=globs("ChatStorage.sqlite"), needs_path=True, companions=COMPANIONS,
                       max_size=2048 * 1024 * 1024)
    record_types = (IosWhatsAppMessage,)

    def extract(self, ctx: ExtractContext, stream: BinaryIO, file_info: FileInfo) -> Iterator[Record]:
        conn = open_db(ctx)
        if conn is None:
            return
        chats: dict[int, tuple[str | None, str | None]] = {}
        members: dict[int, str] = {}
        media: dict[int, tuple[str | None, Any, Any]] = {}
        try:
            tables = schema(conn)
            if "zwamessage" not in tables:
                if "whatsapp" in file_info.path.lower():  # a full file system names the group by UUID only
                    ctx.warn("Database has no 'ZWAMESSAGE' table: not a WhatsApp ChatStorage.sqlite.")
                return
            if "zwachatsession" in tables:
                for c in rows(ctx, conn, "chats", "SELECT Z_PK, ZCONTACTJID, ZPARTNERNAME FROM ZWACHATSESSION"):
                    chats[int(c["z_pk"])] = (text(c["zcontactjid"]), text(c["zpartnername"]))
            if "zwagroupmember" in tables:
                for m in rows(ctx, conn, "group members", "SELECT Z_PK, ZMEMBERJID FROM ZWAGROUPMEMBER"):
                    if m["zmemberjid"]:
                        members[int(m["z_pk"])] = str(m["zmemberjid"])
            if "zwamediaitem" in tables:
                sql = "SELECT * FROM ZWAMEDIAITEM"
                for m in rows(ctx, conn, "media items", sql):
                    media[int(m["z_pk"])] = (text(m.get("zmedialocalpath")), m.get("zlatitude"), m.get("zlongitude"))
            for r in rows(ctx, conn, "messages", "SELECT * FROM ZWAMESSAGE ORDER BY Z_PK"):
                yield _message(r, "", chats, members, media)
        except sqlite3.DatabaseError as exc:
            ctx.warn(f"The database is damaged: {exc}.")
            return
        finally:
            conn.close()
        yield from recovered(ctx, stream, "ZWAMESSAGE", lambda r, where: _message(r, where, chats, members, media))


EXTRACTORS = (IosWhatsAppExtractor,)
