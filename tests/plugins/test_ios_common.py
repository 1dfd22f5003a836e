"""What every iOS extractor shares: Apple times, damaged databases, registration."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from forensic_triage.plugins.ios_apps import IosApplicationsExtractor
from forensic_triage.plugins.ios_calls import IosCallsExtractor
from forensic_triage.plugins.ios_common import apple_time, position
from forensic_triage.plugins.ios_contacts import IosContactsExtractor
from forensic_triage.plugins.ios_knowledgec import IosKnowledgeCExtractor
from forensic_triage.plugins.ios_photos import IosPhotosExtractor
from forensic_triage.plugins.ios_safari_tabs import IosSafariTabsExtractor
from forensic_triage.plugins.ios_sms import IosSmsExtractor
from forensic_triage.plugins.ios_whatsapp import IosWhatsAppExtractor
from helpers import run_extractor

from forensic_triage.extractors import load_registry
from forensic_triage.plugin_api import Extractor
from tests.helpers import ios_builders as b

# 2023-04-01T10:20:30Z is Unix 1680344430; the Apple epoch is Unix 978307200.
APPLE = 1680344430 - 978307200


def test_apple_time_seconds_and_nanoseconds() -> None:
    assert apple_time(APPLE) == "2023-04-01T10:20:30Z"
    assert apple_time(APPLE + 0.25) == "2023-04-01T10:20:30.250000Z"
    assert apple_time(APPLE * 1_000_000_000 + 123_456_789) == "2023-04-01T10:20:30.123456Z"
    assert apple_time(1) == "2001-01-01T00:00:01Z"
    for unset in (0, None, -5, "702037230", True, 10**40):
        assert apple_time(unset) is None


def test_position_markers() -> None:
    assert position(10.5, -61.5) == (10.5, -61.5)
    assert position(-180.0, -180.0) is None and position(0.0, 0.0) is None
    assert position(91.0, 0.5) is None and position(None, 1.0) is None


SQLITE = [
    (IosSmsExtractor, lambda: b.sms_db()[0], "HomeDomain/Library/SMS/sms.db", "message"),
    (IosCallsExtractor, lambda: b.calls_db()[0], "HomeDomain/Library/CallHistoryDB/CallHistory.storedata",
     "ZCALLRECORD"),
    (IosContactsExtractor, lambda: b.contacts_db()[0], "HomeDomain/Library/AddressBook/AddressBook.sqlitedb",
     "ABPerson"),
    (IosWhatsAppExtractor, lambda: b.whatsapp_db()[0],
     "AppDomainGroup-group.net.whatsapp.WhatsApp.shared/ChatStorage.sqlite", "ZWAMESSAGE"),
    (IosPhotosExtractor, lambda: b.photos_db()[0], "CameraRollDomain/Media/PhotoData/Photos.sqlite", "ZASSET"),
    (IosSafariTabsExtractor, lambda: b.tabs_db()[0], "AppDomain-com.apple.mobilesafari/Library/Safari/BrowserState.db",
     "tabs"),
    (IosKnowledgeCExtractor, lambda: b.knowledgec_db()[0],
     "private/var/mobile/Library/CoreDuet/Knowledge/knowledgeC.db", "ZOBJECT"),
    (IosApplicationsExtractor, lambda: b.appstate_db()[0], "private/var/mobile/Library/FrontBoard/applicationState.db",
     "application_identifier_tab"),
]


@pytest.mark.parametrize("damage", ["garbage", "truncate", "wrong_db"])
@pytest.mark.parametrize(("cls", "build", "path", "table"), SQLITE, ids=[c[0].name for c in SQLITE])
def test_damaged_database_is_a_stored_warning(cls: type[Extractor], build: Callable[[], bytes], path: str,
                                              table: str, damage: str) -> None:
    good = build()
    if damage == "garbage":
        data = b"\x00" * 100 + good[100:]
    elif damage == "truncate":
        assert len(good) > 2 * 4096
        data = good[:4096]  # the schema page only: every table's pages are gone
    else:
        data, _ = b.build_db("CREATE TABLE t (x);")
    artifacts, warnings = run_extractor(cls, data, path)
    assert warnings, (damage, cls.name)
    assert all(w.kind == "warning" for w in warnings)
    assert all("Traceback" not in w.message for w in warnings)
    if damage == "wrong_db":
        assert f"'{table}'" in warnings[0].message  # says which table a real one would have


def test_registry_loads_every_ios_extractor() -> None:
    reg = load_registry(include_entry_points=False)
    assert reg.problems == []
    names = {c.name for c in reg.extractors}
    assert {"ios.sms", "ios.calls", "ios.contacts", "ios.whatsapp", "ios.photos", "ios.safari_tabs",
            "ios.knowledgec", "ios.apps", "ios.wifi"} <= names
