from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from amparo_web.accounts.access import require_audit
from amparo_web.audit.models import AuditEntry


def show_log(request: HttpRequest) -> HttpResponse:
    member = require_audit(request)
    entries = AuditEntry.objects.filter(
        organization=member.organization
    ).select_related("actor")
    page = Paginator(entries, 100).get_page(request.GET.get("page"))
    return render(request, "audit/log.html", {"page": page})
