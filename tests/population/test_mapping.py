"""Mapping files: each mistake is one clear message with the file, the line, what is
wrong and how to fix it, on every engine, and from the CLI without a traceback."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from amparo.population.errors import MappingError
from amparo.population.mapping import load_mapping, parse_mapping
from amparo.population.run import run_cohort

SAMPLE = Path(__file__).with_name("data") / "i213-sample.csv"
HAS_SPARK = importlib.util.find_spec("pyspark") is not None
AMPARO = str(Path(sys.executable).parent / "amparo")

BASE = """\
mapping: test
read: {delimiter: "|"}
assessed_on: apprehension_date
json:
  criminal_charges: [CHARGE_STATUS, NCIC_CATEGORY]
facts:
"""


def write(tmp_path: Path, facts: str) -> Path:
    path = tmp_path / "m.yaml"
    path.write_text(
        BASE + textwrap.indent(textwrap.dedent(facts), "  "), encoding="utf-8"
    )
    return path


def run(tmp_path: Path, mapping: Path, engine: str = "duckdb") -> None:
    run_cohort(SAMPLE, tmp_path / "out", mapping=mapping, engine=engine, charts=False)


def test_a_missing_column_names_the_file_line_column_and_a_near_match(
    tmp_path: Path,
) -> None:
    mapping = write(tmp_path, "age: agee\n")
    with pytest.raises(MappingError) as caught:
        run(tmp_path, mapping)
    text = str(caught.value)
    assert str(mapping) in text
    assert "line 7" in text
    assert "'agee'" in text
    assert "Did you mean 'age'?" in text
    assert "Fix the column name" in text


@pytest.mark.parametrize(
    "engine",
    [
        "duckdb",
        pytest.param(
            "spark",
            marks=pytest.mark.skipif(not HAS_SPARK, reason="PySpark is not installed"),
        ),
    ],
)
def test_an_unmapped_value_names_the_value_the_fact_and_the_fix(
    tmp_path: Path, engine: str
) -> None:
    mapping = write(
        tmp_path,
        """\
        removal_country:
          column: citizenship_country_descr
          values: {GUATEMALA: GT, MEXICO: MX}
        """,
    )
    with pytest.raises(MappingError) as caught:
        run(tmp_path, mapping, engine)
    text = str(caught.value)
    assert str(mapping) in text
    assert "removal_country" in text
    assert "'citizenship_country_descr'" in text
    assert "Add it to 'values'" in text
    assert "unmapped: unknown" in text
    assert "'VENEZUELA'" in text or "'HONDURAS'" in text or "'NICARAGUA'" in text


def test_unmapped_unknown_leaves_other_values_unknown(tmp_path: Path) -> None:
    mapping = write(
        tmp_path,
        """\
        removal_country:
          column: citizenship_country_descr
          values: {GUATEMALA: GT}
          unmapped: unknown
        """,
    )
    run(tmp_path, mapping)
    assert (tmp_path / "out" / "results.parquet").exists()


def test_an_expression_the_engine_refuses_is_located_by_fact_and_line(
    tmp_path: Path,
) -> None:
    mapping = write(tmp_path, "employed:\n  true_when: \"no_such_column = 'x'\"\n")
    with pytest.raises(MappingError) as caught:
        run(tmp_path, mapping)
    text = str(caught.value)
    assert "line 7" in text
    assert "fact employed" in text
    assert "no_such_column" in text


@pytest.mark.parametrize(
    ("facts", "words"),
    [
        ("agge: age\n", ["'agge' is not a fact", "Did you mean 'age'?"]),
        ("age: {column: age, colour: red}\n", ["unknown key 'colour'"]),
        ("employed: {column: x, sql: y}\n", ["exactly one of"]),
        (
            'age: {true_when: "x = 1"}\n',
            ["age is a number fact", "true_when gives a bool"],
        ),
        (
            "removal_country: {column: c, values: {X: MEX}}\n",
            ["two-letter country code"],
        ),
        (
            "years_of_residence: {years_since: nothing}\n",
            ["years_since names 'nothing'"],
        ),
        (
            "has_conviction: {true_when: {any: charges}}\n",
            ["not declared under 'json:'"],
        ),
    ],
)
def test_a_wrong_mapping_file_says_what_and_where(
    tmp_path: Path, facts: str, words: list[str]
) -> None:
    path = write(tmp_path, facts)
    with pytest.raises(MappingError) as caught:
        load_mapping(path)
    text = str(caught.value)
    assert f"{path}, line 7" in text
    for word in words:
        assert word in text


def test_an_unknown_mapping_name_lists_the_built_in_ones() -> None:
    with pytest.raises(MappingError, match="Built-in mappings: uwchr-i213"):
        load_mapping("no-such-mapping")


def test_yaml_booleans_as_value_keys_are_caught() -> None:
    with pytest.raises(MappingError, match="write it in quotes"):
        parse_mapping("facts:\n  employed: {column: e, values: {yes: true}}\n")


def test_the_cli_prints_one_error_and_no_traceback(tmp_path: Path) -> None:
    mapping = write(tmp_path, "age: agee\n")
    done = subprocess.run(
        [
            AMPARO,
            "cohort",
            "run",
            str(SAMPLE),
            "--mapping",
            str(mapping),
            "--out",
            str(tmp_path / "o"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr.startswith("Error: 1 problem with the mapping")
    assert "Traceback" not in done.stderr
    assert "agee" in done.stderr
