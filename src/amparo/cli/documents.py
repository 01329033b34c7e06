"""``amparo letter``, ``amparo checklist`` and ``amparo summary``: the documents an
advocate files or hands over, as DOCX, PDF or text."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from amparo.cli.options import Lang, LangOption, OnOption

if TYPE_CHECKING:
    from amparo.cases.model import Case
    from amparo.documents import Format
    from amparo.documents.org import OrgSettings


class DocFormat(StrEnum):
    docx = "docx"
    pdf = "pdf"


class ListFormat(StrEnum):
    docx = "docx"
    pdf = "pdf"
    txt = "txt"


CaseArgument = Annotated[Path, typer.Argument(help="The case document (YAML or JSON).")]
OrgOption = Annotated[
    Path | None,
    typer.Option(
        "--org",
        help="Organization settings (YAML): letterhead, signer, templates folder. "
        "Without it, the letterhead and signature are highlighted placeholders.",
    ),
]
DateOption = Annotated[
    dt.datetime | None,
    typer.Option(
        "--date", formats=["%Y-%m-%d"], help="The letter's date (default: today)."
    ),
]


def register(app: typer.Typer) -> None:
    app.command("letter")(letter)
    app.command("checklist")(checklist)
    app.command("summary")(summary)


def _load(case: Path, org: Path | None) -> tuple[Case, OrgSettings]:
    from amparo.cli.inputs import load_all
    from amparo.documents import load_org

    settings = load_org(org)  # a wrong settings file fails before any work
    return load_all([case])[0], settings


def _check_kind(kind: str) -> None:
    from amparo.documents.content.common import request_kind

    request_kind(kind)


def letter(
    case: CaseArgument,
    request: Annotated[
        str,
        typer.Option(
            "--request",
            "-r",
            help="The form of discretion: decline_nta, dismissal, administrative_closure, "
            "continuance, stipulation, join_motion, decline_appeal, release, "
            "deferred_action, stay_of_removal.",
        ),
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="The file to write.")],
    to: Annotated[
        str | None,
        typer.Option(
            "--to",
            help="The addressee, lines separated by ';' (default: the office that "
            "decides this kind of request, with placeholders for its address).",
        ),
    ] = None,
    lang: LangOption = Lang.en,
    fmt: Annotated[
        DocFormat | None,
        typer.Option(
            "--format", help="docx or pdf (default: from the -o suffix, else docx)."
        ),
    ] = None,
    org: OrgOption = None,
    date: DateOption = None,
    on: OnOption = None,
) -> None:
    """Write the request for prosecutorial discretion: the request, the protective
    factors with their exhibits, the facts not to weigh, the official framework's
    analysis, the conclusion and the exhibit index. Unknown facts never appear as
    facts; missing details are highlighted placeholders."""
    from amparo.documents import make_document, write_document

    _check_kind(request)
    loaded, settings = _load(case, org)
    document = make_document(
        loaded,
        "letter",
        kind=request,
        lang=lang.value,
        org=settings,
        to=to,
        dated=date.date() if date else None,
        on=on.date() if on else None,
    )
    written = write_document(document, output, _format(output, fmt), settings.templates)
    typer.echo(f"Wrote {written}")


def checklist(
    case: CaseArgument,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="The file to write (default: text on screen)."
        ),
    ] = None,
    lang: LangOption = Lang.en,
    fmt: Annotated[
        ListFormat | None,
        typer.Option(
            "--format", help="docx, pdf or txt (default: from the -o suffix)."
        ),
    ] = None,
    org: OrgOption = None,
    on: OnOption = None,
) -> None:
    """The evidence checklist: for each protective factor that holds or is unknown,
    what proves it, what the case lists as on hand, and what is missing."""
    from amparo.documents import make_document, render, write_document

    loaded, settings = _load(case, org)
    document = make_document(
        loaded, "checklist", lang=lang.value, org=settings, on=on.date() if on else None
    )
    if output is None:
        if fmt not in (None, ListFormat.txt):
            msg = "--format docx or pdf needs a file: add -o FILE."
            raise typer.BadParameter(msg)
        typer.echo(render(document, "txt").decode("utf-8"), nl=False)
        return
    chosen = fmt.value if fmt else None
    written = write_document(
        document, output, _format(output, chosen), settings.templates
    )
    typer.echo(f"Wrote {written}")


def summary(
    case: CaseArgument,
    output: Annotated[Path, typer.Option("--output", "-o", help="The file to write.")],
    lang: Annotated[
        Lang | None,
        typer.Option(
            "--lang",
            help="es or en (default: the person's preferred language if it is one of them, else es).",
        ),
    ] = None,
    fmt: Annotated[
        DocFormat | None,
        typer.Option(
            "--format", help="docx or pdf (default: from the -o suffix, else docx)."
        ),
    ] = None,
    request: Annotated[
        str | None,
        typer.Option(
            "--request", "-r", help="The request planned, to say what we will ask for."
        ),
    ] = None,
    org: OrgOption = None,
    on: OnOption = None,
) -> None:
    """The client summary, in plain Spanish or English: what we found, the papers to
    gather, and what happens next."""
    from amparo.documents import make_document, write_document

    if request is not None:
        _check_kind(request)
    loaded, settings = _load(case, org)
    chosen = lang.value if lang else _preferred(loaded)
    document = make_document(
        loaded,
        "summary",
        kind=request,
        lang=chosen,
        org=settings,
        on=on.date() if on else None,
    )
    written = write_document(document, output, _format(output, fmt), settings.templates)
    typer.echo(f"Wrote {written}")


def _preferred(case: Case) -> str:
    tag = (case.person.preferred_language or "") if case.person else ""
    primary = tag.split("-")[0].lower()
    return primary if primary in ("en", "es") else "es"


def _format(output: Path, fmt: StrEnum | str | None) -> Format:
    from amparo.documents import format_for

    if fmt is None:
        return format_for(output)
    value = str(fmt)
    return "pdf" if value == "pdf" else "txt" if value == "txt" else "docx"
