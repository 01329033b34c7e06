"""The letter's stories, assessed as of the letter's date under protection-first.

Each file in examples/stories encodes only what the letter says; each person comes
out `presumptive_protection` with the categories the letter's facts support.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import amparo

ROOT = Path(__file__).resolve().parents[2]
STORIES = ROOT / "examples" / "stories"
EXPECTED = yaml.safe_load(
    (Path(__file__).with_name("stories_expected.yaml")).read_text("utf-8")
)
NAMES = sorted(EXPECTED)


def test_every_person_in_the_letter_has_a_story() -> None:
    people = {
        "omar", "arnold", "edgar", "michael", "carlos", "albert",
        "robert", "sam", "frank", "maria", "gabby", "dui-denials",
    }  # fmt: skip
    assert {p.stem for p in STORIES.glob("*.yaml")} == people
    assert set(NAMES) == people


@pytest.mark.parametrize("name", NAMES)
def test_story_under_protection_first(name: str) -> None:
    want = EXPECTED[name]["protection_first"]
    result = amparo.assess(amparo.load_case(str(STORIES / f"{name}.yaml")))
    assert result.assessed_on.isoformat() == "2021-06-28"
    assert result.outcome == want["outcome"] == "presumptive_protection"
    assert sorted(c for c, v in result.categories.items() if v is True) == sorted(
        want["categories"]
    )
    assert sorted(r.factor.id for r in result.factors if r.value is True) == sorted(
        want["factors_true"]
    )
    assert sorted(n.item.id for n in result.not_weighed) == sorted(want["not_weighed"])
    # A presumption already made cannot be unmade by what is still unknown.
    assert result.questions == ()


@pytest.mark.parametrize("name", NAMES)
def test_every_holding_factor_names_its_facts_and_the_letter(name: str) -> None:
    result = amparo.assess(amparo.load_case(str(STORIES / f"{name}.yaml")))
    for factor in result.factors:
        if factor.value is True:
            assert any(v is not None for v in factor.facts.values()), factor.factor.id
            assert factor.factor.cites[0].source.id == "letter"
