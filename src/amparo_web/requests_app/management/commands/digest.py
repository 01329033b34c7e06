"""``python -m amparo_web digest``: each organization's overdue follow-ups, for a daily scheduler.

Printed, unless the organization configured its own SMTP server; nothing is sent
anywhere by default.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from amparo_web.accounts.models import Organization
from amparo_web.requests_app.digest import digest_text, send
from amparo_web.requests_app.models import DigestMail


class Command(BaseCommand):
    help = "Print (or e-mail, through an organization's own server) the overdue follow-ups."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", type=dt.date.fromisoformat, default=None)
        parser.add_argument(
            "--print", action="store_true", dest="print_only", help="never e-mail"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today: dt.date = options["date"] or timezone.localdate()
        mails = {
            m.organization_id: m
            for m in DigestMail.objects.select_related("organization")
        }
        for organization in Organization.objects.order_by("name", "id"):
            text = digest_text(organization, today)
            mail = mails.get(organization.pk)
            if mail is not None and not options["print_only"]:
                send(mail, text, today)
                self.stdout.write(f"{organization.name}: e-mailed to {mail.host}\n")
            else:
                self.stdout.write(text)
