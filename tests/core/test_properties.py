"""Properties of protection-first over generated case documents.

(a) Nothing the framework must not weigh (a conviction, a pending charge, a gang
    allegation, an immigration violation, a prior removal order, more arrests, a
    later entry) ever counts against the person; a mitigating conviction only adds.
(b) Settling what is unknown never takes a known outcome or factor away (Kleene).
(c) A case written as YAML reads back equal.
(d) The JSON of an assessment has the public shape, and is the same every time.

A note on (a) and unknown lists. Adding a conviction to a record whose convictions
were unknown also tells us the convictions are known, and a known list can settle
a mitigating fact that was unknown ("has any conviction been vacated?"): the same
happens when we learn the list is ``[]``. So the reference for such an addition is
the same record with ``convictions: []``, not the record before: a conviction must
change nothing compared with no conviction at all.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.core import strategies as S

import amparo
from amparo.cases.load import case_from_data, dump_case_yaml, parse_case
from amparo.engine.assess import Assessment, assess_facts
from amparo.facts.catalogue import catalogue

FRAMEWORK = amparo.get_framework("protection-first")
FACTOR_IDS = [f.id for f in FRAMEWORK.factors]
RANK = {"holistic_review": 0, "needs_information": 1, "presumptive_protection": 2}
# AMPARO_PROPERTY_EXAMPLES=5000 searches harder (the default keeps the file near 20 s).
SETTINGS = settings(
    max_examples=int(os.environ.get("AMPARO_PROPERTY_EXAMPLES", "200")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
# Factors that read a fact drawn from criminal_legal_history (mitigating facts only).
READS_CONVICTIONS = {"criminal_justice_reform"}


def assess_doc(doc: S.Doc) -> Assessment:
    return amparo.assess(case_from_data(doc))


def values(result: Assessment) -> dict[str, bool | None]:
    return {r.factor.id: r.value for r in result.factors}


def holding(result: Assessment) -> set[str]:
    return {r.factor.id for r in result.factors if r.value is True}


def not_weighed_ids(result: Assessment) -> set[str]:
    return {item.item.id for item in result.not_weighed}


def describe(before: Assessment, after: Assessment) -> str:
    changed = {
        k: (v, values(after)[k])
        for k, v in values(before).items()
        if values(after)[k] != v
    }
    return f"outcome {before.outcome} -> {after.outcome}; factors changed: {changed}"


# ------------------------------------------------------------------------ additions


def group(doc: S.Doc, *path: str) -> dict[str, Any]:
    """The group at ``path``, made (over an absent or null one) if needed."""
    for key in path:
        if not isinstance(doc.get(key), dict):
            doc[key] = {}
        doc = doc[key]
    return doc


def list_is_known(doc: S.Doc, section: str, field: str) -> bool:
    value = doc.get(section)
    return isinstance(value, dict) and isinstance(value.get(field), list)


def appended(doc: S.Doc, section: str, field: str, item: Any) -> S.Doc:
    out = copy.deepcopy(doc)
    where = group(out, section)
    if isinstance(where.get(field), list):
        where[field].append(item)
    else:
        where[field] = [item]
    return out


def made_known(doc: S.Doc, section: str, field: str) -> S.Doc:
    """The record with this list known: unchanged if it was, ``[]`` if it was not."""
    out = copy.deepcopy(doc)
    where = group(out, section)
    if not isinstance(where.get(field), list):
        where[field] = []
    return out


LIST_ADDITIONS = {
    "conviction": ("criminal_legal_history", "convictions"),
    "pending_charge": ("criminal_legal_history", "pending_charges"),
    "immigration_violation": ("presence", "immigration_violations"),
    "prior_removal_order": ("presence", "prior_removal_orders"),
}
NOT_WEIGHED_BY_ADDITION = {
    "conviction": "criminal_legal_contacts",
    "pending_charge": "criminal_legal_contacts",
    "gang_allegation": "criminal_legal_contacts",
    "arrests": "criminal_legal_contacts",
    "immigration_violation": "immigration_violations",
    "prior_removal_order": "prior_removal_orders",
}


def add(doc: S.Doc, kind: str, item: Any) -> tuple[S.Doc, S.Doc]:
    """The record with ``item`` added, and the record to compare it with.

    The reference is the record before, except where the addition also makes an
    unknown list known: then it is the record with that list ``[]``.
    """
    if kind in LIST_ADDITIONS:
        section, field = LIST_ADDITIONS[kind]
        return appended(doc, section, field, item), made_known(doc, section, field)
    out = copy.deepcopy(doc)
    if kind == "gang_allegation":
        group(out, "criminal_legal_history")["gang_allegation"] = item
    elif kind == "arrests":
        history = group(out, "criminal_legal_history")
        history["arrests_without_conviction"] = (
            history.get("arrests_without_conviction") or 0
        ) + item
    elif kind == "later_last_entry":
        presence = case_from_data(doc).presence
        last = presence.last_entry_date if presence else None
        start = last.latest if last else dt.date(S.FIRST_YEAR, 1, 1)
        group(out, "presence")["last_entry_date"] = start + dt.timedelta(days=item)
    else:  # pragma: no cover - a typo in a test
        raise AssertionError(kind)
    return out, doc


NON_MITIGATING = st.one_of(
    st.tuples(st.just("conviction"), S.known_non_mitigating_convictions()),
    st.tuples(st.just("pending_charge"), S.pending_charges()),
    st.tuples(st.just("gang_allegation"), S.gang_allegations_alleged()),
    st.tuples(st.just("immigration_violation"), S.immigration_violations),
    st.tuples(st.just("prior_removal_order"), S.prior_removal_orders()),
    st.tuples(st.just("arrests"), st.integers(1, 20)),
    st.tuples(st.just("later_last_entry"), st.integers(1, 4000)),
)


@SETTINGS
@given(doc=S.any_documents(), addition=NON_MITIGATING)
def test_a_non_mitigating_contact_changes_no_factor_and_no_outcome(
    doc: S.Doc, addition: tuple[str, Any]
) -> None:
    kind, item = addition
    after_doc, reference_doc = add(doc, kind, item)
    before, reference, after = (
        assess_doc(doc),
        assess_doc(reference_doc),
        assess_doc(after_doc),
    )
    # Exactly as if the contact were not in the record (or the list were known empty).
    assert values(after) == values(reference), describe(reference, after)
    assert after.outcome == reference.outcome, describe(reference, after)
    # Compared with the record before: never worse, never a protective factor lost.
    assert holding(after) >= holding(before), describe(before, after)
    if reference_doc is doc or kind != "conviction":
        assert RANK[after.outcome] >= RANK[before.outcome], describe(before, after)
    # Only a factor that reads mitigating conviction facts may even settle.
    for factor_id in set(FACTOR_IDS) - READS_CONVICTIONS:
        assert values(after)[factor_id] == values(before)[factor_id], factor_id
    # And the record lists it among the facts not weighed.
    if kind in NOT_WEIGHED_BY_ADDITION:
        assert NOT_WEIGHED_BY_ADDITION[kind] in not_weighed_ids(after)


@SETTINGS
@given(doc=S.any_documents(), conviction=S.non_mitigating_convictions())
def test_a_conviction_with_unknown_details_only_opens_questions(
    doc: S.Doc, conviction: S.Doc
) -> None:
    """A conviction whose post-conviction relief or age at the offense is not written
    down: it might have been vacated, or committed at 16. So criminal_justice_reform
    may turn from "no" to unknown (and the outcome from holistic_review to
    needs_information), but nothing turns against the person."""
    after_doc, reference_doc = add(doc, "conviction", conviction)
    before, reference, after = (
        assess_doc(doc),
        assess_doc(reference_doc),
        assess_doc(after_doc),
    )
    assert holding(after) >= holding(before), describe(before, after)
    assert holding(after) == holding(reference), describe(reference, after)
    assert RANK[after.outcome] >= RANK[reference.outcome], describe(reference, after)
    for factor_id, value in values(reference).items():
        new = values(after)[factor_id]
        if factor_id in READS_CONVICTIONS and value is False:
            assert new in (False, None), describe(reference, after)
        else:
            assert new == value, describe(reference, after)
    if reference_doc is doc:
        assert RANK[after.outcome] >= RANK[before.outcome], describe(before, after)
    assert "criminal_legal_contacts" in not_weighed_ids(after)


@SETTINGS
@given(doc=S.any_documents(), conviction=S.mitigating_convictions())
def test_a_mitigating_conviction_only_adds_criminal_justice_reform(
    doc: S.Doc, conviction: S.Doc
) -> None:
    after_doc, _ = add(doc, "conviction", conviction)
    before, after = assess_doc(doc), assess_doc(after_doc)
    assert holding(after) >= holding(before), describe(before, after)
    assert holding(after) - holding(before) <= READS_CONVICTIONS
    assert values(after)["criminal_justice_reform"] is True
    assert after.outcome == "presumptive_protection"
    for factor_id in set(FACTOR_IDS) - READS_CONVICTIONS:
        assert values(after)[factor_id] == values(before)[factor_id], factor_id


QUIET_CASE = """\
person: {birth_date: 1990, citizenship: [MX], stateless: false, lgbtqi: false}
presence: {first_entry_date: 2019, current_status: undocumented}
custody: {harm_in_detention: []}
proceedings:
  outcomes_won: []
  pending_actions_as_party: []
  dhs_appealing: false
  arrest: {racial_profiling_alleged: false, rights_violation_alleged: false}
relief: []
rehabilitation:
  programs_completed: []
  sentence_requirements_completed: false
  released_by_parole_board: false
  diversion_or_alternative_sentence: false
  sobriety_or_recovery: false
family: {members: [], primary_caregiver: false, primary_provider: false, household_at_risk: false}
community:
  employed: false
  in_school: false
  community_member: false
  volunteer_or_service: false
  military_service: {self: false, immediate_family: false}
  letters_of_support: 0
  owns_home_or_business: false
  pays_taxes: false
humanitarian:
  fear_of_return: false
  health: {serious_medical_condition: false, mental_health_condition: false, disability: false, pregnant: false}
  survivor_of: []
  vulnerable_groups: []
  trauma: false
"""


def _outcome(history: str) -> tuple[str, bool | None]:
    result = amparo.assess(_case(QUIET_CASE + history))
    return result.outcome, values(result)["criminal_justice_reform"]


@pytest.mark.parametrize(
    ("history", "outcome", "reform"),
    [
        # Convictions unknown: they might show a vacated conviction.
        ("", "needs_information", None),
        ("criminal_legal_history: {convictions: []}\n", "holistic_review", False),
        # A conviction known to carry nothing mitigating: as if there were none.
        (
            "criminal_legal_history:\n  convictions: [{category: violent, aggravated_felony: true,"
            " post_conviction_relief: none, age_at_offense: 25}]\n  pending_charges: [{}]\n"
            "  gang_allegation: {alleged: true}\n  arrests_without_conviction: 7\n",
            "holistic_review",
            False,
        ),
        # Its relief not written down: it may have been vacated; a question, never a bar.
        (
            "criminal_legal_history: {convictions: [{category: dui, age_at_offense: 25}]}\n",
            "needs_information",
            None,
        ),
        # The age at the offense not written down: it may have been at 16.
        (
            "criminal_legal_history: {convictions: [{category: dui, post_conviction_relief: none}]}\n",
            "needs_information",
            None,
        ),
        # Mitigating: vacated, or an offense at 16.
        (
            "criminal_legal_history: {convictions: [{post_conviction_relief: vacated}]}\n",
            "presumptive_protection",
            True,
        ),
        (
            "criminal_legal_history: {convictions: [{age_at_offense: 16}]}\n",
            "presumptive_protection",
            True,
        ),
        # Under 18 on the conviction date (born 1990): the offense came first.
        (
            "criminal_legal_history: {convictions: [{date: 2006-05-01}]}\n",
            "presumptive_protection",
            True,
        ),
    ],
)
def test_worked_examples_of_convictions(
    history: str, outcome: str, reform: bool | None
) -> None:
    assert _outcome(history) == (outcome, reform)


# ------------------------------------------------------------- settling unknowns

CONVICTION_EVIDENCE_OF_AGE = ("age_at_conviction", "date")


def fill_paths(
    known: Any, other: Any, path: tuple[Any, ...] = ()
) -> list[tuple[Any, ...]]:
    """Every place where ``known`` leaves a field unknown (absent or null) and
    ``other`` has a value for it: filling it in settles an unknown, nothing else.

    Not offered: fields whose absence means a default rather than unknown
    (``assessed_on`` is today, ``removal_country`` the first citizenship,
    ``continuous_presence_since`` the first entry), and an ``age_at_offense``
    beside other evidence of the age (a document could then contradict itself:
    convicted at 15 for an offense at 30).
    """
    out: list[tuple[Any, ...]] = []
    if isinstance(known, dict) and isinstance(other, dict):
        for key, value in other.items():
            here = (*path, key)
            if value is None or here in (("assessed_on",), ("format",), ("id",)):
                continue
            if key not in known or known[key] is None:
                if _is_default(known, here) or _contradicts(known, key, path):
                    continue
                out.append(here)
            else:
                out.extend(fill_paths(known[key], value, here))
    elif isinstance(known, list) and isinstance(other, list):
        for index, (mine, theirs) in enumerate(zip(known, other, strict=False)):
            if isinstance(mine, dict):
                out.extend(fill_paths(mine, theirs, (*path, index)))
    return out


def _is_default(known: dict[str, Any], path: tuple[Any, ...]) -> bool:
    if path == ("person", "removal_country"):
        return bool(known.get("citizenship"))
    if path == ("presence", "continuous_presence_since"):
        return known.get("first_entry_date") is not None
    return False


def _contradicts(known: dict[str, Any], key: str, path: tuple[Any, ...]) -> bool:
    in_conviction = len(path) >= 2 and path[-2] == "convictions"
    return (
        in_conviction
        and key == "age_at_offense"
        and any(known.get(k) is not None for k in CONVICTION_EVIDENCE_OF_AGE)
    )


def get_at(doc: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        doc = doc[key]
    return doc


def set_at(doc: Any, path: tuple[Any, ...], value: Any) -> None:
    for key in path[:-1]:
        doc = doc[key]
    doc[path[-1]] = value


@SETTINGS
@given(doc=S.any_documents(), other=S.case_documents(), data=st.data())
def test_settling_unknown_fields_keeps_every_known_factor_and_outcome(
    doc: S.Doc, other: S.Doc, data: st.DataObject
) -> None:
    before = assess_doc(doc)
    paths = fill_paths(doc, other)
    chosen = (
        data.draw(
            st.lists(st.sampled_from(paths), min_size=1, unique=True), label="fill"
        )
        if paths
        else []
    )
    filled = copy.deepcopy(doc)
    # Outer paths first, so that a filled group is not filled again inside.
    for path in sorted(chosen, key=len):
        if not any(path[: len(p)] == p for p in chosen if len(p) < len(path)):
            set_at(filled, path, copy.deepcopy(get_at(other, path)))
    after = assess_doc(filled)
    # Every fact the record settled stays settled, with the same value.
    facts_before = amparo.derive_facts(case_from_data(doc))
    facts_after = amparo.derive_facts(case_from_data(filled))
    for name, value in facts_before.items():
        if value is not None and name not in KLEENE_BUG_FACTS:
            assert facts_after[name] == value, (name, chosen)
    for factor_id, value in values(before).items():
        if value is not None:
            assert values(after)[factor_id] == value, (factor_id, chosen)
    if before.outcome == "presumptive_protection":
        assert after.outcome == "presumptive_protection", chosen
    if before.outcome != "needs_information":  # a known outcome stays known
        assert after.outcome == before.outcome, chosen


# See test_a_gang_conviction_is_unknown_while_the_allegation_is_unsettled.
KLEENE_BUG_FACTS = {"has_gang_element_conviction"}


def _case(text: str) -> Any:
    return parse_case("format: 1\nid: K-1\nassessed_on: 2021-06-28\n" + text)


def test_a_gang_conviction_reads_the_convictions_and_the_gang_section() -> None:
    """The list settles it when the section is silent; a yes from either wins."""
    history = "criminal_legal_history:\n  convictions: [{gang_element: false}]\n"
    silent = _case(history + "  gang_allegation: {alleged: true}\n")
    absent = _case(history)
    contradicted = _case(
        history
        + "  gang_allegation: {alleged: true, convicted_of_gang_element: true}\n"
    )
    unknown_list = _case(
        "criminal_legal_history:\n  convictions: [{offense: theft}]\n"
        "  gang_allegation: {alleged: true}\n"
    )
    said_no = _case(
        "criminal_legal_history:\n  convictions: [{offense: theft}]\n"
        "  gang_allegation: {alleged: true, convicted_of_gang_element: false}\n"
    )
    facts = amparo.derive_facts
    assert facts(silent)["has_gang_element_conviction"] is False
    assert facts(absent)["has_gang_element_conviction"] is False
    assert facts(contradicted)["has_gang_element_conviction"] is True
    assert facts(unknown_list)["has_gang_element_conviction"] is None
    assert facts(said_no)["has_gang_element_conviction"] is False


def _unsettled(value: Any) -> bool:
    return value is None or (isinstance(value, tuple) and value[0] != value[1])


def _settled_value(data: st.DataObject, fact_id: str, value: Any) -> Any:
    """A known value for an unknown fact, or a narrower span inside a span."""
    fact = catalogue()[fact_id]
    if fact.type == "bool":
        return data.draw(st.booleans())
    if fact.type == "enum":
        return data.draw(st.sampled_from(fact.values))
    if fact.type == "country":
        return data.draw(S.countries)
    if fact.type == "number":
        lo, hi = value if value is not None else (-1, 130)
        a = data.draw(st.integers(lo, hi))
        return (a, data.draw(st.integers(a, hi)) if value is None else a)
    lo, hi = (
        value if value is not None else (dt.date(1900, 1, 1), dt.date(2030, 12, 31))
    )
    a = data.draw(st.dates(lo, hi))
    return (a, a) if data.draw(st.booleans()) else (a, data.draw(st.dates(a, hi)))


@SETTINGS
@given(doc=S.any_documents(), data=st.data())
def test_settling_unknown_facts_never_changes_a_known_factor(
    doc: S.Doc, data: st.DataObject
) -> None:
    case = case_from_data(doc)
    on = case.assessed_on or dt.date.today()
    facts = amparo.derive_facts(case, on)
    before = assess_facts(FRAMEWORK, facts, on)
    unsettled = sorted(name for name, value in facts.items() if _unsettled(value))
    if not unsettled:
        return
    chosen = data.draw(st.lists(st.sampled_from(unsettled), min_size=1, unique=True))
    settled = dict(facts)
    for name in chosen:
        settled[name] = _settled_value(data, name, facts[name])
    after = assess_facts(FRAMEWORK, settled, on)
    for factor_id, value in values(before).items():
        if value is not None:
            assert values(after)[factor_id] == value, (
                factor_id,
                {n: settled[n] for n in chosen},
            )
    for category, value in before.categories.items():
        if value is not None:
            assert after.categories[category] == value
    if before.outcome != "needs_information":
        assert after.outcome == before.outcome


# -------------------------------------------------------------------- round trip


@SETTINGS
@given(doc=S.any_documents())
def test_a_case_written_as_yaml_reads_back_equal(doc: S.Doc) -> None:
    case = case_from_data(doc)
    text = dump_case_yaml(case)
    assert parse_case(text) == case, text


# ---------------------------------------------------------------------- the JSON


@SETTINGS
@given(doc=S.any_documents(), lang=st.sampled_from(["en", "es"]))
def test_the_json_has_the_public_shape_and_is_deterministic(
    doc: S.Doc, lang: str
) -> None:
    case = case_from_data(doc)
    out = amparo.to_json(amparo.assess(case), lang=lang)
    assert json.loads(json.dumps(out)) == out  # plain JSON all the way down
    assert out == amparo.to_json(amparo.assess(case_from_data(doc)), lang=lang)
    for key in (
        "case_id",
        "framework",
        "assessed_on",
        "outcome",
        "factors",
        "categories",
    ):
        assert key in out
    assert {"not_weighed", "questions"} <= set(out)
    assert out["case_id"] == case.id
    assert out["framework"] == "protection-first"
    assert out["assessed_on"] == (case.assessed_on or dt.date.today()).isoformat()
    assert out["outcome"] in RANK
    assert [f["id"] for f in out["factors"]] == FACTOR_IDS
    for factor in out["factors"]:
        assert {"id", "category", "value", "facts", "citation"} <= set(factor)
        assert factor["value"] in (True, False, None)
        assert isinstance(factor["facts"], dict)
        assert factor["citation"]
    assert set(out["categories"]) == {
        "interests_of_justice",
        "family_and_community",
        "humanitarian",
    }
    for item in out["not_weighed"]:
        assert {"id", "facts", "reason"} <= set(item)
        assert item["facts"]
        assert item["reason"]
    for question in out["questions"]:
        assert {"fact", "prompt"} <= set(question)
        assert question["prompt"]
    if out["outcome"] == "presumptive_protection":
        assert out["questions"] == []
        assert any(f["value"] is True for f in out["factors"])
    elif out["outcome"] == "needs_information":
        assert out["questions"], "needs_information must say what would settle it"
        assert not any(f["value"] is True for f in out["factors"])
        assert any(f["value"] is None for f in out["factors"])
    else:
        assert out["questions"] == []
        assert all(f["value"] is False for f in out["factors"])


# --------------------------------------------------------- the strategies themselves


def _model_paths() -> set[str]:
    """Every field path of the case model, list items written ``[]``."""
    from pydantic import BaseModel

    from amparo.cases.load import _fields, _unwrap

    paths: set[str] = set()

    def walk(model: type[BaseModel], prefix: str) -> None:
        for name, info in _fields(model).items():
            path = f"{prefix}.{name}" if prefix else name
            paths.add(path)
            inner = _unwrap(info.annotation)
            if getattr(inner, "__origin__", None) is list:
                inner = _unwrap(inner.__args__[0])
                path += "[]"
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                walk(inner, path)

    from amparo.cases.model import Case

    walk(Case, "")
    return paths


def _doc_paths(value: Any, prefix: str, into: set[str]) -> None:
    if isinstance(value, dict):
        for key, inner in value.items():
            path = f"{prefix}.{key}" if prefix else key
            if inner is not None:
                into.add(path)
            _doc_paths(inner, path, into)
    elif isinstance(value, list):
        for item in value:
            _doc_paths(item, prefix + "[]", into)


@pytest.mark.parametrize("name", sorted(S.SECTIONS))
def test_the_case_strategy_reaches_every_field_of_the_format(name: str) -> None:
    seen: set[str] = set()

    @settings(max_examples=100, derandomize=True, deadline=None, database=None)
    @given(S.SECTIONS[name])
    def draw(value: Any) -> None:
        _doc_paths({name: value}, "", seen)

    draw()
    expected = {
        p
        for p in _model_paths()
        if p == name or p.startswith((f"{name}.", f"{name}[]"))
    }
    assert expected - seen == set()


def test_the_documents_have_every_top_level_field_and_reach_every_outcome() -> None:
    seen: set[str] = set()
    outcomes: set[str] = set()

    @settings(max_examples=100, derandomize=True, deadline=None, database=None)
    @given(S.any_documents())
    def draw(doc: S.Doc) -> None:
        seen.update(key for key, value in doc.items() if value is not None)
        outcomes.add(assess_doc(doc).outcome)

    draw()
    assert {p for p in _model_paths() if "." not in p and "[" not in p} - seen == set()
    assert outcomes == set(RANK)
