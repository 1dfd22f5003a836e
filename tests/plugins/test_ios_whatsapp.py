"""ios.whatsapp: ChatStorage.sqlite written with WhatsApp's Core Data schema."""

from __future__ import annotations

from forensic_triage.plugins.ios_whatsapp import IosWhatsAppExtractor
from helpers import run_extractor, selects

from tests.helpers.ios_builders import WHATSAPP, query, whatsapp_db

BACKUP = "AppDomainGroup-group.net.whatsapp.WhatsApp.shared/ChatStorage.sqlite"
FULL = "private/var/mobile/Containers/Shared/AppGroup/2E3F4A5B-0000-1111-2222-333344445555/ChatStorage.sqlite"


def test_inputs_both_path_shapes() -> None:
    assert selects(IosWhatsAppExtractor, BACKUP)[0]
    assert selects(IosWhatsAppExtractor, FULL)[0]
    assert not selects(IosWhatsAppExtractor, "AppDomainGroup-group.net.whatsapp.WhatsApp.shared/Contacts.sqlite")[0]


def test_messages_party_chat_group_sender_and_media() -> None:
    db, _ = whatsapp_db()
    artifacts, warnings = run_extractor(IosWhatsAppExtractor, db, FULL)
    assert warnings == []
    assert len(artifacts) == query(db, "SELECT count(*) FROM ZWAMESSAGE")[0][0] == len(WHATSAPP)
    first = artifacts[0]
    assert first.type == "ios.whatsapp.message"
    assert first.data == {
        "table": "ZWAMESSAGE", "row_id": 1, "recovered": "", "direction": "received",
        "party": "18685550100@s.whatsapp.net", "chat": "18685550100@s.whatsapp.net", "chat_name": "Ray",
        "from_jid": "18685550100@s.whatsapp.net", "to_jid": None, "date": "2023-04-01T12:00:00Z",
        "sent_date": "2023-04-01T11:59:58Z", "text": "Are you at the marina?", "message_type": 0,
        "media_path": None, "latitude": None, "longitude": None, "push_name": "Ray",
        "phone": {"role": "message", "application": "WhatsApp", "direction": "received",
                  "party": "18685550100@s.whatsapp.net", "time": "2023-04-01T12:00:00Z",
                  "body": "Are you at the marina?", "thread": "18685550100@s.whatsapp.net"}}
    assert artifacts[1].data["direction"] == "sent" and artifacts[1].data["party"] == "18685550100@s.whatsapp.net"
    assert (artifacts[2].data["latitude"], artifacts[2].data["longitude"]) == (10.6549, -61.5019)
    group = artifacts[3].data
    # in a group the sender is the member, not the group's JID; -180.0 is "no position"
    assert (group["party"], group["chat"], group["chat_name"]) == (
        "18685550333@s.whatsapp.net", "18685550000-1600000000@g.us", "Boat trip")
    assert group["media_path"] == "Media/18685550000-1600000000@g.us/a/b/photo.jpg"
    assert group["latitude"] is None


def test_deleted_message_is_recovered_and_marked() -> None:
    db, _ = whatsapp_db(delete_first=True)
    artifacts, warnings = run_extractor(IosWhatsAppExtractor, db, BACKUP)
    assert warnings == []
    assert len([a for a in artifacts if not a.data["recovered"]]) == query(db, "SELECT count(*) FROM ZWAMESSAGE")[0][0]
    gone = [a.data for a in artifacts if a.data["recovered"]]
    assert [(g["recovered"], g["text"], g["chat_name"]) for g in gone] == [
        ("freelist", "Are you at the marina?", "Ray")]
