"""``amparo cohort``: populations through frameworks (``run``), and synthetic ones (``synth``)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from amparo.cli.options import OnOption

cohort_app = typer.Typer(
    no_args_is_help=True,
    help="Run a population (CSV or Parquet) through frameworks; write synthetic populations.",
)


def register(app: typer.Typer) -> None:
    app.add_typer(cohort_app, name="cohort")


@cohort_app.command("run")
def run(
    data: Annotated[
        Path, typer.Argument(help="The table: CSV (.csv, .csv.gz) or Parquet.")
    ],
    out: Annotated[
        Path, typer.Option("--out", help="Folder to write the results into.")
    ],
    mapping: Annotated[
        str | None,
        typer.Option(
            "--mapping",
            help="A mapping file (YAML), or a built-in mapping's name (uwchr-i213). "
            "Default: the table's columns are named as the facts.",
        ),
    ] = None,
    framework: Annotated[
        str,
        typer.Option("--framework", help="The framework to assess under (the reform)."),
    ] = "protection-first",
    baseline: Annotated[
        str | None,
        typer.Option(
            "--baseline",
            help="A framework to compare with; 'official' is, for each row, the "
            "enforcement framework in force on its date.",
        ),
    ] = None,
    by: Annotated[
        list[str] | None,
        typer.Option(
            "--by", help="Break the outcomes down by this column or fact (repeatable)."
        ),
    ] = None,
    engine: Annotated[
        str, typer.Option("--engine", help="duckdb (in process) or spark.")
    ] = "duckdb",
    master: Annotated[
        str | None,
        typer.Option("--master", help="Spark's master URL (default local[*])."),
    ] = None,
    on: OnOption = None,
    charts: Annotated[
        bool,
        typer.Option("--charts/--no-charts", help="Draw the charts (PNG and SVG)."),
    ] = True,
) -> None:
    """Assess every row of a table: results.parquet, summary.json, provenance.json and charts."""
    from amparo.population.run import run_cohort

    with _progress("Assessing rows") as progress:
        result = run_cohort(
            data,
            out,
            framework=framework,
            baseline=baseline,
            mapping=mapping,
            by=by or (),
            engine=engine,
            on=on.date() if on else None,
            master=master,
            charts=charts,
            progress=progress,
        )
    summary = result.summary
    typer.echo(
        f"{summary['rows']:,} rows assessed under {framework}"
        + (f" and {baseline}" if baseline else "")
        + "."
    )
    for name, counts in summary["outcomes"].items():
        if name not in (framework, baseline):
            continue
        shares = ", ".join(f"{outcome} {n:,}" for outcome, n in counts.items())
        typer.echo(f"  {name}: {shares}")
    typer.echo(f"Wrote {', '.join(p.name for p in result.files)} to {result.out}.")


@cohort_app.command("synth")
def synth(
    n: Annotated[int, typer.Argument(help="How many rows.")],
    out: Annotated[
        Path, typer.Option("--out", help="The file to write: *.parquet or *.csv.")
    ],
) -> None:
    """Write a synthetic population: every fact the frameworks read, with unknowns,
    its columns named as the facts (no mapping needed). Fictional rows."""
    from amparo.population.synth import write_synthetic

    with _progress("Writing rows") as progress:
        write_synthetic(n, out, progress)
    typer.echo(f"Wrote {n:,} synthetic rows to {out}.")


@contextmanager
def _progress(label: str) -> Iterator[Callable[[float], None] | None]:
    """A progress bar on stderr where it is a terminal; nothing elsewhere."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn(label),
        BarColumn(),
        TextColumn("{task.percentage:>3.0f}%"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task(label, total=1.0)
        yield lambda done: bar.update(task, completed=done)
