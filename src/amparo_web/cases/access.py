"""The one way a view gets a case: only its own organization's, or 404."""

from __future__ import annotations

from django.http import Http404, HttpRequest

from amparo_web.accounts.access import membership, require_delete, require_edit
from amparo_web.accounts.models import Membership
from amparo_web.cases.models import Case


def case_for(
    request: HttpRequest, pk: int, *, write: bool = False
) -> tuple[Membership, Case]:
    member = membership(request)
    try:
        # Another organization's case does not exist, as far as this user can tell.
        case = Case.objects.get(pk=pk, organization_id=member.organization_id)
    except Case.DoesNotExist:
        raise Http404 from None
    # Its organization is the member's, loaded with the membership: no join for it.
    case.organization = member.organization
    if write:
        require_edit(request)
    return member, case


def case_to_delete(request: HttpRequest, pk: int) -> tuple[Membership, Case]:
    member, case = case_for(request, pk)
    require_delete(request)
    return member, case
