"""What ``amparo serve`` runs: migrate, the demo on request, then the WSGI server.

On POSIX, gunicorn's pre-fork ``gthread`` workers share one listening socket, and
gunicorn's arbiter restarts a worker that dies. By default there are two worker
processes per core with two threads each: a request spends most of its time
running Python (templates, the engine, encryption), and one Python process runs
Python on one core at a time (the GIL), so processes, not threads, are what
share the cores; more threads in a process only interleave their requests and
stretch each one (bench/web.py: with 20 users and no think time on 2 cores,
p95 about halves from 2 processes x 8 threads to 4 x 2). The second thread keeps
a worker answering while its other request waits (the database, a long document).
Where gunicorn cannot run (Windows), ``--workers 1`` serves on waitress with 8
threads, and more workers is a clear error.

Every in-process cache is correct across workers: see ``amparo_web.cases.memo``.
"""

from __future__ import annotations

import os
from typing import Any

import typer

GUNICORN_THREADS = 2  # per worker process
WAITRESS_THREADS = 8  # one process


def default_workers() -> int:
    """Two per core this process may run on."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return 2 * max(1, cores)


def gunicorn_available() -> bool:
    try:
        import gunicorn.app.base  # noqa: F401  (imports fcntl: POSIX only)
    except ImportError:
        return False
    return True


def run(
    host: str,
    port: int,
    demo: bool,
    threads: int | None = None,
    workers: int | None = None,
) -> None:
    # Everything this process writes (the data folder, the database and its
    # journal, generated files) is for the user running it alone.
    os.umask(0o077)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amparo_web.settings")
    pre_fork = gunicorn_available()
    if workers is None:
        workers = default_workers() if pre_fork else 1
    if workers < 1:
        raise typer.BadParameter("--workers must be 1 or more")
    if workers > 1 and not pre_fork:
        typer.echo(
            f"Error: --workers {workers} needs gunicorn, which runs on POSIX systems "
            "only (pip install 'amparo[web]'); use --workers 1 to serve on waitress.",
            err=True,
        )
        raise typer.Exit(1)
    if threads is None:
        threads = GUNICORN_THREADS if pre_fork else WAITRESS_THREADS
    if threads < 1:
        raise typer.BadParameter("--threads must be 1 or more")
    import django

    django.setup()
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

    where = f"http://{f'[{host}]' if ':' in host else host}:{port}/"
    if pre_fork:
        _forget_before_fork()
        typer.echo(
            f"Serving on {where}  ({workers} worker process{'es' if workers > 1 else ''}"
            f" x {threads} threads; Ctrl-C to stop)"
        )
        _gunicorn(application, host, port, workers, threads)
    else:
        import waitress

        typer.echo(f"Serving on {where}  (Ctrl-C to stop)")
        waitress.serve(
            application, host=host, port=port, threads=threads, ident="amparo"
        )


def _forget_before_fork() -> None:
    """No database connection, vault reader or cached entry crosses the fork."""
    from django.db import connections

    from amparo_web.cases import memo
    from amparo_web.lib import keyvault

    connections.close_all()
    keyvault.close_readers()
    memo.clear()


def _gunicorn(
    application: Any, host: str, port: int, workers: int, threads: int
) -> None:
    from gunicorn.app.base import BaseApplication

    options = {
        "bind": f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
        "workers": workers,
        "worker_class": "gthread",
        "threads": threads,
        # The app is loaded once, above, before the workers fork (copy-on-write).
        "preload_app": True,
        # A request that runs this long is stuck: its worker is replaced.
        "timeout": 120,
        "graceful_timeout": 10,
        "keepalive": 5,
        "proc_name": "amparo",
        # Warnings and errors only (no access log, as with waitress).
        "loglevel": "warning",
        "accesslog": None,
        # Bounded requests, as waitress bounds them.
        "limit_request_line": 8190,
        "limit_request_fields": 100,
        # gunicorn 25.1+ opens a control socket under $HOME by default: not here.
        "control_socket_disable": True,
    }

    class Server(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            for key, value in options.items():
                if key in self.cfg.settings:  # an older gunicorn lacks the newest
                    self.cfg.set(key, value)

        def load(self) -> Any:
            return application

    Server().run()
