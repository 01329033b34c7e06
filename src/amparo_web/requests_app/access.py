"""Requests and offices of the signed-in user's organization only, or 404."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from amparo_web.accounts.access import membership
from amparo_web.accounts.models import Membership
from amparo_web.cases.models import Case
from amparo_web.requests_app.models import Office, PDRequest


def request_of(case: Case, pk: object) -> PDRequest:
    try:
        return PDRequest.objects.select_related("office", "case__organization").get(
            pk=int(str(pk)), case=case
        )
    except (ValueError, PDRequest.DoesNotExist):
        raise Http404 from None


def require_admin(request: HttpRequest) -> Membership:
    """The office directory is the organization's: its administrators edit it."""
    member = membership(request)
    if member.role != Membership.Role.ADMIN:
        raise PermissionDenied
    return member


def office_of(member: Membership, pk: object) -> Office:
    try:
        return Office.objects.get(pk=int(str(pk)), organization=member.organization)
    except (ValueError, Office.DoesNotExist):
        raise Http404 from None
