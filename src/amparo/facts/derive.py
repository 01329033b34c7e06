"""A case document becomes flat, three-valued facts, as of the date assessed.

Every fact in the catalogue gets a value here, ``None`` when the document does not
settle it. A list that is absent is unknown, so every fact read from it is
unknown; an empty list is a known "none". A partial date makes a span of values,
and a fact computed from it is known only as far as every day it may stand for
agrees.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from amparo.cases.dates import PartialDate, whole_years
from amparo.facts.catalogue import FactValue, catalogue
from amparo.lib.kleene import Tri, and3, any3

if TYPE_CHECKING:
    from amparo.cases.model import Case


def derive_facts(
    case: Case, assessed_on: dt.date | None = None
) -> dict[str, FactValue]:
    """The flat facts of one case, as of ``assessed_on`` (default: the case's own date).

    Residence runs from ``continuous_presence_since``, else from
    ``first_entry_date``; a later trip abroad (``last_entry_date``) does not reset it.
    """
    on = assessed_on or case.assessed_on or dt.date.today()
    cat = catalogue()
    f: dict[str, FactValue] = {}

    person = case.person
    birth = person.birth_date if person else None
    f["age"] = _years_between(birth, on)
    f["removal_country"] = _removal_country(case)
    f["stateless"] = person.stateless if person else None
    f["lgbtqi"] = person.lgbtqi if person else None

    presence = case.presence
    first = presence.first_entry_date if presence else None
    since = (presence.continuous_presence_since if presence else None) or first
    last = presence.last_entry_date if presence else None
    f["years_of_residence"] = _years_between(since, on)
    f["residence_since"] = _span(since)
    f["first_entry_date"] = _span(first)
    f["last_entry_date"] = _span(last)
    f["years_since_last_entry"] = _years_between(last, on)
    f["age_at_first_entry"] = _age_at(birth, first)
    if first is None and since is not None:
        # `since` is then the start of continuous presence, and the first arrival
        # came no later than that.
        at_start = _age_at(birth, since)
        f["age_at_first_entry"] = None if at_start is None else (0, max(at_start[1], 0))
    f["manner_of_last_entry"] = _value(presence, "manner_of_last_entry")
    f["apprehended_at_border"] = _value(
        presence, "apprehended_at_border_attempting_unlawful_entry"
    )
    f["current_status"] = _value(presence, "current_status")
    violations = presence.immigration_violations if presence else None
    _flags(
        f, "immigration_violation_{}", cat.enums["immigration_violation"], violations
    )
    f["has_immigration_violation"] = _nonempty(violations)
    orders = presence.prior_removal_orders if presence else None
    f["prior_removal_order_count"] = _count(orders)
    f["has_prior_removal_order"] = _nonempty(orders)
    f["has_in_absentia_order"] = (
        None if orders is None else any3(o.in_absentia for o in orders)
    )

    custody = case.custody
    f["detained"] = custody.detained if custody else None
    harms = custody.harm_in_detention if custody else None
    _flags(f, "harm_in_detention_{}", cat.enums["harm_in_detention"], harms)
    f["has_harm_in_detention"] = _nonempty(harms)

    proceedings = case.proceedings
    f["in_removal_proceedings"] = _value(proceedings, "in_removal_proceedings")
    f["final_order"] = _value(proceedings, "final_order")
    f["has_outcome_won"] = _nonempty(proceedings.outcomes_won if proceedings else None)
    f["dhs_appealing"] = _value(proceedings, "dhs_appealing")
    actions = proceedings.pending_actions_as_party if proceedings else None
    _per_kind(f, "pending_action_{}", cat.enums["pending_action"], actions, "kind")
    f["has_pending_action"] = _nonempty(actions)
    arrest = proceedings.arrest if proceedings else None
    f["arrest_racial_profiling_alleged"] = _value(arrest, "racial_profiling_alleged")
    f["arrest_rights_violation_alleged"] = _value(arrest, "rights_violation_alleged")
    f["arrest_agency"] = _value(arrest, "agency")

    relief = case.relief
    _per_kind(
        f,
        "relief_{}_not_denied",
        cat.enums["relief"],
        relief,
        "type",
        lambda r: _not_denied(r.status),
    )
    f["has_relief_not_denied"] = _any_item(relief, lambda r: _not_denied(r.status))

    history = case.criminal_legal_history
    convictions = history.convictions if history else None
    f["conviction_count"] = _count(convictions)
    f["has_conviction"] = _nonempty(convictions)
    _per_kind(
        f, "has_conviction_{}", cat.enums["offense_category"], convictions, "category"
    )
    f["has_aggravated_felony_conviction"] = _any_item(
        convictions, lambda c: c.aggravated_felony
    )
    gang = history.gang_allegation if history else None
    gang_conviction = _same_fact(
        _any_item(convictions, lambda c: c.gang_element),
        gang.convicted_of_gang_element if gang else None,
    )
    f["has_gang_element_conviction"] = gang_conviction
    f["has_post_conviction_relief"] = _any_item(
        convictions, lambda c: _relief_is(c.post_conviction_relief, None)
    )
    f["has_vacated_or_expunged_conviction"] = _any_item(
        convictions,
        lambda c: _relief_is(c.post_conviction_relief, ("vacated", "expunged")),
    )
    f["has_offense_under_18"] = _any_item(
        convictions, lambda c: _offense_under_18(c, birth)
    )
    f["has_pending_charge"] = _nonempty(history.pending_charges if history else None)
    arrests = history.arrests_without_conviction if history else None
    f["arrests_without_conviction"] = None if arrests is None else (arrests, arrests)
    f["longest_sentence_months"] = _longest_sentence(convictions)
    f["years_since_last_conviction"] = _years_since_latest(
        None if convictions is None else [c.date for c in convictions], on
    )
    f["gang_alleged"] = gang.alleged if gang else None
    f["gang_participation_found"] = _gang_participation_found(gang, gang_conviction)
    f["gang_allegation_contested"] = gang.contested if gang else None
    f["gang_allegation_source"] = _value(gang, "source")

    rehab = case.rehabilitation
    for name in (
        "sentence_requirements_completed",
        "released_by_parole_board",
        "diversion_or_alternative_sentence",
        "sobriety_or_recovery",
    ):
        f[name] = _value(rehab, name)
    f["has_programs_completed"] = _nonempty(rehab.programs_completed if rehab else None)
    f["has_supporters"] = _nonempty(rehab.supporters if rehab else None)

    family = case.family
    members = family.members if family else None
    _per_kind(
        f,
        "{}_in_us",
        cat.enums["relationship"],
        members,
        "relationship",
        lambda m: m.in_us,
    )
    f["has_usc_or_lpr_family"] = _any_item(
        members,
        lambda m: and3(
            None if m.status is None else m.status in ("usc", "lpr"), m.in_us
        ),
    )
    f["has_dependent_family"] = _any_item(members, lambda m: m.depends_on_person)
    for name in ("primary_caregiver", "primary_provider", "household_at_risk"):
        f[name] = _value(family, name)

    community = case.community
    for name in (
        "employed",
        "in_school",
        "community_member",
        "volunteer_or_service",
        "owns_home_or_business",
        "pays_taxes",
    ):
        f[name] = _value(community, name)
    military = community.military_service if community else None
    f["military_service_self"] = military.self_ if military else None
    f["military_service_family"] = military.immediate_family if military else None
    letters = community.letters_of_support if community else None
    f["letters_of_support"] = None if letters is None else (letters, letters)

    humanitarian = case.humanitarian
    f["fear_of_return"] = _value(humanitarian, "fear_of_return")
    health = humanitarian.health if humanitarian else None
    for name in (
        "serious_medical_condition",
        "mental_health_condition",
        "disability",
        "pregnant",
    ):
        f[name] = _value(health, name)
    survivor = humanitarian.survivor_of if humanitarian else None
    _flags(f, "survivor_of_{}", cat.enums["survivor_of"], survivor)
    groups = humanitarian.vulnerable_groups if humanitarian else None
    _flags(f, "vulnerable_group_{}", cat.enums["vulnerable_group"], groups)
    f["trauma"] = _value(humanitarian, "trauma")

    # A discretionary determination no case document can make.
    f["public_safety_threat_found"] = None
    allegation = case.security.national_security_allegation if case.security else None
    f["national_security_alleged"] = _value(allegation, "alleged")
    f["national_security_rejected_by_court"] = _value(allegation, "rejected_by_court")
    return f


def _value(section: Any, name: str) -> Any:
    if section is None:
        return None
    value = getattr(section, name)
    # Closed sets arrive as StrEnum members; facts hold their plain string.
    return value.value if hasattr(value, "value") else value


def _span(date: PartialDate | None) -> tuple[dt.date, dt.date] | None:
    return None if date is None else (date.earliest, date.latest)


def _years_between(start: PartialDate | None, on: dt.date) -> tuple[int, int] | None:
    """Whole years from a possibly partial date to ``on``: fewest, most."""
    if start is None:
        return None
    return (whole_years(start.latest, on), whole_years(start.earliest, on))


def _age_at(
    birth: PartialDate | None, event: PartialDate | None
) -> tuple[int, int] | None:
    """Age at a possibly partial event, from a possibly partial birth date."""
    if birth is None or event is None:
        return None
    return (
        whole_years(birth.latest, event.earliest),
        whole_years(birth.earliest, event.latest),
    )


def _removal_country(case: Case) -> str | None:
    person = case.person
    if person is None:
        return None
    if person.removal_country:
        return str(person.removal_country)
    return str(person.citizenship[0]) if person.citizenship else None


def _nonempty(items: Sequence[Any] | None) -> Tri:
    return None if items is None else len(items) > 0


def _count(items: Sequence[Any] | None) -> tuple[int, int] | None:
    return None if items is None else (len(items), len(items))


def _any_item(items: Iterable[Any] | None, test: Any) -> Tri:
    return None if items is None else any3(test(item) for item in items)


@lru_cache(maxsize=64)
def _named(pattern: str, values: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """The fact for each value of a closed set: ``(value, fact name)``."""
    return tuple((value, pattern.format(value)) for value in values)


def _flags(
    facts: dict[str, FactValue],
    pattern: str,
    values: Iterable[str],
    given: Sequence[Any] | None,
) -> None:
    named = _named(pattern, tuple(values))
    if given is None:
        facts.update(dict.fromkeys(name for _, name in named))
        return
    present = {str(getattr(v, "value", v)) for v in given}
    for value, name in named:
        facts[name] = value in present


def _per_kind(
    facts: dict[str, FactValue],
    pattern: str,
    kinds: Iterable[str],
    items: Sequence[Any] | None,
    attribute: str,
    test: Callable[[Any], Tri] | None = None,
) -> None:
    """For each kind: whether some item is of that kind and passes ``test``.

    The same as ``any3(and3(equals3(item.<attribute>, kind), test(item)))`` for
    every kind, in one pass over the items: an item of unknown kind leaves every
    kind not yet found unknown, as an item whose test is unknown leaves its own.
    """
    named = _named(pattern, tuple(kinds))
    if items is None:
        facts.update(dict.fromkeys(name for _, name in named))
        return
    found: dict[str, Tri] = {}
    unknown_kind = False
    for item in items:
        passes = True if test is None else test(item)
        if passes is False:
            continue
        kind = getattr(item, attribute)
        if kind is None:
            unknown_kind = True
            continue
        key = kind.value if hasattr(kind, "value") else kind
        if passes is True or found.get(key) is True:
            found[key] = True
        else:
            found[key] = None
    for kind, name in named:
        value = found.get(kind, False)
        facts[name] = None if value is False and unknown_kind else value


def _not_denied(status: Any) -> Tri:
    return None if status is None else status != "denied"


def _relief_is(relief: Any, kinds: tuple[str, ...] | None) -> Tri:
    """Whether post-conviction relief is of ``kinds`` (``None``: any kind but none)."""
    if relief is None:
        return None
    return relief != "none" if kinds is None else relief in kinds


def _offense_under_18(conviction: Any, birth: PartialDate | None) -> Tri:
    """Whether the offense was committed before the person turned 18.

    The age at the offense settles it. Failing that, an age under 18 on the
    conviction date (given, or computed from the birth date) settles it too,
    since the offense came first; an older age at conviction does not.
    """
    if conviction.age_at_offense is not None:
        return bool(conviction.age_at_offense < 18)
    at_conviction = conviction.age_at_conviction
    if at_conviction is not None and at_conviction < 18:
        return True
    span = _age_at(birth, conviction.date)
    if span is not None and span[1] < 18:
        return True
    return None


def _longest_sentence(convictions: Sequence[Any] | None) -> tuple[int, int] | None:
    """The longest sentence in months: known when every sentence is (none: 0)."""
    if convictions is None:
        return None
    months = [c.sentence_months for c in convictions]
    if None in months:
        return None
    longest = max(months, default=0)
    return (longest, longest)


def _years_since_latest(
    dates: Sequence[PartialDate | None] | None, on: dt.date
) -> tuple[int, int] | None:
    """Whole years from the latest of ``dates`` to ``on``; unknown if any date is."""
    if not dates:
        return None
    known = [d for d in dates if d is not None]
    if len(known) < len(dates):
        return None
    latest_day = max(d.latest for d in known)
    earliest_day = max(d.earliest for d in known)
    return (whole_years(latest_day, on), whole_years(earliest_day, on))


def _same_fact(a: Tri, b: Tri) -> Tri:
    """Two statements of one fact: a yes from either wins, else any known no.

    The convictions list and the gang section both say whether a conviction
    had a gang element; the section's absence leaves the list's answer
    standing (and the reverse).
    """
    if a is True or b is True:
        return True
    if a is False or b is False:
        return False
    return None


def _gang_participation_found(gang: Any, gang_conviction: Tri) -> Tri:
    """Participation established by a conviction or a court's finding.

    An allegation alone (a police database, ICE's own say-so) establishes
    nothing, so it leaves the answer unknown; no allegation at all is a no.
    """
    if gang_conviction is True:
        return True
    if gang is None or gang.alleged is None:
        return None
    if gang.alleged is False:
        return False if gang_conviction is False else None
    if gang.source == "court_finding":
        return True
    return None
