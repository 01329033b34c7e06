"""A synthetic population: every fact the frameworks read, with unknowns, as a table.

The columns are named as the facts (:mod:`.table`), so a run needs no mapping.
Rows are fictional and drawn from a fixed hash of the row number, so the same
``n`` always gives the same file, and DuckDB writes it in parallel without one
Python object per row. Shares are plausible for people facing removal, not
estimates of any real population:

- each yes/no fact is unknown on a share of rows (a record rarely says), true on
  another share, false otherwise;
- ages, years of residence, entry dates and counts are mostly exact, sometimes
  spans (a birth year without the day), sometimes unknown;
- each row is assessed on a day from 2021-02-18 to 2025-12-31, so every official
  framework, and the gaps between them, appear.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from amparo.facts.catalogue import catalogue
from amparo.population.engine import Progress
from amparo.population.errors import EngineError

FIRST_DAY = dt.date(2021, 2, 18)
LAST_DAY = dt.date(2025, 12, 31)

# (unknown share, true share) of yes/no facts that differ from the default.
DEFAULT_BOOL = (0.60, 0.03)  # most characteristics are rare, and rarely recorded
BOOL_SHARES: dict[str, tuple[float, float]] = {
    "child_in_us": (0.35, 0.40),
    "spouse_in_us": (0.35, 0.30),
    "parent_in_us": (0.45, 0.20),
    "sibling_in_us": (0.45, 0.35),
    "employed": (0.30, 0.60),
    "pays_taxes": (0.50, 0.40),
    "primary_provider": (0.45, 0.35),
    "primary_caregiver": (0.45, 0.25),
    "has_dependent_family": (0.45, 0.40),
    "has_conviction": (0.20, 0.18),
    "has_pending_charge": (0.25, 0.08),
    "has_immigration_violation": (0.10, 0.85),
    "immigration_violation_unlawful_entry": (0.20, 0.50),
    "has_prior_removal_order": (0.20, 0.15),
    "apprehended_at_border": (0.30, 0.12),
    "fear_of_return": (0.55, 0.30),
    "has_relief_not_denied": (0.50, 0.25),
    "national_security_alleged": (0.30, 0.002),
    "public_safety_threat_found": (
        1.0,
        0.0,
    ),  # an officer's judgment: never in a record
    "gang_alleged": (0.35, 0.03),
    "has_aggravated_felony_conviction": (0.30, 0.03),
}
COUNTRIES = (
    ("MX", 0.38), ("GT", 0.10), ("HN", 0.09), ("SV", 0.06), ("NI", 0.06), ("VE", 0.07),
    ("CO", 0.05), ("HT", 0.03), ("IN", 0.03), ("CU", 0.02), ("UA", 0.02), ("CN", 0.02),
    ("EC", 0.02), ("PE", 0.02), ("SO", 0.01), ("AF", 0.01), ("PH", 0.01),
)  # fmt: skip
UNKNOWN_COUNTRY = 0.05


def write_synthetic(n: int, out: Path, progress: Progress | None = None) -> Path:
    """Write ``n`` synthetic rows to ``out`` (``.parquet``, or ``.csv``).

    Raises:
        EngineError: ``n`` is not positive, or the file name says neither format.
    """
    if n < 1:
        msg = f"N is {n}; give a number of rows of 1 or more."
        raise EngineError(msg)
    name = out.name.lower()
    if name.endswith(".parquet"):
        options = "FORMAT parquet, COMPRESSION zstd"
    elif name.endswith(".csv"):
        options = "FORMAT csv, HEADER true"
    else:
        msg = f"{out}: name the file *.parquet or *.csv."
        raise EngineError(msg)
    from amparo.population.duck import DuckEngine

    engine = DuckEngine()
    try:
        statement = f"COPY ({synthetic_sql(n)}) TO '{_quote(str(out))}' ({options})"
        engine.con.execute("SET preserve_insertion_order = true")
        if progress is None:
            engine.con.execute(statement)
        else:
            engine.write_statement(statement, progress)
    finally:
        engine.close()
    return out


def synthetic_sql(n: int) -> str:
    """The DuckDB query that draws the population (``u(k)``: a uniform draw per row)."""
    from amparo.rules import expr
    from amparo.rules.registry import framework_ids, get_framework

    cat = catalogue()
    read: set[str] = set()
    for framework_id in framework_ids():
        fw = get_framework(framework_id)
        for factor in fw.factors:
            read |= expr.names(factor.condition)
        for item in fw.not_weighed:
            read |= expr.names(item.present) | set(item.facts) | set(item.shows)
    days = (LAST_DAY - FIRST_DAY).days
    items = [
        "'S' || lpad(CAST(i AS VARCHAR), 9, '0') AS id",
        f"DATE '{FIRST_DAY}' + CAST(floor({_u(0)} * {days + 1}) AS INTEGER) AS assessed_on",
    ]
    key = 1
    for fact_id, fact in cat.facts.items():
        if fact_id not in read:
            continue
        key += 3
        if fact.type == "bool":
            unknown, true = BOOL_SHARES.get(fact_id, DEFAULT_BOOL)
            items.append(
                f"CASE WHEN {_u(key)} < {unknown} THEN NULL "
                f"ELSE {_u(key + 1)} < {true / max(1 - unknown, 1e-9):.6f} END AS {fact_id}"
            )
        elif fact.type == "enum":
            values = ", ".join(f"'{v}'" for v in fact.values)
            items.append(
                f"CASE WHEN {_u(key)} < 0.4 THEN NULL ELSE "
                f"([{values}])[1 + CAST(floor({_u(key + 1)} * {len(fact.values)}) AS INTEGER)] END AS {fact_id}"
            )
        elif fact.type == "country":
            items.append(f"{_country(key)} AS {fact_id}")
        elif fact.type == "number":
            items += _number(fact_id, key)
        else:
            items += _date(fact_id, key)
    return f"SELECT {', '.join(items)} FROM range(1, {n + 1}) AS r(i)"


def _u(key: int) -> str:
    """A uniform draw in [0, 1) from the row number and a key, the same on every run."""
    return f"((hash(i * 7919 + {key}) % 1000003) / 1000003.0)"


def _country(key: int) -> str:
    branches, edge = [], UNKNOWN_COUNTRY
    for code, share in COUNTRIES:
        edge += share * (1 - UNKNOWN_COUNTRY) / sum(s for _, s in COUNTRIES)
        branches.append(f"WHEN {_u(key)} < {edge:.6f} THEN '{code}'")
    return f"CASE WHEN {_u(key)} < {UNKNOWN_COUNTRY} THEN NULL {' '.join(branches)} ELSE 'BR' END"


_NUMBERS = {  # fact: (lowest, highest, unknown share)
    "age": (15, 80, 0.05),
    "age_at_first_entry": (0, 50, 0.35),
    "years_of_residence": (0, 35, 0.30),
    "years_since_last_entry": (0, 30, 0.35),
    "years_since_last_conviction": (0, 25, 0.85),
    "conviction_count": (0, 4, 0.25),
    "arrests_without_conviction": (0, 3, 0.40),
    "longest_sentence_months": (0, 60, 0.85),
    "letters_of_support": (0, 8, 0.60),
    "prior_removal_order_count": (0, 2, 0.25),
}


def _number(fact_id: str, key: int) -> list[str]:
    low, high, unknown = _NUMBERS.get(fact_id, (0, 10, 0.5))
    width = high - low + 1
    # Skewed toward the low end for counts; a tenth of known values are a span of one.
    value = f"{low} + CAST(floor(pow({_u(key + 1)}, 1.6) * {width}) AS BIGINT)"
    spread = f"(CASE WHEN {_u(key + 2)} < 0.1 THEN 1 ELSE 0 END)"
    known = f"{_u(key)} >= {unknown}"
    return [
        f"CASE WHEN {known} THEN {value} END AS {fact_id}__lo",
        f"CASE WHEN {known} THEN {value} + {spread} END AS {fact_id}__hi",
    ]


def _date(fact_id: str, key: int) -> list[str]:
    # A day up to 35 years before the assessment; a tenth known only to the year.
    back = f"CAST(floor(pow({_u(key + 1)}, 1.4) * 12775) AS INTEGER)"
    day = f"(DATE '{FIRST_DAY}' + CAST(floor({_u(0)} * {(LAST_DAY - FIRST_DAY).days + 1}) AS INTEGER) - {back})"
    year_only = f"{_u(key + 2)} < 0.1"
    known = f"{_u(key)} >= 0.35"
    return [
        f"CASE WHEN NOT ({known}) THEN NULL WHEN {year_only} THEN CAST(date_trunc('year', {day}) AS DATE) ELSE {day} END AS {fact_id}__lo",
        f"CASE WHEN NOT ({known}) THEN NULL WHEN {year_only} THEN CAST(date_trunc('year', {day}) + INTERVAL 1 YEAR AS DATE) - 1 ELSE {day} END AS {fact_id}__hi",
    ]


def _quote(text: str) -> str:
    return text.replace("'", "''")
