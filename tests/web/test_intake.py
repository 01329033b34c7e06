"""The guided intake: generated from the fact catalogue, saved as an encrypted draft, resumable."""

from __future__ import annotations

import pytest
from tests.web.helpers import add_case, doc


@pytest.fixture
def new_case(organization):  # type: ignore[no-untyped-def]
    return add_case(organization, doc("T-IN", "Fictional Client"))


def draft_data(case):  # type: ignore[no-untyped-def]
    from amparo_web.intake import drafts
    from amparo_web.intake.models import IntakeDraft

    return drafts.load_data(IntakeDraft.objects.get(case=case))


def test_the_steps_ask_every_field_a_framework_reads() -> None:
    from amparo.facts.catalogue import catalogue
    from amparo_web.intake.steps import steps

    asked = {q.path for s in steps() for q in s.questions}
    for fact in catalogue().facts.values():
        if fact.field.startswith("determinations."):
            continue  # an officer's judgment: no answer settles it
        assert any(a == fact.field or a.startswith(fact.field + ".") for a in asked), (
            fact.id
        )


def test_starting_goes_to_the_first_step(admin_client, new_case) -> None:
    r = admin_client.get(f"/cases/{new_case.pk}/intake/")
    assert r["Location"] == f"/cases/{new_case.pk}/intake/person/"


def test_every_question_offers_unknown_and_starts_there(admin_client, new_case) -> None:
    r = admin_client.get(f"/cases/{new_case.pk}/intake/presence/")
    form = r.context["form"]
    for name, field in form.fields.items():
        choices = dict(getattr(field, "choices", []))
        if (
            choices
            and not name.endswith("__known")
            and field.widget.input_type == "checkbox"
        ):
            continue  # the "which" of a list: its own unknown is the __known radio beside it
        if choices:
            assert "" in choices, name
        assert form[name].value() in ("", None, []), name
    assert "<progress" in r.content.decode()


def test_a_step_saves_to_the_draft_not_to_the_case(admin_client, new_case) -> None:
    from amparo_web.cases import store

    before = store.read_text(new_case)
    r = admin_client.post(
        f"/cases/{new_case.pk}/intake/person/",
        {"person__birth_date": "1961", "person__stateless": "no", "person__lgbtqi": ""},
    )
    assert r["Location"] == f"/cases/{new_case.pk}/intake/presence/"
    data = draft_data(new_case)
    assert data["person"] == {
        "pseudonym": "Fictional Client",
        "birth_date": "1961",
        "stateless": False,
    }
    assert store.read_text(new_case) == before


def test_unknown_removes_an_answer(admin_client, new_case) -> None:
    url = f"/cases/{new_case.pk}/intake/person/"
    admin_client.post(url, {"person__stateless": "yes"})
    admin_client.post(url, {"person__stateless": ""})
    assert "stateless" not in draft_data(new_case)["person"]


def test_a_list_answer_of_none_is_a_known_none(admin_client, new_case) -> None:
    admin_client.post(
        f"/cases/{new_case.pk}/intake/criminal_legal_history/",
        {"criminal_legal_history__convictions__known": "none"},
    )
    assert draft_data(new_case)["criminal_legal_history"]["convictions"] == []


def test_entries_of_a_list_are_validated_by_the_case_model(
    admin_client, new_case
) -> None:
    url = f"/cases/{new_case.pk}/intake/family/"
    rows = {
        "family__members__known": "some",
        "family__members-TOTAL_FORMS": "1",
        "family__members-INITIAL_FORMS": "0",
        "family__members-0-in_us": "yes",
    }
    r = admin_client.post(url, {**rows, "family__members-0-relationship": "cousin"})
    assert r.status_code == 200
    assert r.context["form"].errors["family__members__known"]
    assert r.context["form"].formsets["family__members"].forms[0].errors["relationship"]
    admin_client.post(
        url,
        {
            **rows,
            "family__members-0-relationship": "child",
            "family__members-0-status": "usc",
        },
    )
    assert draft_data(new_case)["family"]["members"] == [
        {"relationship": "child", "status": "usc", "in_us": True}
    ]


def test_a_bad_date_is_shown_by_its_field_and_nothing_is_saved(
    admin_client, new_case
) -> None:
    r = admin_client.post(
        f"/cases/{new_case.pk}/intake/person/", {"person__birth_date": "June"}
    )
    assert r.status_code == 200
    assert "person__birth_date" in r.context["form"].errors
    assert "birth_date" not in draft_data(new_case)["person"]


def test_questions_that_could_change_the_outcome_come_first(
    admin_client, new_case
) -> None:
    r = admin_client.get(f"/cases/{new_case.pk}/intake/humanitarian/")
    rows = r.context["form"].rows()
    flags = [row["decisive"] for row in rows]
    assert any(flags)
    assert flags == sorted(
        flags, reverse=True
    )  # every decisive question before the others
    assert r.context["open_questions"]


def test_the_draft_resumes_where_it_was_left(client, personas, new_case) -> None:
    client.force_login(personas["paralegal"])
    client.post(f"/cases/{new_case.pk}/intake/person/", {"person__stateless": "yes"})
    client.post("/accounts/logout/")
    client.force_login(personas["attorney"])
    r = client.get(f"/cases/{new_case.pk}/intake/")
    assert r["Location"] == f"/cases/{new_case.pk}/intake/presence/"
    form = client.get(r["Location"].replace("presence", "person")).context["form"]
    assert form["person__stateless"].value() == "yes"


def test_the_draft_is_stored_encrypted(admin_client, new_case) -> None:
    from amparo_web.intake.models import IntakeDraft

    admin_client.post(
        f"/cases/{new_case.pk}/intake/person/", {"person__birth_date": "1961"}
    )
    raw = bytes(IntakeDraft.objects.get(case=new_case).data)
    assert b"1961" not in raw
    assert b"Fictional" not in raw


def test_review_saves_the_draft_to_the_case(admin_client, new_case) -> None:
    import amparo
    from amparo_web.cases import store
    from amparo_web.cases.models import Case
    from amparo_web.intake.models import IntakeDraft

    admin_client.post(
        f"/cases/{new_case.pk}/intake/humanitarian/",
        {"humanitarian__fear_of_return": "yes"},
    )
    assert admin_client.get(f"/cases/{new_case.pk}/intake/review/").status_code == 200
    r = admin_client.post(f"/cases/{new_case.pk}/intake/review/")
    assert r["Location"] == f"/cases/{new_case.pk}/"
    row = Case.objects.get(pk=new_case.pk)
    case = amparo.parse_case(store.read_text(row))
    assert case.humanitarian is not None
    assert case.humanitarian.fear_of_return is True
    assert row.outcome == amparo.assess(case).outcome
    assert not IntakeDraft.objects.exists()


def test_the_questions_are_asked_in_spanish(admin_client, new_case) -> None:
    admin_client.post("/i18n/setlang/", {"language": "es"})
    page = admin_client.get(f"/cases/{new_case.pk}/intake/person/").content.decode()
    assert "¿Es la persona apátrida?" in page


def test_two_first_visits_at_once_share_one_draft(
    admin_client, new_case, monkeypatch
) -> None:
    """Two tabs (or two colleagues) open a case's intake for the first time at the
    same moment: both pages load, on the one draft the first of them started."""
    from amparo_web.intake import drafts
    from amparo_web.intake.models import IntakeDraft

    admin_client.post(
        f"/cases/{new_case.pk}/intake/person/", {"person__birth_date": "1961"}
    )
    existing = drafts._existing
    calls = []

    def late(row):  # type: ignore[no-untyped-def]
        calls.append(row.pk)
        # The first look finds nothing: the other request's draft is not there yet.
        return None if len(calls) == 1 else existing(row)

    monkeypatch.setattr(drafts, "_existing", late)
    r = admin_client.get(f"/cases/{new_case.pk}/intake/person/")
    assert r.status_code == 200
    assert len(calls) == 2
    assert IntakeDraft.objects.filter(case=new_case).count() == 1
    assert draft_data(new_case)["person"]["birth_date"] == "1961"  # theirs, kept
