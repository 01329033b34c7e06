"""Fixtures of the web tests: an organization with one user per role, and an outsider.

The same tests run on SQLite and, with AMPARO_DATABASE_URL=postgres://..., on
PostgreSQL (``make pytest`` does both). When that server is unreachable the tests
skip with the reason, except under CI=true, where they must run.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
STORIES = ROOT / "examples" / "stories"
ROLES = ("admin", "attorney", "paralegal", "viewer")
PASSWORD = "a long test passphrase"


def _postgres_problem() -> str | None:
    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.postgresql":
        return None
    import psycopg

    try:
        psycopg.connect(
            host=db["HOST"],
            port=db["PORT"] or 5432,
            user=db["USER"],
            dbname=db["NAME"],
            password=db["PASSWORD"] or None,
            connect_timeout=3,
        ).close()
    except psycopg.OperationalError as e:
        return f"PostgreSQL at {db['HOST']}:{db['PORT']} is unreachable: {e}".strip()
    return None


def pytest_collection_modifyitems(
    config: pytest.Config, items: list[pytest.Item]
) -> None:
    problem = _postgres_problem()
    if problem is None:
        return
    if os.getenv("CI") == "true":
        pytest.exit(f"{problem} (required under CI=true)", returncode=1)
    mark = pytest.mark.skip(reason=problem)
    for item in items:
        item.add_marker(mark)


@pytest.fixture(autouse=True)
def data_dir(tmp_path_factory: pytest.TempPathFactory, settings):  # type: ignore[no-untyped-def]
    """Keys and files of the test run in a folder of its own, never var/."""
    from amparo_web.lib import crypto

    folder = tmp_path_factory.getbasetemp() / "amparo-data"
    folder.mkdir(exist_ok=True)
    settings.AMPARO_DATA_DIR = folder
    # Argon2 is slow on purpose (about 100 MB and a few hundred ms a hash); the
    # tests make hundreds of users. test_accounts checks the real setting.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Tests sign in with force_login; test_security_login turns two-factor back on.
    settings.AMPARO_REQUIRE_2FA = False
    crypto.clear_caches()
    yield folder
    crypto.clear_caches()


@pytest.fixture
def organization(db):  # type: ignore[no-untyped-def]
    from amparo_web.accounts.models import Organization

    return Organization.objects.create(name="Test legal-aid office")


@pytest.fixture
def other_organization(db):  # type: ignore[no-untyped-def]
    from amparo_web.accounts.models import Organization

    return Organization.objects.create(name="Another office")


def make_user(username: str, org, role: str):  # type: ignore[no-untyped-def]
    from django.contrib.auth import get_user_model

    from amparo_web.accounts.models import Membership

    user = get_user_model().objects.create_user(username, password=PASSWORD)
    Membership.objects.create(user=user, organization=org, role=role)
    return user


@pytest.fixture
def personas(organization, other_organization):  # type: ignore[no-untyped-def]
    """alice the admin, and so on; the outsider is an admin of another organization."""
    people = {role: make_user(f"{role}-user", organization, role) for role in ROLES}
    people["outsider"] = make_user("outsider", other_organization, "admin")
    return people


def import_story(org, name: str):  # type: ignore[no-untyped-def]
    import amparo
    from amparo_web.cases import store

    text = (STORIES / f"{name}.yaml").read_text(encoding="utf-8")
    row = store.new_row(org)
    store.write(row, text, amparo.parse_case(text, f"{name}.yaml"))
    row.save()
    return row


@pytest.fixture
def edgar(organization):  # type: ignore[no-untyped-def]
    return import_story(organization, "edgar")


@pytest.fixture
def admin_client(client, personas):  # type: ignore[no-untyped-def]
    client.force_login(personas["admin"])
    return client
