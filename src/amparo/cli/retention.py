"""``amparo retention``: delete for good the closed cases past each organization's
retention period. The core never imports Django: the command loads the web package
by name, only when it runs."""

from __future__ import annotations

from typing import Annotated

import typer

from amparo.cli.webapp import web_module


def register(app: typer.Typer) -> None:
    app.command("retention")(retention)


def retention(
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="Say what would be deleted; delete nothing."),
    ] = False,
    org: Annotated[
        str | None, typer.Option("--org", help="One organization, by name or id.")
    ] = None,
) -> None:
    """Apply each organization's retention period (under AMPARO_DATA_DIR): closed cases
    past it are deleted like the delete button does — audited, their key destroyed so
    no backup can be read for them. Prints counts and references, never names. Run it
    daily (cron, a systemd timer)."""
    deletion = web_module("amparo_web.cases.deletion")
    raise typer.Exit(deletion.run_retention(org, dry_run, typer.echo))
