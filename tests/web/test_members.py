"""Admins manage their organization's members; every user changes their own password."""

from __future__ import annotations

import re

import pytest
from tests.web.conftest import PASSWORD, make_user


def _entries(action: str) -> list:
    from amparo_web.audit.models import AuditEntry

    return list(AuditEntry.objects.filter(action=action))


def test_the_list_shows_only_the_organizations_members(admin_client) -> None:
    page = admin_client.get("/accounts/members/").content.decode()
    assert "viewer-user" in page
    assert "attorney-user" in page
    assert "outsider" not in page


def test_an_invited_member_gets_a_one_time_password_shown_once(
    admin_client, organization, client
) -> None:
    from django.contrib.auth import get_user_model

    r = admin_client.post(
        "/accounts/members/new/", {"username": "new-paralegal", "role": "paralegal"}
    )
    assert r.status_code == 200
    assert "no-store" in r["Cache-Control"]
    password = r.context["password"]
    assert password in r.content.decode()
    user = get_user_model().objects.get(username="new-paralegal")
    assert user.membership.organization == organization
    assert user.membership.role == "paralegal"
    assert password not in user.password
    [entry] = _entries("member.invited")
    assert entry.detail == {"username": "new-paralegal", "role": "paralegal"}
    assert password not in str(entry.detail)

    # The new member must choose a password before anything else.
    admin_client.logout()
    client.post("/accounts/login/", {"username": "new-paralegal", "password": password})
    assert client.get("/cases/")["Location"] == "/accounts/password/"
    r = client.post(
        "/accounts/password/",
        {
            "old_password": password,
            "new_password1": "my own long passphrase",
            "new_password2": "my own long passphrase",
        },
    )
    assert r.status_code == 302
    assert client.get("/cases/").status_code == 200
    assert _entries("member.password_changed")


def test_a_taken_username_is_a_form_error(admin_client) -> None:
    r = admin_client.post(
        "/accounts/members/new/", {"username": "outsider", "role": "viewer"}
    )
    assert r.status_code == 200
    assert r.context["form"].errors["username"]
    assert not _entries("member.invited")


def test_an_admin_changes_a_role(admin_client, personas) -> None:
    viewer = personas["viewer"].membership
    r = admin_client.post(
        "/accounts/members/role/", {"member": viewer.pk, "role": "attorney"}
    )
    assert r.status_code == 302
    viewer.refresh_from_db()
    assert viewer.role == "attorney"
    [entry] = _entries("member.role_changed")
    assert entry.detail == {
        "username": "viewer-user",
        "before": "viewer",
        "after": "attorney",
    }


def test_the_last_admin_cannot_demote_themselves(admin_client, personas) -> None:
    me = personas["admin"].membership
    admin_client.post("/accounts/members/role/", {"member": me.pk, "role": "viewer"})
    me.refresh_from_db()
    assert me.role == "admin"
    assert not _entries("member.role_changed")


def test_an_admin_may_step_down_when_another_admin_remains(
    admin_client, personas, organization
) -> None:
    make_user("second-admin", organization, "admin")
    me = personas["admin"].membership
    admin_client.post("/accounts/members/role/", {"member": me.pk, "role": "attorney"})
    me.refresh_from_db()
    assert me.role == "attorney"


def test_a_deactivated_admin_does_not_count(
    admin_client, personas, organization
) -> None:
    other = make_user("second-admin", organization, "admin")
    admin_client.post("/accounts/members/deactivate/", {"member": other.membership.pk})
    me = personas["admin"].membership
    admin_client.post("/accounts/members/role/", {"member": me.pk, "role": "viewer"})
    me.refresh_from_db()
    assert me.role == "admin"


def test_deactivating_keeps_the_member_and_their_audit_trail(
    admin_client, client, personas
) -> None:
    from amparo_web.audit.log import record
    from amparo_web.audit.models import AuditEntry

    attorney = personas["attorney"]
    record(attorney.membership, "case.viewed")
    r = admin_client.post(
        "/accounts/members/deactivate/", {"member": attorney.membership.pk}
    )
    assert r.status_code == 302
    attorney.refresh_from_db()
    assert not attorney.is_active
    assert AuditEntry.objects.filter(actor=attorney, action="case.viewed").exists()
    assert _entries("member.deactivated")
    # A deactivated member can no longer log in.
    r = client.post(
        "/accounts/login/", {"username": "attorney-user", "password": PASSWORD}
    )
    assert r.status_code == 200
    admin_client.post("/accounts/members/activate/", {"member": attorney.membership.pk})
    attorney.refresh_from_db()
    assert attorney.is_active
    assert _entries("member.reactivated")


def test_an_admin_cannot_deactivate_themselves(admin_client, personas) -> None:
    me = personas["admin"]
    admin_client.post("/accounts/members/deactivate/", {"member": me.membership.pk})
    me.refresh_from_db()
    assert me.is_active


def test_a_new_one_time_password_for_a_member(admin_client, personas) -> None:
    viewer = personas["viewer"]
    r = admin_client.post(
        "/accounts/members/password/", {"member": viewer.membership.pk}
    )
    assert r.status_code == 200
    viewer.refresh_from_db()
    assert viewer.check_password(r.context["password"])
    assert viewer.membership.must_change_password
    assert _entries("member.password_reset")


@pytest.mark.parametrize(
    ("url", "data"),
    [
        ("/accounts/members/role/", {"role": "viewer"}),
        ("/accounts/members/deactivate/", {}),
        ("/accounts/members/activate/", {}),
        ("/accounts/members/password/", {}),
    ],
)
def test_another_organizations_member_is_not_found(
    admin_client, personas, url: str, data: dict
) -> None:
    outsider = personas["outsider"]
    r = admin_client.post(url, {"member": outsider.membership.pk, **data})
    assert r.status_code == 404
    outsider.refresh_from_db()
    assert outsider.is_active
    assert outsider.membership.role == "admin"
    assert outsider.check_password(PASSWORD)


@pytest.mark.parametrize("persona", ["attorney", "paralegal", "viewer"])
def test_only_admins_manage_members(client, personas, persona: str) -> None:
    client.force_login(personas[persona])
    viewer = personas["viewer"].membership
    assert client.get("/accounts/members/").status_code == 403
    r = client.post("/accounts/members/role/", {"member": viewer.pk, "role": "admin"})
    assert r.status_code == 403
    r = client.post("/accounts/members/new/", {"username": "sneaky", "role": "admin"})
    assert r.status_code == 403
    viewer.refresh_from_db()
    assert viewer.role == "viewer"


def test_every_user_changes_their_own_password(client, personas) -> None:
    viewer = personas["viewer"]
    client.force_login(viewer)
    r = client.post(
        "/accounts/password/",
        {
            "old_password": "wrong",
            "new_password1": "another long passphrase",
            "new_password2": "another long passphrase",
        },
    )
    assert r.status_code == 200
    assert r.context["form"].errors
    r = client.post(
        "/accounts/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "another long passphrase",
            "new_password2": "another long passphrase",
        },
    )
    assert r.status_code == 302
    viewer.refresh_from_db()
    assert viewer.check_password("another long passphrase")
    # Still signed in after the change.
    assert client.get("/cases/").status_code == 200


def test_the_members_page_in_spanish_has_no_raw_markup(admin_client) -> None:
    page = admin_client.get("/accounts/members/", HTTP_ACCEPT_LANGUAGE="es")
    assert page.status_code == 200
    assert not re.search(r"\{[%{]", page.content.decode())
