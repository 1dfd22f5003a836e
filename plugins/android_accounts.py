"""Accounts on an Android device (AccountManager): accounts_ce.db / accounts_de.db (Android 7+), accounts.db (older)."""

from __future__ import annotations

import dataclasses
import re
import sqlite3
from collections.abc import Iterator
from typing import Any, BinaryIO, ClassVar

from forensic_triage.plugin_api import ExtractContext, Extractor, FileInfo, InputSpec, Record, RowRecord

from .android_common import COMPANIONS, android_globs, integer, millis, open_copy, schema, table_rows, text

_USER = re.compile(r"(?:system_ce|system_de|users)/(\d+)/[^/]+$")


@dataclasses.dataclass(frozen=True)
class AndroidAccount(RowRecord):
    record_type: ClassVar[str] = "android.account"
    time_fields: ClassVar[dict[str, str]] = {"last_password_entry": "Account password last entered"}

    account_id: int | None
    name: str | None  # e-mail address, user name or number, as the app registered it
    account_type: str | None  # com.google, com.whatsapp, org.telegram.messenger...
    android_user: int | None  # Android user (0 = the owner) from the database's path
    previous_name: str | None
    last_password_entry: str | None
    password_stored: bool | None  # accounts_ce.db / accounts.db: a password (or token) is kept; never copied here

    def summary(self) -> str:
        mark = f" [recovered: {self.recovered}]" if self.recovered else ""
        return f"Account {self.name or '?'} ({self.account_type or '?'}){mark}"

    def phone_view(self) -> dict[str, Any]:
        return {"role": "account", "application": self.account_type, "identifier": self.name, "name": self.name}


class AndroidAccountsExtractor(Extractor):
    name = "android.accounts"
    version = "1.0"
    description = "Android accounts (accounts_ce.db, accounts_de.db, accounts.db): name, type, password entry time"
    references = ("https://cs.android.com/android/platform/superproject/+/main:frameworks/base/services/core/java/"
                  "com/android/server/accounts/AccountsDb.java",)
    inputs = InputSpec(
        globs=android_globs("system_ce/*/accounts_ce.db", "system_de/*/accounts_de.db", "system/users/*/accounts.db"),
        names=("accounts_ce.db", "accounts_de.db"),
        needs_path=True, companions=COMPANIONS, max_size=64 * 1024 * 1024,
    )
    record_types = (AndroidAccount,)

    def extract(self, ctx: ExtractContext, stream: BinaryIO, file_info: FileInfo) -> Iterator[Record]:
        conn = open_copy(ctx)
        if conn is None:
            return
        match = _USER.search(file_info.path)
        user = int(match.group(1)) if match else None
        try:
            tables = schema(conn)
            if "accounts" not in tables or not {"name", "type"} <= tables["accounts"]:
                ctx.warn(f"{file_info.name} has no 'accounts' table with name and type: not an Android accounts "
                         "database.")
                return
            has_password = "password" in tables["accounts"]
            for r, recovered in table_rows(ctx, conn, stream, "accounts", "accounts"):
                yield AndroidAccount(
                    integer(r.get("_id", r["_rowid"])), text(r.get("name")), text(r.get("type")), user,
                    text(r.get("previous_name")), millis(r.get("last_password_entry_time_millis_epoch")),
                    bool(r.get("password")) if has_password else None,
                    table="accounts", row_id=integer(r["_rowid"]), recovered=recovered)
        except sqlite3.DatabaseError as exc:
            ctx.warn(f"The database is damaged: {exc}.")
        finally:
            conn.close()


EXTRACTORS = (AndroidAccountsExtractor,)
