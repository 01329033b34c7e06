"""The organization's directory of offices: everyone reads it, administrators edit it."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from amparo_web.accounts.access import membership
from amparo_web.audit.log import record
from amparo_web.requests_app.access import office_of, require_admin
from amparo_web.requests_app.forms import OfficeForm
from amparo_web.requests_app.models import Office


def list_offices(request: HttpRequest) -> HttpResponse:
    member = membership(request)
    offices = Office.objects.filter(organization=member.organization)
    record(member, "offices.viewed")
    return render(request, "pdrequests/offices.html", {"offices": offices})


def save_office(request: HttpRequest) -> HttpResponse:
    """``?office=<id>`` edits that office; without it, a new one."""
    member = require_admin(request)
    given = request.POST.get("office") or request.GET.get("office")
    office = (
        office_of(member, given) if given else Office(organization=member.organization)
    )
    form = OfficeForm(
        request.POST or None, instance=office, organization=member.organization
    )
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        record(member, "office.saved", office=saved.pk, name=saved.name)
        messages.success(
            request, _("Saved the office %(name)s.") % {"name": saved.name}
        )
        return redirect("pdrequests:offices")
    return render(request, "pdrequests/office.html", {"form": form, "office": office})
