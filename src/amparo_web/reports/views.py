"""The reports page, its charts (SVG from this origin) and its de-identified CSV."""

from __future__ import annotations

import csv
import io
from collections import Counter
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo_web.audit.log import record
from amparo_web.reports import charts, labels
from amparo_web.reports.access import require_reports
from amparo_web.reports.forms import FilterForm
from amparo_web.reports.stats import (
    OUTCOMES,
    THRESHOLD,
    Filters,
    Report,
    build,
    suppress,
)

CHARTS = ("office", "kind", "tags", "factors")


def _filters(request: HttpRequest) -> tuple[FilterForm, Filters]:
    member = require_reports(request)
    form = FilterForm(member.organization, request.GET or None)
    return form, form.filters()


def _detail(filters: Filters) -> dict[str, Any]:
    return {
        "start": filters.start.isoformat() if filters.start else "",
        "end": filters.end.isoformat() if filters.end else "",
        "office": filters.office.pk if filters.office else None,
    }


def _rows(
    groups: dict[str, Counter[str]], names: dict[str, str]
) -> list[tuple[str, list[int], int]]:
    out = []
    for key in sorted(groups, key=lambda k: names.get(k, k)):
        counts = groups[key]
        values = [counts[s] for s in OUTCOMES]
        out.append((names.get(key, key), values, sum(values)))
    return out


def _ranked(counter: dict[str, int], names: dict[str, str]) -> list[tuple[str, int]]:
    return [
        (names.get(k, k), n)
        for k, n in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
        if n
    ]


def report_page(request: HttpRequest) -> HttpResponse:
    member = require_reports(request)
    form, filters = _filters(request)
    report = build(member.organization, filters, timezone.localdate())
    record(member, "reports.viewed", **_detail(filters), requests=report.total)
    states = labels.states()
    query = request.GET.urlencode()
    return render(
        request,
        "reports/index.html",
        {
            "form": form,
            "report": report,
            "threshold": THRESHOLD,
            "outcomes": [states[s] for s in OUTCOMES],
            "by_office": _rows(report.by_office, {}),
            "by_kind": _rows(report.by_kind, labels.kinds()),
            "tags": _ranked(report.tags, labels.tags()),
            "categories": _ranked(report.categories, labels.categories()),
            "factors": _ranked(report.factors, labels.factors()),
            "query": query,
            "charts": CHARTS,
        },
    )


def chart(request: HttpRequest) -> HttpResponse:
    """``?chart=office|kind|tags|factors`` and the page's filters: an SVG image."""
    member = require_reports(request)
    _form, filters = _filters(request)
    which = request.GET.get("chart", "office")
    if which not in CHARTS:
        which = "office"
    report = build(
        member.organization, filters, timezone.localdate(), assess=which == "factors"
    )
    record(member, "reports.chart", chart=which, **_detail(filters))
    empty = _("No request matches.")
    if which == "office":
        svg = charts.stacked_bars(
            report.by_office, OUTCOMES, labels.states(), _("Outcomes by office"), empty
        )
    elif which == "kind":
        kinds = labels.kinds()
        groups = {kinds.get(k, k): v for k, v in report.by_kind.items()}
        svg = charts.stacked_bars(
            groups, OUTCOMES, labels.states(), _("Outcomes by kind of request"), empty
        )
    elif which == "tags":
        svg = charts.bars(
            dict(_ranked(report.tags, labels.tags())),
            _("Denials resting on not-weighed facts"),
            empty,
            "#c62828",
        )
    else:
        svg = charts.bars(
            dict(_ranked(report.factors, labels.factors())),
            _("Protective factors among denied requests (cases)"),
            empty,
            "#2e7d32",
        )
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Cache-Control"] = "private, no-store"
    return response


def export_csv(request: HttpRequest) -> HttpResponse:
    """Aggregates only: no case, name, A-number or narrative; 1–4 shown as "<5"."""
    member = require_reports(request)
    _form, filters = _filters(request)
    report = build(member.organization, filters, timezone.localdate())
    record(member, "reports.exported", **_detail(filters), requests=report.total)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="amparo-report.csv"'
    response["Cache-Control"] = "private, no-store"
    response.write(rows_csv(report, filters))
    return response


def rows_csv(report: Report, filters: Filters) -> str:
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(["section", "group", "measure", "value"])
    w.writerow(["filters", "", "sent_from", filters.start or ""])
    w.writerow(["filters", "", "sent_until", filters.end or ""])
    w.writerow(["filters", "", "office", filters.office.name if filters.office else ""])
    w.writerow(["filters", "", "suppressed_below", THRESHOLD])
    w.writerow(["total", "", "requests_sent", suppress(report.total)])
    for section, groups in (
        ("outcome_by_office", report.by_office),
        ("outcome_by_kind", report.by_kind),
    ):
        for group in sorted(groups):
            for state in OUTCOMES:
                w.writerow([section, group, state, suppress(groups[group][state])])
    enough = report.answered >= THRESHOLD
    w.writerow(["time_to_answer", "", "answered", suppress(report.answered)])
    w.writerow(
        ["time_to_answer", "", "median_days", report.median_days if enough else ""]
    )
    w.writerow(["time_to_answer", "", "p90_days", report.p90_days if enough else ""])
    w.writerow(["unanswered", "", "unanswered", suppress(report.unanswered)])
    w.writerow(["unanswered", "", "overdue", suppress(report.overdue)])
    w.writerow(["denials", "", "denied", suppress(report.denied)])
    for tag, n in sorted(report.tags.items()):
        w.writerow(["denials_not_weighed", tag, "requests", suppress(n)])
    w.writerow(["denied_cases", "", "cases", suppress(report.denied_cases)])
    w.writerow(["denied_cases", "", "assessed", suppress(report.assessed_cases)])
    for category, n in sorted(report.categories.items()):
        w.writerow(["protective_category_held", category, "cases", suppress(n)])
    for factor, n in sorted(report.factors.items()):
        w.writerow(["protective_factor_held", factor, "cases", suppress(n)])
    return out.getvalue()
