"""Import and export of case documents; an import with errors saves nothing and shows them all."""

from __future__ import annotations

import json

import pytest
import yaml
from django.core.files.uploadedfile import SimpleUploadedFile
from tests.web.conftest import STORIES
from tests.web.helpers import doc

BROKEN = """format: 1
id: T-BAD
person:
  pseudonym: Fictional Client
  birth_date: 19xx
presence:
  current_status: sorta_legal
family:
  primary_caregiver: maybe
"""


def test_it_imports_a_story_from_a_file(admin_client, organization) -> None:
    from amparo_web.audit.models import AuditEntry
    from amparo_web.cases.models import Case

    upload = SimpleUploadedFile("edgar.yaml", (STORIES / "edgar.yaml").read_bytes())
    r = admin_client.post("/cases/import/", {"upload": upload})
    case = Case.objects.get(organization=organization)
    assert r.status_code == 302
    assert r["Location"] == f"/cases/{case.pk}/"
    assert case.reference == "STORY-EDGAR"
    assert case.outcome == "presumptive_protection"
    assert AuditEntry.objects.filter(action="case.imported", case_id=case.pk).exists()


def test_an_import_with_errors_shows_every_problem_by_field_and_line(
    admin_client,
) -> None:
    from amparo_web.cases.models import Case

    r = admin_client.post("/cases/import/", {"text": BROKEN})
    assert r.status_code == 200
    problems = {(p.path, p.line) for p in r.context["problems"]}
    assert problems == {
        ("person.birth_date", 5),
        ("presence.current_status", 7),
        ("family.primary_caregiver", 9),
    }
    page = r.content.decode()
    assert "3 problems — nothing was saved" in page
    assert "presence.current_status" in page
    assert not Case.objects.exists()


def test_a_json_document_imports_too(admin_client) -> None:
    from amparo_web.cases.models import Case

    data = yaml.safe_load(doc("T-JSON", "Fictional Client"))
    data["assessed_on"] = "2021-06-28"
    r = admin_client.post("/cases/import/", {"text": json.dumps(data)})
    assert r.status_code == 302
    assert Case.objects.get().reference == "T-JSON"


def test_a_second_import_of_the_same_reference_is_refused(admin_client, edgar) -> None:
    from amparo_web.cases.models import Case

    r = admin_client.post(
        "/cases/import/", {"text": (STORIES / "edgar.yaml").read_text()}
    )
    assert [p.path for p in r.context["problems"]] == ["id"]
    assert Case.objects.count() == 1


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_export_gives_back_the_document(admin_client, edgar, fmt) -> None:
    import amparo
    from amparo_web.audit.models import AuditEntry

    r = admin_client.get(f"/cases/{edgar.pk}/export/", {"as": fmt})
    assert r.status_code == 200
    assert r["Content-Disposition"] == f'attachment; filename="STORY-EDGAR.{fmt}"'
    exported = amparo.parse_case(r.content.decode(), f"x.{fmt}")
    assert exported == amparo.load_case(str(STORIES / "edgar.yaml"))
    assert AuditEntry.objects.get(action="case.exported").detail == {"format": fmt}


def test_editing_with_errors_keeps_the_case_as_it_was(admin_client, edgar) -> None:
    from amparo_web.cases import store
    from amparo_web.cases.models import Case

    before = store.read_text(edgar)
    r = admin_client.post(
        f"/cases/{edgar.pk}/edit/", {"text": BROKEN.replace("T-BAD", "STORY-EDGAR")}
    )
    assert len(r.context["problems"]) == 3
    assert store.read_text(Case.objects.get(pk=edgar.pk)) == before


def test_editing_saves_and_audits(admin_client, edgar) -> None:
    from amparo_web.audit.models import AuditEntry
    from amparo_web.cases import store
    from amparo_web.cases.models import Case

    text = doc("STORY-EDGAR", "Edgar", "Test Court North")
    r = admin_client.post(f"/cases/{edgar.pk}/edit/", {"text": text})
    assert r.status_code == 302
    row = Case.objects.get(pk=edgar.pk)
    assert store.read_text(row) == text
    assert row.office == "Test Court North"
    assert AuditEntry.objects.filter(action="case.changed", case_id=edgar.pk).exists()


def test_new_case_starts_the_intake(admin_client, organization) -> None:
    from amparo_web.cases import store
    from amparo_web.cases.models import Case

    r = admin_client.post(
        "/cases/new/", {"reference": "T-NEW", "pseudonym": "Fictional Client"}
    )
    row = Case.objects.get(reference="T-NEW")
    assert r["Location"] == f"/cases/{row.pk}/intake/"
    assert store.read_pseudonym(row) == "Fictional Client"


def test_deleting_a_case_removes_it_and_keeps_the_audit_entry(
    admin_client, edgar
) -> None:
    from amparo_web.audit.models import AuditEntry
    from amparo_web.cases.models import Case

    r = admin_client.post(f"/cases/{edgar.pk}/delete/")
    assert r.status_code == 302
    assert not Case.objects.exists()
    entry = AuditEntry.objects.get(action="case.deleted")
    assert (entry.case_id, entry.case_reference) == (edgar.pk, "STORY-EDGAR")
