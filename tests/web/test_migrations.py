"""The models and their migrations agree."""

from __future__ import annotations

from django.core.management import call_command


def test_no_migration_is_missing(db) -> None:
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
