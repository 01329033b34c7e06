"""Overdue follow-ups across the organization, and the follow-up letter of one request."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from amparo.documents import request_kinds
from amparo_web.accounts.access import membership
from amparo_web.audit.log import record
from amparo_web.cases.access import case_for
from amparo_web.cases.outcomes import language
from amparo_web.requests_app.access import request_of
from amparo_web.requests_app.letters import follow_up_letter as make_letter
from amparo_web.requests_app.queries import overdue_requests

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def list_overdue(request: HttpRequest) -> HttpResponse:
    member = membership(request)
    late = overdue_requests(member.organization, timezone.localdate())
    record(member, "followups.viewed", count=len(late))
    kinds = dict(request_kinds(language()))
    rows = [(o, kinds.get(o.request.kind, o.request.kind)) for o in late]
    return render(request, "pdrequests/overdue.html", {"rows": rows})


def follow_up_letter(request: HttpRequest, pk: int) -> HttpResponse:
    """``?request=<id>``, ``lang=en|es``: the DOCX; without a request, the case's list."""
    member, case = case_for(request, pk)
    if not request.GET.get("request"):
        return redirect("pdrequests:list", pk=case.pk)
    row = request_of(case, request.GET["request"])
    lang = request.GET.get("lang") or language()
    lang = lang if lang in ("en", "es") else "en"
    body = make_letter(row, timezone.localdate(), lang)
    record(member, "request.follow_up_letter", case, request=row.pk, lang=lang)
    response = HttpResponse(body, content_type=DOCX)
    reference = "".join(c if c.isalnum() or c in "-_" else "_" for c in case.reference)
    name = f"{reference}-follow-up-{row.pk}-{lang}.docx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
