from __future__ import annotations

from django.http import HttpRequest

from amparo_web.accounts.models import Membership


def membership(request: HttpRequest) -> dict[str, Membership | None]:
    found = getattr(getattr(request, "user", None), "membership", None)
    return {"membership": found if isinstance(found, Membership) else None}
