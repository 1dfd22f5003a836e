"""android.maps: Google Maps destination history, saved places and searches."""

from __future__ import annotations

import sys
from pathlib import Path

from forensic_triage.plugins.android_maps import GoogleMapsExtractor
from helpers import build_sqlite, run_extractor, selects

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "helpers"))
import android_builders as ab  # noqa: E402

MAPS = "data/data/com.google.android.apps.maps/databases/"


def test_inputs_every_layout() -> None:
    for prefix in ("", "data/", "Dump/data/"):
        for name in ("da_destination_history", "gmm_myplaces.db", "search_history.db"):
            assert selects(GoogleMapsExtractor, prefix + "data/com.google.android.apps.maps/databases/" + name)[0]


def test_destinations_are_locations() -> None:
    db, _ = ab.write_db(ab.MAPS_DESTINATIONS, params={"destination_history": ab.DESTINATIONS})
    arts, warnings = run_extractor(GoogleMapsExtractor, db, MAPS + "da_destination_history")
    assert warnings == [] and len(arts) == ab.count(db, "SELECT count(*) FROM destination_history") == 1
    d = arts[0].data
    assert (d["kind"], d["title"], d["latitude"], d["longitude"], d["source_latitude"], d["time"]) == (
        "destination", "Pier 40", 40.712776, -74.005974, 40.758896, "2023-04-01T10:13:20Z")
    assert d["phone"] == {"role": "location", "latitude": 40.712776, "longitude": -74.005974,
                          "time": "2023-04-01T10:13:20Z", "description": "Google Maps destination: Pier 40"}


def test_searches_are_not_locations() -> None:
    db, _ = ab.write_db(ab.MAPS_SEARCHES, params={"suggestions": [(1, "pier 40", "pier 40", 1680343000000)]})
    arts, warnings = run_extractor(GoogleMapsExtractor, db, MAPS + "search_history.db")
    assert warnings == [] and [a.type for a in arts] == ["android.maps.search"]
    assert arts[0].data["query"] == "pier 40" and "phone" not in arts[0].data
    assert arts[0].times == [("Google Maps search", "2023-04-01T09:56:40Z")]


def test_other_database_is_a_warning() -> None:
    other, _ = build_sqlite("CREATE TABLE t (x);")
    arts, warnings = run_extractor(GoogleMapsExtractor, other, MAPS + "gmm_myplaces.db")
    assert arts == [] and len(warnings) == 1


def test_saved_places_with_coordinates() -> None:
    rows = [(14, "Home", 1680000000000, None, None, 40689247, -74044502, b"\x0a\x04Home"),
            (16, "list:starred", 1680000001000, None, None, None, None, b"")]
    db, _ = ab.write_db(ab.MAPS_MYPLACES, params={"sync_item": rows})
    arts, warnings = run_extractor(GoogleMapsExtractor, db, MAPS + "gmm_myplaces.db")
    assert warnings == []
    assert [(a.data["kind"], a.data["title"], a.data["latitude"], a.data["longitude"], a.data["time"])
            for a in arts] == [("saved place", "Home", 40.689247, -74.044502, "2023-03-28T10:40:00Z")]
