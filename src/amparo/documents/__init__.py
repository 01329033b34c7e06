"""Documents an advocate files or hands over: the PD request letter, the evidence
checklist and the client summary, in English and Spanish, as DOCX, PDF or text.

Examples::

    from amparo.documents import make_document, write_document
    letter = make_document(case, "letter", kind="dismissal", lang="en")
    write_document(letter, "letter.docx")            # atomic: whole, or not at all
    write_document(letter, "letter.pdf")             # same words, as PDF

A document is built once (:mod:`amparo.documents.model`) and rendered to any
format, so the DOCX and the PDF carry the same text.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from amparo.documents.errors import (
    DependencyMissingError,
    DocumentError,
    OrgSettingsError,
    OutputError,
    RequestKindError,
    RequestMismatchError,
    TemplateError,
)
from amparo.documents.model import Document
from amparo.documents.org import OrgSettings, load_org

if TYPE_CHECKING:
    from amparo.cases.model import Case

__all__ = [
    "FORMATS",
    "KINDS",
    "DependencyMissingError",
    "Document",
    "DocumentError",
    "OrgSettings",
    "OrgSettingsError",
    "OutputError",
    "RequestKindError",
    "RequestMismatchError",
    "TemplateError",
    "format_for",
    "load_org",
    "make_document",
    "render",
    "request_kinds",
    "write_document",
]

What = Literal["letter", "checklist", "summary"]
Format = Literal["docx", "pdf", "txt"]
FORMATS: tuple[Format, ...] = ("docx", "pdf", "txt")


def _kinds() -> tuple[str, ...]:
    from amparo.documents.content.common import KIND_IDS

    return KIND_IDS


KINDS = _kinds()


def request_kinds(lang: str = "en") -> list[tuple[str, str]]:
    """Each form of discretion a letter can request: ``(id, label)`` in ``lang``."""
    from amparo.documents.content.common import kind_label

    return [(kind, kind_label(kind, lang)) for kind in KINDS]


def make_document(
    case: Case,
    what: What,
    *,
    kind: str | None = None,
    lang: str = "en",
    org: OrgSettings | None = None,
    to: str | None = None,
    dated: dt.date | None = None,
    on: dt.date | None = None,
) -> Document:
    """Build a document for ``case``.

    Args:
        what: ``letter`` (needs ``kind``), ``checklist`` or ``summary``.
        kind: the form of discretion requested (see ``KINDS``).
        lang: ``en`` or ``es``.
        org: the letterhead and signer; placeholders where not given.
        to: the addressee of a letter, lines separated by ``;`` (default: the office
            that decides the kind of request, with placeholders for its address).
        dated: the letter's date (default: today).
        on: assess as of this date (default: the case's ``assessed_on``).

    Raises:
        RequestKindError: ``kind`` is no form of discretion.
        RequestMismatchError: the request contradicts the case.
    """
    from amparo.documents.content.common import request_kind
    from amparo.documents.content.record import read_record

    settings = org or OrgSettings()
    if kind is not None:
        request_kind(kind)  # fail before any work
    record = read_record(case, on)
    if what == "letter":
        from amparo.documents.content.letter import make_letter

        if kind is None:
            request_kind("")  # raises, listing the kinds
            raise AssertionError  # pragma: no cover
        return make_letter(record, kind, settings, lang, to=to, dated=dated)
    if what == "checklist":
        from amparo.documents.content.checklist import make_checklist

        return make_checklist(record, settings, lang)
    from amparo.documents.content.summary import make_summary

    return make_summary(record, settings, lang, kind)


def render(document: Document, fmt: Format, templates: Path | None = None) -> bytes:
    """The document as bytes in ``fmt`` (``docx``, ``pdf`` or ``txt``, UTF-8)."""
    if fmt == "docx":
        from amparo.documents.formats.docx import render_docx

        return render_docx(document, templates)
    if fmt == "pdf":
        from amparo.documents.formats.pdf import render_pdf

        return render_pdf(document)
    from amparo.documents.formats.text import render_text

    return render_text(document).encode("utf-8")


def format_for(path: str | Path, default: Format = "docx") -> Format:
    """The format a file name asks for by its suffix, else ``default``.

    Examples:
        >>> format_for("letter.PDF"), format_for("out/list.txt"), format_for("x")
        ('pdf', 'txt', 'docx')
    """
    suffix = Path(path).suffix.lower().lstrip(".")
    for fmt in FORMATS:
        if suffix == fmt:
            return fmt
    return default


def write_document(
    document: Document,
    path: str | Path,
    fmt: Format | None = None,
    templates: Path | None = None,
) -> Path:
    """Render and write atomically; the format defaults to the file's suffix.

    Raises:
        OutputError: the file cannot be written; nothing is left behind.
    """
    from amparo.documents.output import write_atomic

    chosen = fmt or format_for(path)
    return write_atomic(path, render(document, chosen, templates))
