"""The engines a population runs on, behind one small interface.

An engine reads the source table (CSV or Parquet, out of core) as a view ``src``
with a row number ``__row`` (from 1 in file order), runs the compiled query,
writes the results as Parquet, and answers the summary's aggregate queries.
DuckDB runs in process (:mod:`.duck`); Spark runs locally or on a cluster
(:mod:`.spark`). Both run the same SQL text; only quoting differs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Protocol

from amparo.population.errors import EngineError
from amparo.rules.sql import DialectName

EngineName = Literal["duckdb", "spark"]
Progress = Callable[[float], None]  # the share done, 0 to 1
Format = Literal["csv", "parquet"]
ROW = "__row"


@dataclass(frozen=True, slots=True)
class Source:
    """A table to read: its path, format and CSV options."""

    path: Path
    format: Format
    delimiter: str = ","
    header: bool = True
    quote: str = '"'
    escape: str = '"'
    multiline: bool = False  # quoted values may hold line breaks (Spark must be told)

    @classmethod
    def of(cls, path: Path, read: Mapping[str, Any] | None = None) -> Source:
        """The source at ``path``; the format from its name, CSV options from ``read``.

        Raises:
            EngineError: the file does not exist, or is neither CSV nor Parquet.
        """
        if not path.exists():
            msg = f"{path}: no such file. Give the path of a CSV or Parquet file."
            raise EngineError(msg)
        read = read or {}
        name = path.name.lower()
        if path.is_dir() or name.endswith((".parquet", ".pq")):
            return cls(path, "parquet")
        if not name.endswith((".csv", ".csv.gz", ".tsv", ".txt", ".psv")):
            msg = (
                f"{path}: the file name does not say CSV or Parquet; name it "
                "*.csv, *.csv.gz or *.parquet."
            )
            raise EngineError(msg)
        default = "\t" if name.endswith(".tsv") else ","
        return cls(
            path,
            "csv",
            delimiter=str(read.get("delimiter", default)),
            header=bool(read.get("header", True)),
            quote=str(read.get("quote", '"')),
            escape=str(read.get("escape", '"')),
            multiline=bool(read.get("multiline", False)),
        )


class Engine(Protocol):
    """What a population run needs of an engine."""

    name: EngineName
    dialect: DialectName

    @property
    def version(self) -> str: ...

    def open_source(self, source: Source) -> list[str]:
        """Read the table as the view ``src`` (with ``__row``); its column names."""
        ...

    def probe(self, sql: str) -> str | None:
        """The engine's complaint about a query, without running it (None: fine)."""
        ...

    def write(self, sql: str, out: Path, progress: Progress | None = None) -> None:
        """Run the query and write its rows to ``out`` as Parquet."""
        ...

    def open_results(self, path: Path) -> None:
        """Read written results as the view ``results``."""
        ...

    def query(self, sql: str) -> list[tuple[Any, ...]]:
        """Run a small query (an aggregate) and return its rows."""
        ...

    def close(self) -> None: ...


def open_engine(name: str, master: str | None = None) -> Engine:
    """An engine by name: ``duckdb`` (default) or ``spark``.

    Raises:
        EngineError: the name is unknown, or the engine is not installed.
    """
    if name == "duckdb":
        from amparo.population.duck import DuckEngine

        return DuckEngine()
    if name == "spark":
        from amparo.population.spark import SparkEngine

        return SparkEngine(master or "local[*]")
    msg = f"--engine {name}: the engines are duckdb and spark."
    raise EngineError(msg)
