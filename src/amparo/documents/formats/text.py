"""Plain text: the document's words, wrapped, with headings underlined.

Placeholders keep their brackets (``[A-NUMBER]``), so they still stand out.

Examples:
    >>> from amparo.documents.model import Document, heading, para, bullets
    >>> doc = Document("checklist", "en", "T", (), (heading("Family"), para("Birth certificates."), bullets(["one"])))
    >>> print(render_text(doc), end="")
    Family
    ======
    <BLANKLINE>
    Birth certificates.
    <BLANKLINE>
      - one
"""

from __future__ import annotations

import textwrap

from amparo.documents.model import (
    Block,
    BulletList,
    Document,
    Heading,
    Paragraph,
    Table,
    plain_text,
)

WIDTH = 88


def render_text(document: Document, width: int = WIDTH) -> str:
    """The document as plain text, lines wrapped at ``width``."""
    out: list[str] = []
    for line in document.letterhead:
        out.append(plain_text(line))
    if document.letterhead:
        out.append("")
    for block in document.blocks:
        out.extend(_block(block, width))
    if document.signature:
        out.append("")
        out.extend(plain_text(line) for line in document.signature)
    for block in document.appendix:
        out.extend(_block(block, width))
    while out and not out[-1]:
        out.pop()
    while out and not out[0]:
        out.pop(0)
    return "\n".join(out) + "\n"


def _block(block: Block, width: int) -> list[str]:
    if isinstance(block, Heading):
        text = plain_text(block.runs)
        if block.level == 1:
            return ["", text, "=" * len(text), ""]
        return [text, "-" * len(text)]
    if isinstance(block, Paragraph):
        text = plain_text(block.runs)
        if block.role == "address":
            return [text]
        indent = "    " if block.role in ("quote", "note") else ""
        return [*_wrap(text, width, indent), ""]
    if isinstance(block, BulletList):
        lines: list[str] = []
        for item in block.items:
            wrapped = textwrap.wrap(
                plain_text(item), width, initial_indent="  - ", subsequent_indent="    "
            )
            lines.extend(wrapped or ["  -"])
        return [*lines, ""]
    return _table(block, width)


def _table(table: Table, width: int) -> list[str]:
    lines: list[str] = []
    if table.header:
        header = " | ".join(plain_text(cell) for cell in table.header)
        lines.append(header)
        lines.append("-" * min(len(header), width))
    for row in table.rows:
        cells = [plain_text(cell) for cell in row]
        lines.extend(_wrap(" | ".join(c for c in cells if c), width, ""))
    return [*lines, ""]


def _wrap(text: str, width: int, indent: str) -> list[str]:
    if not text:
        return [""]
    return textwrap.wrap(
        text, width, initial_indent=indent, subsequent_indent=indent
    ) or [""]
