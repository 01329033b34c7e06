"""The demo: an organization, a user, and the letter's stories as cases (``amparo serve --demo``)."""

from __future__ import annotations

import secrets
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction

import amparo
from amparo_web.accounts.models import Membership, Organization
from amparo_web.audit.log import record
from amparo_web.cases import store

DEMO_USER = "demo"
STORIES = Path(__file__).resolve().parents[2] / "examples" / "stories"


def is_empty() -> bool:
    return not Organization.objects.exists()


@transaction.atomic
def create_demo(stories: Path = STORIES) -> tuple[str, str, int]:
    """Create the demo organization and user and load the stories; returns (user, password, cases)."""
    org = Organization.objects.create(name="Demo legal-aid office")
    password = secrets.token_urlsafe(12)
    user = get_user_model().objects.create_user(DEMO_USER, password=password)
    member = Membership.objects.create(
        user=user, organization=org, role=Membership.Role.ADMIN
    )
    paths = sorted(stories.glob("*.yaml")) if stories.is_dir() else []
    count = 0
    for path, row in zip(paths, store.new_rows(org, len(paths)), strict=True):
        text = path.read_text(encoding="utf-8")
        case = amparo.parse_case(text, path.name)
        row.created_by = user
        store.write(row, text, case)
        row.save()
        record(member, "case.imported", row, source="demo")
        count += 1
    return DEMO_USER, password, count
