"""Who may read the reports: administrators (supervisors) and attorneys.

The reports hold no name, A-number or narrative, but they do describe the whole
organization's work with each office; paralegals and viewers work case by case
and see their cases' requests there.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from amparo_web.accounts.access import membership
from amparo_web.accounts.models import Membership

READERS = (Membership.Role.ADMIN, Membership.Role.ATTORNEY)


def require_reports(request: HttpRequest) -> Membership:
    member = membership(request)
    if member.role not in READERS:
        raise PermissionDenied
    return member
