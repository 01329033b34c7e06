"""The built-in mapping ``uwchr-i213``: I-213 arrest records, each assessed on its apprehension date.

The sample file is fictional, written in the format of UWCHR's published table
(pipe-delimited, JSON in three columns, a line break inside a quoted value).
The real table runs where ``../shared/data`` is present (and must, under CI).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from tests.shared_data import shared_data_dir

from amparo.facts.catalogue import catalogue
from amparo.population.engine import Source, open_engine
from amparo.population.mapping import load_mapping
from amparo.population.plan import build_plan
from amparo.population.run import run_cohort
from amparo.rules.registry import official_on
from amparo.rules.sql import fact_columns

SAMPLE = Path(__file__).with_name("data") / "i213-sample.csv"
REAL = "sea-i213s-2026-02-13.csv.gz"


def facts_of(path: Path) -> list[dict[str, Any]]:
    """Every row's facts, as the mapping gives them."""
    mapping = load_mapping("uwchr-i213")
    engine = open_engine("duckdb")
    try:
        columns = engine.open_source(Source.of(path, mapping.read))
        plan = build_plan(["protection-first", "official"], mapping, columns)
        cursor = engine.con.execute(
            f"SELECT * FROM ({plan.facts_sql}) AS t ORDER BY row_id"
        )
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    finally:
        engine.close()


def given_only_as_true() -> list[str]:
    mapping = load_mapping("uwchr-i213")
    return [s.fact for s in mapping.facts.values() if s.true_when and not s.false_when]


def assert_never_false(rows: list[dict[str, Any]]) -> None:
    """Facts the form records only when present are true or unknown; the rest unknown."""
    mapping = load_mapping("uwchr-i213")
    cat = catalogue()
    for fact in given_only_as_true():
        if fact not in rows[0]:
            continue  # read by no framework run here
        assert not any(r[fact] is False for r in rows), f"{fact} is false on some row"
    for fact_id, fact in cat.facts.items():
        column = fact_columns(fact_id, fact.type)[0]
        if fact_id not in mapping.facts and column in rows[0]:
            assert all(r[column] is None for r in rows), (
                f"{fact_id} is not mapped, yet known"
            )


def test_each_row_is_assessed_on_its_apprehension_date() -> None:
    rows = facts_of(SAMPLE)
    assert [r["__on"] for r in rows][:2] == [dt.date(2021, 11, 1), dt.date(2022, 3, 10)]


def test_what_the_form_does_not_record_stays_unknown_never_false() -> None:
    rows = facts_of(SAMPLE)
    assert_never_false(rows)
    # A blank criminal history is unknown, not "no convictions".
    assert rows[0]["has_conviction"] is None
    assert rows[1]["has_conviction"] is True
    # No entry date: residence unknown; with one, residence is at least the years since.
    assert rows[1]["years_of_residence__lo"] is None
    assert rows[0]["years_of_residence__lo"] == 12
    assert rows[0]["last_entry_date__lo"] == dt.date(2009, 3, 15)


def test_the_json_columns_and_value_maps_give_facts() -> None:
    rows = facts_of(SAMPLE)
    first, second, third = rows[0], rows[1], rows[2]
    assert first["child_in_us"] is True  # a U.S.-citizen child on the form (a reading)
    assert first["spouse_in_us"] is True
    assert first["removal_country"] == "GT"
    assert first["manner_of_last_entry"] == "without_inspection"
    assert second["has_prior_removal_order"] is True  # reinstated at arrest
    assert third["manner_of_last_entry"] == "parole"
    assert rows[7]["has_aggravated_felony_conviction"] is True
    assert rows[7]["has_conviction_violent"] is True
    assert (
        rows[8]["manner_of_last_entry"] is None
    )  # an adjustment class says nothing of entry
    assert rows[11]["stateless"] is True
    assert rows[11]["removal_country"] is None


def test_the_sample_runs_under_protection_first_and_the_official_framework_of_each_day(
    tmp_path: Path,
) -> None:
    result = run_cohort(
        SAMPLE,
        tmp_path,
        baseline="official",
        mapping="uwchr-i213",
        by=["cy"],
        charts=False,
    )
    summary = result.summary
    assert summary["rows"] == 12
    used = {
        d: official_on(dt.date.fromisoformat(d)) for d in ("2021-11-01", "2025-03-05")
    }
    assert used["2021-11-01"].framework is not None
    assert used["2021-11-01"].framework.id == "ice-2021-interim"
    assert summary["official_framework"]["eo-14159"] == 3
    assert summary["official_framework"]["none"] == 3  # 2019, and the DHS vacatur
    assert sum(t["n"] for t in summary["transitions"]) == 12
    assert set(summary["by"]["cy"]) == {"2019", "2021", "2022", "2023", "2024", "2025"}


@pytest.mark.shared_data
def test_the_real_i213_table_runs_on_duckdb(tmp_path: Path) -> None:
    folder = shared_data_dir("uwchr-i213-seattle-aor")
    path = folder / REAL
    result = run_cohort(path, tmp_path, baseline="official", mapping="uwchr-i213")
    summary = result.summary
    assert summary["rows"] == 10962
    assert sum(summary["outcomes"]["protection-first"].values()) == 10962
    assert summary["outcomes"]["protection-first"].get("presumptive_protection", 0) > 0
    # Most of what protection-first weighs is not on the form.
    assert (
        summary["factors"]["protection-first"]["caregiver_or_provider"]["unknown"]
        == 10962
    )
    provenance = json.loads((tmp_path / "provenance.json").read_text())
    assert provenance["data"]["sha256"]
    assert_never_false(facts_of(path))
