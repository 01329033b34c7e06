"""Who may do what: every view asks here, never checks roles itself."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

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
