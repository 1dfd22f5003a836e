"""Damaged hives: truncated and bit-flipped copies yield warnings (and what can still be read), never
an exception; files that merely look like hives are passed over quietly."""

from __future__ import annotations

import lzma
import random
from pathlib import Path

import pytest
from fixtures_regf import Key, Value, build_hive
from forensic_triage.plugins.registry_autostart import AutostartExtractor
from forensic_triage.plugins.registry_system import SystemInfoExtractor
from forensic_triage.plugins.registry_usb import UsbStorageExtractor
from helpers import run_extractor

SYSTEM_PATH = "Windows/System32/config/SYSTEM"


@pytest.fixture(scope="module")
def system_hive(corpus: Path) -> bytes:
    return lzma.decompress((corpus / "artifacts/registry/regipy/SYSTEM.xz").read_bytes())


def test_truncated_system_is_salvaged(system_hive: bytes) -> None:
    cut = system_hive[: len(system_hive) // 3 + 1234]
    artifacts, warnings = run_extractor(SystemInfoExtractor, cut, SYSTEM_PATH)
    assert len(warnings) == 1
    assert "truncated or damaged" in warnings[0].message and warnings[0].source == "windows.registry.system"
    # The keys in the surviving hive bins are still reported.
    assert len(artifacts) == 1 and artifacts[0].data["computer_name"] == "WKS-WIN732BITA"
    services, warnings = run_extractor(AutostartExtractor, cut, SYSTEM_PATH)
    assert len(services) == 416 and len(warnings) == 1


def test_bit_flipped_system_gives_warnings_not_exceptions(system_hive: bytes) -> None:
    data = bytearray(system_hive)
    rng = random.Random(20240301)
    for _ in range(20000):
        data[rng.randrange(4096, len(data))] ^= 1 << rng.randrange(8)
    for extractor in (SystemInfoExtractor, UsbStorageExtractor, AutostartExtractor):
        artifacts, warnings = run_extractor(extractor, bytes(data), SYSTEM_PATH)
        assert warnings, f"{extractor.name}: damage must be reported"
        assert all(w.kind == "warning" for w in warnings), [w.message for w in warnings]


def test_corrupt_sub_key_list_hive(corpus: Path) -> None:
    """plaso's corrupt_sub_key_list.hiv (plaso: 1 extraction warning) at a hive's path."""
    data = (corpus / "artifacts/registry/plaso/regf/corrupt_sub_key_list.hiv").read_bytes()
    artifacts, warnings = run_extractor(SystemInfoExtractor, data, SYSTEM_PATH)
    assert artifacts == []
    assert len(warnings) == 1 and "Damaged registry data" in warnings[0].message


def test_not_a_hive_at_a_hive_path() -> None:
    text = b"this is not a registry hive\n" * 10
    artifacts, warnings = run_extractor(SystemInfoExtractor, text, SYSTEM_PATH)
    assert artifacts == []
    assert len(warnings) == 1 and "Not a registry hive" in warnings[0].message
    # The same name elsewhere (e.g. a Linux file called 'system') is not reported.
    assert run_extractor(SystemInfoExtractor, text, "usr/share/doc/foo/system") == ([], [])


def test_signature_only_junk_is_passed_over_quietly() -> None:
    junk = b"regf" + bytes(8188)
    assert run_extractor(SystemInfoExtractor, junk, "Windows/System32/config/SYSTEM.LOG1") == ([], [])
    # A readable hive of another kind (no keys this extractor needs): nothing, silently.
    other = build_hive(Key("ROOT", subkeys=[Key("Nothing", values=[Value.dword("x", 1)])]))
    assert run_extractor(UsbStorageExtractor, other, "Users/jdoe/AppData/Local/settings.dat") == ([], [])
