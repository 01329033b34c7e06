"""``amparo.rules.sql``: frameworks compiled to SQL from the same parsed rules."""

from __future__ import annotations

import dataclasses
import datetime as dt

import duckdb
import pytest

import amparo
from amparo.errors import ExpressionError, FrameworkError
from amparo.rules.expr import parse
from amparo.rules.sql import (
    Dialect,
    _membership_spans,
    compile_framework,
    condition_sql,
    official_sql,
)


@pytest.mark.parametrize("dialect", ["duckdb", "spark"])
@pytest.mark.parametrize("framework_id", amparo.framework_ids())
def test_every_framework_compiles_to_one_column_per_rule(
    framework_id: str, dialect: str
) -> None:
    fw = amparo.get_framework(framework_id)
    compiled = compile_framework(fw, dialect)  # type: ignore[arg-type]
    assert [c.name for c in compiled.factors] == [
        f"{fw.id}__factor__{f.id}" for f in fw.factors
    ]
    assert len(compiled.categories) == len(fw.categories)
    assert set(compiled.outcomes) >= {r.id for r in fw.outcome_rules}
    quote = "`" if dialect == "spark" else '"'
    assert all(quote in c.sql for c in compiled.factors)


@pytest.mark.parametrize(
    ("value", "duck", "spark"),
    [
        ("plain", "'plain'", "'plain'"),
        ("it's", "'it''s'", "'it\\'s'"),
        ("a\\b", "'a\\b'", "'a\\\\b'"),
    ],
)
def test_strings_are_quoted_for_each_dialect(value: str, duck: str, spark: str) -> None:
    assert Dialect("duckdb").string(value) == duck
    assert Dialect("spark").string(value) == spark
    # DuckDB reads its literal back as the same text.
    assert duckdb.sql(f"SELECT {duck}").fetchall() == [(value,)]


@pytest.mark.parametrize(
    ("condition", "lo", "hi", "expected"),
    [
        ("age >= 18", 18, 18, True),
        ("age >= 18", 17, 18, None),  # born in a year straddling the day: unknown
        ("age >= 18", 16, 17, False),
        ("age >= 18", None, None, None),
        ("age == 18", 18, 18, True),
        ("age != 18", 17, 18, None),
    ],
)
def test_a_span_compares_only_where_every_value_agrees(
    condition: str, lo: int | None, hi: int | None, expected: bool | None
) -> None:
    text = condition_sql(parse(condition), Dialect("duckdb"), lambda name: "number")
    got = duckdb.sql(
        f"SELECT {text} FROM (SELECT {lo!r}::INT AS age__lo, {hi!r}::INT AS age__hi)".replace(
            "None", "NULL"
        )
    ).fetchall()
    assert got == [(expected,)]


def test_a_number_used_as_yes_no_is_refused() -> None:
    with pytest.raises(ExpressionError, match="compare it"):
        condition_sql(parse("age"), Dialect("duckdb"), lambda name: "number")


def test_country_sets_follow_their_dated_values() -> None:
    fw = amparo.get_framework("protection-first")
    parameter = fw.parameters["tps_or_ded_countries"]
    spans = _membership_spans(parameter)
    for day in (dt.date(2021, 6, 28), dt.date(2023, 1, 1), dt.date(2025, 6, 1)):
        members = parameter.value_on(day)
        assert isinstance(members, frozenset)
        inside = {
            c
            for c, ss in spans.items()
            if any(s <= day and (e is None or day <= e) for s, e in ss)
        }
        assert inside == members


def test_two_enforcement_frameworks_on_one_day_are_refused() -> None:
    ice = amparo.get_framework("ice-2021-interim")
    with pytest.raises(FrameworkError, match="More than one"):
        official_sql([ice, dataclasses.replace(ice, id="copy")])
