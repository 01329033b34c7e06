"""``amparo assess``: one or more cases under a framework, explained and cited."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from amparo.cli.options import JsonOption, Lang, LangOption, OnOption


def register(app: typer.Typer) -> None:
    app.command("assess")(assess)


def assess(
    cases: Annotated[list[Path], typer.Argument(help="Case documents (YAML or JSON).")],
    framework: Annotated[
        str,
        typer.Option(
            "--framework",
            "-f",
            help="Framework id (see `amparo frameworks`), or 'official': the "
            "enforcement framework in force on the date assessed.",
        ),
    ] = "protection-first",
    lang: LangOption = Lang.en,
    as_json: JsonOption = False,
    on: OnOption = None,
) -> None:
    """Assess cases: the outcome, every factor with its facts and citation, the facts not
    weighed, and the questions that would settle what is unknown."""
    from amparo.cli.assess_output import assess_output

    typer.echo(
        assess_output(cases, framework, lang.value, as_json, on.date() if on else None),
        nl=False,
    )
