"""Sign-in rate limit: too many failures for a username, or from an address, lock it a while.

A lock starts when the last ``AMPARO_LOGIN_MAX_FAILURES`` failures of a username fell within
``AMPARO_LOGIN_WINDOW_MINUTES``, and lasts ``AMPARO_LOGIN_LOCK_MINUTES`` from the last
one. An address has a higher limit (``AMPARO_LOGIN_MAX_FAILURES_PER_IP``), since a
whole office often shares one. Attempts during a lock are refused without checking the
password and are not counted, so a lock ends on time. A successful sign-in clears the
username's failures.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from amparo_web.accounts.models import LoginFailure


def client_ip(request: HttpRequest) -> str | None:
    # REMOTE_ADDR only: X-Forwarded-For is set by whoever sends the request.
    return request.META.get("REMOTE_ADDR") or None


def _lock_end(failures: QuerySet[LoginFailure], limit: int) -> datetime | None:
    window = timedelta(minutes=settings.AMPARO_LOGIN_WINDOW_MINUTES)
    lock = timedelta(minutes=settings.AMPARO_LOGIN_LOCK_MINUTES)
    now = timezone.now()
    since = now - lock - window
    last = list(
        failures.filter(at__gte=since)
        .order_by("-at")
        .values_list("at", flat=True)[:limit]
    )
    if len(last) < limit or last[0] - last[-1] > window:
        return None
    end = last[0] + lock
    return end if end > now else None


def locked_until(username: str, ip: str | None) -> datetime | None:
    """When the lock on this username or address ends; None when there is none."""
    ends = [
        _lock_end(
            LoginFailure.objects.filter(username=username),
            settings.AMPARO_LOGIN_MAX_FAILURES,
        )
    ]
    if ip:
        ends.append(
            _lock_end(
                LoginFailure.objects.filter(ip=ip),
                settings.AMPARO_LOGIN_MAX_FAILURES_PER_IP,
            )
        )
    found = [end for end in ends if end is not None]
    return max(found) if found else None


def fail(username: str, ip: str | None) -> None:
    now = timezone.now()
    LoginFailure.objects.create(username=username, ip=ip, at=now)
    # Old rows tell nothing any more.
    keep = timedelta(
        minutes=settings.AMPARO_LOGIN_WINDOW_MINUTES
        + settings.AMPARO_LOGIN_LOCK_MINUTES
    )
    LoginFailure.objects.filter(at__lt=now - 2 * keep).delete()


def succeed(username: str) -> None:
    LoginFailure.objects.filter(username=username).delete()
