"""Sessions end after ``AMPARO_SESSION_IDLE_MINUTES`` without a request, and
``SESSION_COOKIE_AGE`` seconds after sign-in however busy they are."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from amparo_web.accounts.login import LOGIN_AT, SEEN_AT

# The last-seen time is written at most this often, not on every request.
RESOLUTION = 60


class SessionTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = time.time()
            session = request.session
            seen = session.get(SEEN_AT, now)
            started = session.get(LOGIN_AT, now)
            idle = settings.AMPARO_SESSION_IDLE_MINUTES * 60
            if now - seen > idle or now - started > settings.SESSION_COOKIE_AGE:
                logout(request)
                messages.info(
                    request, _("Your session has expired. Please log in again.")
                )
                return redirect_to_login(request.get_full_path())
            if LOGIN_AT not in session:
                session[LOGIN_AT] = now
            if SEEN_AT not in session or now - seen >= RESOLUTION:
                session[SEEN_AT] = now
        return self.get_response(request)
