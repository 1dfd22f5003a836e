"""NTUSER.DAT: UserAssist, RecentDocs / TypedPaths / TypedURLs, per-user Run keys and Uninstall keys
(plaso's XP and Windows 8 hives, regipy's Windows 7 hive, and a hive built here)."""

from __future__ import annotations

import codecs
import struct
from pathlib import Path

from fixtures_regf import Key, Value, build_hive, filetime
from forensic_triage.plugins.registry_autostart import AutostartExtractor
from forensic_triage.plugins.registry_programs import InstalledProgramsExtractor
from forensic_triage.plugins.registry_recent import RecentActivityExtractor
from forensic_triage.plugins.registry_userassist import UserAssistExtractor
from helpers import run_extractor

EXPLORER = "Software\\Microsoft\\Windows\\CurrentVersion\\Explorer"
EXE_GUID = "{CEBFF5CD-ACE2-4F4F-9178-9926F41749EA}"


def hive(corpus: Path, name: str) -> bytes:
    return (corpus / "artifacts/registry" / name).read_bytes()


def test_corpus_userassist_xp(corpus: Path) -> None:
    artifacts, warnings = run_extractor(UserAssistExtractor, hive(corpus, "plaso/NTUSER.DAT"),
                                        "Documents and Settings/joe/NTUSER.DAT")
    assert warnings == []
    xp = [a for a in artifacts if a.data["guid"] == "{75048700-EF1F-11D0-9888-006097DEACF9}"]
    assert len(xp) == 14  # plaso: 14 event_data for this key
    assert xp[0].data == {
        "user": "joe", "guid": "{75048700-EF1F-11D0-9888-006097DEACF9}", "category": "active desktop (XP)",
        "name": "UEME_RUNPIDL:%csidl2%\\MSN.lnk", "path": "UEME_RUNPIDL:%csidl2%\\MSN.lnk", "run_count": 14,
        "focus_count": None, "focus_time_ms": None, "last_run": "2009-08-04T15:11:22.811067Z", "format_version": 3,
    }


def test_corpus_userassist_win8(corpus: Path) -> None:
    artifacts, warnings = run_extractor(UserAssistExtractor, hive(corpus, "plaso/regf/NTUSER.DAT"),
                                        "Users/bperry/NTUSER.DAT")
    assert warnings == []
    exe = [a for a in artifacts if a.data["guid"] == EXE_GUID]
    assert len(exe) == 9  # plaso: 9 event_data
    assert exe[2].data == {
        "user": "bperry", "guid": EXE_GUID, "category": "executable run", "name": "Microsoft.InternetExplorer.Default",
        "path": "Microsoft.InternetExplorer.Default", "run_count": 2, "focus_count": 8, "focus_time_ms": 842124,
        "last_run": "2016-10-09T19:58:01.767000Z", "format_version": 5,
    }


def test_corpus_userassist_win7(corpus: Path) -> None:
    artifacts, warnings = run_extractor(UserAssistExtractor, hive(corpus, "regipy/NTUSER.DAT"),
                                        "Users/vibranium/NTUSER.DAT")
    assert warnings == []
    # 18 + 13 entries of 72 bytes (regipy lists each entry twice: 62).
    assert len(artifacts) == 31
    excel = [a.data for a in artifacts if a.data["name"].endswith("EXCEL.EXE")]
    assert excel == [{
        "user": "vibranium", "guid": EXE_GUID, "category": "executable run",
        "name": "{7C5A40EF-A0FB-4BFC-874A-C0F2E0B9FA8E}\\Microsoft Office\\Office14\\EXCEL.EXE",
        "path": "%ProgramFiles(x86)%\\Microsoft Office\\Office14\\EXCEL.EXE", "run_count": 4, "focus_count": 1,
        "focus_time_ms": 47673, "last_run": "2012-04-04T15:43:14.785000Z", "format_version": 5,
    }]


def test_corpus_recent_and_typed(corpus: Path) -> None:
    artifacts, warnings = run_extractor(RecentActivityExtractor, hive(corpus, "plaso/regf/NTUSER.DAT"),
                                        "Users/bperry/NTUSER.DAT")
    assert warnings == []
    urls = [a.data for a in artifacts if a.type == "windows.typed_url"]
    assert [u["url"] for u in urls][:3] == ["http://www.catnews.com/", "http://spotify.com/", "http://pintrest.com/"]
    assert len(urls) == 5
    assert urls[0]["typed_time"] and urls[4]["typed_time"] is None  # TypedURLsTime url5 is zero
    docs = [a.data for a in artifacts if a.type == "windows.recent_doc"]
    assert len(docs) == 3
    assert docs[0]["mru_position"] == 0 and docs[0]["opened_time"] is not None


def test_corpus_ntuser_run_and_uninstall(corpus: Path) -> None:
    data = hive(corpus, "plaso/regf/NTUSER.DAT")
    runs, warnings = run_extractor(AutostartExtractor, data, "Users/bperry/NTUSER.DAT")
    assert warnings == []
    assert [r.data["name"] for r in runs] == ["Spotify Web Helper", "Spotify"]
    assert runs[0].data == {
        "hive": "NTUSER", "user": "bperry", "location": "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run",
        "name": "Spotify Web Helper",
        "command": '"C:\\Users\\bperry\\AppData\\Roaming\\Spotify\\SpotifyWebHelper.exe"',
        "key_last_written": "2016-10-05T09:41:35.301607Z",
    }
    programs, warnings = run_extractor(InstalledProgramsExtractor, data, "Users/bperry/NTUSER.DAT")
    assert warnings == []
    assert len(programs) == 1
    assert programs[0].data == {
        "hive": "NTUSER", "user": "bperry", "key_path": "Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\Spotify",
        "name": "Spotify", "version": "1.0.38.171.g5e1cd7b2", "publisher": "Spotify AB", "install_date": "2016-10-05",
        "install_location": "C:\\Users\\bperry\\AppData\\Roaming\\Spotify", "install_source": None,
        "uninstall_string": '"C:\\Users\\bperry\\AppData\\Roaming\\Spotify\\Spotify.exe" /uninstall',
        "size_kb": None, "key_last_written": "2016-10-05T09:41:22.765255Z",
    }


def _userassist_data(count: int, focus: int, focus_ms: int, last: int) -> bytes:
    data = bytearray(72)
    struct.pack_into("<III", data, 4, count, focus, focus_ms)
    struct.pack_into("<Q", data, 60, last)
    return bytes(data)


def ntuser_fixture() -> bytes:
    root = Key("CMI-CreateHive{NTUSER}")
    count = root.add(f"{EXPLORER}\\UserAssist\\{EXE_GUID}\\Count")
    name = "{6D809377-6AF0-444B-8957-A3773F02200E}\\VeraCrypt\\VeraCrypt.exe"
    count.values.append(Value.binary(codecs.encode(name, "rot13"), _userassist_data(7, 3, 60000, filetime(1709287200))))
    count.values.append(Value.binary("HRZR_PGYFRFFVBA", bytes(1612)))  # UEME_CTLSESSION: not an entry
    mru = b"".join(struct.pack("<I", i) for i in (1, 0)) + b"\xff\xff\xff\xff"
    root.add(f"{EXPLORER}\\RecentDocs", Value.binary("MRUListEx", mru),
             Value.binary("0", "plan.docx".encode("utf-16-le") + b"\0\0" + b"\x14\x00shellitem"),
             Value.binary("1", "secret.zip".encode("utf-16-le") + b"\0\0"), written=filetime(1709290000))
    root.add(f"{EXPLORER}\\RecentDocs\\.docx", Value.binary("MRUListEx", b"\0\0\0\0\xff\xff\xff\xff"),
             Value.binary("0", "plan.docx".encode("utf-16-le") + b"\0\0"), written=filetime(1709280000))
    root.add(f"{EXPLORER}\\TypedPaths", Value.sz("url1", "\\\\fileserver\\share"), Value.sz("url2", "C:\\temp"),
             written=filetime(1709288000))
    root.add("Software\\Microsoft\\Internet Explorer\\TypedURLs", Value.sz("url1", "http://example.org/"))
    root.add("Software\\Microsoft\\Internet Explorer\\TypedURLsTime",
             Value.binary("url1", struct.pack("<Q", filetime(1709287260))))
    return build_hive(root)


def test_fixture_userassist() -> None:
    artifacts, warnings = run_extractor(UserAssistExtractor, ntuser_fixture(), "Users/jdoe/NTUSER.DAT")
    assert warnings == []
    assert len(artifacts) == 1
    assert artifacts[0].data == {
        "user": "jdoe", "guid": EXE_GUID, "category": "executable run",
        "name": "{6D809377-6AF0-444B-8957-A3773F02200E}\\VeraCrypt\\VeraCrypt.exe",
        "path": "%ProgramFiles%\\VeraCrypt\\VeraCrypt.exe", "run_count": 7, "focus_count": 3, "focus_time_ms": 60000,
        "last_run": "2024-03-01T10:00:00Z", "format_version": 5,
    }
    assert artifacts[0].times == [("Program run (UserAssist)", "2024-03-01T10:00:00Z")]


def test_fixture_recent() -> None:
    artifacts, warnings = run_extractor(RecentActivityExtractor, ntuser_fixture(), "Users/jdoe/NTUSER.DAT")
    assert warnings == []
    assert [(a.type, a.data) for a in artifacts] == [
        ("windows.recent_doc", {"user": "jdoe", "name": "secret.zip", "extension": None, "mru_position": 0,
                                "opened_time": "2024-03-01T10:46:40Z"}),
        ("windows.recent_doc", {"user": "jdoe", "name": "plan.docx", "extension": ".docx", "mru_position": 1,
                                "opened_time": "2024-03-01T08:00:00Z"}),
        ("windows.typed_path", {"user": "jdoe", "path": "\\\\fileserver\\share", "position": 1,
                                "typed_time": "2024-03-01T10:13:20Z"}),
        ("windows.typed_path", {"user": "jdoe", "path": "C:\\temp", "position": 2, "typed_time": None}),
        ("windows.typed_url", {"user": "jdoe", "url": "http://example.org/", "position": 1,
                               "typed_time": "2024-03-01T10:01:00Z"}),
    ]
