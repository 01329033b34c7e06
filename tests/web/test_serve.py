"""``amparo serve``: its options, and the demo data it loads on an empty database."""

from __future__ import annotations

import pytest
from tests.web.conftest import STORIES
from typer.testing import CliRunner

from amparo.cli import app


def test_serve_has_help_with_its_options() -> None:
    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--host", "--port", "--demo"):
        assert option in result.output


def test_the_demo_loads_every_story_for_a_demo_user(db, client) -> None:
    from amparo_web import demo
    from amparo_web.cases.models import Case

    assert demo.is_empty()
    user, password, count = demo.create_demo()
    assert count == len(list(STORIES.glob("*.yaml"))) == Case.objects.count()
    assert not demo.is_empty()
    assert client.login(username=user, password=password)
    assert len(client.get("/cases/").context["rows"]) == count


def test_the_database_url_chooses_postgresql(tmp_path) -> None:
    from amparo_web.lib.database import database_settings

    pg = database_settings("postgres://postgres@127.0.0.1:5432/test", tmp_path)
    assert (pg["ENGINE"], pg["NAME"], pg["USER"], pg["HOST"], pg["PORT"]) == (
        "django.db.backends.postgresql",
        "test",
        "postgres",
        "127.0.0.1",
        "5432",
    )
    assert database_settings(None, tmp_path)["NAME"] == tmp_path / "amparo.sqlite3"


def test_serve_has_a_workers_option() -> None:
    result = CliRunner().invoke(app, ["serve", "--help"])
    assert "--workers" in result.output


def test_several_workers_without_gunicorn_is_a_clear_error(monkeypatch) -> None:
    from amparo_web import server

    monkeypatch.setattr(server, "gunicorn_available", lambda: False)
    result = CliRunner().invoke(app, ["serve", "--workers", "2"])
    assert result.exit_code == 1
    assert "--workers 2 needs gunicorn" in result.output
    assert "--workers 1" in result.output


def _served_with(monkeypatch, gunicorn: bool) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """The workers and threads ``amparo serve`` would start, on a machine of 3 cores."""
    import os

    import waitress

    from amparo_web import server

    seen: dict[str, int] = {}
    monkeypatch.setattr(server, "gunicorn_available", lambda: gunicorn)
    monkeypatch.setattr(server, "_forget_before_fork", lambda: None)
    monkeypatch.setattr(
        server,
        "_gunicorn",
        lambda app, host, port, workers, threads: seen.update(
            workers=workers, threads=threads
        ),
    )
    monkeypatch.setattr(
        waitress, "serve", lambda app, threads, **kw: seen.update(threads=threads)
    )
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1, 2}, raising=False)
    umask = os.umask(0o077)  # run() sets it for the server process: put it back
    try:
        server.run("127.0.0.1", 0, demo=False)
    finally:
        os.umask(umask)
    return seen


def test_gunicorn_runs_two_workers_per_core_with_two_threads_each(
    db, monkeypatch
) -> None:
    assert _served_with(monkeypatch, gunicorn=True) == {"workers": 6, "threads": 2}


def test_waitress_runs_one_process_with_eight_threads(db, monkeypatch) -> None:
    assert _served_with(monkeypatch, gunicorn=False) == {"threads": 8}


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_a_change_made_through_one_worker_is_seen_by_the_other(tmp_path) -> None:
    """Two worker processes, each with its own caches: a case deleted through one
    is gone from the list and the case page whichever worker answers."""
    import http.cookiejar
    import os
    import re
    import subprocess
    import sys
    import time
    import urllib.error
    import urllib.parse
    import urllib.request

    from amparo_web import server

    if not server.gunicorn_available():
        pytest.skip("gunicorn runs on POSIX only")
    env = {**os.environ, "AMPARO_DATA_DIR": str(tmp_path), "AMPARO_REQUIRE_2FA": "0"}
    env.pop("AMPARO_DATABASE_URL", None)  # a database of its own: SQLite in tmp_path
    port = _free_port()
    process = subprocess.Popen(
        [
            *(sys.executable, "-m", "amparo", "serve", "--demo", "--port", str(port)),
            *("--workers", "2", "--threads", "2"),
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert process.stdout is not None
        output = []
        for line in process.stdout:
            output.append(line)
            if line.startswith("Serving on"):
                break
        assert "2 worker processes" in output[-1], output
        password = re.search(r"password '([^']+)'", "".join(output))
        assert password is not None, output
        base = f"http://127.0.0.1:{port}"
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

        def get(path: str) -> tuple[int, str]:
            try:
                with opener.open(base + path, timeout=30) as response:
                    return response.status, response.read().decode()
            except urllib.error.HTTPError as e:
                return e.code, ""

        def post(path: str, fields: dict[str, str]) -> str:
            token = next(c.value for c in jar if c.name == "csrftoken")
            data = urllib.parse.urlencode({**fields, "csrfmiddlewaretoken": token})
            with opener.open(base + path, data.encode(), timeout=30) as response:
                return str(response.read().decode())

        deadline = time.monotonic() + 60
        while True:  # the workers may still be starting
            try:
                get("/accounts/login/")
                break
            except OSError:
                assert time.monotonic() < deadline
                time.sleep(0.2)
        post("/accounts/login/", {"username": "demo", "password": password[1]})
        listed = get("/cases/")[1]
        pk, reference = re.search(r'href="/cases/(\d+)/">([^<]+)</a>', listed).groups()  # type: ignore[union-attr]
        for _ in range(6):  # each request a new connection: both workers cache them
            assert get(f"/cases/{pk}/")[0] == 200
            assert f">{reference}<" in get("/cases/")[1]
        post(f"/cases/{pk}/delete/", {})
        for _ in range(10):
            assert f">{reference}<" not in get("/cases/")[1]
            assert get(f"/cases/{pk}/")[0] == 404
    finally:
        process.terminate()
        process.communicate(timeout=30)  # reads what is left and closes the pipe
