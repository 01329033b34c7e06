"""``python -m amparo_web apply_retention [--dry-run] [--org NAME]``: what
``amparo retention`` runs. Deletes each organization's closed cases past its
retention period, through the same path as the delete button (audited, vault
secret destroyed). Run it daily (cron or a systemd timer)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from amparo_web.cases.deletion import run_retention


class Command(BaseCommand):
    help = (
        "Delete for good the closed cases past their organization's retention period; "
        "prints counts and references, never names."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would go; delete nothing."
        )
        parser.add_argument(
            "--org", default=None, help="One organization, by name or id."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        status = run_retention(options["org"], options["dry_run"], self.stdout.write)
        if status:
            raise SystemExit(status)
