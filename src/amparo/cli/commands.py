"""The ``amparo`` command's typer application: every command, one module per group."""

from __future__ import annotations

import typer

app = typer.Typer(
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    help="Protection-first prosecutorial discretion: assess a case, see why, with citations.",
)


def _register() -> None:
    from amparo.cli import (
        assess,
        audit,
        backup,
        cases,
        cohort,
        compare,
        documents,
        frameworks,
        retention,
        serve,
    )

    assess.register(app)
    compare.register(app)
    cases.register(app)
    frameworks.register(app)
    documents.register(app)
    cohort.register(app)
    serve.register(app)
    audit.register(app)
    backup.register(app)
    retention.register(app)


_register()
