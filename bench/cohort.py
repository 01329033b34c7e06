"""Benchmark: a population through protection-first, on DuckDB and Spark, against two yardsticks.

For each size (default 1 million and 10 million synthetic rows, ``amparo cohort
synth``), on the same Parquet file:

- run: protection-first with every factor column, category and outcome, read
  from the file and written to Parquet (DuckDB);
- floor: DuckDB copying the same file, reading every row and writing it out;
- per-case: the per-case evaluator looping in Python over rows read from the
  file (facts built from each row, then ``assess_facts``), timed on a sample
  and extrapolated;
- Spark (local mode, every core): start-up, then the same run.

Each figure comes from its own process, so peak memory (the high-water mark of
resident memory; for Spark, the driver and its JVM) is that phase's alone.
Goals (issue 4): within 5x of the floor; at least 50x faster than the per-case
loop; under 2 GB at 10 million rows. Prints figures; never fails.

    .venv/bin/python bench/cohort.py                 # 1M and 10M rows
    .venv/bin/python bench/cohort.py --rows 100000   # a quick look
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

FRAMEWORK = "protection-first"
SAMPLE = 20_000  # rows the per-case loop is timed on


def _peak_mb() -> float:
    """This process's peak resident memory, plus its children's (a JVM)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return own + sum(_hwm_kb(pid) for pid in _children(os.getpid())) / 1024


def _children(pid: int) -> list[int]:
    out: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            kids = [int(k) for k in (task / "children").read_text().split()]
        except OSError:
            continue
        for kid in kids:
            out += [kid, *_children(kid)]
    return out


def _hwm_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


# ---------------------------------------------------------------- phases (one process each)


def phase_run(path: Path, out: Path, engine_name: str) -> dict[str, Any]:
    from amparo.population.engine import Source, open_engine
    from amparo.population.mapping import identity_mapping
    from amparo.population.plan import build_plan

    started = time.perf_counter()
    engine = open_engine(engine_name, "local[*]")
    columns = engine.open_source(Source.of(path))
    startup = time.perf_counter() - started
    plan = build_plan(
        [FRAMEWORK], identity_mapping(columns), columns, (), engine.dialect
    )
    begun = time.perf_counter()
    engine.write(plan.sql, out)
    work = time.perf_counter() - begun
    peak = _peak_mb()
    engine.close()
    return {
        "seconds": work,
        "startup": startup,
        "peak_mb": peak,
        "columns": len(plan.columns),
    }


def phase_floor(path: Path, out: Path, narrow: bool = False) -> dict[str, Any]:
    """Copy the file; ``narrow``: only the columns protection-first reads."""
    import amparo
    from amparo.facts.catalogue import catalogue
    from amparo.population.duck import DuckEngine
    from amparo.rules.sql import compile_framework, fact_columns

    columns = "*"
    if narrow:
        cat = catalogue()
        read = compile_framework(amparo.get_framework(FRAMEWORK)).facts
        names = [c for f in read for c in fact_columns(f, cat[f].type)]
        columns = ", ".join(f'"{c}"' for c in ["id", "assessed_on", *names])
    engine = DuckEngine()
    begun = time.perf_counter()
    engine.con.execute(
        f"COPY (SELECT {columns} FROM read_parquet('{path}')) TO '{out}' (FORMAT parquet, COMPRESSION zstd)"
    )
    work = time.perf_counter() - begun
    peak = _peak_mb()
    engine.close()
    return {"seconds": work, "peak_mb": peak}


def phase_per_case(path: Path, rows: int) -> dict[str, Any]:
    """Read rows from the file, build each row's facts, assess it: the loop a script would write."""
    import duckdb

    import amparo
    from amparo.engine.assess import assess_facts
    from amparo.facts.catalogue import catalogue

    framework = amparo.get_framework(FRAMEWORK)
    cat = catalogue()
    n = min(rows, SAMPLE)
    begun = time.perf_counter()
    cursor = duckdb.connect().execute(f"SELECT * FROM read_parquet('{path}') LIMIT {n}")
    names = [d[0] for d in cursor.description]
    done = 0
    while batch := cursor.fetchmany(10_000):
        for row in batch:
            record = dict(zip(names, row, strict=True))
            facts: dict[str, Any] = {}
            for fact_id, fact in cat.facts.items():
                if fact.ordered:
                    lo, hi = record.get(f"{fact_id}__lo"), record.get(f"{fact_id}__hi")
                    facts[fact_id] = None if lo is None or hi is None else (lo, hi)
                else:
                    facts[fact_id] = record.get(fact_id)
            result = assess_facts(framework, facts, record["assessed_on"])
            _ = result.outcome
            done += 1
    work = time.perf_counter() - begun
    return {"seconds": work * rows / done, "sampled": done, "peak_mb": _peak_mb()}


# ------------------------------------------------------------------------------ driver


def _child(*args: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, __file__, "--phase", *args],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        return {
            "error": done.stderr.strip().splitlines()[-1] if done.stderr else "failed"
        }
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def _rate(rows: int, seconds: float) -> str:
    return f"{rows / seconds:>12,.0f} rows/s"


def bench(rows: int, folder: Path, spark: bool) -> None:
    from amparo.population.synth import write_synthetic

    data = folder / f"synthetic-{rows}.parquet"
    begun = time.perf_counter()
    write_synthetic(rows, data)
    size = data.stat().st_size / 1e6
    print(
        f"\n{rows:,} synthetic rows ({size:,.0f} MB Parquet, written in "
        f"{time.perf_counter() - begun:.1f} s)"
    )
    run = _child("run", str(data), str(folder / "run.parquet"), "duckdb")
    floor = _child("floor", str(data), str(folder / "floor.parquet"))
    narrow = _child("floor", str(data), str(folder / "narrow.parquet"), "narrow")
    loop = _child("per_case", str(data), str(rows))
    if "error" in run or "error" in floor or "error" in loop:
        print("  failed:", run.get("error"), floor.get("error"), loop.get("error"))
        return
    print(
        f"  DuckDB run, {FRAMEWORK} ({run['columns']} result columns): "
        f"{run['seconds']:7.2f} s {_rate(rows, run['seconds'])}   peak {run['peak_mb']:,.0f} MB"
    )
    print(
        f"  DuckDB copy of the file (floor):{'':>17}{floor['seconds']:7.2f} s "
        f"{_rate(rows, floor['seconds'])}   peak {floor['peak_mb']:,.0f} MB"
    )
    if "error" not in narrow:
        print(
            f"  DuckDB copy of the columns the run reads:{'':>8}{narrow['seconds']:7.2f} s "
            f"{_rate(rows, narrow['seconds'])}   peak {narrow['peak_mb']:,.0f} MB"
        )
    print(
        f"  per-case loop in Python (timed on {loop['sampled']:,} rows, extrapolated): "
        f"{loop['seconds']:9.1f} s {_rate(rows, loop['seconds'])}"
    )
    print(
        f"  run / floor: {run['seconds'] / floor['seconds']:.2f}x (goal: within 5x; "
        f"{run['seconds'] / narrow.get('seconds', float('nan')):.2f}x the narrow copy)   "
        f"per-case / run: {loop['seconds'] / run['seconds']:,.0f}x (goal: at least 50x)"
    )
    if spark:
        result = _child("run", str(data), str(folder / "spark-run.parquet"), "spark")
        if "error" in result:
            print(f"  Spark: {result['error']}")
            return
        print(
            f"  Spark local[*]: start-up {result['startup']:.1f} s, then the run "
            f"{result['seconds']:7.2f} s {_rate(rows, result['seconds'])}   "
            f"peak {result['peak_mb']:,.0f} MB (driver + JVM)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="*", default=[1_000_000, 10_000_000])
    parser.add_argument("--no-spark", action="store_true")
    parser.add_argument("--phase", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        name, *rest = args.phase
        if name == "run":
            result = phase_run(Path(rest[0]), Path(rest[1]), rest[2])
        elif name == "floor":
            result = phase_floor(Path(rest[0]), Path(rest[1]), narrow=len(rest) > 2)
        else:
            result = phase_per_case(Path(rest[0]), int(rest[1]))
        print(json.dumps(result))
        return
    import importlib.util

    spark = not args.no_spark and importlib.util.find_spec("pyspark") is not None
    print(f"bench/cohort.py: {os.cpu_count()} cores; Spark {'on' if spark else 'off'}")
    with tempfile.TemporaryDirectory(prefix="amparo-bench-") as folder:
        for rows in args.rows:
            bench(rows, Path(folder), spark)


if __name__ == "__main__":
    main()
