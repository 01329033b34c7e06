"""A population run: a table through frameworks, with its results, summary, provenance and charts.

Writes into ``out``:

- ``results.parquet``: ``row_id``, the ``id`` and ``--by`` columns, ``assessed_on``,
  then per framework its outcome, categories, factors and not-weighed kinds
  (a folder of part files when Spark writes it);
- ``summary.json`` (:mod:`.summary`);
- ``provenance.json``: the frameworks with the hash of their files, the data
  file's hash, the mapping, the engine and its version, the date of the run;
- the charts (:mod:`.charts`), as PNG and SVG.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import platform
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from amparo.population.check import check_columns, locate, unmapped
from amparo.population.engine import Engine, Progress, Source, open_engine
from amparo.population.errors import EngineError
from amparo.population.mapping import Mapping, identity_mapping, load_mapping
from amparo.population.plan import Plan, build_plan
from amparo.population.summary import summarize, unknown_facts


@dataclass(frozen=True, slots=True)
class RunResult:
    out: Path
    summary: dict[str, Any]
    provenance: dict[str, Any]
    files: tuple[Path, ...]


def run_cohort(
    data: Path,
    out: Path,
    framework: str = "protection-first",
    baseline: str | None = None,
    mapping: str | Path | None = None,
    by: Sequence[str] = (),
    engine: str = "duckdb",
    on: dt.date | None = None,
    master: str | None = None,
    charts: bool = True,
    progress: Progress | None = None,
) -> RunResult:
    """Assess every row of ``data`` under ``framework`` (and ``baseline``), writing into ``out``.

    ``framework`` and ``baseline`` are framework ids, or ``official``: for each row
    the enforcement framework in force on its date. Without a mapping, the
    table's columns are named as the facts (:func:`identity_mapping`).

    Raises:
        MappingError: the mapping is wrong, or the data has a column or value it
            does not map.
        EngineError: the engine is missing or failed.
        LookupFailedError: a framework id names no framework.
    """
    chosen = load_mapping(mapping) if mapping is not None else None
    source = Source.of(data, chosen.read if chosen else None)
    runner = open_engine(engine, master)
    try:
        columns = runner.open_source(source)
        if chosen is None:
            chosen = identity_mapping(columns, on, name=str(data))
        check_columns(chosen, columns)
        specs = [framework] + ([baseline] if baseline and baseline != framework else [])
        plan = build_plan(specs, chosen, columns, by, runner.dialect)
        complaint = runner.probe(plan.sql)
        if complaint is not None:
            locate(runner, chosen, plan.json_sql, complaint)
        out.mkdir(parents=True, exist_ok=True)
        results = out / "results.parquet"
        _clear(results)
        try:
            runner.write(plan.sql, results, progress)
        except EngineError as e:
            raise unmapped(e) or e from None
        runner.open_results(results)
        summary = summarize(runner, plan, baseline, framework)
        summary["unknown_facts"] = unknown_facts(runner, plan)
        provenance = _provenance(runner, plan, chosen, data, specs)
    finally:
        runner.close()
    files = [results]
    for name, payload in (("summary.json", summary), ("provenance.json", provenance)):
        path = out / name
        path.write_text(
            json.dumps(payload, indent=2, ensure_ascii=False, default=str) + "\n",
            encoding="utf-8",
        )
        files.append(path)
    if charts:
        from amparo.population.charts import draw_charts

        files += draw_charts(summary, out)
    return RunResult(out, summary, provenance, tuple(files))


def _clear(results: Path) -> None:
    """Remove the results of an earlier run (a file, or the folder Spark wrote)."""
    if results.is_file():
        results.unlink()
    elif results.is_dir():
        parts = list(results.iterdir())
        if all(p.name.startswith(("part-", "_", ".")) for p in parts):
            shutil.rmtree(results)


def _provenance(
    engine: Engine, plan: Plan, mapping: Mapping, data: Path, specs: Sequence[str]
) -> dict[str, Any]:
    from amparo.rules.registry import get_framework

    frameworks = []
    for compiled in plan.compiled:
        fw = get_framework(compiled.framework_id)
        frameworks.append(
            {
                "id": fw.id,
                "sha256": framework_hash(fw.folder, fw.extends),
                "in_force": [
                    [str(p.start), str(p.end) if p.end else None] for p in fw.in_force
                ],
            }
        )
    mapping_file = Path(mapping.file) if mapping.file else None
    return {
        "amparo": _version(),
        "run_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "specs": list(specs),
        "frameworks": frameworks,
        "data": {"path": str(data), "sha256": file_hash(data)},
        "mapping": {
            "name": mapping.name,
            "identity": mapping.identity,
            "file": str(mapping_file)
            if mapping_file and mapping_file.is_file()
            else None,
            "sha256": file_hash(mapping_file)
            if mapping_file and mapping_file.is_file()
            else None,
        },
        "engine": {"name": engine.name, "version": engine.version},
        "python": platform.python_version(),
    }


def file_hash(path: Path) -> str:
    """SHA-256 of a file, or of a folder's files in name order."""
    digest = hashlib.sha256()
    files = (
        sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    )
    for file in files:
        with file.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
    return digest.hexdigest()


def framework_hash(folder: Path, extends: str | None = None) -> str:
    """SHA-256 of a framework's files (and of the framework it extends)."""
    from amparo.rules.registry import framework_folders

    digest = hashlib.sha256()
    for file in sorted(p for p in folder.rglob("*.yaml") if p.is_file()):
        digest.update(str(file.relative_to(folder)).encode())
        digest.update(file.read_bytes())
    if extends:
        digest.update(framework_hash(framework_folders()[extends]).encode())
    return digest.hexdigest()


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("amparo")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "unknown"
