"""Pieces several documents share: the letterhead and signature from the organization
settings, the reference block (who the request is about), and placeholders.

A value the case or the settings do not give is never guessed: it prints as a
highlighted placeholder (``[A-NUMBER]``) for the advocate to fill in.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from amparo.documents.content.common import (
    country_name,
    display_name,
    legal_name,
    long_date,
    partial_date,
    placeholder,
    t,
)
from amparo.documents.model import Inline, Run, bold, runs

if TYPE_CHECKING:
    from amparo.cases.model import Case
    from amparo.documents.org import OrgSettings

_T = {
    "re": {"en": "Re: ", "es": "Asunto: "},
    "a_number": {"en": "A-Number: ", "es": "Número A: "},
    "born": {"en": "Date of birth: ", "es": "Fecha de nacimiento: "},
    "country": {"en": "Country of citizenship: ", "es": "País de nacionalidad: "},
    "court": {"en": "Immigration court: ", "es": "Tribunal de inmigración: "},
    "no_proceedings": {
        "en": "not in removal proceedings",
        "es": "no está en proceso de deportación",
    },
    "hearing": {"en": "Next hearing: ", "es": "Próxima audiencia: "},
    "detention": {"en": "Detention: ", "es": "Detención: "},
    "detained": {"en": "detained at ", "es": "detenido/a en "},
    "since": {"en": " since ", "es": " desde el "},
    "not_detained": {"en": "not detained", "es": "no está detenido/a"},
    "case": {"en": "Our reference: ", "es": "Nuestra referencia: "},
    "closing": {"en": "Respectfully submitted,", "es": "Atentamente,"},
    "on_behalf": {"en": "Counsel for ", "es": "Representante de "},
}


def letterhead(org: OrgSettings, lang: str) -> tuple[Inline, ...]:
    """The organization's name, address lines and contacts (placeholders where unset)."""
    o = org.organization
    lines: list[Inline] = [
        runs(bold(o.name)) if o.name else runs(placeholder("org_name", lang))
    ]
    if o.address:
        lines.extend(runs(line) for line in o.address)
    else:
        lines.append(runs(placeholder("org_address", lang)))
    contact: list[Run] = []
    contact.append(Run(o.phone) if o.phone else placeholder("org_phone", lang))
    contact.append(Run(" · "))
    contact.append(Run(o.email) if o.email else placeholder("org_email", lang))
    lines.append(tuple(contact))
    return tuple(lines)


def signature(org: OrgSettings, lang: str, client: str) -> tuple[Inline, ...]:
    """The closing and the signer's block."""
    s = org.signer
    return (
        runs(t(_T["closing"], lang)),
        runs(Run(s.name) if s.name else placeholder("signer_name", lang)),
        runs(Run(s.title) if s.title else placeholder("signer_title", lang)),
        runs(
            Run(s.credential)
            if s.credential
            else placeholder("signer_credential", lang)
        ),
        runs(
            Run(org.organization.name)
            if org.organization.name
            else placeholder("org_name", lang)
        ),
        runs(t(_T["on_behalf"], lang), client),
    )


def date_or_hole(value: object, key: str, lang: str) -> Run:
    """A partial date from the case in words, else the placeholder ``key``."""
    from amparo.cases.dates import PartialDate

    if isinstance(value, PartialDate):
        return Run(partial_date(value, lang))
    if isinstance(value, dt.date):
        return Run(long_date(value, lang))
    return placeholder(key, lang)


def reference_block(case: Case, lang: str) -> list[Inline]:
    """Re: name (or pseudonym), A-number, birth, citizenship, court, hearing, detention."""
    person = case.person
    name = legal_name(case)
    shown = display_name(case, lang)
    who: list[Run] = [bold(shown)]
    if name is None:
        # A pseudonym, or nothing: the legal name must be filled in before sending.
        who = [bold(shown), Run(" ("), placeholder("legal_name", lang), Run(")")]
        if shown == t({"en": "[CLIENT]", "es": "[CLIENTE]"}, lang):
            who = [placeholder("legal_name", lang)]
    lines: list[Inline] = [runs(t(_T["re"], lang), who)]
    a_number = person.a_number if person else None
    lines.append(
        runs(
            t(_T["a_number"], lang),
            Run(str(a_number)) if a_number else placeholder("a_number", lang),
        )
    )
    lines.append(
        runs(
            t(_T["born"], lang),
            date_or_hole(person.birth_date if person else None, "birth_date", lang),
        )
    )
    citizenship = person.citizenship if person else None
    lines.append(
        runs(
            t(_T["country"], lang),
            Run(", ".join(country_name(c, lang) for c in citizenship))
            if citizenship
            else placeholder("citizenship", lang),
        )
    )
    proceedings = case.proceedings
    if proceedings is not None and proceedings.in_removal_proceedings is False:
        lines.append(runs(t(_T["court"], lang), t(_T["no_proceedings"], lang)))
    else:
        court = proceedings.court if proceedings else None
        lines.append(
            runs(
                t(_T["court"], lang),
                Run(court) if court else placeholder("court", lang),
            )
        )
        lines.append(
            runs(
                t(_T["hearing"], lang),
                date_or_hole(
                    proceedings.next_hearing if proceedings else None,
                    "next_hearing",
                    lang,
                ),
            )
        )
    lines.append(runs(t(_T["detention"], lang), detention(case, lang)))
    lines.append(runs(t(_T["case"], lang), case.id))
    return lines


def detention(case: Case, lang: str) -> tuple[Run, ...]:
    custody = case.custody
    detained = custody.detained if custody else None
    if detained is None:
        return (placeholder("detention", lang),)
    if detained is False:
        return (Run(t(_T["not_detained"], lang)),)
    assert custody is not None
    facility = (
        Run(custody.facility) if custody.facility else placeholder("facility", lang)
    )
    return (
        Run(t(_T["detained"], lang)),
        facility,
        Run(t(_T["since"], lang)),
        date_or_hole(custody.detained_since, "since", lang),
    )
