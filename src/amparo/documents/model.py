"""The document model: what a letter, a checklist or a summary says, before any format.

Content modules build a :class:`Document` from an assessment; the renderers turn
it into DOCX, PDF or plain text. Nothing here imports a DOCX or PDF library, so
the same words reach every format, and a test can compare them.

A document is a letterhead, a list of blocks (headings, paragraphs, bullet lists,
tables), an optional signature block, an optional appendix (the exhibit index, after
the signature) and a footer. Text is a sequence of runs;
a run is plain, bold, italic, or a *placeholder*: something the advocate must
fill in (a missing A-number, an office address), shown highlighted.

Examples:
    >>> p = para("A-Number: ", hole("[A-NUMBER]"))
    >>> plain_text(p.runs)
    'A-Number: [A-NUMBER]'
    >>> [r.style for r in p.runs]
    ['plain', 'placeholder']
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal, TypeAlias

RunStyle = Literal["plain", "bold", "italic", "placeholder"]
ParagraphRole = Literal[
    "body",  # ordinary text
    "quote",  # words quoted from a source, indented
    "note",  # small print: a citation, an explanation
    "address",  # a line of the date, addressee or reference block, no space after
    "title",  # the document's title
]
DocumentKind = Literal["letter", "checklist", "summary"]


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of text in one style."""

    text: str
    style: RunStyle = "plain"


Inline: TypeAlias = tuple[Run, ...]


@dataclass(frozen=True, slots=True)
class Heading:
    runs: Inline
    level: int = 1  # 1: a section; 2: a part of one


@dataclass(frozen=True, slots=True)
class Paragraph:
    runs: Inline
    role: ParagraphRole = "body"


@dataclass(frozen=True, slots=True)
class BulletList:
    items: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Table:
    """A table with a header row; ``widths`` are fractions of the text width."""

    header: tuple[Inline, ...]
    rows: tuple[tuple[Inline, ...], ...]
    widths: tuple[float, ...]


Block: TypeAlias = Heading | Paragraph | BulletList | Table


@dataclass(frozen=True, slots=True)
class Document:
    """One document, in one language, ready for any renderer.

    ``letterhead`` and ``signature`` are the lines an organization's template
    lays out (its variables); ``blocks`` is the body.
    """

    kind: DocumentKind
    lang: str
    title: str  # for file metadata
    letterhead: tuple[Inline, ...]
    blocks: tuple[Block, ...]
    signature: tuple[Inline, ...] = ()
    appendix: tuple[Block, ...] = ()
    footer: str = ""
    page_label: str = "Page"
    metadata: dict[str, str] = field(default_factory=dict)


# ------------------------------------------------------------------ building text


def runs(*parts: str | Run | Iterable[Run]) -> Inline:
    """Runs from strings (plain), runs, and sequences of runs; empty text dropped."""
    out: list[Run] = []
    for part in parts:
        if isinstance(part, str):
            if part:
                out.append(Run(part))
        elif isinstance(part, Run):
            if part.text:
                out.append(part)
        else:
            out.extend(r for r in part if r.text)
    return tuple(out)


def bold(text: str) -> Run:
    return Run(text, "bold")


def italic(text: str) -> Run:
    return Run(text, "italic")


def hole(text: str) -> Run:
    """A placeholder for the advocate to fill in, shown highlighted."""
    return Run(text, "placeholder")


def para(*parts: str | Run | Iterable[Run], role: ParagraphRole = "body") -> Paragraph:
    return Paragraph(runs(*parts), role)


def heading(*parts: str | Run | Iterable[Run], level: int = 1) -> Heading:
    return Heading(runs(*parts), level)


def bullets(items: Iterable[Inline | str]) -> BulletList:
    return BulletList(tuple(runs(i) if isinstance(i, str) else i for i in items))


def join_inline(items: Sequence[Inline], sep: str = ", ") -> Inline:
    out: list[Run] = []
    for index, item in enumerate(items):
        if index:
            out.append(Run(sep))
        out.extend(item)
    return tuple(out)


def plain_text(inline: Iterable[Run]) -> str:
    return "".join(r.text for r in inline)


def has_placeholder(document: Document) -> bool:
    """Whether any run of the document is a placeholder."""
    return any(r.style == "placeholder" for r in iter_runs(document))


def iter_runs(document: Document) -> Iterable[Run]:
    for line in document.letterhead:
        yield from line
    for block in document.blocks:
        yield from block_runs(block)
    for line in document.signature:
        yield from line
    for block in document.appendix:
        yield from block_runs(block)


def block_runs(block: Block) -> Iterable[Run]:
    """Every run of one block, in reading order."""
    if isinstance(block, Heading | Paragraph):
        yield from block.runs
    elif isinstance(block, BulletList):
        for item in block.items:
            yield from item
    else:
        for cell in block.header:
            yield from cell
        for row in block.rows:
            for cell in row:
                yield from cell
