"""The intake's lists of records, asked as rows: one small form per entry, no YAML."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from tests.web.helpers import add_case, doc

CONVICTIONS = "criminal_legal_history__convictions"
MEMBERS = "family__members"


@pytest.fixture
def new_case(organization):  # type: ignore[no-untyped-def]
    return add_case(organization, doc("T-RW", "Fictional Client"))


def with_history(organization, history: str):  # type: ignore[no-untyped-def]
    return add_case(organization, doc("T-RH", "Fictional Client") + history)


def draft_data(case) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    from amparo_web.intake import drafts
    from amparo_web.intake.models import IntakeDraft

    return drafts.load_data(IntakeDraft.objects.get(case=case))


def page_data(response) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """What a browser sends back for the page as shown: every field as it stands."""
    form = response.context["form"]
    out: dict[str, Any] = {}
    for name in form.fields:
        value = form[name].value()
        out[name] = "" if value is None else value
    for formset in form.formsets.values():
        for name in formset.management_form.fields:
            out[formset.management_form.add_prefix(name)] = formset.management_form[
                name
            ].value()
        for row in formset.forms:
            for name in row.fields:
                if name == "DELETE":
                    continue
                value = row[name].value()
                out[row.add_prefix(name)] = "" if value is None else value
    return out


def url(case, section: str = "criminal_legal_history") -> str:  # type: ignore[no-untyped-def]
    return f"/cases/{case.pk}/intake/{section}/"


def test_the_fields_of_a_row_are_those_of_the_list_items_model() -> None:
    import typing

    from pydantic import BaseModel

    from amparo_web.intake.labels import FIELD_LABELS
    from amparo_web.intake.steps import _annotation, _strip, steps

    records = [q for s in steps() for q in s.questions if q.kind == "records"]
    assert {q.path for q in records} >= {
        "criminal_legal_history.convictions",
        "family.members",
        "presence.prior_removal_orders",
        "relief",
        "proceedings.pending_actions_as_party",
    }
    for q in records:
        item = _strip(typing.get_args(_annotation(q.path))[0])
        assert issubclass(item, BaseModel)
        # Every field of the item is asked (today's items have simple fields only).
        assert [f.path for f in q.fields] == [
            info.alias or name for name, info in item.model_fields.items()
        ], q.path
        for f in q.fields:  # and each has a label to translate
            assert f"{f.model}.{f.path}" in FIELD_LABELS or f.path in FIELD_LABELS, (
                q.path,
                f.path,
            )
    conviction = next(q for q in records if q.path.endswith("convictions"))
    kinds = {f.path: f.kind for f in conviction.fields}
    assert kinds["date"] == "date"
    assert kinds["aggravated_felony"] == "bool"
    assert kinds["sentence_months"] == "number"
    assert kinds["category"] == "choice"
    assert kinds["offense"] == "text"


def test_a_nested_object_is_flattened_into_the_row_and_a_list_is_kept() -> None:
    from pydantic import BaseModel

    from amparo.cases.model import Health, MilitaryService
    from amparo_web.intake.forms import RowForm
    from amparo_web.intake.labels import field_label
    from amparo_web.intake.steps import Question, row_fields

    class Item(BaseModel):
        note: str | None = None
        health: Health | None = None
        service: MilitaryService | None = None
        tags: list[str] | None = None

    fields = row_fields(Item)
    assert [f.path for f in fields] == [
        "note",
        "health.serious_medical_condition",
        "health.mental_health_condition",
        "health.disability",
        "health.pregnant",
        "service.self",  # the document's name, not Python's self_
        "service.immediate_family",
    ]
    assert {f.kind for f in fields[1:]} == {"bool"}
    assert field_label("Item", "health.pregnant") == "Health: pregnant"
    q = Question("x", {"en": "?"}, {"en": "x"}, "records", fields=fields)
    form = RowForm(
        {"note": " ", "health__pregnant": "yes", "service__self": ""},
        question=q,
        lang="en",
    )
    assert form.is_valid()
    entry = form.entry(
        {"tags": ["kept"], "note": "old", "service": {"self": True}, "health": {}}
    )
    # Shown fields take the row's answers (blank: unknown); the list is kept as it was.
    assert entry == {"tags": ["kept"], "health": {"pregnant": True}}


def test_every_value_of_a_choice_has_a_label() -> None:
    from amparo.facts.catalogue import catalogue
    from amparo_web.intake.labels import VALUE_LABELS
    from amparo_web.intake.steps import steps

    labelled = [set(labels) for labels in catalogue().enums.values()]
    for s in steps():
        for q in s.questions:
            for values, where in [
                (q.values, q.path),
                *((f.values, f"{q.path}[].{f.path}") for f in q.fields),
            ]:
                if values and set(values) not in labelled:
                    assert set(values) <= set(VALUE_LABELS), where


def test_a_list_without_entries_shows_one_blank_row_every_field_unknown(
    admin_client, new_case
) -> None:
    r = admin_client.get(url(new_case))
    formset = r.context["form"].formsets[CONVICTIONS]
    assert len(formset.forms) == 1
    row = formset.forms[0]
    for name in row.fields:
        if name != "DELETE":
            assert row[name].value() in ("", None), name
    page = r.content.decode()
    assert "YAML" not in page
    assert f'name="{CONVICTIONS}-0-date"' in page
    assert 'name="add"' in page


def test_two_convictions_through_rows_reach_the_case_and_the_assessment(
    admin_client, new_case
) -> None:
    import amparo
    from amparo_web.cases import store
    from amparo_web.cases.models import Case

    data = page_data(admin_client.get(url(new_case)))
    data.update(
        {
            f"{CONVICTIONS}__known": "some",
            f"{CONVICTIONS}-0-offense": "Driving under the influence",
            f"{CONVICTIONS}-0-date": "2014-05",
            f"{CONVICTIONS}-0-category": "dui",
            f"{CONVICTIONS}-0-sentence_months": "0",
            f"{CONVICTIONS}-0-aggravated_felony": "no",
            "add": CONVICTIONS,
        }
    )
    r = admin_client.post(url(new_case), data)
    # Saved, and the step again with a blank row after the first entry.
    assert r.status_code == 302
    assert r["Location"].startswith(url(new_case) + "?add=" + CONVICTIONS)
    r = admin_client.get(r["Location"])
    formset = r.context["form"].formsets[CONVICTIONS]
    assert len(formset.forms) == 2
    assert formset.forms[0]["offense"].value() == "Driving under the influence"
    data = page_data(r)
    data.update(
        {
            f"{CONVICTIONS}-1-date": "2019",
            f"{CONVICTIONS}-1-category": "drug_possession",
            f"{CONVICTIONS}-1-sentence_months": "3",
            f"{CONVICTIONS}-1-post_conviction_relief": "vacated",
            "next": "",
        }
    )
    r = admin_client.post(url(new_case), data)
    assert r["Location"] == url(new_case, "rehabilitation")
    assert draft_data(new_case)["criminal_legal_history"]["convictions"] == [
        {
            "offense": "Driving under the influence",
            "date": "2014-05",
            "category": "dui",
            "aggravated_felony": False,
            "sentence_months": 0,
        },
        {
            "date": "2019",
            "category": "drug_possession",
            "sentence_months": 3,
            "post_conviction_relief": "vacated",
        },
    ]
    admin_client.post(f"/cases/{new_case.pk}/intake/review/")
    row = Case.objects.get(pk=new_case.pk)
    case = amparo.parse_case(store.read_text(row))
    facts = amparo.derive_facts(case)
    assert facts["conviction_count"] == (2, 2)
    assert facts["has_conviction_dui"] is True
    assert facts["has_vacated_or_expunged_conviction"] is True
    assert row.outcome == amparo.assess(case).outcome


def test_a_row_field_left_unknown_stays_unknown_not_no(admin_client, new_case) -> None:
    data = page_data(admin_client.get(url(new_case, "family")))
    data.update(
        {
            f"{MEMBERS}__known": "some",
            f"{MEMBERS}-0-relationship": "child",
            f"{MEMBERS}-0-in_us": "",  # unknown / not asked yet
            f"{MEMBERS}-0-depends_on_person": "no",
            f"{MEMBERS}-0-age": "",
        }
    )
    admin_client.post(url(new_case, "family"), data)
    (member,) = draft_data(new_case)["family"]["members"]
    assert member == {"relationship": "child", "depends_on_person": False}
    assert "in_us" not in member
    assert "age" not in member
    r = admin_client.get(url(new_case, "family"))
    row = r.context["form"].formsets[MEMBERS].forms[0]
    assert row["in_us"].value() == ""  # shown again as unknown, not as "no"
    assert row["depends_on_person"].value() == "no"


def test_entries_typed_under_unknown_answer_yes_and_blank_rows_are_ignored(
    admin_client, new_case
) -> None:
    data = page_data(admin_client.get(url(new_case, "family")))
    data.update({f"{MEMBERS}-0-relationship": "spouse", f"{MEMBERS}-0-status": "usc"})
    admin_client.post(url(new_case, "family"), data)
    assert draft_data(new_case)["family"]["members"] == [
        {"relationship": "spouse", "status": "usc"}
    ]
    # A blank row under "unknown" leaves the list unknown.
    other = with_history(new_case.organization, "")
    admin_client.post(
        url(other, "family"), page_data(admin_client.get(url(other, "family")))
    )
    assert "members" not in draft_data(other).get("family", {})


def test_none_with_an_entry_filled_in_is_an_error(admin_client, new_case) -> None:
    data = page_data(admin_client.get(url(new_case)))
    data.update({f"{CONVICTIONS}__known": "none", f"{CONVICTIONS}-0-category": "dui"})
    r = admin_client.post(url(new_case), data)
    assert r.status_code == 200
    assert r.context["form"].errors[f"{CONVICTIONS}__known"]
    assert "criminal_legal_history" not in draft_data(new_case)


def test_yes_without_any_entry_is_an_error_not_a_known_none(
    admin_client, new_case
) -> None:
    data = page_data(admin_client.get(url(new_case)))
    data[f"{CONVICTIONS}__known"] = "some"
    r = admin_client.post(url(new_case), data)
    assert r.status_code == 200
    assert r.context["form"].errors[f"{CONVICTIONS}__known"]
    assert "criminal_legal_history" not in draft_data(new_case)


HISTORY = """criminal_legal_history:
  convictions:
    - offense: Theft
      date: 2010-03
      jurisdiction: Fictional County
      category: property
      aggravated_felony: false
      gang_element: false
      sentence_months: 0
      age_at_offense: 17
      post_conviction_relief: sealed
      age_at_conviction: 18
    - offense: Trespass
      date: 2012
      category: other
"""


def test_existing_entries_survive_a_save_unchanged(admin_client, organization) -> None:
    from amparo.cases.load import case_to_data
    from amparo_web.cases import store

    case = with_history(organization, HISTORY)
    before = case_to_data(store.read_case(case))["criminal_legal_history"]
    r = admin_client.get(url(case))
    formset = r.context["form"].formsets[CONVICTIONS]
    assert len(formset.forms) == 2  # the entries, no blank row until asked for
    assert formset.forms[0]["aggravated_felony"].value() == "no"
    assert formset.forms[0]["sentence_months"].value() == 0
    r = admin_client.post(url(case), {**page_data(r), "stay": ""})
    assert r.status_code == 302
    assert draft_data(case)["criminal_legal_history"] == before


def test_fields_a_row_does_not_show_are_kept(
    admin_client, organization, monkeypatch
) -> None:
    from amparo_web.intake import views
    from amparo_web.intake.steps import step_named

    step = step_named("criminal_legal_history")
    assert step is not None
    # A row that shows no jurisdiction and no age (as for a field a row cannot ask).
    shown = tuple(
        dataclasses.replace(
            q,
            fields=tuple(
                f for f in q.fields if f.path not in ("jurisdiction", "age_at_offense")
            ),
        )
        for q in step.questions
    )
    monkeypatch.setattr(
        views, "step_named", lambda s: dataclasses.replace(step, questions=shown)
    )
    case = with_history(organization, HISTORY)
    r = admin_client.get(url(case))
    assert f"{CONVICTIONS}-0-jurisdiction" not in r.content.decode()
    data = page_data(r)
    data[f"{CONVICTIONS}-0-offense"] = "Petty theft"
    admin_client.post(url(case), data)
    first = draft_data(case)["criminal_legal_history"]["convictions"][0]
    assert first["offense"] == "Petty theft"
    assert first["jurisdiction"] == "Fictional County"
    assert first["age_at_offense"] == 17


def test_remove_drops_that_entry_and_keeps_the_others(
    admin_client, organization
) -> None:
    case = with_history(organization, HISTORY)
    data = page_data(admin_client.get(url(case)))
    data[f"{CONVICTIONS}-0-DELETE"] = "on"
    admin_client.post(url(case), data)
    assert draft_data(case)["criminal_legal_history"]["convictions"] == [
        {"offense": "Trespass", "date": "2012", "category": "other"}
    ]


def test_add_another_without_anything_typed_gives_two_blank_rows(
    admin_client, new_case
) -> None:
    data = page_data(admin_client.get(url(new_case)))
    r = admin_client.post(url(new_case), {**data, "add": CONVICTIONS})
    assert r.status_code == 302
    r = admin_client.get(r["Location"])
    assert len(r.context["form"].formsets[CONVICTIONS].forms) == 2
    assert "criminal_legal_history" not in draft_data(new_case)  # still unknown


def test_a_bad_date_in_row_2_names_row_2_and_saves_nothing(
    admin_client, organization
) -> None:
    case = with_history(organization, HISTORY)
    data = page_data(admin_client.get(url(case)))
    before = draft_data(case)["criminal_legal_history"]
    data[f"{CONVICTIONS}-0-offense"] = "Changed"
    data[f"{CONVICTIONS}-1-date"] = "June 2012"
    data["criminal_legal_history__arrests_without_conviction"] = "2"
    r = admin_client.post(url(case), data)
    assert r.status_code == 200
    form = r.context["form"]
    rows = form.formsets[CONVICTIONS].forms
    assert "date" in rows[1].errors
    assert not rows[0].errors
    summary = " ".join(form.errors[f"{CONVICTIONS}__known"])
    assert "Entry 2" in summary
    assert "Date" in summary
    page = r.content.decode()
    assert "Entry 2, Date:" in page
    assert 'value="June 2012"' in page  # the answer stays on the page to correct
    after = draft_data(case)["criminal_legal_history"]
    assert after == before  # nothing of the step saved, not even the valid answers
    assert after["convictions"][0]["offense"] == "Theft"
    assert "arrests_without_conviction" not in after


def test_a_negative_number_in_a_row_is_refused(admin_client, new_case) -> None:
    data = page_data(admin_client.get(url(new_case, "family")))
    data.update({f"{MEMBERS}__known": "some", f"{MEMBERS}-0-age": "-3"})
    r = admin_client.post(url(new_case, "family"), data)
    assert r.status_code == 200
    assert "age" in r.context["form"].formsets[MEMBERS].forms[0].errors


def test_rows_resume_from_the_draft_for_another_user(
    client, personas, new_case
) -> None:
    client.force_login(personas["paralegal"])
    data = page_data(client.get(url(new_case, "family")))
    data.update(
        {
            f"{MEMBERS}__known": "some",
            f"{MEMBERS}-0-relationship": "parent",
            f"{MEMBERS}-0-in_us": "yes",
        }
    )
    client.post(url(new_case, "family"), data)
    client.post("/accounts/logout/")
    client.force_login(personas["attorney"])
    r = client.get(url(new_case, "family"))
    row = r.context["form"].formsets[MEMBERS].forms[0]
    assert row["relationship"].value() == "parent"
    assert row["in_us"].value() == "yes"
    assert r.context["form"][f"{MEMBERS}__known"].value() == "some"


def test_every_row_input_is_labelled_with_its_entry_number(
    admin_client, organization
) -> None:
    import re

    case = with_history(organization, HISTORY)
    page = admin_client.get(url(case)).content.decode()
    inputs = re.findall(
        rf'<(?:input|select|textarea)[^>]*id="(id_{CONVICTIONS}-[01]-[a-z_0-9]+)"',
        page,
    )
    assert len(inputs) > 20
    for input_id in inputs:
        assert f'for="{input_id}"' in page, input_id
    assert "<legend>Entry 2" in page
    assert "Remove entry 2" in page


def test_rows_in_spanish(admin_client, organization) -> None:
    case = with_history(organization, HISTORY)
    admin_client.post("/i18n/setlang/", {"language": "es"})
    page = admin_client.get(url(case)).content.decode()
    assert "Registro 2" in page
    assert "Fecha:</label>" in page
    assert "posesión de drogas" in page  # the catalogue's own label
    assert "sellada" in page  # a value the catalogue does not label
    assert "Desconocido / aún no preguntado" in page
    assert "Guardar y añadir otro registro" in page


def test_a_case_model_problem_in_an_entry_is_shown_at_its_row_and_field(
    admin_client, organization, monkeypatch
) -> None:
    import amparo
    from amparo_web.intake import views

    def refuse(data, source):  # type: ignore[no-untyped-def]
        raise amparo.CaseValidationError(
            [
                amparo.Problem(
                    "jurisdiction is not one the office knows",
                    path="criminal_legal_history.convictions[0].jurisdiction",
                )
            ]
        )

    case = with_history(organization, HISTORY)
    data = page_data(admin_client.get(url(case)))
    data[f"{CONVICTIONS}-0-DELETE"] = "on"  # so the saved list's first entry is row 2
    data[f"{CONVICTIONS}-1-jurisdiction"] = "Fictional City"
    monkeypatch.setattr(views, "case_from_data", refuse)
    r = admin_client.post(url(case), data)
    assert r.status_code == 200
    form = r.context["form"]
    assert "jurisdiction" in form.formsets[CONVICTIONS].forms[1].errors
    summary = " ".join(form.errors[f"{CONVICTIONS}__known"])
    assert "Entry 2, Jurisdiction: jurisdiction is not one" in summary
