"""``amparo retention``: delete for good the closed cases past each organization's
retention period. The core never imports Django: the command loads the web package
by name, only when it runs."""

from __future__ import annotations

import importlib
import os
from typing import Annotated

import typer


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
    try:
        django = importlib.import_module("django")
    except ImportError:
        typer.echo(
            "Error: the web app needs its extra: pip install 'amparo[web]'.", err=True
        )
        raise typer.Exit(1) from None
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amparo_web.settings")
    django.setup()
    deletion = importlib.import_module("amparo_web.cases.deletion")
    raise typer.Exit(deletion.run_retention(org, dry_run, typer.echo))
