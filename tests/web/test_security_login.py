"""Two-factor sign-in, the sign-in rate limit, and sessions that expire."""

from __future__ import annotations

import logging
import re
import time
from datetime import timedelta

import pytest
from tests.web.conftest import PASSWORD


@pytest.fixture
def two_factor(settings):  # type: ignore[no-untyped-def]
    settings.AMPARO_REQUIRE_2FA = True


def code_for(device) -> str:  # type: ignore[no-untyped-def]
    from django_otp.oath import TOTP

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{totp.token():0{device.digits}d}"


def wrong_code(device) -> str:  # type: ignore[no-untyped-def]
    right = int(code_for(device))
    return f"{(right + 500_000) % 1_000_000:06d}"


def unthrottle(device) -> None:  # type: ignore[no-untyped-def]
    device.refresh_from_db()
    device.throttle_reset()


def device_of(user, confirmed: bool = True):  # type: ignore[no-untyped-def]
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.create(user=user, name="phone", confirmed=confirmed)


def log_in(client, username: str, password: str = PASSWORD):  # type: ignore[no-untyped-def]
    return client.post("/accounts/login/", {"username": username, "password": password})


def actions(org) -> list[str]:  # type: ignore[no-untyped-def]
    from amparo_web.audit.models import AuditEntry

    return list(
        AuditEntry.objects.filter(organization=org)
        .order_by("seq")
        .values_list("action", flat=True)
    )


# Two-factor sign-in


@pytest.mark.parametrize("role", ["admin", "attorney"])
def test_an_admin_or_attorney_without_a_device_must_enrol_first(
    client, personas, edgar, two_factor, role: str
) -> None:
    client.force_login(personas[role])
    r = client.get("/cases/")
    assert r.status_code == 302
    assert r["Location"].startswith("/accounts/two-factor/?next=")
    assert client.get(f"/cases/{edgar.pk}/").status_code == 302
    assert client.get("/audit/").status_code == 302


def test_password_sign_in_of_an_admin_leads_to_enrolment(
    client, personas, two_factor
) -> None:
    r = log_in(client, "admin-user")
    assert r.status_code == 302
    r = client.get(r["Location"])
    assert r.status_code == 302
    assert r["Location"].startswith("/accounts/two-factor/")


def test_enrolment_shows_the_secret_and_a_code_confirms_it(
    client, personas, organization, two_factor
) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client.force_login(personas["admin"])
    page = client.get("/accounts/two-factor/?next=/cases/").content.decode()
    device = TOTPDevice.objects.get(user=personas["admin"])
    assert not device.confirmed
    secret = re.search(r'<code class="secret">([A-Z2-7]+)</code>', page)
    assert secret is not None
    assert "otpauth://totp/Amparo%3Aadmin-user?secret=" in page
    # Nothing reaches outside: no image, no third-party QR service.
    assert "<img" not in page
    assert "http" not in page.split("<main", 1)[1]

    r = client.post("/accounts/two-factor/", {"code": wrong_code(device)})
    assert r.status_code == 200
    assert "That code is not right" in r.content.decode()
    assert client.get("/cases/").status_code == 302

    unthrottle(device)
    r = client.post(
        "/accounts/two-factor/", {"code": code_for(device), "next": "/cases/"}
    )
    assert r.status_code == 302
    assert r["Location"] == "/cases/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/cases/").status_code == 200
    assert "two_factor.enrolled" in actions(organization)
    assert "two_factor.failed" in actions(organization)


def test_an_enrolled_admin_gives_a_code_after_the_password(
    client, personas, organization, two_factor
) -> None:
    device = device_of(personas["admin"])
    r = log_in(client, "admin-user")
    r = client.get(r["Location"])
    assert r.status_code == 302
    assert r["Location"].startswith("/accounts/two-factor/verify/")
    assert client.get("/cases/").status_code == 302

    r = client.post("/accounts/two-factor/verify/", {"code": wrong_code(device)})
    assert r.status_code == 200
    assert "That code is not right" in r.content.decode()
    assert client.get("/cases/").status_code == 302
    # django-otp makes each wrong code wait longer before the next try counts.
    r = client.post("/accounts/two-factor/verify/", {"code": code_for(device)})
    assert r.status_code == 200

    unthrottle(device)
    r = client.post(
        "/accounts/two-factor/verify/", {"code": code_for(device), "next": "/cases/"}
    )
    assert r.status_code == 302
    assert r["Location"] == "/cases/"
    assert client.get("/cases/").status_code == 200
    assert actions(organization)[-3:] == [
        "two_factor.failed",
        "two_factor.failed",
        "two_factor.verified",
    ]


def test_the_code_step_does_not_redirect_elsewhere(
    client, personas, two_factor
) -> None:
    device = device_of(personas["admin"])
    client.force_login(personas["admin"])
    r = client.post(
        "/accounts/two-factor/verify/",
        {"code": code_for(device), "next": "https://evil.example/"},
    )
    assert r["Location"] == "/cases/"


def test_two_factor_is_optional_for_paralegals_and_viewers(
    client, personas, two_factor
) -> None:
    for role in ("paralegal", "viewer"):
        client.force_login(personas[role])
        assert client.get("/cases/").status_code == 200
        page = client.get("/accounts/two-factor/").content.decode()
        assert "optional for your role" in page


def test_a_paralegal_who_enrolled_gives_a_code_too_and_may_turn_it_off(
    client, personas, two_factor
) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = device_of(personas["paralegal"])
    client.force_login(personas["paralegal"])
    assert client.get("/cases/").status_code == 302
    client.post("/accounts/two-factor/verify/", {"code": code_for(device)})
    assert client.get("/cases/").status_code == 200
    # A code is good once; here the next one stands in for it.
    device.refresh_from_db()
    device.last_t -= 1
    device.save()
    client.post("/accounts/two-factor/", {"code": code_for(device)})
    assert not TOTPDevice.objects.filter(user=personas["paralegal"]).exists()


def test_an_admin_may_not_turn_two_factor_off(client, personas, two_factor) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = device_of(personas["admin"])
    client.force_login(personas["admin"])
    client.post("/accounts/two-factor/verify/", {"code": code_for(device)})
    device.refresh_from_db()
    device.last_t -= 1
    device.save()
    r = client.post("/accounts/two-factor/", {"code": code_for(device)})
    assert r.status_code == 200
    assert TOTPDevice.objects.filter(user=personas["admin"], confirmed=True).exists()


def test_the_paralegal_password_sign_in_needs_no_code(
    client, personas, two_factor
) -> None:
    r = log_in(client, "paralegal-user")
    assert r.status_code == 302
    assert client.get(r["Location"]).status_code == 200


# The sign-in rate limit


def test_five_failures_lock_the_username(
    client, personas, organization, caplog
) -> None:
    for _ in range(5):
        assert log_in(client, "paralegal-user", "wrong").status_code == 200
    r = log_in(client, "paralegal-user")  # even the right password now
    assert r.status_code == 429
    assert "Too many failed attempts" in r.content.decode()
    assert "_auth_user_id" not in client.session
    assert actions(organization).count("login.failed") == 5
    assert actions(organization)[-1] == "login.locked"
    # Another user is not locked out.
    assert log_in(client, "viewer-user").status_code == 302


def test_the_lock_ends_after_fifteen_minutes(client, personas) -> None:
    from amparo_web.accounts.models import LoginFailure

    for _ in range(5):
        log_in(client, "paralegal-user", "wrong")
    assert log_in(client, "paralegal-user").status_code == 429
    LoginFailure.objects.update(
        at=LoginFailure.objects.first().at - timedelta(minutes=16)
    )  # type: ignore[union-attr]
    assert log_in(client, "paralegal-user").status_code == 302


def test_a_success_clears_the_username_failures(client, personas) -> None:
    from amparo_web.accounts.models import LoginFailure

    for _ in range(4):
        log_in(client, "paralegal-user", "wrong")
    assert log_in(client, "paralegal-user").status_code == 302
    assert not LoginFailure.objects.filter(username="paralegal-user").exists()
    client.logout()
    for _ in range(4):
        log_in(client, "paralegal-user", "wrong")
    assert log_in(client, "paralegal-user").status_code == 302


def test_many_failures_from_one_address_lock_it(client, personas, settings) -> None:
    settings.AMPARO_LOGIN_MAX_FAILURES_PER_IP = 6
    for n in range(6):
        log_in(client, f"nobody-{n}", "wrong")
    assert log_in(client, "paralegal-user").status_code == 429


def test_an_unknown_username_is_logged_without_name_or_password(
    client, db, caplog
) -> None:
    with caplog.at_level(logging.WARNING, logger="amparo.login"):
        log_in(client, "someone-unknown", "secret-guess")
    text = caplog.text
    assert "login.failed" in text
    assert "someone-unknown" not in text
    assert "secret-guess" not in text


# Sessions expire


def test_session_settings() -> None:
    from django.conf import settings

    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.SESSION_COOKIE_AGE == 12 * 3600
    assert settings.AMPARO_SESSION_IDLE_MINUTES == 30


def _age(client, key: str, seconds: float) -> None:  # type: ignore[no-untyped-def]
    session = client.session
    session[key] = time.time() - seconds
    session.save()


def test_an_idle_session_ends(client, personas) -> None:
    from amparo_web.accounts.sessions import SEEN_AT

    log_in(client, "paralegal-user")
    assert client.get("/cases/").status_code == 200
    _age(client, SEEN_AT, 29 * 60)
    assert client.get("/cases/").status_code == 200
    _age(client, SEEN_AT, 31 * 60)
    r = client.get("/cases/")
    assert r.status_code == 302
    assert r["Location"].startswith("/accounts/login/")
    assert "_auth_user_id" not in client.session
    r = client.get("/accounts/login/")
    assert "Your session has expired" in r.content.decode()


def test_a_busy_session_ends_after_twelve_hours(client, personas) -> None:
    from amparo_web.accounts.login import LOGIN_AT

    log_in(client, "paralegal-user")
    _age(client, LOGIN_AT, 12 * 3600 + 1)
    r = client.get("/cases/")
    assert r.status_code == 302
    assert r["Location"].startswith("/accounts/login/")


def test_an_admin_resets_a_lost_device_and_the_member_enrols_again(
    client, personas, organization, two_factor
) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device_of(personas["attorney"])
    admin_device = device_of(personas["admin"])
    client.force_login(personas["admin"])
    client.post("/accounts/two-factor/verify/", {"code": code_for(admin_device)})
    member = personas["attorney"].membership
    r = client.post("/accounts/members/two-factor/", {"member": member.pk})
    assert r.status_code == 302
    assert not TOTPDevice.objects.filter(user=personas["attorney"]).exists()
    assert actions(organization)[-1] == "member.two_factor_reset"
    client.force_login(personas["attorney"])
    assert client.get("/cases/")["Location"].startswith("/accounts/two-factor/?")


def test_no_one_resets_two_factor_in_another_organization(
    client, personas, two_factor
) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device_of(personas["attorney"])
    client.force_login(personas["outsider"])
    member = personas["attorney"].membership
    client.get("/accounts/two-factor/")  # the outsider enrols first...
    outsider_device = TOTPDevice.objects.get(user=personas["outsider"])
    client.post("/accounts/two-factor/", {"code": code_for(outsider_device)})
    r = client.post("/accounts/members/two-factor/", {"member": member.pk})
    assert r.status_code == 404
    assert TOTPDevice.objects.filter(user=personas["attorney"]).exists()
