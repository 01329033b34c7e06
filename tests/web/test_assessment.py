"""The assessment page: the result with its reasons and sources, the comparison and its flags."""

from __future__ import annotations

from tests.web.conftest import import_story
from tests.web.helpers import add_case, doc


def test_it_shows_the_protection_first_result_with_reasons_and_sources(
    admin_client, edgar
) -> None:
    r = admin_client.get(f"/cases/{edgar.pk}/")
    page = r.content.decode()
    assert r.status_code == 200
    assert "Presumptive protection" in page
    assert "Protection-First Framework" in page  # a citation of the letter
    assert r.context["result"]["outcome"] == "presumptive_protection"
    assert any(c["value"] is True for c in r.context["categories"])


def test_it_lists_what_is_not_weighed_and_the_comparison_flags(
    admin_client, organization
) -> None:
    carlos = import_story(organization, "carlos")
    r = admin_client.get(f"/cases/{carlos.pk}/")
    assert r.context["result"]["not_weighed"]
    assert [f["kind"] for f in r.context["comparison"]["flags"]] == [
        "priority_only_on_not_weighed"
    ]
    page = r.content.decode()
    assert "Present in the record, not weighed" in page
    assert r.context["comparison"]["flags"][0]["text"][:40] in page


def test_an_undecided_case_lists_the_questions_that_would_settle_it(
    admin_client, organization
) -> None:
    row = add_case(organization, doc("T-Q", "Fictional Client"))
    r = admin_client.get(f"/cases/{row.pk}/")
    assert r.context["result"]["outcome"] == "needs_information"
    assert r.context["result"]["questions"]
    assert "Questions that could change the outcome" in r.content.decode()


def test_viewing_a_case_is_audited(admin_client, personas, edgar) -> None:
    from amparo_web.audit.models import AuditEntry

    admin_client.get(f"/cases/{edgar.pk}/")
    entry = AuditEntry.objects.get(action="case.viewed")
    assert (entry.actor, entry.case_id) == (personas["admin"], edgar.pk)


def test_the_page_is_in_spanish_when_spanish_is_chosen(admin_client, edgar) -> None:
    admin_client.post("/i18n/setlang/", {"language": "es", "next": "/cases/"})
    r = admin_client.get(f"/cases/{edgar.pk}/")
    assert r.context["result"]["outcome_label"] != "Presumptive protection"
    assert r["Content-Language"] == "es"


def test_the_evidence_checklist_shows_what_is_on_hand_and_missing(
    admin_client, organization
) -> None:
    text = doc("T-EV", "Fictional Client") + (
        "humanitarian:\n  fear_of_return: true\n"
        "family:\n  primary_caregiver: true\n"
        "evidence:\n  - {description: Declaration of fear, supports: [fear_of_return]}\n"
    )
    row = add_case(organization, text)
    r = admin_client.get(f"/cases/{row.pk}/")
    checklist = r.context["checklist"]
    on_hand = [item for item in checklist if item["on_hand"]]
    assert [item["on_hand"] for item in on_hand] == [["Declaration of fear"]]
    assert any(
        not item["on_hand"] for item in checklist
    )  # the caregiver's proof is missing
    assert all(item["proves"] for item in checklist)
    assert "Evidence checklist" in r.content.decode()
