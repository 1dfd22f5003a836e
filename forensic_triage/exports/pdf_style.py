"""Fonts, styles and safe text for the PDF report.

Every string that came from the evidence goes through :func:`ev` before it reaches a
reportlab ``Paragraph``: control characters and bidirectional overrides become visible
escapes (``\\u202e``), markup characters are XML-escaped so ``<font>`` in a file name is shown
as text, and long unbroken strings may wrap at any character (``wordWrap='CJK'`` styles).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle, StyleSheet1, getSampleStyleSheet
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph

from ..cli.common import safe_text

_FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"),
              Path("/usr/local/share/fonts/dejavu"))
INK = colors.HexColor("#1b2a3a")
RULE = colors.HexColor("#8a9bb0")
SHADE = colors.HexColor("#e8edf3")
ALERT = colors.HexColor("#a4161a")
OK = colors.HexColor("#1b6e3a")

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
    out.add(ParagraphStyle("FTCell", parent=base, fontSize=7.5, leading=9.3, wordWrap="CJK"))
    out.add(ParagraphStyle("FTCellBold", parent=base, fontName=f["bold"], fontSize=7.5, leading=9.3))
    out.add(ParagraphStyle("FTMono", parent=base, fontName=f["mono"], fontSize=7, leading=8.8, wordWrap="CJK"))
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
