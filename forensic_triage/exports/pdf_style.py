"""Fonts, styles and safe text for the PDF report.

Every string that came from the evidence goes through :func:`ev` (or :class:`Fit`) before it
reaches a reportlab ``Paragraph``: control characters and bidirectional overrides become visible
escapes (``\\u202e``), markup characters are XML-escaped so ``<font>`` in a file name is shown
as text.

Line breaks are chosen here, not by reportlab: :class:`Fit` measures the text against the width
it is given and breaks only after ``/`` (paths) or at spaces, never inside a hash or a word; a
single path component wider than the whole column is the only thing ever cut, at the column edge.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, StyleSheet1, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from ..text import safe_text

_FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"),
              Path("/usr/local/share/fonts/dejavu"))
INK = colors.HexColor("#1b2a3a")
RULE = colors.HexColor("#8a9bb0")
SHADE = colors.HexColor("#e8edf3")
ALERT = colors.HexColor("#a4161a")
OK = colors.HexColor("#1b6e3a")

PAGE_W, PAGE_H = A4
MARGIN = 18 * mm
BODY_W = PAGE_W - 2 * MARGIN

FONTS = {"body": "Helvetica", "bold": "Helvetica-Bold", "mono": "Courier", "italic": "Helvetica-Oblique",
         "source": "standard PDF fonts (Latin-1 only)"}


def register_fonts() -> dict[str, str]:
    """DejaVu (wide Unicode coverage) when installed, else reportlab's bundled Vera."""
    if FONTS["body"] != "Helvetica":
        return FONTS
    for folder in _FONT_DIRS:
        files = {k: folder / n for k, n in (("body", "DejaVuSans.ttf"), ("bold", "DejaVuSans-Bold.ttf"),
                                            ("mono", "DejaVuSansMono.ttf"), ("italic", "DejaVuSans-Oblique.ttf"))}
        if all(p.is_file() for p in files.values()):
            for key, path in files.items():
                pdfmetrics.registerFont(TTFont(f"FT-{key}", str(path)))
            pdfmetrics.registerFontFamily("FT-body", normal="FT-body", bold="FT-bold", italic="FT-italic",
                                          boldItalic="FT-bold")
            FONTS.update(body="FT-body", bold="FT-bold", mono="FT-mono", italic="FT-italic",
                         source=f"DejaVu Sans / Sans Mono ({folder})")
            return FONTS
    import reportlab

    vera = Path(reportlab.__file__).parent / "fonts"
    pdfmetrics.registerFont(TTFont("FT-body", str(vera / "Vera.ttf")))
    pdfmetrics.registerFont(TTFont("FT-bold", str(vera / "VeraBd.ttf")))
    pdfmetrics.registerFont(TTFont("FT-italic", str(vera / "VeraIt.ttf")))
    pdfmetrics.registerFontFamily("FT-body", normal="FT-body", bold="FT-bold", italic="FT-italic",
                                  boldItalic="FT-bold")
    FONTS.update(body="FT-body", bold="FT-bold", mono="FT-body", italic="FT-italic",
                 source="Bitstream Vera (bundled with reportlab; DejaVu not installed)")
    return FONTS


def styles() -> StyleSheet1:
    f = register_fonts()
    ss = getSampleStyleSheet()
    base = ParagraphStyle("FTBody", parent=ss["Normal"], fontName=f["body"], fontSize=9, leading=11.5, textColor=INK)
    out = StyleSheet1()
    out.add(base)
    out.add(ParagraphStyle("FTSmall", parent=base, fontSize=7.5, leading=9.3))
    out.add(ParagraphStyle("FTCell", parent=base, fontSize=7.5, leading=9.3))
    out.add(ParagraphStyle("FTCellBold", parent=base, fontName=f["bold"], fontSize=7.5, leading=9.3))
    # Fit text: reportlab must not break it again (the lines were measured to fit).
    out.add(ParagraphStyle("FTFit", parent=base, fontSize=7.5, leading=9.3, splitLongWords=0))
    out.add(ParagraphStyle("FTMono", parent=base, fontName=f["mono"], fontSize=7, leading=8.8, splitLongWords=0))
    out.add(ParagraphStyle("FTBodyFit", parent=base, splitLongWords=0))
    out.add(ParagraphStyle("FTDraft", parent=base, fontName=f["bold"], fontSize=10, leading=13,
                           textColor=colors.HexColor("#a4161a")))
    out.add(ParagraphStyle("FTTitle", parent=base, fontName=f["bold"], fontSize=20, leading=25, alignment=TA_CENTER,
                           spaceAfter=6))
    out.add(ParagraphStyle("FTSubtitle", parent=base, fontSize=11, leading=14, alignment=TA_CENTER, spaceAfter=4))
    out.add(ParagraphStyle("FTH1", parent=base, fontName=f["bold"], fontSize=13, leading=16, spaceBefore=4,
                           spaceAfter=6, textColor=INK))
    out.add(ParagraphStyle("FTH2", parent=base, fontName=f["bold"], fontSize=10.5, leading=13, spaceBefore=8,
                           spaceAfter=4))
    out.add(ParagraphStyle("FTNote", parent=base, fontName=f["italic"], fontSize=8, leading=10,
                           textColor=colors.HexColor("#44505c")))
    out.add(ParagraphStyle("FTCenter", parent=base, alignment=TA_CENTER))
    return out


def ev(value: Any) -> str:
    """Evidence text made literal and harmless for a Paragraph."""
    return escape(safe_text(value))


def txt(value: Any) -> str:
    """Our own text (may still contain & or <) escaped for a Paragraph."""
    return escape("" if value is None else str(value))


def para(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(text, style)


HEX = re.compile(r"[0-9a-fA-F]{32,128}")
BREAKS_PATH = "/"
BREAKS_TEXT = " /"


def _tokens(text: str, breaks: str) -> list[str]:
    """``text`` cut after each break character (the break stays with the piece before it)."""
    out, cur = [], ""
    for ch in text:
        cur += ch
        if ch in breaks:
            out.append(cur)
            cur = ""
    if cur:
        out.append(cur)
    return out


def fit_lines(text: str, width: float, font: str, size: float, breaks: str = BREAKS_TEXT,
              first_width: float | None = None) -> list[str]:
    """Lines of ``text`` no wider than ``width`` points (the first no wider than ``first_width``),
    broken only after a character of ``breaks``; a piece wider than a whole line is cut at the
    edge (groups of 16 for a hexadecimal value such as a hash)."""
    lines: list[str] = []
    cur = ""
    avail = first_width if first_width is not None else width

    def w(s: str) -> float:
        return float(pdfmetrics.stringWidth(s.rstrip(" "), font, size))

    for tok in _tokens(text, breaks):
        if w(cur + tok) <= avail:
            cur += tok
            continue
        if cur and w(tok) <= width:
            lines.append(cur)
            cur = ""
            avail = width
        elif cur:  # too wide for any line: cut it, starting right after what the line holds
            tok = cur + tok
            cur = ""
        while w(tok) > avail:
            n = max(1, int(len(tok) * avail / max(w(tok), 1.0)))
            while n > 1 and w(tok[:n]) > avail:
                n -= 1
            if all(c in "0123456789abcdefABCDEF" for c in tok.strip()) and n >= 16:
                n -= n % 16
            lines.append(tok[:n])
            tok = tok[n:]
            avail = width
        cur = tok
    if cur or not lines:
        lines.append(cur)
    return [line.rstrip(" ") if i < len(lines) - 1 else line for i, line in enumerate(lines)]


class Fit(Flowable):  # type: ignore[misc]
    """Labelled values, one per line, each wrapped at ``breaks`` only, measured at layout time.

    ``items`` are ``(label, value)`` pairs; the label (may be empty) is bold and followed by
    ``: ``. Values are taken literally: evidence text is made visible with :func:`safe_text`
    (newlines kept as line breaks when ``keep_newlines``) and XML-escaped here.
    """

    def __init__(self, items: list[tuple[str, Any]] | str, style: ParagraphStyle, breaks: str = BREAKS_TEXT,
                 keep_newlines: bool = False) -> None:
        super().__init__()
        self.items = [("", items)] if isinstance(items, str) else list(items)
        self.style = style
        self.breaks = breaks
        self.keep_newlines = keep_newlines
        self._para: Paragraph | None = None

    def markup(self, avail: float) -> str:
        st = self.style
        width = max(avail - 0.5, 10.0)
        out: list[str] = []
        for label, value in self.items:
            text = safe_text(value, keep="\n" if self.keep_newlines else "")
            label = safe_text(label)
            head = f"<b>{escape(label)}</b>: " if label else ""
            head_w = pdfmetrics.stringWidth(f"{label}: ", FONTS["bold"], st.fontSize) if label else 0.0
            if head_w > width * 0.6:  # a long label (an evidence value) gets lines of its own
                head = "<br/>".join(f"<b>{escape(line)}</b>" for line in fit_lines(
                    label + ":", width, FONTS["bold"], st.fontSize, BREAKS_TEXT)) + "<br/>"
                head_w = 0.0
            if HEX.fullmatch(text):
                # A hash: monospace, whole on one line (the next one if the label leaves too little room).
                size = st.fontSize * 0.93 if st.fontName != FONTS["mono"] else st.fontSize
                first_w = width - head_w
                if head and pdfmetrics.stringWidth(text, FONTS["mono"], size) > first_w:
                    head, first_w = head + "<br/>", width  # the whole hash on the next line
                lines = fit_lines(text, width, FONTS["mono"], size, "", first_w)
                out.append(head + "<br/>".join(f'<font face="{FONTS["mono"]}" size="{size:.2f}">{line}</font>'
                                               for line in lines))
                continue
            chunks = text.split("\n") if self.keep_newlines else [text]
            pieces: list[str] = []
            for n, chunk in enumerate(chunks):
                first = width - head_w if n == 0 else width
                pieces += [escape(line) for line in fit_lines(chunk, width, st.fontName, st.fontSize, self.breaks,
                                                              first)]
            out.append(head + "<br/>".join(pieces))
        return "<br/>".join(out)

    def _make(self, avail: float) -> Paragraph:
        return Paragraph(self.markup(avail), self.style)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._para = self._make(avail_width)
        w, h = self._para.wrap(avail_width, avail_height)
        self.width, self.height = w, h
        return w, h

    def split(self, avail_width: float, avail_height: float) -> list[Any]:
        return list(self._make(avail_width).split(avail_width, avail_height))

    def draw(self) -> None:
        if self._para is not None:
            self._para.drawOn(self.canv, 0, 0)

    def getPlainText(self) -> str:  # noqa: N802 (reportlab API)
        return " ".join(f"{k}: {v}" if k else str(v) for k, v in self.items)


def path_fit(value: Any, style: ParagraphStyle) -> Fit:
    """A path (or locator) broken only after '/'."""
    return Fit(str(value if value is not None else ""), style, BREAKS_PATH)


def hash_fit(value: Any, style: ParagraphStyle) -> Fit:
    """A hash in the monospace style: never broken unless wider than the column (then in groups of 16)."""
    return Fit(str(value if value is not None else ""), style, "")


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
    """Label/value rows; values are Paragraph markup already escaped by the caller, or flowables."""
    data = [[Paragraph(txt(k), ss["FTCellBold"]), v if not isinstance(v, str) else Paragraph(v, ss["FTCell"])]
            for k, v in rows]
    table = Table(data, colWidths=[label_w, width - label_w])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, RULE), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("BACKGROUND", (0, 0), (0, -1), SHADE), ("TOPPADDING", (0, 0), (-1, -1), 2),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]))
    return table
