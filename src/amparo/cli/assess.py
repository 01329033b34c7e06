"""``amparo assess``: one or more cases under a framework, explained and cited."""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from pathlib import Path
from typing import Annotated, Any

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
    import amparo
    from amparo.cli.inputs import load_all
    from amparo.rules.registry import OFFICIAL, official_on

    loaded = load_all(cases)
    if framework != OFFICIAL:
        amparo.get_framework(framework)  # an unknown id fails before any work
    day = on.date() if on else None
    objects: list[dict[str, Any]] = []
    texts: list[str] = []
    for case in loaded:
        when = day or case.assessed_on or dt.date.today()
        found = official_on(when) if framework == OFFICIAL else None
        if found is not None and found.framework is None:
            reason = found.reason_in(lang.value)
            objects.append(
                {
                    "case_id": case.id,
                    "assessed_on": when.isoformat(),
                    "framework": None,
                    "outcome": "none_in_force",
                    "reason": reason,
                }
            )
            head = f"{case.id} ({when.isoformat()}): "
            texts.append(textwrap.fill(head + reason, width=100) + "\n")
            continue
        chosen = found.framework if found is not None else None
        result = amparo.assess(case, chosen or framework, when)
        if as_json:
            objects.append(amparo.to_json(result, lang.value))
        else:
            texts.append(amparo.to_text(result, lang.value))
    if as_json:
        payload = objects[0] if len(objects) == 1 else objects
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    typer.echo(("\n" + "=" * 100 + "\n\n").join(texts), nl=False)
