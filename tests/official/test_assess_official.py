"""`amparo assess --framework official`, and what an official assessment reports:
why a framework was not in force, the category conditions, and the determinations
the record cannot make with their mitigating and aggravating factors."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import amparo
from amparo.cases import case_from_data
from amparo.cli import app

ROOT = Path(__file__).resolve().parents[2]
FRANK = str(ROOT / "examples" / "stories" / "frank.yaml")


def run(*args: str) -> Any:
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def case(**sections: Any) -> Any:
    return case_from_data({"format": 1, "id": "TEST-1", **sections}, source="test")


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2021-06-28", "ice-2021-interim"),
        ("2021-11-29", "dhs-2021-guidelines"),
        ("2023-07-28", "dhs-2021-guidelines"),
        ("2025-01-20", "eo-14159"),
    ],
)
def test_official_picks_the_enforcement_framework_in_force(
    day: str, expected: str
) -> None:
    result = run("assess", FRANK, "--framework", "official", "--on", day, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["framework"] == expected
    assert data["assessed_on"] == day


@pytest.mark.parametrize(
    ("day", "words"),
    [
        ("2022-06-24", "vacated"),
        ("2023-07-27", "vacated"),
        ("2021-02-17", "2021-02-18"),
    ],
)
def test_official_says_when_none_was_in_force_and_why(day: str, words: str) -> None:
    result = run("assess", FRANK, "-f", "official", "--on", day, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["framework"] is None
    assert data["outcome"] == "none_in_force"
    assert words in data["reason"]
    text = run("assess", FRANK, "-f", "official", "--on", day)
    assert "STORY-FRANK" in text.output
    assert words in text.output.replace("\n", " ")


def test_none_in_force_is_told_in_spanish() -> None:
    result = run(
        "assess", FRANK, "-f", "official", "--on", "2020-01-01", "--lang", "es"
    )
    assert "ningún marco oficial" in result.output


def test_the_api_raises_with_the_reason_when_none_was_in_force() -> None:
    frank = amparo.load_case(FRANK)
    with pytest.raises(amparo.NoneInForceError, match="vacated"):
        amparo.assess(frank, "official", dt.date(2022, 7, 1))
    assert amparo.assess(frank, "official").framework.id == "ice-2021-interim"


def test_a_framework_out_of_force_says_why_in_json_and_text() -> None:
    frank = amparo.load_case(FRANK)
    result = amparo.assess(frank, "dhs-2021-guidelines", dt.date(2022, 7, 1))
    data = amparo.to_json(result)
    assert data["outcome"] == "not_in_force"
    assert "vacated" in data["not_in_force_reason"]
    assert data["determinations"] == []
    text = amparo.to_text(result)
    assert "NOT IN FORCE ON THIS DATE" in text
    assert "Texas" in text
    in_force = amparo.assess(frank, "dhs-2021-guidelines", dt.date(2024, 7, 1))
    assert amparo.to_json(in_force)["not_in_force_reason"] is None


def test_a_public_safety_threat_stays_unknown_and_lists_what_bears_on_it() -> None:
    person = case(
        criminal_legal_history={
            "convictions": [{"offense": "burglary", "date": "2015-03-01"}]
        },
        family={"members": [{"relationship": "child", "in_us": True}]},
    )
    result = amparo.assess(person, "dhs-2021-guidelines", dt.date(2024, 7, 1))
    assert result.categories["public_safety"] is None
    data = amparo.to_json(result)
    (determination,) = data["determinations"]
    assert determination["category"] == "public_safety"
    assert determination["value"] is None
    found = {f["id"] for f in determination["mitigating_found"]}
    assert "family_impact" in found
    assert all(f["citation"] for f in determination["mitigating_found"])
    assert "lengthy_presence" in determination["mitigating_unknown"]
    assert determination["aggravating_found"] == []
    assert "public_safety" in data["category_rules"]
    text = amparo.to_text(result)
    assert "Awaits a determination the record cannot make" in text
    assert "mitigating factors found: family_impact" in text
    spanish = amparo.to_text(result, "es")
    assert "factores atenuantes presentes: family_impact" in spanish


def test_no_criminal_conduct_leaves_no_determination_to_await() -> None:
    person = case(
        criminal_legal_history={
            "convictions": [],
            "pending_charges": [],
            "arrests_without_conviction": 0,
            "gang_allegation": {"alleged": False},
        }
    )
    result = amparo.assess(person, "dhs-2021-guidelines", dt.date(2024, 7, 1))
    assert result.categories["public_safety"] is False
    assert amparo.to_json(result)["determinations"] == []


def test_unconfirmed_items_are_marked_in_text_and_json() -> None:
    frank = amparo.load_case(FRANK)
    result = amparo.assess(frank, "ice-2021-interim")
    unconfirmed = [r.factor.id for r in result.factors if r.factor.unconfirmed]
    assert unconfirmed, "the interim memo leaves some items unconfirmed"
    data = amparo.to_json(result)
    assert data["unconfirmed"] == unconfirmed
    marked = {f["id"] for f in data["factors"] if f.get("confidence") == "unconfirmed"}
    assert marked == set(unconfirmed)
    text = amparo.to_text(result)
    for factor_id in unconfirmed:
        assert f"{factor_id} (" in text
        line = next(x for x in text.splitlines() if x.strip().startswith(factor_id))
        assert "(unconfirmed)" in line
