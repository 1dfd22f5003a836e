"""Local user accounts from the SAM hive: the F (fixed) and V (variable) values of each user.

Layouts: the F value is 80 bytes (times, RID, account control flags, logon counts); the V value
starts with a table of (offset, length, unknown) triplets counted from byte 0xCC.
"""

from __future__ import annotations

import dataclasses
import struct
from collections.abc import Iterator
from typing import Any, BinaryIO, ClassVar

from forensic_triage.plugin_api import ExtractContext, Extractor, FileInfo, Record

from .registry_common import Hive, filetime_int, hive_inputs, key_name, key_time, open_hive, utf16z

USERS = "SAM\\Domains\\Account\\Users"
_NEVER = 0x7FFFFFFFFFFFFFFF
ACB_FLAGS = (
    (0x0001, "Account disabled"), (0x0002, "Home directory required"), (0x0004, "Password not required"),
    (0x0008, "Temporary duplicate account"), (0x0010, "Normal user account"), (0x0020, "MNS logon user account"),
    (0x0040, "Interdomain trust account"), (0x0080, "Workstation trust account"),
    (0x0100, "Server trust account"), (0x0200, "Password does not expire"), (0x0400, "Account auto-locked"),
    (0x0800, "Encrypted text password allowed"), (0x1000, "Smartcard required"),
    (0x2000, "Trusted for delegation"), (0x4000, "Not delegated"), (0x8000, "Use DES key only"),
    (0x10000, "Do not require pre-authentication"), (0x20000, "Password expired"),
)


@dataclasses.dataclass(frozen=True)
class UserAccount(Record):
    record_type: ClassVar[str] = "windows.user_account"
    time_fields: ClassVar[dict[str, str]] = {
        "created": "Account created", "last_logon": "Last logon", "last_password_change": "Password changed",
        "last_failed_logon": "Last failed logon"}

    username: str
    rid: int
    full_name: str | None
    comment: str | None
    created: str | None                 # last written time of SAM\...\Users\Names\<username>
    last_logon: str | None
    last_password_change: str | None
    last_failed_logon: str | None
    account_expires: str | None         # None: never
    logon_count: int | None
    failed_logon_count: int | None
    disabled: bool | None
    flags: list[str]
    password_hint: str | None

    def summary(self) -> str:
        state = " (disabled)" if self.disabled else ""
        return f"User {self.username} RID {self.rid}{state}, {self.logon_count} logons"


def parse_v(data: bytes) -> dict[str, str | None]:
    """Names from the V value: user name, full name and comment."""
    def entry(index: int) -> str | None:
        at = index * 12
        if len(data) < at + 8:
            return None
        offset, length = struct.unpack_from("<II", data, at)
        start = 0xCC + offset
        if length == 0 or start + length > len(data):
            return None
        return utf16z(data[start: start + length]) or None

    return {"username": entry(1), "full_name": entry(2), "comment": entry(3)}


def parse_f(data: bytes) -> dict[str, Any] | None:
    if len(data) < 0x44:
        return None
    last_logon, password, expires, failed = struct.unpack_from("<Q8xQQQ", data, 0x08)
    rid, flags = struct.unpack_from("<I4xH", data, 0x30)
    failed_count, logon_count = struct.unpack_from("<HH", data, 0x40)
    return {
        "last_logon": filetime_int(last_logon), "last_password_change": filetime_int(password),
        "account_expires": None if expires in (0, _NEVER) else filetime_int(expires),
        "last_failed_logon": filetime_int(failed), "rid": rid, "acb": flags,
        "failed_logon_count": failed_count, "logon_count": logon_count,
    }


class SamUsersExtractor(Extractor):
    name = "windows.registry.sam"
    version = "1.0"
    description = "Local user accounts (SAM): name, RID, created, last logon, password change, logon count, flags"
    references = (
        "https://github.com/libyal/winreg-kb/blob/main/docs/sources/security-accounts-manager/index.md",
        "https://github.com/keydet89/RegRipper3.0/blob/master/plugins/samparse.pl",
    )
    inputs = hive_inputs("SAM")
    record_types = (UserAccount,)

    def extract(self, ctx: ExtractContext, stream: BinaryIO, file_info: FileInfo) -> Iterator[Record]:
        hive = open_hive(ctx, stream, self.inputs, file_info)
        if hive is not None:
            yield from hive.finish(self._records(ctx, hive))

    def _records(self, ctx: ExtractContext, hive: Hive) -> Iterator[Record]:
        users = hive.key(USERS)
        if users is None:
            return
        created = self._created(hive, users)
        for key in hive.subkeys(users, USERS):
            name = key_name(key)
            if name.lower() == "names":
                continue
            try:
                key_rid = int(name, 16)
            except ValueError:
                continue
            record = self._user(hive, key, key_rid, created)
            if record is not None:
                yield record

    def _created(self, hive: Hive, users: Any) -> dict[str, str | None]:
        names = hive.key(f"{USERS}\\Names")
        if names is None:
            return {}
        return {key_name(k).lower(): key_time(k) for k in hive.subkeys(names, f"{USERS}\\Names")}

    def _user(self, hive: Hive, key: Any, key_rid: int, created: dict[str, str | None]) -> UserAccount | None:
        where = f"{USERS}\\{key_name(key)}"
        f_data = hive.binary(key, "F")
        v_data = hive.binary(key, "V")
        fixed = parse_f(f_data) if f_data else None
        names = parse_v(v_data) if v_data else {"username": None, "full_name": None, "comment": None}
        if fixed is None:
            hive.ctx.warn(f"{where}: the F value is missing or short; times and counts of this user are unknown.")
        if fixed is not None and fixed["rid"] != key_rid:
            hive.ctx.warn(f"{where}: the F value names RID {fixed['rid']}, the key RID {key_rid}.")
        username = names["username"] or f"(RID {key_rid})"
        hint = hive.binary(key, "UserPasswordHint")
        acb = fixed["acb"] if fixed else None
        return UserAccount(
            username=username, rid=key_rid, full_name=names["full_name"], comment=names["comment"],
            created=created.get(username.lower()),
            last_logon=fixed["last_logon"] if fixed else None,
            last_password_change=fixed["last_password_change"] if fixed else None,
            last_failed_logon=fixed["last_failed_logon"] if fixed else None,
            account_expires=fixed["account_expires"] if fixed else None,
            logon_count=fixed["logon_count"] if fixed else None,
            failed_logon_count=fixed["failed_logon_count"] if fixed else None,
            disabled=bool(acb & 0x0001) if acb is not None else None,
            flags=[label for bit, label in ACB_FLAGS if acb is not None and acb & bit],
            password_hint=(utf16z(hint) or None) if hint else None)


EXTRACTORS = (SamUsersExtractor,)
