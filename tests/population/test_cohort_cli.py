"""``amparo cohort synth`` and ``amparo cohort run``, run as a person runs them."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from amparo.population.run import run_cohort

AMPARO = str(Path(sys.executable).parent / "amparo")
SAMPLE = Path(__file__).with_name("data") / "i213-sample.csv"
HAS_SPARK = importlib.util.find_spec("pyspark") is not None


def amparo(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([AMPARO, *args], capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("synth") / "people.parquet"
    done = amparo("cohort", "synth", "2000", "--out", str(path))
    assert done.returncode == 0, done.stderr
    return path


def test_run_writes_results_summary_provenance_and_charts(
    synthetic: Path, tmp_path: Path
) -> None:
    out = tmp_path / "run"
    done = amparo(
        "cohort", "run", str(synthetic), "--framework", "protection-first",
        "--baseline", "official", "--by", "removal_country", "--out", str(out),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "2,000 rows assessed" in done.stdout
    for name in ("transitions", "factors", "outcomes_over_time"):
        assert (out / f"{name}.png").stat().st_size > 1000
        assert (out / f"{name}.svg").read_text().lstrip().startswith("<?xml")
    summary = json.loads((out / "summary.json").read_text())
    assert summary["rows"] == 2000
    assert sum(summary["outcomes"]["protection-first"].values()) == 2000
    assert sum(summary["outcomes"]["official"].values()) == 2000
    assert sum(t["n"] for t in summary["transitions"]) == 2000
    assert set(summary["transitions"][0]) == {"baseline", "reform", "n"}
    family = summary["factors"]["protection-first"]["family_in_us"]
    assert set(family) == {"true", "false", "unknown"}
    assert sum(family.values()) == summary["in_force_rows"]["protection-first"]
    assert "MX" in summary["by"]["removal_country"]
    provenance = json.loads((out / "provenance.json").read_text())
    ids = {f["id"] for f in provenance["frameworks"]}
    assert {
        "protection-first",
        "eo-14159",
        "dhs-2021-guidelines",
        "ice-2021-interim",
    } <= ids
    assert all(len(f["sha256"]) == 64 for f in provenance["frameworks"])
    assert len(provenance["data"]["sha256"]) == 64
    assert provenance["engine"]["name"] == "duckdb"
    assert provenance["run_at"]


def test_results_have_a_row_id_then_each_framework_s_columns(
    synthetic: Path, tmp_path: Path
) -> None:
    import duckdb

    run_cohort(synthetic, tmp_path, baseline="dhs-2021-guidelines", charts=False)
    columns = [
        d[0]
        for d in duckdb.sql(
            f"DESCRIBE SELECT * FROM '{tmp_path / 'results.parquet'}'"
        ).fetchall()
    ]
    assert columns[:3] == ["row_id", "id", "assessed_on"]
    assert "dhs-2021-guidelines__category__public_safety" in columns
    assert "protection-first__factor__family_in_us" in columns
    assert columns.index("protection-first__outcome") < columns.index(
        "protection-first__factor__age"
    )


def test_the_same_framework_as_baseline_and_reform_is_one_column(
    synthetic: Path, tmp_path: Path
) -> None:
    result = run_cohort(synthetic, tmp_path, baseline="protection-first", charts=False)
    assert all(t["baseline"] == t["reform"] for t in result.summary["transitions"])


def test_an_unknown_framework_is_one_error(synthetic: Path, tmp_path: Path) -> None:
    done = amparo(
        "cohort", "run", str(synthetic), "--framework", "nope", "--out", str(tmp_path)
    )
    assert done.returncode == 1
    assert done.stderr.startswith("Error: There is no framework 'nope'")


def test_a_missing_file_is_one_error(tmp_path: Path) -> None:
    done = amparo(
        "cohort", "run", str(tmp_path / "none.csv"), "--out", str(tmp_path / "o")
    )
    assert done.returncode == 1
    assert "no such file" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_table_without_dates_needs_on(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("id,child_in_us\na,true\n")
    done = amparo("cohort", "run", str(path), "--out", str(tmp_path / "o"))
    assert done.returncode == 1
    assert "--on YYYY-MM-DD" in done.stderr
    done = amparo(
        "cohort", "run", str(path), "--on", "2021-06-28", "--out", str(tmp_path / "o")
    )
    assert done.returncode == 0, done.stderr
    summary = json.loads((tmp_path / "o" / "summary.json").read_text())
    assert summary["outcomes"]["protection-first"] == {"presumptive_protection": 1}


@pytest.mark.skipif(
    not HAS_SPARK, reason="PySpark is not installed (pip install 'amparo[spark]')"
)
def test_spark_writes_the_same_summary_as_duckdb(tmp_path: Path) -> None:
    runs = {}
    for engine in ("duckdb", "spark"):
        runs[engine] = run_cohort(
            SAMPLE, tmp_path / engine, baseline="official", mapping="uwchr-i213",
            by=["cy", "child_in_us"], engine=engine, master="local[2]", charts=False,
        ).summary  # fmt: skip
    assert runs["spark"] == runs["duckdb"]
    assert runs["duckdb"]["by"]["child_in_us"]["true"]["protection-first"]
    assert (tmp_path / "spark" / "results.parquet").is_dir()
