"""The query of a population run: facts from the mapping, then every framework's columns.

One SELECT, in layers, each reading the columns of the one before::

    src        the table, with __row (its row number from 1; the engine adds it)
    json       + each JSON column parsed
    facts      row_id, id, the --by columns, __on (the date assessed), one column per fact
    derived    + facts computed from other facts (years_since)
    factors    + one column per factor (and per not-weighed kind) of every framework
    categories + one column per category
    outcomes   + each framework's outcome (and the official framework in force)
    official   + the official outcome

The SQL is the same for DuckDB and Spark, but for quoting (:class:`Dialect`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from amparo.errors import Problem
from amparo.facts.catalogue import catalogue
from amparo.population.errors import MappingError
from amparo.population.mapping import Mapping
from amparo.population.mapping_sql import (
    base_and_derived,
    fact_sql,
    json_column,
    json_parse_sql,
)
from amparo.rules.sql import (
    DAY,
    SQL_TYPES,
    CompiledFramework,
    Dialect,
    DialectName,
    compile_framework,
    fact_columns,
    official_sql,
)

OFFICIAL = "official"
ROW = "__row"  # the row number the engine adds to the source
ROW_ID = "row_id"
ASSESSED_ON = "assessed_on"
OFFICIAL_FRAMEWORK = "official__framework"
OFFICIAL_OUTCOME = "official__outcome"


@dataclass(frozen=True, slots=True)
class Spec:
    """What a --framework or --baseline names: a framework id, or ``official``."""

    name: str
    outcome: str  # its outcome column
    frameworks: tuple[str, ...]  # the frameworks whose columns it reads


@dataclass(frozen=True, slots=True)
class Plan:
    sql: str
    dialect: DialectName
    specs: tuple[Spec, ...]
    compiled: tuple[CompiledFramework, ...]
    official: tuple[str, ...]  # the enforcement frameworks, where a spec is official
    by: tuple[str, ...]
    columns: tuple[str, ...]  # the result columns, in order
    facts: tuple[str, ...]  # the facts the frameworks read
    facts_sql: str = ""  # the facts layer: row_id, __on and each fact's columns
    json_sql: str = ""  # the source with each JSON column parsed


def resolve_specs(names: Sequence[str]) -> tuple[list[str], list[str]]:
    """The frameworks to compile for these specs, and the official enforcement ones.

    Raises:
        LookupFailedError: a name is neither ``official`` nor a framework id.
    """
    from amparo.rules.registry import framework_ids, get_framework

    official: list[str] = []
    if OFFICIAL in names:
        official = [
            i for i in framework_ids() if get_framework(i).official == "enforcement"
        ]
    ids: list[str] = []
    for name in names:
        for framework_id in official if name == OFFICIAL else [name]:
            get_framework(framework_id)  # raises for an unknown id
            if framework_id not in ids:
                ids.append(framework_id)
    return ids, official


def build_plan(
    specs: Sequence[str],
    mapping: Mapping,
    source_columns: Sequence[str],
    by: Sequence[str] = (),
    dialect: DialectName = "duckdb",
) -> Plan:
    """The query that assesses every row of ``src`` under each spec.

    Raises:
        MappingError: a --by column is neither a column of the table nor a fact.
        LookupFailedError: a spec names no framework.
    """
    from amparo.rules.registry import get_framework

    sql = Dialect(dialect)
    ids, official = resolve_specs(specs)
    compiled = tuple(compile_framework(get_framework(i), dialect) for i in ids)
    needed = tuple(f for f in catalogue().facts if any(f in c.facts for c in compiled))
    cat = catalogue()
    q = sql.ident

    # json: each declared JSON column parsed once.
    parsed = [
        f"{json_parse_sql(column, keys, sql)} AS {q(json_column(column))}"
        for column, keys in mapping.json.items()
    ]
    layer = f"SELECT * {''.join(', ' + p for p in parsed)} FROM src"
    json_layer = layer

    # facts
    columns = set(source_columns)
    problems: list[Problem] = []
    # A --by fact is the fact (from the mapping, or unknown); another name, a column.
    by_fact = [b for b in by if b in cat and cat[b].type not in ("number", "date")]
    by_source = [b for b in by if b in columns and b not in by_fact]
    for b in by:
        if b not in by_source and b not in by_fact:
            problems.append(
                Problem(
                    f"--by {b}: the table has no column {b!r} and it is not a yes/no, "
                    "enum or country fact.",
                    file=mapping.file,
                )
            )
    for b in by:
        if b in (ROW_ID, ASSESSED_ON, "id") or b.startswith("official__"):
            problems.append(
                Problem(f"--by {b}: that name is taken by a result column.")
            )
    if problems:
        raise MappingError(problems)
    head = [f"{q(ROW)} AS {q(ROW_ID)}"]
    if mapping.id is not None:
        head.append(f"({mapping.id}) AS {q('id')}")
    head += [f"{q(b)} AS {q(b)}" for b in by_source]
    on = mapping.assessed_on or sql.null("DATE")
    head.append(f"CAST(({on}) AS DATE) AS {q(DAY)}")
    in_layer = needed + tuple(f for f in cat.facts if f in by_fact and f not in needed)
    base, derived = base_and_derived(mapping, in_layer)
    given = {s.fact for s in base + derived}
    fact_items = [
        f"{text} AS {q(name)}" for s in base for name, text in fact_sql(s, mapping, sql)
    ]
    for fact_id in in_layer:
        if fact_id not in given:
            null = sql.null(sql.type_name(SQL_TYPES[cat[fact_id].type]))
            fact_items += [
                f"{null} AS {q(name)}"
                for name in fact_columns(fact_id, cat[fact_id].type)
            ]
    layer = _select(head + fact_items, layer, star=False)
    if derived:
        layer = _select(
            [
                f"{text} AS {q(name)}"
                for s in derived
                for name, text in fact_sql(s, mapping, sql)
            ],
            layer,
        )

    facts_layer = layer

    # frameworks
    layer = _select(
        [
            f"{c.sql} AS {q(c.name)}"
            for fw in compiled
            for c in fw.factors + fw.not_weighed
        ],
        layer,
    )
    layer = _select(
        [f"{c.sql} AS {q(c.name)}" for fw in compiled for c in fw.categories], layer
    )
    outcomes = [f"{fw.outcome.sql} AS {q(fw.outcome.name)}" for fw in compiled]
    spec_list: list[Spec] = []
    official_columns: list[str] = []
    if official:
        framework_sql, outcome_sql = official_sql(
            [get_framework(i) for i in official], dialect
        )
        outcomes.append(f"{framework_sql} AS {q(OFFICIAL_FRAMEWORK)}")
        layer = _select(outcomes, layer)
        layer = _select([f"{outcome_sql} AS {q(OFFICIAL_OUTCOME)}"], layer)
        official_columns = [OFFICIAL_FRAMEWORK, OFFICIAL_OUTCOME]
    else:
        layer = _select(outcomes, layer)
    prefix = {fw.framework_id: fw.prefix for fw in compiled}
    for name in specs:
        if name == OFFICIAL:
            spec_list.append(Spec(name, OFFICIAL_OUTCOME, tuple(official)))
        else:
            spec_list.append(Spec(name, f"{prefix[name]}__outcome", (name,)))

    out = [ROW_ID] + (["id"] if mapping.id is not None else []) + [ASSESSED_ON]
    out += list(by)
    out += official_columns
    for fw in compiled:
        out.append(fw.outcome.name)
        out += [c.name for c in fw.categories + fw.factors + fw.not_weighed]
    select = [
        f"{q(DAY)} AS {q(ASSESSED_ON)}" if name == ASSESSED_ON else q(name)
        for name in out
    ]
    final = f"SELECT {', '.join(select)} FROM ({layer}) AS t"
    return Plan(
        sql=final,
        dialect=dialect,
        specs=tuple(spec_list),
        compiled=compiled,
        official=tuple(official),
        by=tuple(by),
        columns=tuple(out),
        facts=needed,
        facts_sql=facts_layer,
        json_sql=json_layer,
    )


def _select(items: Sequence[str], inner: str, star: bool = True) -> str:
    if not items:
        return inner
    head = "*, " if star else ""
    return f"SELECT {head}{', '.join(items)} FROM ({inner}) AS t"
