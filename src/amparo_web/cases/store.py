"""Reading and writing a case's encrypted document; the only module that touches its keys."""

from __future__ import annotations

from typing import TYPE_CHECKING

import amparo
from amparo_web.lib import crypto

if TYPE_CHECKING:
    from amparo.cases.model import Case as CaseDocument
    from amparo_web.accounts.models import Organization
    from amparo_web.cases.models import Case

DOCUMENT = b"case document"
PSEUDONYM = b"case pseudonym"


def data_key(row: Case) -> bytes:
    """The case's data key; ``keyvault.Shredded`` once the case was deleted for good."""
    return crypto.unwrap_case(
        row.organization.key_id, row.key_id, bytes(row.wrapped_key)
    )


def new_row(organization: Organization) -> Case:
    """An unsaved case with a new data key, wrapped under the vault (see lib/crypto)."""
    from amparo_web.cases.models import Case

    row = Case(organization=organization)
    row.key_id, row.wrapped_key = crypto.new_case_key(organization.key_id)
    return row


def new_rows(organization: Organization, count: int) -> list[Case]:
    """``count`` unsaved cases, their secrets stored in one vault write."""
    from amparo_web.cases.models import Case

    rows = []
    for key_id, wrapped in crypto.new_case_keys(organization.key_id, count):
        row = Case(organization=organization)
        row.key_id, row.wrapped_key = key_id, wrapped
        rows.append(row)
    return rows


def shred(row: Case) -> None:
    """Destroy the case's vault secret: no copy of its data key opens again."""
    crypto.shred(row.key_id)


def write(row: Case, text: str, case: CaseDocument) -> None:
    """Set the document (validated by the caller) and the fields the list filters on."""
    key = data_key(row)
    row.document = crypto.encrypt(key, text.encode(), DOCUMENT)
    name = (case.person.pseudonym if case.person else None) or ""
    row.pseudonym = crypto.encrypt(key, name.encode(), PSEUDONYM)
    row.pseudonym_token = (
        crypto.search_token(row.organization.key_id, name) if name else ""
    )
    row.reference = case.id
    proceedings = case.proceedings
    row.office = (proceedings.court or "") if proceedings else ""
    hearing = proceedings.next_hearing if proceedings else None
    row.next_hearing = hearing.earliest if hearing is not None else None
    row.outcome = outcome_of(case)


def outcome_of(case: CaseDocument) -> str:
    try:
        return amparo.assess(case).outcome
    except amparo.AmparoError:
        return ""


def read_text(row: Case) -> str:
    return crypto.decrypt(data_key(row), bytes(row.document), DOCUMENT).decode()


def read_case(row: Case) -> CaseDocument:
    return amparo.parse_case(read_text(row), f"{row.reference}.yaml")


def read_pseudonym(row: Case) -> str:
    return crypto.decrypt(data_key(row), bytes(row.pseudonym), PSEUDONYM).decode()


def read_pseudonyms(rows: list[Case]) -> list[str]:
    """:func:`read_pseudonym` for a page of one organization's cases: one vault query."""
    if not rows:
        return []
    if len({row.organization_id for row in rows}) != 1:
        raise ValueError("read_pseudonyms: cases of one organization only")
    keys = crypto.unwrap_cases(
        rows[0].organization.key_id,
        [(row.key_id, bytes(row.wrapped_key)) for row in rows],
    )
    return [
        crypto.decrypt(key, bytes(row.pseudonym), PSEUDONYM).decode()
        for key, row in zip(keys, rows, strict=True)
    ]


def encrypt_for(row: Case, plaintext: bytes, purpose: bytes) -> bytes:
    return crypto.encrypt(data_key(row), plaintext, purpose)


def decrypt_for(row: Case, blob: bytes | memoryview, purpose: bytes) -> bytes:
    return crypto.decrypt(data_key(row), bytes(blob), purpose)
