"""``amparo serve``: its options, and the demo data it loads on an empty database."""

from __future__ import annotations

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
