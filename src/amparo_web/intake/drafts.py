"""Reading and writing a draft; the document inside is encrypted like the case's own."""

from __future__ import annotations

import json
from typing import Any

from django.db import IntegrityError, transaction

from amparo.cases.load import case_to_data
from amparo_web.cases import store
from amparo_web.cases.models import Case
from amparo_web.intake.models import IntakeDraft

PURPOSE = b"intake draft"


def draft_for(row: Case) -> IntakeDraft:
    """The case's draft, started from the case document if there is none yet."""
    draft = _existing(row)
    if draft is not None:
        return draft
    draft = IntakeDraft(case=row)
    save_data(draft, case_to_data(store.read_case(row)))
    try:
        with transaction.atomic():  # a savepoint: the request's work goes on after it
            draft.save(force_insert=True)
    except IntegrityError:
        # Someone else (a second tab, a colleague) started this case's draft at the
        # same moment: there is one draft a case, so theirs is the draft.
        found = _existing(row)
        if found is None:
            raise
        return found
    return draft


def _existing(row: Case) -> IntakeDraft | None:
    # One draft a case at most (a one-to-one field): a plain filter, cheaper than get().
    found = list(IntakeDraft.objects.filter(case_id=row.pk))
    if not found:
        return None
    found[0].case = row  # the row at hand (and its organization): no query for them
    return found[0]


def load_data(draft: IntakeDraft) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        store.decrypt_for(draft.case, draft.data, PURPOSE)
    )
    return data


def save_data(draft: IntakeDraft, data: dict[str, Any]) -> None:
    draft.data = store.encrypt_for(draft.case, json.dumps(data).encode(), PURPOSE)
