"""iOS call history (CallHistory.storedata, Core Data ZCALLRECORD): phone, FaceTime and app calls
with party, direction, time and duration, and deleted or superseded rows recovered."""

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
    number,
    open_db,
    recovered,
    row_id,
    rows,
    schema,
    text,
)

CALL_TYPES = {1: "Phone", 8: "FaceTime video", 16: "FaceTime audio"}
PROVIDERS = {"com.apple.telephony": "Phone", "com.apple.facetime": "FaceTime", "net.whatsapp.whatsapp": "WhatsApp"}


@dataclasses.dataclass(frozen=True)
class IosCall(RowRecord):
    record_type: ClassVar[str] = "ios.call"
    time_fields: ClassVar[dict[str, str]] = {"date": "Phone call (iOS call history)"}

    application: str  # Phone | FaceTime | the app's bundle id (WhatsApp...) from ZSERVICE_PROVIDER
    call_type: str | None  # Phone | FaceTime video | FaceTime audio | "type N" (ZCALLTYPE)
    direction: str  # outgoing | incoming | missed
    party: str | None  # ZADDRESS: number, e-mail or app handle
    name: str | None  # ZNAME: the name the call showed
    date: str | None
    duration_seconds: float | None
    country: str | None  # ZISO_COUNTRY_CODE
    location: str | None  # ZLOCATION: the number's region as iOS names it
    unique_id: str | None

    def summary(self) -> str:
        who = f"{self.name} ({self.party})" if self.name else (self.party or "unknown")
        return f"{self.application} {self.direction} call {who}, {self.duration_seconds or 0:.0f} s"

    def phone_view(self) -> dict[str, Any]:
        return {"role": "call", "application": self.application, "direction": self.direction,
                "party": self.party, "time": self.date,
                "duration_seconds": round(self.duration_seconds) if self.duration_seconds is not None else None}


def _call(r: dict[str, Any], where: str) -> IosCall:
    provider = text(r.get("zservice_provider"))
    kind = integer(r.get("zcalltype"))
    if integer(r.get("zoriginated")):
        direction = "outgoing"
    else:
        direction = "incoming" if integer(r.get("zanswered")) else "missed"
    return IosCall(
        application=PROVIDERS.get((provider or "").lower(), provider or CALL_TYPES.get(kind or 0, "Phone")),
        call_type=CALL_TYPES.get(kind, f"type {kind}") if kind is not None else None, direction=direction,
        party=text(r.get("zaddress")), name=text(r.get("zname")), date=apple_time(r.get("zdate")),
        duration_seconds=number(r.get("zduration")), country=text(r.get("ziso_country_code")),
        location=text(r.get("zlocation")), unique_id=text(r.get("zunique_id")),
        table="ZCALLRECORD", row_id=row_id(r, "z_pk"), recovered=where)


class IosCallsExtractor(Extractor):
    name = "ios.calls"
    version = "1.0"
    description = "iOS call history (CallHistory.storedata): phone/FaceTime/app calls, direction, duration"
    references = ("https://github.com/abrignoni/iLEAPP/blob/main/scripts/artifacts/callHistory.py",)
    inputs = InputSpec(globs=globs("Library/CallHistoryDB/CallHistory.storedata"), needs_path=True,
                       companions=COMPANIONS, max_size=512 * 1024 * 1024)
    record_types = (IosCall,)

    def extract(self, ctx: ExtractContext, stream: BinaryIO, file_info: FileInfo) -> Iterator[Record]:
        conn = open_db(ctx)
        if conn is None:
            return
        try:
            if "zcallrecord" not in schema(conn):
                ctx.warn("Database has no 'ZCALLRECORD' table: not an iOS call history.")
                return
            for r in rows(ctx, conn, "calls", "SELECT * FROM ZCALLRECORD ORDER BY Z_PK"):
                yield _call(r, "")
        except sqlite3.DatabaseError as exc:
            ctx.warn(f"The database is damaged: {exc}.")
            return
        finally:
            conn.close()
        yield from recovered(ctx, stream, "ZCALLRECORD", _call)


EXTRACTORS = (IosCallsExtractor,)
