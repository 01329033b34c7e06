"""PD requests: creating them, their states, overdue follow-ups, the digest and the letter."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

TODAY = timezone.localdate()


def _office(org, name: str = "OPLA Test Field Location", days: int = 30):  # type: ignore[no-untyped-def]
    from amparo_web.requests_app.models import Office

    return Office.objects.create(
        organization=org, name=name, kind="opla", follow_up_days=days
    )


def _request(case, office, *, sent_on: dt.date | None = None, state: str = "drafted"):  # type: ignore[no-untyped-def]
    from amparo_web.requests_app.models import PDRequest

    return PDRequest.objects.create(
        case=case,
        kind="dismissal",
        office=office,
        channel="email",
        sent_on=sent_on,
        state=state,
    )


def _actions(org) -> list[str]:  # type: ignore[no-untyped-def]
    from amparo_web.audit.models import AuditEntry

    return list(
        AuditEntry.objects.filter(organization=org)
        .order_by("id")
        .values_list("action", flat=True)
    )


def _docx_text(body: bytes) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(body)).paragraphs)


# ------------------------------------------------------------------ creating


def test_a_request_is_drafted_with_its_first_history_row_and_audited(
    admin_client, organization, edgar
) -> None:
    from amparo_web.requests_app.models import PDRequest

    office = _office(organization)
    r = admin_client.post(
        f"/cases/{edgar.pk}/requests/new/",
        {"kind": "deferred_action", "office": office.pk, "channel": "online_form"},
    )
    assert r.status_code == 302
    row = PDRequest.objects.get(case=edgar)
    assert (row.kind, row.state, row.channel) == (
        "deferred_action",
        "drafted",
        "online_form",
    )
    assert [h.state for h in row.history.all()] == ["drafted"]
    assert "request.created" in _actions(organization)
    page = admin_client.get(f"/cases/{edgar.pk}/requests/").content.decode()
    assert "OPLA Test Field Location" in page
    assert "requests.viewed" in _actions(organization)


def test_an_unknown_kind_or_another_organizations_office_is_refused(
    admin_client, organization, other_organization, edgar
) -> None:
    from amparo_web.requests_app.models import PDRequest

    theirs = _office(other_organization, "Their office")
    ours = _office(organization)
    url = f"/cases/{edgar.pk}/requests/new/"
    admin_client.post(
        url, {"kind": "dismissal", "office": theirs.pk, "channel": "mail"}
    )
    admin_client.post(url, {"kind": "pardon", "office": ours.pk, "channel": "mail"})
    assert not PDRequest.objects.exists()


def test_without_offices_the_new_request_page_explains_the_empty_directory(
    admin_client, edgar
) -> None:
    page = admin_client.get(f"/cases/{edgar.pk}/requests/new/").content.decode()
    assert "The directory of offices is empty" in page
    assert "/requests/offices/" in page


def test_the_case_page_links_to_its_requests(admin_client, edgar) -> None:
    page = admin_client.get(f"/cases/{edgar.pk}/").content.decode()
    assert f'href="/cases/{edgar.pk}/requests/"' in page


# ------------------------------------------------------------------ states


@pytest.mark.parametrize(
    ("path", "allowed"),
    [
        (["sent", "acknowledged", "granted"], True),
        (["sent", "partly_granted"], True),
        (["sent", "no_response", "denied"], True),
        (["sent", "acknowledged", "no_response", "granted"], True),
        (["acknowledged"], False),
        (["granted"], False),
        (["sent", "drafted"], False),
        (["sent", "granted", "denied"], False),
        (["sent", "sent"], False),
    ],
)
def test_the_state_machine(organization, edgar, path: list[str], allowed: bool) -> None:
    from amparo_web.requests_app import changes
    from amparo_web.requests_app.states import TransitionError

    row = _request(edgar, _office(organization))
    changes.start(row, None)
    *ok, last = path
    for state in ok:
        changes.move(row, state, TODAY, None)
    if allowed:
        changes.move(row, last, TODAY, None)
        assert row.state == last
    else:
        with pytest.raises(TransitionError):
            changes.move(row, last, TODAY, None)
    assert [h.state for h in row.history.all()] == [
        "drafted",
        *path[: len(path) - (not allowed)],
    ]


def test_sending_records_the_date_and_an_invalid_change_is_refused_with_a_message(
    admin_client, organization, edgar
) -> None:
    row = _request(edgar, _office(organization))
    url = f"/cases/{edgar.pk}/requests/state/"
    sent = (TODAY - dt.timedelta(days=3)).isoformat()
    r = admin_client.post(
        url, {"request": row.pk, f"r{row.pk}-state": "sent", f"r{row.pk}-on": sent}
    )
    assert r.status_code == 302
    row.refresh_from_db()
    assert (row.state, row.sent_on) == ("sent", TODAY - dt.timedelta(days=3))
    r = admin_client.post(
        url,
        {"request": row.pk, f"r{row.pk}-state": "drafted", f"r{row.pk}-on": sent},
        follow=True,
    )
    assert "cannot become" in r.content.decode()
    row.refresh_from_db()
    assert row.state == "sent"
    assert _actions(organization).count("request.state") == 1


def test_a_denial_keeps_its_reasons_encrypted_and_its_tags(
    admin_client, organization, edgar
) -> None:
    from amparo_web.audit.models import AuditEntry
    from amparo_web.requests_app.models import StateChange

    row = _request(edgar, _office(organization), sent_on=TODAY, state="sent")
    reasons = "Denied: the entry was recent (secret words)"
    admin_client.post(
        f"/cases/{edgar.pk}/requests/state/",
        {
            "request": row.pk,
            f"r{row.pk}-state": "denied",
            f"r{row.pk}-on": TODAY.isoformat(),
            f"r{row.pk}-reasons": reasons,
            f"r{row.pk}-tags": ["recent_entry", "prior_removal_orders"],
        },
    )
    change = StateChange.objects.get(request=row, state="denied")
    assert change.tags == ["recent_entry", "prior_removal_orders"]
    assert b"secret words" not in bytes(change.reasons)
    assert all("secret" not in str(e.detail) for e in AuditEntry.objects.all())
    page = admin_client.get(f"/cases/{edgar.pk}/requests/").content.decode()
    assert "secret words" in page
    assert "Prior removal orders" in page


def test_a_file_sent_is_kept_as_its_hash_name_and_size(
    admin_client, organization, edgar
) -> None:
    import hashlib

    from django.core.files.uploadedfile import SimpleUploadedFile

    from amparo_web.requests_app.models import SentFile

    row = _request(edgar, _office(organization))
    url = f"/cases/{edgar.pk}/requests/files/"
    body = b"%PDF-1.4 the signed request"
    upload = SimpleUploadedFile("request.pdf", body, content_type="application/pdf")
    admin_client.post(url, {"request": row.pk, f"f{row.pk}-upload": upload})
    admin_client.post(url, {"request": row.pk, f"f{row.pk}-generate": "letter"})
    uploaded, generated = SentFile.objects.filter(request=row).order_by("id")
    assert (uploaded.name, uploaded.size) == ("request.pdf", len(body))
    assert uploaded.sha256 == hashlib.sha256(body).hexdigest()
    assert generated.generated
    assert generated.name.endswith("-letter-dismissal-en.docx")
    assert len(generated.sha256) == 64
    assert _actions(organization).count("request.file") == 2


# ------------------------------------------------------------------ overdue


@pytest.mark.parametrize(
    ("days_ago", "state", "expected"),
    [
        (30, "sent", None),  # exactly the interval: not yet
        (31, "sent", 1),  # one day past
        (45, "acknowledged", 15),
        (45, "no_response", 15),
        (45, "granted", None),
        (45, "denied", None),
    ],
)
def test_overdue_at_the_boundaries(
    organization, edgar, days_ago: int, state: str, expected: int | None
) -> None:
    from amparo_web.requests_app.queries import overdue_requests

    _request(
        edgar,
        _office(organization, days=30),
        sent_on=TODAY - dt.timedelta(days=days_ago),
        state=state,
    )
    late = overdue_requests(organization, TODAY)
    assert [o.days_overdue for o in late] == ([] if expected is None else [expected])


def test_each_office_has_its_own_interval(organization, edgar) -> None:
    from amparo_web.requests_app.queries import overdue_requests

    sent = TODAY - dt.timedelta(days=20)
    _request(edgar, _office(organization, "Fast", days=14), sent_on=sent, state="sent")
    _request(edgar, _office(organization, "Slow", days=60), sent_on=sent, state="sent")
    late = overdue_requests(organization, TODAY)
    assert [(o.request.office.name, o.days_overdue) for o in late] == [("Fast", 6)]


def test_the_dashboard_shows_only_this_organizations_overdue_requests(
    client, personas, organization, other_organization, edgar
) -> None:
    from tests.web.conftest import import_story

    theirs = import_story(other_organization, "frank")
    old = TODAY - dt.timedelta(days=40)
    _request(edgar, _office(organization), sent_on=old, state="sent")
    _request(theirs, _office(other_organization, "Theirs"), sent_on=old, state="sent")
    client.force_login(personas["viewer"])
    page = client.get("/requests/overdue/").content.decode()
    assert edgar.reference in page
    assert theirs.reference not in page
    assert "<td>10</td>" in page
    assert "followups.viewed" in _actions(organization)


# ------------------------------------------------------------------ digest


def test_the_digest_prints_each_organizations_overdue_requests(
    organization, other_organization, edgar, capsys
) -> None:
    from io import StringIO

    _request(edgar, _office(organization), sent_on=dt.date(2026, 1, 1), state="sent")
    out = StringIO()
    call_command("digest", "--date", "2026-02-15", stdout=out)
    text = out.getvalue()
    assert "Overdue follow-ups for Test legal-aid office on 2026-02-15: 1" in text
    assert (
        f"- {edgar.reference}: dismissal to OPLA Test Field Location, sent 2026-01-01, 15 days overdue"
        in text
    )
    assert "Overdue follow-ups for Another office on 2026-02-15: 0" in text
    assert mail.outbox == []  # nothing is sent anywhere by default


def test_the_digest_mails_only_through_the_organizations_own_server(
    organization, edgar, monkeypatch
) -> None:
    from django.core.mail.backends.locmem import EmailBackend

    from amparo_web.lib import crypto
    from amparo_web.requests_app import digest
    from amparo_web.requests_app.models import DigestMail

    used: dict[str, object] = {}

    def connection(backend: str, **options: object) -> EmailBackend:
        used.update(options, backend=backend)
        return EmailBackend()

    monkeypatch.setattr(digest, "get_connection", connection)
    key = crypto.organization_key(organization.key_id)
    DigestMail.objects.create(
        organization=organization,
        host="smtp.office.invalid",
        username="amparo",
        password=crypto.encrypt(key, b"s3cret", digest.SMTP_PASSWORD),
        sender="amparo@office.invalid",
        recipients="team@office.invalid\n",
    )
    _request(edgar, _office(organization), sent_on=dt.date(2026, 1, 1), state="sent")
    out = io.StringIO()
    call_command("digest", "--date", "2026-02-15", stdout=out)
    assert used["host"] == "smtp.office.invalid"
    assert used["password"] == "s3cret"
    assert used["backend"] == "django.core.mail.backends.smtp.EmailBackend"
    (message,) = mail.outbox
    assert message.to == ["team@office.invalid"]
    assert "15 days overdue" in message.body
    assert "e-mailed" in out.getvalue()
    out = io.StringIO()
    call_command("digest", "--date", "2026-02-15", "--print", stdout=out)
    assert len(mail.outbox) == 1
    assert "15 days overdue" in out.getvalue()


def test_the_digest_rejects_a_bad_date() -> None:
    with pytest.raises(CommandError):
        call_command("digest", "--date", "yesterday")


# ------------------------------------------------------------------ letter


def test_the_follow_up_letter_names_the_original_request(
    admin_client, organization, edgar
) -> None:
    from amparo_web.requests_app import changes

    row = _request(
        edgar, _office(organization), sent_on=dt.date(2026, 1, 5), state="sent"
    )
    changes.attach(row, "request.pdf", b"original", generated=False)
    r = admin_client.get(
        f"/cases/{edgar.pk}/requests/follow-up-letter/",
        {"request": row.pk, "lang": "en"},
    )
    assert r.status_code == 200
    assert r["Content-Type"].startswith("application/vnd.openxmlformats")
    text = _docx_text(r.content)
    assert "Jan. 5, 2026" in text
    assert "OPLA Test Field Location" in text
    assert "Re: our request of Jan. 5, 2026: Dismiss removal proceedings" in text
    assert "decide the request" in text
    assert "request.pdf" in text
    assert "request.follow_up_letter" in _actions(organization)


def test_the_follow_up_letter_of_another_cases_request_is_not_found(
    admin_client, organization, edgar
) -> None:
    from tests.web.conftest import import_story

    frank = import_story(organization, "frank")
    row = _request(frank, _office(organization), sent_on=TODAY, state="sent")
    r = admin_client.get(
        f"/cases/{edgar.pk}/requests/follow-up-letter/", {"request": row.pk}
    )
    assert r.status_code == 404


# ------------------------------------------------------------------ isolation and roles


def test_another_organization_sees_none_of_it(
    client, personas, organization, edgar
) -> None:
    office = _office(organization)
    row = _request(edgar, office, sent_on=TODAY, state="sent")
    client.force_login(personas["outsider"])
    base = f"/cases/{edgar.pk}/requests/"
    assert client.get(base).status_code == 404
    assert (
        client.get(f"{base}follow-up-letter/", {"request": row.pk}).status_code == 404
    )
    assert (
        client.post(
            f"{base}state/", {"request": row.pk, f"r{row.pk}-state": "granted"}
        ).status_code
        == 404
    )
    assert (
        client.get("/requests/offices/edit/", {"office": office.pk}).status_code == 404
    )
    assert (
        "OPLA Test Field Location"
        not in client.get("/requests/offices/").content.decode()
    )
    row.refresh_from_db()
    assert row.state == "sent"


def test_a_viewer_reads_but_changes_nothing(
    client, personas, organization, edgar
) -> None:
    office = _office(organization)
    row = _request(edgar, office, sent_on=TODAY, state="sent")
    client.force_login(personas["viewer"])
    base = f"/cases/{edgar.pk}/requests/"
    page = client.get(base).content.decode()
    assert "OPLA Test Field Location" in page
    assert "Record the change" not in page
    on = TODAY.isoformat()
    assert (
        client.post(
            f"{base}state/",
            {"request": row.pk, f"r{row.pk}-state": "granted", f"r{row.pk}-on": on},
        ).status_code
        == 403
    )
    assert (
        client.post(
            f"{base}files/", {"request": row.pk, f"f{row.pk}-generate": "letter"}
        ).status_code
        == 403
    )
    assert (
        client.post(
            f"{base}new/", {"kind": "dismissal", "office": office.pk, "channel": "mail"}
        ).status_code
        == 403
    )
    assert (
        client.get(f"{base}follow-up-letter/", {"request": row.pk}).status_code == 200
    )
    row.refresh_from_db()
    assert row.state == "sent"
    assert not row.files.exists()


@pytest.mark.parametrize("persona", ["attorney", "paralegal", "viewer"])
def test_only_administrators_edit_the_office_directory(
    client, personas, organization, persona: str
) -> None:
    office = _office(organization)
    client.force_login(personas[persona])
    r = client.post(
        "/requests/offices/edit/",
        {"office": office.pk, "name": "X", "kind": "ero", "follow_up_days": 5},
    )
    assert r.status_code == 403
    office.refresh_from_db()
    assert office.name == "OPLA Test Field Location"


def test_an_administrator_adds_and_edits_offices_with_their_intervals(
    admin_client, organization
) -> None:
    from amparo_web.requests_app.models import Office

    page = admin_client.get("/requests/offices/").content.decode()
    assert "No office yet" in page
    admin_client.post(
        "/requests/offices/edit/",
        {"name": "ERO Test", "kind": "ero", "follow_up_days": 21},
    )
    office = Office.objects.get(organization=organization)
    assert (office.name, office.follow_up_days) == ("ERO Test", 21)
    admin_client.post(
        "/requests/offices/edit/",
        {"office": office.pk, "name": "ERO Test", "kind": "ero", "follow_up_days": 45},
    )
    office.refresh_from_db()
    assert office.follow_up_days == 45
    r = admin_client.post(
        "/requests/offices/edit/",
        {"name": "ERO Test", "kind": "ero", "follow_up_days": 10},
    )
    assert "already has an office of that name" in r.content.decode()
    r = admin_client.post(
        "/requests/offices/edit/", {"name": "Other", "kind": "ero", "follow_up_days": 0}
    )
    assert Office.objects.count() == 1
    assert _actions(organization).count("office.saved") == 2


def test_an_administrator_sets_the_digest_server_and_the_password_stays_encrypted(
    admin_client, organization
) -> None:
    from amparo_web.audit.models import AuditEntry
    from amparo_web.lib import crypto
    from amparo_web.requests_app.digest import SMTP_PASSWORD
    from amparo_web.requests_app.models import DigestMail

    page = admin_client.get("/requests/digest-mail/").content.decode()
    assert "Now printed only." in page
    form = {
        "host": "smtp.office.invalid",
        "port": 587,
        "username": "amparo",
        "use_tls": "on",
        "sender": "amparo@office.invalid",
        "recipients": "team@office.invalid\nlead@office.invalid",
        "new_password": "hunter2-long",
    }
    admin_client.post("/requests/digest-mail/", form)
    saved = DigestMail.objects.get(organization=organization)
    assert b"hunter2" not in bytes(saved.password)
    key = crypto.organization_key(organization.key_id)
    assert crypto.decrypt(key, bytes(saved.password), SMTP_PASSWORD) == b"hunter2-long"
    admin_client.post(
        "/requests/digest-mail/", {**form, "new_password": "", "port": 465}
    )
    saved.refresh_from_db()
    assert saved.port == 465
    assert crypto.decrypt(key, bytes(saved.password), SMTP_PASSWORD) == b"hunter2-long"
    assert all("hunter2" not in str(e.detail) for e in AuditEntry.objects.all())
    bad = admin_client.post(
        "/requests/digest-mail/", {**form, "recipients": "not an address"}
    )
    assert bad.status_code == 200
    admin_client.post("/requests/digest-mail/", {"stop": "1"})
    assert not DigestMail.objects.exists()
    actions = _actions(organization)
    assert actions.count("digest_mail.saved") == 2
    assert actions.count("digest_mail.removed") == 1
