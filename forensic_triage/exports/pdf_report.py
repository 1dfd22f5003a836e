"""The court report (PDF, reportlab), following the checklist of STANDARDS.md §5.

Sections: cover; examiner and declaration (signature block); request and scope; exhibits and
continuity; acquisition and verification (stored vs recomputed hashes, container SHA-256 and
mtime at intake and re-checked now); tools and environment; method; findings (grouped by
type, with charts, tagged-picture previews and a GPS table); limitations; conclusions;
integrity of the case and of this report (digest anchor, audit head hash, signed or
unsigned); glossary; audit-log annex; end-of-report mark. Every page carries the report id and
"page x of y"; while the request, the examiner's qualifications or the conclusions are empty,
every page also carries a diagonal DRAFT watermark. Built only from the case database.
"""

from __future__ import annotations

import datetime as _dt
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
from ..buildinfo import build_id
from ..store import CaseStore
from ..timeutil import local_display
from . import pdf_findings, pdf_phone
from .pdf_style import (
    ALERT,
    BODY_W,
    FONTS,
    INK,
    MARGIN,
    OK,
    PAGE_H,
    PAGE_W,
    RULE,
    SHADE,
    Fit,
    grid,
    hash_fit,
    kv,
    path_fit,
    styles,
    txt,
)
from .report_data import ReportData, gather, signing_statement

SIGNING_KEYS = ("signer", "fingerprint", "signed_utc", "report_id", "signing_as")



TRAINING_MARK = "TRAINING \u2014 NOT EVIDENCE"


def _numbered_canvas(report_id: str, case_number: str, draft: bool,
                     training: bool = False) -> type[rl_canvas.Canvas]:
    class NumberedCanvas(rl_canvas.Canvas):  # type: ignore[misc]
        """Draws "page x of y" once the total is known (two-pass canvas), and the DRAFT watermark."""

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
            self.drawString(MARGIN, 8 * mm, f"{TOOL_NAME} {__version__} (build {_short_build()})"
                            + (" - DRAFT" if draft else ""))
            self.drawRightString(PAGE_W - MARGIN, 8 * mm, f"Page {self._pageNumber} of {total}")
            if draft:
                self.setFillColor(ALERT)
                self.setFont(FONTS["bold"], 7.5)
                self.drawCentredString(PAGE_W / 2, PAGE_H - 6.5 * mm, "DRAFT - NOT FINAL")
                _draft_mark(self)
            if training:  # a training case (exercise): on every page, as text
                self.setFillColor(ALERT)
                self.setFont(FONTS["bold"], 9)
                self.drawCentredString(PAGE_W / 2, PAGE_H - 16 * mm, TRAINING_MARK)
                self.drawCentredString(PAGE_W / 2, 13.5 * mm, TRAINING_MARK)
            self.restoreState()

    return NumberedCanvas


# Block letters of the diagonal DRAFT mark, as strokes on a 4 x 6 grid. They are drawn as lines,
# not text: rotated text would be interleaved by text extraction with the words beneath it. The
# word itself is in the header of every page as text ("DRAFT - NOT FINAL").
_LETTERS: dict[str, list[list[tuple[float, float]]]] = {
    "D": [[(0, 0), (0, 6), (2.6, 6), (4, 4.6), (4, 1.4), (2.6, 0), (0, 0)]],
    "R": [[(0, 0), (0, 6), (3, 6), (4, 5), (4, 4), (3, 3), (0, 3)], [(2, 3), (4, 0)]],
    "A": [[(0, 0), (2, 6), (4, 0)], [(0.8, 2.4), (3.2, 2.4)]],
    "F": [[(4, 6), (0, 6), (0, 0)], [(0, 3.2), (3, 3.2)]],
    "T": [[(0, 6), (4, 6)], [(2, 6), (2, 0)]],
}


def _draft_mark(c: rl_canvas.Canvas, unit: float = 17.0) -> None:
    c.saveState()
    c.setStrokeColor(colors.Color(0.64, 0.09, 0.10, alpha=0.16))
    c.setLineWidth(unit * 0.85)
    c.setLineJoin(1)
    c.setLineCap(1)
    advance = 5.6 * unit
    c.translate(PAGE_W / 2, PAGE_H / 2)
    c.rotate(55)
    c.translate(-(advance * 5 - 1.6 * unit) / 2, -3 * unit)
    for i, letter in enumerate("DRAFT"):
        for stroke in _LETTERS[letter]:
            path = c.beginPath()
            path.moveTo(i * advance + stroke[0][0] * unit, stroke[0][1] * unit)
            for x, y in stroke[1:]:
                path.lineTo(i * advance + x * unit, y * unit)
            c.drawPath(path, stroke=1, fill=0)
    c.restoreState()


def _short_build() -> str:
    build = build_id()
    kind, _, value = build.rpartition(" ")
    return f"{kind} {value[:12]}{'+modified' if value.endswith('+modified') else ''}".strip()


def _cover(d: ReportData, ss: Any) -> list[Any]:
    c = d.case
    story: list[Any] = [Spacer(1, 18 * mm), Paragraph("Digital Forensic Examination Report", ss["FTTitle"]),
                        Paragraph(txt(c["title"] or "Triage examination of digital evidence"), ss["FTSubtitle"]),
                        Spacer(1, 6 * mm)]
    if d.draft:
        story += [Paragraph(f"DRAFT - this report is not final: {txt(_join(d.draft_missing))} "
                            f"{'is' if len(d.draft_missing) == 1 else 'are'} not yet entered in the case. Every page "
                            "carries a DRAFT mark until they are.", ss["FTDraft"]), Spacer(1, 4 * mm)]
    if d.digest_problems:
        story += [Paragraph(f"CASE INTEGRITY CHECK FAILED: {len(d.digest_problems)} problem(s), listed in section 10. "
                            "The case database was changed outside the tool after its last recorded state.",
                            ss["FTDraft"]), Spacer(1, 4 * mm)]
    signed, statement = signing_statement(d)
    scope_words = {"all": "all findings", "notable": "notable findings only (YARA matches, notable hash-set "
                   "matches, extension mismatches, encrypted content, tagged items); every record is in the case "
                   "database and the CSV tables", "tagged": "tagged items only"}[d.scope]
    rows = [("Report ID", f"<b>{txt(d.report_id)}</b>"), ("Case / investigation", txt(c["case_number"])),
            ("Agency and laboratory", txt(c["agency"] or "not recorded")),
            ("Requesting officer / agency", txt(c["requester"] or "not recorded")),
            ("Authority", txt(c["authority"] or "not recorded")),
            ("Examiner", txt(c["examiner"])),
            ("Report generated", txt(local_display(d.generated_utc, c["timezone"]))),
            ("Display time zone", txt(f"{c['timezone']} (times known in UTC are given in UTC and in this zone; "
                                      "local clock times say so, see section 6)")),
            ("Findings in scope", txt(scope_words)),
            ("Exhibits", txt(", ".join(e["exhibit"] for e in d.evidence) or "none")),
            ("Tool", Fit(f"{TOOL_NAME} {__version__} (build {d.build or build_id()})", ss["FTFit"])),
            ("Status", f"<b>{'FINAL' if not d.draft else 'DRAFT'}</b>, "
                       f"<b>{'SIGNED' if signed else 'UNSIGNED'}</b>"),
            ("Signature", Fit(statement, ss["FTFit"]))]
    if c.get("imported_from"):
        rows.append(("Review case", txt(f"imported from package {c['imported_from']}")))
    story += [kv(rows, ss), Spacer(1, 6 * mm),
              Paragraph("This report was produced from the case database only; the evidence was handled read-only "
                        "throughout. Each page carries the report ID and its page number out of the total. Terms "
                        "are explained in the glossary (section 11).", ss["FTNote"]), PageBreak()]
    return story


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _words(value: Any, ss: Any, missing: str) -> Any:
    """The examiner's own text (newlines kept), or a visible 'not entered' mark."""
    text = str(value or "").strip()
    if not text:
        return f'<font color="#{ALERT.hexval()[2:]}"><b>{txt(missing)}</b></font>'
    return Fit(text, ss["FTFit"], keep_newlines=True)


def _declaration(d: ReportData, ss: Any) -> list[Any]:
    c = d.case
    ex = d.examiner
    story: list[Any] = [Paragraph("1. Examiner and declaration", ss["FTH1"])]
    signed, _ = signing_statement(d)
    fingerprint = d.signer_fingerprint if signed else None
    rows: list[tuple[str, Any]] = [
        ("Name", txt(c["examiner"])), ("Role", txt(ex.get("role") or "Digital forensic examiner")),
        ("Organisation", txt(ex.get("organisation") or c["agency"] or "not recorded")),
        ("Qualifications / competence", _words(ex.get("qualifications"), ss,
                                               "NOT ENTERED - the report stays a draft until they are")),
        ("Signing key fingerprint", hash_fit(fingerprint, ss["FTMono"]) if fingerprint else
         txt("none - this PDF is unsigned" + (f" (the examiner's registered key is {ex['key_fingerprint']})"
                                                 if ex.get("key_fingerprint") else "")))]
    if signed and d.signing and d.signing.get("signer") and d.signing.get("signer") != c["examiner"]:
        rows.append(("Signed by", txt(f"{d.signing['signer']}" + (f", signing as {d.signing['signing_as']}"
                                                                   if d.signing.get("signing_as") else ""))))
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
    rows: list[tuple[str, Any]] = [
        ("Request / questions asked", _words(c.get("request"), ss,
                                             "NOT ENTERED - the report stays a draft until the request is entered")),
        ("Scope of the examination", txt(c["scope"] or "Examine the exhibits listed below and report relevant "
                                                       "findings.")),
        ("Requested by", txt(c["requester"] or "not recorded")),
        ("Date received", txt(local_display(received, c["timezone"]) if received else "not recorded")),
        ("Items in scope", txt("; ".join(f"{e['exhibit']} ({e['description'] or e['format']})"
                                        for e in d.evidence) or "none")),
        ("Out of scope", txt("Unallocated space carving, memory, cloud data and encrypted content unless stated.")),
        ("Findings shown", txt(_scope_sentence(d.scope)))]
    if len(d.contributors) > 1 or any(c["role"] != "examiner" for c in d.contributors):
        rows.append(("Contributors", txt("; ".join(
            f"{c['name']} ({c['role']}, {c['actions']} recorded action(s), {c['first_utc'][:10]} to "
            f"{c['last_utc'][:10]})" for c in d.contributors))))
    return [Paragraph("2. Request and scope", ss["FTH1"]), kv(rows, ss)]


def _scope_sentence(scope: str) -> str:
    if scope == "all":
        return "all: every finding recorded in the case."
    what = ("notable: YARA matches, notable hash-set matches, files whose extension does not match their content, "
            "encrypted content and everything the examiner tagged" if scope == "notable" else
            "tagged: only what the examiner tagged")
    return (f"{what}. Content-search hits are summarised in one table. The complete tables (every file, artifact "
            "and content hit) are in the case database and in the CSV export ('forensic-triage export --format csv "
            "--scope all'; the csv folder of an evidence package built with --scope all).")


def _exhibits(d: ReportData, ss: Any) -> list[Any]:
    tz = d.case["timezone"]
    story: list[Any] = [CondPageBreak(60 * mm), Paragraph("3. Exhibits and continuity", ss["FTH1"])]
    rows: list[list[Any]] = [[Paragraph(h, ss["FTCellBold"]) for h in
                              ("Exhibit", "Description", "Make / model / serial", "Seals", "Format, size")]]
    for e in d.evidence:
        import json

        hdr = json.loads(e["ewf_header"] or "{}")
        make = " / ".join(x for x in (hdr.get("model"), hdr.get("serial_number")) if x) or "not recorded"
        rows.append([Paragraph(txt(e["exhibit"]), ss["FTCell"]), Fit(e["description"], ss["FTFit"]),
                     Fit(make, ss["FTFit"]), Fit(e["seals"] or "-", ss["FTFit"]),
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
        entered = ""
        if x.get("entered_utc"):
            entered = f"; entered {local_display(x['entered_utc'], None)} by {x.get('entered_by') or 'unknown'}"
        rows.append([Paragraph(txt(local_display(x["time_utc"], x["timezone"])), ss["FTCell"]),
                     Paragraph(txt(x["exhibit"]), ss["FTCell"]), Paragraph(txt(x["action"]), ss["FTCell"]),
                     Fit(who, ss["FTFit"]), Fit(rest + entered, ss["FTFit"])])
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
        story.append(kv([("Acquisition record", Fit(acq, ss["FTFit"])), ("Image format", txt(e["format"])),
                         ("Media size", txt(f"{e['media_size']:,} bytes ({e['sector_size']}-byte sectors)")),
                         ("Taken into the case", txt(local_display(e["added_utc"], d.case["timezone"])))], ss))
        story.append(Spacer(1, 2 * mm))
        rows: list[list[Any]] = [[Paragraph(h, ss["FTCellBold"]) for h in
                                  ("Hash", "Source of the value", "Value", "Result")]]
        for algo, label in (("md5", "MD5"), ("sha1", "SHA-1"), ("sha256", "SHA-256")):
            stored = e[f"stored_{algo}"]
            result = "MATCH" if stored and stored == e[algo] else "MISMATCH" if stored else "not stored"
            rows.append([Paragraph(label, ss["FTCell"]), Paragraph("stored at acquisition", ss["FTCell"]),
                         hash_fit(stored or "- (none stored)", ss["FTMono"]),
                         _verdict(result, ss) if stored else Paragraph(result, ss["FTCell"])])
            rows.append([Paragraph(label, ss["FTCell"]), Paragraph("recomputed at intake", ss["FTCell"]),
                         hash_fit(e[algo] or "-", ss["FTMono"]), ""])
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
                [Paragraph("Container file", ss["FTCellBold"]), path_fit(c["path"], ss["FTFit"]), "",
                 _verdict(status, ss)],
                [Paragraph("SHA-256", ss["FTCellBold"]), Paragraph("at intake", ss["FTCell"]),
                 hash_fit(c["sha256"], mono), ""],
                ["", Paragraph("now (this report)", ss["FTCell"]), hash_fit(later[0], mono), ""],
                [Paragraph("Size", ss["FTCellBold"]), Paragraph("at intake / now", ss["FTCell"]),
                 Fit(f"{c['size']:,} bytes / {later[1]}", mono), ""],
                [Paragraph("Modified time", ss["FTCellBold"]), Paragraph("at intake / now", ss["FTCell"]),
                 Fit([("at intake", _mtime(c["mtime_ns"])), ("now", later[2])], mono), ""]]
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
    rows: list[tuple[str, Any]] = [
            ("Product", Fit(env["product"], ss["FTFit"])),
            ("Build identifier", Fit(("the git commit the code was run from" if (d.build or "").startswith("git")
                                      else "SHA-256 over the installed package's files")
                                     + "; '+modified' means the checkout had uncommitted changes", ss["FTFit"])),
            ("Runs recorded", Fit(runs, ss["FTFit"])),
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
        prow.append([Fit(name, ss["FTFit"]), Fit(ver, ss["FTFit"])])
    if len(prow) == 1:
        prow.append([Paragraph("none recorded", ss["FTCell"]), ""])
    story.append(grid(prow, [60 * mm, BODY_W - 60 * mm]))
    story.append(Paragraph("YARA rule sets and hash sets", ss["FTH2"]))
    rrow = [[Paragraph(h, ss["FTCellBold"]) for h in ("Kind", "Name", "SHA-256 / entries")]]
    for r in d.rulesets:
        rrow.append([Paragraph("YARA rule set", ss["FTCell"]), path_fit(r["name"], ss["FTFit"]),
                     hash_fit(r["sha256"], ss["FTMono"])])
    for h in d.hashsets:
        rrow.append([Paragraph(txt(f"hash set ({h['kind']})"), ss["FTCell"]), path_fit(h["name"], ss["FTFit"]),
                     Fit([("SHA-256", h["sha256"]), ("entries", f"{h['entries']:,}")], ss["FTMono"], "")])
    if len(rrow) == 1:
        rrow.append([Paragraph("none used", ss["FTCell"]), "", ""])
    story.append(grid(rrow, [28 * mm, 38 * mm, BODY_W - 66 * mm]))
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
                     ("Time zones", Fit(
                         f"Times that the source records in UTC (NTFS, ext, HFS+, most artifacts) are shown in UTC and "
                         f"in the case display zone {tz} with its offset. FAT, EXIF camera clocks and other zone-less "
                         "sources record a local wall clock: with a source zone declared by the examiner for the "
                         "exhibit they are converted to UTC and marked '[local clock, zone ... assumed]'; without one "
                         "they are shown as 'local (zone unknown)' and never as UTC. FAT access times are dates only.",
                         ss["FTFit"])),
                     ("Source zone per exhibit", Fit([(e["exhibit"], _zone_words(e, tz)) for e in d.evidence]
                                                     or [("", "no exhibits")], ss["FTFit"])),
                     ("Deviations from procedure", txt("None recorded."))], ss))
    return story


def _zone_words(e: dict[str, Any], display: str) -> str:
    zone = e.get("source_timezone")
    if zone:
        return (f"source clock zone {zone}, declared by the examiner (an assumption the examiner made); "
                f"display zone {display}")
    return f"source clock zone unknown (not declared): local clock times are shown as local; display zone {display}"


def _check_signing(signing: dict[str, Any] | None) -> dict[str, Any] | None:
    if signing is None:
        return None
    unknown = set(signing) - set(SIGNING_KEYS)
    if unknown:
        raise ValueError(f"unknown signing field(s): {', '.join(sorted(unknown))}")
    return dict(signing)


def build_report(store: CaseStore, out_path: str | Path, scope: str = "notable", *, report_id: str | None = None,
                 signer_fingerprint: str | None = None, signing: dict[str, Any] | None = None) -> ReportData:
    """Write the PDF report; returns the data it was built from (report id, audit head...).

    ``signing`` ({"signer", "fingerprint", "signed_utc", "report_id", "signing_as"}) is given only
    when the PDF goes into a package whose manifest is signed; without it the PDF says it is unsigned.
    ``signer_fingerprint`` alone (older callers) no longer makes the report claim a signature.
    """
    ss = styles()
    signing = _check_signing(signing)
    if signing and signing.get("report_id") and report_id is None:
        report_id = str(signing["report_id"])
    d = gather(store, scope, report_id=report_id, signer_fingerprint=signer_fingerprint, signing=signing)
    story: list[Any] = []
    story += _cover(d, ss)
    story += _declaration(d, ss)
    story += _scope(d, ss)
    story += _exhibits(d, ss)
    story += _acquisition(d, ss)
    story += _tools(d, ss)
    story += _method(d, ss)
    story += pdf_findings.findings_section(d, ss, BODY_W)
    story += pdf_phone.phone_section(d, d.phone, ss, BODY_W)
    story += pdf_findings.limitations_section(d, ss, BODY_W)
    story += pdf_findings.conclusions_section(d, ss, BODY_W)
    story += pdf_findings.integrity_section(d, ss, BODY_W)
    story += pdf_findings.glossary_section(d, ss, BODY_W)
    story += pdf_findings.audit_annex(d, ss, BODY_W)
    story.append(KeepTogether([Spacer(1, 6 * mm), Paragraph(
        f"-- End of report {txt(d.report_id)} --", ss["FTCenter"])]))
    doc = SimpleDocTemplate(str(out_path), pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=18 * mm,
                            bottomMargin=18 * mm, title=f"Forensic examination report {d.report_id}",
                            author=d.case["examiner"], subject=f"Case {d.case['case_number']}",
                            creator=f"{TOOL_NAME} {__version__} (build {d.build})",
                            keywords="DRAFT" if d.draft else "FINAL")
    doc.build(story, canvasmaker=_numbered_canvas(d.report_id, d.case["case_number"], d.draft,
                                                  bool(d.case.get("training"))))
    return d
