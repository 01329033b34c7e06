"""Logging in and out; passwords hashed with Argon2."""

from __future__ import annotations

from django.conf import settings as django_settings
from django.test import override_settings
from tests.web.conftest import PASSWORD


def test_the_app_hashes_passwords_with_argon2() -> None:
    # The tests swap in a fast hasher; the app's own setting is Argon2 alone.
    from amparo_web import settings as app_settings

    assert app_settings.PASSWORD_HASHERS == [
        "django.contrib.auth.hashers.Argon2PasswordHasher"
    ]


@override_settings(
    PASSWORD_HASHERS=["django.contrib.auth.hashers.Argon2PasswordHasher"]
)
def test_a_new_password_is_stored_as_argon2(organization) -> None:
    from tests.web.conftest import make_user

    user = make_user("argon-user", organization, "viewer")
    assert user.password.startswith("argon2$argon2id$")
    assert django_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_log_in_and_out(client, personas) -> None:
    r = client.post(
        "/accounts/login/", {"username": "paralegal-user", "password": PASSWORD}
    )
    assert r["Location"] == "/cases/"
    assert client.get("/cases/").status_code == 200
    client.post("/accounts/logout/")
    assert client.get("/cases/").status_code == 302


def test_a_wrong_password_is_a_form_error(client, personas) -> None:
    r = client.post(
        "/accounts/login/", {"username": "paralegal-user", "password": "nope"}
    )
    assert r.status_code == 200
    assert r.context["form"].non_field_errors()


def test_a_user_without_an_organization_sees_nothing(client, db) -> None:
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.create_user("loner", password=PASSWORD))
    assert client.get("/cases/").status_code == 403
