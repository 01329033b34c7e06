"""Mappings: how the columns of a table become facts.

A mapping is a YAML file (see ``mappings/uwchr-i213.yaml`` for a full one)::

    mapping: my-table                  # a name, for provenance
    read: {delimiter: "|"}             # CSV options: delimiter, header, quote, escape, multiline
    assessed_on: arrest_date           # SQL: the date each row is assessed on
    id: record_id                      # SQL: an id kept in the results (optional)
    json:                              # text columns holding a JSON list of objects,
      charges: [STATUS, CATEGORY]      #   with the keys the mapping reads
    facts:
      age: age_years                   # a column (a number: exact)
      removal_country:                 # a column through a value map
        column: citizenship
        values: {MEXICO: MX, UNKNOWN: null}
        unmapped: error                # or unknown: a value not in the map is unknown
      spouse_in_us:                    # true where a condition holds, else unknown
        true_when: "spouse_citizenship = 'UNITED STATES'"
      has_conviction:                  # an item of a JSON list
        true_when: {any: charges, where: "item.STATUS = 'Convicted'"}
      last_entry_date: entry_date      # a date: exact
      first_entry_date: {lo: "DATE '1900-01-01'", hi: entry_date}   # a span
      years_since_last_entry: {years_since: last_entry_date}       # whole years to assessed_on
      conviction_count: {count: charges, where: "item.STATUS = 'Convicted'"}
      letters_of_support: {sql: "CAST(letters AS INT)"}

Expressions are SQL that both DuckDB and Spark read (CASE, CAST, COALESCE, IN,
LIKE, UPPER, TRIM, ``DATE 'YYYY-MM-DD'``...); CSV columns arrive as text, and each
fact is cast to its type (bool, number, date, text) at the end. A fact the mapping
does not name is unknown on every row: a mapping never turns "not recorded" into
"no" unless it says so (``false_when``).

Without a mapping, a table's columns are named as the facts (:func:`identity_mapping`):
a bool, enum or country fact by its id; a number or date fact either by its id
(an exact value) or as a span ``<id>__lo`` / ``<id>__hi``; the date each row is
assessed on in ``assessed_on``; an ``id`` column is kept.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Mapping as MappingABC
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml

from amparo.errors import Problem
from amparo.facts.catalogue import catalogue
from amparo.population.errors import MappingError
from amparo.rules.sql import span_columns

MAPPINGS_DIR = Path(__file__).with_name("mappings")
ASSESSED_ON = "assessed_on"  # the identity mapping's date column
ID = "id"  # the identity mapping's id column
_KEYS = {
    "column",
    "values",
    "unmapped",
    "sql",
    "true_when",
    "false_when",
    "lo",
    "hi",
    "years_since",
    "count",
    "where",
    "note",
}
_TOP = {"mapping", "description", "read", "assessed_on", "id", "json", "facts", "note"}


@dataclass(frozen=True, slots=True)
class Condition:
    """A SQL condition over the row, or ``any`` item of a JSON list ``where`` one holds."""

    sql: str | None = None
    any_of: str | None = None
    where: str | None = None


@dataclass(frozen=True, slots=True)
class FactSpec:
    """How one fact is read from a row."""

    fact: str
    type: str
    line: int | None = None
    column: str | None = None
    values: MappingABC[str, Any] | None = None
    unmapped: Literal["error", "unknown"] = "error"
    sql: str | None = None
    true_when: tuple[Condition, ...] = ()
    false_when: tuple[Condition, ...] = ()
    lo: str | None = None
    hi: str | None = None
    years_since: str | None = None
    count: Condition | None = None


@dataclass(frozen=True, slots=True)
class Mapping:
    name: str
    file: str | None
    facts: MappingABC[str, FactSpec]
    assessed_on: str | None = None
    assessed_on_line: int | None = None
    id: str | None = None
    read: MappingABC[str, Any] = field(default_factory=dict)
    json: MappingABC[str, tuple[str, ...]] = field(default_factory=dict)
    identity: bool = False

    def where(self, spec: FactSpec | None = None) -> str:
        """``file, line N`` of a fact (or the file), for error messages."""
        parts = [self.file or f"mapping {self.name!r}"]
        if spec is not None and spec.line is not None:
            parts.append(f"line {spec.line}")
        return ", ".join(parts)


def builtin_mappings() -> list[str]:
    """The names of the mappings shipped with amparo."""
    return sorted(p.stem for p in MAPPINGS_DIR.glob("*.yaml"))


def load_mapping(name_or_path: str | Path) -> Mapping:
    """A mapping file, or a built-in mapping by name (``uwchr-i213``).

    Raises:
        MappingError: no such file or built-in, or the file has problems (each with
            its line).
    """
    path = Path(name_or_path)
    if not path.is_file():
        builtin = MAPPINGS_DIR / f"{name_or_path}.yaml"
        if not builtin.is_file():
            known = ", ".join(builtin_mappings())
            problem = Problem(
                f"there is no mapping file {str(name_or_path)!r} and no built-in mapping of "
                f"that name. Built-in mappings: {known}; or give the path of a YAML file.",
            )
            raise MappingError([problem])
        path = builtin
    text = path.read_text(encoding="utf-8")
    return parse_mapping(text, str(path))


def parse_mapping(text: str, source: str = "<mapping>") -> Mapping:
    """Read a mapping from YAML text.

    Raises:
        MappingError: every problem found, each with its line.
    """
    try:
        # _MarkedLoader is a SafeLoader that keeps line numbers.
        data = yaml.load(text, Loader=_MarkedLoader)  # nosec B506
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise MappingError(
            [Problem(f"not valid YAML: {e}", file=source, line=line)]
        ) from None
    problems: list[Problem] = []
    if not isinstance(data, dict):
        problems.append(
            Problem("a mapping is a YAML mapping with 'facts:'", file=source)
        )
        raise MappingError(problems)
    lines = _lines(data)
    for key in data:
        if key not in _TOP:
            problems.append(
                Problem(
                    f"unknown key {key!r}; a mapping has {', '.join(sorted(_TOP))}.",
                    file=source,
                    line=lines.get(key),
                )
            )
    json_columns: dict[str, tuple[str, ...]] = {}
    for column, keys in (data.get("json") or {}).items():
        if not isinstance(keys, list) or not all(isinstance(k, str) for k in keys):
            problems.append(
                Problem(
                    f"json: {column!r} lists the keys its items have, as a list of names.",
                    file=source,
                    line=_lines(data.get("json")).get(column),
                )
            )
            continue
        json_columns[str(column)] = tuple(keys)
    facts_raw = data.get("facts")
    if not isinstance(facts_raw, dict) or not facts_raw:
        problems.append(
            Problem(
                "no 'facts:': say which column gives each fact.",
                file=source,
                line=lines.get("facts"),
            )
        )
        raise MappingError(problems)
    fact_lines = _lines(facts_raw)
    specs: dict[str, FactSpec] = {}
    for fact_id, raw in facts_raw.items():
        spec = _fact_spec(
            str(fact_id), raw, fact_lines.get(fact_id), source, json_columns, problems
        )
        if spec is not None:
            specs[spec.fact] = spec
    for spec in specs.values():
        if spec.years_since is not None:
            target = specs.get(spec.years_since)
            if target is None or target.type != "date" or target.years_since:
                problems.append(
                    Problem(
                        f"{spec.fact}: years_since names {spec.years_since!r}; name a date fact "
                        "this mapping gives (last_entry_date, residence_since, ...).",
                        file=source,
                        line=spec.line,
                    )
                )
    on = data.get("assessed_on")
    if isinstance(on, dt.date):
        on = f"DATE '{on.isoformat()}'"
    if problems:
        raise MappingError(problems)
    return Mapping(
        name=str(data.get("mapping") or Path(source).stem),
        file=source,
        facts=specs,
        assessed_on=None if on is None else str(on),
        assessed_on_line=lines.get("assessed_on"),
        id=None if data.get("id") is None else str(data["id"]),
        read=dict(data.get("read") or {}),
        json=json_columns,
    )


def _fact_spec(
    fact_id: str,
    raw: object,
    line: int | None,
    source: str,
    json_columns: MappingABC[str, tuple[str, ...]],
    problems: list[Problem],
) -> FactSpec | None:
    cat = catalogue()
    if fact_id not in cat:
        close = difflib.get_close_matches(fact_id, list(cat.facts), n=1)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        problems.append(
            Problem(
                f"{fact_id!r} is not a fact.{hint} The facts are listed in "
                "amparo/facts/catalogue.yaml.",
                file=source,
                line=line,
            )
        )
        return None
    fact_type = cat[fact_id].type
    if isinstance(raw, str):
        return FactSpec(fact_id, fact_type, line, column=raw)
    if not isinstance(raw, dict):
        problems.append(
            Problem(
                f"{fact_id}: give a column name, or a mapping with one of column, sql, "
                "true_when, lo/hi, years_since, count.",
                file=source,
                line=line,
            )
        )
        return None
    for key in raw:
        if key not in _KEYS:
            problems.append(
                Problem(
                    f"{fact_id}: unknown key {key!r}; use {', '.join(sorted(_KEYS - {'note'}))}.",
                    file=source,
                    line=_lines(raw).get(key, line),
                )
            )
    kinds = [k for k in ("column", "sql", "lo", "years_since", "count") if k in raw] + (
        ["true_when"] if "true_when" in raw or "false_when" in raw else []
    )
    if len(kinds) != 1:
        problems.append(
            Problem(
                f"{fact_id}: give exactly one of column, sql, true_when/false_when, "
                f"lo and hi, years_since, count (found: {', '.join(kinds) or 'none'}).",
                file=source,
                line=line,
            )
        )
        return None
    kind = kinds[0]
    allowed_types = {
        "true_when": ("bool",),
        "lo": ("number", "date"),
        "years_since": ("number",),
        "count": ("number",),
    }.get(kind)
    if allowed_types and fact_type not in allowed_types:
        problems.append(
            Problem(
                f"{fact_id} is a {fact_type} fact; {kind} gives a {' or '.join(allowed_types)}.",
                file=source,
                line=line,
            )
        )
        return None

    def condition(value: object) -> Condition | None:
        if isinstance(value, str):
            return Condition(sql=value)
        if (
            isinstance(value, dict)
            and set(value) <= {"any", "where"}
            and "any" in value
        ):
            column = str(value["any"])
            if column not in json_columns:
                problems.append(
                    Problem(
                        f"{fact_id}: {column!r} is not declared under 'json:'; list it there "
                        "with the keys its items have.",
                        file=source,
                        line=line,
                    )
                )
                return None
            return Condition(any_of=column, where=str(value.get("where") or "TRUE"))
        problems.append(
            Problem(
                f"{fact_id}: a condition is SQL text, or {{any: JSON_COLUMN, where: SQL}}.",
                file=source,
                line=line,
            )
        )
        return None

    def conditions(value: object) -> tuple[Condition, ...]:
        items = value if isinstance(value, list) else [value]
        out = [condition(item) for item in items if item is not None]
        return tuple(c for c in out if c is not None)

    values = raw.get("values")
    if values is not None:
        values = _value_map(fact_id, fact_type, values, line, source, problems)
    unmapped = raw.get("unmapped", "error")
    if unmapped not in ("error", "unknown"):
        problems.append(
            Problem(
                f"{fact_id}: unmapped is {unmapped!r}; use error or unknown.",
                file=source,
                line=line,
            )
        )
        unmapped = "error"
    count = None
    if kind == "count":
        count = condition({"any": raw["count"], "where": raw.get("where")})
    if kind == "lo" and "hi" not in raw:
        problems.append(
            Problem(f"{fact_id}: a span gives both lo and hi.", file=source, line=line)
        )
    return FactSpec(
        fact=fact_id,
        type=fact_type,
        line=line,
        column=None if raw.get("column") is None else str(raw["column"]),
        values=values,
        unmapped=unmapped,
        sql=None if raw.get("sql") is None else str(raw["sql"]),
        true_when=conditions(raw.get("true_when")),
        false_when=conditions(raw.get("false_when")),
        lo=None if raw.get("lo") is None else str(raw["lo"]),
        hi=None if raw.get("hi") is None else str(raw["hi"]),
        years_since=None if raw.get("years_since") is None else str(raw["years_since"]),
        count=count,
    )


def _value_map(
    fact_id: str,
    fact_type: str,
    values: object,
    line: int | None,
    source: str,
    problems: list[Problem],
) -> dict[str, Any] | None:
    if not isinstance(values, dict):
        problems.append(
            Problem(
                f"{fact_id}: values maps each value of the column to the fact's value.",
                file=source,
                line=line,
            )
        )
        return None
    cat = catalogue()
    allowed = set(cat[fact_id].values)
    lines = _lines(values)
    out: dict[str, Any] = {}
    for key, value in values.items():
        where = lines.get(key, line)
        if isinstance(key, bool) or key is None:
            problems.append(
                Problem(
                    f"{fact_id}: a key of 'values' reads as {key!r}; write it in quotes "
                    "(YAML reads yes, no, on, off, NO and null bare as true, false or null).",
                    file=source,
                    line=where,
                )
            )
            continue
        ok = (
            value is None
            or (fact_type == "bool" and isinstance(value, bool))
            or (
                fact_type == "number"
                and isinstance(value, (int, float))
                and not isinstance(value, bool)
            )
            or (fact_type == "date" and isinstance(value, dt.date))
            or (fact_type == "country" and isinstance(value, str) and len(value) == 2)
            or (fact_type == "enum" and value in allowed)
        )
        if not ok:
            expected = {
                "bool": "true or false",
                "number": "a number",
                "date": "a date YYYY-MM-DD",
                "country": "a two-letter country code (ISO 3166-1 alpha-2)",
                "enum": f"one of {', '.join(sorted(allowed))}",
            }[fact_type]
            problems.append(
                Problem(
                    f"{fact_id}: {key!r} maps to {value!r}; give {expected}, or null for unknown "
                    "(quote codes YAML reads otherwise, such as 'NO' and 'ON').",
                    file=source,
                    line=where,
                )
            )
        out[str(key)] = value
    return out


def identity_mapping(
    columns: Sequence[str], on: dt.date | None = None, name: str = "facts table"
) -> Mapping:
    """The mapping of a table whose columns are named as the facts.

    Raises:
        MappingError: the table has no ``assessed_on`` column and no date was given.
    """
    present = set(columns)
    specs: dict[str, FactSpec] = {}
    for fact_id, fact in catalogue().facts.items():
        lo, hi = span_columns(fact_id)
        if fact.type in ("number", "date") and lo in present and hi in present:
            specs[fact_id] = FactSpec(fact_id, fact.type, lo=lo, hi=hi)
        elif fact_id in present:
            specs[fact_id] = FactSpec(fact_id, fact.type, column=fact_id)
    if on is not None:
        assessed_on: str | None = f"DATE '{on.isoformat()}'"
    elif ASSESSED_ON in present:
        assessed_on = ASSESSED_ON
    else:
        problem = Problem(
            f"the table has no column {ASSESSED_ON!r} and no date was given: add the column "
            "(the date each row is assessed on) or pass --on YYYY-MM-DD.",
            file=name,
        )
        raise MappingError([problem])
    return Mapping(
        name="identity",
        file=name,
        facts=specs,
        assessed_on=assessed_on,
        id=ID if ID in present else None,
        identity=True,
    )


# ---------------------------------------------------------------- YAML with lines


class _MarkedLoader(yaml.SafeLoader):
    """A safe loader that remembers the line of every key."""


class _Lined(dict[Any, Any]):
    lines: dict[Any, int]


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> _Lined:
    loader.flatten_mapping(node)
    out = _Lined()
    out.lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        out[key] = loader.construct_object(value_node, deep=True)
        out.lines[key] = key_node.start_mark.line + 1
    return out


_MarkedLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _construct_mapping,
)


def _lines(data: object) -> dict[Any, int]:
    return dict(getattr(data, "lines", {}))
