"""Reading and writing a draft; the document inside is encrypted like the case's own."""

from __future__ import annotations

import json
from typing import Any

from amparo.cases.load import case_to_data
from amparo_web.cases import store
from amparo_web.cases.models import Case
from amparo_web.intake.models import IntakeDraft

PURPOSE = b"intake draft"


def draft_for(row: Case) -> IntakeDraft:
    """The case's draft, started from the case document if there is none yet."""
    try:
        draft = IntakeDraft.objects.get(case=row)
    except IntakeDraft.DoesNotExist:
        draft = IntakeDraft(case=row)
        save_data(draft, case_to_data(store.read_case(row)))
        draft.save()
        return draft
    draft.case = row  # the row at hand (and its organization): no query for them
    return draft


def load_data(draft: IntakeDraft) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        store.decrypt_for(draft.case, draft.data, PURPOSE)
    )
    return data


def save_data(draft: IntakeDraft, data: dict[str, Any]) -> None:
    draft.data = store.encrypt_for(draft.case, json.dumps(data).encode(), PURPOSE)
