"""The state machine of a request, and when an unanswered one is overdue."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from amparo_web.requests_app.models import State

if TYPE_CHECKING:
    from amparo_web.requests_app.models import PDRequest

DECISIONS = (State.GRANTED, State.PARTLY_GRANTED, State.DENIED)
ANSWERS = (State.ACKNOWLEDGED, *DECISIONS, State.NO_RESPONSE)
NEXT: dict[str, tuple[str, ...]] = {
    State.DRAFTED: (State.SENT,),
    State.SENT: ANSWERS,
    State.ACKNOWLEDGED: (*DECISIONS, State.NO_RESPONSE),
    # An answer can still come after the advocate recorded the silence.
    State.NO_RESPONSE: (State.ACKNOWLEDGED, *DECISIONS),
}
# Sent, and no decision yet: what the follow-ups are for.
AWAITING = (State.SENT, State.ACKNOWLEDGED, State.NO_RESPONSE)

# The protection-first framework's not-weighed facts a denial may rest on.
NOT_WEIGHED = [
    ("recent_entry", _("Recent entry")),
    ("criminal_legal_contacts", _("Contacts with the criminal legal system")),
    ("immigration_violations", _("Immigration violations")),
    ("prior_removal_orders", _("Prior removal orders")),
]


class TransitionError(ValueError):
    """A state the request cannot move to from where it is."""


def check_transition(current: str, new: str) -> None:
    if new not in NEXT.get(current, ()):
        raise TransitionError(
            _("A request that is “%(current)s” cannot become “%(new)s”.")
            % {"current": State(current).label, "new": State(new).label}
        )


@dataclass(frozen=True)
class Overdue:
    request: PDRequest
    due_on: dt.date
    days_overdue: int


def overdue(request: PDRequest, today: dt.date) -> Overdue | None:
    """Overdue once more days than the office's interval have passed since it was sent."""
    if request.state not in AWAITING or request.sent_on is None:
        return None
    due_on = request.sent_on + dt.timedelta(days=request.office.follow_up_days)
    days = (today - due_on).days
    return Overdue(request, due_on, days) if days > 0 else None
