"""`amparo compare`: protection-first beside the official frameworks, and the flags."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import amparo
from amparo.cases import case_from_data
from amparo.cli import app
from amparo.engine.compare import compare_case
from amparo.engine.compare_report import comparison_to_json, comparison_to_text

ROOT = Path(__file__).resolve().parents[2]
STORIES = ROOT / "examples" / "stories"
AMPARO = str(Path(sys.executable).parent / "amparo")


def story(name: str) -> Any:
    return amparo.load_case(str(STORIES / f"{name}.yaml"))


def flags(name_or_case: Any, **where: Any) -> list[dict[str, Any]]:
    case = story(name_or_case) if isinstance(name_or_case, str) else name_or_case
    data = comparison_to_json(compare_case(case))
    return [f for f in data["flags"] if all(f.get(k) == v for k, v in where.items())]


def case(**sections: Any) -> Any:
    return case_from_data({"format": 1, "id": "TEST-1", **sections}, source="test")


def test_default_frameworks_are_those_in_force_on_the_date() -> None:
    ids = [
        r["framework"]
        for r in comparison_to_json(compare_case(story("omar")))["results"]
    ]
    assert ids[0] == "protection-first"
    # On 2021-06-28: the February memo, its as-applied reading, and OPLA's guidance.
    assert set(ids[1:]) == {
        "ice-2021-interim",
        "ice-2021-interim-as-applied",
        "opla-2021-interim",
    }


def test_json_shape() -> None:
    data = comparison_to_json(compare_case(story("arnold")))
    assert set(data) >= {"case_id", "assessed_on", "results", "flags"}
    assert data["case_id"] == "STORY-ARNOLD"
    assert data["assessed_on"] == "2021-06-28"
    for result in data["results"]:
        assert {"framework", "outcome", "categories", "factors"} <= set(result)
    for flag in data["flags"]:
        assert {"kind", "framework", "category", "not_weighed", "facts"} <= set(flag)


def test_arnold_is_a_border_priority_only_on_his_recent_return_as_applied() -> None:
    found = flags(
        "arnold",
        kind="priority_only_on_not_weighed",
        framework="ice-2021-interim-as-applied",
        category="border_security",
    )
    assert len(found) == 1
    assert found[0]["not_weighed"] == "recent_entry"
    assert "last_entry_date" in found[0]["facts"]
    # The memo's own words do not make him one: no such flag as written.
    assert not flags(
        "arnold", kind="priority_only_on_not_weighed", framework="ice-2021-interim"
    )


@pytest.mark.parametrize("name", ["edgar", "michael", "carlos", "gabby"])
def test_public_safety_priority_only_on_criminal_record_as_applied(name: str) -> None:
    found = flags(
        name,
        kind="priority_only_on_not_weighed",
        framework="ice-2021-interim-as-applied",
        category="public_safety",
    )
    assert [f["not_weighed"] for f in found] == ["criminal_legal_contacts"]


@pytest.mark.parametrize("name", ["frank", "dui-denials"])
@pytest.mark.parametrize(
    "framework", ["ice-2021-interim", "ice-2021-interim-as-applied"]
)
def test_convictions_do_not_make_them_priorities_even_officially(
    name: str, framework: str
) -> None:
    found = flags(
        name,
        kind="not_a_priority_even_officially",
        framework=framework,
        category="public_safety",
    )
    assert len(found) == 1
    assert found[0]["not_weighed"] == "criminal_legal_contacts"
    assert found[0]["facts"].get("has_aggravated_felony_conviction") is False


def test_an_unanalysed_conviction_raises_no_flag() -> None:
    # Edgar's convictions were never analysed as aggravated felonies: unknown, so
    # the comparison cannot say they do not make him a priority.
    assert not flags(
        "edgar", kind="not_a_priority_even_officially", framework="ice-2021-interim"
    )


def test_omar_is_a_priority_on_an_allegation_protection_first_reviews_holistically() -> (
    None
):
    data = comparison_to_json(compare_case(story("omar")))
    by_id = {r["framework"]: r for r in data["results"]}
    assert by_id["ice-2021-interim"]["outcome"] == "presumed_priority"
    assert by_id["protection-first"]["outcome"] == "presumptive_protection"
    assert not [f for f in data["flags"] if f["category"] == "national_security"], (
        "a national-security allegation is not among the facts protection-first never weighs"
    )


def test_no_priority_by_the_outcome_itself() -> None:
    person = case(
        assessed_on="2022-03-01",
        presence={
            "first_entry_date": "2005-04-01",
            "apprehended_at_border_attempting_unlawful_entry": False,
            "manner_of_last_entry": "inspected",
            "last_entry_date": "2005-04-01",
        },
        security={"national_security_allegation": {"alleged": False}},
        criminal_legal_history={
            "convictions": [],
            "pending_charges": [],
            "arrests_without_conviction": 0,
            "gang_allegation": {"alleged": False},
        },
    )
    comparison = comparison_to_json(compare_case(person))
    by_id = {r["framework"]: r for r in comparison["results"]}
    assert by_id["dhs-2021-guidelines"]["outcome"] == "not_priority"
    found = [
        f
        for f in comparison["flags"]
        if f["kind"] == "not_a_priority_even_officially"
        and f["framework"] == "dhs-2021-guidelines"
    ]
    assert len(found) == 1
    assert found[0]["category"] is None


def test_a_border_priority_on_a_recent_unlawful_entry_alone() -> None:
    person = case(
        assessed_on="2022-03-01",
        presence={
            "first_entry_date": "2021-12-01",
            "last_entry_date": "2021-12-01",
            "manner_of_last_entry": "without_inspection",
        },
    )
    found = flags(
        person,
        kind="priority_only_on_not_weighed",
        framework="dhs-2021-guidelines",
        category="border_security",
    )
    assert len(found) == 1
    assert found[0]["not_weighed"] == "recent_entry"


def test_named_frameworks_and_official() -> None:
    result = compare_case(story("frank"), ["protection-first", "official"])
    assert [r.framework.id for r in result.results] == [
        "protection-first",
        "ice-2021-interim",
    ]


def test_inside_the_vacatur_the_comparison_says_none_was_in_force() -> None:
    result = compare_case(story("frank"), on=dt.date(2023, 1, 1))
    assert result.official.framework is None
    assert "vacat" in result.official.reason
    text = comparison_to_text(result)
    assert "No official enforcement framework encoded was in force" in text


def test_text_and_spanish() -> None:
    comparison = compare_case(story("arnold"))
    text = comparison_to_text(comparison)
    assert "ice-2021-interim-as-applied" in text
    assert "Border security" in text or "border security" in text
    spanish = comparison_to_text(comparison, "es")
    assert "Lado a lado" in spanish
    assert "nunca sopesa" in spanish


def test_cli_compare_json_and_text() -> None:
    runner = CliRunner()
    out = runner.invoke(app, ["compare", str(STORIES / "frank.yaml"), "--json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert data["case_id"] == "STORY-FRANK"
    done = subprocess.run(
        [
            AMPARO,
            "compare",
            str(STORIES / "frank.yaml"),
            "--frameworks",
            "protection-first,nope",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr.startswith("Error: There is no framework 'nope'")
    assert "Traceback" not in done.stderr
    out = runner.invoke(app, ["compare", str(STORIES / "omar.yaml"), "--lang", "es"])
    assert out.exit_code == 0
    assert "Lado a lado" in out.output
