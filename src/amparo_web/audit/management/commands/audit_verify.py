"""``python -m amparo_web audit_verify [--org NAME]``: what ``amparo audit verify`` runs."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from amparo_web.audit.report import verify_all


class Command(BaseCommand):
    help = "Check each organization's audit chain; exit 1 where an entry was edited or removed."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--org", default=None, help="One organization, by name or id."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        status = verify_all(options["org"], self.stdout.write)
        if status:
            raise SystemExit(status)
