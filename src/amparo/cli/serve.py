"""``amparo serve``: the web app. The core never imports Django: the command loads
the web package (``amparo_web``, the ``web`` extra) by name, only when it runs."""

from __future__ import annotations

import importlib
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    app.command(name="serve")(serve)


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    demo: Annotated[
        bool,
        typer.Option(
            "--demo",
            help="Migrate, and on an empty database create a demo organization and user and load the letter's stories.",
        ),
    ] = False,
    threads: Annotated[
        int | None,
        typer.Option(
            help="Threads per worker process; default 2 (gunicorn), 8 (waitress).",
            min=1,
        ),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            help="Worker processes (gunicorn, POSIX); default two per core. 1 on waitress where gunicorn cannot run.",
            min=1,
        ),
    ] = None,
) -> None:
    """Serve the web app: gunicorn worker processes on POSIX, else waitress (all state under AMPARO_DATA_DIR, default var/)."""
    try:
        server = importlib.import_module("amparo_web.server")
        importlib.import_module("django")
        importlib.import_module("waitress")
    except ImportError:
        typer.echo(
            "Error: the web app needs its extra: pip install 'amparo[web]'.", err=True
        )
        raise typer.Exit(1) from None
    server.run(host=host, port=port, demo=demo, threads=threads, workers=workers)
