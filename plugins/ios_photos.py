"""iOS Photos library metadata (Photos.sqlite): every asset of ZASSET (iOS 14+) or ZGENERICASSET
(iOS 11-13) with its file, times, trash state and GPS position (-180.0 means none)."""

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

KINDS = {0: "photo", 1: "video"}


@dataclasses.dataclass(frozen=True)
class IosPhoto(RowRecord):
    record_type: ClassVar[str] = "ios.photo"
    time_fields: ClassVar[dict[str, str]] = {"created": "Photo taken / added (iOS Photos)",
                                             "modified": "Photo modified (iOS Photos)",
                                             "trashed": "Photo moved to Recently Deleted (iOS)"}

    path: str | None  # ZDIRECTORY/ZFILENAME under Media/
    original_name: str | None  # ZADDITIONALASSETATTRIBUTES.ZORIGINALFILENAME
    kind: str | None  # photo | video | "kind N"
    created: str | None
    modified: str | None
    trashed: str | None  # in Recently Deleted since (ZTRASHEDDATE)
    latitude: float | None
    longitude: float | None
    width: int | None
    height: int | None
    uuid: str | None

    def summary(self) -> str:
        where = f", GPS {self.latitude:.5f}, {self.longitude:.5f}" if self.latitude is not None \
            and self.longitude is not None else ""
        return f"{self.kind or 'asset'} {self.path or self.original_name or '?'}{where}"


@dataclasses.dataclass(frozen=True)
class IosPlacedPhoto(IosPhoto):
    """A photo with a position: the same record, with a location view for the phone section."""

    def phone_view(self) -> dict[str, Any]:
        return {"role": "location", "latitude": self.latitude, "longitude": self.longitude, "time": self.created,
                "description": f"Photo {self.path or self.original_name or ''}".strip()}


def _photo(r: dict[str, Any], where: str, table: str, originals: dict[int, str]) -> IosPhoto:
    rid = row_id(r, "z_pk")
    folder, name = text(r.get("zdirectory")), text(r.get("zfilename"))
    kind = integer(r.get("zkind"))
    place = position(r.get("zlatitude"), r.get("zlongitude"))
    cls = IosPlacedPhoto if place else IosPhoto
    return cls(path=f"{folder}/{name}" if folder and name else name,
               original_name=originals.get(rid) if rid is not None else None,
               kind=KINDS.get(kind, f"kind {kind}") if kind is not None else None,
               created=apple_time(r.get("zdatecreated")), modified=apple_time(r.get("zmodificationdate")),
               trashed=apple_time(r.get("ztrasheddate")) if integer(r.get("ztrashedstate")) else None,
               latitude=place[0] if place else None, longitude=place[1] if place else None,
               width=integer(r.get("zwidth")), height=integer(r.get("zheight")), uuid=text(r.get("zuuid")),
               table=table, row_id=rid, recovered=where)


class IosPhotosExtractor(Extractor):
    name = "ios.photos"
    version = "1.0"
    description = "iOS Photos.sqlite: assets with file name, times, Recently Deleted state and GPS position"
    references = ("https://github.com/abrignoni/iLEAPP/blob/main/scripts/artifacts/photosMetadata.py",
                  "https://theforensicscooter.com/2021/11/23/photos-sqlite-queries/")
    inputs = InputSpec(globs=globs("Media/PhotoData/Photos.sqlite"), needs_path=True, companions=COMPANIONS,
                       max_size=2048 * 1024 * 1024)
    record_types = (IosPhoto,)

    def extract(self, ctx: ExtractContext, stream: BinaryIO, file_info: FileInfo) -> Iterator[Record]:
        conn = open_db(ctx)
        if conn is None:
            return
        originals: dict[int, str] = {}
        try:
            tables = schema(conn)
            table = "ZASSET" if "zasset" in tables else "ZGENERICASSET" if "zgenericasset" in tables else None
            if table is None:
                ctx.warn("Database has neither 'ZASSET' nor 'ZGENERICASSET': not an iOS Photos.sqlite.")
                return
            if {"zasset", "zoriginalfilename"} <= tables.get("zadditionalassetattributes", set()):
                sql = "SELECT ZASSET, ZORIGINALFILENAME FROM ZADDITIONALASSETATTRIBUTES"
                for a in rows(ctx, conn, "asset attributes", sql):
                    if a["zasset"] is not None and a["zoriginalfilename"]:
                        originals[int(a["zasset"])] = str(a["zoriginalfilename"])
            for r in rows(ctx, conn, "assets", f"SELECT * FROM {table} ORDER BY Z_PK"):  # noqa: S608 - fixed names
                yield _photo(r, "", table, originals)
        except sqlite3.DatabaseError as exc:
            ctx.warn(f"The database is damaged: {exc}.")
            return
        finally:
            conn.close()
        yield from recovered(ctx, stream, table, lambda r, where: _photo(r, where, table, originals))


EXTRACTORS = (IosPhotosExtractor,)
