from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.paginator import Paginator
from django.db.models import Max, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import get_language

from amparo_web.accounts.access import membership
from amparo_web.accounts.models import Organization
from amparo_web.cases import memo, store
from amparo_web.cases.forms import CaseFilterForm
from amparo_web.cases.models import Case
from amparo_web.cases.outcomes import outcome_label
from amparo_web.lib.crypto import search_token

PAGE_SIZE = 50


def list_cases(request: HttpRequest) -> HttpResponse:
    """A page of the organization's cases, made once per state of its cases (see
    ``memo``: the latest ``updated_at`` and the count name that state), language
    and query string; the pseudonyms on it are decrypted only then."""
    member = membership(request)
    organization = member.organization
    cases = Case.objects.filter(organization=organization)
    # Two queries, each answered from an index alone (together, SQLite scans).
    latest = cases.aggregate(latest=Max("updated_at"))["latest"]
    count = cases.count()
    query = tuple(sorted((k, tuple(v)) for k, v in request.GET.lists()))
    context = memo.cached(
        memo.list_key(organization.pk, latest, count, get_language(), query),
        lambda: _page(request, cases, organization, latest, count),
    )
    return render(request, "cases/list.html", context)


def _page(
    request: HttpRequest,
    cases: QuerySet[Case],
    organization: Organization,
    latest: datetime | None,
    count: int,
) -> dict[str, Any]:
    outcomes, offices = _choices(cases, organization.pk, latest, count)
    form = CaseFilterForm(
        request.GET or None,
        outcomes=[(o, outcome_label(o)) for o in outcomes],
        offices=offices,
    )
    filtered = False
    if form.is_valid():
        narrowed = _filtered(cases, form.cleaned_data, organization.key_id)
        filtered = narrowed is not cases
        cases = narrowed
    # The documents stay out of the query: the list decrypts only the pseudonyms.
    listed = cases.select_related("organization").defer("document")
    paginator = Paginator(listed, PAGE_SIZE)
    if not filtered:
        paginator.count = count  # known already: no third count
    page = paginator.get_page(request.GET.get("page"))
    shown = list(page)
    rows = [
        {"case": case, "pseudonym": pseudonym, "outcome": outcome_label(case.outcome)}
        for case, pseudonym in zip(shown, store.read_pseudonyms(shown), strict=True)
    ]
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "rows": rows, "query": query.urlencode()}
    # Nothing of the request's user or session goes into it: the filters are a GET form.
    context["list_html"] = render_to_string("cases/_list.html", context)
    return context


def _filtered(
    cases: QuerySet[Case], data: dict[str, object], key_id: object
) -> QuerySet[Case]:
    q = str(data.get("q") or "").strip()
    if q:
        cases = cases.filter(
            Q(reference__icontains=q) | Q(pseudonym_token=search_token(key_id, q))  # type: ignore[arg-type]
        )
    if data.get("outcome"):
        cases = cases.filter(outcome=data["outcome"])
    if data.get("office"):
        cases = cases.filter(office=data["office"])
    if data.get("hearing_from"):
        cases = cases.filter(next_hearing__gte=data["hearing_from"])
    if data.get("hearing_to"):
        cases = cases.filter(next_hearing__lte=data["hearing_to"])
    if data.get("hearing_from") or data.get("hearing_to"):
        cases = cases.order_by("next_hearing", "id")
    return cases


def _choices(
    cases: QuerySet[Case], org_id: int, latest: datetime | None, count: int
) -> tuple[list[str], list[str]]:
    """The filters' outcomes and offices, remembered until a case is added, changed or deleted."""
    found = memo.cached(
        ("filter choices", org_id, latest, count),
        lambda: {
            "outcomes": _distinct(cases, "outcome"),
            "offices": _distinct(cases, "office"),
        },
    )
    return found["outcomes"], found["offices"]


def _distinct(cases: QuerySet[Case], field: str) -> list[str]:
    values = cases.exclude(**{field: ""}).order_by(field).values_list(field, flat=True)
    return list(values.distinct())
