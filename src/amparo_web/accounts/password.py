"""Every user changes their own password here; a one-time password must be changed first."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.forms import PasswordChangeForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from amparo_web.accounts.access import membership
from amparo_web.accounts.models import Membership
from amparo_web.audit.log import record


@never_cache
@require_http_methods(["GET", "POST"])
def change_password(request: HttpRequest) -> HttpResponse:
    member = membership(request)
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        update_session_auth_hash(request, user)
        if member.must_change_password:
            member.must_change_password = False
            member.save(update_fields=["must_change_password"])
        record(member, "member.password_changed")
        messages.success(request, _("Your password has been changed."))
        return redirect("cases:list")
    return render(request, "accounts/password.html", {"form": form})


class OneTimePasswordMiddleware:
    """Sends a user holding a one-time password to the password page first."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        found = getattr(request.user, "membership", None)
        if isinstance(found, Membership) and found.must_change_password:
            allowed = (
                reverse("accounts:password"),
                reverse("accounts:two_factor"),
                reverse("accounts:two_factor_verify"),
                reverse("accounts:logout"),
                reverse("set_language"),
            )
            if request.path not in allowed:
                return redirect("accounts:password")
        return self.get_response(request)
