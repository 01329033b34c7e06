"""Who may do what: every view asks here, never checks roles itself."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpRequest, HttpResponse
from django_otp.plugins.otp_totp.models import TOTPDevice  # type: ignore[import-untyped]

from amparo_web.accounts.models import Membership


def membership(request: HttpRequest) -> Membership:
    """The signed-in user's membership; a user with none may see nothing."""
    found = getattr(request.user, "membership", None)
    if not isinstance(found, Membership):
        raise PermissionDenied
    return found


def require_edit(request: HttpRequest) -> Membership:
    member = membership(request)
    if not member.can_edit:
        raise PermissionDenied
    return member


def require_delete(request: HttpRequest) -> Membership:
    member = membership(request)
    if not member.can_delete:
        raise PermissionDenied
    return member


def require_audit(request: HttpRequest) -> Membership:
    member = membership(request)
    if not member.can_audit:
        raise PermissionDenied
    return member


class MembershipMiddleware:
    """Loads the signed-in user's membership, its organization and whether the user
    has a confirmed two-factor device (``has_device``) in one query: every page
    needs them, and three queries a request cost more than the page's own."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated:
            # A user has one membership at most (a one-to-one field).
            found = list(_memberships().filter(user_id=user.pk))
            if found:
                user.membership = found[0]
        return self.get_response(request)


@cache
def _memberships() -> QuerySet[Membership]:
    """The memberships with their organization and ``has_device``, built (joins and
    subquery resolved) once per process: building it cost three times the query.
    Never evaluated itself: each request filters a copy of it."""
    devices = TOTPDevice.objects.filter(user=OuterRef("user"), confirmed=True)
    return Membership.objects.select_related("organization").annotate(
        has_device=Exists(devices)
    )
