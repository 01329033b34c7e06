"""The web app's Django, set up for a command that works on its database.

The core never imports Django; the commands that act on the web app's data
(audit, retention) load it here, at run time, by name.
"""

from __future__ import annotations

import importlib
import os
from types import ModuleType

import typer


def web_module(name: str) -> ModuleType:
    """Set up Django (settings from AMPARO_DATA_DIR and the environment) and import ``name``."""
    try:
        django = importlib.import_module("django")
    except ImportError:
        typer.echo(
            "Error: the web app needs its extra: pip install 'amparo[web]'.", err=True
        )
        raise typer.Exit(1) from None
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amparo_web.settings")
    django.setup()
    return importlib.import_module(name)
