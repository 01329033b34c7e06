"""Every URL pattern × every role × a user of another organization, and no one signed in."""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

PERSONAS = ("admin", "attorney", "paralegal", "viewer", "outsider")
R, W, D, A = "read", "write", "delete", "audit"
# What each page needs: whether it shows a case (an outsider gets 404), and the
# right it asks for (a viewer may read; deleting is for admins and attorneys).
PAGES: dict[str, tuple[bool, str]] = {
    "home": (False, R),
    "set_language": (False, R),
    "accounts:login": (False, R),
    "accounts:logout": (False, R),
    "cases:list": (False, R),
    "cases:new": (False, W),
    "cases:import": (False, W),
    "cases:detail": (True, R),
    "cases:export": (True, R),
    "cases:document": (True, R),
    "cases:edit": (True, W),
    "cases:delete": (True, D),
    "cases:close": (True, W),
    "cases:reopen": (True, W),
    "intake:start": (True, W),
    "intake:step": (True, W),
    "intake:review": (True, W),
    "intake:discard": (True, W),
    "audit:log": (False, A),
    "accounts:password": (False, R),
    "accounts:members": (False, A),
    "accounts:member_new": (False, A),
    "accounts:member_role": (False, A),
    "accounts:member_deactivate": (False, A),
    "accounts:member_activate": (False, A),
    "accounts:member_password": (False, A),
    "accounts:organization": (False, A),
    "pdrequests:list": (True, R),
    "pdrequests:new": (True, W),
    "pdrequests:change": (True, W),
    "pdrequests:attach": (True, W),
    "pdrequests:follow_up_letter": (True, R),
    "pdrequests:overdue": (False, R),
    "pdrequests:offices": (False, R),
    "pdrequests:save_office": (False, A),
    "pdrequests:digest_mail": (False, A),
    # Two-factor sign-in: every signed-in member (required for admins and attorneys).
    "accounts:two_factor": (False, R),
    "accounts:two_factor_verify": (False, R),
    "accounts:member_two_factor": (False, A),
    # Reports: administrators and attorneys (the D set), see reports/access.py.
    "reports:index": (False, D),
    "reports:chart": (False, D),
    "reports:export": (False, D),
}
ALLOWED = {
    R: {"admin", "attorney", "paralegal", "viewer", "outsider"},
    W: {"admin", "attorney", "paralegal", "outsider"},
    D: {"admin", "attorney", "outsider"},
    A: {"admin", "outsider"},  # the outsider is an admin of its own organization
}
PUBLIC = {"accounts:login", "set_language"}
POST_ONLY = {"accounts:logout", "intake:discard", "set_language"}
DOWNLOADS = {"cases:export", "cases:document"}
DOWNLOADS |= {"reports:chart", "reports:export"}  # an SVG image and a CSV


def url_names(resolver: URLResolver | None = None, prefix: str = "") -> list[str]:
    out = []
    for p in (resolver or get_resolver()).url_patterns:
        if isinstance(p, URLResolver):
            out += url_names(p, f"{prefix}{p.namespace}:" if p.namespace else prefix)
        elif isinstance(p, URLPattern) and p.name:
            out.append(prefix + p.name)
    return out


def test_every_url_pattern_is_in_the_matrix() -> None:
    assert set(url_names()) == set(PAGES), (
        "add the new page to PAGES with its access rule"
    )


def _url(name: str, case_pk: int) -> str:
    from django.urls import reverse

    kwargs: dict[str, object] = {}
    pattern = next(p for p in _patterns() if p[0] == name)[1]
    if "pk" in pattern:
        kwargs["pk"] = case_pk
    if "section" in pattern:
        kwargs["section"] = "person"
    if "<str:what>" in pattern:
        kwargs["what"] = "checklist"
    return reverse(name, kwargs=kwargs)


def _patterns() -> list[tuple[str, str]]:
    out = []

    def walk(resolver: URLResolver, prefix: str, route: str) -> None:
        for p in resolver.url_patterns:
            if isinstance(p, URLResolver):
                walk(
                    p,
                    f"{prefix}{p.namespace}:" if p.namespace else prefix,
                    route + str(p.pattern),
                )
            elif p.name:
                out.append((prefix + p.name, route + str(p.pattern)))

    walk(get_resolver(), "", "")
    return out


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", sorted(PAGES))
def test_access(client, personas, edgar, name: str, persona: str) -> None:
    client.force_login(personas[persona])
    shows_case, right = PAGES[name]
    method = client.post if name in POST_ONLY else client.get
    data = {"language": "en"} if name == "set_language" else {}
    response = method(_url(name, edgar.pk), data)
    if shows_case and persona == "outsider":
        # Another organization's case does not exist, as far as the outsider can tell.
        assert response.status_code == 404
    elif persona not in ALLOWED[right]:
        assert response.status_code == 403
    else:
        assert response.status_code in (200, 302)


@pytest.mark.parametrize("name", sorted(set(PAGES) - PUBLIC))
def test_anonymous_is_sent_to_log_in(client, edgar, name: str) -> None:
    method = client.post if name in POST_ONLY else client.get
    response = method(_url(name, edgar.pk))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_outsider_does_not_see_the_case_in_its_list(
    client, personas, edgar
) -> None:
    client.force_login(personas["outsider"])
    assert edgar.reference not in client.get("/cases/").content.decode()


@pytest.mark.parametrize("persona", ["viewer", "outsider"])
def test_who_may_not_change_a_case_changes_nothing(
    client, personas, edgar, persona: str
) -> None:
    from amparo_web.cases.models import Case

    before = bytes(Case.objects.get(pk=edgar.pk).document)
    client.force_login(personas[persona])
    client.post(f"/cases/{edgar.pk}/edit/", {"text": "format: 1\nid: X-1\n"})
    client.post(f"/cases/{edgar.pk}/delete/")
    client.post(f"/cases/{edgar.pk}/intake/person/", {"person__stateless": "yes"})
    assert bytes(Case.objects.get(pk=edgar.pk).document) == before
