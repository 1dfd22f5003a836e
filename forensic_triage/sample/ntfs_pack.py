"""Built-in exercise pack "Falcon": a Windows 10 laptop on NTFS, and its questions.

:func:`build_windows_pack` writes a 24 MiB raw disk image (MBR, one NTFS partition at 1 MiB)
and returns it with 15 questions. Everything is generated here with the standard library
(see :mod:`.ntfs` and :mod:`.winartifacts`); two builds give the same SHA-256.

The story: Mark Reyes (account ``mreyes``) works for Falcon Logistics. On Friday
14 March 2025 he copied the confidential price list to a USB drive, opened it from there,
downloaded and ran CCleaner, and deleted the original. Between 14:40 and 14:50 UTC the laptop
records: the USB drive connected (USBSTOR), Excel run and the shortcut to the copy on E:
(Prefetch, LNK, RecentDocs), the CCleaner download (Chrome History, Zone.Identifier stream),
CCleaner run (Prefetch, UserAssist) and the original moved to the Recycle Bin ($I/$R). A
checklist he deleted is still in the MFT; a photo taken at a Miami meeting keeps its GPS
position; a copy of the price list hides as an .mp3; a "patch" he downloaded is the EICAR test
file. All times are UTC (NTFS, registry and Chrome times are UTC; the laptop's zone is
SA Western Standard Time, UTC-04:00).
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import io
import sqlite3
import tempfile
import uuid
import zipfile
from pathlib import Path
from typing import Any

from .generator import (
    _CHROME_SCHEMA,
    _normalise_sqlite,
    eicar_bytes,
    make_exif,
    make_jpeg,
    make_mbr,
)
from .ntfs import FA_ARCHIVE, FA_HIDDEN, FA_SYSTEM, NtfsBuilder, NtfsTimes, filetime
from .winartifacts import (
    REG_BINARY,
    REG_DWORD,
    REG_SZ,
    RegKey,
    lnk_file,
    prefetch_v30,
    recycle_i_file,
    regf_hive,
)

__all__ = ["build_windows_pack", "BRIEFING", "IMAGE_NAME", "IMAGE_SIZE", "FACTS", "TITLE"]

IMAGE_NAME = "falcon-laptop.dd"
IMAGE_SIZE = 24 * 1024 * 1024
SECTOR = 512
PART_START = 2048
PART_SECTORS = IMAGE_SIZE // SECTOR - PART_START
DISK_SIGNATURE = 0x5FA1C0DE
VOLUME_SERIAL = 0x7A3E_91C4_1A2B_3C4D  # "vol" shows the low 32 bits: 1A2B-3C4D
VOLUME_SERIAL32 = VOLUME_SERIAL & 0xFFFFFFFF
SID = "S-1-5-21-3623811015-3361044348-30300820"
USER = "mreyes"
U = f"Users/{USER}"
VOLUME_GUID = "{7c1e0b52-3f2a-11ef-9a4d-806e6f6e6963}"
VOLUME_DEVICE = "\\VOLUME{01db2d4c8e1f2a3b-1a2b3c4d}"
USB_DEVICE = "Disk&Ven_SanDisk&Prod_Cruzer_Blade&Rev_1.00"
USB_SERIAL = "4C530001230525118392"
USB_FRIENDLY = "SanDisk Cruzer Blade USB Device"
XLSX_NAME = "Project_Falcon_pricing.xlsx"
DOWNLOAD_URL = "https://download.ccleaner.com/ccsetup612.exe"
PATCH_URL = "https://files.example.org/tools/ccleaner_patch.com"
PHOTO_LAT, PHOTO_LON = 25.7743, -80.1868  # Bayfront Park, Miami

TITLE = "Falcon: a Windows 10 laptop (NTFS)"
BRIEFING = (
    "Falcon Logistics suspects that an employee, Mark Reyes, took the confidential price list of the "
    "Falcon tender out of the company on Friday 14 March 2025 and then tried to cover his tracks. You "
    "receive a raw image of his Windows 10 laptop (one NTFS partition). Add it to a case, triage it, and "
    "answer the questions from what the tool finds: registry hives (users, USB devices, programs run), "
    "Prefetch, shortcuts, the Recycle Bin, Chrome history, photos, deleted files, YARA and signature "
    "findings, and the timeline. Give times in UTC. Then tag the files that support your conclusions."
)


def _t(text: str) -> _dt.datetime:
    return _dt.datetime.strptime(text, "%Y-%m-%d %H:%M:%S").replace(tzinfo=_dt.UTC)


def _utc(moment: _dt.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


# Key moments of the story (UTC).
T_INSTALL = _t("2024-11-02 16:20:00")
T_USB_FIRST = _t("2025-03-14 14:41:05")
T_USB_ARRIVAL = _t("2025-03-14 14:41:07")
T_USB_REMOVED = _t("2025-03-14 14:52:40")
T_COPY = _t("2025-03-14 14:42:18")
T_EXCEL = _t("2025-03-14 14:42:25")
T_OPENED = _t("2025-03-14 14:42:31")
T_DOWNLOAD = _t("2025-03-14 14:43:12")
T_DOWNLOAD_END = _t("2025-03-14 14:43:20")
T_CC_RUNS = [_t("2025-03-14 14:46:02"), _t("2025-03-14 14:44:05"), _t("2025-03-07 17:12:40")]
T_RECYCLED = _t("2025-03-14 14:45:20")
T_CHECKLIST_DELETED = _t("2025-03-14 14:47:55")
T_SHUTDOWN = _t("2025-03-14 15:05:12")
T_LOGON = _t("2025-03-14 13:58:12")

FACTS: dict[str, Any] = {
    "computer_name": "DESKTOP-MR7K2Q",
    "users": {"Administrator": 500, "Guest": 501, "DefaultAccount": 503, "WDAGUtilityAccount": 504,
              USER: 1001, "helpdesk": 1002},
    "usb_serial": USB_SERIAL, "usb_last_connected": _utc(T_USB_ARRIVAL),
    "program": "CCLEANER64.EXE", "run_count": 3,
    "deleted_file": f"{U}/Desktop/exfil_checklist.txt",
    "recycled_original": f"C:\\Users\\{USER}\\Documents\\Falcon\\{XLSX_NAME}",
    "recycle_i": f"$Recycle.Bin/{SID}-1001/$IR8K2QF.xlsx",
    "photo": f"{U}/Pictures/IMG_20250312_183344.jpg", "latitude": PHOTO_LAT, "longitude": PHOTO_LON,
    "download_url": DOWNLOAD_URL, "download": f"{U}/Downloads/ccsetup612.exe",
    "lying_file": f"{U}/Music/track07.mp3", "eicar": f"{U}/Downloads/ccleaner_patch.com",
    "lnk": f"{U}/AppData/Roaming/Microsoft/Windows/Recent/{XLSX_NAME[:-5]}.lnk",
    "window": ("2025-03-14T14:40:00Z", "2025-03-14T14:50:00Z"),
}


# --------------------------------------------------------------------------- content


def _crlf(text: str) -> bytes:
    return text.replace("\n", "\r\n").encode("utf-8")


def _stored_zip(members: list[tuple[str, str]], stamp: tuple[int, int, int, int, int, int]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_STORED) as zf:
        for name, text in members:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.create_system, info.create_version, info.external_attr = 0, 20, 0
            zf.writestr(info, text.encode("utf-8"))
    return buf.getvalue()


def make_xlsx(rows: list[list[str]], stamp: tuple[int, int, int, int, int, int]) -> bytes:
    """A minimal SpreadsheetML workbook (inline strings, members stored, fixed times)."""
    xml = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    cells = "".join(
        f'<row r="{r}">' + "".join(f'<c r="{chr(65 + c)}{r}" t="inlineStr"><is><t>{v}</t></is></c>'
                                   for c, v in enumerate(row)) + "</row>" for r, row in enumerate(rows, 1))
    members = [
        ("[Content_Types].xml", xml + (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.worksheet+xml"/></Types>')),
        ("_rels/.rels", xml + (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>')),
        ("xl/workbook.xml", xml + (
            f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets><sheet name="Prices" sheetId="1" r:id="rId1"/>'
            "</sheets></workbook>")),
        ("xl/_rels/workbook.xml.rels", xml + (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')),
        ("xl/worksheets/sheet1.xml", xml + f'<worksheet xmlns="{main}"><sheetData>{cells}</sheetData></worksheet>'),
    ]
    return _stored_zip(members, stamp)


def _webkit(moment: _dt.datetime) -> int:
    return filetime(moment) // 10


def chrome_history(visits: list[tuple[str, str, _dt.datetime, int]], downloads: list[dict[str, Any]]) -> bytes:
    """A Chrome ``History`` database (the sample generator's schema) with these visits and downloads."""
    with tempfile.TemporaryDirectory(prefix="ft-pack-") as tmp:
        work, final = Path(tmp) / "History.build", Path(tmp) / "History"
        conn = sqlite3.connect(work, isolation_level=None)
        try:
            conn.execute("PRAGMA page_size=4096")
            conn.execute("PRAGMA journal_mode=DELETE")
            conn.execute("BEGIN")
            for statement in filter(None, (s.strip() for s in _CHROME_SCHEMA.split(";"))):
                conn.execute(statement)
            conn.executemany("INSERT INTO meta(key, value) VALUES (?, ?)",
                             [("mmap_status", "-1"), ("version", "70"), ("last_compatible_version", "16")])
            for number, (url, title, when, transition) in enumerate(visits, 1):
                conn.execute("INSERT INTO urls(id, url, title, visit_count, typed_count, last_visit_time, hidden)"
                             " VALUES (?,?,?,1,?,?,0)", (number, url, title, int(transition & 0xFF == 1),
                                                         _webkit(when)))
                conn.execute("INSERT INTO visits(id, url, visit_time, from_visit, transition, segment_id,"
                             " visit_duration) VALUES (?,?,?,0,?,0,?)", (number, number, _webkit(when), transition,
                                                                          30_000_000))
            for number, row in enumerate(downloads, 1):
                conn.execute(
                    "INSERT INTO downloads VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (number, f"5B2E4C1A-7D3F-4E6A-8B9C-{number:012X}", row["target_path"], row["target_path"],
                     _webkit(row["start"]), row["size"], row["size"], 1, 0, 0, b"", _webkit(row["end"]), 1, 0, 0,
                     row["referrer"], "", "", row["referrer"], "", "GET", "", "", "", "", "", row["mime"],
                     row["mime"]))
                conn.execute("INSERT INTO downloads_url_chains VALUES (?, 0, ?)", (number, row["url"]))
            conn.execute("COMMIT")
            conn.execute("VACUUM INTO ?", (str(final),))
        finally:
            conn.close()
        return _normalise_sqlite(bytearray(final.read_bytes()))


def _fake_exe(name: str, size: int) -> bytes:
    """A PE-looking stub: MZ header, the DOS message and deterministic filler."""
    head = bytearray(b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff".ljust(0x40, b"\0"))
    head[0x3C:0x40] = (0x80).to_bytes(4, "little")
    head += b"\x0e\x1f\xba\x0e\x00\xb4\x09\xcd\x21\xb8\x01\x4c\xcd\x21This program cannot be run in DOS mode.\r\r\n$"
    head = head.ljust(0x80, b"\0") + b"PE\0\0"
    out = bytearray(head)
    block = hashlib.sha256(name.encode()).digest()
    while len(out) < size:
        block = hashlib.sha256(block).digest()
        out += block
    return bytes(out[:size])


# --------------------------------------------------------------------------- registry


def _sam_f(rid: int, last_logon: _dt.datetime | None, password: _dt.datetime, logons: int, acb: int) -> bytes:
    f = bytearray(80)
    f[0:2] = b"\x03\x00"
    f[0x08:0x10] = (filetime(last_logon) if last_logon else 0).to_bytes(8, "little")
    f[0x18:0x20] = filetime(password).to_bytes(8, "little")
    f[0x20:0x28] = (0x7FFFFFFFFFFFFFFF).to_bytes(8, "little")
    f[0x30:0x34] = rid.to_bytes(4, "little")
    f[0x38:0x3A] = acb.to_bytes(2, "little")
    f[0x42:0x44] = logons.to_bytes(2, "little")
    return bytes(f)


def _sam_v(username: str, full_name: str, comment: str) -> bytes:
    table = bytearray(0xCC)
    data = bytearray()
    for index, text in ((1, username), (2, full_name), (3, comment)):
        raw = text.encode("utf-16-le")
        table[index * 12: index * 12 + 8] = len(data).to_bytes(4, "little") + len(raw).to_bytes(4, "little")
        data += raw + bytes(-len(raw) % 4)
    return bytes(table + data)


def sam_hive() -> bytes:
    root = RegKey("ROOT", T_INSTALL)
    users = root.key("SAM\\Domains\\Account\\Users", T_INSTALL)
    accounts = [  # name, rid, full name, comment, created, last logon, logons, acb
        ("Administrator", 500, "", "Built-in account for administering the computer/domain", T_INSTALL, None, 0,
         0x0211),
        ("Guest", 501, "", "Built-in account for guest access to the computer/domain", T_INSTALL, None, 0, 0x0215),
        ("DefaultAccount", 503, "", "A user account managed by the system.", T_INSTALL, None, 0, 0x0215),
        ("WDAGUtilityAccount", 504, "", "A user account managed and used by the system for Windows Defender "
         "Application Guard scenarios.", T_INSTALL, None, 0, 0x0211),
        (USER, 1001, "Mark Reyes", "", _t("2024-11-02 16:31:40"), T_LOGON, 27, 0x0210),
        ("helpdesk", 1002, "IT Helpdesk", "Temporary support account", _t("2025-03-10 09:12:03"),
         _t("2025-03-10 09:14:51"), 1, 0x0210),
    ]
    names = users.key("Names", T_INSTALL)
    for name, rid, full, comment, created, logon, count, acb in accounts:
        key = users.key(f"{rid:08X}", logon or created)
        key.set("F", REG_BINARY, _sam_f(rid, logon, created, count, acb))
        key.set("V", REG_BINARY, _sam_v(name, full, comment))
        names.key(name, created).values.append(("", rid, b""))
    return regf_hive(root, "\\SystemRoot\\System32\\Config\\SAM", T_LOGON)


def system_hive() -> bytes:
    root = RegKey("ROOT", T_SHUTDOWN)
    select = root.key("Select", T_INSTALL)
    for name, value in (("Current", 1), ("Default", 1), ("Failed", 0), ("LastKnownGood", 1)):
        select.set(name, REG_DWORD, value)
    cs = "ControlSet001"
    root.key(f"{cs}\\Control\\ComputerName\\ComputerName", T_INSTALL).set("ComputerName", REG_SZ,
                                                                          FACTS["computer_name"])
    tz = root.key(f"{cs}\\Control\\TimeZoneInformation", T_INSTALL)
    tz.set("Bias", REG_DWORD, 240).set("ActiveTimeBias", REG_DWORD, 240).set("DaylightBias", REG_DWORD, 0xFFFFFFC4)
    tz.set("StandardName", REG_SZ, "@tzres.dll,-1012").set("TimeZoneKeyName", REG_SZ, "SA Western Standard Time")
    root.key(f"{cs}\\Control\\Windows", T_SHUTDOWN).set("ShutdownTime", REG_BINARY,
                                                        filetime(T_SHUTDOWN).to_bytes(8, "little"))
    instance = root.key(f"{cs}\\Enum\\USBSTOR\\{USB_DEVICE}\\{USB_SERIAL}&0", T_USB_FIRST)
    instance.set("FriendlyName", REG_SZ, USB_FRIENDLY).set("Class", REG_SZ, "DiskDrive")
    instance.set("HardwareID", 7, "USBSTOR\\DiskSanDisk_Cruzer_Blade___1.00\0USBSTOR\\DiskSanDisk_Cruzer_Blade___\0"
                 "GenDisk\0")
    props = instance.key("Properties\\{83da6326-97a6-4088-9453-a1923f573b29}", T_USB_FIRST)
    for code, moment in (("0064", T_USB_FIRST), ("0065", T_USB_FIRST), ("0066", T_USB_ARRIVAL),
                         ("0067", T_USB_REMOVED)):
        props.key(code, moment).values.append(("", 0xFFFF0010, filetime(moment).to_bytes(8, "little")))
    device = (f"_??_USBSTOR#{USB_DEVICE}#{USB_SERIAL}&0#{{53f56307-b6bf-11d0-94f2-00a0c91efb8b}}"
              .encode("utf-16-le"))
    mounted = root.key("MountedDevices", T_USB_ARRIVAL)
    mounted.set("\\DosDevices\\C:", REG_BINARY, bytes.fromhex("de c0 a1 5f 00 00 10 00 00 00 00 00".replace(" ", "")))
    mounted.set("\\DosDevices\\E:", REG_BINARY, device)
    mounted.set(f"\\??\\Volume{VOLUME_GUID}", REG_BINARY, device)
    return regf_hive(root, "\\REGISTRY\\MACHINE\\SYSTEM", T_SHUTDOWN)


def software_hive() -> bytes:
    root = RegKey("ROOT", T_SHUTDOWN)
    cv = root.key("Microsoft\\Windows NT\\CurrentVersion", _t("2025-03-11 02:10:00"))
    cv.set("ProductName", REG_SZ, "Windows 10 Pro").set("EditionID", REG_SZ, "Professional")
    cv.set("DisplayVersion", REG_SZ, "22H2").set("CurrentVersion", REG_SZ, "6.3")
    cv.set("CurrentBuildNumber", REG_SZ, "19045").set("UBR", REG_DWORD, 5608)
    cv.set("InstallDate", REG_DWORD, int(T_INSTALL.timestamp())).set("RegisteredOwner", REG_SZ, "Mark Reyes")
    cv.set("RegisteredOrganization", REG_SZ, "Falcon Logistics").set("SystemRoot", REG_SZ, "C:\\Windows")
    cv.set("ProductId", REG_SZ, "00330-80000-00000-AA123")
    root.key("Piriform\\CCleaner", _t("2025-03-07 17:10:15")).set("Language", REG_SZ, "1033")
    return regf_hive(root, "\\REGISTRY\\MACHINE\\SOFTWARE", T_SHUTDOWN)


def _rot13(text: str) -> str:
    return text.translate(str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
                                        "NOPQRSTUVWXYZABCDEFGHIJKLMnopqrstuvwxyzabcdefghijklm"))


def _userassist(runs: int, focus: int, focus_ms: int, last: _dt.datetime) -> bytes:
    data = bytearray(72)
    data[4:16] = runs.to_bytes(4, "little") + focus.to_bytes(4, "little") + focus_ms.to_bytes(4, "little")
    data[16:56] = b"\x00\x00\x80\xbf" * 10
    data[56:60] = b"\xff\xff\xff\xff"
    data[60:68] = filetime(last).to_bytes(8, "little")
    return bytes(data)


def ntuser_hive() -> bytes:
    root = RegKey("ROOT", T_SHUTDOWN)
    explorer = "Software\\Microsoft\\Windows\\CurrentVersion\\Explorer"
    count = root.key(f"{explorer}\\UserAssist\\{{CEBFF5CD-ACE2-4F4F-9178-9926F41749EA}}\\Count", T_CC_RUNS[0])
    entries = [
        ("{6D809377-6AF0-444B-8957-A3773F02200E}\\CCleaner\\CCleaner64.exe", 3, 5, 241000, T_CC_RUNS[0]),
        ("{7C5A40EF-A0FB-4BFC-874A-C0F2E0B9FA8E}\\Microsoft Office\\root\\Office16\\EXCEL.EXE", 12, 30, 5123000,
         T_EXCEL),
        ("Microsoft.Windows.Explorer", 41, 120, 9984000, _t("2025-03-14 14:01:10")),
        ("{6D809377-6AF0-444B-8957-A3773F02200E}\\Google\\Chrome\\Application\\chrome.exe", 25, 60, 7120000,
         _t("2025-03-14 14:39:50")),
    ]
    for name, runs, focus, ms, last in entries:
        count.set(_rot13(name), REG_BINARY, _userassist(runs, focus, ms, last))
    recent = root.key(f"{explorer}\\RecentDocs", T_OPENED)

    def item(name: str) -> bytes:
        return (name + "\0").encode("utf-16-le") + bytes(4)

    recent.set("MRUListEx", REG_BINARY, bytes.fromhex("00000000 01000000 ffffffff".replace(" ", "")))
    recent.set("0", REG_BINARY, item(XLSX_NAME)).set("1", REG_BINARY, item("Falcon"))
    recent.key(".xlsx", T_OPENED).set("MRUListEx", REG_BINARY, bytes.fromhex("00000000ffffffff")).set(
        "0", REG_BINARY, item(XLSX_NAME))
    recent.key("Folder", _t("2025-03-14 14:38:02")).set("MRUListEx", REG_BINARY, bytes.fromhex("00000000ffffffff")).set(
        "0", REG_BINARY, item("Falcon"))
    return regf_hive(root, "\\??\\C:\\Users\\mreyes\\ntuser.dat", T_SHUTDOWN)


# --------------------------------------------------------------------------- prefetch and shortcut


def _prefetch(exe: str, folder: str, runs: list[_dt.datetime], count: int, extra: list[str]) -> tuple[str, bytes]:
    path = f"{VOLUME_DEVICE}\\{folder}\\{exe}"
    refs = [f"{VOLUME_DEVICE}\\WINDOWS\\SYSTEM32\\NTDLL.DLL", f"{VOLUME_DEVICE}\\WINDOWS\\SYSTEM32\\KERNEL32.DLL",
            *extra, path]
    dirs = sorted({r.rsplit("\\", 1)[0] for r in refs})
    data, pf_hash = prefetch_v30(exe, path, runs, count, refs, VOLUME_DEVICE, VOLUME_SERIAL32, T_INSTALL, dirs)
    return f"{exe}-{pf_hash:08X}.pf", data


# --------------------------------------------------------------------------- the image


def _content() -> dict[str, bytes]:
    rows = [["Client", "Lane", "Rate USD/container", "Margin"],
            ["Caribe Foods", "MIA-POS", "2,150", "18%"], ["Blue Harbor", "MIA-KIN", "2,480", "21%"],
            ["Atlas Retail", "MIA-SJU", "1,920", "15%"], ["Northwind", "MIA-BGI", "2,610", "24%"]]
    xlsx = make_xlsx(rows, (2025, 3, 11, 16, 5, 12))
    checklist = _crlf(
        "Falcon - before Friday\n\n"
        "[x] copy pricing sheet to the SanDisk stick\n"
        "[x] check it opens from E:\n"
        "[ ] CCleaner: browser history + recycle bin\n"
        "[ ] delete the original from Documents\\Falcon\n"
        "[ ] meet D. at Bayfront Park, hand over the stick\n"
        "[ ] delete this list\n\n"
        + "".join(f"note {i:02d}: keep it quiet until the contract is signed\n" for i in range(1, 16)))
    taken = _dt.datetime(2025, 3, 12, 18, 33, 44)  # camera clock (UTC-04:00)
    jpeg, _w, _h = make_jpeg(make_exif("Apple", "iPhone 13", taken, PHOTO_LAT, PHOTO_LON, 96, 64))
    history = chrome_history(
        [("https://www.google.com/search?q=how+to+wipe+recycle+bin+permanently",
          "how to wipe recycle bin permanently - Google Search", _t("2025-03-14 14:39:55"), 0x30000005),
         ("https://www.ccleaner.com/ccleaner/download/standard", "Download CCleaner | Clean, optimize & tune up",
          _t("2025-03-14 14:43:05"), 0x30000000),
         ("https://files.example.org/tools/", "Index of /tools", _t("2025-03-13 21:02:10"), 0x30000001)],
        [{"target_path": f"C:\\Users\\{USER}\\Downloads\\ccsetup612.exe", "url": DOWNLOAD_URL,
          "referrer": "https://www.ccleaner.com/ccleaner/download/standard", "start": T_DOWNLOAD,
          "end": T_DOWNLOAD_END, "size": 40_960 + 1234, "mime": "application/x-msdownload"},
         {"target_path": f"C:\\Users\\{USER}\\Downloads\\ccleaner_patch.com", "url": PATCH_URL,
          "referrer": "https://files.example.org/tools/", "start": _t("2025-03-13 21:02:31"),
          "end": _t("2025-03-13 21:02:32"), "size": 68, "mime": "application/octet-stream"}])
    lnk = lnk_file(f"E:\\Falcon\\{XLSX_NAME}", T_COPY, _t("2025-03-11 20:05:12"), T_EXCEL, len(xlsx), 0x6E1F0A37,
                   "CRUZER", "desktop-mr7k2q", uuid.UUID("9f3b7c1e-2d4a-4b5c-8e6f-0a1b2c3d4e5f"),
                   uuid.UUID("e2f1c0a4-00e5-11f0-9a4d-806e6f6e6963"), drive_type=2)
    return {"xlsx": xlsx, "checklist": checklist, "jpeg": jpeg, "history": history, "lnk": lnk,
            "setup": _fake_exe("ccsetup612.exe", 40_960 + 1234), "eicar": eicar_bytes()}


def _populate(fs: NtfsBuilder, c: dict[str, bytes]) -> None:
    def d(path: str, created: str, modified: str | None = None, attributes: int = 0) -> None:
        fs.add_dir(path, NtfsTimes.of(_t(created), _t(modified) if modified else None), attributes)

    def f(path: str, data: bytes, created: str, modified: str | None = None, accessed: str | None = None,
          **kw: Any) -> None:
        fs.add_file(path, data, NtfsTimes.of(_t(created), _t(modified) if modified else None,
                                             _t(accessed) if accessed else None), **kw)

    inst = "2024-11-02 16:20:00"
    hidden_sys = FA_HIDDEN | FA_SYSTEM
    d("$Recycle.Bin", inst, attributes=hidden_sys)
    d(f"$Recycle.Bin/{SID}-1001", "2024-11-02 16:35:10", "2025-03-14 14:45:20", attributes=hidden_sys)
    f(f"$Recycle.Bin/{SID}-1001/desktop.ini", _crlf("[.ShellClassInfo]\nCLSID={645FF040-5081-101B-9F08-00AA002F954E}"
                                                    "\nLocalizedResourceName=@%SystemRoot%\\system32\\shell32.dll,"
                                                    "-8964\n"), "2024-11-02 16:35:10", attributes=hidden_sys)
    f(f"{FACTS['recycle_i'].rsplit('/', 1)[0]}/$IR8K2QF.xlsx",
      recycle_i_file(FACTS["recycled_original"], len(c["xlsx"]), T_RECYCLED), "2025-03-14 14:45:20")
    f(f"$Recycle.Bin/{SID}-1001/$RR8K2QF.xlsx", c["xlsx"], "2025-03-11 16:05:12", "2025-03-11 20:05:12",
      "2025-03-14 14:45:20")
    d("Program Files", inst)
    d("Program Files/CCleaner", "2025-03-07 17:10:02")
    f("Program Files/CCleaner/CCleaner64.exe", _fake_exe("CCleaner64.exe", 12_288), "2025-03-07 17:10:05")
    d("Users", inst)
    d("Users/Public", inst, attributes=FA_HIDDEN)
    d("Users/helpdesk", "2025-03-10 09:13:20")
    d("Users/helpdesk/Desktop", "2025-03-10 09:13:21")
    d(U, "2024-11-02 16:31:55", "2025-03-14 15:04:58")
    f(f"{U}/NTUSER.DAT", ntuser_hive(), "2024-11-02 16:31:55", "2025-03-14 15:04:58", attributes=FA_HIDDEN | FA_ARCHIVE)
    for sub in ("Desktop", "Documents", "Documents/Falcon", "Downloads", "Music", "Pictures", "AppData",
                "AppData/Local", "AppData/Local/Google", "AppData/Local/Google/Chrome",
                "AppData/Local/Google/Chrome/User Data", "AppData/Local/Google/Chrome/User Data/Default",
                "AppData/Roaming", "AppData/Roaming/Microsoft", "AppData/Roaming/Microsoft/Windows",
                "AppData/Roaming/Microsoft/Windows/Recent"):
        d(f"{U}/{sub}", "2024-11-02 16:32:00", attributes=FA_HIDDEN if sub == "AppData" else 0)
    f(f"{U}/Desktop/todo.txt", _crlf("- quarterly rates to sales (Mon)\n- renew parking permit\n"),
      "2025-03-10 08:40:00", "2025-03-13 17:55:10")
    f(FACTS["deleted_file"], c["checklist"], "2025-03-13 22:10:04", "2025-03-14 14:40:31",
      T_CHECKLIST_DELETED.strftime("%Y-%m-%d %H:%M:%S"), deleted=True)
    f(f"{U}/Documents/Falcon/meeting_minutes_2025-03-03.txt",
      _crlf("Falcon steering meeting 03/03\n- Q2 rates frozen until the tender closes\n- pricing sheet is "
            "CONFIDENTIAL: no copies outside the share\n"), "2025-03-03 15:20:00", "2025-03-03 16:02:11")
    f(f"{U}/Documents/expenses_feb.csv", _crlf("date,item,usd\n2025-02-04,taxi,23.50\n2025-02-18,hotel,189.00\n"),
      "2025-02-28 10:00:00")
    f(FACTS["download"], c["setup"], "2025-03-14 14:43:12", "2025-03-14 14:43:20",
      streams={"Zone.Identifier": _crlf(
          f"[ZoneTransfer]\nZoneId=3\nReferrerUrl=https://www.ccleaner.com/ccleaner/download/standard\n"
          f"HostUrl={DOWNLOAD_URL}\n")}, fragmented=True)
    f(FACTS["eicar"], c["eicar"], "2025-03-13 21:02:31", "2025-03-13 21:02:32",
      streams={"Zone.Identifier": _crlf(f"[ZoneTransfer]\nZoneId=3\nHostUrl={PATCH_URL}\n")})
    f(FACTS["lying_file"], c["xlsx"], "2025-03-14 14:42:50")
    f(f"{U}/Music/track01.mp3", b"ID3\x04\x00\x00\x00\x00\x00\x0a" + bytes(6) + b"\xff\xfb\x90\x64" + bytes(2000),
      "2025-01-19 12:00:00")
    f(FACTS["photo"], c["jpeg"], "2025-03-12 22:40:10", "2025-03-12 22:33:44")
    chrome = f"{U}/AppData/Local/Google/Chrome/User Data/Default"
    f(f"{chrome}/History", c["history"], "2024-11-02 16:45:00", "2025-03-14 14:43:21")
    f(FACTS["lnk"], c["lnk"], "2025-03-14 14:42:31", "2025-03-14 14:42:31")
    d("Windows", inst)
    d("Windows/Prefetch", inst, "2025-03-14 14:46:12")
    prefetch: list[tuple[str, str, list[_dt.datetime], int, list[str]]] = [
        ("CCLEANER64.EXE", "PROGRAM FILES\\CCLEANER", [T_CC_RUNS[0] + _dt.timedelta(seconds=10), T_CC_RUNS[1]
                                                        + _dt.timedelta(seconds=10), T_CC_RUNS[2]], 3, []),
        ("EXCEL.EXE", "PROGRAM FILES\\MICROSOFT OFFICE\\ROOT\\OFFICE16",
         [T_EXCEL, _t("2025-03-13 17:40:02"), _t("2025-03-12 09:15:33")], 12, []),
        ("CHROME.EXE", "PROGRAM FILES\\GOOGLE\\CHROME\\APPLICATION",
         [_t("2025-03-14 14:39:50"), _t("2025-03-14 08:02:11"), _t("2025-03-13 20:58:40")], 25, []),
        ("NOTEPAD.EXE", "WINDOWS\\SYSTEM32", [_t("2025-03-13 22:10:01"), _t("2025-03-10 08:40:00")], 4, []),
    ]
    for exe, folder, runs, count, extra in prefetch:
        name, data = _prefetch(exe, folder, runs, count, extra)
        f(f"Windows/Prefetch/{name}", data, (runs[-1] + _dt.timedelta(seconds=10)).strftime("%Y-%m-%d %H:%M:%S"),
          (runs[0] + _dt.timedelta(seconds=10)).strftime("%Y-%m-%d %H:%M:%S"))
    d("Windows/System32", inst)
    d("Windows/System32/config", inst, "2025-03-14 15:05:12")
    f("Windows/System32/config/SAM", sam_hive(), inst, "2025-03-14 13:58:12")
    f("Windows/System32/config/SYSTEM", system_hive(), inst, "2025-03-14 15:05:12")
    f("Windows/System32/config/SOFTWARE", software_hive(), inst, "2025-03-14 15:05:12")
    f("Windows/win.ini", _crlf("; for 16-bit app support\n[fonts]\n[extensions]\n[mci extensions]\n[files]\n"
                               "[Mail]\nMAPI=1\n"), "2019-12-07 09:09:00")


def _questions(c: dict[str, bytes]) -> list[dict[str, Any]]:
    def q(qid: str, text: str, points: int, kind: str, answer: Any, hints: list[tuple[str, int]],
          tolerance: int | None = None) -> dict[str, Any]:
        out: dict[str, Any] = {"id": qid, "text": text, "points": points, "type": kind, "answer": answer,
                               "hints": [{"text": h, "cost": cost} for h, cost in hints]}
        if tolerance is not None:
            out["tolerance"] = tolerance
        return out

    return [
        q("computer-name", "What is the computer name of the laptop?", 5, "text", FACTS["computer_name"],
          [("The SYSTEM hive keeps it under the current control set.", 1),
           ("Look at the windows.system_info artifact.", 2)]),
        q("helpdesk-account", "A local account was added a few days before the incident. What is its user name "
          "(it has RID 1002)?", 5, "text", "helpdesk",
          [("User accounts are in the SAM hive (Windows/System32/config/SAM).", 1),
           ("List the windows.user_account artifacts and read the RID column.", 2)]),
        q("usb-serial", "What is the serial number of the USB storage device connected to the laptop?", 10,
          "text", USB_SERIAL,
          [("USB storage devices are recorded in the SYSTEM hive under Enum\\USBSTOR.", 2),
           ("The serial is the instance key name without the trailing '&0'.", 3)]),
        q("usb-connected", "When (UTC) was that USB device last connected?", 10, "time", FACTS["usb_last_connected"],
          [("Windows keeps the last arrival time as device property 0066.", 2),
           ("It is the last_connected field of the windows.usb_storage artifact.", 3)], tolerance=60),
        q("cleaner-program", "Which program, run during the incident, is typically used to wipe traces? Give the "
          "executable name as Prefetch records it.", 5, "text", FACTS["program"],
          [("Program execution is recorded in Windows/Prefetch.", 1),
           ("Look at the windows.prefetch artifacts run between 14:40 and 14:50 UTC.", 2)]),
        q("cleaner-runs", "How many times had that program been run, according to its Prefetch file?", 5, "number",
          FACTS["run_count"], [("The run count is stored in the Prefetch file header.", 2)]),
        q("deleted-name", "A text file was deleted from the user's Desktop (it is not in the Recycle Bin). What was "
          "its name?", 10, "text", "exfil_checklist.txt",
          [("Deleted NTFS files keep their MFT record until it is reused.", 2),
           ("List only deleted files: files --deleted.", 3)]),
        q("deleted-sha256", "What is the SHA-256 of that deleted file's content?", 10, "hash",
          hashlib.sha256(c["checklist"]).hexdigest(),
          [("The tool hashes deleted files whose clusters are still intact.", 2)]),
        q("recycled-original", "The price list was deleted to the Recycle Bin. What was its original full path?", 10,
          "path", FACTS["recycled_original"],
          [("Look in $Recycle.Bin/<SID>/ for a $I file.", 2),
           ("The windows.recyclebin artifact gives the original path and the deletion time.", 3)]),
        q("photo-latitude", "The photo in Pictures was taken where the checklist says the stick would be handed "
          "over. What latitude does its EXIF GPS data give (decimal degrees, 2 decimals)?", 5, "number",
          round(PHOTO_LAT, 2), [("EXIF data is in the image.exif artifact.", 1)]),
        q("download-url", "From which URL was the CCleaner installer downloaded?", 5, "text", DOWNLOAD_URL,
          [("Chrome keeps downloads in its History database.", 1),
           ("The download's Zone.Identifier alternate data stream also names it (HostUrl).", 2)]),
        q("extension-lie", "One file in the user's profile has an extension that lies about its content (it is "
          "really a copy of the price list). Which file?", 10, "path", "/" + FACTS["lying_file"],
          [("Signature findings list files whose content does not match their extension.", 2)]),
        q("yara-hit", "Which file did the YARA rules flag?", 5, "path", "/" + FACTS["eicar"],
          [("List the YARA hits of the case.", 1)]),
        q("timeline-window", "What happened on the laptop between 14:40 and 14:50 UTC on 14 March 2025? "
          "(A) a USB drive was connected, the price list was opened from it, CCleaner was downloaded and run, and "
          "the original price list was deleted to the Recycle Bin; (B) the user logged on and the laptop was shut "
          "down; (C) a new user account was created and used to copy the price list; (D) nothing was recorded. "
          "Answer A, B, C or D.", 10, "choice", "A",
          [("Filter the timeline to that window (timeline --from ... --to ...).", 2)]),
        q("report-evidence", "Which file best supports the conclusion that the price list was opened from the USB "
          "drive (E:)? Give its path.", 10, "path", "/" + FACTS["lnk"],
          [("A shortcut in Recent records the target path, its volume and drive type.", 3)]),
    ]


def build_windows_pack(out_dir: Path) -> tuple[Path, list[dict[str, Any]]]:
    """Write the raw disk image into ``out_dir`` and return (image path, questions)."""
    content = _content()
    fs = NtfsBuilder(PART_SECTORS, hidden_sectors=PART_START, serial=VOLUME_SERIAL, label="OS",
                     formatted=T_INSTALL)
    _populate(fs, content)
    volume = fs.build()
    image = bytearray(IMAGE_SIZE)
    image[0:SECTOR] = make_mbr([(PART_START, PART_SECTORS, 0x07, True)], DISK_SIGNATURE)
    image[PART_START * SECTOR: PART_START * SECTOR + len(volume)] = volume
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / IMAGE_NAME
    tmp = path.with_name(path.name + ".part")
    tmp.write_bytes(bytes(image))
    tmp.replace(path)
    return path, _questions(content)


