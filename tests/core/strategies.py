"""Hypothesis strategies for case documents, format 1 (``shared/spec/case-format.md``).

Every strategy here draws plain data, as a web form or a parsed YAML file gives it,
for :func:`amparo.cases.load.case_from_data`. Every section and every field of the
format is covered; each field is independently

- absent (unknown),
- ``null`` (unknown), or
- a value (every value of every closed set; partial dates written as a year, a
  year and month, or a full date, as numbers, text or ``datetime.date``);

and each list is absent, ``null``, ``[]`` (a known "none") or 1-3 items.

Import it from a test module with :func:`load` (the tests run with
``--import-mode=importlib``, so the folder is not on ``sys.path``)::

    strategies = load()   # defined in the test module, see test_properties.py
    @given(strategies.case_documents())
    def test_...(doc): case = case_from_data(doc)

The additions used by the monotonicity properties (a conviction, a pending
charge, a gang allegation, ...) are here too, so later tests can reuse them.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Any

from hypothesis import strategies as st

from amparo.cases import model as m

Doc = dict[str, Any]

FIRST_YEAR = 1930
LAST_YEAR = 2026
ASSESSED_FROM = dt.date(2012, 1, 1)
ASSESSED_TO = dt.date(2026, 12, 31)

# Countries a rule may care about (TPS/DED designations), everyday ones, and
# codes YAML would misread if written bare (NO is false in YAML 1.1; ON is true).
COUNTRIES = (
    "SV", "HN", "HT", "NI", "VE", "SY", "YE", "SO", "SS", "SD", "MM", "NP", "AF",
    "UA", "LR", "ET", "CM", "MX", "GT", "IQ", "CN", "IN", "US", "NO", "ON",
)  # fmt: skip

# Text YAML could read as something else if it were written without quotes.
TRICKY_TEXT = (
    "yes", "No", "null", "~", "true", "2014", "1985-02", "2014-05-01", "0x1F", "1e3",
    "- a", "a: b", "#note", "'quoted'", 'say "hi"', " leading", "trailing ", "@at",
    "multi\nline", "tab\there", "ñandú", "العربية", "日本語", "*alias", "&anchor", "!tag",
)  # fmt: skip


def words(enum_class: type[Enum]) -> list[str]:
    """Every value of a closed set, as written in a document."""
    return [str(member.value) for member in enum_class]


def values_of(enum_class: type[Enum]) -> st.SearchStrategy[str]:
    return st.sampled_from(words(enum_class))


def known_or_null(value: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """``null`` (unknown) or a value; absence is the caller's optional key."""
    return st.none() | value


def section(**fields: st.SearchStrategy[Any]) -> st.SearchStrategy[Doc]:
    """A group of fields, each independently absent, ``null`` or a value."""
    return st.fixed_dictionaries(
        {}, optional={name: known_or_null(value) for name, value in fields.items()}
    )


def lists(
    item: st.SearchStrategy[Any], max_size: int = 3
) -> st.SearchStrategy[list[Any]]:
    """``[]`` (a known none) or 1-3 items."""
    return st.lists(item, max_size=max_size)


# --------------------------------------------------------------------------- values

texts: st.SearchStrategy[str] = st.sampled_from(TRICKY_TEXT) | st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=20
)
flags = st.booleans()
whole_numbers = st.integers(0, 120)
countries = st.sampled_from(COUNTRIES) | st.from_regex(r"[A-Z]{2}", fullmatch=True)


def partial_dates(
    first: int = FIRST_YEAR, last: int = LAST_YEAR
) -> st.SearchStrategy[Any]:
    """A year, a year and month, or a full date, written every way a document may."""
    years = st.integers(first, last)
    days = st.dates(dt.date(first, 1, 1), dt.date(last, 12, 31))
    return st.one_of(
        years,  # YAML reads 2014 as a number
        years.map(str),
        st.builds(lambda y, mo: f"{y:04d}-{mo:02d}", years, st.integers(1, 12)),
        days,  # YAML reads 2014-05-01 as a date
        days.map(dt.date.isoformat),
    )


dates = partial_dates()
a_numbers = st.builds(
    lambda prefix, digits, dashed: (
        prefix
        + ("-".join([digits[:-6], digits[-6:-3], digits[-3:]]) if dashed else digits)
    ),
    st.sampled_from(["A", "a"]),
    st.from_regex(r"[0-9]{8,9}", fullmatch=True),
    st.booleans(),
)
assessed_dates = st.dates(ASSESSED_FROM, ASSESSED_TO)


# ------------------------------------------------------------------------- sections


def persons() -> st.SearchStrategy[Doc]:
    return section(
        pseudonym=texts,
        name=section(given=texts, family=texts),
        a_number=a_numbers,
        birth_date=dates,
        citizenship=st.lists(countries, min_size=1, max_size=3) | st.just([]),
        removal_country=countries,
        stateless=flags,
        gender_identity=texts,
        lgbtqi=flags,
        preferred_language=st.sampled_from(["es", "ht", "ar", "mam", "en-US"]) | texts,
    )


def prior_removal_orders() -> st.SearchStrategy[Doc]:
    return section(date=dates, in_absentia=flags, executed=flags)


def presences() -> st.SearchStrategy[Doc]:
    return section(
        first_entry_date=dates,
        last_entry_date=dates,
        continuous_presence_since=dates,
        manner_of_last_entry=values_of(m.MannerOfEntry),
        apprehended_at_border_attempting_unlawful_entry=flags,
        current_status=values_of(m.ImmigrationStatus),
        immigration_violations=lists(values_of(m.ImmigrationViolation)),
        prior_removal_orders=lists(prior_removal_orders()),
    )


def custodies() -> st.SearchStrategy[Doc]:
    return section(
        detained=flags,
        detained_since=dates,
        facility=texts,
        harm_in_detention=lists(values_of(m.DetentionHarm)),
    )


def arrests() -> st.SearchStrategy[Doc]:
    return section(
        agency=values_of(m.ArrestAgency),
        date=dates,
        racial_profiling_alleged=flags,
        rights_violation_alleged=flags,
        summary=texts,
    )


def proceedings() -> st.SearchStrategy[Doc]:
    return section(
        in_removal_proceedings=flags,
        court=texts,
        next_hearing=dates,
        final_order=flags,
        outcomes_won=lists(
            section(forum=values_of(m.Forum), date=dates, summary=texts)
        ),
        dhs_appealing=flags,
        pending_actions_as_party=lists(
            section(kind=values_of(m.PendingActionKind), forum=texts, summary=texts)
        ),
        arrest=arrests(),
    )


def relief_items() -> st.SearchStrategy[Doc]:
    return section(type=values_of(m.ReliefType), status=values_of(m.ReliefStatus))


def convictions(
    *,
    post_conviction_relief: st.SearchStrategy[Any] | None = None,
    age_at_offense: st.SearchStrategy[Any] | None = None,
    age_at_conviction: st.SearchStrategy[Any] | None = None,
    date: st.SearchStrategy[Any] | None = None,
) -> st.SearchStrategy[Doc]:
    """One conviction; the four fields that may make it mitigating can be pinned.

    A pinned field is always present with a value drawn from the given strategy
    (``st.none()`` for an explicit null); ``None`` leaves it free.
    """
    free = {
        "offense": texts,
        "jurisdiction": texts,
        "category": values_of(m.OffenseCategory),
        "aggravated_felony": flags,
        "gang_element": flags,
        "sentence_months": whole_numbers,
    }
    pinned: dict[str, st.SearchStrategy[Any]] = {}
    for name, strategy, default in (
        (
            "post_conviction_relief",
            post_conviction_relief,
            values_of(m.PostConvictionRelief),
        ),
        ("age_at_offense", age_at_offense, whole_numbers),
        ("age_at_conviction", age_at_conviction, whole_numbers),
        ("date", date, dates),
    ):
        if strategy is None:
            free[name] = default
        else:
            pinned[name] = strategy
    base = section(**free)
    if not pinned:
        return base
    return st.tuples(base, st.fixed_dictionaries(pinned)).map(
        lambda pair: {**pair[0], **pair[1]}
    )


def pending_charges() -> st.SearchStrategy[Doc]:
    return section(offense=texts, date=dates, category=values_of(m.OffenseCategory))


def gang_allegations() -> st.SearchStrategy[Doc]:
    return section(
        alleged=flags,
        source=values_of(m.GangAllegationSource),
        contested=flags,
        convicted_of_gang_element=flags,
    )


def criminal_legal_histories() -> st.SearchStrategy[Doc]:
    return section(
        convictions=lists(convictions()),
        pending_charges=lists(pending_charges()),
        arrests_without_conviction=whole_numbers,
        gang_allegation=gang_allegations(),
    )


def rehabilitations() -> st.SearchStrategy[Doc]:
    return section(
        programs_completed=lists(texts),
        sentence_requirements_completed=flags,
        released_by_parole_board=flags,
        diversion_or_alternative_sentence=flags,
        sobriety_or_recovery=flags,
        supporters=lists(values_of(m.Supporter)),
    )


def family_members() -> st.SearchStrategy[Doc]:
    return section(
        relationship=values_of(m.Relationship),
        status=values_of(m.FamilyStatus),
        age=whole_numbers,
        birth_date=dates,
        in_us=flags,
        depends_on_person=flags,
    )


def families() -> st.SearchStrategy[Doc]:
    return section(
        members=lists(family_members()),
        primary_caregiver=flags,
        primary_provider=flags,
        household_at_risk=flags,
    )


def communities() -> st.SearchStrategy[Doc]:
    return section(
        employed=flags,
        in_school=flags,
        community_member=flags,
        volunteer_or_service=flags,
        military_service=section(self=flags, immediate_family=flags),
        letters_of_support=whole_numbers,
        owns_home_or_business=flags,
        pays_taxes=flags,
    )


def humanitarians() -> st.SearchStrategy[Doc]:
    return section(
        fear_of_return=flags,
        health=section(
            serious_medical_condition=flags,
            mental_health_condition=flags,
            disability=flags,
            pregnant=flags,
        ),
        survivor_of=lists(values_of(m.SurvivorOf)),
        vulnerable_groups=lists(values_of(m.VulnerableGroup)),
        trauma=flags,
    )


def securities() -> st.SearchStrategy[Doc]:
    return section(
        national_security_allegation=section(
            alleged=flags, basis=texts, rejected_by_court=flags
        )
    )


def evidence_items() -> st.SearchStrategy[Doc]:
    return section(
        description=texts,
        supports=lists(
            st.sampled_from(["family_in_us", "age", "child_in_us", "trauma"]) | texts
        ),
        file=texts,
    )


SECTIONS: dict[str, st.SearchStrategy[Any]] = {
    "person": persons(),
    "presence": presences(),
    "custody": custodies(),
    "proceedings": proceedings(),
    "relief": lists(relief_items()),
    "criminal_legal_history": criminal_legal_histories(),
    "rehabilitation": rehabilitations(),
    "family": families(),
    "community": communities(),
    "humanitarian": humanitarians(),
    "security": securities(),
    "narrative": texts,
    "evidence": lists(evidence_items()),
}


def case_documents(assessed_on: bool | None = None) -> st.SearchStrategy[Doc]:
    """A valid case document as plain data.

    ``assessed_on``: ``True`` always gives one (2012-2026, as a date or as text),
    ``False`` never does (the rules then apply as of today), ``None`` either.
    """
    required: dict[str, st.SearchStrategy[Any]] = {
        "format": st.just(1),
        "id": st.from_regex(r"[A-Z]{2,5}-[0-9]{1,6}", fullmatch=True)
        | texts.filter(bool),
    }
    optional = {name: known_or_null(strategy) for name, strategy in SECTIONS.items()}
    day = assessed_dates | assessed_dates.map(dt.date.isoformat)
    if assessed_on:
        required["assessed_on"] = day
    elif assessed_on is None:
        optional["assessed_on"] = known_or_null(day)
    return st.fixed_dictionaries(required, optional=optional)


# ------------------------------------------------------------------------ additions
# What the monotonicity properties add to a record. None of these may count against
# a person under protection-first; only the mitigating convictions may help.

adult_ages = st.integers(18, 100)


def known_non_mitigating_convictions() -> st.SearchStrategy[Doc]:
    """A conviction known to carry no mitigating detail: no post-conviction relief,
    an offense at 18 or older (which also settles the age, whatever the date)."""
    return convictions(
        post_conviction_relief=st.just("none"),
        age_at_offense=adult_ages,
        age_at_conviction=st.none() | adult_ages,
    )


def non_mitigating_convictions() -> st.SearchStrategy[Doc]:
    """A conviction with no mitigating detail written down: relief absent, null or
    ``none``; ages absent, null or 18+; no date (a date with a birth date could make
    the person under 18 at conviction, which is mitigating)."""

    def drop_absent(doc: Doc) -> Doc:
        return {k: v for k, v in doc.items() if v is not _ABSENT}

    absent = st.just(_ABSENT)
    return convictions(
        post_conviction_relief=absent | st.none() | st.just("none"),
        age_at_offense=absent | st.none() | adult_ages,
        age_at_conviction=absent | st.none() | adult_ages,
        date=absent,
    ).map(drop_absent)


def mitigating_convictions() -> st.SearchStrategy[Doc]:
    """A conviction that is mitigating in itself: relief other than none, or an offense under 18."""
    relieved = convictions(
        post_conviction_relief=st.sampled_from(
            [w for w in words(m.PostConvictionRelief) if w != "none"]
        )
    )
    juvenile = convictions(age_at_offense=st.integers(0, 17))
    return relieved | juvenile


def gang_allegations_alleged() -> st.SearchStrategy[Doc]:
    return st.tuples(gang_allegations(), st.just({"alleged": True})).map(
        lambda pair: {**pair[0], **pair[1]}
    )


immigration_violations = values_of(m.ImmigrationViolation)


class _Absent:
    """A marker for a field to leave out of a drawn group."""

    def __repr__(self) -> str:
        return "<absent>"


_ABSENT = _Absent()


# ----------------------------------------------------------------- quiet documents
# Random documents almost always have some protective factor holding or unknown. A
# quiet document settles every protective fact as "no", keeps every fact the
# framework must not weigh at random, then opens a few holes (unknowns) and flips
# a few answers, so that holistic_review and a needs_information with one or two
# open questions are common.

NOT_DESIGNATED = ("MX", "GT", "BR", "CO", "PE", "IN", "CN", "PH")

# Each protective input of protection-first: its path, and its "no".
QUIET: dict[tuple[str, ...], Any] = {
    ("person", "stateless"): False,
    ("person", "lgbtqi"): False,
    ("presence", "current_status"): "undocumented",
    ("custody", "harm_in_detention"): [],
    ("proceedings", "outcomes_won"): [],
    ("proceedings", "pending_actions_as_party"): [],
    ("proceedings", "dhs_appealing"): False,
    ("proceedings", "arrest", "racial_profiling_alleged"): False,
    ("proceedings", "arrest", "rights_violation_alleged"): False,
    ("relief",): [],
    ("rehabilitation", "programs_completed"): [],
    ("rehabilitation", "sentence_requirements_completed"): False,
    ("rehabilitation", "released_by_parole_board"): False,
    ("rehabilitation", "diversion_or_alternative_sentence"): False,
    ("rehabilitation", "sobriety_or_recovery"): False,
    ("family", "members"): [],
    ("family", "primary_caregiver"): False,
    ("family", "primary_provider"): False,
    ("family", "household_at_risk"): False,
    ("community", "employed"): False,
    ("community", "in_school"): False,
    ("community", "community_member"): False,
    ("community", "volunteer_or_service"): False,
    ("community", "military_service", "self"): False,
    ("community", "military_service", "immediate_family"): False,
    ("community", "letters_of_support"): 0,
    ("community", "owns_home_or_business"): False,
    ("community", "pays_taxes"): False,
    ("humanitarian", "fear_of_return"): False,
    ("humanitarian", "health", "serious_medical_condition"): False,
    ("humanitarian", "health", "mental_health_condition"): False,
    ("humanitarian", "health", "disability"): False,
    ("humanitarian", "health", "pregnant"): False,
    ("humanitarian", "survivor_of"): [],
    ("humanitarian", "vulnerable_groups"): [],
    ("humanitarian", "trauma"): False,
}

# The "yes" a flip writes instead (one that makes a factor hold).
LOUD: dict[tuple[str, ...], Any] = {
    path: (
        True
        if value is False
        else 1
        if value == 0 and not isinstance(value, list)
        else "asylee"
        if value == "undocumented"
        else None
    )
    for path, value in QUIET.items()
}
LOUD.update(
    {
        ("custody", "harm_in_detention"): ["abuse"],
        ("proceedings", "outcomes_won"): [{"forum": "bia"}],
        ("proceedings", "pending_actions_as_party"): [{"kind": "habeas"}],
        ("relief",): [{"type": "u_visa", "status": "pending"}],
        ("rehabilitation", "programs_completed"): ["GED"],
        ("family", "members"): [{"relationship": "child", "in_us": True}],
        ("humanitarian", "survivor_of"): ["torture"],
        ("humanitarian", "vulnerable_groups"): ["indigenous"],
    }
)


def set_path(doc: Doc, path: tuple[str, ...], value: Any) -> None:
    """Write ``value`` at ``path``, making the groups on the way."""
    for key in path[:-1]:
        if not isinstance(doc.get(key), dict):
            doc[key] = {}
        doc = doc[key]
    doc[path[-1]] = value


def delete_path(doc: Doc, path: tuple[str, ...]) -> None:
    for key in path[:-1]:
        doc = doc.get(key)
        if not isinstance(doc, dict):
            return
    doc.pop(path[-1], None)


def settled_histories() -> st.SearchStrategy[Doc]:
    """A criminal legal history whose convictions are known and carry no mitigating detail."""
    return st.fixed_dictionaries(
        {"convictions": lists(known_non_mitigating_convictions())},
        optional={
            "pending_charges": known_or_null(lists(pending_charges())),
            "arrests_without_conviction": known_or_null(whole_numbers),
            "gang_allegation": known_or_null(gang_allegations()),
        },
    )


@st.composite
def quiet_documents(draw: st.DrawFn, holes: int = 3, flips: int = 1) -> Doc:
    """A document where every protective factor is known not to hold, then a few
    holes (unknowns, up to ``holes``) and answers turned to "yes" (up to ``flips``).

    The facts protection-first must not weigh (criminal legal history, immigration
    violations, removal orders, entries), the holistic-review facts and the free
    text are drawn at random.
    """
    on = draw(assessed_dates)
    birth_year = draw(st.integers(on.year - 64, on.year - 19))  # 18-64 on the day
    entry_year = draw(st.integers(max(birth_year + 17, on.year - 8), on.year - 1))
    doc: Doc = {
        "format": 1,
        "id": draw(st.from_regex(r"Q-[0-9]{1,6}", fullmatch=True)),
        "assessed_on": on,
        "person": {
            "birth_date": birth_year,
            "citizenship": [draw(st.sampled_from(NOT_DESIGNATED))],
        },
        "presence": {"first_entry_date": entry_year},
    }
    for path, value in QUIET.items():
        set_path(doc, path, list(value) if isinstance(value, list) else value)
    if draw(st.booleans()):
        doc["presence"]["continuous_presence_since"] = entry_year
    # What protection-first never weighs, and the rest, at random.
    extras = draw(
        st.fixed_dictionaries(
            {},
            optional={
                ("presence", "last_entry_date"): known_or_null(
                    partial_dates(entry_year, on.year)
                ),
                ("presence", "manner_of_last_entry"): known_or_null(
                    values_of(m.MannerOfEntry)
                ),
                (
                    "presence",
                    "apprehended_at_border_attempting_unlawful_entry",
                ): known_or_null(flags),
                ("presence", "immigration_violations"): known_or_null(
                    lists(values_of(m.ImmigrationViolation))
                ),
                ("presence", "prior_removal_orders"): known_or_null(
                    lists(prior_removal_orders())
                ),
                ("custody", "detained"): known_or_null(flags),
                ("custody", "facility"): known_or_null(texts),
                ("proceedings", "in_removal_proceedings"): known_or_null(flags),
                ("proceedings", "final_order"): known_or_null(flags),
                ("proceedings", "arrest", "agency"): known_or_null(
                    values_of(m.ArrestAgency)
                ),
                ("rehabilitation", "supporters"): known_or_null(
                    lists(values_of(m.Supporter))
                ),
                ("security",): known_or_null(securities()),
                ("person", "pseudonym"): known_or_null(texts),
                ("person", "a_number"): known_or_null(a_numbers),
                ("narrative",): known_or_null(texts),
                ("evidence",): known_or_null(lists(evidence_items())),
            },
        )
    )
    for path, value in extras.items():
        set_path(doc, path, value)
    doc["criminal_legal_history"] = draw(
        st.one_of(
            settled_histories(),
            settled_histories(),
            settled_histories(),
            known_or_null(criminal_legal_histories()),
        )
    )
    paths = sorted(QUIET)
    for path in draw(st.lists(st.sampled_from(paths), max_size=holes, unique=True)):
        delete_path(doc, path)
    for path in draw(st.lists(st.sampled_from(paths), max_size=flips, unique=True)):
        set_path(doc, path, LOUD[path])
    return doc


def any_documents() -> st.SearchStrategy[Doc]:
    """Random documents and quiet ones, in about equal measure."""
    return case_documents() | quiet_documents()
