"""One definition, every scale: the per-case evaluator, DuckDB and Spark agree exactly.

Facts come from hypothesis (unknowns, spans, every enum value, the days each
framework starts and stops, the values around every parameter) and from every
example case (the letter's stories and each framework's YAML cases). Each row
runs through every framework, and the official one of its day, on each engine;
every factor, category, not-weighed kind and outcome must match the per-case
assessment of the same facts on the same day.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import amparo
from amparo.engine.assess import assess_facts
from amparo.facts.catalogue import catalogue
from amparo.population.engine import Engine, Source, open_engine
from amparo.population.mapping import identity_mapping
from amparo.population.plan import OFFICIAL, build_plan
from amparo.population.table import flatten, write_facts
from amparo.rules.registry import get_framework, official_on
from amparo.rules.sql import NONE_IN_FORCE

ROOT = Path(__file__).resolve().parents[2]
HAS_SPARK = importlib.util.find_spec("pyspark") is not None
needs_spark = pytest.mark.skipif(
    not HAS_SPARK,
    reason="PySpark is not installed (pip install 'amparo[spark]'; `make test` installs it).",
)
SPECS = [*amparo.framework_ids(), OFFICIAL]


# ------------------------------------------------------------------ expected values


def expected_row(facts: dict[str, Any], on: dt.date) -> dict[str, Any]:
    """Every result column, as the per-case evaluator computes it."""
    out: dict[str, Any] = {}
    for framework_id in amparo.framework_ids():
        fw = get_framework(framework_id)
        result = assess_facts(fw, facts, on)
        present = {n.item.id for n in result.not_weighed}
        out[f"{fw.id}__outcome"] = result.outcome
        for r in result.factors:
            out[f"{fw.id}__factor__{r.factor.id}"] = r.value
        for category, value in result.categories.items():
            out[f"{fw.id}__category__{category}"] = value
        # The per-case result lists the kinds present; the column says so for each.
        values = fw.program.run(facts, fw.params_on(on))
        for item, root in zip(
            fw.not_weighed, fw.program.roots[len(fw.factors) :], strict=True
        ):
            out[f"{fw.id}__not_weighed__{item.id}"] = values[root]
            assert (values[root] is True) == (item.id in present) or not result.in_force
    official = official_on(on).framework
    out["official__framework"] = official.id if official else None
    out["official__outcome"] = (
        out[f"{official.id}__outcome"] if official else NONE_IN_FORCE
    )
    return out


def run_engine(engine: Engine, path: Path) -> dict[str, dict[str, Any]]:
    """Every result column of every row, by id."""
    columns = engine.open_source(Source.of(path))
    plan = build_plan(SPECS, identity_mapping(columns), columns, (), engine.dialect)
    rows = engine.query(plan.sql)
    return {row[1]: dict(zip(plan.columns, row, strict=True)) for row in rows}


def compare(
    cases: Sequence[tuple[dict[str, Any], dt.date]],
    actual: dict[str, dict[str, Any]],
    engine: str,
) -> None:
    for index, (facts, on) in enumerate(cases):
        want = expected_row(facts, on)
        got = actual[f"r{index}"]
        wrong = {k: (v, got[k]) for k, v in want.items() if k in got and got[k] != v}
        missing = [k for k in want if k not in got]
        assert len(want) > 100  # every framework's columns are compared
        assert not missing, f"{engine}: columns missing: {missing[:5]}"
        assert not wrong, (
            f"{engine} disagrees with the per-case evaluator on row {index} "
            f"({on}): {{column: (per-case, {engine})}} = {wrong}\nfacts: "
            f"{ {k: v for k, v in facts.items() if v is not None} }"
        )


def table(cases: Sequence[tuple[dict[str, Any], dt.date]], folder: Path) -> Path:
    rows = [flatten(facts, on, f"r{i}") for i, (facts, on) in enumerate(cases)]
    return write_facts(rows, folder / "facts.parquet")


# ------------------------------------------------------------------------ strategies


def _boundaries() -> tuple[list[dt.date], list[int], list[dt.date]]:
    """The days frameworks start and stop, and the values around every parameter."""
    days: set[dt.date] = set()
    numbers: set[int] = {0, 1}
    dates: set[dt.date] = set()
    for framework_id in amparo.framework_ids():
        fw = get_framework(framework_id)
        for period in fw.in_force:
            for edge in (period.start, period.end):
                if edge is not None and edge.year > 1900:
                    days |= {
                        edge - dt.timedelta(days=1),
                        edge,
                        edge + dt.timedelta(days=1),
                    }
        for parameter in fw.parameters.values():
            for entry in parameter.values:
                if entry.start.year > 1900:
                    days |= {entry.start - dt.timedelta(days=1), entry.start}
                value = entry.value
                if isinstance(value, bool):
                    continue
                if isinstance(value, (int, float)):
                    numbers |= {int(value) - 1, int(value), int(value) + 1}
                elif isinstance(value, dt.date):
                    dates |= {
                        value - dt.timedelta(days=1),
                        value,
                        value + dt.timedelta(days=1),
                    }
    return sorted(days), sorted(n for n in numbers if n >= 0), sorted(dates)


DAYS, NUMBERS, DATES = _boundaries()
COUNTRIES = ["SV", "HN", "HT", "NI", "VE", "SY", "UA", "AF", "MX", "GT", "US", "NO"]


def spans(values: st.SearchStrategy[Any], step: Any) -> st.SearchStrategy[Any]:
    return st.builds(lambda v, w: (v, v + w * step), values, st.integers(0, 2))


def fact_values() -> st.SearchStrategy[dict[str, Any]]:
    numbers = st.sampled_from(NUMBERS) | st.integers(0, 90)
    dates = st.sampled_from(DATES) | st.dates(
        dt.date(1950, 1, 1), dt.date(2026, 12, 31)
    )
    fields: dict[str, st.SearchStrategy[Any]] = {}
    for fact_id, fact in catalogue().facts.items():
        if fact.type == "bool":
            value: st.SearchStrategy[Any] = st.booleans()
        elif fact.type == "enum":
            value = st.sampled_from(fact.values)
        elif fact.type == "country":
            value = st.sampled_from(COUNTRIES)
        elif fact.type == "number":
            value = spans(numbers, 1)
        else:
            value = spans(dates, dt.timedelta(days=200))
        fields[fact_id] = st.none() | value
    return st.fixed_dictionaries(fields)


assessment_days = st.sampled_from(DAYS) | st.dates(
    dt.date(2020, 1, 1), dt.date(2026, 12, 31)
)
cases = st.lists(st.tuples(fact_values(), assessment_days), min_size=1, max_size=30)


# -------------------------------------------------------------------- example cases


def example_cases() -> Iterator[tuple[dict[str, Any], dt.date]]:
    """Facts of every story and every framework case, on the day each is assessed."""
    from amparo.cases import case_from_data
    from amparo.facts.derive import derive_facts
    from amparo.testing import load_cases

    for path in sorted((ROOT / "examples" / "stories").glob("*.yaml")):
        case = amparo.load_case(str(path))
        day = case.assessed_on or dt.date(2021, 6, 28)
        yield dict(derive_facts(case, day)), day
    for item in load_cases():
        data = {
            "format": 1,
            "id": "x",
            "assessed_on": item.assessed_on,
            **item.document,
        }
        case = case_from_data(data, source=item.name)
        yield dict(derive_facts(case, item.assessed_on)), item.assessed_on


EXAMPLES = list(example_cases())


# ----------------------------------------------------------------------------- tests


@pytest.fixture(scope="module")
def duck() -> Iterator[Engine]:
    engine = open_engine("duckdb")
    yield engine
    engine.close()


@pytest.fixture(scope="module")
def spark() -> Engine:
    return open_engine("spark", "local[2]")


def test_examples_are_many() -> None:
    assert len(EXAMPLES) > 100


def test_duckdb_agrees_on_every_example_case(duck: Engine, tmp_path: Path) -> None:
    compare(EXAMPLES, run_engine(duck, table(EXAMPLES, tmp_path)), "duckdb")


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(drawn=cases)
def test_duckdb_agrees_on_generated_facts(
    duck: Engine, tmp_path_factory: pytest.TempPathFactory, drawn: list[Any]
) -> None:
    folder = tmp_path_factory.mktemp("facts")
    compare(drawn, run_engine(duck, table(drawn, folder)), "duckdb")


@needs_spark
def test_spark_agrees_on_every_example_case(
    spark: Engine, duck: Engine, tmp_path: Path
) -> None:
    path = table(EXAMPLES, tmp_path)
    on_spark = run_engine(spark, path)
    compare(EXAMPLES, on_spark, "spark")
    assert on_spark == run_engine(duck, path)


@needs_spark
@settings(
    max_examples=4,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
)
@given(
    drawn=st.lists(st.tuples(fact_values(), assessment_days), min_size=1, max_size=25)
)
def test_spark_agrees_on_generated_facts(
    spark: Engine, tmp_path_factory: pytest.TempPathFactory, drawn: list[Any]
) -> None:
    folder = tmp_path_factory.mktemp("facts")
    compare(drawn, run_engine(spark, table(drawn, folder)), "spark")


def test_a_row_without_a_date_has_no_outcome(duck: Engine, tmp_path: Path) -> None:
    path = write_facts([flatten({}, None, "r0")], tmp_path / "facts.parquet")
    row = run_engine(duck, path)["r0"]
    assert row["protection-first__outcome"] is None
    assert row["official__outcome"] is None
