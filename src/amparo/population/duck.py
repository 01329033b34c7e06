"""The DuckDB engine: in process, vectorized, reading CSV and Parquet out of core.

The results stream from the source file to a Parquet file; no row becomes a
Python object. Memory is capped (``memory_limit``) and DuckDB spills to a
temporary folder beyond it, so a run's memory stays bounded as rows grow.
"""

from __future__ import annotations

import tempfile
import threading
from pathlib import Path
from typing import Any

from amparo.population.engine import ROW, EngineName, Progress, Source
from amparo.population.errors import EngineError
from amparo.rules.sql import Dialect, DialectName

MEMORY_LIMIT = "1GB"


def _duckdb() -> Any:
    try:
        import duckdb
    except ImportError:  # pragma: no cover - duckdb is a dependency
        msg = "DuckDB is not installed: pip install duckdb"
        raise EngineError(msg) from None
    return duckdb


class DuckEngine:
    name: EngineName = "duckdb"
    dialect: DialectName = "duckdb"

    def __init__(self, memory_limit: str = MEMORY_LIMIT) -> None:
        duckdb = _duckdb()
        self._error = duckdb.Error
        self._tmp = tempfile.TemporaryDirectory(prefix="amparo-duckdb-")
        self.con = duckdb.connect(
            config={"memory_limit": memory_limit, "temp_directory": self._tmp.name}
        )

    @property
    def version(self) -> str:
        return str(_duckdb().__version__)

    def open_source(self, source: Source) -> list[str]:
        path = _string(str(source.path))
        if source.format == "parquet":
            glob = str(source.path / "*.parquet") if source.path.is_dir() else path
            reader = f"read_parquet({_string(glob) if source.path.is_dir() else path})"
        else:
            reader = (
                f"read_csv({path}, all_varchar = true, header = {str(source.header).lower()}, "
                f"delim = {_string(source.delimiter)}, quote = {_string(source.quote)}, "
                f"escape = {_string(source.escape)})"
            )
        # row_number() OVER () streams: DuckDB numbers rows as it reads them.
        self._run(
            f"CREATE OR REPLACE VIEW src AS SELECT row_number() OVER () AS {ROW}, * FROM {reader}"
        )
        rows = self.query("DESCRIBE src")
        return [str(r[0]) for r in rows if r[0] != ROW]

    def probe(self, sql: str) -> str | None:
        try:
            self.con.execute(f"SELECT * FROM ({sql}) AS probe LIMIT 0")
        except self._error as e:
            return str(e)
        return None

    def write(self, sql: str, out: Path, progress: Progress | None = None) -> None:
        statement = (
            f"COPY ({sql}) TO {_string(str(out))} (FORMAT parquet, COMPRESSION zstd)"
        )
        self.write_statement(statement, progress)

    def write_statement(self, statement: str, progress: Progress | None = None) -> None:
        """Run a statement that writes a file, reporting its progress."""
        if progress is None:
            self._run(statement)
            return
        failure: list[BaseException] = []

        def work() -> None:
            try:
                self.con.execute(statement)
            except BaseException as e:  # handed back to the calling thread
                failure.append(e)

        thread = threading.Thread(target=work, daemon=True)
        thread.start()
        while thread.is_alive():
            thread.join(0.2)
            done = self.con.query_progress()
            if done is not None and done >= 0:
                progress(min(float(done) / 100, 1.0))
        if failure:
            error = failure[0]
            if isinstance(error, self._error):
                raise EngineError(str(error)) from None
            raise error
        progress(1.0)

    def open_results(self, path: Path) -> None:
        self._run(
            f"CREATE OR REPLACE VIEW results AS SELECT * FROM read_parquet({_string(str(path))})"
        )

    def query(self, sql: str) -> list[tuple[Any, ...]]:
        try:
            return list(self.con.execute(sql).fetchall())
        except self._error as e:
            raise EngineError(str(e)) from None

    def close(self) -> None:
        self.con.close()
        self._tmp.cleanup()

    def _run(self, sql: str) -> None:
        try:
            self.con.execute(sql)
        except self._error as e:
            raise EngineError(str(e)) from None


def _string(value: str) -> str:
    return Dialect("duckdb").string(value)
