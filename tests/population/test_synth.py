"""``write_synthetic``: every fact the frameworks read, named as the facts, with unknowns."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from amparo.population.errors import EngineError
from amparo.population.mapping import identity_mapping
from amparo.population.synth import write_synthetic
from amparo.rules import expr
from amparo.rules.registry import framework_ids, get_framework


def test_every_fact_the_frameworks_read_is_a_column(tmp_path: Path) -> None:
    path = write_synthetic(500, tmp_path / "p.parquet")
    columns = [r[0] for r in duckdb.sql(f"DESCRIBE SELECT * FROM '{path}'").fetchall()]
    mapping = identity_mapping(columns)
    for framework_id in framework_ids():
        for factor in get_framework(framework_id).factors:
            missing = expr.names(factor.condition) - set(mapping.facts)
            assert not missing, f"{framework_id}/{factor.id} reads {missing}"


def test_rows_have_unknowns_spans_and_the_same_values_every_time(
    tmp_path: Path,
) -> None:
    a = write_synthetic(2000, tmp_path / "a.parquet")
    b = write_synthetic(2000, tmp_path / "b.csv")
    nulls, spans, rows = duckdb.sql(
        f"SELECT count(*) FILTER (child_in_us IS NULL), count(*) FILTER (age__lo < age__hi), count(*) FROM '{a}'"
    ).fetchall()[0]
    assert rows == 2000
    assert 0 < nulls < rows
    assert 0 < spans < rows
    same = duckdb.sql(
        f"SELECT count(*) FROM read_parquet('{a}') AS x JOIN read_csv('{b}') AS y USING (id) "
        "WHERE x.child_in_us IS NOT DISTINCT FROM y.child_in_us AND x.age__lo IS NOT DISTINCT FROM y.age__lo"
    ).fetchall()
    assert same == [(2000,)]


def test_a_bad_file_name_or_count_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(EngineError, match="parquet or"):
        write_synthetic(10, tmp_path / "p.json")
    with pytest.raises(EngineError, match="1 or more"):
        write_synthetic(0, tmp_path / "p.parquet")
