"""What ``amparo serve`` runs: migrate, the demo on request, then waitress."""

from __future__ import annotations

import os

import typer


def run(host: str, port: int, demo: bool, threads: int) -> None:
    # Everything this process writes (the data folder, the database and its
    # journal, generated files) is for the user running it alone.
    os.umask(0o077)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amparo_web.settings")
    import django

    django.setup()
    import waitress
    from django.conf import settings
    from django.core.management import call_command

    typer.echo(f"Data directory: {settings.AMPARO_DATA_DIR}")
    call_command("migrate", interactive=False, verbosity=0)
    if demo:
        from amparo_web import demo as demo_data

        if demo_data.is_empty():
            user, password, count = demo_data.create_demo()
            typer.echo(
                f"Demo: {count} cases loaded. Log in as user {user!r} with password {password!r}."
            )
            if settings.AMPARO_REQUIRE_2FA:
                typer.echo(
                    "The demo user is an administrator: at first login, enrol an "
                    "authenticator app (TOTP). To look around without one, start with "
                    "AMPARO_REQUIRE_2FA=0 (never in production)."
                )
        else:
            typer.echo(
                "Demo: the database already has data; nothing loaded. Forgot the demo password? "
                "python -m amparo_web changepassword demo"
            )
    from amparo_web.wsgi import application

    typer.echo(f"Serving on http://{host}:{port}/  (Ctrl-C to stop)")
    waitress.serve(application, host=host, port=port, threads=threads, ident="amparo")
