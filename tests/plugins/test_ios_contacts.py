"""ios.contacts: AddressBook.sqlitedb written with the Contacts schema (ABPerson, ABMultiValue)."""

from __future__ import annotations

from forensic_triage.plugins.ios_contacts import IosContactsExtractor
from helpers import run_extractor, selects

from tests.helpers.ios_builders import contacts_db, query

BACKUP = "HomeDomain/Library/AddressBook/AddressBook.sqlitedb"


def test_inputs_both_path_shapes() -> None:
    assert selects(IosContactsExtractor, BACKUP)[0]
    assert selects(IosContactsExtractor, "private/var/mobile/Library/AddressBook/AddressBook.sqlitedb")[0]
    assert not selects(IosContactsExtractor, "HomeDomain/Library/AddressBook/AddressBookImages.sqlitedb")[0]


def test_contacts_with_numbers_and_emails() -> None:
    db, _ = contacts_db()
    artifacts, warnings = run_extractor(IosContactsExtractor, db, BACKUP)
    assert warnings == []
    assert len(artifacts) == query(db, "SELECT count(*) FROM ABPerson")[0][0] == 3
    assert artifacts[0].data == {
        "table": "ABPerson", "row_id": 1, "recovered": "", "name": "Ray Mohammed", "organization": None,
        "numbers": ["+1 (868) 555-0100", "868-555-0101"], "emails": ["ray@example.com"], "note": "Boat owner",
        "created": "2022-01-10T12:00:00Z", "modified": "2023-03-30T18:00:00Z",
        "phone": {"role": "contact", "name": "Ray Mohammed", "numbers": ["+1 (868) 555-0100", "868-555-0101"],
                  "emails": ["ray@example.com"], "application": "Contacts"}}
    # a company card is named by its organisation in the phone view
    assert artifacts[1].data["phone"]["name"] == "Harbour Office" and artifacts[1].data["numbers"] == ["+18685550222"]
    numbers = sum(len(a.data["numbers"]) for a in artifacts)
    emails = sum(len(a.data["emails"]) for a in artifacts)
    assert (numbers, emails) == (query(db, "SELECT count(*) FROM ABMultiValue WHERE property = 3")[0][0],
                                 query(db, "SELECT count(*) FROM ABMultiValue WHERE property = 4")[0][0])
