"""Google Maps for Android: navigation destinations (da_destination_history), saved places with
coordinates (gmm_myplaces.db ``sync_item``) and recent searches (``search_history.db``)."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Iterator
from typing import Any, BinaryIO, ClassVar

from forensic_triage.plugin_api import ExtractContext, Extractor, FileInfo, InputSpec, Record, RowRecord

from .android_common import COMPANIONS, android_globs, integer, millis, open_copy, schema, table_rows, text

MAPS = "com.google.android.apps.maps/databases/"


def _e6(value: Any) -> float | None:
    """A coordinate stored in millionths of a degree, or None when unset or out of range."""
    number = integer(value)
    if number is None:
        return None
    degrees = number / 1_000_000
    return degrees if -180 <= degrees <= 180 else None


@dataclasses.dataclass(frozen=True)
class MapsLocation(RowRecord):
    record_type: ClassVar[str] = "android.maps.location"
    time_fields: ClassVar[dict[str, str]] = {"time": "Google Maps place/destination"}

    kind: str  # destination | saved place
    title: str | None
    address: str | None
    latitude: float | None
    longitude: float | None
    source_latitude: float | None  # destination: where the route started
    source_longitude: float | None
    time: str | None

    def summary(self) -> str:
        mark = f" [recovered: {self.recovered}]" if self.recovered else ""
        return f"Google Maps {self.kind} {self.title or self.address or ''} ({self.latitude}, {self.longitude}){mark}"

    def phone_view(self) -> dict[str, Any]:
        return {"role": "location", "latitude": self.latitude, "longitude": self.longitude, "time": self.time,
                "description": f"Google Maps {self.kind}: {self.title or self.address or ''}".rstrip(": ")}


@dataclasses.dataclass(frozen=True)
class MapsSearch(RowRecord):
    record_type: ClassVar[str] = "android.maps.search"
    time_fields: ClassVar[dict[str, str]] = {"time": "Google Maps search"}

    query: str | None
    display: str | None
    time: str | None

    def summary(self) -> str:
        mark = f" [recovered: {self.recovered}]" if self.recovered else ""
        return f"Google Maps search {self.query or self.display or '?'}{mark}"


def _destinations(ctx: ExtractContext, conn: sqlite3.Connection, data: BinaryIO) -> Iterator[MapsLocation]:
    for r, recovered in table_rows(ctx, conn, data, "destination_history", "destinations"):
        yield MapsLocation("destination", text(r.get("dest_title")), text(r.get("dest_address")),
                           _e6(r.get("dest_lat")), _e6(r.get("dest_lng")), _e6(r.get("source_lat")),
                           _e6(r.get("source_lng")), millis(r.get("time")),
                           table="destination_history", row_id=integer(r["_rowid"]), recovered=recovered)


def _places(ctx: ExtractContext, conn: sqlite3.Connection, data: BinaryIO) -> Iterator[MapsLocation]:
    for r, recovered in table_rows(ctx, conn, data, "sync_item", "saved places"):
        lat, lon = _e6(r.get("latitude_e6")), _e6(r.get("longitude_e6"))
        if lat is None and lon is None:
            continue  # sync items without coordinates (lists, settings) are not places
        yield MapsLocation("saved place", text(r.get("key_string")), None, lat, lon, None, None,
                           millis(r.get("timestamp")), table="sync_item", row_id=integer(r["_rowid"]),
                           recovered=recovered)


def _searches(ctx: ExtractContext, conn: sqlite3.Connection, data: BinaryIO) -> Iterator[MapsSearch]:
    for r, recovered in table_rows(ctx, conn, data, "suggestions", "searches"):
        yield MapsSearch(text(r.get("query")) or text(r.get("data1")), text(r.get("display1")),
                         millis(r.get("date") if r.get("date") is not None else r.get("timestamp")),
                         table="suggestions", row_id=integer(r["_rowid"]), recovered=recovered)


class GoogleMapsExtractor(Extractor):
    name = "android.maps"
    version = "1.0"
    description = "Google Maps for Android: navigation destinations, saved places with coordinates, recent searches"
    references = ("https://github.com/sleuthkit/autopsy/blob/develop/InternalPythonModules/android/googlemaplocation.py",
                  "https://github.com/abrignoni/ALEAPP")
    inputs = InputSpec(
        globs=android_globs(MAPS + "da_destination_history", MAPS + "gmm_myplaces.db", MAPS + "search_history.db"),
        needs_path=True, companions=COMPANIONS, max_size=512 * 1024 * 1024,
    )
    record_types = (MapsLocation, MapsSearch)

    def extract(self, ctx: ExtractContext, stream: BinaryIO, file_info: FileInfo) -> Iterator[Record]:
        conn = open_copy(ctx)
        if conn is None:
            return
        try:
            tables = schema(conn)
            found = False
            if "destination_history" in tables:
                found = True
                yield from _destinations(ctx, conn, stream)
            if "sync_item" in tables and {"latitude_e6", "longitude_e6"} <= tables["sync_item"]:
                found = True
                yield from _places(ctx, conn, stream)
            if "suggestions" in tables:
                found = True
                yield from _searches(ctx, conn, stream)
            if not found:
                ctx.warn(f"{file_info.name} has none of the Google Maps tables read here (destination_history, "
                         "sync_item with coordinates, suggestions).")
        except sqlite3.DatabaseError as exc:
            ctx.warn(f"The database is damaged: {exc}.")
        finally:
            conn.close()


EXTRACTORS = (GoogleMapsExtractor,)
