"""The Spark engine: the same compiled SQL on Apache Spark, locally or on a cluster.

Install with ``pip install 'amparo[spark]'`` (Spark needs Java 17 or later).
``master`` is ``local[*]`` for one machine, or a cluster's master URL. Results
are written as a Parquet dataset (a folder of part files, as Spark writes them);
DuckDB, pandas and Spark read the folder as one table. Row numbers are unique
and follow the file order within each part of the input (consecutive for a
file Spark reads as one part).
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from amparo.population.engine import ROW, EngineName, Progress, Source
from amparo.population.errors import EngineError
from amparo.rules.sql import DialectName

_LOCK = threading.Lock()


def spark_session(master: str = "local[*]") -> Any:
    """The process's Spark session, started once.

    Raises:
        EngineError: PySpark is not installed.
    """
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        msg = (
            "--engine spark needs PySpark, which is not installed: "
            "pip install 'amparo[spark]' (Spark also needs Java 17 or later)."
        )
        raise EngineError(msg) from None
    with _LOCK:
        builder = (
            SparkSession.builder.master(master)
            .appName("amparo")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.shuffle.partitions", "4")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.driver.extraJavaOptions", "-Duser.timezone=UTC")
        )
        session = builder.getOrCreate()
        session.sparkContext.setLogLevel("ERROR")
        return session


class SparkEngine:
    name: EngineName = "spark"
    dialect: DialectName = "spark"

    def __init__(self, master: str = "local[*]") -> None:
        self.spark = spark_session(master)
        from pyspark.errors import PySparkException

        self._error = PySparkException

    @property
    def version(self) -> str:
        return str(self.spark.version)

    def open_source(self, source: Source) -> list[str]:
        from pyspark.sql import functions as F

        reader = self.spark.read
        try:
            if source.format == "parquet":
                frame = reader.parquet(str(source.path))
            else:
                frame = reader.csv(
                    str(source.path),
                    header=source.header,
                    sep=source.delimiter,
                    quote=source.quote,
                    escape=source.escape,
                    inferSchema=False,
                    multiLine=source.multiline,
                )
        except self._error as e:
            raise EngineError(f"{source.path}: {e}") from None
        columns = list(frame.columns)
        frame = frame.select(
            (F.monotonically_increasing_id() + 1).alias(ROW),
            *[F.col(f"`{c}`") for c in columns],
        )
        frame.createOrReplaceTempView("src")
        return columns

    def probe(self, sql: str) -> str | None:
        try:
            _ = self.spark.sql(f"SELECT * FROM ({sql}) AS probe LIMIT 0").schema
        except self._error as e:
            return str(e)
        return None

    def write(self, sql: str, out: Path, progress: Progress | None = None) -> None:
        frame = self._sql(sql)
        failure: list[BaseException] = []

        def work() -> None:
            try:
                frame.write.mode("overwrite").parquet(str(out))
            except BaseException as e:  # handed back to the calling thread
                failure.append(e)

        thread = threading.Thread(target=work, daemon=True)
        thread.start()
        tracker = self.spark.sparkContext.statusTracker()
        while thread.is_alive():
            thread.join(0.5)
            if progress is None:
                continue
            stages = [tracker.getStageInfo(s) for s in tracker.getActiveStageIds()]
            total = sum(s.numTasks for s in stages if s is not None)
            done = sum(s.numCompletedTasks for s in stages if s is not None)
            if total:
                progress(done / total)
        if failure:
            error = failure[0]
            if isinstance(error, self._error):
                raise EngineError(str(error)) from None
            raise error
        if progress is not None:
            progress(1.0)

    def open_results(self, path: Path) -> None:
        self.spark.read.parquet(str(path)).createOrReplaceTempView("results")

    def query(self, sql: str) -> list[tuple[Any, ...]]:
        try:
            return [tuple(row) for row in self._sql(sql).collect()]
        except self._error as e:
            raise EngineError(str(e)) from None

    def close(self) -> None:
        """Nothing to do: the session lives as long as the process (starting one is slow)."""

    def _sql(self, sql: str) -> Any:
        try:
            return self.spark.sql(sql)
        except self._error as e:
            raise EngineError(str(e)) from None
