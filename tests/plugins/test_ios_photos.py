"""ios.photos: Photos.sqlite written with the Photos schema (ZASSET of iOS 14+, ZGENERICASSET of iOS 11-13)."""

from __future__ import annotations

import pytest
from forensic_triage.plugins.ios_photos import IosPhotosExtractor
from helpers import run_extractor, selects

from tests.helpers.ios_builders import photos_db, query

BACKUP = "CameraRollDomain/Media/PhotoData/Photos.sqlite"


def test_inputs_both_path_shapes() -> None:
    assert selects(IosPhotosExtractor, BACKUP)[0]
    assert selects(IosPhotosExtractor, "private/var/mobile/Media/PhotoData/Photos.sqlite")[0]
    assert not selects(IosPhotosExtractor, "CameraRollDomain/Media/PhotoData/Caches/Photos.sqlite.bak")[0]


@pytest.mark.parametrize("table", ["ZASSET", "ZGENERICASSET"])
def test_assets_positions_and_trash(table: str) -> None:
    db, _ = photos_db(table=table)
    artifacts, warnings = run_extractor(IosPhotosExtractor, db, BACKUP)
    assert warnings == []
    assert len(artifacts) == query(db, f"SELECT count(*) FROM {table}")[0][0] == 3  # noqa: S608
    first = artifacts[0]
    assert first.type == "ios.photo"
    assert first.data == {
        "table": table, "row_id": 1, "recovered": "", "path": "DCIM/100APPLE/IMG_0042.HEIC",
        "original_name": "IMG_0042.HEIC", "kind": "photo", "created": "2023-04-01T10:05:00.500000Z",
        "modified": "2023-04-01T10:05:01Z", "trashed": None, "latitude": 10.6549, "longitude": -61.5019,
        "width": 4032, "height": 3024, "uuid": "UUID-0042",
        "phone": {"role": "location", "latitude": 10.6549, "longitude": -61.5019,
                  "time": "2023-04-01T10:05:00.500000Z", "description": "Photo DCIM/100APPLE/IMG_0042.HEIC"}}
    video = artifacts[1].data
    # -180.0 is Photos' "no location": no coordinates and no location view (not a point in the sea)
    assert video["kind"] == "video" and video["latitude"] is None and "phone" not in video
    shot = artifacts[2].data
    assert shot["original_name"] == "Screenshot.png" and shot["trashed"] == "2023-04-04T09:00:00Z"
    located = query(db, f"SELECT count(*) FROM {table} WHERE ZLATITUDE != -180.0")[0][0]  # noqa: S608
    assert sum(1 for a in artifacts if "phone" in a.data) == located
