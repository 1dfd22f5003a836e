"""android.packages: packages.xml as text XML and as Android Binary XML (ABX), packages.list."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from forensic_triage.plugins.android_packages import AndroidPackagesExtractor
from forensic_triage.plugins.android_xml import XmlError, parse
from helpers import run_extractor, selects

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "helpers"))
import android_builders as ab  # noqa: E402

XML_PATH = "data/system/packages.xml"


def test_inputs_every_layout() -> None:
    for prefix in ("", "data/", "Dump/data/", "fs/data/"):
        assert selects(AndroidPackagesExtractor, prefix + "system/packages.xml")[0], prefix
        assert selects(AndroidPackagesExtractor, prefix + "system/packages.list")[0], prefix
    assert not selects(AndroidPackagesExtractor, "data/system/packages-backup.xml.bak")[0]


def test_text_and_binary_packages_xml_give_the_same_packages() -> None:
    text_arts, text_warn = run_extractor(AndroidPackagesExtractor, ab.packages_xml(), XML_PATH)
    abx_data = ab.abx(ab.packages_tree())
    assert abx_data.startswith(b"ABX\x00")
    abx_arts, abx_warn = run_extractor(AndroidPackagesExtractor, abx_data, XML_PATH)
    assert text_warn == [] and abx_warn == []
    assert len(text_arts) == len(ab.PACKAGES) == len(abx_arts)
    strip = [{k: v for k, v in a.data.items() if k != "source"} for a in abx_arts]
    assert strip == [{k: v for k, v in a.data.items() if k != "source"} for a in text_arts]
    assert {a.data["source"] for a in abx_arts} == {"packages.xml (ABX)"}
    wa = abx_arts[0]
    assert wa.type == "android.package"
    assert wa.data == {
        "package": "com.whatsapp", "source": "packages.xml (ABX)", "version_code": 232475002, "uid": 10187,
        "code_path": "/data/app/~~Xq3==/com.whatsapp-aB1==", "data_dir": None, "installer": "com.android.vending",
        "first_install": "2023-03-28T10:40:00Z", "last_update": "2023-03-31T22:00:00Z",
        "code_modified": "2023-03-31T21:59:55Z", "system_app": False, "debuggable": False,
        "permissions": ["android.permission.INTERNET", "android.permission.READ_CONTACTS"],
    }
    assert sorted(wa.times) == [("App installed (Android)", "2023-03-28T10:40:00Z"),
                                ("App updated (Android)", "2023-03-31T22:00:00Z")]
    chrome = abx_arts[2].data
    assert chrome["system_app"] is True and chrome["installer"] is None


def test_packages_list() -> None:
    arts, warnings = run_extractor(AndroidPackagesExtractor, ab.PACKAGES_LIST, "data/system/packages.list")
    assert warnings == []
    assert [(a.data["package"], a.data["uid"], a.data["version_code"], a.data["debuggable"]) for a in arts] == [
        ("com.whatsapp", 10187, 232475002, False), ("org.telegram.messenger", 10201, 40184, False),
        ("com.example.debug", 10250, 7, True)]
    assert arts[0].data["data_dir"] == "/data/user/0/com.whatsapp"


def test_damaged_binary_xml_is_a_warning_that_points_to_packages_list() -> None:
    data = ab.abx(ab.packages_tree())
    arts, warnings = run_extractor(AndroidPackagesExtractor, data[: len(data) // 2], XML_PATH)
    assert arts == [] and len(warnings) == 1
    assert "Android Binary XML" in warnings[0].message and "packages.list" in warnings[0].message


@pytest.mark.parametrize("data", [b"<packages><package name='x'", b"\x00\x01garbage", b"<other/>",
                                  b"<!DOCTYPE x [<!ENTITY a 'b'>]><packages/>"])
def test_malformed_packages_xml_is_a_warning(data: bytes) -> None:
    arts, warnings = run_extractor(AndroidPackagesExtractor, data, XML_PATH)
    assert arts == [] and len(warnings) == 1 and warnings[0].kind == "warning"


def test_malformed_packages_list_lines_are_skipped_with_a_warning() -> None:
    data = ab.PACKAGES_LIST + b"not-a-line\n\xff\xfe\n"
    arts, warnings = run_extractor(AndroidPackagesExtractor, data, "data/system/packages.list")
    assert len(arts) == 3 and len(warnings) == 2


def test_abx_decoder_rejects_bad_references_and_unclosed_tags() -> None:
    good = ab.abx(ab.packages_tree())
    assert parse(good).tag == "packages"
    with pytest.raises(XmlError, match="names no earlier string"):
        parse(b"ABX\x00\x00\x23\x00\x05")
    with pytest.raises(XmlError, match="ends inside"):
        parse(good[:-4])
