"""Report sections built from findings: charts, findings by type, pictures, GPS, limitations, annex."""

from __future__ import annotations

import datetime as _dt
import io
import json
from typing import Any

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Image,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from ..model import Locator, snapshot_name
from ..timeutil import BASIS_LOCAL, BASIS_UTC, display_time, local_display
from .findings import Finding
from .pdf_style import ALERT, FONTS, INK, RULE, SHADE, Fit, grid, hash_fit, kv, path_fit, txt
from .report_data import ReportData, signing_statement

MAX_DETAIL_FIELDS = 14
MAX_VALUE = 600
MAX_STRINGS = 6
AUDIT_FIELDS = 12
AUDIT_VALUE = 240
OPINION = colors.HexColor("#fbf6e9")
# Values already printed in their own rows of a finding.
DETAILS_SHOWN_ELSEWHERE = {"file": ("mime", "extension", "detected_ext", "encrypted"),
                           "hashset": ("hash",)}


def _grid(rows: list[list[Any]], widths: list[float]) -> Table:
    return grid(rows, widths)


def _activity_chart(d: ReportData, width: float) -> Drawing | None:
    if not d.activity:
        return None
    data = d.activity[-40:]
    draw = Drawing(width, 62 * mm)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 14 * mm, 14 * mm, width - 20 * mm, 42 * mm
    chart.data = [[n for _, n in data]]
    chart.categoryAxis.categoryNames = [k for k, _ in data]
    chart.categoryAxis.labels.angle = 45 if len(data) > 6 else 0
    chart.categoryAxis.labels.boxAnchor = "ne" if len(data) > 6 else "n"
    chart.categoryAxis.labels.fontName = FONTS["body"]
    chart.categoryAxis.labels.fontSize = 6
    chart.valueAxis.labels.fontName = FONTS["body"]
    chart.valueAxis.labels.fontSize = 6
    chart.valueAxis.valueMin = 0
    chart.bars[0].fillColor = colors.HexColor("#3d6a99")
    chart.bars[0].strokeColor = None
    draw.add(chart)
    draw.add(String(0, 58 * mm, f"Activity over time: {d.activity_source}", fontName=FONTS["bold"], fontSize=8,
                    fillColor=INK))
    return draw


def _category_chart(d: ReportData, width: float) -> Drawing | None:
    if not d.categories:
        return None
    data = d.categories[:10]
    height = 12 * mm + 6 * mm * len(data)
    draw = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y, chart.width, chart.height = 38 * mm, 4 * mm, width - 50 * mm, height - 12 * mm
    chart.data = [[n for _, n in reversed(data)]]
    chart.categoryAxis.categoryNames = [k for k, _ in reversed(data)]
    chart.categoryAxis.labels.fontName = FONTS["body"]
    chart.categoryAxis.labels.fontSize = 7
    chart.valueAxis.labels.fontName = FONTS["body"]
    chart.valueAxis.labels.fontSize = 6
    chart.valueAxis.valueMin = 0
    chart.bars[0].fillColor = colors.HexColor("#6b8f3d")
    chart.bars[0].strokeColor = None
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = FONTS["body"]
    chart.barLabels.fontSize = 6
    chart.barLabels.nudge = 8
    draw.add(chart)
    draw.add(String(0, height - 5 * mm, "Files by category (from the detected file type)", fontName=FONTS["bold"],
                    fontSize=8, fillColor=INK))
    return draw


def _aware(text: str) -> bool:
    try:
        return _dt.datetime.fromisoformat(text.replace("Z", "+00:00")).tzinfo is not None
    except ValueError:
        return False


def basis_time(text: str | None, basis: str | None, source_zone: str | None, case_zone: str | None,
               local_text: str | None = None) -> str:
    """A stored time with how it is known (``utc`` | ``local`` | ``assumed:ZONE``), never a zone-less
    local time printed as UTC."""
    basis = basis or BASIS_UTC
    if basis.startswith("assumed:"):
        zone_name = basis.split(":", 1)[1]
        if text and _aware(text):
            return f"{local_display(text, case_zone)} [local clock, zone {zone_name} assumed]"
        return display_time(local_text or text, BASIS_LOCAL, zone_name, case_zone)
    if basis == BASIS_LOCAL:
        # The digits are the device's wall clock; a stray 'Z' on such a value (issue 11, item 1) is not a zone.
        wall = local_text or text
        if wall and wall.endswith("Z"):
            wall = wall[:-1]
        return display_time(wall, BASIS_LOCAL, source_zone, case_zone)
    if not text:
        return display_time(local_text, BASIS_LOCAL, None, case_zone) if local_text else ""
    if not _aware(text):  # no zone in the text: whatever the label says, it is not known to be UTC
        return display_time(text, BASIS_LOCAL, None, case_zone)
    return display_time(text, BASIS_UTC, source_zone, case_zone)


def file_time(file: dict[str, Any], key: str, d: ReportData) -> str:
    return basis_time(file.get(key), file.get("time_basis") or BASIS_UTC, d.zone_of(file.get("evidence_id")),
                      d.case["timezone"])


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def flatten(value: Any, label: str = "", limit: int = 12) -> list[tuple[str, str]]:
    """Nested recorded values as labelled plain fields (never JSON): ``values ProductName: Windows 10``."""
    if isinstance(value, dict):
        out: list[tuple[str, str]] = []
        for k in sorted(value, key=str):
            v = value[k]
            if v in (None, "", [], {}):
                continue
            out += flatten(v, f"{label} {str(k).replace('_', ' ')}".strip(), limit)
        return out
    if isinstance(value, (list, tuple)):
        if all(not isinstance(v, (dict, list, tuple)) for v in value):
            shown = ", ".join(_scalar(v) for v in value[:limit])
            if len(value) > limit:
                shown += f", ... ({len(value)} in all)"
            return [(label, shown)]
        out = []
        for i, v in enumerate(value[:limit], 1):
            out += flatten(v, f"{label} {i}".strip(), limit)
        if len(value) > limit:
            out.append((label, f"... {len(value) - limit} more"))
        return out
    text = _scalar(value)
    if len(text) > MAX_VALUE:
        text = text[:MAX_VALUE] + f" ... ({len(text)} characters; full value in the CSV/CASE export)"
    return [(label, text)]


def yara_fields(details: dict[str, Any]) -> list[tuple[str, str]]:
    """A YARA match as labelled fields: rule, namespace, tags, meta, matched strings at their offsets."""
    rows = [("rule", str(details.get("rule") or ""))]
    if details.get("namespace"):
        rows.append(("namespace", str(details["namespace"])))
    tags = details.get("tags") or []
    rows.append(("rule tags", ", ".join(str(t) for t in tags) if tags else "none"))
    meta = details.get("meta") or {}
    if isinstance(meta, dict):
        for key in ("description", "author", "reference", "date"):
            if meta.get(key) not in (None, ""):
                rows.append((key, _scalar(meta[key])))
        for key in sorted(k for k in meta if k not in ("description", "author", "reference", "date")):
            rows += flatten(meta[key], f"meta {key}")
    strings = details.get("strings") or []
    for s in strings[:MAX_STRINGS]:
        if not isinstance(s, dict):
            continue
        shown = s.get("text") or (f"hex {s['hex']}" if s.get("hex") else "")
        length = f", {s['length']} bytes" if s.get("length") is not None else ""
        rows.append((f"matched {s.get('identifier', 'string')}", f"at byte {s.get('offset', '?')}{length}: {shown}"))
    if len(strings) > MAX_STRINGS:
        rows.append(("matched strings", f"... {len(strings) - MAX_STRINGS} more in the CSV/CASE export"))
    if details.get("ruleset_sha256"):
        rows.append(("rule set SHA-256", str(details["ruleset_sha256"])))
    return rows


def completeness_text(file: dict[str, Any]) -> str | None:
    """How much of a file could be read, in words (None when it was read whole)."""
    status = file.get("status")
    if status == "partial":
        text = (f"partial: {int(file.get('bytes_read') or 0):,} of {int(file.get('size') or 0):,} bytes readable; "
                "hashes cover the readable bytes only")
        ranges = unreadable_ranges(file)
        if ranges:
            text += "; unreadable: " + ", ".join(ranges)
        return text
    if status == "no-content":
        return "no content recoverable (a deleted name with nothing left to read)"
    if status == "error":
        return "could not be read (see the warnings in section 8)"
    if status in ("pending", "skipped"):
        return f"content not examined ({status})"
    return None


def unreadable_ranges(file: dict[str, Any]) -> list[str]:
    try:
        ranges = json.loads(file.get("unreadable") or "[]")
    except ValueError:
        return []
    out = []
    for r in ranges if isinstance(ranges, list) else []:
        if isinstance(r, (list, tuple)) and len(r) == 2:
            out.append(f"bytes {int(r[0]):,} to {int(r[1]) - 1:,}")
    return out


def _finding_table(f: Finding, d: ReportData, ss: Any, width: float) -> Table:
    tz = d.case["timezone"]
    file = d.files.get(f.file_id) if f.file_id is not None else None
    fit, mono = ss["FTFit"], ss["FTMono"]
    rows: list[tuple[str, Any]] = [("Finding", f"<b>{txt(f.fid)}</b> - {txt(f.group)}"),
                                   ("Summary", Fit(f.summary, fit))]
    if file:
        source = [("exhibit", file["exhibit"]), ("partition", f"starts at byte {file['partition_offset']:,}"),
                  ("inode / MFT entry", f"{file['inode']}" + ("" if file["allocated"] else " (deleted)"))]
        snapshot = snapshot_name(str(file.get("layer") or ""))
        if snapshot:  # a Volume Shadow Copy: the file as it was when that copy was made
            source.append(("snapshot", f"{snapshot} (layer {file['layer']})" + (
                f", flags {file['flags']}" if file.get("flags") else "")))
        rows.append(("Source", Fit(source, fit)))
        rows.append(("Path", path_fit(file["path"], fit)))
        done = completeness_text(file)
        if done:
            rows.append(("Completeness", f'<font color="#{ALERT.hexval()[2:]}">{txt(done)}</font>'))
        suffix = " (readable bytes)" if file.get("status") == "partial" else ""
        hashes = [(f"{label}{suffix}", file[k]) for k, label in (("md5", "MD5"), ("sha1", "SHA-1"),
                                                                  ("sha256", "SHA-256")) if file[k]]
        rows.append(("File hashes", Fit(hashes, mono, "") if hashes else txt("not computed")))
        times = [(lbl, file_time(file, k, d)) for k, lbl in (("crtime", "created"), ("mtime", "modified"),
                                                             ("atime", "accessed"), ("ctime", "changed")) if file[k]]
        if times:
            rows.append(("File times", Fit(times, fit)))
    else:
        rows.append(("Source", path_fit(f.locator, fit)))
    zone = d.zone_of(file["evidence_id"]) if file else None
    if f.timeline:
        rows.append(("Event times", Fit([(lbl, basis_time(t, basis, zone, tz, local))
                                         for lbl, t, basis, local in f.timeline], fit)))
    elif f.times:
        rows.append(("Event times", Fit([(lbl, basis_time(t, f.time_basis, zone, tz)) for lbl, t in f.times], fit)))
    rows.append(("Produced by", Fit(f.producer, fit)))
    if f.kind == "hit":
        rows.append(("Match details", Fit(yara_fields(f.details), fit)))
    else:
        details = flatten({k: v for k, v in f.details.items() if k not in DETAILS_SHOWN_ELSEWHERE.get(f.kind, ())})
        if details:
            shown = details[:MAX_DETAIL_FIELDS]
            if len(details) > len(shown):
                shown.append(("", f"... {len(details) - len(shown)} more field(s) in the CSV/CASE export"))
            rows.append(("Recorded values", Fit(shown, fit)))
    tags = [(t, "") for t in f.tags] + [(t, " (on the file)") for t in f.file_tags]
    if tags:
        rows.append(("Tags and notes", Fit([(t.tag + where, f"by {t.examiner}, {local_display(t.created_utc, tz)}"
                                             + (f": {t.note}" if t.note else "")) for t, where in tags], fit)))
        interp = [(t.tag, t.interpretation) for t, _ in tags if t.interpretation.strip()]
        alts = [(t.tag, t.alternatives) for t, _ in tags if t.alternatives.strip()]
        if interp:
            rows.append(("Interpretation", Fit(interp, fit, keep_newlines=True)))
        if alts:
            rows.append(("Alternative explanations", Fit(alts, fit, keep_newlines=True)))
    table = kv(rows, ss, width, 42 * mm)
    opinion = [i for i, (k, _) in enumerate(rows) if k.startswith(("Interpretation", "Alternative"))]
    if opinion:
        table.setStyle(TableStyle([("BACKGROUND", (1, i), (1, i), OPINION) for i in opinion]
                                  + [("LINEABOVE", (0, opinion[0]), (-1, opinion[0]), 1.2, INK)]))
    return table


def findings_section(d: ReportData, ss: Any, width: float) -> list[Any]:
    story: list[Any] = [PageBreak(), Paragraph("7. Findings", ss["FTH1"])]
    # Content-search hits are counted in one summary table; one only gets its own entry when tagged.
    groups = {g: [f for f in items if f.kind != "content_hit" or f.tags] for g, items in d.findings.items()}
    groups = {g: items for g, items in groups.items() if items}
    total = sum(len(v) for v in groups.values())
    c = d.counts
    story.append(Paragraph(
        f"{total} finding(s) in scope '{txt(d.scope)}', grouped by type. The case holds {c['files']:,} file-system "
        f"entries ({c['files_examined']:,} files examined), {c['artifacts']:,} artifact records, {c['yara_hits']:,} "
        f"YARA matches, {c['hash_matches']:,} hash-set matches and {c['content_hits']:,} content hits. Facts are "
        "reported as recorded. The examiner's interpretation and the alternative explanations considered are opinion, "
        "not recorded fact: they are shown on a tinted background below the facts of a finding.", ss["FTBody"]))
    if d.scope != "all":
        story.append(Paragraph(txt(
            "Only notable findings are set out here. Every other record (all files, artifacts and content hits) "
            "stays in the case database and in the CSV tables, which are complete."), ss["FTNote"]))
    summary = [[Paragraph(h, ss["FTCellBold"]) for h in ("Type", "Count", "Finding ids")]]
    for group, items in groups.items():
        ids = ", ".join(f.fid for f in items[:12]) + (" ..." if len(items) > 12 else "")
        summary.append([Fit(group, ss["FTFit"]), Paragraph(str(len(items)), ss["FTCell"]),
                        Paragraph(txt(ids), ss["FTCell"])])
    story += [Spacer(1, 2 * mm), _grid(summary, [60 * mm, 15 * mm, width - 75 * mm]), Spacer(1, 3 * mm)]
    for chart in (_activity_chart(d, width), _category_chart(d, width)):
        if chart is not None:
            story += [KeepTogether([chart]), Spacer(1, 2 * mm)]
    if d.thumbnails:
        story += _thumbnails(d, ss, width)
    if d.gps:
        story += _gps_table(d, ss, width)
    story += content_summary_table(d, ss, width)
    for group, items in groups.items():
        story += [CondPageBreak(40 * mm), Paragraph(f"{txt(group)} ({len(items)})", ss["FTH2"])]
        for f in items:
            story += [_finding_table(f, d, ss, width), Spacer(1, 2.5 * mm)]
    if not groups:
        story.append(Paragraph("No findings in this scope.", ss["FTBody"]))
    return story


def content_summary_table(d: ReportData, ss: Any, width: float) -> list[Any]:
    """One table for every content-search hit of the case: kind, counts, the most frequent values."""
    story: list[Any] = [CondPageBreak(40 * mm), Paragraph("Content search summary", ss["FTH2"])]
    if not d.content_summary:
        return story + [Paragraph("The content search recorded no hits.", ss["FTBody"])]
    rows = [[Paragraph(h, ss["FTCellBold"]) for h in ("Kind", "Hits", "Distinct values", "Files",
                                                     "Most frequent values (hits; files)")]]
    for k in d.content_summary:
        items = [(str(v["value"]), f"{v['count']} hit(s) in {v['files']} file(s): " + ", ".join(v["paths"])
                  + (" ..." if v["files"] > len(v["paths"]) else "")) for v in k["top"]]
        rows.append([Paragraph(txt(k["kind"]), ss["FTCell"]), Paragraph(f"{k['count']:,}", ss["FTCell"]),
                     Paragraph(f"{k['distinct']:,}", ss["FTCell"]), Paragraph(f"{k['files']:,}", ss["FTCell"]),
                     Fit(items, ss["FTFit"])])
    story.append(_grid(rows, [20 * mm, 13 * mm, 16 * mm, 12 * mm, width - 61 * mm]))
    story.append(Paragraph("Hits are patterns found in the bytes of files (addresses, URLs, numbers); a hit shows "
                           "that the text is present, not who wrote it or why. Every hit with its file and byte "
                           "offset is listed in the CSV export of the content hits.", ss["FTNote"]))
    return story


def _thumbnails(d: ReportData, ss: Any, width: float) -> list[Any]:
    story: list[Any] = [CondPageBreak(60 * mm), Paragraph("Tagged pictures", ss["FTH2"])]
    cells: list[Any] = []
    for t in d.thumbnails:
        img_w, img_h = float(t["width"]), float(t["height"])
        scale = min(40 * mm / img_w, 40 * mm / img_h)
        img = Image(io.BytesIO(bytes(t["image"])), width=img_w * scale, height=img_h * scale)
        verified = "preview made from the full file, SHA-256 matches the case" if t["source_sha256"] == \
            t["file_sha256"] else "preview source hash differs from the case record"
        snapshot = snapshot_name(Locator.parse(str(t["locator"])).layer) if t.get("locator") else ""
        cap = Fit([("", f"FILE-{t['file_id']}: {t['path']}" + (f" ({snapshot})" if snapshot else "")),
                   ("", verified)], ss["FTFit"], "/ ")
        cells.append([img, cap])
    rows = [cells[i:i + 3] for i in range(0, len(cells), 3)]
    table_rows = []
    for row in rows:
        table_rows.append([Table([[c[0]], [c[1]]], colWidths=[width / 3 - 4 * mm]) for c in row]
                          + [""] * (3 - len(row)))
    table = Table(table_rows, colWidths=[width / 3] * 3)
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOX", (0, 0), (-1, -1), 0.4, RULE)]))
    story.append(table)
    story.append(Paragraph("Previews were made when the pictures were tagged, from their content read read-only from "
                           "the evidence and checked against the SHA-256 recorded at triage.", ss["FTNote"]))
    return story


def _gps_table(d: ReportData, ss: Any, width: float) -> list[Any]:
    rows = [[Paragraph(h, ss["FTCellBold"]) for h in ("Finding", "Latitude", "Longitude", "Altitude (m)", "Time",
                                                     "Source")]]
    for g in d.gps:
        file = d.files.get(g["file_id"]) if g.get("file_id") is not None else None
        zone = d.zone_of(file["evidence_id"]) if file else None
        when = basis_time(g["time"], g.get("basis"), zone, d.case["timezone"]) or "-"
        rows.append([Paragraph(txt(g["fid"]), ss["FTCell"]), Paragraph(f"{g['lat']:.6f}", ss["FTCell"]),
                     Paragraph(f"{g['lon']:.6f}", ss["FTCell"]),
                     Paragraph("-" if g["alt"] is None else f"{g['alt']:.1f}", ss["FTCell"]),
                     Fit(when, ss["FTFit"]), path_fit(g["locator"], ss["FTFit"])])
    return [CondPageBreak(40 * mm), Paragraph("GPS positions (decimal degrees, WGS 84)", ss["FTH2"]),
            _grid(rows, [16 * mm, 20 * mm, 20 * mm, 16 * mm, 38 * mm, width - 110 * mm])]


def limitations_section(d: ReportData, ss: Any, width: float) -> list[Any]:
    story: list[Any] = [CondPageBreak(50 * mm), Paragraph("8. Limitations", ss["FTH1"])]
    general = [
        "This is a triage examination: it lists and examines the files the file systems still reference (allocated "
        "and deleted entries); it does not carve unallocated space.",
        "Times are as recorded by the file systems and artifacts; the source computer's clock was not verified "
        "(possible clock skew). Local clock times rest on the source zone stated in section 6.",
        "Signature and YARA matches indicate the presence of patterns, not intent; hash-set matches depend on the "
        "hash sets named in section 5.",
    ] + d.unparsed
    story += [Fit("- " + x, ss["FTBodyFit"]) for x in general]
    story.append(Paragraph(f"Stored warnings ({len(d.warnings)}) by kind", ss["FTH2"]))
    if not d.warnings:
        return story + [Paragraph("No warnings were recorded.", ss["FTBody"])]
    rows = [[Paragraph(h, ss["FTCellBold"]) for h in ("Kind", "Count", "First examples")]]
    for g in d.warning_groups:
        rows.append([Paragraph(txt(g["kind"]), ss["FTCell"]), Paragraph(f"{g['count']:,}", ss["FTCell"]),
                     Fit([(f"#{w['id']}", _warning_line(w)) for w in g["examples"]], ss["FTFit"])])
    story.append(_grid(rows, [28 * mm, 14 * mm, width - 42 * mm]))
    story.append(Paragraph("Every stored warning follows, grouped by kind.", ss["FTNote"]))
    for g in d.warning_groups:
        story.append(Paragraph(f"Warnings of kind '{txt(g['kind'])}' ({g['count']:,})", ss["FTH2"]))
        wrows = [[Paragraph(h, ss["FTCellBold"]) for h in ("#", "Source", "Where", "Message")]]
        for w in g["rows"]:
            wrows.append([Paragraph(str(w["id"]), ss["FTCell"]), Fit(w["source"], ss["FTFit"]),
                          path_fit(w["locator"] or "-", ss["FTFit"]), Fit(w["message"], ss["FTFit"])])
        story.append(_grid(wrows, [10 * mm, 30 * mm, 50 * mm, width - 90 * mm]))
    return story


def _warning_line(w: dict[str, Any]) -> str:
    where = f" ({w['locator']})" if w.get("locator") else ""
    return f"{w['source']}{where}: {w['message']}"


def conclusions_section(d: ReportData, ss: Any, width: float) -> list[Any]:
    total = sum(len(v) for v in d.findings.values())
    text = str(d.case.get("conclusions") or "").strip()
    body: Any = Fit(text, ss["FTBodyFit"], keep_newlines=True) if text else Paragraph(
        f'<font color="#{ALERT.hexval()[2:]}"><b>NOT ENTERED</b></font> - the examiner has not yet written the '
        "conclusions; this report is a draft until they are entered in the case.", ss["FTBody"])
    box = Table([[Paragraph("Examiner's conclusions:", ss["FTCellBold"])], [body]], colWidths=[width],
                style=TableStyle([("BOX", (0, 0), (-1, -1), 0.4, RULE), ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                                  ("TOPPADDING", (0, 1), (-1, 1), 4), ("BOTTOMPADDING", (0, 1), (-1, 1), 6)]))
    intro = Paragraph(
        f"The examination recorded {total} finding(s) in scope, set out in section 7 with their sources, hashes, "
        "times and the plugin or rule that produced each. The conclusions below are the examiner's own words, "
        "entered in the case and covered by its digest and audit log.", ss["FTBody"])
    return [CondPageBreak(50 * mm), Paragraph("9. Conclusions", ss["FTH1"]), intro, Spacer(1, 2 * mm), box]


def integrity_section(d: ReportData, ss: Any, width: float) -> list[Any]:
    story: list[Any] = [CondPageBreak(60 * mm), Paragraph("10. Integrity of the case and of this report", ss["FTH1"])]
    if d.digest_problems:
        story.append(Paragraph(f"CASE INTEGRITY CHECK FAILED ({len(d.digest_problems)} problem(s)): the case "
                               "database no longer matches the digest recorded in its audit log. The findings in "
                               "this report may have been edited outside the tool.", ss["FTDraft"]))
        story += [Fit("- " + p, ss["FTBodyFit"]) for p in d.digest_problems]
        story.append(Spacer(1, 2 * mm))
    if d.audit_problems:
        story.append(Paragraph(f"AUDIT CHAIN BROKEN ({len(d.audit_problems)} problem(s)), see Annex A.",
                               ss["FTDraft"]))
    a = d.anchor
    rows: list[tuple[str, Any]] = []
    if a:
        rows += [("Case digest (SHA-256)", hash_fit(a["combined"], ss["FTMono"])),
                 ("Recorded in", Fit(f"audit entry #{a['seq']} ({a['action']}), "
                                     f"{local_display(a['time_utc'], None)}; covers {len(a['tables'])} tables",
                                     ss["FTFit"]))]
    else:
        rows.append(("Case digest", txt("none recorded: the case was made before digests were anchored in the "
                                        "audit log, or no job or examiner action has run since.")))
    check = ("not re-checked by this version of the tool" if d.digest_problems is None else
             "re-computed for this report: matches the recorded digest" if not d.digest_problems else
             f"re-computed for this report: {len(d.digest_problems)} table(s) or value(s) do NOT match")
    rows += [("Digest check", txt(check)),
             ("Audit chain", txt(f"{len(d.audit)} entries, " + ("intact" if not d.audit_problems else "BROKEN"))),
             ("Audit head hash", hash_fit(d.audit_head, ss["FTMono"]))]
    signed, statement = signing_statement(d)
    rows.append(("This PDF", Fit(("SIGNED. " if signed else "") + statement, ss["FTFit"])))
    story.append(kv(rows, ss, width, 38 * mm))
    story.append(Spacer(1, 2 * mm))
    story.append(Paragraph(
        "For the examiner's notebook: write down the audit head hash above with the report ID and today's date. "
        "Any later check ('forensic-triage verify CASE') must find this head hash in the case's audit chain; a "
        "case whose chain no longer contains it has been rewritten.", ss["FTBody"]))
    story.append(Spacer(1, 1.5 * mm))
    story.append(Fit(d.attacker_limits, ss["FTBodyFit"]))
    return story


GLOSSARY: tuple[tuple[str, str], ...] = (
    ("allocated / deleted", "An allocated entry is a file the file system still lists as in use. A deleted entry is "
     "a name or record the file system marks as free; its content may survive until the space is reused."),
    ("audit chain", "The case's log of every job and examiner action. Each entry holds the SHA-256 of the entry "
     "before it, so removing, editing or reordering an entry breaks the chain."),
    ("chi-square", "A test of how evenly the byte values of a file are spread; encrypted data is almost perfectly "
     "even (low chi-square), compressed data usually is not."),
    ("digest (case digest)", "A SHA-256 computed over the content of every findings and case table of the case "
     "database, recorded in the audit chain after each job and examiner action; an edit made outside the tool "
     "no longer matches it."),
    ("encrypted content", "A file whose structure says it is encrypted (password-protected archive or document, "
     "encrypted volume header) or whose bytes are statistically indistinguishable from random data."),
    ("entropy", "A measure from 0 to 8 bits per byte of how random a file's bytes look; text is low, compressed or "
     "encrypted data is close to 8."),
    ("extension mismatch", "The file's name ends in an extension (such as .pdf) that does not match the type its "
     "content shows (such as a PNG picture)."),
    ("hash", "A fixed-length fingerprint computed from content; the same content always gives the same hash, and "
     "a change of a single bit gives a different one."),
    ("MD5, SHA-1, SHA-256", "Three hash algorithms. SHA-256 is the one relied on here; MD5 and SHA-1 are given "
     "because hash sets and other tools use them."),
    ("hash set", "A list of hashes of known files. Known-good sets (for example operating-system files) let such "
     "files be set aside; notable sets list files of interest, and a match means identical content."),
    ("head hash", "The hash of the newest entry of the audit chain. Written down outside the case, it lets anyone "
     "later show that the chain (and so the case) was not rewritten."),
    ("inode / MFT entry", "The number of the record that describes a file in its file system (inode on ext and "
     "HFS+, MFT entry on NTFS, directory entry position on FAT)."),
    ("known-good / notable", "The two kinds of hash set: a known-good match sets a file aside as an unaltered "
     "known file; a notable match marks a file already known to be of interest."),
    ("locator", "The exact address of a file in the evidence: exhibit, partition offset, inode or MFT entry and "
     "path, for example EXH-001:1048576:1223/Users/jdoe/file.txt."),
    ("partial", "Only part of the file's content could be read (the image ends or a range is unreadable); its "
     "hashes cover the readable bytes only and the unreadable ranges are listed."),
    ("no content recoverable", "A deleted name whose content record is gone, so there is nothing to read."),
    ("partition offset", "Where a partition starts, in bytes from the start of the media."),
    ("shadow copy (vss1, vss2...)", "A Volume Shadow Copy: Windows' record of an NTFS volume as it was at the "
     "copy's creation time. Its files are examined like live ones; 'vss-only' marks a file absent from the live "
     "volume, 'vss-changed' one whose live content differs, 'vss-identical' one equal to the live file (not "
     "scanned again). A locator EXH-001:0+vss1:35/syslog names shadow copy 1."),
    ("signature (file type)", "The first bytes of a file that identify its real type regardless of its name."),
    ("signature (digital)", "An Ed25519 signature made with the examiner's key over the manifest of an evidence "
     "package; it shows who signed the package and that nothing in it changed since."),
    ("time basis: UTC", "The source recorded the time in Coordinated Universal Time; it is shown in UTC and in "
     "the case display zone."),
    ("time basis: local", "The source recorded its own wall clock without a zone (FAT, camera clocks). Shown as "
     "'local (zone unknown)' unless the examiner declared the source zone."),
    ("time basis: assumed zone", "A local clock time converted to UTC with the zone the examiner declared for the "
     "exhibit; correct only if that zone (and the device's clock) was right."),
    ("unallocated space", "Parts of the media no file system entry refers to; it may hold remnants of deleted "
     "data. This triage does not carve it."),
    ("YARA", "A pattern-matching tool: a rule describes byte or text patterns, and a match means the patterns were "
     "found in the file, not that the file is malicious."),
)


def glossary_section(d: ReportData, ss: Any, width: float) -> list[Any]:
    rows = [[Paragraph(h, ss["FTCellBold"]) for h in ("Term", "Meaning")]]
    for term, meaning in sorted(GLOSSARY, key=lambda tm: tm[0].lower()):
        rows.append([Paragraph(f"<b>{txt(term)}</b>", ss["FTCell"]), Fit(meaning, ss["FTFit"])])
    return [CondPageBreak(60 * mm), Paragraph("11. Glossary", ss["FTH1"]),
            _grid(rows, [46 * mm, width - 46 * mm])]


def audit_fields(details_text: str) -> list[tuple[str, str]]:
    """An audit entry's details as labelled plain fields (the JSON stays in the database)."""
    try:
        details = json.loads(details_text) if details_text else {}
    except ValueError:
        return [("details", details_text)]
    if not isinstance(details, dict):
        return flatten(details, "details")
    out: list[tuple[str, str]] = []
    for key in sorted(details):
        value = details[key]
        if value in (None, "", [], {}):
            continue
        if key == "digest" and isinstance(value, dict):
            tables = value.get("tables") or {}
            out.append(("case digest", str(value.get("combined", ""))))
            out.append(("case digest covers", f"{len(tables)} tables"))
            continue
        out += flatten(value, key.replace("_", " "), limit=8)
    shown = [(k, v if len(v) <= AUDIT_VALUE else v[:AUDIT_VALUE] + " ...") for k, v in out[:AUDIT_FIELDS]]
    if len(out) > AUDIT_FIELDS:
        shown.append(("", f"... {len(out) - AUDIT_FIELDS} more field(s) in the audit log of the case"))
    return shown


def audit_annex(d: ReportData, ss: Any, width: float) -> list[Any]:
    status = "intact" if not d.audit_problems else f"BROKEN ({len(d.audit_problems)} problem(s))"
    story: list[Any] = [PageBreak(), Paragraph("Annex A. Audit log", ss["FTH1"]), Paragraph(
        f"{len(d.audit)} entries; hash chain {status}. Each entry carries the SHA-256 of the one before it, so an "
        "edited, removed or reordered entry breaks the chain (check with 'forensic-triage verify'). Head hash:",
        ss["FTBody"]), hash_fit(d.audit_head, ss["FTMono"]), Spacer(1, 2 * mm)]
    for p in d.audit_problems:
        story.append(Fit("- " + p, ss["FTBodyFit"]))
    rows = [[Paragraph(h, ss["FTCellBold"]) for h in ("#", "Time (UTC), actor, action, entry hash (first 16)",
                                                     "Details")]]
    for a in d.audit:
        when = str(a["time_utc"]).replace("T", " ")[:19] + " UTC"
        who = [Paragraph(txt(when), ss["FTSmall"]), Fit(a["actor"], ss["FTFit"]),
               Fit([("action", a["action"])], ss["FTFit"]), hash_fit(a["hash"][:16], ss["FTMono"])]
        rows.append([Paragraph(str(a["seq"]), ss["FTSmall"]), who, Fit(audit_fields(a["details"]), ss["FTFit"])])
    story.append(_grid(rows, [9 * mm, 40 * mm, width - 49 * mm]))
    return story
