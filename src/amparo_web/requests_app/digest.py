"""The daily digest of overdue follow-ups, one per organization."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.mail import EmailMessage, get_connection
from django.utils.translation import gettext as _

from amparo_web.lib import crypto
from amparo_web.requests_app.queries import overdue_requests

if TYPE_CHECKING:
    from amparo_web.accounts.models import Organization
    from amparo_web.requests_app.models import DigestMail

SMTP_PASSWORD = b"digest smtp password"


def digest_text(organization: Organization, today: dt.date) -> str:
    """Case references, offices and dates only: never a name or a narrative."""
    late = overdue_requests(organization, today)
    lines = [
        _("Overdue follow-ups for %(org)s on %(day)s: %(n)s")
        % {"org": organization.name, "day": today.isoformat(), "n": len(late)}
    ]
    for o in late:
        r = o.request
        lines.append(
            _(
                "- %(reference)s: %(kind)s to %(office)s, sent %(sent)s, %(days)s days overdue"
            )
            % {
                "reference": r.case.reference,
                "kind": r.kind,
                "office": r.office.name,
                "sent": r.sent_on.isoformat() if r.sent_on else "",
                "days": o.days_overdue,
            }
        )
    return "\n".join(lines) + "\n"


def send(mail: DigestMail, text: str, today: dt.date) -> None:
    """Through the organization's own server only; Django's default backend is never used."""
    password = (
        crypto.decrypt(
            crypto.organization_key(mail.organization.key_id),
            bytes(mail.password),
            SMTP_PASSWORD,
        ).decode()
        if bytes(mail.password)
        else ""
    )
    connection = get_connection(
        "django.core.mail.backends.smtp.EmailBackend",
        host=mail.host,
        port=mail.port,
        username=mail.username,
        password=password,
        use_tls=mail.use_tls,
        timeout=30,
    )
    subject = _("Amparo: overdue follow-ups, %(day)s") % {"day": today.isoformat()}
    recipients = [a.strip() for a in mail.recipients.splitlines() if a.strip()]
    EmailMessage(subject, text, mail.sender, recipients, connection=connection).send()
