"""android.accounts: accounts_ce.db / accounts_de.db with AccountsDb's schema, a deleted account recovered."""

from __future__ import annotations

import sys
from pathlib import Path

from forensic_triage.plugins.android_accounts import AndroidAccountsExtractor
from helpers import build_sqlite, run_extractor, selects

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "helpers"))
import android_builders as ab  # noqa: E402

CE = "data/system_ce/0/accounts_ce.db"
DE = "data/system_de/0/accounts_de.db"


def test_inputs_every_layout() -> None:
    for prefix in ("", "data/", "Dump/data/", "fs/data/"):
        assert selects(AndroidAccountsExtractor, prefix + "system_ce/0/accounts_ce.db")[0]
        assert selects(AndroidAccountsExtractor, prefix + "system_de/10/accounts_de.db")[0]
        assert selects(AndroidAccountsExtractor, prefix + "system/users/0/accounts.db")[0]


def test_accounts_de_records_and_phone_views() -> None:
    db = ab.accounts_de_db()
    arts, warnings = run_extractor(AndroidAccountsExtractor, db, DE)
    assert warnings == []
    assert len(arts) == ab.count(db, "SELECT count(*) FROM accounts") == 3
    google = arts[0]
    assert google.data == {
        "account_id": 1, "name": "alice.harbour@gmail.com", "account_type": "com.google", "android_user": 0,
        "previous_name": None, "last_password_entry": "2023-03-28T10:40:01Z", "password_stored": None,
        "table": "accounts", "row_id": 1, "recovered": "",
        "phone": {"role": "account", "application": "com.google", "identifier": "alice.harbour@gmail.com",
                  "name": "alice.harbour@gmail.com"},
    }
    assert google.times == [("Account password last entered", "2023-03-28T10:40:01Z")]
    assert arts[1].data["last_password_entry"] is None  # 0 = never


def test_deleted_account_is_recovered_from_free_space() -> None:
    db = ab.accounts_ce_db(deleted="+15551230000")
    arts, warnings = run_extractor(AndroidAccountsExtractor, db, CE)
    assert warnings == []
    live = [a for a in arts if not a.data["recovered"]]
    gone = [a for a in arts if a.data["recovered"]]
    assert len(live) == ab.count(db, "SELECT count(*) FROM accounts") == 2
    assert [(a.data["name"], a.data["account_type"], a.data["recovered"]) for a in gone] == [
        ("+15551230000", "com.whatsapp", "freelist")]
    assert live[0].data["password_stored"] is True and live[1].data["password_stored"] is False
    assert "[recovered: freelist]" in gone[0].summary


def test_not_an_accounts_database_is_a_warning() -> None:
    other, _ = build_sqlite("CREATE TABLE accounts (x);")
    arts, warnings = run_extractor(AndroidAccountsExtractor, other, CE)
    assert arts == [] and len(warnings) == 1 and "not an Android accounts" in warnings[0].message
    arts, warnings = run_extractor(AndroidAccountsExtractor, b"SQLite format 3\x00" + b"\x07" * 900, CE)
    assert arts == [] and len(warnings) == 1
