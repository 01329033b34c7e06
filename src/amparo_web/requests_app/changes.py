"""Moving a request from state to state: append a history row, never rewrite one."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import TYPE_CHECKING

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from amparo_web.cases import store
from amparo_web.requests_app.models import PDRequest, SentFile, State, StateChange
from amparo_web.requests_app.states import check_transition

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    from amparo_web.cases.models import Case

REASONS = b"pd request denial reasons"


def start(request: PDRequest, by: AbstractBaseUser | AnonymousUser | None) -> None:
    """Save a new request, drafted as of today."""
    with transaction.atomic():
        request.state = State.DRAFTED
        request.save()
        StateChange.objects.create(
            request=request, state=State.DRAFTED, on=timezone.localdate(), by=_user(by)
        )


def move(
    request: PDRequest,
    new: str,
    on: dt.date,
    by: AbstractBaseUser | AnonymousUser | None,
    *,
    reasons: str = "",
    tags: tuple[str, ...] = (),
) -> StateChange:
    """Raises TransitionError when ``new`` cannot follow the request's state."""
    check_transition(request.state, new)
    denied = new == State.DENIED
    blob = (
        store.encrypt_for(request.case, reasons.encode(), REASONS)
        if denied and reasons
        else b""
    )
    with transaction.atomic():
        request.state = new
        if new == State.SENT:
            request.sent_on = on
        request.save(update_fields=["state", "sent_on"])
        return StateChange.objects.create(
            request=request,
            state=new,
            on=on,
            by=_user(by),
            reasons=blob,
            tags=list(tags) if denied else [],
        )


def reasons_of(case: Case, change: StateChange) -> str:
    blob = bytes(change.reasons)
    return store.decrypt_for(case, blob, REASONS).decode() if blob else ""


def attach(
    request: PDRequest, name: str, content: bytes, *, generated: bool
) -> SentFile:
    """Keep the file's name, size and SHA-256; the content itself is not stored."""
    return SentFile.objects.create(
        request=request,
        name=name[:255],
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        generated=generated,
    )


def _user(by: AbstractBaseUser | AnonymousUser | None) -> User | None:
    return by if isinstance(by, User) and by.is_authenticated else None
