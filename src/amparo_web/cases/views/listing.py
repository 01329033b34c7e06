from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Max, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from amparo_web.accounts.access import membership
from amparo_web.cases import memo, store
from amparo_web.cases.forms import CaseFilterForm
from amparo_web.cases.models import Case
from amparo_web.cases.outcomes import outcome_label
from amparo_web.lib.crypto import search_token

PAGE_SIZE = 50


def list_cases(request: HttpRequest) -> HttpResponse:
    member = membership(request)
    cases = Case.objects.filter(organization=member.organization)
    outcomes, offices = _choices(cases, member.organization_id)
    form = CaseFilterForm(
        request.GET or None,
        outcomes=[(o, outcome_label(o)) for o in outcomes],
        offices=offices,
    )
    if form.is_valid():
        cases = _filtered(cases, form.cleaned_data, member.organization.key_id)
    # The documents stay out of the query: the list decrypts only the pseudonyms.
    listed = cases.select_related("organization").defer("document")
    page = Paginator(listed, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [
        {
            "case": case,
            "pseudonym": store.read_pseudonym(case),
            "outcome": outcome_label(case.outcome),
        }
        for case in page
    ]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "cases/list.html",
        {"form": form, "page": page, "rows": rows, "query": query.urlencode()},
    )


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


def _choices(cases: QuerySet[Case], org_id: int) -> tuple[list[str], list[str]]:
    """The filters' outcomes and offices, remembered until a case is added, changed or deleted."""
    # Two queries, each answered from an index alone (together, SQLite scans).
    latest = cases.aggregate(latest=Max("updated_at"))["latest"]
    found = memo.cached(
        ("filter choices", org_id, latest, cases.count()),
        lambda: {
            "outcomes": _distinct(cases, "outcome"),
            "offices": _distinct(cases, "office"),
        },
    )
    return found["outcomes"], found["offices"]


def _distinct(cases: QuerySet[Case], field: str) -> list[str]:
    values = cases.exclude(**{field: ""}).order_by(field).values_list(field, flat=True)
    return list(values.distinct())
