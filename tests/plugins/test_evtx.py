"""windows.evtx: plaso's and python-evtx's logs (whole, truncated, damaged) and the typed-event mapping."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from forensic_triage.plugins.evtx import EvtxExtractor, event_data, parse_event_xml
from forensic_triage.plugins.evtx_records import WindowsEvent, typed_record
from helpers import run_extractor, selects

LOGS = "Windows/System32/winevt/Logs"


def evtx(corpus: Path, name: str) -> bytes:
    return (corpus / "artifacts/evtx" / name).read_bytes()


def of_type(artifacts: list, record_type: str) -> list:
    return [a for a in artifacts if a.type == record_type]


def test_corpus_system_evtx(corpus: Path) -> None:
    versions: dict[str, str] = {}
    artifacts, warnings = run_extractor(EvtxExtractor, evtx(corpus, "plaso/System.evtx"), f"{LOGS}/System.evtx",
                                        library_versions=versions)
    assert warnings == []
    assert versions["libevtx"].isdigit()
    events = of_type(artifacts, "windows.event")
    assert len(events) == 5009  # plaso: 5009 event_data
    assert len(of_type(artifacts, "windows.service_installed")) == 25
    assert len(artifacts) == 5009 + 25
    # Every event is on the timeline once: typed events through their typed record.
    assert sum(len(a.times) for a in artifacts) == 5009
    # plaso record 1: Service Control Manager 7036, 2010-11-21T03:55:59.6264271Z, PID 492 TID 1188.
    assert events[0].data == {
        "time": "2010-11-21T03:55:59.626427Z", "provider": "Service Control Manager", "event_id": 7036,
        "record_number": 1, "channel": "System", "computer": "37L4247F27-26", "user_sid": None, "level": 4,
        "process_id": 492, "thread_id": 1188,
        "event_data": {"param1": "Windows Event Log", "param2": "stopped",
                       "Binary": "6500760065006E0074006C006F0067002F0031000000"},
        "recovered": False,
    }
    assert events[0].times == [("Event logged", "2010-11-21T03:55:59.626427Z")]
    service = of_type(artifacts, "windows.service_installed")[0]
    assert service.data == {
        "time": "2015-06-23T06:01:28Z", "record_number": 174, "computer": "37L4247F27-26",
        "service_name": "Intel(R) PRO/1000 NDIS 6 Adapter Driver", "image_path": "system32\\DRIVERS\\E1G6032E.sys",
        "service_type": "kernel mode driver", "start_type": "demand start", "account": None, "user_sid": "S-1-5-18",
    }
    assert service.times == [("Service installed", "2015-06-23T06:01:28Z")]


def test_corpus_truncated_system2(corpus: Path) -> None:
    artifacts, warnings = run_extractor(EvtxExtractor, evtx(corpus, "plaso/System2.evtx"), f"{LOGS}/Security.evtx")
    assert len(of_type(artifacts, "windows.event")) == 194  # plaso: 194 event_data
    assert len(warnings) == 1 and "truncated" in warnings[0].message  # plaso does not warn; we do
    logon = next(a for a in of_type(artifacts, "windows.logon") if a.data["record_number"] == 179)
    assert logon.data == {
        "time": "2015-08-09T09:15:48.434125Z", "event_id": 4624, "record_number": 179, "computer": "GREENDALEGOLD",
        "account": "SYSTEM", "domain": "NT AUTHORITY", "account_sid": "S-1-5-18", "logon_type": 5,
        "logon_type_name": "service", "workstation": None, "source_address": None, "source_port": None,
        "logon_id": "0x00000000000003e7", "process_name": "C:\\Windows\\System32\\services.exe",
        "authentication_package": "Negotiate", "status": None, "sub_status": None,
    }
    assert logon.times == [("Logon", "2015-08-09T09:15:48.434125Z")]
    assert len(of_type(artifacts, "windows.account_change")) == 7


def test_corpus_python_evtx_logs(corpus: Path) -> None:
    artifacts, warnings = run_extractor(EvtxExtractor, evtx(corpus, "python-evtx/system.evtx"), f"{LOGS}/System.evtx")
    assert warnings == []
    events = of_type(artifacts, "windows.event")
    assert len(events) == 1601  # chunks 0-8: log records 12049-13649
    assert (events[0].data["record_number"], events[-1].data["record_number"]) == (12049, 13649)
    assert events[0].data["event_id"] == 105
    assert events[0].data["provider"] == "Microsoft-Windows-Eventlog"
    assert events[0].data["event_data"] == {
        "Channel": "System",
        "BackupPath": "C:\\Windows\\System32\\Winevt\\Logs\\Archive-System-2012-03-14-04-17-39-932.evtx"}
    one, warnings = run_extractor(EvtxExtractor, evtx(corpus, "python-evtx/issue_38.evtx"), "cases/issue_38.evtx")
    assert warnings == [] and len(one) == 1
    assert one[0].data["event_data"]["SubjectLogonId"] == "0x000000000019d3af"


def test_truncated_copy_keeps_what_it_can(corpus: Path) -> None:
    data = evtx(corpus, "python-evtx/system.evtx")
    artifacts, warnings = run_extractor(EvtxExtractor, data[: len(data) // 2], f"{LOGS}/System.evtx")
    assert 0 < len(of_type(artifacts, "windows.event")) < 1601
    assert len(warnings) == 1 and "truncated" in warnings[0].message


@pytest.mark.parametrize("flips", [200, 3000])
def test_bit_flipped_copy_gives_warnings(corpus: Path, flips: int) -> None:
    data = bytearray(evtx(corpus, "python-evtx/system.evtx"))
    rng = random.Random(5)
    for _ in range(flips):
        data[rng.randrange(4096, len(data))] ^= 1 << rng.randrange(8)
    artifacts, warnings = run_extractor(EvtxExtractor, bytes(data), f"{LOGS}/System.evtx")
    assert artifacts, "what is readable is kept"
    assert warnings and all(w.kind == "warning" for w in warnings), [w.message for w in warnings]


def test_not_an_evtx_file() -> None:
    artifacts, warnings = run_extractor(EvtxExtractor, b"just text\n" * 20, f"{LOGS}/Bogus.evtx")
    assert artifacts == [] and len(warnings) == 1 and "Not an EVTX" in warnings[0].message
    assert selects(EvtxExtractor, "export/renamed.bin", b"ElfFile\x00" + bytes(120))[0]


NS = 'xmlns="http://schemas.microsoft.com/win/2004/08/events/event"'


def test_event_data_of_userdata_and_unnamed_data() -> None:
    xml = (f'<Event {NS}><System><EventID>104</EventID></System><UserData>'
           '<LogFileCleared xmlns="http://manifests.microsoft.com/win/2004/08/windows/eventlog">'
           '<SubjectUserName>jdoe</SubjectUserName><SubjectDomainName>CORP</SubjectDomainName>'
           '<Channel>System</Channel><BackupPath/></LogFileCleared></UserData></Event>')
    root = parse_event_xml(xml)
    assert root is not None
    assert event_data(root) == {"SubjectUserName": "jdoe", "SubjectDomainName": "CORP", "Channel": "System",
                                "BackupPath": ""}
    xml = f'<Event {NS}><EventData><Data>a</Data><Data>b&#x1;</Data><Data Name="X">1</Data></EventData></Event>'
    root = parse_event_xml(xml)
    assert root is not None and event_data(root) == {"Data1": "a", "Data2": "b", "X": "1"}


def test_hostile_xml_is_refused() -> None:
    bomb = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
            f'<Event {NS}><EventData><Data Name="x">&lol2;</Data></EventData></Event>')
    assert parse_event_xml(bomb) is None


def _event(provider: str, event_id: int, data: dict[str, str]) -> WindowsEvent:
    return WindowsEvent(time="2024-03-01T10:00:00Z", provider=provider, event_id=event_id, record_number=7,
                        channel="Security", computer="WKS1", user_sid="S-1-5-18", level=0, process_id=4,
                        thread_id=8, event_data=data, recovered=False)


SEC = "Microsoft-Windows-Security-Auditing"


def test_typed_failed_logon() -> None:
    record = typed_record(_event(SEC, 4625, {
        "TargetUserName": "administrator", "TargetDomainName": "WKS1", "TargetUserSid": "S-1-0-0", "LogonType": "10",
        "WorkstationName": "KALI", "IpAddress": "203.0.113.9", "IpPort": "51234", "Status": "0xc000006d",
        "SubStatus": "0xc000006a", "ProcessName": "-", "AuthenticationPackageName": "NTLM"}))
    assert record is not None and record.record_type == "windows.logon_failure"
    assert record.summary() == "Failed logon WKS1\\administrator (remote interactive (RDP)) from 203.0.113.9, " \
                               "status 0xc000006a"
    data = record.__dict__
    assert (data["logon_type"], data["workstation"], data["source_address"], data["process_name"]) == (
        10, "KALI", "203.0.113.9", None)


def test_typed_account_management_and_others() -> None:
    added = typed_record(_event(SEC, 4732, {"TargetUserName": "Administrators", "TargetDomainName": "Builtin",
                                            "TargetSid": "S-1-5-32-544", "MemberSid": "S-1-5-21-1-2-3-1005",
                                            "MemberName": "-", "SubjectUserName": "jdoe", "SubjectDomainName": "WKS1"}))
    assert added is not None and added.record_type == "windows.account_change"
    assert added.summary() == "member added to security-enabled local group: Administrators (S-1-5-21-1-2-3-1005) by jdoe"
    created = typed_record(_event(SEC, 4720, {"TargetUserName": "backdoor", "TargetSid": "S-1-5-21-1-2-3-1006",
                                              "SubjectUserName": "jdoe"}))
    assert created is not None and created.summary() == "user account created: backdoor by jdoe"
    cleared = typed_record(_event("Microsoft-Windows-Eventlog", 1102, {"SubjectUserName": "jdoe",
                                                                       "SubjectDomainName": "WKS1"}))
    assert cleared is not None and cleared.summary() == "Security log cleared by WKS1\\jdoe"
    rdp = typed_record(_event("Microsoft-Windows-TerminalServices-LocalSessionManager", 21, {
        "User": "WKS1\\jdoe", "SessionID": "2", "Address": "198.51.100.7"}))
    assert rdp is not None and rdp.summary() == "RDP session logon: WKS1\\jdoe from 198.51.100.7"
    reconnect = typed_record(_event(SEC, 4778, {"AccountName": "jdoe", "AccountDomain": "WKS1",
                                                "ClientName": "LAPTOP", "ClientAddress": "198.51.100.7"}))
    assert reconnect is not None and reconnect.summary() == "RDP session reconnected: WKS1\\jdoe from 198.51.100.7"
    # Same id, other provider: not an RDP event.
    assert typed_record(_event("Some-Other-Provider", 21, {})) is None


def test_header_with_damaged_chunks_needs_no_corpus() -> None:
    """A log whose only chunk is garbage: a warning, no exception, no record (runs without the corpus)."""
    import struct
    import zlib

    header = bytearray(4096)
    struct.pack_into("<8sQQQIHHHH", header, 0, b"ElfFile\x00", 0, 0, 1, 128, 1, 3, 4096, 1)
    struct.pack_into("<I", header, 124, zlib.crc32(bytes(header[:120])))
    chunk = b"ElfChnk\x00" + bytes(range(256)) * 255 + bytes(65536 - 8 - 256 * 255)
    artifacts, warnings = run_extractor(EvtxExtractor, bytes(header) + chunk, f"{LOGS}/Application.evtx")
    assert artifacts == []
    assert len(warnings) == 1 and warnings[0].kind == "warning", [w.message for w in warnings]


def _plant_copy(data: bytearray, chunk: int, renumber: int = 0) -> int:
    """Copy the smallest record of ``chunk`` that fits into the chunk's free space (where libevtx looks for
    deleted records), its record number raised by ``renumber``; returns the copy's record number."""
    base = 4096 + chunk * 65536
    free = int.from_bytes(data[base + 48:base + 52], "little")
    offset, best = 512, (0, 1 << 30)
    while offset < free:
        size = int.from_bytes(data[base + offset + 4:base + offset + 8], "little")
        if size <= 65536 - free and size < best[1]:
            best = (offset, size)
        offset += size
    record = bytearray(data[base + best[0]:base + best[0] + best[1]])
    number = int.from_bytes(record[8:16], "little") + renumber
    record[8:16] = number.to_bytes(8, "little")
    data[base + free:base + free + len(record)] = record
    return int.from_bytes(record[8:16], "little")


def test_recovered_copies_of_live_records_are_reported_once(corpus: Path) -> None:
    """A stale copy of a live record in a chunk's free space is the same event: one record, one timeline row.
    A recovered record that differs (here: its record number) is a different event and is kept, flagged."""
    data = bytearray(evtx(corpus, "python-evtx/system.evtx"))
    same_a, same_b = _plant_copy(data, 4), _plant_copy(data, 7)
    other = _plant_copy(data, 8, renumber=100_000)
    artifacts, warnings = run_extractor(EvtxExtractor, bytes(data), f"{LOGS}/System.evtx")
    assert warnings == []
    events = of_type(artifacts, "windows.event")
    numbers = [e.data["record_number"] for e in events]
    assert len(events) == 1601 + 1  # libevtx: 1601 records + 3 recovered, 2 of them identical copies
    assert numbers.count(same_a) == 1 and numbers.count(same_b) == 1
    kept = [e for e in events if e.data["recovered"]]
    # libevtx takes EventRecordID from the XML (the original number), the record header holds the new one
    assert [e.data["record_number"] for e in kept] == [other - 100_000]
    assert numbers.count(other - 100_000) == 2
    assert all(not e.data["recovered"] for e in events if e.data["record_number"] in (same_a, same_b))
    assert sum(len(a.times) for a in artifacts) == 1601 + 1  # the timeline: each event once
