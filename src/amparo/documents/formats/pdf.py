"""PDF: the same words as the DOCX, laid out by ReportLab.

The fonts are the Bitstream Vera family that ships inside ReportLab, embedded
(subset) in every file: nothing is fetched, and Spanish accents, ¿ ¡ ñ, curly
quotes and dashes all render. Placeholders are bold on a yellow box. Output is
byte-for-byte reproducible (no timestamp, no random id).
"""

from __future__ import annotations

import importlib
import io
from collections.abc import Sequence
from functools import cache
from typing import Any

# escape() only escapes text for ReportLab's paragraph markup; no XML is parsed.
from xml.sax.saxutils import escape  # nosec B406

from amparo.documents.errors import DependencyMissingError
from amparo.documents.model import (
    Block,
    BulletList,
    Document,
    Heading,
    Inline,
    Paragraph,
    Table,
)

FONT = "AmparoVera"
HIGHLIGHT = "#FFEB3B"


def _rl(name: str) -> Any:
    """A ReportLab module (the library ships no type information).

    Raises:
        DependencyMissingError: ReportLab is not installed.
    """
    try:
        return importlib.import_module(f"reportlab.{name}".rstrip("."))
    except ImportError:  # pragma: no cover - a dependency of amparo
        raise DependencyMissingError("reportlab", "Writing PDF") from None


@cache
def _fonts() -> str:
    """Register the Vera family shipped with ReportLab (once) and return its name."""
    import os

    reportlab = _rl("")
    addMapping = _rl("lib.fonts").addMapping
    pdfmetrics = _rl("pdfbase.pdfmetrics")
    TTFont = _rl("pdfbase.ttfonts").TTFont

    folder = os.path.join(os.path.dirname(reportlab.__file__), "fonts")
    faces = {
        FONT: "Vera.ttf",
        f"{FONT}-Bold": "VeraBd.ttf",
        f"{FONT}-Italic": "VeraIt.ttf",
        f"{FONT}-BoldItalic": "VeraBI.ttf",
    }
    for name, file in faces.items():
        pdfmetrics.registerFont(TTFont(name, os.path.join(folder, file)))
    addMapping(FONT, 0, 0, FONT)
    addMapping(FONT, 1, 0, f"{FONT}-Bold")
    addMapping(FONT, 0, 1, f"{FONT}-Italic")
    addMapping(FONT, 1, 1, f"{FONT}-BoldItalic")
    return FONT


@cache
def _styles() -> dict[str, Any]:
    TA_CENTER = _rl("lib.enums").TA_CENTER
    ParagraphStyle = _rl("lib.styles").ParagraphStyle

    font = _fonts()
    body = ParagraphStyle(
        "body", fontName=font, fontSize=10.5, leading=14, spaceAfter=6
    )
    return {
        "body": body,
        "address": ParagraphStyle("address", parent=body, spaceAfter=0),
        "letterhead": ParagraphStyle(
            "letterhead", parent=body, spaceAfter=0, alignment=TA_CENTER
        ),
        "quote": ParagraphStyle("quote", parent=body, leftIndent=22, rightIndent=12),
        "note": ParagraphStyle(
            "note", parent=body, fontSize=8.5, leading=11, textColor="#444444"
        ),
        "title": ParagraphStyle(
            "title", parent=body, fontSize=15, leading=19, spaceAfter=8
        ),
        "h1": ParagraphStyle(
            "h1",
            parent=body,
            fontName=f"{font}-Bold",
            fontSize=12,
            leading=15,
            spaceBefore=10,
            spaceAfter=4,
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=body,
            fontName=f"{font}-Bold",
            fontSize=10.5,
            leading=14,
            spaceBefore=6,
            spaceAfter=3,
        ),
        "bullet": ParagraphStyle(
            "bullet",
            parent=body,
            leftIndent=16,
            bulletIndent=4,
            spaceAfter=3,
            bulletFontName=font,
        ),
        "cell": ParagraphStyle(
            "cell", parent=body, fontSize=9.5, leading=12, spaceAfter=0
        ),
    }


def _markup(inline: Inline) -> str:
    """ReportLab paragraph markup for a line of runs."""
    parts: list[str] = []
    for run in inline:
        text = escape(run.text)
        if run.style == "bold":
            parts.append(f"<b>{text}</b>")
        elif run.style == "italic":
            parts.append(f"<i>{text}</i>")
        elif run.style == "placeholder":
            parts.append(f'<span backColor="{HIGHLIGHT}"><b>{text}</b></span>')
        else:
            parts.append(text)
    return "".join(parts)


def render_pdf(document: Document) -> bytes:
    """The document as PDF bytes.

    Raises:
        DependencyMissingError: ReportLab is not installed.
    """
    LETTER = _rl("lib.pagesizes").LETTER
    inch = _rl("lib.units").inch
    platypus = _rl("platypus")
    PageBreak, Spacer = platypus.PageBreak, platypus.Spacer
    SimpleDocTemplate, RLParagraph = platypus.SimpleDocTemplate, platypus.Paragraph
    styles = _styles()
    story: list[Any] = []
    for line in document.letterhead:
        story.append(RLParagraph(_markup(line), styles["letterhead"]))
    if document.letterhead:
        story.append(Spacer(1, 14))
    story.extend(_flowables(document.blocks, styles))
    if document.signature:
        first, *rest = document.signature
        story.append(RLParagraph(_markup(first), styles["body"]))
        story.append(Spacer(1, 28))
        story.extend(RLParagraph(_markup(line), styles["address"]) for line in rest)
    if document.appendix:
        story.append(PageBreak())
        story.extend(_flowables(document.appendix, styles))

    label = document.page_label

    def footer(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(_fonts(), 8.5)
        canvas.drawCentredString(LETTER[0] / 2, 0.5 * inch, f"{label} {doc.page}")
        canvas.restoreState()

    out = io.BytesIO()
    pdf = SimpleDocTemplate(
        out,
        pagesize=LETTER,
        leftMargin=inch,
        rightMargin=inch,
        topMargin=0.9 * inch,
        bottomMargin=0.9 * inch,
        title=document.title,
        author="amparo",
        lang=document.lang,
        invariant=1,
        # The canvas starts in the embedded font, so no unembedded standard font is named.
        initialFontName=_fonts(),
    )
    pdf.build(story, onFirstPage=footer, onLaterPages=footer)
    return out.getvalue()


def _flowables(blocks: Sequence[Block], styles: dict[str, Any]) -> list[Any]:
    RLParagraph = _rl("platypus").Paragraph

    story: list[Any] = []
    for block in blocks:
        if isinstance(block, Heading):
            style = styles["h1" if block.level == 1 else "h2"]
            story.append(RLParagraph(_markup(block.runs), style))
        elif isinstance(block, Paragraph):
            text = _markup(block.runs) or "&nbsp;"
            story.append(RLParagraph(text, styles.get(block.role, styles["body"])))
        elif isinstance(block, BulletList):
            for item in block.items:
                story.append(
                    RLParagraph(_markup(item), styles["bullet"], bulletText="•")
                )
        else:
            story.append(_table(block, styles))
    return story


def _table(table: Table, styles: dict[str, Any]) -> Any:
    LETTER = _rl("lib.pagesizes").LETTER
    inch = _rl("lib.units").inch
    RLParagraph = _rl("platypus").Paragraph
    RLTable = _rl("platypus").Table
    TableStyle = _rl("platypus").TableStyle

    width = LETTER[0] - 2 * inch
    rows = ([table.header] if table.header else []) + list(table.rows)
    data = [
        [RLParagraph(_markup(cell), styles["cell"]) for cell in row] for row in rows
    ]
    grid = RLTable(
        data,
        colWidths=[width * w for w in table.widths],
        repeatRows=1 if table.header else 0,
    )
    grid.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, "#888888"),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return grid
