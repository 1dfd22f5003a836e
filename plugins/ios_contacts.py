"""iOS contacts (AddressBook.sqlitedb): ABPerson with the phone numbers and e-mail addresses of
ABMultiValue (property 3 and 4)."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Iterator
from typing import Any, BinaryIO, ClassVar

from forensic_triage.model import FileInfo
from forensic_triage.plugin_api import ExtractContext, Extractor, InputSpec, Record, RowRecord

from .ios_common import COMPANIONS, apple_time, globs, integer, open_db, recovered, row_id, rows, schema, text

PHONE, EMAIL = 3, 4
MAX_VALUES = 100


@dataclasses.dataclass(frozen=True)
class IosContact(RowRecord):
    record_type: ClassVar[str] = "ios.contact"
    time_fields: ClassVar[dict[str, str]] = {"created": "Contact created (iOS)", "modified": "Contact modified (iOS)"}

    name: str | None
    organization: str | None
    numbers: tuple[str, ...]
    emails: tuple[str, ...]
    note: str | None
    created: str | None
    modified: str | None

    def summary(self) -> str:
        return f"Contact {self.name or self.organization or '?'}: {', '.join(self.numbers + self.emails)}"

    def phone_view(self) -> dict[str, Any]:
        return {"role": "contact", "name": self.name or self.organization, "numbers": list(self.numbers),
                "emails": list(self.emails), "application": "Contacts"}


def _contact(r: dict[str, Any], where: str, values: dict[int, dict[int, list[str]]]) -> IosContact:
    rid = row_id(r, "rowid")
    parts = [text(r.get(k)) for k in ("prefix", "first", "middle", "last", "suffix")]
    name = " ".join(p for p in parts if p) or text(r.get("compositenamefallback")) or text(r.get("nickname"))
    mine = values.get(rid, {}) if rid is not None else {}
    return IosContact(name=name, organization=text(r.get("organization")), numbers=tuple(mine.get(PHONE, ())),
                      emails=tuple(mine.get(EMAIL, ())), note=text(r.get("note")),
                      created=apple_time(r.get("creationdate")), modified=apple_time(r.get("modificationdate")),
                      table="ABPerson", row_id=rid, recovered=where)


class IosContactsExtractor(Extractor):
    name = "ios.contacts"
    version = "1.0"
    description = "iOS contacts (AddressBook.sqlitedb): names, organisations, phone numbers, e-mail addresses"
    references = ("https://github.com/abrignoni/iLEAPP/blob/main/scripts/artifacts/addressBook.py",)
    inputs = InputSpec(globs=globs("Library/AddressBook/AddressBook.sqlitedb"), needs_path=True,
                       companions=COMPANIONS, max_size=512 * 1024 * 1024)
    record_types = (IosContact,)

    def extract(self, ctx: ExtractContext, stream: BinaryIO, file_info: FileInfo) -> Iterator[Record]:
        conn = open_db(ctx)
        if conn is None:
            return
        values: dict[int, dict[int, list[str]]] = {}
        try:
            tables = schema(conn)
            if "abperson" not in tables:
                ctx.warn("Database has no 'ABPerson' table: not an iOS address book.")
                return
            if "abmultivalue" in tables:
                sql = ("SELECT record_id, property, value FROM ABMultiValue WHERE property IN (3, 4) "
                       "ORDER BY record_id, UID")
                for v in rows(ctx, conn, "contact values", sql):
                    owner, prop = integer(v["record_id"]), integer(v["property"])
                    value = text(v["value"])
                    if owner is not None and prop is not None and value:
                        found = values.setdefault(owner, {}).setdefault(prop, [])
                        if len(found) < MAX_VALUES:
                            found.append(value)
            for r in rows(ctx, conn, "contacts", "SELECT * FROM ABPerson ORDER BY ROWID"):
                yield _contact(r, "", values)
        except sqlite3.DatabaseError as exc:
            ctx.warn(f"The database is damaged: {exc}.")
            return
        finally:
            conn.close()
        yield from recovered(ctx, stream, "ABPerson", lambda r, where: _contact(r, where, values))


EXTRACTORS = (IosContactsExtractor,)
