"""android.telegram: cache4.db with Telegram's tables and TL-serialized messages."""

from __future__ import annotations

import sys
from pathlib import Path

from forensic_triage.plugins.android_telegram import TelegramExtractor, decode_text
from helpers import build_sqlite, run_extractor, selects

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "helpers"))
import android_builders as ab  # noqa: E402

PATH = "data/data/org.telegram.messenger/files/cache4.db"


def test_inputs_every_layout() -> None:
    for prefix in ("", "data/", "data/user/0/", "Dump/data/data/"):
        assert selects(TelegramExtractor, prefix + "org.telegram.messenger/files/cache4.db")[0], prefix


def test_messages_and_users() -> None:
    db, _ = ab.telegram_db()
    arts, warnings = run_extractor(TelegramExtractor, db, PATH)
    messages = [a for a in arts if a.type == "android.telegram.message"]
    users = [a for a in arts if a.type == "android.telegram.user"]
    assert len(messages) == ab.count(db, "SELECT count(*) FROM messages_v2") == 4
    assert len(users) == ab.count(db, "SELECT count(*) FROM users") == 3
    dialogs = [a.data for a in arts if a.type == "android.telegram.dialog"]
    assert len(dialogs) == ab.count(db, "SELECT count(*) FROM dialogs") == 2
    assert (dialogs[0]["dialog_name"], dialogs[0]["unread_count"], dialogs[0]["pinned"],
            dialogs[0]["last_message_date"]) == ("Victor Vance", 1, True, "2023-04-01T10:23:20Z")
    first = messages[0]
    assert first.data == {
        "message_id": 1, "dialog_id": 5550101, "dialog_name": "Victor Vance", "outgoing": False,
        "date": "2023-04-01T10:20:30Z", "read": True, "text": "Meet at the dock at 9", "text_status": "decoded",
        "has_media": False, "table": "messages_v2", "row_id": 1, "recovered": "",
        "phone": {"role": "message", "application": "Telegram", "direction": "received", "party": "Victor Vance",
                  "time": "2023-04-01T10:20:30Z", "body": "Meet at the dock at 9", "thread": "5550101"},
    }
    assert first.times == [("Telegram message", "2023-04-01T10:20:30Z")]
    sent = messages[1].data
    assert (sent["text"], sent["outgoing"], sent["phone"]["direction"]) == (
        "OK \u2014 bring the papers \U0001f4c4", True, "sent")
    reply = messages[2].data  # a reply header precedes the text: listed, text not decoded, said why
    assert reply["text"] is None and reply["text_status"] == "not decoded: has a forward or reply header"
    assert messages[3].data["text"] == "Container 7 is open" and messages[3].data["dialog_name"] == "dock office"
    assert len(warnings) == 1 and "1 Telegram message(s)" in warnings[0].message
    victor = users[1].data
    assert (victor["name"], victor["username"], victor["first_name"], victor["last_name"],
            victor["phone_number"]) == ("victor vance", "vvance", "Victor", "Vance", "15551230101")
    assert victor["phone"] == {"role": "contact", "name": "Victor Vance", "numbers": ["15551230101"], "emails": [],
                               "application": "Telegram"}
    # the user object of a damaged row is not decoded: the search name stands in
    assert (users[2].data["name"], users[2].data["first_name"], users[2].data["phone_number"]) == ("dock office", None, None)


def test_message_deleted_in_the_wal_is_recovered() -> None:
    db, wal = ab.telegram_db(wal_deleted_mid=4)
    arts, _ = run_extractor(TelegramExtractor, db, PATH, siblings={"cache4.db-wal": wal or b""})
    messages = [a.data for a in arts if a.type == "android.telegram.message"]
    assert [(m["message_id"], m["recovered"]) for m in messages] == [(1, ""), (2, ""), (3, ""), (4, "wal")]
    assert messages[3]["text"] == "Container 7 is open"


def test_decoder_refuses_what_does_not_check_out() -> None:
    blob = ab.tl_message(5, 1680000000, "hello", peer=1, sender=1)
    assert decode_text(blob, 5, 1680000000) == ("hello", "decoded")
    assert decode_text(blob, 6, 1680000000)[0] is None  # id does not match the row
    assert decode_text(blob, 5, 1680000001)[0] is None  # date does not match the row
    assert decode_text(blob[:30], 5, 1680000000)[0] is None
    assert decode_text(b"", 5, 1)[1] == "no message object"


def test_not_a_telegram_database_is_a_warning() -> None:
    other, _ = build_sqlite("CREATE TABLE t (x);")
    arts, warnings = run_extractor(TelegramExtractor, other, PATH)
    assert arts == [] and len(warnings) == 1 and "cache4.db" in warnings[0].message
