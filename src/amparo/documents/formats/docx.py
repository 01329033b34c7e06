"""DOCX: a docxtpl template filled with the letterhead, the signature and the body.

The template (see :mod:`amparo.documents.templates.build` for its variables) lays
out the page; amparo writes the document's blocks where ``{{ body }}`` and
``{{ appendix }}`` stand. Placeholders are highlighted in yellow (Word's own
highlight), so the advocate finds every one before sending.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib
import io
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from amparo.documents.errors import DependencyMissingError, TemplateError
from amparo.documents.model import (
    Block,
    BulletList,
    Document,
    Heading,
    Inline,
    Paragraph,
    Table,
)

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.text.paragraph import Paragraph as DocxParagraph

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
BODY = "\u27e6amparo:body\u27e7"
APPENDIX = "\u27e6amparo:appendix\u27e7"
_STYLE = {
    "body": None,
    "quote": "Quote",
    "note": "Note",
    "address": "Address",
    "title": "Title",
}


def _docxtpl() -> Any:
    """The docxtpl module (the library ships no type information).

    Raises:
        DependencyMissingError: docxtpl is not installed.
    """
    try:
        return importlib.import_module("docxtpl")
    except ImportError:  # pragma: no cover - a dependency of amparo
        raise DependencyMissingError("docxtpl", "Writing DOCX") from None


def template_path(kind: str, lang: str, folder: Path | None) -> Path:
    """The template for a document kind: ``<kind>.<lang>.docx``, else ``<kind>.docx``,
    in the organization's folder, else amparo's own.

    Raises:
        TemplateError: the organization's folder has neither file.
    """
    if folder is not None:
        for name in (f"{kind}.{lang}.docx", f"{kind}.docx"):
            if (folder / name).is_file():
                return folder / name
        msg = (
            f"The templates folder {str(folder)!r} has no {kind}.docx (nor {kind}.{lang}.docx). "
            "Add one, or remove 'templates' from the organization file to use amparo's own."
        )
        raise TemplateError(msg)
    return TEMPLATES / f"{kind}.docx"


def render_docx(
    document: Document,
    templates: Path | None = None,
    created: dt.datetime | None = None,
) -> bytes:
    """The document as DOCX bytes, from its template.

    Raises:
        DependencyMissingError: docxtpl is not installed.
        TemplateError: the template is missing, unreadable or has no ``{{ body }}``.
    """
    DocxTemplate = _docxtpl().DocxTemplate
    path = template_path(document.kind, document.lang, templates)
    try:
        tpl = DocxTemplate(str(path))
        tpl.render(_context(document))
    except Exception as e:  # a broken template: Jinja or XML errors of every kind
        msg = f"The template {str(path)!r} cannot be used: {type(e).__name__}: {e}"
        raise TemplateError(msg) from None
    doc: DocxDocument = tpl.docx
    _mark_placeholders(doc)
    body = _marker(doc, BODY)
    if body is None:
        msg = (
            f"The template {str(path)!r} has no paragraph holding only {{{{ body }}}}."
        )
        raise TemplateError(msg)
    _write_blocks(doc, body, document.blocks)
    appendix = _marker(doc, APPENDIX)
    if appendix is not None:
        _write_blocks(doc, appendix, document.appendix)
    props = doc.core_properties
    props.title = document.title
    props.author = "amparo"
    props.language = document.lang
    stamp = created or dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    props.created = props.modified = stamp
    props.last_modified_by = "amparo"
    props.revision = 1
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# ------------------------------------------------------------------ the template's variables


def _context(document: Document) -> dict[str, Any]:
    head = document.letterhead
    sig = document.signature
    context: dict[str, Any] = {
        "title": document.title,
        "body": BODY,
        "appendix": APPENDIX if document.appendix else "",
        "letterhead": _rich(head),
        "org_name": _rich(head[:1]),
        "org_address": _rich(head[1:-1]),
        "org_contact": _rich(head[-1:] if len(head) > 1 else ()),
        "signature": _rich(sig),
    }
    names = (
        "closing",
        "signer_name",
        "signer_title",
        "signer_credential",
        "signer_org",
        "signer_for",
    )
    for index, name in enumerate(names):
        context[name] = _rich(sig[index : index + 1])
    return context


def _rich(lines: Sequence[Inline]) -> Any:
    """Lines of runs as one docxtpl RichText, lines separated by line breaks."""
    rich = _docxtpl().RichText()
    for number, line in enumerate(lines):
        if number:
            rich.add("\n")
        for run in line:
            rich.add(
                run.text,
                bold=run.style in ("bold", "placeholder"),
                italic=run.style == "italic",
                highlight="yellow" if run.style == "placeholder" else None,
            )
    return rich


def _mark_placeholders(doc: DocxDocument) -> None:
    """docxtpl shades a highlighted run; add Word's highlight, which Find can search."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for shd in doc.element.body.iter(qn("w:shd")):
        rpr = shd.getparent()
        if rpr is None or rpr.tag != qn("w:rPr") or shd.get(qn("w:fill")) != "yellow":
            continue
        if rpr.find(qn("w:highlight")) is None:
            mark = OxmlElement("w:highlight")
            mark.set(qn("w:val"), "yellow")
            rpr.append(mark)


def _marker(doc: DocxDocument, text: str) -> DocxParagraph | None:
    return next((p for p in doc.paragraphs if p.text.strip() == text), None)


# ------------------------------------------------------------------ the body


def _write_blocks(
    doc: DocxDocument, marker: DocxParagraph, blocks: Sequence[Block]
) -> None:
    """Write ``blocks`` where the marker paragraph stands, then drop the marker."""
    for block in blocks:
        if isinstance(block, Heading):
            _runs(_paragraph(marker, f"Heading {min(block.level, 2)}"), block.runs)
        elif isinstance(block, Paragraph):
            _runs(_paragraph(marker, _STYLE.get(block.role)), block.runs)
        elif isinstance(block, BulletList):
            for item in block.items:
                _runs(_paragraph(marker, "List Bullet"), item)
        else:
            _table(doc, marker, block)
    element = marker._p
    element.getparent().remove(element)


def _paragraph(marker: DocxParagraph, style: str | None) -> DocxParagraph:
    paragraph = marker.insert_paragraph_before()
    if style is not None:
        # A replaced template without the style keeps Normal.
        with contextlib.suppress(KeyError):
            paragraph.style = style
    return paragraph


def _runs(paragraph: DocxParagraph, inline: Inline) -> None:
    from docx.enum.text import WD_COLOR_INDEX

    for run in inline:
        added = paragraph.add_run(run.text)
        if run.style == "bold":
            added.bold = True
        elif run.style == "italic":
            added.italic = True
        elif run.style == "placeholder":
            added.bold = True
            added.font.highlight_color = WD_COLOR_INDEX.YELLOW


def _table(doc: DocxDocument, marker: DocxParagraph, table: Table) -> None:
    from docx.shared import Emu

    columns = len(table.widths)
    rows = ([table.header] if table.header else []) + list(table.rows)
    grid = doc.add_table(rows=len(rows), cols=columns)
    with contextlib.suppress(KeyError):
        grid.style = "Table Grid"
    section = doc.sections[-1]
    usable = (
        (section.page_width or 0)
        - (section.left_margin or 0)
        - (section.right_margin or 0)
    )
    for row, cells in zip(grid.rows, rows, strict=True):
        for index, (cell, inline) in enumerate(zip(row.cells, cells, strict=False)):
            cell.width = Emu(int(usable * table.widths[index]))
            _runs(cell.paragraphs[0], inline)
    marker._p.addprevious(grid._tbl)
