"""Documents from the assessment page: the letter, the checklist and the summary."""

from __future__ import annotations

import io

import docx
import pytest
from pypdf import PdfReader
from tests.web.conftest import import_story


def _text_of_docx(body: bytes) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(body)).paragraphs)


def test_the_assessment_page_offers_the_three_documents(admin_client, edgar) -> None:
    page = admin_client.get(f"/cases/{edgar.pk}/").content.decode()
    for what in ("letter", "checklist", "summary"):
        assert f'action="/cases/{edgar.pk}/documents/{what}/"' in page
    assert 'value="deferred_action"' in page
    assert '<label for="letter-kind">' in page


def test_the_letter_downloads_as_docx_and_pdf_and_is_audited(
    admin_client, organization
) -> None:
    from amparo_web.audit.models import AuditEntry

    frank = import_story(organization, "frank")
    url = f"/cases/{frank.pk}/documents/letter/"
    r = admin_client.get(url, {"kind": "deferred_action", "lang": "en", "as": "docx"})
    assert r.status_code == 200
    assert r["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment;" in r["Content-Disposition"]
    assert "deferred_action-en.docx" in r["Content-Disposition"]
    text = _text_of_docx(r.content)
    assert "Frank" in text
    assert "[A-NUMBER]" in text  # unknown: a placeholder, never a made-up fact
    pdf = admin_client.get(url, {"kind": "dismissal", "lang": "es", "as": "pdf"})
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    extracted = "".join(
        p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages
    )
    assert "Frank" in extracted
    entries = AuditEntry.objects.filter(action="case.document", case_id=frank.pk)
    assert [e.detail["format"] for e in entries.order_by("pk")] == ["docx", "pdf"]
    assert entries.order_by("pk")[0].detail["kind"] == "deferred_action"


def test_the_checklist_and_the_summary_download(admin_client, edgar) -> None:
    checklist = admin_client.get(
        f"/cases/{edgar.pk}/documents/checklist/", {"lang": "en", "as": "txt"}
    )
    assert checklist.status_code == 200
    assert checklist["Content-Type"].startswith("text/plain")
    assert "Evidence checklist" in checklist.content.decode()
    summary = admin_client.get(
        f"/cases/{edgar.pk}/documents/summary/", {"lang": "es", "as": "docx"}
    )
    assert summary.status_code == 200
    assert _text_of_docx(summary.content).strip()


@pytest.mark.parametrize(
    ("what", "params"),
    [
        ("letter", {"as": "docx"}),  # no form of discretion chosen
        ("letter", {"kind": "amnesty", "as": "docx"}),
        ("checklist", {"as": "exe"}),
        ("checklist", {"lang": "fr"}),
        ("memo", {}),
    ],
)
def test_a_bad_request_goes_back_to_the_case_with_a_message(
    admin_client, edgar, what: str, params: dict[str, str]
) -> None:
    from amparo_web.audit.models import AuditEntry

    r = admin_client.get(f"/cases/{edgar.pk}/documents/{what}/", params, follow=True)
    assert r.redirect_chain[-1][0] == f"/cases/{edgar.pk}/"
    assert [m.message for m in r.context["messages"]]
    assert not AuditEntry.objects.filter(action="case.document").exists()


def test_a_request_the_case_contradicts_is_refused_with_the_reason(
    admin_client, organization
) -> None:
    # Release from detention for someone the record shows is not detained.
    from tests.web.helpers import add_case, doc

    row = add_case(
        organization,
        doc("T-REL", "Fictional Client") + "custody:\n  detained: false\n",
    )
    r = admin_client.get(
        f"/cases/{row.pk}/documents/letter/",
        {"kind": "release", "as": "docx"},
        follow=True,
    )
    assert r.redirect_chain[-1][0] == f"/cases/{row.pk}/"
    assert any("detain" in m.message.lower() for m in r.context["messages"])


def test_a_downloaded_letter_refers_to_no_other_host(admin_client, edgar) -> None:
    import zipfile

    r = admin_client.get(
        f"/cases/{edgar.pk}/documents/letter/", {"kind": "dismissal", "as": "docx"}
    )
    with zipfile.ZipFile(io.BytesIO(r.content)) as package:
        for name in package.namelist():
            if name.endswith(".rels"):
                assert b'TargetMode="External"' not in package.read(name), name
