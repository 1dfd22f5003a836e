"""Report sections built from findings: charts, findings by type, pictures, GPS, limitations, annex."""

from __future__ import annotations

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

from ..timeutil import local_display
from .findings import Finding
from .pdf_style import FONTS, INK, RULE, SHADE, ev, txt
from .report_data import ReportData

MAX_DETAIL_FIELDS = 14
MAX_VALUE = 600


def _grid(rows: list[list[Any]], widths: list[float]) -> Table:
    from .pdf_report import grid

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


def _value(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    if len(text) > MAX_VALUE:
        text = text[:MAX_VALUE] + f" ... ({len(text)} characters; full value in the CSV/CASE export)"
    return text


def _finding_table(f: Finding, d: ReportData, ss: Any, width: float) -> Table:
    tz = d.case["timezone"]
    file = d.files.get(f.file_id) if f.file_id is not None else None
    rows: list[tuple[str, str]] = [("Finding", f"<b>{txt(f.fid)}</b> - {txt(f.group)}"), ("Summary", ev(f.summary))]
    if file:
        rows.append(("Source", f"exhibit {txt(file['exhibit'])}, partition at byte {txt(file['partition_offset'])}, "
                               f"inode {txt(file['inode'])}{', deleted' if not file['allocated'] else ''}"
                               f"<br/>path: {ev(file['path'])}"))
        hashes = "<br/>".join(f"{label} {txt(file[k])}" for k, label in (("md5", "MD5"), ("sha1", "SHA-1"),
                                                                           ("sha256", "SHA-256")) if file[k])
        rows.append(("File hashes", f'<font face="{FONTS["mono"]}">{hashes or "not computed"}</font>'))
        times = [(lbl, file[k]) for k, lbl in (("crtime", "created"), ("mtime", "modified"), ("atime", "accessed"),
                                               ("ctime", "changed")) if file[k]]
        if times:
            rows.append(("File times", "<br/>".join(f"{lbl}: {txt(local_display(t, tz))}" for lbl, t in times)))
    else:
        rows.append(("Source", ev(f.locator)))
    if f.times:
        rows.append(("Event times", "<br/>".join(f"{ev(lbl)}: {txt(local_display(t, tz))}" for lbl, t in f.times)))
    rows.append(("Produced by", ev(f.producer)))
    details = [(k, v) for k, v in sorted(f.details.items()) if v not in (None, "", [], {})]
    if details:
        shown = details[:MAX_DETAIL_FIELDS]
        text = "<br/>".join(f"<b>{txt(k)}</b>: {ev(_value(v))}" for k, v in shown)
        if len(details) > len(shown):
            text += f"<br/>... {len(details) - len(shown)} more field(s) in the CSV/CASE export"
        rows.append(("Recorded values", text))
    tags = [(t, "") for t in f.tags] + [(t, " (on the file)") for t in f.file_tags]
    if tags:
        rows.append(("Tags and notes", "<br/>".join(
            f"<b>{ev(t.tag)}</b>{where} by {txt(t.examiner)}, {txt(local_display(t.created_utc, tz))}"
            + (f": {ev(t.note)}" if t.note else "") for t, where in tags)))
    from .pdf_report import kv

    return kv(rows, ss, width, 30 * mm)


def findings_section(d: ReportData, ss: Any, width: float) -> list[Any]:
    story: list[Any] = [PageBreak(), Paragraph("7. Findings", ss["FTH1"])]
    total = sum(len(v) for v in d.findings.values())
    c = d.counts
    story.append(Paragraph(
        f"{total} finding(s) in scope '{txt(d.scope)}', grouped by type. The case holds {c['files']:,} file-system "
        f"entries ({c['files_examined']:,} files examined), {c['artifacts']:,} artifact records, {c['yara_hits']:,} "
        f"YARA matches, {c['hash_matches']:,} hash-set matches and {c['content_hits']:,} content hits. Facts are "
        "reported as recorded; interpretation is marked as such.", ss["FTBody"]))
    summary = [[Paragraph(h, ss["FTCellBold"]) for h in ("Type", "Count", "Finding ids")]]
    for group, items in d.findings.items():
        ids = ", ".join(f.fid for f in items[:12]) + (" ..." if len(items) > 12 else "")
        summary.append([Paragraph(ev(group), ss["FTCell"]), Paragraph(str(len(items)), ss["FTCell"]),
                        Paragraph(txt(ids), ss["FTCell"])])
    story += [Spacer(1, 2 * mm), _grid(summary, [60 * mm, 15 * mm, width - 75 * mm]), Spacer(1, 3 * mm)]
    for chart in (_activity_chart(d, width), _category_chart(d, width)):
        if chart is not None:
            story += [KeepTogether([chart]), Spacer(1, 2 * mm)]
    if d.thumbnails:
        story += _thumbnails(d, ss, width)
    if d.gps:
        story += _gps_table(d, ss, width)
    for group, items in d.findings.items():
        story += [CondPageBreak(40 * mm), Paragraph(f"{ev(group)} ({len(items)})", ss["FTH2"])]
        for f in items:
            story += [_finding_table(f, d, ss, width), Spacer(1, 2.5 * mm)]
    if not d.findings:
        story.append(Paragraph("No findings in this scope.", ss["FTBody"]))
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
        cap = Paragraph(f"FILE-{t['file_id']}: {ev(t['path'])}<br/>{txt(verified)}", ss["FTSmall"])
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
        rows.append([Paragraph(txt(g["fid"]), ss["FTCell"]), Paragraph(f"{g['lat']:.6f}", ss["FTCell"]),
                     Paragraph(f"{g['lon']:.6f}", ss["FTCell"]),
                     Paragraph("-" if g["alt"] is None else f"{g['alt']:.1f}", ss["FTCell"]),
                     Paragraph(txt(local_display(g["time"], d.case["timezone"]) or "-"), ss["FTCell"]),
                     Paragraph(ev(g["locator"]), ss["FTCell"])])
    return [CondPageBreak(40 * mm), Paragraph("GPS positions (decimal degrees, WGS 84)", ss["FTH2"]),
            _grid(rows, [16 * mm, 20 * mm, 20 * mm, 16 * mm, 38 * mm, width - 110 * mm])]


def limitations_section(d: ReportData, ss: Any, width: float) -> list[Any]:
    story: list[Any] = [CondPageBreak(50 * mm), Paragraph("8. Limitations", ss["FTH1"])]
    general = [
        "This is a triage examination: it lists and examines the files the file systems still reference (allocated "
        "and deleted entries); it does not carve unallocated space.",
        "Times are as recorded by the file systems and artifacts; the source computer's clock was not verified "
        "(possible clock skew).",
        "Signature and YARA matches indicate the presence of patterns, not intent; hash-set matches depend on the "
        "hash sets named in section 5.",
    ] + d.unparsed
    story += [Paragraph(f"- {ev(x)}", ss["FTBody"]) for x in general]
    story.append(Paragraph(f"Stored warnings ({len(d.warnings)})", ss["FTH2"]))
    rows = [[Paragraph(h, ss["FTCellBold"]) for h in ("#", "Kind", "Source", "Where", "Message")]]
    for w in d.warnings:
        rows.append([Paragraph(str(w["id"]), ss["FTCell"]), Paragraph(txt(w["kind"]), ss["FTCell"]),
                     Paragraph(ev(w["source"]), ss["FTCell"]), Paragraph(ev(w["locator"] or "-"), ss["FTCell"]),
                     Paragraph(ev(w["message"]), ss["FTCell"])])
    if len(rows) == 1:
        rows.append([Paragraph("-", ss["FTCell"]), "", "", "", Paragraph("No warnings were recorded.", ss["FTCell"])])
    story.append(_grid(rows, [9 * mm, 20 * mm, 30 * mm, 42 * mm, width - 101 * mm]))
    return story


def conclusions_section(d: ReportData, ss: Any, width: float) -> list[Any]:
    total = sum(len(v) for v in d.findings.values())
    return [KeepTogether([Paragraph("9. Conclusions", ss["FTH1"]), Paragraph(
        f"The examination recorded {total} finding(s) in scope, set out in section 7 with their sources, hashes, "
        "times and the plugin or rule that produced each. Their meaning for the questions asked is for the examiner "
        "to state below; alternative explanations should be considered for each.", ss["FTBody"]),
        Spacer(1, 2 * mm),
        Table([[Paragraph("Examiner's conclusions:", ss["FTCellBold"])], [""]], colWidths=[width],
              rowHeights=[6 * mm, 30 * mm], style=TableStyle([("BOX", (0, 0), (-1, -1), 0.4, RULE),
                                                               ("BACKGROUND", (0, 0), (-1, 0), SHADE)]))])]


def audit_annex(d: ReportData, ss: Any, width: float) -> list[Any]:
    status = "intact" if not d.audit_problems else f"BROKEN ({len(d.audit_problems)} problem(s))"
    story: list[Any] = [PageBreak(), Paragraph("Annex A. Audit log", ss["FTH1"]), Paragraph(
        f"{len(d.audit)} entries; hash chain {status}; head hash "
        f'<font face="{FONTS["mono"]}">{txt(d.audit_head)}</font>. Each entry carries the SHA-256 of the one before '
        "it, so an edited, removed or reordered entry breaks the chain (check with 'forensic-triage verify').",
        ss["FTBody"])]
    for p in d.audit_problems:
        story.append(Paragraph(f"- {txt(p)}", ss["FTBody"]))
    rows = [[Paragraph(h, ss["FTCellBold"]) for h in ("#", "Time (UTC)", "Actor", "Action", "Details",
                                                     "Entry hash (first 16)")]]
    for a in d.audit:
        details = a["details"]
        if len(details) > 400:
            details = details[:400] + " ..."
        when = str(a["time_utc"]).replace("T", " ")[:19] + "Z"
        rows.append([Paragraph(str(a["seq"]), ss["FTSmall"]), Paragraph(txt(when), ss["FTSmall"]),
                     Paragraph(ev(a["actor"]), ss["FTSmall"]), Paragraph(ev(a["action"]), ss["FTSmall"]),
                     Paragraph(ev(details), ss["FTMono"]), Paragraph(txt(a["hash"][:16]), ss["FTMono"])])
    story.append(_grid(rows, [8 * mm, 30 * mm, 22 * mm, 24 * mm, width - 113 * mm, 29 * mm]))
    story.append(Paragraph("Integrity", ss["FTH2"]))
    story.append(Paragraph(
        "The SHA-256 of this PDF and of the CASE/UCO graph are listed in the manifest of the evidence package, "
        "which is signed with the examiner's Ed25519 key (fingerprint in section 1). Verify with "
        "'forensic-triage verify-package'.", ss["FTBody"]))
    return story
