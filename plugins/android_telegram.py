"""Telegram for Android (org.telegram.messenger/files/cache4.db): messages, users, chats, deleted rows from the WAL.

Message bodies are TL-serialized ``Message`` objects (``messages_v2.data``) whose layout changes with
the API layer. Only what can be checked is decoded: after the constructor and ``flags`` (and
``flags2`` on newer layers) the message's ``id`` must equal the row's ``mid``; the fixed-size optional
fields before ``date`` (``from_id``, ``peer_id``, ``saved_peer_id`` as 12-byte peers, ``via_bot_id``...)
are skipped by their flag bits; the ``date`` read must equal the row's ``date``; then the text is
the TL string that follows. A message with a forward or reply header (variable-size objects
before the text), a service message, or one whose checks fail is listed with its row's facts and
``text_status`` saying why its text was not decoded. Users are decoded the same way (the 64-bit id
must equal the row's ``uid``) for their names, user name and phone number.
"""

from __future__ import annotations

import dataclasses
import sqlite3
import struct
from collections.abc import Iterator
from typing import Any, BinaryIO, ClassVar

from forensic_triage.plugin_api import ExtractContext, Extractor, FileInfo, InputSpec, Record, RowRecord

from .android_common import (
    COMPANIONS,
    android_globs,
    flag,
    integer,
    open_copy,
    rows,
    schema,
    seconds,
    table_rows,
    text,
)

PEER_SIZE = 12  # peerUser/peerChat/peerChannel: constructor + 64-bit id (layer 133+)
FWD_FROM, REPLY_TO, FROM_ID, VIA_BOT, SAVED_PEER, BOOSTS = 1 << 2, 1 << 3, 1 << 8, 1 << 11, 1 << 28, 1 << 29
VIA_BUSINESS_BOT = 1 << 0  # flags2
DECODED = "decoded"


def tl_string(data: bytes, pos: int) -> tuple[str, int]:
    """A TL ``string`` at ``pos`` (1-byte length, or 0xFE + 3-byte length; padded to 4 bytes)."""
    first = data[pos]
    if first < 254:
        length, start = first, pos + 1
    elif first == 254:
        length, start = int.from_bytes(data[pos + 1:pos + 4], "little"), pos + 4
    else:
        raise ValueError("bad TL string length byte")
    end = start + length
    if end > len(data):
        raise ValueError("TL string runs past the end")
    raw = data[start:end]
    return raw.decode("utf-8"), end + (-(end - pos) % 4)


def _after_header(data: bytes, pos: int, flags: int, flags2: int | None, date: int) -> str | None:
    """The text after the fixed-size fields, or None when the layout does not check out."""
    if flags & (FWD_FROM | REPLY_TO):
        raise LookupError("has a forward or reply header")
    pos += PEER_SIZE if flags & FROM_ID else 0
    pos += 4 if flags2 is not None and flags & BOOSTS else 0
    pos += PEER_SIZE  # peer_id
    pos += PEER_SIZE if flags2 is not None and flags & SAVED_PEER else 0
    pos += 8 if flags & VIA_BOT else 0
    pos += 8 if flags2 is not None and flags2 & VIA_BUSINESS_BOT else 0
    if pos + 4 > len(data) or struct.unpack_from("<i", data, pos)[0] != date:
        return None
    return tl_string(data, pos + 4)[0]


def decode_text(data: Any, mid: int | None, date: int | None) -> tuple[str | None, str]:
    """``(text, status)`` of a serialized message: status ``decoded`` or why it was not."""
    if not isinstance(data, bytes) or len(data) < 16:
        return None, "no message object"
    if mid is None or date is None:
        return None, "not decoded: the row's id or date is missing"
    (flags,) = struct.unpack_from("<i", data, 4)
    # id right after flags (older layers) or after flags2 (layer 160+): the row's mid says which
    candidates = [(8, None), (12, struct.unpack_from("<i", data, 8)[0])]
    try:
        for id_at, flags2 in candidates:
            if struct.unpack_from("<i", data, id_at)[0] == mid:
                found = _after_header(data, id_at + 4, flags, flags2, date)
                if found is not None:
                    return found, DECODED
    except LookupError as exc:
        return None, f"not decoded: {exc}"
    except (ValueError, struct.error, UnicodeDecodeError):
        pass
    return None, "not decoded: service message or unknown layout"


def decode_user(data: Any, uid: int | None) -> tuple[str | None, str | None, str | None, str | None] | None:
    """``(first_name, last_name, username, phone)`` of a serialized ``User``, or None when its layout
    does not check out: the 64-bit ``id`` after ``flags`` (or ``flags2``) must equal the row's ``uid``;
    then ``access_hash`` (flag 0), ``first_name`` (1), ``last_name`` (2), ``username`` (3), ``phone`` (4)."""
    if not isinstance(data, bytes) or uid is None or len(data) < 20:
        return None
    (flags,) = struct.unpack_from("<i", data, 4)
    for id_at in (8, 12):
        if struct.unpack_from("<q", data, id_at)[0] != uid:
            continue
        pos = id_at + 8 + (8 if flags & 1 else 0)
        out: list[str | None] = []
        try:
            for bit in (1, 2, 3, 4):
                if flags & (1 << bit):
                    value, pos = tl_string(data, pos)
                    out.append(value)
                else:
                    out.append(None)
        except (ValueError, IndexError, UnicodeDecodeError):
            return None
        return out[0], out[1], out[2], out[3]
    return None


@dataclasses.dataclass(frozen=True)
class TelegramMessage(RowRecord):
    record_type: ClassVar[str] = "android.telegram.message"
    time_fields: ClassVar[dict[str, str]] = {"date": "Telegram message"}

    message_id: int | None
    dialog_id: int | None  # > 0 a user, < 0 a group or channel
    dialog_name: str | None
    outgoing: bool | None
    date: str | None
    read: bool | None
    text: str | None
    text_status: str  # "decoded" or why the text was not decoded
    has_media: bool | None

    def summary(self) -> str:
        mark = f" [recovered: {self.recovered}]" if self.recovered else ""
        body = self.text if self.text is not None else f"({self.text_status})"
        arrow = "to" if self.outgoing else "from"
        return f"Telegram {arrow} {self.dialog_name or self.dialog_id}: {body[:100]}{mark}"

    def phone_view(self) -> dict[str, Any]:
        party = self.dialog_name or (str(self.dialog_id) if self.dialog_id is not None else None)
        direction = None if self.outgoing is None else ("sent" if self.outgoing else "received")
        return {"role": "message", "application": "Telegram", "direction": direction, "party": party,
                "time": self.date, "body": self.text,
                "thread": str(self.dialog_id) if self.dialog_id is not None else None}


@dataclasses.dataclass(frozen=True)
class TelegramUser(RowRecord):
    record_type: ClassVar[str] = "android.telegram.user"

    user_id: int | None
    name: str | None  # as Telegram keeps it for search: first and last name, lower case
    username: str | None
    first_name: str | None  # from the serialized user (None when its layout did not check out)
    last_name: str | None
    phone_number: str | None  # as Telegram stores it (international digits, no '+')

    def summary(self) -> str:
        mark = f" [recovered: {self.recovered}]" if self.recovered else ""
        handle = f" @{self.username}" if self.username else ""
        return f"Telegram user {self.name or self.user_id}{handle}{mark}"

    def phone_view(self) -> dict[str, Any]:
        full = " ".join(n for n in (self.first_name, self.last_name) if n) or self.name
        return {"role": "contact", "name": full or (f"@{self.username}" if self.username else None),
                "numbers": [self.phone_number] if self.phone_number else [], "emails": [], "application": "Telegram"}


@dataclasses.dataclass(frozen=True)
class TelegramDialog(RowRecord):
    record_type: ClassVar[str] = "android.telegram.dialog"
    time_fields: ClassVar[dict[str, str]] = {"last_message_date": "Telegram chat last message"}

    dialog_id: int | None  # > 0 a user, < 0 a group or channel
    dialog_name: str | None
    last_message_date: str | None
    last_message_id: int | None
    unread_count: int | None
    pinned: bool | None

    def summary(self) -> str:
        mark = f" [recovered: {self.recovered}]" if self.recovered else ""
        return f"Telegram chat {self.dialog_name or self.dialog_id}, {self.unread_count or 0} unread{mark}"


def _split_name(value: Any) -> tuple[str | None, str | None]:
    name, _, username = (text(value) or "").partition(";;;")
    return name.strip() or None, username.strip() or None


class TelegramExtractor(Extractor):
    name = "android.telegram"
    version = "1.0"
    description = "Telegram for Android (cache4.db): messages (text where safely decodable), users, chats; deleted rows"
    references = ("https://core.telegram.org/mtproto/serialize", "https://core.telegram.org/schema")
    inputs = InputSpec(
        globs=android_globs("org.telegram.messenger/files/cache4.db", "org.telegram.messenger.web/files/cache4.db"),
        names=("cache4.db",),
        needs_path=True, companions=COMPANIONS, max_size=2048 * 1024 * 1024,
    )
    record_types = (TelegramMessage, TelegramUser, TelegramDialog)

    def extract(self, ctx: ExtractContext, stream: BinaryIO, file_info: FileInfo) -> Iterator[Record]:
        conn = open_copy(ctx)
        if conn is None:
            return
        try:
            tables = schema(conn)
            if "messages_v2" not in tables and "users" not in tables:
                ctx.warn("Database has no 'messages_v2' or 'users' table: not a Telegram cache4.db.")
                return
            names: dict[int, str] = {}
            if "users" in tables:
                for r, recovered in table_rows(ctx, conn, stream, "users", "Telegram users"):
                    uid = integer(r.get("uid"))
                    name, username = _split_name(r.get("name"))
                    first, last, handle, phone = decode_user(r.get("data"), uid) or (None, None, None, None)
                    full = " ".join(n for n in (first, last) if n) or name
                    if uid is not None and not recovered and (full or username):
                        names[uid] = full or f"@{username}"
                    yield TelegramUser(uid, name, username or handle, first, last, phone, table="users",
                                       row_id=integer(r["_rowid"]), recovered=recovered)
            if "chats" in tables and {"uid", "name"} <= tables["chats"]:
                for c in rows(ctx, conn, "Telegram chats", "SELECT uid, name FROM chats"):
                    if c[0] is not None and c[1]:
                        names[-abs(int(c[0]))] = _split_name(c[1])[0] or str(c[1])
            if "dialogs" in tables:
                for r, recovered in table_rows(ctx, conn, stream, "dialogs", "Telegram chats"):
                    did = integer(r.get("did"))
                    yield TelegramDialog(did, names.get(did) if did is not None else None, seconds(r.get("date")),
                                         integer(r.get("last_mid")), integer(r.get("unread_count")),
                                         flag(r.get("pinned")), table="dialogs", row_id=integer(r["_rowid"]),
                                         recovered=recovered)
            if "messages_v2" in tables:
                yield from self._messages(ctx, conn, stream, names)
        except sqlite3.DatabaseError as exc:
            ctx.warn(f"The database is damaged: {exc}.")
        finally:
            conn.close()

    def _messages(self, ctx: ExtractContext, conn: sqlite3.Connection, stream: BinaryIO,
                  names: dict[int, str]) -> Iterator[TelegramMessage]:
        undecoded = 0
        for r, recovered in table_rows(ctx, conn, stream, "messages_v2", "Telegram messages"):
            mid, uid, date = integer(r.get("mid")), integer(r.get("uid")), integer(r.get("date"))
            body, status = decode_text(r.get("data"), mid, date)
            undecoded += status != DECODED
            media = integer(r.get("media"))
            yield TelegramMessage(mid, uid, names.get(uid) if uid is not None else None, flag(r.get("out")),
                                  seconds(date), flag(r.get("read_state")), body, status,
                                  None if media is None else media > 0,
                                  table="messages_v2", row_id=integer(r["_rowid"]), recovered=recovered)
        if undecoded:
            ctx.warn(f"The text of {undecoded} Telegram message(s) was not decoded (forward or reply headers, "
                     "service messages or an unknown layout); they are listed with their row's facts.")


EXTRACTORS = (TelegramExtractor,)
