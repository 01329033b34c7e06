"""The reports: figures on a small fixture of requests, the de-identified export, access."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from tests.web.conftest import import_story

TODAY = dt.date(2026, 6, 1)
D = dt.date


def _request(case, office, kind, sent_on, history=(), state=None, tags=()):  # type: ignore[no-untyped-def]
    """A request sent on ``sent_on`` that then went through ``history`` [(state, date)]."""
    from amparo_web.requests_app.models import PDRequest, StateChange

    steps = [("sent", sent_on), *history] if sent_on else []
    row = PDRequest.objects.create(
        case=case,
        kind=kind,
        office=office,
        channel="email",
        sent_on=sent_on,
        state=state or (steps[-1][0] if steps else "drafted"),
    )
    StateChange.objects.create(request=row, state="drafted", on=sent_on or TODAY)
    for name, on in steps:
        StateChange.objects.create(
            request=row,
            state=name,
            on=on,
            tags=list(tags) if name == "denied" else [],
        )
    return row


@pytest.fixture
def fixture(organization, edgar):  # type: ignore[no-untyped-def]
    from amparo_web.requests_app.models import Office

    maria = import_story(organization, "maria")
    a = Office.objects.create(
        organization=organization, name="OPLA Alpha", kind="opla", follow_up_days=30
    )
    b = Office.objects.create(
        organization=organization, name="ERO Beta", kind="ero", follow_up_days=60
    )
    _request(
        edgar,
        a,
        "dismissal",
        D(2026, 1, 1),
        [("denied", D(2026, 1, 11))],
        tags=["recent_entry"],
    )
    _request(
        maria,
        a,
        "dismissal",
        D(2026, 1, 5),
        [("acknowledged", D(2026, 1, 10)), ("granted", D(2026, 1, 25))],
    )
    _request(edgar, a, "continuance", D(2026, 2, 1))  # unanswered, overdue
    _request(
        maria,
        a,
        "continuance",
        D(2026, 2, 10),
        [("denied", D(2026, 3, 12))],
        tags=["recent_entry", "prior_removal_orders"],
    )
    _request(edgar, b, "release", D(2026, 3, 1), [("no_response", D(2026, 5, 1))])
    _request(maria, b, "release", D(2026, 5, 20))  # unanswered, within 60 days
    _request(edgar, b, "release", None)  # a draft: left out
    return {"edgar": edgar, "maria": maria, "a": a, "b": b}


def _csv(response) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return list(csv.reader(io.StringIO(response.content.decode())))


def _value(rows: list[list[str]], section: str, group: str, measure: str) -> str:
    return next(r[3] for r in rows if r[:3] == [section, group, measure])


def test_counts_medians_and_shares(organization, fixture) -> None:
    from amparo_web.reports.stats import Filters, build

    report = build(organization, Filters(), TODAY)
    assert report.total == 6
    assert report.by_office["OPLA Alpha"] == {"denied": 2, "granted": 1, "sent": 1}
    assert report.by_office["ERO Beta"] == {"no_response": 1, "sent": 1}
    assert report.by_kind["dismissal"] == {"denied": 1, "granted": 1}
    assert sorted(report.days) == [10, 20, 30]
    assert report.median_days == 20
    assert report.p90_days == 30
    assert report.unanswered == 3
    assert report.overdue == 2
    assert report.unanswered_share == 0.5
    assert report.denied == 2
    assert report.tags == {"recent_entry": 2, "prior_removal_orders": 1}
    assert report.denied_cases == 2
    assert report.assessed_cases == 2
    # Edgar's assessment holds these (see tests of the core); counted once per case.
    assert report.categories["family_and_community"] >= 1
    assert report.factors["family_in_us"] >= 1
    assert max(report.factors.values()) <= 2


def test_the_90th_percentile_is_the_nearest_rank() -> None:
    from amparo_web.reports.stats import Report

    assert Report(days=list(range(1, 11))).p90_days == 9
    assert Report(days=[5]).p90_days == 5
    assert Report().median_days is None


def test_filters_by_date_sent_and_office(admin_client, fixture) -> None:
    from amparo_web.reports.stats import Filters, build

    b = fixture["b"]
    org = b.organization
    assert build(org, Filters(office=b), TODAY).total == 2
    assert build(org, Filters(D(2026, 2, 1), D(2026, 2, 28)), TODAY).total == 2
    rows = _csv(admin_client.get(f"/reports/export.csv?office={b.pk}"))
    assert _value(rows, "total", "", "requests_sent") == "<5"
    assert _value(rows, "filters", "", "office") == "ERO Beta"
    page = admin_client.get(
        "/reports/?start=2026-01-01&end=2026-01-31"
    ).content.decode()
    assert '<th scope="row">Requests sent</th><td>2</td>' in page
    bad = admin_client.get("/reports/?start=2026-03-01&end=2026-01-01")
    assert bad.status_code == 200
    assert "The first date is after the second." in bad.content.decode()


def test_small_counts_are_suppressed_in_the_export(admin_client, fixture) -> None:
    rows = _csv(admin_client.get("/reports/export.csv"))
    assert _value(rows, "total", "", "requests_sent") == "6"
    assert _value(rows, "denials", "", "denied") == "<5"
    assert _value(rows, "outcome_by_office", "OPLA Alpha", "granted") == "<5"
    assert _value(rows, "outcome_by_office", "OPLA Alpha", "no_response") == "0"
    # Three answers are too few for a time to answer.
    assert _value(rows, "time_to_answer", "", "answered") == "<5"
    assert _value(rows, "time_to_answer", "", "median_days") == ""
    values = [r[3] for r in rows[1:] if r[0] not in ("filters", "total")]
    assert all(v in ("", "0", "<5") for v in values)


def test_times_to_answer_are_exported_from_five_answers(
    admin_client, organization, edgar
) -> None:
    from amparo_web.requests_app.models import Office

    office = Office.objects.create(organization=organization, name="O", kind="opla")
    for days in (4, 8, 12, 16, 40):
        sent = D(2026, 1, 1)
        _request(
            edgar, office, "dismissal", sent, [("granted", sent + dt.timedelta(days))]
        )
    rows = _csv(admin_client.get("/reports/export.csv"))
    assert _value(rows, "time_to_answer", "", "answered") == "5"
    assert _value(rows, "time_to_answer", "", "median_days") == "12"
    assert _value(rows, "time_to_answer", "", "p90_days") == "40"
    assert _value(rows, "outcome_by_kind", "dismissal", "granted") == "5"


def test_neither_the_export_nor_the_page_names_anyone(admin_client, fixture) -> None:
    from amparo_web.cases import store

    export = admin_client.get("/reports/export.csv")
    assert export["Content-Type"].startswith("text/csv")
    assert "attachment" in export["Content-Disposition"]
    text = export.content.decode()
    page = admin_client.get("/reports/").content.decode()
    for case in (fixture["edgar"], fixture["maria"]):
        document = store.read_case(case)
        secrets = [case.reference, store.read_pseudonym(case)]
        if document.narrative:
            secrets.append(str(document.narrative)[:40])
        for secret in filter(None, secrets):
            assert secret not in text
            assert secret not in page


def test_each_organization_sees_only_its_own_requests(
    client, personas, fixture
) -> None:
    client.force_login(personas["outsider"])
    rows = _csv(client.get("/reports/export.csv"))
    assert _value(rows, "total", "", "requests_sent") == "0"
    page = client.get("/reports/").content.decode()
    assert "OPLA Alpha" not in page
    svg = client.get("/reports/chart.svg?chart=office").content.decode()
    assert "OPLA Alpha" not in svg
    # Another organization's office is not a choice of the filter.
    r = client.get(f"/reports/export.csv?office={fixture['a'].pk}")
    assert _value(_csv(r), "filters", "", "office") == ""


@pytest.mark.parametrize(
    ("persona", "status"),
    [("admin", 200), ("attorney", 200), ("paralegal", 403), ("viewer", 403)],
)
def test_administrators_and_attorneys_read_the_reports(
    client, personas, fixture, persona: str, status: int
) -> None:
    client.force_login(personas[persona])
    for url in ("/reports/", "/reports/chart.svg", "/reports/export.csv"):
        assert client.get(url).status_code == status
    assert ('href="/reports/"' in client.get("/cases/").content.decode()) == (
        status == 200
    )


@pytest.mark.parametrize("chart", ["office", "kind", "tags", "factors", "unknown"])
def test_the_charts_are_svg_without_inline_style(
    admin_client, fixture, chart: str
) -> None:
    r = admin_client.get(f"/reports/chart.svg?chart={chart}&start=2026-01-01")
    assert r.status_code == 200
    assert r["Content-Type"] == "image/svg+xml"
    body = r.content.decode()
    assert "<svg" in body
    assert "style=" not in body
    assert "<style" not in body


def test_the_page_shows_its_charts_from_this_origin(admin_client, fixture) -> None:
    page = admin_client.get("/reports/?office=" + str(fixture["a"].pk)).content.decode()
    assert f'src="/reports/chart.svg?chart=office&amp;office={fixture["a"].pk}"' in page
    assert "data:" not in page
    assert "<5" in page or "&lt;5" in page


def test_every_view_is_audited(admin_client, organization, fixture) -> None:
    from amparo_web.audit.models import AuditEntry

    admin_client.get("/reports/?start=2026-01-01")
    admin_client.get("/reports/chart.svg?chart=kind")
    admin_client.get("/reports/export.csv")
    entries = list(AuditEntry.objects.filter(organization=organization).order_by("id"))
    actions = [e.action for e in entries]
    assert actions[-3:] == ["reports.viewed", "reports.chart", "reports.exported"]
    assert entries[-3].detail["start"] == "2026-01-01"
    assert entries[-1].detail["requests"] == 6
