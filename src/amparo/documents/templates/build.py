"""Build the default DOCX templates shipped with amparo.

Run ``python -m amparo.documents.templates.build`` to write ``letter.docx``,
``checklist.docx`` and ``summary.docx`` beside this file. An organization replaces
them with its own (see :mod:`amparo.documents.org`): any DOCX that uses the same
variables, made in Word.

The variables (docxtpl, Jinja2 syntax; ``{{r name }}`` keeps the bold and the
highlighted placeholders of the value):

- letterhead: ``org_name``, ``org_address`` (lines), ``org_contact``; or all of it
  as ``letterhead``;
- signature (letters): ``closing``, ``signer_name``, ``signer_title``,
  ``signer_credential``, ``signer_org``, ``signer_for``; or all of it as
  ``signature``;
- ``title``: plain text;
- ``{{ body }}`` and ``{{ appendix }}``, each alone in its own paragraph: where
  amparo puts the document's text and the exhibit index.

Templates carry layout only: no condition, no loop, no rule.

The styles amparo uses, where the template defines them: Heading 1, Heading 2,
Quote, List Bullet, Table Grid, and its own "Address" and "Note".
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent


def build(folder: Path = HERE) -> list[Path]:
    """Write the three default templates into ``folder``; return their paths."""
    return [
        _template(folder / "letter.docx", signature=True, appendix=True),
        _template(folder / "checklist.docx", signature=False, appendix=False),
        _template(folder / "summary.docx", signature=False, appendix=False),
    ]


def _template(path: Path, *, signature: bool, appendix: bool) -> Path:
    from docx import Document
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    doc = Document()
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(11.5)
    normal.paragraph_format.space_after = Pt(6)
    for name, size in (("Heading 1", 13), ("Heading 2", 11.5)):
        style = styles[name]
        style.font.name = "Times New Roman"
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.italic = False
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.paragraph_format.space_before = Pt(10 if name == "Heading 1" else 6)
        style.paragraph_format.space_after = Pt(4)
    address = styles.add_style("Address", WD_STYLE_TYPE.PARAGRAPH)
    address.base_style = normal
    address.paragraph_format.space_after = Pt(0)
    note = styles.add_style("Note", WD_STYLE_TYPE.PARAGRAPH)
    note.base_style = normal
    note.font.size = Pt(9)
    note.font.color.rgb = RGBColor(0x44, 0x44, 0x44)
    quote = styles["Quote"]
    quote.font.color.rgb = RGBColor(0x22, 0x22, 0x22)
    quote.paragraph_format.left_indent = Pt(24)

    for section in doc.sections:
        section.left_margin = section.right_margin = Pt(72)
        section.top_margin = section.bottom_margin = Pt(64)
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        field = OxmlElement("w:fldSimple")
        field.set(qn("w:instr"), "PAGE")
        footer._p.append(field)

    head = doc.add_paragraph("{{r org_name }}", style="Address")
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for variable in ("{{r org_address }}", "{{r org_contact }}"):
        line = doc.add_paragraph(variable, style="Address")
        line.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph("", style="Address")
    doc.add_paragraph("{{ body }}")
    if signature:
        doc.add_paragraph("{{r closing }}")
        doc.add_paragraph("", style="Address")
        doc.add_paragraph("", style="Address")
        for variable in (
            "{{r signer_name }}",
            "{{r signer_title }}",
            "{{r signer_credential }}",
            "{{r signer_org }}",
            "{{r signer_for }}",
        ):
            doc.add_paragraph(variable, style="Address")
    if appendix:
        doc.add_paragraph("").add_run().add_break(WD_BREAK.PAGE)
        doc.add_paragraph("{{ appendix }}")
    doc.core_properties.author = "amparo"
    doc.core_properties.title = ""
    doc.save(str(path))
    return path


if __name__ == "__main__":  # pragma: no cover
    for written in build():
        print(written)
