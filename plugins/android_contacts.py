"""Android contacts from the contacts provider's contacts2.db (raw contacts with their data rows)."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Iterator
from typing import BinaryIO, ClassVar

from forensic_triage.plugin_api import ExtractContext, Extractor, FileInfo, InputSpec, Record

from .android_common import COMPANIONS, integer, millis, open_copy, rows, schema, text

NAME, PHONE, EMAIL, ORG = ("vnd.android.cursor.item/name", "vnd.android.cursor.item/phone_v2",
                           "vnd.android.cursor.item/email_v2", "vnd.android.cursor.item/organization")
MAX_VALUES = 100


@dataclasses.dataclass(frozen=True)
class AndroidContact(Record):
    record_type: ClassVar[str] = "android.contact"
    time_fields: ClassVar[dict[str, str]] = {"last_contacted": "Contact last contacted",
                                             "last_updated": "Contact last updated"}

    raw_contact_id: int
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
        return f"Contact {self.display_name or '?'} {', '.join(self.phone_numbers[:3])}".strip()


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


class AndroidContactsExtractor(Extractor):
    name = "android.contacts"
    version = "1.0"
    description = "Android contacts (contacts2.db): names, numbers, e-mails, accounts, last contacted"
    references = ("https://developer.android.com/reference/android/provider/ContactsContract",)
    inputs = InputSpec(
        globs=("**/com.android.providers.contacts/databases/contacts2.db",),
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
            rc = tables["raw_contacts"]
            has_accounts = "account_id" in rc and "accounts" in tables
            has_contacts = "contacts" in tables and "contact_id" in rc

            def r_col(name: str, default: str = "NULL") -> str:
                return f"r.{name}" if name in rc else default

            updated = "c.contact_last_updated_timestamp" if has_contacts and \
                "contact_last_updated_timestamp" in tables["contacts"] else "NULL"
            accounts = "a.account_name, a.account_type" if has_accounts else \
                f"{r_col('account_name')}, {r_col('account_type')}"
            sql = (
                f"SELECT r._id, {r_col('display_name')}, {accounts}, {r_col('times_contacted')}, "
                f"{r_col('last_time_contacted')}, {updated}, {r_col('starred', '0')}, {r_col('deleted', '0')} "
                "FROM raw_contacts r "
                + ("LEFT JOIN accounts a ON a._id = r.account_id " if has_accounts else "")
                + ("LEFT JOIN contacts c ON c._id = r.contact_id " if has_contacts else "")
                + "ORDER BY r._id"
            )
            for r in rows(ctx, conn, "contacts", sql):
                values = data.get(int(r[0]), {})
                names, orgs = values.get(NAME, []), values.get(ORG, [])
                yield AndroidContact(
                    int(r[0]), text(r[1]) or (names[0] if names else None), tuple(values.get(PHONE, [])),
                    tuple(values.get(EMAIL, [])), orgs[0] if orgs else None, text(r[2]), text(r[3]),
                    integer(r[4]), millis(r[5]), millis(r[6]), bool(integer(r[7])), bool(integer(r[8])))
        except sqlite3.DatabaseError as exc:
            ctx.warn(f"The database is damaged: {exc}.")
        finally:
            conn.close()


EXTRACTORS = (AndroidContactsExtractor,)
