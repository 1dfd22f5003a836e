"""windows.registry.sam: plaso's and regipy's SAM hives, and a SAM built here."""

from __future__ import annotations

import struct
from pathlib import Path

from fixtures_regf import Key, Value, build_hive, filetime
from forensic_triage.plugins.registry_sam import SamUsersExtractor
from helpers import run_extractor

SAM_PATH = "Windows/System32/config/SAM"
USERS = "SAM\\Domains\\Account\\Users"


def test_corpus_plaso_sam(corpus: Path) -> None:
    data = (corpus / "artifacts/registry/plaso/regf/SAM").read_bytes()
    artifacts, warnings = run_extractor(SamUsersExtractor, data, SAM_PATH)
    assert warnings == []
    assert len(artifacts) == 3  # plaso: 3 event_data
    # plaso event 0 (times to the 100 ns tick there, to the microsecond here).
    assert artifacts[0].data == {
        "username": "Administrator", "rid": 500, "full_name": None,
        "comment": "Built-in account for administering the computer/domain", "created": "2015-11-23T02:26:36.026686Z",
        "last_logon": "2014-03-18T10:20:47.341425Z", "last_password_change": "2014-03-18T10:20:51.075795Z",
        "last_failed_logon": None, "account_expires": None, "logon_count": 3, "failed_logon_count": 0,
        "disabled": True, "flags": ["Account disabled", "Normal user account", "Password does not expire"],
        "password_hint": None,
    }
    assert [a.data["username"] for a in artifacts] == ["Administrator", "Guest", "gold_administrator"]


def test_corpus_regipy_sam(corpus: Path) -> None:
    data = (corpus / "artifacts/registry/regipy/SAM").read_bytes()
    artifacts, warnings = run_extractor(SamUsersExtractor, data, SAM_PATH)
    assert warnings == []
    assert len(artifacts) == 3
    admin, _guest, user = (a.data for a in artifacts)
    # regipy: RID 500 account_flags 529 (disabled, normal, password does not expire), 6 logons.
    assert (admin["rid"], admin["logon_count"], admin["last_logon"], admin["last_password_change"]) == (
        500, 6, "2010-11-20T21:48:12.569244Z", "2010-11-20T21:56:34.743687Z")
    assert admin["disabled"] is True
    # regipy: RID 1000 account_flags 16, 4 logons, last login 2014-09-30T02:59:34.316693 (rounded there).
    assert (user["rid"], user["username"], user["flags"], user["logon_count"]) == (
        1000, "Preston", ["Normal user account"], 4)
    assert user["last_logon"] == "2014-09-30T02:59:34.316692Z"


def _v_value(username: str, full_name: str, comment: str) -> bytes:
    table = bytearray(0xCC)
    body = b""
    for index, text in ((1, username), (2, full_name), (3, comment)):
        raw = text.encode("utf-16-le")
        struct.pack_into("<III", table, index * 12, len(body), len(raw), 0)
        body += raw + b"\0" * (-len(raw) % 4)
    return bytes(table) + body


def _f_value(rid: int, acb: int, last_logon: int, pwd: int, failed: int, logons: int, bad: int) -> bytes:
    data = bytearray(80)
    struct.pack_into("<HH", data, 0, 2, 1)
    struct.pack_into("<Q", data, 0x08, last_logon)
    struct.pack_into("<Q", data, 0x18, pwd)
    struct.pack_into("<Q", data, 0x20, 0x7FFFFFFFFFFFFFFF)
    struct.pack_into("<Q", data, 0x28, failed)
    struct.pack_into("<I", data, 0x30, rid)
    struct.pack_into("<H", data, 0x38, acb)
    struct.pack_into("<HH", data, 0x40, bad, logons)
    return bytes(data)


def sam_fixture() -> bytes:
    root = Key("CMI-CreateHive{SAM}")
    root.add(f"{USERS}\\000003E9",
             Value.binary("F", _f_value(1001, 0x0210, filetime(1709287200), filetime(1709200000),
                                        filetime(1709280000), 42, 3)),
             Value.binary("V", _v_value("jdoe", "John Doe", "analyst")),
             Value.binary("UserPasswordHint", "dog's name".encode("utf-16-le")))
    root.add(f"{USERS}\\Names\\jdoe", Value("", 0x3E9, b""), written=filetime(1700000000))
    root.add(f"{USERS}\\000001F5", Value.binary("F", _f_value(999, 0x0015, 0, 0, 0, 0, 0)))  # RID mismatch
    return build_hive(root)


def test_fixture_sam() -> None:
    artifacts, warnings = run_extractor(SamUsersExtractor, sam_fixture(), SAM_PATH)
    assert [w.message for w in warnings] == [
        "SAM\\Domains\\Account\\Users\\000001F5: the F value names RID 999, the key RID 501."]
    assert len(artifacts) == 2
    assert [a.data["rid"] for a in artifacts] == [501, 1001]  # key order
    assert artifacts[1].data == {
        "username": "jdoe", "rid": 1001, "full_name": "John Doe", "comment": "analyst",
        "created": "2023-11-14T22:13:20Z", "last_logon": "2024-03-01T10:00:00Z",
        "last_password_change": "2024-02-29T09:46:40Z", "last_failed_logon": "2024-03-01T08:00:00Z",
        "account_expires": None, "logon_count": 42, "failed_logon_count": 3, "disabled": False,
        "flags": ["Normal user account", "Password does not expire"], "password_hint": "dog's name",
    }
    assert artifacts[1].times == [("Account created", "2023-11-14T22:13:20Z"), ("Last logon", "2024-03-01T10:00:00Z"),
                                  ("Password changed", "2024-02-29T09:46:40Z"),
                                  ("Last failed logon", "2024-03-01T08:00:00Z")]
    assert artifacts[0].data["username"] == "(RID 501)" and artifacts[0].data["disabled"] is True


def test_bit_flipped_sam_is_a_warning(corpus: Path) -> None:
    data = bytearray((corpus / "artifacts/registry/plaso/regf/SAM").read_bytes())
    # Damage every cell header of the second hive bin onwards: keys there cannot be read.
    for offset in range(0x2000, len(data), 8):
        data[offset] ^= 0xFF
    artifacts, warnings = run_extractor(SamUsersExtractor, bytes(data), SAM_PATH)
    assert warnings, "damage must be reported"
    assert all(w.source == "windows.registry.sam" and w.kind == "warning" for w in warnings)
