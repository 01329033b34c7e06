from __future__ import annotations

from amparo_web.requests_app.views.followups import follow_up_letter, list_overdue
from amparo_web.requests_app.views.mail import edit_digest_mail
from amparo_web.requests_app.views.offices import list_offices, save_office
from amparo_web.requests_app.views.requests import (
    attach_file,
    change_state,
    list_requests,
    new_request,
)

__all__ = [
    "attach_file",
    "change_state",
    "edit_digest_mail",
    "follow_up_letter",
    "list_offices",
    "list_overdue",
    "list_requests",
    "new_request",
    "save_office",
]
