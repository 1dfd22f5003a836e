"""The pure-Python Windows artifact writers, read back by the libyal libraries the extractors use."""

from __future__ import annotations

import datetime as _dt
import io
import struct
import uuid

import pylnk
import pyregf
import pyscca

from forensic_triage.sample.winartifacts import (
    REG_BINARY,
    REG_DWORD,
    REG_SZ,
    RegKey,
    lnk_file,
    prefetch_v30,
    recycle_i_file,
    regf_hive,
)

UTC = _dt.UTC
T = _dt.datetime(2025, 3, 14, 14, 41, 7, tzinfo=UTC)


def _open(data: bytes) -> pyregf.file:
    regf = pyregf.file()
    regf.open_file_object(io.BytesIO(data))
    return regf


def test_regf_keys_values_and_names_read_back() -> None:
    root = RegKey("ROOT", T)
    key = root.key("Software\\Ünïcode Kéy\\Sub", T - _dt.timedelta(days=1))
    key.set("Small", REG_DWORD, 240).set("Text", REG_SZ, "DESKTOP-MR7K2Q").set("Blob", REG_BINARY, bytes(range(40)))
    key.set("Valüe", REG_SZ, "x").set("", REG_BINARY, b"\x01\x02\x03\x04\x05\x06\x07\x08")
    many = root.key("Many", T)
    for i in reversed(range(30)):
        many.key(f"Child{i:02d}", T)
    data = regf_hive(root, "\\REGISTRY\\MACHINE\\TEST", T)
    assert data[:4] == b"regf" and len(data) % 4096 == 0
    checksum = 0
    for (word,) in struct.iter_unpack("<I", data[:508]):
        checksum ^= word
    assert struct.unpack_from("<I", data, 0x1FC)[0] == checksum
    regf = _open(data)
    sub = regf.get_key_by_path("Software\\Ünïcode Kéy\\Sub")
    assert sub is not None and sub.get_last_written_time() == (T - _dt.timedelta(days=1)).replace(tzinfo=None)
    assert sub.get_value_by_name("Small").get_data_as_integer() == 240
    assert sub.get_value_by_name("Text").get_data_as_string() == "DESKTOP-MR7K2Q"
    assert sub.get_value_by_name("Blob").data == bytes(range(40))
    assert sub.get_value_by_name("Valüe").get_data_as_string() == "x"
    assert sub.get_value_by_name("").data == b"\x01\x02\x03\x04\x05\x06\x07\x08"
    children = regf.get_key_by_path("Many")
    names = [children.get_sub_key(i).name for i in range(children.number_of_sub_keys)]
    assert names == [f"Child{i:02d}" for i in range(30)]  # stored sorted, as Windows keeps them
    assert regf.get_key_by_path("Many\\Child17") is not None


def test_prefetch_v30_reads_back() -> None:
    volume = "\\VOLUME{01db2d4c8e1f2a3b-1a2b3c4d}"
    exe = f"{volume}\\PROGRAM FILES\\CCLEANER\\CCLEANER64.EXE"
    runs = [T - _dt.timedelta(hours=h) for h in range(9)]  # nine runs: the file keeps the last eight
    data, pf_hash = prefetch_v30("CCLEANER64.EXE", exe, runs, 9, [f"{volume}\\WINDOWS\\SYSTEM32\\NTDLL.DLL", exe],
                                 volume, 0x1A2B3C4D, T - _dt.timedelta(days=100), [f"{volume}\\WINDOWS"])
    scca = pyscca.file()
    scca.open_file_object(io.BytesIO(data))
    assert scca.format_version == 30 and scca.executable_filename == "CCLEANER64.EXE"
    assert scca.prefetch_hash == pf_hash and scca.run_count == 9
    stored = [scca.get_last_run_time(i) for i in range(8)]
    assert stored == [r.replace(tzinfo=None) for r in runs[:8]]
    assert [scca.get_filename(i) for i in range(scca.number_of_filenames)][-1] == exe
    vol = scca.get_volume_information(0)
    assert vol.device_path == volume and vol.serial_number == 0x1A2B3C4D


def test_lnk_reads_back() -> None:
    droid = uuid.UUID("e2f1c0a4-00e5-11f0-9a4d-806e6f6e6963")
    data = lnk_file("E:\\Falcon\\prices.xlsx", T, T - _dt.timedelta(days=3), T, 3303, 0x6E1F0A37, "CRUZER",
                    "desktop-mr7k2q", uuid.UUID("9f3b7c1e-2d4a-4b5c-8e6f-0a1b2c3d4e5f"), droid, drive_type=2)
    lnk = pylnk.file()
    lnk.open_file_object(io.BytesIO(data))
    assert lnk.local_path == "E:\\Falcon\\prices.xlsx" and lnk.file_size == 3303
    assert lnk.drive_type == 2 and lnk.drive_serial_number == 0x6E1F0A37 and lnk.volume_label == "CRUZER"
    assert lnk.machine_identifier == "desktop-mr7k2q" and lnk.droid_file_identifier == str(droid)
    assert lnk.get_file_modification_time() == (T - _dt.timedelta(days=3)).replace(tzinfo=None)
    assert not lnk.is_corrupted()


def test_recycle_i_file_layout() -> None:
    data = recycle_i_file("C:\\Users\\mreyes\\a.xlsx", 3303, T)
    version, size, when, chars = struct.unpack_from("<QQQI", data)
    assert (version, size, chars) == (2, 3303, len("C:\\Users\\mreyes\\a.xlsx") + 1)
    assert data[28:].decode("utf-16-le") == "C:\\Users\\mreyes\\a.xlsx\0"
    assert when == int((T - _dt.datetime(1601, 1, 1, tzinfo=UTC)).total_seconds()) * 10_000_000
