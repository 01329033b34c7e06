"""``amparo assess``: one or more cases under a framework, explained and cited."""

from __future__ import annotations

import json
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
            "--framework", "-f", help="Framework id (see `amparo frameworks`)."
        ),
    ] = "protection-first",
    lang: LangOption = Lang.en,
    as_json: JsonOption = False,
    on: OnOption = None,
) -> None:
    """Assess cases: the outcome, every factor with its facts and citation, the facts not
    weighed, and the questions that would settle what is unknown."""
    import amparo
    from amparo.errors import CaseValidationError, Problem

    loaded = []
    problems: list[Problem] = []
    for path in cases:
        try:
            loaded.append(amparo.load_case(str(path)))
        except CaseValidationError as e:
            problems.extend(e.problems)
    if problems:
        raise CaseValidationError(problems)
    fw = amparo.get_framework(framework)
    day = on.date() if on else None
    results = [amparo.assess(case, fw, day) for case in loaded]
    if as_json:
        objects = [amparo.to_json(r, lang.value) for r in results]
        payload = objects[0] if len(objects) == 1 else objects
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    typer.echo(
        ("\n" + "=" * 100 + "\n\n").join(
            amparo.to_text(r, lang.value) for r in results
        ),
        nl=False,
    )
