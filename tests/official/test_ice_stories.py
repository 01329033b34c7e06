"""The letter's stories under ICE's February 18, 2021 priorities, as written and as applied.

Each story in examples/stories is assessed on 2021-06-28 under ``ice-2021-interim``
(the memo as written) and ``ice-2021-interim-as-applied`` (the reading the letter
documents), and compared with tests/core/stories_expected.yaml: the outcome, the
categories known to hold and the categories the record cannot settle (every other
category is known not to hold). An outcome that needs information must name the
questions that would settle it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import yaml

import amparo

if TYPE_CHECKING:
    from amparo.engine.assess import Assessment

ROOT = Path(__file__).resolve().parents[2]
STORIES = ROOT / "examples" / "stories"
EXPECTED = yaml.safe_load(
    (ROOT / "tests" / "core" / "stories_expected.yaml").read_text("utf-8")
)
FRAMEWORKS = {
    "ice_2021_interim": "ice-2021-interim",
    "ice_2021_interim_as_applied": "ice-2021-interim-as-applied",
}
CASES = [(name, key) for name in sorted(EXPECTED) for key in FRAMEWORKS]

# The questions that settle what a story leaves open (examples/stories/README.md).
SETTLING = {
    # As written, Arnold's border security turns on whether he was apprehended at the
    # border attempting an unlawful entry when he came back in February 2021.
    ("arnold", "ice_2021_interim"): {"apprehended_at_border"},
    # Frank and the DUI denials: the conviction prongs are closed by the letter's words;
    # gang participation, national security and border security are open.
    ("frank", "ice_2021_interim"): {
        "gang_participation_found",
        "national_security_alleged",
    },
    ("frank", "ice_2021_interim_as_applied"): {
        "gang_alleged",
        "national_security_alleged",
        "last_entry_date",
    },
    ("dui-denials", "ice_2021_interim"): {
        "gang_participation_found",
        "national_security_alleged",
    },
    ("dui-denials", "ice_2021_interim_as_applied"): {
        "gang_alleged",
        "national_security_alleged",
        "last_entry_date",
    },
    # As applied, whether Albert's firearm conviction is an aggravated felony decides
    # public safety.
    ("albert", "ice_2021_interim_as_applied"): {"has_aggravated_felony_conviction"},
}


def _assess(name: str, key: str) -> Assessment:
    case = amparo.load_case(str(STORIES / f"{name}.yaml"))
    return amparo.assess(case, FRAMEWORKS[key])


def test_every_story_has_both_ice_expectations() -> None:
    assert {p.stem for p in STORIES.glob("*.yaml")} == set(EXPECTED)
    for name, expected in EXPECTED.items():
        assert set(FRAMEWORKS) <= set(expected), name


@pytest.mark.parametrize(("name", "key"), CASES)
def test_story_under_ice(name: str, key: str) -> None:
    want = EXPECTED[name][key]
    result = _assess(name, key)
    assert result.assessed_on.isoformat() == "2021-06-28"
    assert result.in_force
    assert result.outcome == want["outcome"]
    true = sorted(c for c, v in result.categories.items() if v is True)
    unknown = sorted(c for c, v in result.categories.items() if v is None)
    false = sorted(c for c, v in result.categories.items() if v is False)
    assert true == sorted(want["categories_true"])
    assert unknown == sorted(want["categories_unknown"])
    assert false == sorted(
        set(result.categories)
        - set(want["categories_true"])
        - set(want["categories_unknown"])
    )


@pytest.mark.parametrize(("name", "key"), CASES)
def test_needs_information_names_the_settling_questions(name: str, key: str) -> None:
    result = _assess(name, key)
    asked = {fact for q in result.questions for fact in q.facts}
    if result.outcome != "needs_information":
        # A known outcome stays known whatever the unknowns turn out to be.
        assert result.questions == ()
        return
    assert asked, f"{name} needs information but asks nothing"
    for question in result.questions:
        for fact in question.facts:
            value = result.facts.get(fact)
            assert value is None or (isinstance(value, tuple) and value[0] != value[1])
    assert SETTLING.get((name, key), set()) <= asked


def test_public_safety_as_written_never_holds_on_the_record_alone() -> None:
    """The threat is an officer's determination: as written, no story's public safety
    is known to hold, though as applied a conviction or allegation makes it hold."""
    for name in EXPECTED:
        written = _assess(name, "ice_2021_interim")
        assert written.categories["public_safety"] is not True, name
        assert written.factor("public_safety_threat").value is None
