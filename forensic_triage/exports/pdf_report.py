"""The court report (PDF, reportlab), following the checklist of STANDARDS.md §5.

Sections: cover; examiner and declaration (signature block); request and scope; exhibits and
continuity; acquisition and verification (stored vs recomputed hashes, container SHA-256 and
mtime at intake and re-checked now); tools and environment; method; findings (grouped by
type, with charts, tagged-picture previews and a GPS table); limitations; conclusions;
audit-log annex with the chain's head hash; integrity block and end-of-report mark. Every
page carries the report id and "page x of y". Built only from the case database.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from .. import TOOL_NAME, __version__
from ..store import CaseStore
from ..timeutil import local_display, utcnow_iso
from . import pdf_findings
from .pdf_style import ALERT, FONTS, INK, OK, RULE, SHADE, ev, styles, txt
from .report_data import ReportData, gather

PAGE_W, PAGE_H = A4
MARGIN = 18 * mm
BODY_W = PAGE_W - 2 * MARGIN


def grid(rows: list[list[Any]], widths: list[float], header: bool = True, zebra: bool = True) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0)
    cmds: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.4, RULE), ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]
    if header:
        cmds.append(("BACKGROUND", (0, 0), (-1, 0), SHADE))
    if zebra:
        for i in range(2 if header else 1, len(rows), 2):
            cmds.append(("BACKGROUND", (0, i), (-1, i), colors.HexColor("#f7f9fb")))
    table.setStyle(TableStyle(cmds))
    return table


def kv(rows: list[tuple[str, Any]], ss: Any, width: float = BODY_W, label_w: float = 42 * mm) -> Table:
    """Label/value rows; values are Paragraph markup already escaped by the caller."""
    data = [[Paragraph(txt(k), ss["FTCellBold"]), v if not isinstance(v, str) else Paragraph(v, ss["FTCell"])]
            for k, v in rows]
    table = Table(data, colWidths=[label_w, width - label_w])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, RULE), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("BACKGROUND", (0, 0), (0, -1), SHADE), ("TOPPADDING", (0, 0), (-1, -1), 2),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]))
    return table


def _numbered_canvas(report_id: str, case_number: str) -> type[rl_canvas.Canvas]:
    class NumberedCanvas(rl_canvas.Canvas):  # type: ignore[misc]
        """Draws "page x of y" once the total is known (two-pass canvas)."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 (reportlab API)
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._decorate(total)
                super().showPage()
            super().save()

        def _decorate(self, total: int) -> None:
            self.saveState()
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            self.line(MARGIN, PAGE_H - 12 * mm, PAGE_W - MARGIN, PAGE_H - 12 * mm)
            self.line(MARGIN, 12 * mm, PAGE_W - MARGIN, 12 * mm)
            self.setFont(FONTS["body"], 7.5)
            self.setFillColor(INK)
            self.drawString(MARGIN, PAGE_H - 10 * mm, f"Digital forensic examination report - case {case_number}")
            self.drawRightString(PAGE_W - MARGIN, PAGE_H - 10 * mm, f"Report ID {report_id}")
            self.drawString(MARGIN, 8 * mm, f"{TOOL_NAME} {__version__}")
            self.drawRightString(PAGE_W - MARGIN, 8 * mm, f"Page {self._pageNumber} of {total}")
            self.restoreState()

    return NumberedCanvas


def _cover(d: ReportData, ss: Any) -> list[Any]:
    c = d.case
    story: list[Any] = [Spacer(1, 28 * mm), Paragraph("Digital Forensic Examination Report", ss["FTTitle"]),
                        Paragraph(txt(c["title"] or "Triage examination of digital evidence"), ss["FTSubtitle"]),
                        Spacer(1, 10 * mm)]
    rows = [("Report ID", f"<b>{txt(d.report_id)}</b>"), ("Case / investigation", txt(c["case_number"])),
            ("Agency and laboratory", txt(c["agency"] or "not recorded")),
            ("Requesting officer / agency", txt(c["requester"] or "not recorded")),
            ("Authority", txt(c["authority"] or "not recorded")),
            ("Examiner", txt(c["examiner"])),
            ("Report generated", txt(local_display(d.generated_utc, c["timezone"]))),
            ("Display time zone", txt(f"{c['timezone']} (every time is given in UTC and in this zone)")),
            ("Findings in scope", txt({"all": "all findings", "notable": "notable findings only (matches, notable "
                                       "hash-set hits, tagged items)", "tagged": "tagged items only"}[d.scope])),
            ("Exhibits", txt(", ".join(e["exhibit"] for e in d.evidence) or "none"))]
    if c.get("imported_from"):
        rows.append(("Review case", txt(f"imported from package {c['imported_from']}")))
    story += [kv(rows, ss), Spacer(1, 8 * mm),
              Paragraph("This report was produced from the case database only; the evidence was handled read-only "
                        "throughout. Each page carries the report ID and its page number out of the total.",
                        ss["FTNote"]), PageBreak()]
    return story


def _declaration(d: ReportData, ss: Any) -> list[Any]:
    c = d.case
    ex = next((e for e in d.examiners if e["name"] == c["examiner"]), {})
    story: list[Any] = [Paragraph("1. Examiner and declaration", ss["FTH1"])]
    rows = [("Name", txt(c["examiner"])), ("Role", txt(ex.get("role") or "Digital forensic examiner")),
            ("Organisation", txt(ex.get("organisation") or c["agency"] or "not recorded")),
            ("Qualifications / competence", txt(ex.get("qualifications") or "not recorded in the case")),
            ("Signing key fingerprint", txt(d.signer_fingerprint or ex.get("key_fingerprint") or
                                            "not signed with an examiner key"))]
    story.append(kv(rows, ss))
    story.append(Spacer(1, 4 * mm))
    text = (f"I, {txt(c['examiner'])}, declare that this report is true to the best of my knowledge and belief and "
            "that I have made clear which facts and matters referred to in it are within my own knowledge and which "
            "are not. I understand that my duty is to the court and I have complied with that duty. The examination "
            "followed the laboratory's procedures; any departure from them is stated under Method or Limitations. "
            "I have no conflict of interest in this matter unless stated here: none declared.")
    story += [Paragraph(text, ss["FTBody"]), Spacer(1, 8 * mm)]
    sig = Table([[Paragraph("Signature", ss["FTCellBold"]), "", Paragraph("Date", ss["FTCellBold"]), ""],
                 ["", Paragraph(f"{txt(c['examiner'])} (name in capitals)", ss["FTSmall"]), "",
                  Paragraph("day / month / year", ss["FTSmall"])]],
                colWidths=[25 * mm, 80 * mm, 15 * mm, BODY_W - 120 * mm], rowHeights=[14 * mm, 6 * mm])
    sig.setStyle(TableStyle([("LINEBELOW", (1, 0), (1, 0), 0.6, INK), ("LINEBELOW", (3, 0), (3, 0), 0.6, INK),
                             ("VALIGN", (0, 0), (-1, -1), "BOTTOM")]))
    story += [sig, Spacer(1, 6 * mm)]
    return story


def _scope(d: ReportData, ss: Any) -> list[Any]:
    c = d.case
    received = min((x["time_utc"] for x in d.custody if x["action"] == "received"), default=None)
    rows = [("Request", txt(c["scope"] or "Examine the exhibits listed below and report relevant findings.")),
            ("Requested by", txt(c["requester"] or "not recorded")),
            ("Date received", txt(local_display(received, c["timezone"]) if received else "not recorded")),
            ("Items in scope", txt("; ".join(f"{e['exhibit']} ({e['description'] or e['format']})"
                                            for e in d.evidence) or "none")),
            ("Out of scope", txt("Unallocated space carving, memory, cloud data and encrypted content unless stated.")),
            ("Findings shown", txt(d.scope))]
    return [Paragraph("2. Request and scope", ss["FTH1"]), kv(rows, ss)]


def _exhibits(d: ReportData, ss: Any) -> list[Any]:
    tz = d.case["timezone"]
    story: list[Any] = [CondPageBreak(60 * mm), Paragraph("3. Exhibits and continuity", ss["FTH1"])]
    rows: list[list[Any]] = [[Paragraph(h, ss["FTCellBold"]) for h in
                              ("Exhibit", "Description", "Make / model / serial", "Seals", "Format, size")]]
    for e in d.evidence:
        import json

        hdr = json.loads(e["ewf_header"] or "{}")
        make = " / ".join(x for x in (hdr.get("model"), hdr.get("serial_number")) if x) or "not recorded"
        rows.append([Paragraph(txt(e["exhibit"]), ss["FTCell"]), Paragraph(ev(e["description"]), ss["FTCell"]),
                     Paragraph(ev(make), ss["FTCell"]), Paragraph(txt(e["seals"] or "-"), ss["FTCell"]),
                     Paragraph(txt(f"{e['format']}, {e['media_size']:,} bytes"), ss["FTCell"])])
    story.append(grid(rows, [22 * mm, 50 * mm, 40 * mm, 25 * mm, BODY_W - 137 * mm]))
    story.append(Paragraph("Continuity (chain of custody)", ss["FTH2"]))
    rows = [[Paragraph(h, ss["FTCellBold"]) for h in ("When (UTC and local)", "Exhibit", "Action", "From -> to / who",
                                                     "Where, why, seals, note")]]
    for x in d.custody:
        parties = f"{x['from_party']} -> {x['to_party']}" if (x["from_party"] or x["to_party"]) else ""
        who = f"{parties} (by {x['who']})" if parties else x["who"]
        rest = "; ".join(v for v in (x["location"], x["purpose"], f"seals {x['seals']}" if x["seals"] else "",
                                     x["note"]) if v)
        rows.append([Paragraph(txt(local_display(x["time_utc"], x["timezone"])), ss["FTCell"]),
                     Paragraph(txt(x["exhibit"]), ss["FTCell"]), Paragraph(txt(x["action"]), ss["FTCell"]),
                     Paragraph(txt(who), ss["FTCell"]), Paragraph(txt(rest), ss["FTCell"])])
    if len(rows) == 1:
        rows.append([Paragraph("No custody events recorded in the case.", ss["FTCell"]), "", "", "", ""])
    story.append(grid(rows, [38 * mm, 20 * mm, 20 * mm, 40 * mm, BODY_W - 118 * mm]))
    story.append(Paragraph(f"Times of custody events are shown in UTC and in the zone where each event happened; "
                           f"the case display zone is {txt(tz)}.", ss["FTNote"]))
    return story


def _verdict(text: str, ss: Any) -> Paragraph:
    color = OK.hexval()[2:] if text in ("MATCH", "UNCHANGED") else ALERT.hexval()[2:]
    return Paragraph(f'<font color="#{color}"><b>{txt(text)}</b></font>', ss["FTCell"])


def _mtime(ns: int | None) -> str:
    if ns is None:
        return "-"
    return _dt.datetime.fromtimestamp(int(ns) / 1e9, _dt.UTC).strftime("%Y-%m-%d %H:%M:%S.%f UTC")


def _acquisition(d: ReportData, ss: Any) -> list[Any]:
    story: list[Any] = [CondPageBreak(70 * mm), Paragraph("4. Acquisition and verification", ss["FTH1"])]
    now = {(c["evidence"], c["path"]): c for c in d.containers_now}
    for e in d.evidence:
        import json

        hdr = json.loads(e["ewf_header"] or "{}")
        story.append(Paragraph(f"Exhibit {txt(e['exhibit'])} (evidence item {txt(e['uid'])})", ss["FTH2"]))
        acq = ", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in sorted(hdr.items())) or \
            "no acquisition metadata stored in the image (raw format)"
        story.append(kv([("Acquisition record", ev(acq)), ("Image format", txt(e["format"])),
                         ("Media size", txt(f"{e['media_size']:,} bytes ({e['sector_size']}-byte sectors)")),
                         ("Taken into the case", txt(local_display(e["added_utc"], d.case["timezone"])))], ss))
        story.append(Spacer(1, 2 * mm))
        rows: list[list[Any]] = [[Paragraph(h, ss["FTCellBold"]) for h in
                                  ("Hash", "Source of the value", "Value", "Result")]]
        for algo, label in (("md5", "MD5"), ("sha1", "SHA-1"), ("sha256", "SHA-256")):
            stored = e[f"stored_{algo}"]
            result = "MATCH" if stored and stored == e[algo] else "MISMATCH" if stored else "not stored"
            rows.append([Paragraph(label, ss["FTCell"]), Paragraph("stored at acquisition", ss["FTCell"]),
                         Paragraph(txt(stored or "- (none stored)"), ss["FTMono"]),
                         _verdict(result, ss) if stored else Paragraph(result, ss["FTCell"])])
            rows.append([Paragraph(label, ss["FTCell"]), Paragraph("recomputed at intake", ss["FTCell"]),
                         Paragraph(txt(e[algo] or "-"), ss["FTMono"]), ""])
        table = grid(rows, [15 * mm, 34 * mm, 98 * mm, BODY_W - 147 * mm], zebra=False)
        table.setStyle(TableStyle([("SPAN", (0, i), (0, i + 1)) for i in range(1, len(rows), 2)]
                                  + [("SPAN", (3, i), (3, i + 1)) for i in range(1, len(rows), 2)]
                                  + [("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
        story.append(table)
        story.append(Spacer(1, 1.5 * mm))
        story.append(Paragraph(f"Overall verification verdict at intake: <b>{txt(e['verdict'])}</b>.", ss["FTBody"]))
        story.append(Spacer(1, 1.5 * mm))
        for c in e["containers"]:
            cur = now.get((e["uid"], c["path"]))
            if cur is None:
                status = "NOT CHECKED"
                later = ("not re-checked (evidence not attached to this review case)",) * 3
            elif cur["status"] == "MISSING":
                status = "MISSING"
                later = ("the container file is missing",) * 3
            else:
                status = cur["status"]
                later = (cur["sha256"], f"{cur['size']:,} bytes", _mtime(cur["mtime_ns"]))
            mono = ss["FTMono"]
            crow: list[list[Any]] = [
                [Paragraph("Container file", ss["FTCellBold"]), Paragraph(ev(c["path"]), ss["FTCell"]), "",
                 _verdict(status, ss)],
                [Paragraph("SHA-256", ss["FTCellBold"]), Paragraph("at intake", ss["FTCell"]),
                 Paragraph(txt(c["sha256"]), mono), ""],
                ["", Paragraph("now (this report)", ss["FTCell"]), Paragraph(txt(later[0]), mono), ""],
                [Paragraph("Size", ss["FTCellBold"]), Paragraph("at intake / now", ss["FTCell"]),
                 Paragraph(txt(f"{c['size']:,} bytes / {later[1]}"), mono), ""],
                [Paragraph("Modified time", ss["FTCellBold"]), Paragraph("at intake / now", ss["FTCell"]),
                 Paragraph(txt(f"{_mtime(c['mtime_ns'])} / {later[2]}"), mono), ""]]
            ctable = grid(crow, [24 * mm, 26 * mm, 102 * mm, BODY_W - 152 * mm], header=False, zebra=False)
            ctable.setStyle(TableStyle([("SPAN", (1, 0), (2, 0)), ("SPAN", (0, 1), (0, 2)), ("SPAN", (3, 0), (3, -1)),
                                        ("BACKGROUND", (0, 0), (0, -1), SHADE), ("VALIGN", (3, 0), (3, -1), "MIDDLE")]))
            story += [KeepTogether([ctable]), Spacer(1, 1.5 * mm)]
    story.append(Paragraph(f"Containers re-hashed (read-only) at {txt(local_display(d.generated_utc, d.case['timezone']))}"
                           " for this report.", ss["FTNote"]))
    return story


def _tools(d: ReportData, ss: Any) -> list[Any]:
    env = d.environment
    story: list[Any] = [CondPageBreak(60 * mm), Paragraph("5. Tools and environment", ss["FTH1"])]
    runs = "; ".join(f"#{j['id']} {j['kind']} with {j['tool_version']} ({j['outcome']}, "
                     f"{local_display(j['started_utc'], d.case['timezone'])})" for j in d.jobs) or "none"
    rows = [("Product", txt(env["product"])), ("Runs recorded", txt(runs)),
            ("Report environment", txt(f"{env['os']}; Python {env['python']}; host {env['host']}")),
            ("Libraries (report time)", txt(env["libraries"])),
            ("Parsing libraries (as recorded by the runs)", txt(", ".join(f"{k} {v}" for k, v in
                                                                          sorted(d.libraries.items())) or "none recorded")),
            ("Report fonts", txt(FONTS["source"])),
            ("Tool validation", txt("Tested against The Sleuth Kit ground truth on public reference images "
                                    "(the product's test suite); see the validation record of the laboratory."))]
    story.append(kv(rows, ss))
    story.append(Paragraph("Plugins and analyzers used", ss["FTH2"]))
    prow = [[Paragraph("Plugin / analyzer", ss["FTCellBold"]), Paragraph("Version / configuration", ss["FTCellBold"])]]
    for name, ver in sorted(d.plugins.items()):
        prow.append([Paragraph(txt(name), ss["FTCell"]), Paragraph(txt(ver), ss["FTCell"])])
    if len(prow) == 1:
        prow.append([Paragraph("none recorded", ss["FTCell"]), ""])
    story.append(grid(prow, [60 * mm, BODY_W - 60 * mm]))
    story.append(Paragraph("YARA rule sets and hash sets", ss["FTH2"]))
    rrow = [[Paragraph(h, ss["FTCellBold"]) for h in ("Kind", "Name", "SHA-256 / entries")]]
    for r in d.rulesets:
        rrow.append([Paragraph("YARA rule set", ss["FTCell"]), Paragraph(ev(r["name"]), ss["FTCell"]),
                     Paragraph(txt(r["sha256"]), ss["FTMono"])])
    for h in d.hashsets:
        rrow.append([Paragraph(txt(f"hash set ({h['kind']})"), ss["FTCell"]), Paragraph(ev(h["name"]), ss["FTCell"]),
                     Paragraph(txt(f"{h['sha256']} ({h['entries']} entries)"), ss["FTMono"])])
    if len(rrow) == 1:
        rrow.append([Paragraph("none used", ss["FTCell"]), "", ""])
    story.append(grid(rrow, [30 * mm, 45 * mm, BODY_W - 75 * mm]))
    return story


def _method(d: ReportData, ss: Any) -> list[Any]:
    tz = d.case["timezone"]
    steps = [
        "Each evidence container was opened read-only (operating-system read-only handles; no write path exists in "
        "the tool); its size, modification time and SHA-256 were recorded at intake.",
        "The media was read once to compute MD5, SHA-1 and SHA-256 and compared with the hashes stored at "
        "acquisition (MATCH / MISMATCH / not stored).",
        "Partition tables and file systems were listed with The Sleuth Kit (pytsk3); every allocated and deleted "
        "entry was recorded with a locator (exhibit : partition offset : inode / path).",
        "Each file's content was read once: hashes, file type (libmagic), entropy, signature check, YARA rules, "
        "content search and the artifact plugins listed in section 5 were all fed from that single read.",
        "Results, warnings and every examiner action were written to the case database with a hash-chained audit "
        "log (annex).",
        "This report and the exports were produced from the case database alone; the evidence containers were "
        "re-hashed at report time to show they are unchanged."]
    story: list[Any] = [CondPageBreak(50 * mm), Paragraph("6. Method", ss["FTH1"])]
    story += [Paragraph(f"{i}. {txt(s)}", ss["FTBody"]) for i, s in enumerate(steps, 1)]
    story.append(Spacer(1, 2 * mm))
    story.append(kv([("Read-only handling", txt("Evidence opened with O_RDONLY only; container hashes re-checked "
                                                "(section 4).")),
                     ("Time zones", txt(f"Times are stored in UTC as recorded by the file systems and artifacts. "
                                        f"They are shown in UTC and in the case display zone {tz} with its offset. "
                                        "FAT and other local-time file systems record local times without a zone; "
                                        "such times are as interpreted by The Sleuth Kit.")),
                     ("Deviations from procedure", txt("None recorded."))], ss))
    return story


def build_report(store: CaseStore, out_path: str | Path, scope: str = "all", *, report_id: str | None = None,
                 signer_fingerprint: str | None = None, signing: dict[str, Any] | None = None) -> ReportData:
    """Write the PDF report; returns the data it was built from (report id, audit head...).

    ``signing`` (from the package builder: signer, fingerprint, signed_utc, report_id,
    signing_as) says who signs the package that will hold this PDF; None: a standalone,
    unsigned PDF. (Accepted here; the rendering is the report's.)
    """
    ss = styles()
    d = gather(store, scope, report_id=report_id, signer_fingerprint=signer_fingerprint)
    story: list[Any] = []
    story += _cover(d, ss)
    story += _declaration(d, ss)
    story += _scope(d, ss)
    story += _exhibits(d, ss)
    story += _acquisition(d, ss)
    story += _tools(d, ss)
    story += _method(d, ss)
    story += pdf_findings.findings_section(d, ss, BODY_W)
    story += pdf_findings.limitations_section(d, ss, BODY_W)
    story += pdf_findings.conclusions_section(d, ss, BODY_W)
    story += pdf_findings.audit_annex(d, ss, BODY_W)
    story.append(KeepTogether([Spacer(1, 6 * mm), Paragraph(
        f"-- End of report {txt(d.report_id)} --", ss["FTCenter"])]))
    doc = SimpleDocTemplate(str(out_path), pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=18 * mm,
                            bottomMargin=18 * mm, title=f"Forensic examination report {d.report_id}",
                            author=d.case["examiner"], subject=f"Case {d.case['case_number']}",
                            creator=f"{TOOL_NAME} {__version__}")
    doc.build(story, canvasmaker=_numbered_canvas(d.report_id, d.case["case_number"]))
    return d


def export_pdf(store: CaseStore, out_path: str | Path, scope: str = "all", *, signer_fingerprint: str | None = None,
               actor: str | None = None, signing: dict[str, Any] | None = None) -> ReportData:
    """Build the report and record it (id, SHA-256, audit head it covers) in the audit log."""
    d = build_report(store, out_path, scope, signer_fingerprint=signer_fingerprint, signing=signing)
    digest = hashlib.sha256(Path(out_path).read_bytes()).hexdigest()
    store.audit(actor or store.examiner, "report exported", {
        "report_id": d.report_id, "scope": scope, "sha256": digest, "path": str(out_path),
        "audit_head_covered": d.audit_head, "generated_utc": d.generated_utc, "exported_utc": utcnow_iso()})
    return d
