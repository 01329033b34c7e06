"""Two-factor sign-in with a time-based code (TOTP, django-otp).

Admins and attorneys must use it: after the password they enrol, or give a code,
before anything else. Paralegals and viewers may enrol from the Two-factor page;
once they have, they give a code at every sign-in too. ``AMPARO_REQUIRE_2FA=0``
turns the requirement off (tests and local demos only).
"""

from __future__ import annotations

from base64 import b32encode
from collections.abc import Callable
from functools import lru_cache
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login  # type: ignore[import-untyped]
from django_otp.plugins.otp_totp.models import TOTPDevice  # type: ignore[import-untyped]

from amparo_web.accounts.access import membership
from amparo_web.accounts.models import Membership
from amparo_web.audit.log import record

REQUIRED_ROLES = (Membership.Role.ADMIN, Membership.Role.ATTORNEY)


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code from your authenticator app"),
        max_length=8,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}
        ),
    )


def required(member: Membership) -> bool:
    return bool(settings.AMPARO_REQUIRE_2FA) and member.role in REQUIRED_ROLES


def confirmed_device(user: AbstractBaseUser) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse(settings.LOGIN_REDIRECT_URL)


def _verified(request: HttpRequest) -> bool:
    is_verified = getattr(request.user, "is_verified", None)
    return bool(is_verified and is_verified())


@never_cache
@require_http_methods(["GET", "POST"])
def manage(request: HttpRequest) -> HttpResponse:
    """Enrol a device, or see (and, where optional, turn off) the one you have."""
    member = membership(request)
    device = confirmed_device(request.user)  # type: ignore[arg-type]
    if device is not None:
        if request.method == "POST" and not required(member):
            form = CodeForm(request.POST)
            if form.is_valid() and device.verify_token(form.cleaned_data["code"]):
                TOTPDevice.objects.filter(user=request.user).delete()
                record(member, "two_factor.removed")
                messages.success(request, _("Two-factor sign-in is off."))
                return redirect("accounts:two_factor")
            form.add_error("code", _("That code is not right. Please try again."))
        else:
            form = CodeForm()
        return render(
            request,
            "accounts/two_factor.html",
            {"device": device, "form": form, "required": required(member)},
        )
    # A new, unconfirmed device holds the secret until a code proves the app has it.
    pending = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if pending is None:
        pending = TOTPDevice.objects.create(
            user=request.user, name="authenticator", confirmed=False
        )
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if pending.verify_token(form.cleaned_data["code"]):
            pending.confirmed = True
            pending.save(update_fields=["confirmed"])
            otp_login(request, pending)
            record(member, "two_factor.enrolled")
            messages.success(request, _("Two-factor sign-in is on."))
            return redirect(_next(request))
        record(member, "two_factor.failed")
        form.add_error("code", _("That code is not right. Please try again."))
    return render(
        request,
        "accounts/two_factor.html",
        {
            "form": form,
            "required": required(member),
            "secret": b32encode(pending.bin_key).decode(),
            "uri": pending.config_url,
            "next": request.GET.get("next", ""),
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    """The code step after the password, for whoever has a device."""
    member = membership(request)
    device = confirmed_device(request.user)  # type: ignore[arg-type]
    if device is None:
        return redirect("accounts:two_factor")
    if _verified(request):
        return redirect(_next(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            otp_login(request, device)
            record(member, "two_factor.verified")
            return redirect(_next(request))
        record(member, "two_factor.failed")
        form.add_error("code", _("That code is not right. Please try again."))
    return render(
        request,
        "accounts/two_factor_verify.html",
        {"form": form, "next": request.GET.get("next", "")},
    )


class TwoFactorMiddleware:
    """Sends a signed-in user who owes a code, or an enrolment, there first."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        found = getattr(request.user, "membership", None)
        if (
            settings.AMPARO_REQUIRE_2FA
            and isinstance(found, Membership)
            and not _verified(request)
            and request.path not in self.allowed()
        ):
            target = None
            # Loaded with the membership (accounts/access.py), else asked here.
            has_device = getattr(found, "has_device", None)
            if has_device is None:
                has_device = confirmed_device(request.user) is not None  # type: ignore[arg-type]
            if has_device:
                target = reverse("accounts:two_factor_verify")
            elif required(found):
                target = reverse("accounts:two_factor")
            if target is not None:
                if request.method == "GET":
                    target += "?" + urlencode({"next": request.get_full_path()})
                return redirect(target)
        return self.get_response(request)

    @staticmethod
    def allowed() -> tuple[str, ...]:
        return _allowed(get_script_prefix(), get_urlconf())


@lru_cache(maxsize=16)
def _allowed(script_prefix: str, urlconf: Any) -> tuple[str, ...]:
    """The pages a user who owes a code may see (reversed once: they depend only on
    the script prefix and the URLconf, which ``reverse`` reads)."""
    return (
        reverse("accounts:two_factor"),
        reverse("accounts:two_factor_verify"),
        reverse("accounts:logout"),
        reverse("set_language"),
    )
