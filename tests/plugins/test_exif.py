"""image.exif: a JPEG with EXIF and GPS made here with Pillow, and the corpus photos."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from forensic_triage.plugins.exif import ExifExtractor
from helpers import run_extractor, selects
from PIL import Image, TiffImagePlugin

PHOTO = "Users/alice/Pictures/IMG_0001.JPG"


def jpeg_with_exif(offset: str | None = "+02:00") -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "Apple"
    exif[0x0110] = "iPhone 12"
    exif[0x0131] = "16.1"
    exif[0x0132] = "2023:04:02 08:00:00"
    sub = exif.get_ifd(0x8769)
    sub[0x9003] = "2023:04:01 10:20:30"
    if offset:
        sub[0x9011] = offset
    sub[0xA431] = "SN12345"
    sub[0xA434] = "iPhone 12 back camera 4.2mm f/1.6"
    gps = exif.get_ifd(0x8825)
    gps.update({1: "S", 2: (33.0, 51.0, TiffImagePlugin.IFDRational(5400, 100)), 3: "E", 4: (151.0, 12.0, 30.0),
                5: b"\x00", 6: TiffImagePlugin.IFDRational(125, 2), 7: (8.0, 20.0, 30.0), 18: "WGS-84",
                29: "2023:04:01"})
    out = io.BytesIO()
    Image.new("RGB", (8, 6), "red").save(out, "JPEG", exif=exif)
    return out.getvalue()


def test_inputs_select_pictures_by_name_and_signature() -> None:
    assert selects(ExifExtractor, PHOTO)[0]
    assert selects(ExifExtractor, "Users/alice/AppData/cache/f_0001a2", b"\xff\xd8\xff\xe1\x00\x10Exif")[0]
    assert not selects(ExifExtractor, "Users/alice/notes.txt", b"hello")[0]


def test_generated_jpeg_one_full_record() -> None:
    versions: dict[str, str] = {}
    artifacts, warnings = run_extractor(ExifExtractor, jpeg_with_exif(), PHOTO, library_versions=versions)
    assert warnings == []
    assert len(artifacts) == 1
    art = artifacts[0]
    assert (art.type, art.plugin, art.plugin_version) == ("image.exif", "image.exif", "1.1")
    assert art.data == {
        "make": "Apple", "model": "iPhone 12", "serial_number": "SN12345",
        "lens_model": "iPhone 12 back camera 4.2mm f/1.6", "software": "16.1",
        "taken": "2023-04-01T08:20:30Z", "taken_offset": "+02:00", "taken_camera_clock": None,
        "modified_camera_clock": "2023-04-02T08:00:00",
        "latitude": -33.865, "longitude": 151.2083333, "altitude": 62.5,
        "gps_time": "2023-04-01T08:20:30Z", "gps_map_datum": "WGS-84", "width": 8, "height": 6,
    }
    # With OffsetTimeOriginal the camera recorded its zone: 'taken' is UTC from that offset. The
    # IFD0 DateTime has no offset tag here: a naive camera-clock reading (basis 'local').
    assert sorted(art.times) == [("GPS fix (EXIF, UTC)", "2023-04-01T08:20:30Z"),
                                 ("Photo taken (EXIF, with the UTC offset the camera recorded)", "2023-04-01T08:20:30Z"),
                                 ("Picture changed (EXIF DateTime, camera or editor clock, no zone recorded)",
                                  "2023-04-02T08:00:00")]
    assert "Pillow" in versions


def test_without_offset_the_camera_clock_is_not_called_utc() -> None:
    artifacts, _ = run_extractor(ExifExtractor, jpeg_with_exif(offset=None), PHOTO)
    data = artifacts[0].data
    assert data["taken"] is None and data["taken_offset"] is None
    assert data["taken_camera_clock"] == "2023-04-01T10:20:30"
    # A clock reading without a zone is passed on as naive text (never with 'Z'); the writer puts
    # it on the timeline only with a declared zone (tests/test_time_basis.py).
    camera = [(label, when) for label, when in artifacts[0].times if "camera clock" in label]
    assert camera == [("Photo taken (EXIF camera clock, no zone recorded)", "2023-04-01T10:20:30")]
    assert all(when.endswith("Z") for label, when in artifacts[0].times if "no zone" not in label)


def test_jpeg_without_exif_gives_nothing_and_no_warning() -> None:
    out = io.BytesIO()
    Image.new("RGB", (4, 4)).save(out, "JPEG")
    assert run_extractor(ExifExtractor, out.getvalue(), PHOTO) == ([], [])


@pytest.mark.parametrize("cut", [3, 60, 200])
def test_truncated_picture_is_a_warning(cut: int) -> None:
    artifacts, warnings = run_extractor(ExifExtractor, jpeg_with_exif()[:cut], PHOTO)
    assert artifacts == []
    assert len(warnings) == 1 and warnings[0].source == "image.exif"
    assert "0x" not in warnings[0].message  # no object addresses in stored text


@pytest.mark.corpus
def test_corpus_photos(corpus: Path) -> None:
    """ianare/exif-samples dump (EXPECTATIONS.md section 8)."""
    folder = corpus / "artifacts" / "exif"
    artifacts, warnings = run_extractor(ExifExtractor, (folder / "Canon_40D.jpg").read_bytes(), PHOTO)
    assert warnings == [] and len(artifacts) == 1
    canon = artifacts[0].data
    assert (canon["make"], canon["model"], canon["software"]) == ("Canon", "Canon EOS 40D", "GIMP 2.4.5")
    assert canon["taken_camera_clock"] == "2008-05-30T15:56:01"
    assert canon["modified_camera_clock"] == "2008-07-31T10:38:11"
    assert canon["latitude"] is None and canon["longitude"] is None  # GPS IFD holds only GPSVersionID
    assert (canon["width"], canon["height"]) == (100, 68)
    artifacts, warnings = run_extractor(ExifExtractor, (folder / "DSCN0010.jpg").read_bytes(), PHOTO)
    assert warnings == [] and len(artifacts) == 1
    nikon = artifacts[0].data
    assert (nikon["make"], nikon["model"]) == ("NIKON", "COOLPIX P6000")
    assert nikon["taken_camera_clock"] == "2008-10-22T16:28:39"
    assert nikon["latitude"] == pytest.approx(43.467448, abs=1e-6)
    assert nikon["longitude"] == pytest.approx(11.885127, abs=1e-6)
    assert nikon["gps_map_datum"] == "WGS-84"
    assert nikon["gps_time"] == "2008-10-23T14:27:07.240000Z"  # GPSDate 2008:10:23, GPSTimeStamp 14:27:181/25
