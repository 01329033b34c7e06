"""Admins manage their organization's members: list, invite, change role, (de)activate.

Members are never deleted: their audit trail points at them. Every change is audited.
"""

from __future__ import annotations

import secrets

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db import transaction
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp.plugins.otp_totp.models import TOTPDevice  # type: ignore[import-untyped]

from amparo_web.accounts.access import require_audit
from amparo_web.accounts.forms import InviteForm, MemberForm, RoleForm
from amparo_web.accounts.models import Membership
from amparo_web.accounts.rules import refusal
from amparo_web.audit.log import record


def one_time_password() -> str:
    return secrets.token_urlsafe(12)


def list_members(request: HttpRequest) -> HttpResponse:
    admin = require_audit(request)
    members = (
        Membership.objects.filter(organization=admin.organization)
        .select_related("user")
        .order_by("-user__is_active", "user__username")
    )
    return render(
        request,
        "accounts/members.html",
        {"members": members, "roles": Membership.Role.choices, "me": admin},
    )


@never_cache
@require_http_methods(["GET", "POST"])
def new_member(request: HttpRequest) -> HttpResponse:
    admin = require_audit(request)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        password = one_time_password()
        with transaction.atomic():
            user = get_user_model().objects.create_user(
                form.cleaned_data["username"], password=password
            )
            Membership.objects.create(
                user=user,
                organization=admin.organization,
                role=form.cleaned_data["role"],
                must_change_password=True,
            )
            record(
                admin,
                "member.invited",
                username=user.get_username(),
                role=form.cleaned_data["role"],
            )
        # Shown once, in this response only: never stored in plain text, never redirected.
        return render(
            request,
            "accounts/member_password.html",
            {"username": user.get_username(), "password": password},
        )
    return render(request, "accounts/member_new.html", {"form": form})


def _target(request: HttpRequest, admin: Membership, form: Form) -> Membership:
    return get_object_or_404(
        Membership.objects.select_related("user"),
        pk=form.cleaned_data["member"],
        organization=admin.organization,
    )


@require_http_methods(["GET", "POST"])
def change_role(request: HttpRequest) -> HttpResponse:
    admin = require_audit(request)
    form = RoleForm(request.POST or None)
    if request.method != "POST" or not form.is_valid():
        return redirect("accounts:members")
    with transaction.atomic():
        target = _target(request, admin, form)
        role, before = form.cleaned_data["role"], target.role
        problem = refusal(admin, target, role)
        if problem:
            messages.error(request, problem)
        elif role != before:
            target.role = role
            target.save(update_fields=["role"])
            record(
                admin,
                "member.role_changed",
                username=target.user.get_username(),
                before=before,
                after=role,
            )
            messages.success(request, _("Role changed."))
    return redirect("accounts:members")


@require_http_methods(["GET", "POST"])
def deactivate(request: HttpRequest) -> HttpResponse:
    return _set_active(request, active=False)


@require_http_methods(["GET", "POST"])
def activate(request: HttpRequest) -> HttpResponse:
    return _set_active(request, active=True)


def _set_active(request: HttpRequest, active: bool) -> HttpResponse:
    admin = require_audit(request)
    form = MemberForm(request.POST or None)
    if request.method != "POST" or not form.is_valid():
        return redirect("accounts:members")
    with transaction.atomic():
        target = _target(request, admin, form)
        problem = None if active else refusal(admin, target, None)
        if problem:
            messages.error(request, problem)
        elif target.user.is_active != active:
            target.user.is_active = active
            target.user.save(update_fields=["is_active"])
            action = "member.reactivated" if active else "member.deactivated"
            record(admin, action, username=target.user.get_username())
            messages.success(
                request,
                _("Member reactivated.") if active else _("Member deactivated."),
            )
    return redirect("accounts:members")


@never_cache
@require_http_methods(["GET", "POST"])
def reset_password(request: HttpRequest) -> HttpResponse:
    admin = require_audit(request)
    form = MemberForm(request.POST or None)
    if request.method != "POST" or not form.is_valid():
        return redirect("accounts:members")
    with transaction.atomic():
        target = _target(request, admin, form)
        password = one_time_password()
        target.user.set_password(password)
        target.user.save(update_fields=["password"])
        target.must_change_password = True
        target.save(update_fields=["must_change_password"])
        record(admin, "member.password_reset", username=target.user.get_username())
    return render(
        request,
        "accounts/member_password.html",
        {"username": target.user.get_username(), "password": password},
    )


@never_cache
@require_http_methods(["GET", "POST"])
def reset_two_factor(request: HttpRequest) -> HttpResponse:
    """For a member who lost their device: they enrol again at their next sign-in."""
    admin = require_audit(request)
    form = MemberForm(request.POST or None)
    if request.method != "POST" or not form.is_valid():
        return redirect("accounts:members")
    with transaction.atomic():
        target = _target(request, admin, form)
        if target.pk == admin.pk:
            messages.error(request, _("Ask another administrator to do this."))
            return redirect("accounts:members")
        TOTPDevice.objects.filter(user=target.user).delete()
        record(admin, "member.two_factor_reset", username=target.user.get_username())
    messages.success(request, _("Two-factor sign-in reset."))
    return redirect("accounts:members")
