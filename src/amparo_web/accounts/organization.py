"""The organization's settings, for its administrators: for now, how long closed
cases are kept (``Organization.retention_days``; see ``amparo_web.cases.deletion``)."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from amparo_web.accounts.access import require_audit
from amparo_web.accounts.forms import RetentionForm
from amparo_web.accounts.models import Organization
from amparo_web.audit.log import record


@require_http_methods(["GET", "POST"])
def settings(request: HttpRequest) -> HttpResponse:
    admin = require_audit(request)
    organization = admin.organization
    form = RetentionForm(
        request.POST or None,
        initial={"retention_days": organization.retention_days},
    )
    if request.method == "POST" and form.is_valid():
        days, before = form.cleaned_data["retention_days"], organization.retention_days
        if days != before:
            with transaction.atomic():
                Organization.objects.filter(pk=organization.pk).update(
                    retention_days=days
                )
                organization.retention_days = days
                record(
                    admin, "organization.retention_changed", before=before, after=days
                )
            messages.success(request, _("Retention period saved."))
        return redirect("accounts:organization")
    return render(
        request,
        "accounts/organization.html",
        {"form": form, "organization": organization},
    )
