"""The in-process cache of assessment pages: a hit repeats nothing, a change misses."""

from __future__ import annotations

import pytest
from tests.web.helpers import add_case, doc


@pytest.fixture(autouse=True)
def empty_cache():  # type: ignore[no-untyped-def]
    from amparo_web.cases import memo

    memo.clear()
    yield memo
    memo.clear()


def _count_assessments(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    from amparo_web.cases.views import assessment

    calls: list[int] = []
    real = assessment.assessment_context

    def counting(case, lang):  # type: ignore[no-untyped-def]
        calls.append(1)
        return real(case, lang)

    monkeypatch.setattr(assessment, "assessment_context", counting)
    return calls


def test_a_second_view_reuses_the_assessment(admin_client, edgar, monkeypatch) -> None:
    calls = _count_assessments(monkeypatch)
    first = admin_client.get(f"/cases/{edgar.pk}/")
    second = admin_client.get(f"/cases/{edgar.pk}/")
    assert len(calls) == 1
    assert first.context["result"] == second.context["result"]
    assert first.context["comparison"] == second.context["comparison"]
    # Both views are still audited.
    from amparo_web.audit.models import AuditEntry

    assert AuditEntry.objects.filter(action="case.viewed").count() == 2


def test_each_language_has_its_own_entry(admin_client, edgar, monkeypatch) -> None:
    calls = _count_assessments(monkeypatch)
    admin_client.get(f"/cases/{edgar.pk}/")
    page = admin_client.get(f"/cases/{edgar.pk}/", HTTP_ACCEPT_LANGUAGE="es")
    assert len(calls) == 2
    assert page.context["doc_lang"] == "es"


def test_a_changed_case_is_assessed_again(
    admin_client, organization, monkeypatch
) -> None:
    import amparo
    from amparo_web.cases import store

    row = add_case(organization, doc("T-C", "Fictional Client"))
    calls = _count_assessments(monkeypatch)
    before = admin_client.get(f"/cases/{row.pk}/").context["result"]["outcome"]
    text = store.read_text(row).replace("Fictional Client", "Another Name")
    store.write(row, text, amparo.parse_case(text, "t.yaml"))
    row.save()
    after = admin_client.get(f"/cases/{row.pk}/")
    assert len(calls) == 2
    assert "Another Name" in after.content.decode()
    assert after.context["result"]["outcome"] == before


def test_the_key_holds_the_organization_case_version_and_language(
    organization, other_organization
) -> None:
    from amparo_web.cases import memo

    mine = add_case(organization, doc("T-K", "Fictional Client"))
    theirs = add_case(other_organization, doc("T-K", "Fictional Client"))
    assert memo.key_for(mine, "en") != memo.key_for(theirs, "en")
    assert memo.key_for(mine, "en") != memo.key_for(mine, "es")
    assert memo.key_for(mine, "en")[0] == organization.pk


def test_the_cache_is_bounded(monkeypatch) -> None:
    from amparo_web.cases import memo

    monkeypatch.setattr(memo, "MAX_ENTRIES", 3)
    for i in range(5):
        memo.cached(("k", i), lambda i=i: {"n": i})
    assert memo.size() == 3
    assert memo.cached(("k", 4), lambda: {"n": "made again"}) == {"n": 4}
    assert memo.cached(("k", 0), lambda: {"n": "made again"}) == {"n": "made again"}


def test_the_lists_filter_choices_follow_new_and_deleted_cases(
    admin_client, organization
) -> None:
    first = add_case(organization, doc("T-1", "Fictional One", court="Court A"))
    offices = admin_client.get("/cases/").context["form"].fields["office"].choices
    assert [value for value, _ in offices[1:]] == ["Court A"]
    add_case(organization, doc("T-2", "Fictional Two", court="Court B"))
    offices = admin_client.get("/cases/").context["form"].fields["office"].choices
    assert [value for value, _ in offices[1:]] == ["Court A", "Court B"]
    first.delete()
    offices = admin_client.get("/cases/").context["form"].fields["office"].choices
    assert [value for value, _ in offices[1:]] == ["Court B"]


def test_deleting_a_case_drops_its_entries(admin_client, edgar) -> None:
    from amparo_web.cases import memo

    admin_client.get(f"/cases/{edgar.pk}/")
    assert memo.size() == 1
    admin_client.post(f"/cases/{edgar.pk}/delete/")
    assert memo.size() == 0
