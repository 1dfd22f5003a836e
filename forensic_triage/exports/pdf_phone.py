"""The report's phone section: the device, the extraction's hashes, communications, locations, limits.

Built from :mod:`.phone_data`. The map is a plain drawing of the positions on a latitude/longitude
grid: the workstation is offline, so there are no map tiles, and the report says so.
"""

from __future__ import annotations

import math
from typing import Any

from reportlab.graphics.shapes import Circle, Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Paragraph, Spacer

from ..timeutil import BASIS_LOCAL, BASIS_UTC
from .pdf_findings import basis_time
from .pdf_style import ALERT, FONTS, INK, OK, RULE, SHADE, Fit, grid, hash_fit, kv, path_fit, txt
from .phone_data import LOCATION_ROWS, TIMELINE_ROWS, PhoneSummary
from .report_data import ReportData

MAP_POINTS = 60  # numbered on the map (the table lists up to LOCATION_ROWS)

LOGICAL_LIMITS = (
    "A logical extraction holds the files the device or the extraction tool chose to copy. It holds no unallocated "
    "space and no file-system records of deleted files, so deleted items are recovered only from the free space and "
    "write-ahead logs inside the databases that were copied (marked 'recovered' below).",
    "Data of apps or areas the extraction could not reach (other users, secure enclaves, apps that exclude themselves "
    "from backups, encrypted app databases) is absent. That an item is not in a logical extraction does not show it "
    "was not on the device.",
    "Times come from the apps' own records; the device's clock was not verified. Times shown with 'Z' or an offset "
    "were stored in UTC by the app; others are the device's local clock, with the zone basis stated.",
)
IOS_BACKUP_LIMITS = (
    "An unencrypted iTunes/Finder backup leaves out what iOS copies only into encrypted backups: saved passwords "
    "(keychain), Wi-Fi settings, website history, call history and Health data may be missing or incomplete.",
)


def _when(text: Any, d: ReportData, evidence: str | None) -> str:
    if not isinstance(text, str) or not text:
        return "-"
    aware = text.endswith("Z") or (len(text) > 19 and text[-6] in "+-" and text[-3] == ":")
    return basis_time(text, BASIS_UTC if aware else BASIS_LOCAL, d.zone_of(evidence), d.case["timezone"]) or text


def _party(row: dict[str, Any]) -> str:
    party = str(row.get("party") or "(unknown)")
    return f"{party} ({row['name']})" if row.get("name") else party


def _devices(p: PhoneSummary, ss: Any, width: float) -> list[Any]:
    story: list[Any] = [Paragraph("Device identification", ss["FTH2"])]
    if not p.devices:
        return story + [Paragraph("The extraction records no device identification.", ss["FTBody"])]
    for dev in p.devices:
        story.append(Paragraph(f"Evidence item {txt(dev['evidence'])} (exhibit {txt(dev['exhibit'])}), as the "
                               "extraction's own metadata states it:", ss["FTBody"]))
        story.append(kv(dev["fields"] or [("(none)", "-")], ss, width))
    return story


def _hashes(p: PhoneSummary, ss: Any, width: float) -> list[Any]:
    story: list[Any] = [Paragraph("The extraction's own hashes and those recomputed at intake", ss["FTH2"])]
    if not p.extraction_hashes:
        return story + [Paragraph("The extraction came with no hash values of its own; the hashes recomputed at "
                                  "intake are in section 4.", ss["FTBody"])]
    rows = [[Paragraph(h, ss["FTCellBold"]) for h in ("Item", "File", "Algorithm", "Stated", "Recomputed", "Result")]]
    for h in p.extraction_hashes:
        verdict = "MATCH" if h["match"] is True else "MISMATCH" if h["match"] is False else "not compared"
        color = OK if h["match"] is True else ALERT if h["match"] is False else INK
        rows.append([Paragraph(txt(h["evidence"]), ss["FTCell"]), path_fit(h["path"], ss["FTFit"]),
                     Paragraph(txt(h["algorithm"]), ss["FTCell"]), hash_fit(h["value"], ss["FTFit"]),
                     hash_fit(h["recomputed"] or "-", ss["FTFit"]),
                     Paragraph(f'<font color="{color.hexval()}">{verdict}</font>', ss["FTCell"])])
    return story + [grid(rows, [16 * mm, 34 * mm, 20 * mm, (width - 94 * mm) / 2, (width - 94 * mm) / 2, 24 * mm])]


def _counts(p: PhoneSummary, ss: Any, width: float) -> list[Any]:
    rows = [[Paragraph(h, ss["FTCellBold"]) for h in ("Kind", "Application", "Records")]]
    rows += [[Paragraph(txt(role), ss["FTCell"]), Paragraph(txt(app), ss["FTCell"]), Paragraph(f"{n:,}", ss["FTCell"])]
             for role, app, n in p.counts]
    note = (f"{p.recovered:,} of these records were recovered from database free space or write-ahead logs "
            "(deleted or superseded rows), and are marked so wherever they are listed." if p.recovered else
            "No deleted or superseded database rows were recovered.")
    return [Paragraph("Records found", ss["FTH2"]), grid(rows, [30 * mm, 60 * mm, 24 * mm]),
            Paragraph(note, ss["FTNote"])]


def _contacts(p: PhoneSummary, d: ReportData, ss: Any, width: float) -> list[Any]:
    story: list[Any] = [Paragraph("Communications per contact", ss["FTH2"])]
    if not p.contacts:
        return story + [Paragraph("No messages or calls were found.", ss["FTBody"])]
    rows = [[Paragraph(h, ss["FTCellBold"]) for h in ("Party", "Apps", "Msgs sent", "Msgs recv", "Calls in",
                                                     "Calls out", "Missed", "First", "Last")]]
    for c in p.contacts[:100]:
        rows.append([Fit(_party(c), ss["FTFit"]), Fit(c["applications"], ss["FTFit"])]
                    + [Paragraph(str(c[k]), ss["FTCell"]) for k in ("sent", "received", "calls_in", "calls_out",
                                                                     "calls_missed")]
                    + [Fit(_when(c["first"], d, None), ss["FTFit"]), Fit(_when(c["last"], d, None), ss["FTFit"])])
    fixed = 5 * 13 * mm
    rest = width - fixed
    story.append(grid(rows, [rest * 0.28, rest * 0.16] + [13 * mm] * 5 + [rest * 0.28, rest * 0.28]))
    story.append(Paragraph(
        "Parties as the records state them; records whose party has the same digits (at least seven) are counted "
        "together under the first form seen. A name in brackets comes from the device's contacts where the digits of "
        "a contact's number end the party's (or the reverse) with at least seven digits in common — a national "
        "number and the same number with its country code; check it against the contact record. First and last "
        "are the records' own times as stored." + (f" The {len(p.contacts) - 100} least active parties are not "
                                                   "listed here." if len(p.contacts) > 100 else ""), ss["FTNote"]))
    return story


def _timeline(p: PhoneSummary, d: ReportData, ss: Any, width: float) -> list[Any]:
    story: list[Any] = [CondPageBreak(40 * mm), Paragraph("Communications timeline", ss["FTH2"])]
    if not p.timeline:
        return story + [Paragraph("No dated messages or calls were found.", ss["FTBody"])]
    rows = [[Paragraph(h, ss["FTCellBold"]) for h in ("Time", "App", "Direction", "Party", "Text / duration",
                                                     "Source")]]
    for t in p.timeline:
        direction = txt(t["direction"] or "-") + (" (recovered)" if t["recovered"] else "")
        rows.append([Fit(_when(t["time"], d, t["evidence"]), ss["FTFit"]), Fit(t["application"] or "-", ss["FTFit"]),
                     Fit(direction, ss["FTFit"]), Fit(_party(t), ss["FTFit"]),
                     Fit(str(t["text"] or "")[:300], ss["FTFit"]), path_fit(t["locator"], ss["FTFit"])])
    story.append(grid(rows, [30 * mm, 16 * mm, 18 * mm, 30 * mm, width - 144 * mm, 50 * mm]))
    if p.timeline_total > TIMELINE_ROWS:
        story.append(Paragraph(f"The first {TIMELINE_ROWS} of {p.timeline_total:,} dated communications are listed; "
                               "every one is in the case (artifacts, timeline) and in the CSV and CASE exports.",
                               ss["FTNote"]))
    return story


def _nice_step(span: float) -> float:
    if span <= 0:
        return 0.001
    raw = span / 5
    power = 10 ** math.floor(math.log10(raw))
    return float(next(m * power for m in (1, 2, 5, 10) if m * power >= raw))


def location_map(points: list[tuple[float, float]], width: float, height: float = 90 * mm) -> Drawing:
    """Numbered positions on a latitude/longitude grid (equirectangular, scaled at the mean latitude)."""
    draw = Drawing(width, height)
    draw.add(Rect(0, 0, width, height, fillColor=SHADE, strokeColor=RULE, strokeWidth=0.5))
    lats, lons = [p[0] for p in points], [p[1] for p in points]
    lat0, lat1, lon0, lon1 = min(lats), max(lats), min(lons), max(lons)
    pad_lat, pad_lon = max((lat1 - lat0) * 0.1, 0.005), max((lon1 - lon0) * 0.1, 0.005)
    lat0, lat1, lon0, lon1 = lat0 - pad_lat, lat1 + pad_lat, lon0 - pad_lon, lon1 + pad_lon
    shrink = max(math.cos(math.radians((lat0 + lat1) / 2)), 0.05)
    margin = 14 * mm
    sx = (width - 2 * margin) / ((lon1 - lon0) * shrink)
    sy = (height - 2 * margin) / (lat1 - lat0)
    scale = min(sx, sy)
    cx, cy = (lon0 + lon1) / 2, (lat0 + lat1) / 2

    def xy(lat: float, lon: float) -> tuple[float, float]:
        return width / 2 + (lon - cx) * shrink * scale, height / 2 + (lat - cy) * scale

    for step, axis in ((_nice_step(lat1 - lat0), "lat"), (_nice_step(lon1 - lon0), "lon")):
        lo, hi = (lat0, lat1) if axis == "lat" else (lon0, lon1)
        value = math.ceil(lo / step) * step
        while value <= hi:
            if axis == "lat":
                _x, y = xy(value, cx)
                if margin / 2 <= y <= height - margin / 2:
                    draw.add(Line(margin / 2, y, width - margin / 2, y, strokeColor=RULE, strokeWidth=0.3))
                    draw.add(String(2, y + 1, f"{value:.4f}", fontName=FONTS["body"], fontSize=5, fillColor=INK))
            else:
                x, _y = xy(cy, value)
                if margin / 2 <= x <= width - margin / 2:
                    draw.add(Line(x, margin / 2, x, height - margin / 2, strokeColor=RULE, strokeWidth=0.3))
                    draw.add(String(x + 1, 2, f"{value:.4f}", fontName=FONTS["body"], fontSize=5, fillColor=INK))
            value += step
    for i, (lat, lon) in enumerate(points[:MAP_POINTS], start=1):
        x, y = xy(lat, lon)
        draw.add(Circle(x, y, 2.2, fillColor=ALERT, strokeColor=colors.white, strokeWidth=0.4))
        draw.add(String(x + 3, y + 2, str(i), fontName=FONTS["bold"], fontSize=6, fillColor=INK))
    return draw


def _locations(p: PhoneSummary, d: ReportData, ss: Any, width: float) -> list[Any]:
    story: list[Any] = [CondPageBreak(60 * mm), Paragraph("Locations", ss["FTH2"])]
    if not p.locations:
        return story + [Paragraph("No positions were found in the phone records.", ss["FTBody"])]
    points = [(loc["latitude"], loc["longitude"]) for loc in p.locations]
    story.append(location_map(points, width))
    story.append(Paragraph(
        "Positions (WGS 84) drawn on a latitude/longitude grid, numbered as in the table; there is no background "
        "map because the workstation works offline." + (f" The first {MAP_POINTS} are numbered on the drawing."
                                                         if len(points) > MAP_POINTS else ""), ss["FTNote"]))
    rows = [[Paragraph(h, ss["FTCellBold"]) for h in ("#", "Time", "Latitude", "Longitude", "What", "Source")]]
    for i, loc in enumerate(p.locations[:LOCATION_ROWS], start=1):
        rows.append([Paragraph(str(i), ss["FTCell"]), Fit(_when(loc["time"], d, loc["evidence"]), ss["FTFit"]),
                     Paragraph(f"{loc['latitude']:.6f}", ss["FTCell"]),
                     Paragraph(f"{loc['longitude']:.6f}", ss["FTCell"]), Fit(str(loc["description"]), ss["FTFit"]),
                     path_fit(loc["locator"], ss["FTFit"])])
    story.append(grid(rows, [8 * mm, 32 * mm, 20 * mm, 20 * mm, 30 * mm, width - 110 * mm]))
    if len(p.locations) > LOCATION_ROWS:
        story.append(Paragraph(f"The first {LOCATION_ROWS} of {len(p.locations):,} positions are listed.",
                               ss["FTNote"]))
    return story


def _limits(p: PhoneSummary, ss: Any) -> list[Any]:
    story: list[Any] = [Paragraph("Limitations of a logical extraction", ss["FTH2"])]
    if not p.logical:
        return story + [Paragraph("The phone records come from file-system images; the limitations in section 8 "
                                  "apply.", ss["FTBody"])]
    items = ", ".join(f"{x['evidence']} ({x['words']})" for x in p.logical)
    story.append(Paragraph(f"Logical extractions in this case: {txt(items)}.", ss["FTBody"]))
    lines = list(LOGICAL_LIMITS) + (list(IOS_BACKUP_LIMITS) if any(x["format"] == "iosbackup" for x in p.logical)
                                    else [])
    return story + [Fit("- " + x, ss["FTBodyFit"]) for x in lines]


def phone_section(d: ReportData, p: PhoneSummary | None, ss: Any, width: float) -> list[Any]:
    """The phone part of section 7 (nothing when the case holds no phone evidence or records)."""
    if p is None:
        return []
    story: list[Any] = [CondPageBreak(60 * mm), Paragraph("7A. Phone extraction", ss["FTH1"]), Paragraph(
        "This part summarises the phone records of the case: messages, calls, contacts, accounts and positions, "
        "whatever app they came from. Every record is also listed with its source database, table and row in the "
        "case, so it can be checked by hand with any SQLite tool.", ss["FTBody"]), Spacer(1, 2 * mm)]
    story += _devices(p, ss, width)
    story += _hashes(p, ss, width)
    story += _counts(p, ss, width)
    story += _contacts(p, d, ss, width)
    story += _timeline(p, d, ss, width)
    story += _locations(p, d, ss, width)
    story += _limits(p, ss)
    return story


__all__ = ["location_map", "phone_section"]
