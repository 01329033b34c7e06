"""An organization's requests as the dashboard and the digest see them."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from amparo_web.requests_app.models import PDRequest
from amparo_web.requests_app.states import AWAITING, Overdue, overdue

if TYPE_CHECKING:
    from amparo_web.accounts.models import Organization


def overdue_requests(organization: Organization, today: dt.date) -> list[Overdue]:
    """Every unanswered request past its office's interval, the most overdue first."""
    candidates = PDRequest.objects.filter(
        case__organization=organization, state__in=AWAITING, sent_on__isnull=False
    ).select_related("office", "case")
    found = [o for o in (overdue(r, today) for r in candidates) if o is not None]
    return sorted(found, key=lambda o: (-o.days_overdue, o.request.pk))
