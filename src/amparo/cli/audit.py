"""``amparo audit verify``: is the web app's audit log whole? The core never imports
Django: the command loads the web package by name, only when it runs."""

from __future__ import annotations

from typing import Annotated

import typer

from amparo.cli.webapp import web_module

audit = typer.Typer(no_args_is_help=True, help="The web app's audit log.")


def register(app: typer.Typer) -> None:
    app.add_typer(audit, name="audit")


@audit.command("verify")
def verify(
    org: Annotated[
        str | None, typer.Option("--org", help="One organization, by name or id.")
    ] = None,
) -> None:
    """Check each organization's audit chain (under AMPARO_DATA_DIR): every entry in
    order, none changed, none missing; exit 1 where the chain breaks."""
    report = web_module("amparo_web.audit.report")
    raise typer.Exit(report.verify_all(org, typer.echo))
