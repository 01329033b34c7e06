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


# With several worker processes (amparo serve --workers N), a change made by one
# process never reaches another's memory: each must see it from the database alone.


def test_a_case_deleted_by_another_process_leaves_this_ones_memory(
    admin_client, edgar, data_dir
) -> None:
    import subprocess
    import sys

    from amparo_web.cases import memo
    from amparo_web.lib import crypto

    kept = add_case(edgar.organization, doc("T-KEEP", "Fictional Client"))
    admin_client.get(f"/cases/{edgar.pk}/")
    admin_client.get(f"/cases/{kept.pk}/")
    assert "Edgar" in admin_client.get("/cases/").content.decode()
    assert any(key[0] == memo.LIST for key in memo._entries)
    assert sorted(k[1] for k in memo._entries if memo._is_case_key(k)) == sorted(
        [edgar.pk, kept.pk]
    )
    # Another process deletes Edgar's case: it destroys the vault secret (the last
    # step of delete_case); its memo.forget never reaches this process.
    script = (
        "import sys, uuid; from pathlib import Path; "
        "from amparo_web.lib import keyvault; "
        "sys.exit(0 if keyvault.destroy(Path(sys.argv[1]), uuid.UUID(sys.argv[2])) else 1)"
    )
    subprocess.run(
        [sys.executable, "-c", script, str(crypto.vault()), str(edgar.key_id)],
        check=True,
        timeout=60,
    )
    # This process's next use of the cache drops the shredded case's entry (and
    # every list page, which show pseudonyms), not the others.
    page = admin_client.get(f"/cases/{kept.pk}/")
    assert page.status_code == 200
    assert [k[1] for k in memo._entries if memo._is_case_key(k)] == [kept.pk]
    assert not any(key[0] == memo.LIST for key in memo._entries)


def test_filter_choices_follow_a_change_made_elsewhere(
    admin_client, organization
) -> None:
    """A case changed by another process (no call into this one's cache) changes
    the key; a fresh cache over the same database agrees with the warm one."""
    import amparo
    from amparo_web.cases import memo, store
    from amparo_web.cases.models import Case

    def offices() -> list[str]:
        field = admin_client.get("/cases/").context["form"].fields["office"]
        return [value for value, _ in field.choices[1:]]

    row = add_case(organization, doc("T-1", "Fictional One", court="Court A"))
    add_case(organization, doc("T-2", "Fictional Two", court="Court B"))
    assert offices() == ["Court A", "Court B"]
    # What another worker's save does: a new document, a new updated_at.
    other = Case.objects.select_related("organization").get(pk=row.pk)
    text = doc("T-1", "Fictional One", court="Court C")
    store.write(other, text, amparo.parse_case(text, "t.yaml"))
    other.save()
    warm = offices()
    assert warm == ["Court B", "Court C"]
    memo.clear()
    assert offices() == warm
    # Deleted elsewhere: the count falls, the key changes.
    Case.objects.filter(pk=row.pk).delete()
    warm = offices()
    assert warm == ["Court B"]
    memo.clear()
    assert offices() == warm


def test_a_list_page_follows_a_change_made_elsewhere(
    admin_client, organization
) -> None:
    import amparo
    from amparo_web.cases import memo, store
    from amparo_web.cases.models import Case

    def names() -> list[str]:
        return [row["pseudonym"] for row in admin_client.get("/cases/").context["rows"]]

    row = add_case(organization, doc("T-1", "Fictional One"))
    add_case(organization, doc("T-2", "Fictional Two"))
    assert names() == ["Fictional Two", "Fictional One"]
    assert names() == ["Fictional Two", "Fictional One"]  # from the cache
    other = Case.objects.select_related("organization").get(pk=row.pk)
    text = doc("T-1", "Fictional Renamed")
    store.write(other, text, amparo.parse_case(text, "t.yaml"))
    other.save()
    warm = admin_client.get("/cases/").content.decode()
    assert "Fictional Renamed" in warm
    assert "Fictional One" not in warm
    memo.clear()
    assert names() == ["Fictional Renamed", "Fictional Two"]
