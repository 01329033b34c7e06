"""What every document reads from one case: the assessment, the comparison with the
official framework in force, the exhibits on hand, and facts written as words.

Only facts the record *holds* are ever written as facts: a factor's facts are the
ones that settle it (true branches of a factor that holds), never unknowns.

Examples:
    >>> fact_phrase("employed", True, "en")
    'employed'
    >>> fact_phrase("letters_of_support", (3, 3), "es")
    'cartas de apoyo: 3'
    >>> tab_name(0), tab_name(25), tab_name(26)
    ('A', 'Z', 'AA')
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from amparo.documents.content.common import country_name, span_date, years_text
from amparo.facts.catalogue import FactValue, catalogue
from amparo.i18n import pick
from amparo.rules.framework import DECISIVE_ROLES

if TYPE_CHECKING:
    from amparo.cases.model import Case
    from amparo.engine.assess import Assessment, FactorResult
    from amparo.engine.compare import Comparison


@dataclass(frozen=True, slots=True)
class Exhibit:
    """One item of the case's ``evidence`` list, with its tab in the exhibit index."""

    tab: str
    description: str | None
    file: str | None
    supports: frozenset[str]


@dataclass(frozen=True)
class Record:
    """One case, read once for every document made from it."""

    case: Case
    assessment: Assessment  # protection-first
    comparison: Comparison  # protection-first and every official framework in force
    exhibits: tuple[Exhibit, ...]

    @property
    def day(self) -> dt.date:
        return self.assessment.assessed_on

    def holding(self) -> list[FactorResult]:
        """Protective factors that hold, in the framework's order."""
        return [
            r
            for r in self.assessment.factors
            if r.value is True and r.factor.role in DECISIVE_ROLES
        ]

    def unknown(self) -> list[FactorResult]:
        """Protective factors the record leaves unknown: things to find out."""
        return [
            r
            for r in self.assessment.factors
            if r.value is None and r.factor.role in DECISIVE_ROLES
        ]

    def proving(self, result: FactorResult) -> list[Exhibit]:
        """The exhibits on hand that name the factor, its category or one of its facts."""
        names = {result.factor.id, result.factor.category, *result.facts}
        return [e for e in self.exhibits if e.supports & names]


def read_record(case: Case, on: dt.date | None = None) -> Record:
    """Assess ``case`` under protection-first and compare it with the official
    frameworks in force on ``on`` (default: the case's ``assessed_on``, else today)."""
    from amparo.engine.compare import PROTECTION_FIRST, compare_case

    day = on or case.assessed_on or dt.date.today()
    comparison = compare_case(case, None, day)
    assessment = next(
        r for r in comparison.results if r.framework.id == PROTECTION_FIRST
    )
    exhibits = tuple(
        Exhibit(
            tab_name(index),
            item.description,
            item.file,
            frozenset(item.supports or ()),
        )
        for index, item in enumerate(case.evidence or ())
    )
    return Record(case, assessment, comparison, exhibits)


def tab_name(index: int) -> str:
    """Exhibit tabs as practice labels them: A … Z, then AA, AB …"""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def fact_phrase(name: str, value: FactValue, lang: str) -> str:
    """A known fact in words: a true flag by its label, any other value after a colon."""
    fact = catalogue()[name]
    label = pick(fact.label, lang)
    if value is True:
        return label
    if isinstance(value, tuple):
        lo, hi = value
        if isinstance(lo, dt.date) and isinstance(hi, dt.date):
            return f"{label}: {span_date((lo, hi), lang)}"
        if isinstance(lo, int) and isinstance(hi, int):
            return f"{label}: {years_text((lo, hi), lang)}"
    if isinstance(value, str):
        if fact.type == "country":
            return f"{label}: {country_name(value, lang)}"
        return f"{label}: {value.replace('_', ' ')}"
    return f"{label}: {value}"


def known_facts(facts: Mapping[str, FactValue], lang: str) -> list[str]:
    """The facts the record holds (never an unknown, never a known "no"), in words."""
    return [
        fact_phrase(name, value, lang)
        for name, value in facts.items()
        if value is not None and value is not False and value != (0, 0)
    ]
