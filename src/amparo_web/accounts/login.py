"""Sign-in with a rate limit; every failure and every locked attempt is audited."""

from __future__ import annotations

import hashlib
import logging
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo_web.accounts import throttle
from amparo_web.accounts.models import Membership
from amparo_web.audit.log import record

logger = logging.getLogger("amparo.login")
LOGIN_AT = "amparo_login_at"
SEEN_AT = "amparo_seen_at"


def _member(username: str) -> Membership | None:
    user = get_user_model().objects.filter(username=username).first()
    found = getattr(user, "membership", None) if user is not None else None
    return found if isinstance(found, Membership) else None


def _note(username: str, ip: str | None, action: str) -> None:
    member = _member(username)
    if member is not None:
        record(member, action, ip=ip or "")
    else:
        # No organization to file it under; the log line names no one (a mistyped
        # username can be a password) and never carries the password.
        digest = hashlib.sha256(username.encode()).hexdigest()[:12]
        logger.warning(
            "%s for an unknown username (sha256 %s) from %s", action, digest, ip
        )


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"

    def post(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponse:
        username = str(request.POST.get("username", ""))[:150]
        ip = throttle.client_ip(request)
        until = throttle.locked_until(username, ip)
        if until is not None:
            _note(username, ip, "login.locked")
            minutes = max(1, round((until - timezone.now()).total_seconds() / 60))
            context = self.get_context_data(
                form=AuthenticationForm(request),
                locked=_(
                    "Too many failed attempts. Please wait %(minutes)d minutes "
                    "before you try again."
                )
                % {"minutes": minutes},
            )
            return self.render_to_response(context, status=429)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form: AuthenticationForm) -> HttpResponse:
        username = str(self.request.POST.get("username", ""))[:150]
        ip = throttle.client_ip(self.request)
        throttle.fail(username, ip)
        _note(username, ip, "login.failed")
        return super().form_invalid(form)

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        throttle.succeed(form.get_user().get_username())
        response = super().form_valid(form)
        now = timezone.now().timestamp()
        self.request.session[LOGIN_AT] = now
        self.request.session[SEEN_AT] = now
        return response
