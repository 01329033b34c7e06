"""The case model follows shared/spec/case-format.md, format 1, field by field."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any, get_args

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from amparo.cases import Case, PartialDate
from amparo.cases import model as m

BASE: dict[str, Any] = {"format": 1, "id": "T-0001"}


def make(**sections: Any) -> Case:
    return Case.model_validate({**BASE, **sections})


def error_types(data: dict[str, Any]) -> list[tuple[tuple[Any, ...], str]]:
    with pytest.raises(ValidationError) as info:
        Case.model_validate(data)
    return [(tuple(e["loc"]), e["type"]) for e in info.value.errors()]


# --- the spec, copied by hand so that a change to either side is noticed -----

SPEC_FIELDS: dict[type[BaseModel], set[str]] = {
    m.Case: {
        "format", "id", "assessed_on", "person", "presence", "custody", "proceedings",
        "relief", "criminal_legal_history", "rehabilitation", "family", "community",
        "humanitarian", "security", "narrative", "evidence",
    },
    m.Person: {
        "pseudonym", "name", "a_number", "birth_date", "citizenship", "removal_country",
        "stateless", "gender_identity", "lgbtqi", "preferred_language",
    },
    m.Name: {"given", "family"},
    m.Presence: {
        "first_entry_date", "last_entry_date", "continuous_presence_since",
        "manner_of_last_entry", "apprehended_at_border_attempting_unlawful_entry",
        "current_status", "immigration_violations", "prior_removal_orders",
    },
    m.PriorRemovalOrder: {"date", "in_absentia", "executed"},
    m.Custody: {"detained", "detained_since", "facility", "harm_in_detention"},
    m.Proceedings: {
        "in_removal_proceedings", "court", "next_hearing", "final_order", "outcomes_won",
        "dhs_appealing", "pending_actions_as_party", "arrest",
    },
    m.OutcomeWon: {"forum", "date", "summary"},
    m.PendingAction: {"kind", "forum", "summary"},
    m.Arrest: {"agency", "date", "racial_profiling_alleged", "rights_violation_alleged", "summary"},
    m.ReliefItem: {"type", "status"},
    m.CriminalLegalHistory: {
        "convictions", "pending_charges", "arrests_without_conviction", "gang_allegation",
    },
    m.Conviction: {
        "offense", "date", "jurisdiction", "category", "aggravated_felony", "gang_element",
        "sentence_months", "age_at_offense", "post_conviction_relief",
        "age_at_conviction",  # addition: optional, documented on the model
    },
    m.PendingCharge: {"offense", "date", "category"},
    m.GangAllegation: {"alleged", "source", "contested", "convicted_of_gang_element"},
    m.Rehabilitation: {
        "programs_completed", "sentence_requirements_completed", "released_by_parole_board",
        "diversion_or_alternative_sentence", "sobriety_or_recovery", "supporters",
    },
    m.Family: {"members", "primary_caregiver", "primary_provider", "household_at_risk"},
    m.FamilyMember: {"relationship", "status", "age", "birth_date", "in_us", "depends_on_person"},
    m.Community: {
        "employed", "in_school", "community_member", "volunteer_or_service",
        "military_service", "letters_of_support", "owns_home_or_business", "pays_taxes",
    },
    m.MilitaryService: {"self", "immediate_family"},
    m.Humanitarian: {"fear_of_return", "health", "survivor_of", "vulnerable_groups", "trauma"},
    m.Health: {"serious_medical_condition", "mental_health_condition", "disability", "pregnant"},
    m.Security: {"national_security_allegation"},
    m.NationalSecurityAllegation: {"alleged", "basis", "rejected_by_court"},
    m.EvidenceItem: {"description", "supports", "file"},
}  # fmt: skip

SPEC_ENUMS: dict[type[enum.Enum], str] = {
    m.MannerOfEntry: "inspected without_inspection parole refugee_admission other",
    m.ImmigrationStatus: "usc_claim lpr conditional_resident refugee asylee tps daca parolee "
    "visa_holder overstay undocumented other",
    m.ImmigrationViolation: "unlawful_entry unlawful_reentry overstay status_violation other",
    m.DetentionHarm: "abuse sexual_assault inadequate_medical_care "
    "communicable_disease_exposure solitary_or_protective_custody other",
    m.Forum: "immigration_judge bia federal_district_court court_of_appeals state_court "
    "parole_board other",
    m.PendingActionKind: "civil_rights labor_or_employment habeas conditions_of_confinement "
    "family_court witness_or_victim_in_criminal_case other",
    m.ArrestAgency: "local_police state_police federal_law_enforcement ice cbp other",
    m.ReliefType: "asylum withholding cat u_visa t_visa vawa sijs family_petition "
    "employment_petition tps daca cancellation_of_removal adjustment_of_status "
    "naturalization registry other",
    m.ReliefStatus: "potentially_eligible eligible pending approved denied",
    m.OffenseCategory: "drug_possession drug_sale firearm dui violent property sex_offense "
    "immigration other",
    m.PostConvictionRelief: "none vacated expunged sealed pardoned commuted resentenced reduced",
    m.GangAllegationSource: "police_database ice court_finding other",
    m.Supporter: "parole_officer counselor employer clergy teacher family community_member other",
    m.Relationship: "child spouse domestic_partner parent sibling grandchild grandparent other",
    m.FamilyStatus: "usc lpr other",
    m.SurvivorOf: "trafficking domestic_violence sexual_assault other_crime torture persecution",
    m.VulnerableGroup: "lgbtqi indigenous unaccompanied_child religious_minority other",
}


def all_models() -> set[type[BaseModel]]:
    found: set[type[BaseModel]] = set()

    def walk(model: type[BaseModel]) -> None:
        found.add(model)
        for info in model.model_fields.values():
            for inner in _leaf_types(info.annotation):
                if (
                    isinstance(inner, type)
                    and issubclass(inner, BaseModel)
                    and inner not in found
                ):
                    walk(inner)

    walk(Case)
    return found


def _leaf_types(annotation: Any) -> list[Any]:
    # Unions, lists and Annotated alike: every type argument, recursively.
    args = get_args(annotation)
    if not args:
        return [annotation]
    return [leaf for arg in args for leaf in _leaf_types(arg)]


@pytest.mark.parametrize("model", list(SPEC_FIELDS), ids=lambda model: model.__name__)
def test_every_spec_field_is_in_the_model_under_its_spec_name(
    model: type[BaseModel],
) -> None:
    names = {info.alias or name for name, info in model.model_fields.items()}
    assert names == SPEC_FIELDS[model]


def test_the_spec_table_covers_every_model() -> None:
    assert all_models() == set(SPEC_FIELDS)


@pytest.mark.parametrize("choices", list(SPEC_ENUMS), ids=lambda e: e.__name__)
def test_every_enum_has_exactly_the_spec_values(choices: type[enum.Enum]) -> None:
    assert [member.value for member in choices] == SPEC_ENUMS[choices].split()


@pytest.mark.parametrize("model", list(SPEC_FIELDS), ids=lambda model: model.__name__)
def test_every_model_is_frozen_forbids_extras_and_has_a_docstring(
    model: type[BaseModel],
) -> None:
    assert model.model_config.get("extra") == "forbid"
    assert model.model_config.get("frozen") is True
    assert model.__doc__
    assert model.__doc__.strip()


@pytest.mark.parametrize("model", list(SPEC_FIELDS), ids=lambda model: model.__name__)
def test_every_field_is_optional_except_format_and_id(model: type[BaseModel]) -> None:
    for name, info in model.model_fields.items():
        if model is Case and name in {"format", "id"}:
            assert info.is_required()
        else:
            assert not info.is_required(), name
            assert info.default is None, name


# --- unknown is not "no" -------------------------------------------------------


def test_a_minimal_case_is_all_unknown() -> None:
    case = make()
    assert case.person is None
    assert case.family is None
    assert case.criminal_legal_history is None
    assert case.assessed_on is None
    assert case.removal_country_or_default is None


def test_absent_null_false_and_empty_list_stay_distinct() -> None:
    case = make(
        family={"members": [], "primary_caregiver": False, "primary_provider": None},
        criminal_legal_history={"convictions": []},
    )
    assert case.family is not None
    assert case.family.members == []  # a known "none"
    assert case.family.primary_caregiver is False  # a known "no"
    assert case.family.primary_provider is None  # unknown, written as null
    assert case.family.household_at_risk is None  # unknown, absent
    assert case.criminal_legal_history is not None
    assert case.criminal_legal_history.convictions == []
    assert case.criminal_legal_history.pending_charges is None


def test_sections_written_as_null_are_unknown() -> None:
    case = make(person=None, relief=None)
    assert case.person is None
    assert case.relief is None


# --- required fields and the format number ------------------------------------


@pytest.mark.parametrize("bad", [2, 0, "1", True, 1.0, None, "one"])
def test_format_must_be_the_integer_1(bad: object) -> None:
    # True == 1 and 1.0 == 1 in Python, but a document that says so is not format 1.
    assert error_types({"format": bad, "id": "x"}) == [(("format",), "format_version")]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"id": "x"}, [(("format",), "missing")]),
        ({"format": 1}, [(("id",), "missing")]),
        ({"format": 1, "id": ""}, [(("id",), "string_too_short")]),
        ({"format": 1, "id": 42}, [(("id",), "string_type")]),
        ({}, [(("format",), "missing"), (("id",), "missing")]),
    ],
)
def test_format_and_id_are_required(data: dict[str, Any], expected: list[Any]) -> None:
    assert error_types(data) == expected


# --- dates --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (2014, PartialDate(2014)),
        ("2014", PartialDate(2014)),
        ("2014-05", PartialDate(2014, 5)),
        ("2014-05-01", PartialDate(2014, 5, 1)),
        (dt.date(2014, 5, 1), PartialDate(2014, 5, 1)),
        (PartialDate(2014, 5), PartialDate(2014, 5)),
    ],
)
def test_partial_dates_accept_year_month_or_day(
    value: object, expected: PartialDate
) -> None:
    case = make(person={"birth_date": value})
    assert case.person is not None
    assert case.person.birth_date == expected


@pytest.mark.parametrize(
    "value",
    [
        "2014-13",
        "2014-02-30",
        "2014-5",
        "05/2014",
        "May 2014",
        "",
        " 2014",
        "٢٠١٤",  # Arabic-Indic digits: the schema's pattern means ASCII digits
        85,  # a two-digit year is a mistake, not the year 85
        20140501,
        True,
        dt.datetime(2014, 5, 1, 10, 0),
        [2014],
    ],
)
def test_partial_dates_reject_what_is_not_a_date(value: object) -> None:
    assert error_types({**BASE, "person": {"birth_date": value}}) == [
        (("person", "birth_date"), "partial_date")
    ]


@pytest.mark.parametrize("value", [dt.date(2021, 6, 28), "2021-06-28"])
def test_assessed_on_is_a_full_date(value: object) -> None:
    assert make(assessed_on=value).assessed_on == dt.date(2021, 6, 28)


@pytest.mark.parametrize(
    "value",
    [
        "2021-06",
        "2021",
        2021,
        "2021-6-28",
        "2021-02-30",
        dt.datetime(2021, 6, 28),
        True,
    ],
)
def test_assessed_on_rejects_partial_dates_and_timestamps(value: object) -> None:
    # A number must not be read as seconds since 1970, as pydantic's date would.
    assert error_types({**BASE, "assessed_on": value}) == [
        (("assessed_on",), "full_date")
    ]


@given(
    st.integers(1000, 9999),
    st.none() | st.integers(1, 12),
    st.none() | st.integers(1, 28),
)
def test_partial_dates_survive_a_trip_through_their_text(
    year: int, month: int | None, day: int | None
) -> None:
    date = PartialDate(year, month, day if month else None)
    case = make(presence={"first_entry_date": str(date)})
    assert case.presence is not None
    assert case.presence.first_entry_date == date


# --- countries and the A-number -------------------------------------------------


@pytest.mark.parametrize("value", ["gt", "GTM", "Guatemala", "", "G", 1, False, None])
def test_country_codes_are_two_capital_letters(value: object) -> None:
    if value is None:  # null is unknown, as everywhere
        assert make(person={"removal_country": None}).removal_country_or_default is None
        return
    assert error_types({**BASE, "person": {"removal_country": value}}) == [
        (("person", "removal_country"), "country_code")
    ]


def test_each_citizenship_is_checked_with_its_index() -> None:
    assert error_types({**BASE, "person": {"citizenship": ["GT", "mx", "HT"]}}) == [
        (("person", "citizenship", 1), "country_code")
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("A123456789", "A123456789"),
        ("A12345678", "A12345678"),
        ("A-123-456-789", "A123456789"),
        ("A123-456-789", "A123456789"),
        ("a123456789", "A123456789"),
    ],
)
def test_a_numbers_are_normalised_without_dashes(value: str, expected: str) -> None:
    person = make(person={"a_number": value}).person
    assert person is not None
    assert person.a_number == expected


@pytest.mark.parametrize(
    "value",
    [
        "123456789",
        "A1234567",
        "A1234567890",
        "A 123456789",
        "A12--3456789",
        "B123456789",
        123456789,
    ],
)
def test_a_numbers_reject_other_shapes(value: object) -> None:
    assert error_types({**BASE, "person": {"a_number": value}}) == [
        (("person", "a_number"), "a_number")
    ]


def test_sensitive_fields_stay_out_of_repr() -> None:
    case = make(
        person={"a_number": "A123456789", "name": {"given": "Ana", "family": "Pérez"}}
    )
    assert "A123456789" not in repr(case)
    assert "Pérez" not in repr(case)


# --- strict scalars ----------------------------------------------------------------


@pytest.mark.parametrize("value", ["yes", "true", 1, 0, "unknown"])
def test_bools_are_true_or_false_only(value: object) -> None:
    assert error_types({**BASE, "custody": {"detained": value}}) == [
        (("custody", "detained"), "bool_type")
    ]


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("6", "int_type"),
        (6.5, "int_type"),
        (True, "int_type"),
        (-1, "greater_than_equal"),
    ],
)
def test_counts_are_whole_numbers_zero_or_more(value: object, kind: str) -> None:
    assert error_types({**BASE, "family": {"members": [{"age": value}]}}) == [
        (("family", "members", 0, "age"), kind)
    ]


@pytest.mark.parametrize(
    ("section", "field"),
    [
        ("criminal_legal_history", ("convictions", 0, "sentence_months")),
        ("criminal_legal_history", ("convictions", 0, "age_at_offense")),
        ("criminal_legal_history", ("convictions", 0, "age_at_conviction")),
        ("criminal_legal_history", ("arrests_without_conviction",)),
        ("community", ("letters_of_support",)),
    ],
)
def test_every_count_rejects_negative_numbers(
    section: str, field: tuple[Any, ...]
) -> None:
    value: Any = -1
    for part in reversed(field):
        value = [value] if isinstance(part, int) else {part: value}
    assert error_types({**BASE, section: value}) == [
        ((section, *field), "greater_than_equal")
    ]


def test_zero_is_a_known_count() -> None:
    case = make(criminal_legal_history={"arrests_without_conviction": 0})
    assert case.criminal_legal_history is not None
    assert case.criminal_legal_history.arrests_without_conviction == 0


# --- enums, aliases, additions ------------------------------------------------------


def test_enum_values_are_accepted_as_text_and_compare_as_text() -> None:
    case = make(family={"members": [{"relationship": "grandchild", "status": "usc"}]})
    assert case.family is not None
    assert case.family.members is not None
    member = case.family.members[0]
    assert member.relationship is m.Relationship.GRANDCHILD
    assert member.relationship == "grandchild"


@pytest.mark.parametrize("value", ["Child", "cousin", "", 3, None])
def test_enums_reject_values_outside_the_spec(value: object) -> None:
    if value is None:
        return  # null is unknown; covered by test_absent_null_false_and_empty_list_stay_distinct
    assert error_types({**BASE, "family": {"members": [{"relationship": value}]}}) == [
        (("family", "members", 0, "relationship"), "enum")
    ]


def test_military_service_self_is_written_self() -> None:
    case = make(
        community={"military_service": {"self": True, "immediate_family": False}}
    )
    assert case.community is not None
    assert case.community.military_service is not None
    assert case.community.military_service.self_ is True
    dumped = case.community.military_service.model_dump(by_alias=True)
    assert dumped == {"self": True, "immediate_family": False}
    assert m.MilitaryService(self_=True).self_ is True


def test_age_at_conviction_is_an_optional_addition() -> None:
    case = make(criminal_legal_history={"convictions": [{"age_at_conviction": 19}]})
    assert case.criminal_legal_history is not None
    assert case.criminal_legal_history.convictions is not None
    conviction = case.criminal_legal_history.convictions[0]
    assert conviction.age_at_conviction == 19
    assert conviction.age_at_offense is None


def test_unknown_fields_are_rejected_at_every_level() -> None:
    assert error_types(
        {**BASE, "humanitarian": {"health": {"pregnant": True, "hungry": True}}}
    ) == [(("humanitarian", "health", "hungry"), "extra_forbidden")]


def test_models_are_frozen() -> None:
    case = make(person={"pseudonym": "Ana"})
    with pytest.raises(ValidationError):
        case.id = "other"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("person", "expected"),
    [
        (None, None),
        ({}, None),
        ({"citizenship": []}, None),
        ({"citizenship": ["GT", "MX"]}, "GT"),
        ({"citizenship": ["GT"], "removal_country": "MX"}, "MX"),
        ({"removal_country": "HT"}, "HT"),
    ],
)
def test_removal_country_defaults_to_the_first_citizenship(
    person: dict[str, Any] | None, expected: str | None
) -> None:
    assert make(person=person).removal_country_or_default == expected


def test_the_spec_example_means_what_the_spec_says() -> None:
    case = make(
        assessed_on="2021-06-28",
        person={"pseudonym": "Ana", "birth_date": "1961-02", "citizenship": ["GT"]},
        presence={
            "first_entry_date": 2002,
            "current_status": "undocumented",
            "prior_removal_orders": [{"date": "2001-11", "in_absentia": True}],
        },
        family={
            "members": [
                {"relationship": "grandchild", "status": "usc", "age": 6, "in_us": True,
                 "depends_on_person": True}
            ],
            "primary_caregiver": True,
        },
        criminal_legal_history={"convictions": []},
    )  # fmt: skip
    assert case.presence is not None
    assert case.presence.prior_removal_orders is not None
    order = case.presence.prior_removal_orders[0]
    assert order.in_absentia is True
    assert order.executed is None  # not said, so unknown
    # "Her health, her community and her relief are unknown, not absent."
    assert case.humanitarian is None
    assert case.community is None
    assert case.relief is None
