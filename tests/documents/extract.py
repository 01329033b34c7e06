"""Text out of the files amparo writes, as a reader (or a golden file) sees it."""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

GOLDEN = Path(__file__).parent / "golden"
CASES = Path(__file__).parent / "cases"
STORIES = Path(__file__).parents[2] / "examples" / "stories"
UPDATE = os.getenv("AMPARO_UPDATE_GOLDENS") == "1"


def docx_text(data: bytes) -> str:
    """Every paragraph and table row of the body, in order (cells joined by ' | ')."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(io.BytesIO(data))
    lines: list[str] = []
    for element in document.element.body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(element, document).text)
        elif tag == "tbl":
            for row in Table(element, document).rows:
                lines.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(lines).rstrip() + "\n"


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


_PAGE = re.compile(r"^\s*(Page|Página) \d+\s*$", re.MULTILINE)


def normalize(text: str) -> str:
    """Words only: no page numbers, bullets, table rules or line breaks."""
    text = _PAGE.sub(" ", text)
    text = text.replace("•", " ").replace(" | ", " ").replace("\u00a0", " ")
    return " ".join(text.split())


def check_golden(name: str, text: str) -> None:
    """Compare with ``golden/<name>.txt``; AMPARO_UPDATE_GOLDENS=1 rewrites it."""
    path = GOLDEN / f"{name}.txt"
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    assert path.is_file(), (
        f"{path.name} is missing: run `make golden` and review the new file"
    )
    expected = path.read_text(encoding="utf-8")
    assert text == expected, (
        f"{path.name} differs from the document made now. If the change is intended, run "
        "`make golden` and review the diff."
    )
