"""Installed iOS applications: FrontBoard's applicationState.db (full file system) and an iTunes/Finder
backup's Info.plist ("Installed Applications", "Applications") and Manifest.plist ("Applications")."""

from __future__ import annotations

import dataclasses
import plistlib
import sqlite3
from collections.abc import Iterator
from typing import Any, BinaryIO, ClassVar

from forensic_triage.model import FileInfo
from forensic_triage.plugin_api import ExtractContext, Extractor, InputSpec, Record, RowRecord

from .ios_common import COMPANIONS, globs, integer, load_plist, open_db, recovered, row_id, rows, schema, text

MAX_APPS = 100_000


@dataclasses.dataclass(frozen=True)
class IosApplication(RowRecord):
    record_type: ClassVar[str] = "ios.application"

    bundle_id: str
    name: str | None  # the App Store name (Info.plist iTunesMetadata itemName)
    version: str | None
    bundle_path: str | None  # the .app folder (applicationState.db, Manifest.plist "Path")
    sandbox_path: str | None  # the app's data container (applicationState.db)
    source: str  # applicationState.db | Info.plist Installed Applications | ... Applications

    def summary(self) -> str:
        return f"App {self.bundle_id}" + (f" ({self.name})" if self.name else "") + \
            (f" {self.version}" if self.version else "")


def _archived_paths(value: Any) -> tuple[str | None, str | None]:
    """(bundle path, sandbox path) from a ``compatibilityInfo`` value (an NSKeyedArchiver plist)."""
    if not isinstance(value, bytes):
        return None, None
    try:
        archive = plistlib.loads(value)
    except (plistlib.InvalidFileException, ValueError, TypeError, KeyError, IndexError, OverflowError):
        return None, None
    objects = archive.get("$objects") if isinstance(archive, dict) else None
    strings = [o for o in objects or [] if isinstance(o, str) and o.startswith("/")]
    bundle = next((s for s in strings if "/Bundle/Application/" in s or s.endswith(".app")), None)
    sandbox = next((s for s in strings if "/Data/Application/" in s), None)
    return bundle, sandbox


def _state_app(r: dict[str, Any], where: str, values: dict[int, Any]) -> IosApplication | None:
    bundle_id = text(r.get("application_identifier"))
    if not bundle_id:
        return None
    rid = row_id(r, "id")
    bundle, sandbox = _archived_paths(values.get(rid)) if rid is not None else (None, None)
    return IosApplication(bundle_id=bundle_id, name=None, version=None, bundle_path=bundle, sandbox_path=sandbox,
                          source="applicationState.db", table="application_identifier_tab", row_id=rid,
                          recovered=where)


def _metadata(value: Any) -> dict[str, Any]:
    if isinstance(value, dict):
        value = value.get("iTunesMetadata")
    if not isinstance(value, bytes):
        return {}
    try:
        meta = plistlib.loads(value)
    except (plistlib.InvalidFileException, ValueError, TypeError, KeyError, IndexError, OverflowError):
        return {}
    return meta if isinstance(meta, dict) else {}


def _backup_apps(data: dict[str, Any], name: str) -> Iterator[IosApplication]:
    raw = data.get("Applications")
    apps: dict[Any, Any] = raw if isinstance(raw, dict) else {}
    listed = [a for a in data.get("Installed Applications") or [] if isinstance(a, str)]
    for bundle_id in listed[:MAX_APPS]:
        meta = _metadata(apps.get(bundle_id))
        yield IosApplication(bundle_id=bundle_id, name=text(meta.get("itemName")),
                             version=text(meta.get("bundleShortVersionString") or meta.get("bundleVersion")),
                             bundle_path=None, sandbox_path=None, source=f"{name} Installed Applications")
    for bundle_id, info in list(apps.items())[:MAX_APPS]:
        if not isinstance(bundle_id, str) or bundle_id in listed:
            continue
        info = info if isinstance(info, dict) else {}
        meta = _metadata(info)
        yield IosApplication(bundle_id=bundle_id, name=text(meta.get("itemName")),
                             version=text(info.get("CFBundleVersion") or meta.get("bundleShortVersionString")),
                             bundle_path=text(info.get("Path")), sandbox_path=None, source=f"{name} Applications")


class IosApplicationsExtractor(Extractor):
    name = "ios.apps"
    version = "1.0"
    description = "Installed iOS apps: applicationState.db, backup Info.plist and Manifest.plist"
    references = ("https://github.com/abrignoni/iLEAPP/blob/main/scripts/artifacts/applicationstate.py",
                  "https://github.com/abrignoni/iLEAPP/blob/main/scripts/artifacts/appItunesmeta.py")
    inputs = InputSpec(globs=(*globs("Library/FrontBoard/applicationState.db"), "Info.plist", "Manifest.plist"),
                       needs_path=True, companions=COMPANIONS, max_size=512 * 1024 * 1024)
    record_types = (IosApplication,)

    def extract(self, ctx: ExtractContext, stream: BinaryIO, file_info: FileInfo) -> Iterator[Record]:
        if file_info.name.lower().endswith(".plist"):
            data = load_plist(ctx, stream.read(), file_info.name)
            if isinstance(data, dict):
                yield from _backup_apps(data, file_info.name)
            return
        conn = open_db(ctx)
        if conn is None:
            return
        values: dict[int, Any] = {}
        try:
            tables = schema(conn)
            if "application_identifier_tab" not in tables:
                ctx.warn("Database has no 'application_identifier_tab' table: not a FrontBoard applicationState.db.")
                return
            if {"kvs", "key_tab"} <= set(tables):
                sql = ("SELECT kvs.application_identifier AS app, kvs.value FROM kvs JOIN key_tab ON key_tab.id = kvs.key "
                       "WHERE key_tab.key = 'compatibilityInfo'")
                for v in rows(ctx, conn, "application states", sql):
                    if integer(v["app"]) is not None:
                        values[int(v["app"])] = v["value"]
            for r in rows(ctx, conn, "applications", "SELECT * FROM application_identifier_tab ORDER BY id"):
                app = _state_app(r, "", values)
                if app is not None:
                    yield app
        except sqlite3.DatabaseError as exc:
            ctx.warn(f"The database is damaged: {exc}.")
            return
        finally:
            conn.close()
        yield from recovered(ctx, stream, "application_identifier_tab", lambda r, where: _state_app(r, where, values))


EXTRACTORS = (IosApplicationsExtractor,)
