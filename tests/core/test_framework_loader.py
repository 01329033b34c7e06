"""Loading a framework folder: the real protection-first, and broken copies of it.

Each broken framework is a copy of protection-first with one thing changed. The
loader must refuse it with a FrameworkLoadError that names the file, the factor
(or parameter) and what to do.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

import amparo
from amparo.errors import FrameworkLoadError
from amparo.facts.catalogue import catalogue
from amparo.rules import expr
from amparo.rules.framework import Framework, load_framework
from amparo.rules.registry import framework_folders

SOURCE = framework_folders()["protection-first"]

# frameworks.md §1, exactly.
FACTORS_BY_CATEGORY = {
    "interests_of_justice": [
        "unlawful_arrest",
        "vindicating_rights",
        "relief_available",
        "criminal_justice_reform",
    ],
    "family_and_community": [
        "family_in_us",
        "caregiver_or_provider",
        "community_ties",
        "long_residence",
    ],
    "humanitarian": [
        "country_conditions",
        "age",
        "health_or_disability",
        "vulnerable_group",
        "trauma",
    ],
}
NOT_WEIGHED = {
    "recent_entry",
    "criminal_legal_contacts",
    "immigration_violations",
    "prior_removal_orders",
}
LAST_ENTRY_FIELDS = {
    "presence.last_entry_date",
    "presence.manner_of_last_entry",
    "presence.apprehended_at_border_attempting_unlawful_entry",
}


# ------------------------------------------------------------------- helpers


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A fresh copy of protection-first to break."""
    target = tmp_path / "protection-first"
    shutil.copytree(SOURCE, target)
    return target


def factor_file(folder: Path, factor_id: str) -> Path:
    for path in sorted((folder / "factors").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if any(item.get("id") == factor_id for item in data.get("factors") or ()):
            return path
    raise AssertionError(f"no factor {factor_id!r}")


def edit_factor(
    folder: Path, factor_id: str, change: Callable[[dict[str, Any]], None]
) -> Path:
    """Change one factor in its file; return the file."""
    path = factor_file(folder, factor_id)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for item in data["factors"]:
        if item["id"] == factor_id:
            change(item)
    path.write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return path


def set_when(folder: Path, factor_id: str, when: str) -> Path:
    return edit_factor(folder, factor_id, lambda item: item.__setitem__("when", when))


def edit_parameter(
    folder: Path, name: str, change: Callable[[dict[str, Any]], None]
) -> Path:
    path = folder / "parameters" / f"{name}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return path


def load_error(folder: Path) -> FrameworkLoadError:
    with pytest.raises(FrameworkLoadError) as info:
        load_framework(folder)
    return info.value


def the_problem(error: FrameworkLoadError, *words: str) -> str:
    """The one problem's text, checked for each of ``words``."""
    assert len(error.problems) == 1, str(error)
    text = str(error.problems[0])
    for word in words:
        assert word in text, text
    assert text in str(error)
    return text


# --------------------------------------------------------- the real framework


@pytest.fixture(scope="module")
def real() -> Framework:
    return amparo.get_framework("protection-first")


def test_the_real_framework_loads_from_its_folder() -> None:
    framework = load_framework(SOURCE)
    assert framework.id == "protection-first"
    assert framework.kind == "protection"


def test_it_has_the_thirteen_factors_in_three_categories(real: Framework) -> None:
    assert [c.id for c in real.categories] == list(FACTORS_BY_CATEGORY)
    by_category: dict[str, list[str]] = {}
    for factor in real.factors:
        by_category.setdefault(factor.category, []).append(factor.id)
    assert {k: sorted(v) for k, v in by_category.items()} == {
        k: sorted(v) for k, v in FACTORS_BY_CATEGORY.items()
    }
    assert len(real.factors) == 13
    assert all(f.role == "protective" for f in real.factors)


def test_the_outcomes_are_the_three_of_the_spec(real: Framework) -> None:
    assert [r.id for r in real.outcome_rules] == [
        "presumptive_protection",
        "holistic_review",
    ]
    assert real.unknown_outcome == "needs_information"
    for outcome in ("presumptive_protection", "needs_information", "holistic_review"):
        assert real.outcome_labels[outcome]["en"]
        assert real.outcome_labels[outcome]["es"]
    assert all(rule.cites for rule in real.outcome_rules)


def test_every_factor_cites_the_letter_with_a_pinpoint(real: Framework) -> None:
    for factor in real.factors:
        letter = [c for c in factor.cites if c.source.id == "letter"]
        assert letter, factor.id
        assert all(c.at and c.at.strip() for c in letter), factor.id
        assert all(not c.unconfirmed for c in letter), factor.id
    assert real.sources["letter"].date is not None
    assert real.sources["letter"].date.isoformat() == "2021-06-28"


def test_every_factor_has_labels_and_evidence(real: Framework) -> None:
    for factor in real.factors:
        assert factor.label.get("en"), factor.id
        assert factor.label.get("es"), factor.id
        assert factor.evidence, factor.id
        for item in factor.evidence:
            assert item.get("en"), factor.id
            assert item.get("es"), factor.id


def test_every_parameter_used_has_a_cited_value_or_a_reading(real: Framework) -> None:
    used: set[str] = set()
    for factor in real.factors:
        used |= expr.param_names(factor.condition)
    for item in real.not_weighed:
        used |= expr.param_names(item.present)
    assert used >= {
        "long_residence_years",
        "arrived_young_age",
        "tender_age",
        "advanced_age",
    }
    assert "tps_or_ded_countries" in used
    for name in sorted(used):
        parameter = real.parameters[name]
        assert parameter.values, name
        assert any(value.cites for value in parameter.values), name
        assert parameter.reading or all(value.cites for value in parameter.values), name
        first = real.in_force[0].start
        assert parameter.first_day <= first, name


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("long_residence_years", 10),
        ("arrived_young_age", 16),
        ("tender_age", 18),
        ("advanced_age", 65),
    ],
)
def test_the_parameter_defaults_of_the_spec(
    real: Framework, name: str, value: int
) -> None:
    import datetime as dt

    assert real.parameters[name].value_on(dt.date(2021, 6, 28)) == value
    assert real.parameters[name].reading  # each is the project's reading of the letter


def test_the_four_facts_not_weighed_are_there(real: Framework) -> None:
    assert {item.id for item in real.not_weighed} == NOT_WEIGHED
    for item in real.not_weighed:
        assert item.reason.get("en"), item.id
        assert item.reason.get("es"), item.id
        assert any(c.source.id == "letter" and c.at for c in item.cites), item.id


def test_every_fact_it_must_not_weigh_is_listed(real: Framework) -> None:
    listed = {fact for item in real.not_weighed for fact in item.facts}
    must = {
        fact.id
        for fact in catalogue().facts.values()
        if fact.field.startswith("criminal_legal_history")
        or fact.field
        in ("presence.immigration_violations", "presence.prior_removal_orders")
        or fact.field in LAST_ENTRY_FIELDS
    }
    must |= {
        "last_entry_date",
        "years_since_last_entry",
        "manner_of_last_entry",
        "apprehended_at_border",
    }
    assert must - listed == set()
    assert len(must) >= 30


def test_no_factor_reads_a_fact_it_must_not_weigh_against_the_person(
    real: Framework,
) -> None:
    guarded = {fact for item in real.not_weighed for fact in item.facts}
    for factor in real.factors:
        for fact, sign in expr.polarities(factor.condition):
            if fact in guarded:
                assert sign == 1, (factor.id, fact)


# ---------------------------------------------------------- broken frameworks


def test_a_factor_without_a_citation(folder: Path) -> None:
    path = edit_factor(folder, "family_in_us", lambda item: item.pop("cite"))
    the_problem(
        load_error(folder),
        path.name,
        "'family_in_us'",
        "has no citation",
        "Add 'cite:'",
    )


def test_a_factor_with_an_empty_citation_list(folder: Path) -> None:
    path = edit_factor(folder, "trauma", lambda item: item.__setitem__("cite", []))
    the_problem(load_error(folder), path.name, "'trauma'", "has no citation")


def test_a_citation_of_an_undeclared_source(folder: Path) -> None:
    path = edit_factor(
        folder, "age", lambda item: item["cite"].__setitem__("source", "leter")
    )
    error = load_error(folder)
    first = str(error.problems[0])
    for words in (
        path.name,
        "factor 'age'",
        "the source 'leter' is not declared",
        "(declared: letter)",
    ):
        assert words in first, first
    # The factor is then also without a (valid) citation; nothing else is reported.
    assert all("'age'" in str(p) for p in error.problems), str(error)


def test_a_condition_naming_a_fact_that_does_not_exist(folder: Path) -> None:
    set_when(folder, "family_in_us", "spouse_in_us or chld_in_us")
    the_problem(
        load_error(folder),
        "factors",
        "'family_in_us'",
        "'chld_in_us', which is not a fact",
        "Did you mean 'child_in_us'?",
    )


def test_a_condition_reading_a_parameter_that_does_not_exist(folder: Path) -> None:
    set_when(folder, "age", "age < params.nope or age >= params.advanced_age")
    the_problem(
        load_error(folder), "factors", "'age'", "params.nope", "no parameter file"
    )


def test_a_condition_that_does_not_parse(folder: Path) -> None:
    path = set_when(folder, "trauma", "trauma or")
    the_problem(
        load_error(folder),
        path.name,
        "'trauma'",
        "cannot read the condition",
        "'trauma or'",
    )


def test_a_factor_without_a_condition(folder: Path) -> None:
    path = edit_factor(folder, "trauma", lambda item: item.pop("when"))
    the_problem(load_error(folder), path.name, "'trauma'", "has no condition ('when')")


def test_a_parameter_with_no_value_when_the_framework_starts(folder: Path) -> None:
    import datetime as dt

    def late(data: dict[str, Any]) -> None:
        data["values"][0]["from"] = dt.date(2030, 1, 1)

    edit_parameter(folder, "long_residence_years", late)
    the_problem(
        load_error(folder),
        "parameters",
        "'long_residence_years'",
        "has no value from 1900-01-01",
        "until 2030-01-01",
        "Add a value from 1900-01-01 or earlier",
    )


def test_a_parameter_value_without_citation_or_reading(folder: Path) -> None:
    def bare(data: dict[str, Any]) -> None:
        data.pop("reading")
        data["values"][0].pop("cite")

    path = edit_parameter(folder, "tender_age", bare)
    the_problem(
        load_error(folder), path.name, "'tender_age'", "has no 'cite'", "reading:"
    )


@pytest.mark.parametrize(
    ("factor_id", "when", "fact", "group"),
    [
        (
            "family_in_us",
            "(spouse_in_us or child_in_us) and not has_conviction",
            "has_conviction",
            "criminal_legal_contacts",
        ),
        (
            "family_in_us",
            "child_in_us and not has_conviction",
            "has_conviction",
            "criminal_legal_contacts",
        ),
        (
            "family_in_us",
            "child_in_us and conviction_count < 1",
            "conviction_count",
            "criminal_legal_contacts",
        ),
        (
            "community_ties",
            "employed and not gang_alleged",
            "gang_alleged",
            "criminal_legal_contacts",
        ),
        (
            "community_ties",
            "employed and arrests_without_conviction <= 0",
            "arrests_without_conviction",
            "criminal_legal_contacts",
        ),
        (
            "trauma",
            "trauma and has_conviction_dui == false",
            "has_conviction_dui",
            "criminal_legal_contacts",
        ),
        (
            "trauma",
            "trauma and not has_immigration_violation",
            "has_immigration_violation",
            "immigration_violations",
        ),
        (
            "caregiver_or_provider",
            "primary_caregiver and not has_prior_removal_order",
            "has_prior_removal_order",
            "prior_removal_orders",
        ),
        (
            "caregiver_or_provider",
            "primary_caregiver and not apprehended_at_border",
            "apprehended_at_border",
            "recent_entry",
        ),
        (
            "caregiver_or_provider",
            "primary_caregiver and manner_of_last_entry == 'inspected'",
            "manner_of_last_entry",
            "recent_entry",
        ),
    ],
)
def test_the_firewall_refuses_a_fact_counted_against_the_person(
    folder: Path, factor_id: str, when: str, fact: str, group: str
) -> None:
    set_when(folder, factor_id, when)
    the_problem(
        load_error(folder),
        "factors",
        f"factor {factor_id!r}",
        f"{fact!r}",
        "against the person",
        f"{group!r}",
        "only in the person's favour",
    )


@pytest.mark.parametrize(
    "when",
    [
        "child_in_us or conviction_count >= 1",
        "child_in_us or has_post_conviction_relief",
        "child_in_us or gang_allegation_contested",
        "child_in_us or not (not has_offense_under_18)",
    ],
)
def test_the_firewall_allows_a_fact_that_can_only_help(folder: Path, when: str) -> None:
    set_when(folder, "family_in_us", when)
    framework = load_framework(folder)
    assert framework.factor("family_in_us").when == when


def test_the_firewall_refuses_requiring_an_old_entry(folder: Path) -> None:
    set_when(
        folder,
        "caregiver_or_provider",
        "primary_caregiver and years_since_last_entry >= 2",
    )
    the_problem(load_error(folder), "against the person", "'recent_entry'")


def test_an_enum_compared_with_a_value_it_never_takes(folder: Path) -> None:
    set_when(
        folder,
        "country_conditions",
        "fear_of_return or current_status in ['refugee', 'asylum']",
    )
    the_problem(
        load_error(folder),
        "factors",
        "'country_conditions'",
        "'current_status' with 'asylum', which it never takes",
        "asylee",
    )


def test_an_enum_compared_with_equality_to_a_value_it_never_takes(folder: Path) -> None:
    set_when(
        folder, "country_conditions", "fear_of_return or current_status == 'Refugee'"
    )
    the_problem(
        load_error(folder), "'country_conditions'", "'Refugee', which it never takes"
    )


def test_a_number_fact_used_as_yes_or_no(folder: Path) -> None:
    set_when(folder, "community_ties", "employed or letters_of_support")
    the_problem(
        load_error(folder),
        "factors",
        "'community_ties'",
        "'letters_of_support' (number) as yes/no",
        "compare it instead",
    )


def test_a_date_fact_used_as_yes_or_no(folder: Path) -> None:
    set_when(folder, "long_residence", "residence_since or years_of_residence >= 10")
    the_problem(
        load_error(folder), "'long_residence'", "'residence_since' (date) as yes/no"
    )


def test_a_number_used_bare_beside_a_comparison_of_it(folder: Path) -> None:
    set_when(folder, "community_ties", "letters_of_support or letters_of_support >= 1")
    the_problem(load_error(folder), "'letters_of_support' (number) as yes/no")


def test_in_on_a_number_fact_is_refused_at_load(folder: Path) -> None:
    set_when(folder, "age", "age in [17, 18]")
    the_problem(load_error(folder), "'age'")


def test_is_in_a_condition_is_a_load_error(folder: Path) -> None:
    set_when(folder, "trauma", "trauma is true")
    the_problem(load_error(folder), "'trauma'")


def test_a_missing_spanish_label(folder: Path) -> None:
    edit_factor(folder, "vulnerable_group", lambda item: item["label"].pop("es"))
    the_problem(
        load_error(folder),
        "factors",
        "'vulnerable_group'",
        "has no label in es",
        "label: {en: …, es: …}",
    )


def test_a_factor_with_no_evidence(folder: Path) -> None:
    edit_factor(folder, "relief_available", lambda item: item.pop("evidence"))
    the_problem(
        load_error(folder),
        "factors",
        "'relief_available'",
        "lists no evidence",
        "('evidence:')",
    )


def test_a_factor_in_a_category_that_is_not_declared(folder: Path) -> None:
    edit_factor(
        folder, "trauma", lambda item: item.__setitem__("category", "humanitarain")
    )
    the_problem(load_error(folder), "'trauma'", "'humanitarain' is not declared")


def test_a_not_weighed_group_listing_a_fact_that_does_not_exist(folder: Path) -> None:
    path = folder / "framework.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["not_weighed"][1]["facts"].append("has_convictions")
    path.write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    the_problem(
        load_error(folder),
        "framework.yaml",
        "'criminal_legal_contacts'",
        "'has_convictions'",
    )


def test_several_problems_are_all_reported(folder: Path) -> None:
    set_when(folder, "family_in_us", "spouse_in_us or chld_in_us")
    set_when(folder, "trauma", "trauma and not has_conviction")
    set_when(folder, "community_ties", "employed or letters_of_support")
    edit_factor(folder, "age", lambda item: item["label"].pop("es"))
    edit_factor(folder, "relief_available", lambda item: item.pop("evidence"))
    edit_parameter(
        folder,
        "long_residence_years",
        lambda d: d["values"][0].__setitem__("from", _date_2030()),
    )
    error = load_error(folder)
    text = str(error)
    assert text.startswith("6 problems in the framework:"), text
    for words in (
        "'chld_in_us', which is not a fact",
        "'trauma' would count 'has_conviction' against the person",
        "'letters_of_support' (number) as yes/no",
        "'age' has no label in es",
        "'relief_available' lists no evidence",
        "'long_residence_years' has no value from",
    ):
        assert words in text, text


def test_several_problems_in_one_file_name_each_factor(folder: Path) -> None:
    path = edit_factor(folder, "trauma", lambda item: item.pop("cite"))
    edit_factor(folder, "age", lambda item: item.pop("cite"))
    set_when(folder, "vulnerable_group", "lgbtqi or")
    error = load_error(folder)
    assert len(error.problems) == 3, str(error)
    assert all(p.file == str(path) for p in error.problems)
    for words in (
        "'trauma' has no citation",
        "'age' has no citation",
        "'vulnerable_group'",
    ):
        assert words in str(error), str(error)


def test_a_missing_citation_does_not_hide_the_other_problems(folder: Path) -> None:
    edit_factor(folder, "unlawful_arrest", lambda item: item.pop("cite"))
    set_when(folder, "family_in_us", "spouse_in_us or chld_in_us")
    set_when(folder, "trauma", "trauma and not has_conviction")
    text = str(load_error(folder))
    assert "'unlawful_arrest' has no citation" in text
    assert "'chld_in_us', which is not a fact" in text
    assert "'trauma' would count 'has_conviction' against the person" in text


# ---------------------------------------------------- the file of each problem

BROKEN: dict[str, tuple[Callable[[Path], Path], bool]] = {
    # name: (break it and return the file that holds the mistake, names that file today)
    "no citation": (
        lambda f: edit_factor(f, "family_in_us", lambda i: i.pop("cite")),
        True,
    ),
    "unknown fact": (lambda f: set_when(f, "family_in_us", "chld_in_us"), False),
    "unknown parameter": (lambda f: set_when(f, "age", "age < params.nope"), False),
    "firewall": (
        lambda f: set_when(f, "family_in_us", "child_in_us and not has_conviction"),
        False,
    ),
    "missing label": (
        lambda f: edit_factor(f, "vulnerable_group", lambda i: i["label"].pop("es")),
        False,
    ),
    "no evidence": (
        lambda f: edit_factor(f, "relief_available", lambda i: i.pop("evidence")),
        False,
    ),
    "late parameter": (
        lambda f: edit_parameter(
            f,
            "long_residence_years",
            lambda d: d["values"][0].__setitem__("from", _date_2030()),
        ),
        False,
    ),
}


def _date_2030() -> Any:
    import datetime as dt

    return dt.date(2030, 1, 1)


@pytest.mark.parametrize(
    "name",
    [name for name in BROKEN],
)
def test_each_problem_names_the_file_that_holds_it(folder: Path, name: str) -> None:
    path = BROKEN[name][0](folder)
    error = load_error(folder)
    assert error.problems[0].file is not None
    assert Path(error.problems[0].file) == path, str(error)
