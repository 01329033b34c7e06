"""``amparo compare``: one case under several frameworks, side by side, with flags."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from amparo.cli.options import JsonOption, Lang, LangOption, OnOption


def register(app: typer.Typer) -> None:
    app.command("compare")(compare)


def compare(
    cases: Annotated[list[Path], typer.Argument(help="Case documents (YAML or JSON).")],
    frameworks: Annotated[
        str | None,
        typer.Option(
            "--frameworks",
            help="Comma-separated framework ids ('official': the enforcement framework "
            "in force on the date). Default: protection-first and every official "
            "framework in force on the date.",
        ),
    ] = None,
    lang: LangOption = Lang.en,
    as_json: JsonOption = False,
    on: OnOption = None,
) -> None:
    """Compare protection-first with the official frameworks: outcome, categories and
    decisive facts side by side, and where a priority rests only on facts protection-first
    never weighs, or the person is no priority even officially."""
    from amparo.cli.inputs import load_all
    from amparo.engine.compare import compare_case
    from amparo.engine.compare_report import comparison_to_json, comparison_to_text

    names = (
        [n.strip() for n in frameworks.split(",") if n.strip()] if frameworks else None
    )
    day = on.date() if on else None
    results = [compare_case(case, names, day) for case in load_all(cases)]
    if as_json:
        objects = [comparison_to_json(r, lang.value) for r in results]
        payload = objects[0] if len(objects) == 1 else objects
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    typer.echo(
        ("\n" + "=" * 100 + "\n\n").join(
            comparison_to_text(r, lang.value) for r in results
        ),
        nl=False,
    )
