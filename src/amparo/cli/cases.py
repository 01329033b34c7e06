"""``amparo validate`` and ``amparo schema``: the case document format."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    app.command("validate")(validate)
    app.command("schema")(schema)


def validate(
    cases: Annotated[list[Path], typer.Argument(help="Case documents (YAML or JSON).")],
) -> None:
    """Check case documents: every problem, with file, line, field and how to fix it."""
    from amparo.cases import validate_files
    from amparo.errors import CaseValidationError

    results = validate_files([str(p) for p in cases])
    problems = [p for found in results.values() for p in found]
    for path, found in results.items():
        if not found:
            typer.echo(f"{path}: valid")
    if problems:
        raise CaseValidationError(problems)


def schema() -> None:
    """Print the JSON Schema of the case document, format 1."""
    from amparo.cases.schema import case_json_schema

    typer.echo(json.dumps(case_json_schema(), ensure_ascii=False, indent=2))
