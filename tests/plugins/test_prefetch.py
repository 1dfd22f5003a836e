"""windows.prefetch: real Prefetch files (formats 17-31) and a format-17 file built here."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from forensic_triage.plugins.prefetch import PrefetchExtractor
from helpers import run_extractor, selects

PF_PATH = "Windows/Prefetch/EVIL.EXE-1234ABCD.pf"


def build_pf17(executable: str, pf_hash: int, run_count: int, last_run: int, files: list[str],
               device: str, serial: int, vol_created: int) -> bytes:
    """A minimal but complete Windows XP (format 17) Prefetch file."""
    strings = b""
    offsets = []
    for name in files:
        offsets.append(len(strings))
        strings += name.encode("utf-16-le") + b"\0\0"
    metrics_off = 84 + 68
    metrics = b"".join(struct.pack("<IIIII", 0, 0, offsets[i], len(f), 0) for i, f in enumerate(files))
    trace_off = metrics_off + len(metrics)
    trace = b"".join(struct.pack("<IIBBH", 0xFFFFFFFF, 1, 1, 0, 0) for _ in files)
    strings_off = trace_off + len(trace)
    vol_off = strings_off + len(strings)
    vol_off += (-vol_off) % 8
    vol_info = struct.pack("<IIQIIIIII", 40, len(device), vol_created, serial, 0, 0, 0, 0, 0)
    vol_info += device.encode("utf-16-le") + b"\0\0"
    info = struct.pack("<IIIIIIIIIQ16sII", metrics_off, len(files), trace_off, len(files), strings_off,
                       len(strings), vol_off, 1, len(vol_info), last_run, b"\0" * 16, run_count, 0)
    body = info + metrics + trace + strings
    body += b"\0" * (vol_off - 84 - len(body)) + vol_info
    header = struct.pack("<I4sII60sII", 17, b"SCCA", 0x0F, 84 + len(body),
                         executable.encode("utf-16-le").ljust(60, b"\0"), pf_hash, 0)
    return header + body


FILES = [r"\DEVICE\HARDDISKVOLUME1\WINDOWS\SYSTEM32\NTDLL.DLL", r"\DEVICE\HARDDISKVOLUME1\TOOLS\EVIL.EXE"]


@pytest.fixture()
def pf17() -> bytes:
    return build_pf17("EVIL.EXE", 0x1234ABCD, 3, 130073839092812500, FILES,
                      r"\DEVICE\HARDDISKVOLUME1", 0xDEADBEEF, 130073843862343750)


def test_declared_inputs_select_prefetch_folder_and_signature(pf17: bytes) -> None:
    assert selects(PrefetchExtractor, "WINDOWS/Prefetch/CMD.EXE-087B4001.pf")[0]
    assert selects(PrefetchExtractor, "carved/file0001.bin", pf17)[0]
    assert not selects(PrefetchExtractor, "Windows/notes.txt", b"hello")[0]


def test_generated_format17_one_full_record(pf17: bytes) -> None:
    versions: dict[str, str] = {}
    artifacts, warnings = run_extractor(PrefetchExtractor, pf17, PF_PATH, library_versions=versions)
    assert warnings == []
    assert len(artifacts) == 1
    art = artifacts[0]
    assert (art.type, art.plugin, art.plugin_version) == ("windows.prefetch", "windows.prefetch", "1.0")
    assert art.data == {
        "executable": "EVIL.EXE",
        "executable_path": r"\DEVICE\HARDDISKVOLUME1\TOOLS\EVIL.EXE",
        "prefetch_hash": "0x1234ABCD",
        "format_version": 17,
        "run_count": 3,
        "last_run": "2013-03-10T10:11:49.281250Z",
        "run_times": ["2013-03-10T10:11:49.281250Z"],
        "volumes": [{"device_path": r"\DEVICE\HARDDISKVOLUME1", "serial_number": "DEADBEEF",
                     "created": "2013-03-10T10:19:46.234375Z"}],
        "referenced_files": FILES,
    }
    assert art.times == [("Program run (Prefetch)", "2013-03-10T10:11:49.281250Z")]
    assert "libscca-python" in versions


@pytest.mark.parametrize("cut", [10, 100, 200])
def test_truncated_prefetch_is_a_warning(pf17: bytes, cut: int) -> None:
    artifacts, warnings = run_extractor(PrefetchExtractor, pf17[:cut], PF_PATH)
    assert artifacts == []
    assert len(warnings) == 1 and "Prefetch" in warnings[0].message
    assert warnings[0].source == "windows.prefetch"


def test_garbage_with_pf_name_is_a_warning() -> None:
    artifacts, warnings = run_extractor(PrefetchExtractor, b"MAM\x04" + b"\xff" * 300, PF_PATH)
    assert artifacts == [] and len(warnings) == 1


# Facts asserted by plaso's tests/parsers/winprefetch.py (corpus/truth/EXPECTATIONS.md section 4).
CORPUS_CASES = [
    ("CMD.EXE-087B4001.pf", 17, "CMD.EXE", "0x087B4001", None, ["2013-03-10T10:11:49.281250Z"],
     "24CB074B", r"\DEVICE\HARDDISKVOLUME1", 33),
    ("PING.EXE-B29F6629.pf", 23, "PING.EXE", "0xB29F6629", 14, ["2012-04-06T19:00:55.932955Z"],
     "AC036525", r"\DEVICE\HARDDISKVOLUME1", None),
    ("TASKHOST.EXE-3AE259FC.pf", 26, "TASKHOST.EXE", "0x3AE259FC", 4,
     ["2013-10-04T15:40:09.037833Z", "2013-10-04T15:28:09.010356Z", "2013-10-04T06:19:54.596060Z",
      "2013-10-04T06:11:13.642937Z"], f"{1751925321:08X}", r"\DEVICE\HARDDISKVOLUME2", None),
    ("NOTEPAD.EXE-D8414F97.pf", 30, "NOTEPAD.EXE", "0xD8414F97", 2,
     ["2019-06-05T19:55:04.877778Z", "2019-06-05T19:23:00.815705Z"], f"{748933550:08X}",
     r"\VOLUME{01d3096ba3a46863-2ca3d1ae}", None),
    ("AM_DELTA_PATCH_1.443.990.0.EX-7037CF86.pf", 31, "AM_DELTA_PATCH_1.443.990.0.EX", "0x7037CF86", 1, None,
     f"{3156155388:08X}", r"\VOLUME{01dc94cf1f08c4a4-bc1f1bfc}", None),
]


@pytest.mark.corpus
@pytest.mark.parametrize("case", CORPUS_CASES, ids=[c[0] for c in CORPUS_CASES])
def test_corpus_prefetch(corpus: Path, case: tuple) -> None:  # type: ignore[type-arg]
    fname, fmt, exe, pf_hash, runs, times, serial, device, n_files = case
    data = (corpus / "artifacts" / "prefetch" / fname).read_bytes()
    artifacts, warnings = run_extractor(PrefetchExtractor, data, f"Windows/Prefetch/{fname}")
    assert warnings == []
    assert len(artifacts) == 1
    rec = artifacts[0].data
    assert (rec["format_version"], rec["executable"], rec["prefetch_hash"]) == (fmt, exe, pf_hash)
    if runs is not None:
        assert rec["run_count"] == runs
    if times is not None:
        # plaso gives 100 ns precision; Python keeps microseconds (truncated).
        assert rec["run_times"] == times
    assert rec["volumes"][0]["serial_number"] == serial
    assert rec["volumes"][0]["device_path"] == device
    if n_files is not None:
        assert len(rec["referenced_files"]) == n_files
    if fname.startswith("PING"):
        assert rec["executable_path"] == r"\DEVICE\HARDDISKVOLUME1\WINDOWS\SYSTEM32\PING.EXE"
    if fname.startswith("AM_DELTA"):
        assert rec["executable_path"].endswith(
            r"\WINDOWS\SOFTWAREDISTRIBUTION\DOWNLOAD\INSTALL\AM_DELTA_PATCH_1.443.990.0.EXE")
    if fname.startswith("CMD"):
        assert rec["volumes"][0]["created"] == "2013-03-10T10:19:46.234375Z"
