"""Android contacts from the contacts provider's contacts2.db (raw contacts with their data rows), deleted rows included."""

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

NAME, PHONE, EMAIL, ORG = ("vnd.android.cursor.item/name", "vnd.android.cursor.item/phone_v2",
                           "vnd.android.cursor.item/email_v2", "vnd.android.cursor.item/organization")
MAX_VALUES = 100


@dataclasses.dataclass(frozen=True)
class AndroidContact(RowRecord):
    record_type: ClassVar[str] = "android.contact"
    time_fields: ClassVar[dict[str, str]] = {"last_contacted": "Contact last contacted",
                                             "last_updated": "Contact last updated"}

    raw_contact_id: int | None
    display_name: str | None
    phone_numbers: tuple[str, ...]
    emails: tuple[str, ...]
    organization: str | None
    account_name: str | None  # e.g. the Google account or "WhatsApp"
    account_type: str | None
    times_contacted: int | None
    last_contacted: str | None
    last_updated: str | None
    starred: bool
    deleted: bool  # marked deleted, not yet synced away

    def summary(self) -> str:
        mark = f" [recovered: {self.recovered}]" if self.recovered else ""
        return f"Contact {self.display_name or '?'} {', '.join(self.phone_numbers[:3])}".strip() + mark

    def phone_view(self) -> dict[str, Any]:
        return {"role": "contact", "name": self.display_name, "numbers": list(self.phone_numbers),
                "emails": list(self.emails), "application": self.account_type or "Contacts"}


def _data(ctx: ExtractContext, conn: sqlite3.Connection,
          tables: dict[str, set[str]]) -> dict[int, dict[str, list[str]]]:
    out: dict[int, dict[str, list[str]]] = {}
    if "data" not in tables or "mimetypes" not in tables:
        return out
    sql = ("SELECT d.raw_contact_id, m.mimetype, d.data1 FROM data d JOIN mimetypes m ON m._id = d.mimetype_id "
           "WHERE m.mimetype IN (?, ?, ?, ?) ORDER BY d._id")
    for r in rows(ctx, conn, "contact data rows", sql, (NAME, PHONE, EMAIL, ORG)):
        value = text(r[2])
        if r[0] is None or not value:
            continue
        values = out.setdefault(int(r[0]), {}).setdefault(str(r[1]), [])
        if value not in values and len(values) < MAX_VALUES:
            values.append(value)
    return out


def _lookup(ctx: ExtractContext, conn: sqlite3.Connection, tables: dict[str, set[str]], table: str,
            columns: tuple[str, ...]) -> dict[int, tuple[Any, ...]]:
    """``_id`` -> the given columns of a small table (None for a column the version lacks)."""
    if table not in tables or "_id" not in tables[table]:
        return {}
    picked = ", ".join(c if c in tables[table] else "NULL" for c in columns)
    return {int(r[0]): tuple(r[1:]) for r in rows(ctx, conn, table, f"SELECT _id, {picked} FROM {table}")  # noqa: S608
            if r[0] is not None}


class AndroidContactsExtractor(Extractor):
    name = "android.contacts"
    version = "1.1"
    description = "Android contacts (contacts2.db): names, numbers, e-mails, accounts, last contacted; deleted rows"
    references = ("https://developer.android.com/reference/android/provider/ContactsContract",)
    inputs = InputSpec(
        globs=android_globs("com.android.providers.contacts/databases/contacts2.db"),
        names=("contacts2.db",),
        needs_path=True, companions=COMPANIONS, max_size=512 * 1024 * 1024,
    )
    record_types = (AndroidContact,)

    def extract(self, ctx: ExtractContext, stream: BinaryIO, file_info: FileInfo) -> Iterator[Record]:
        conn = open_copy(ctx)
        if conn is None:
            return
        try:
            tables = schema(conn)
            if "raw_contacts" not in tables:
                ctx.warn("Database has no 'raw_contacts' table: not an Android contacts2.db.")
                return
            data = _data(ctx, conn, tables)
            accounts = _lookup(ctx, conn, tables, "accounts", ("account_name", "account_type"))
            updated = _lookup(ctx, conn, tables, "contacts", ("contact_last_updated_timestamp",))
            for r, recovered in table_rows(ctx, conn, stream, "raw_contacts", "contacts"):
                rid = integer(r.get("_id", r["_rowid"]))
                values = data.get(rid, {}) if rid is not None else {}
                names, orgs = values.get(NAME, []), values.get(ORG, [])
                account: tuple[Any, ...] = (r.get("account_name"), r.get("account_type"))
                if "account_id" in r:
                    account = accounts.get(integer(r["account_id"]) or -1, (None, None))
                last_updated = updated.get(integer(r.get("contact_id")) or -1, (None,))[0]
                yield AndroidContact(
                    rid, text(r.get("display_name")) or (names[0] if names else None), tuple(values.get(PHONE, [])),
                    tuple(values.get(EMAIL, [])), orgs[0] if orgs else None, text(account[0]), text(account[1]),
                    integer(r.get("times_contacted")), millis(r.get("last_time_contacted")), millis(last_updated),
                    bool(integer(r.get("starred"))), bool(integer(r.get("deleted"))),
                    table="raw_contacts", row_id=integer(r["_rowid"]), recovered=recovered)
        except sqlite3.DatabaseError as exc:
            ctx.warn(f"The database is damaged: {exc}.")
        finally:
            conn.close()


EXTRACTORS = (AndroidContactsExtractor,)
