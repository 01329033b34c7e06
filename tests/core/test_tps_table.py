"""The TPS/DED table (protection-first parameter ``tps_or_ded_countries``).

The table is checked three ways: on its own (well-formed periods, citations,
no overlaps), against every Federal Register document in MigrantUSA's TPS history
(``../shared/data/tps-designations``), and against known facts. A small reference
reader below computes the set in force on a day straight from the YAML, so the
loader's ``Parameter.value_on`` is checked against an independent reading.
"""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from tests.shared_data import shared_data_dir

ROOT = Path(__file__).resolve().parents[2]
TABLE = (
    ROOT / "src/amparo/frameworks/protection-first/parameters/tps_or_ded_countries.yaml"
)
DAY = dt.timedelta(days=1)
FAR_FUTURE = dt.date(9999, 12, 31)

# --- the reference reader ---------------------------------------------------------------


@cache
def table() -> dict[str, Any]:
    return yaml.safe_load(TABLE.read_text(encoding="utf-8"))


def periods(kind: str | None = None) -> list[dict[str, Any]]:
    return [p for p in table()["periods"] if kind is None or p["kind"] == kind]


def covers(period: dict[str, Any], day: dt.date) -> bool:
    return period["start"] <= day <= (period["end"] or FAR_FUTURE)


def countries_on(day: dt.date, kind: str | None = None) -> frozenset[str]:
    """The countries with a period (of ``kind``, or any) in force on ``day``."""
    return frozenset(p["country"] for p in periods(kind) if covers(p, day))


def period_of(country: str, day: dt.date, kind: str = "tps") -> dict[str, Any] | None:
    found = [p for p in periods(kind) if p["country"] == country and covers(p, day)]
    return found[0] if found else None


def cited_urls(period: dict[str, Any]) -> set[str]:
    return {c["url"] for c in period["cite"]}


def change_days() -> list[dt.date]:
    """Every day on which the set may change, with its neighbours."""
    days = {dt.date(1900, 1, 2), dt.date(2021, 6, 28)}
    for p in periods():
        for edge in (p["start"], p["end"]):
            if edge is not None:
                days.update({edge - DAY, edge, edge + DAY})
    return sorted(days)


# --- reading the Federal Register history -----------------------------------------------

NAMES = [
    (r"Afghanistan", "AF"),
    (r"Angola", "AO"),
    (r"Bosnia", "BA"),
    (r"Burundi", "BI"),
    (r"Cameroon", "CM"),
    (r"El Salvador", "SV"),
    (r"Ethiopia", "ET"),
    (r"Guinea-\s?Bissau", "GW"),
    (r"Guinea(?![-\s]*Bissau)", "GN"),
    (r"Haiti", "HT"),
    (r"Honduras", "HN"),
    (r"Kosovo", "XK"),
    (r"Lebanon", "LB"),
    (r"Liberia", "LR"),
    (r"Montserrat", "MS"),
    (r"Burma", "MM"),
    (r"Nepal", "NP"),
    (r"Nicaragua", "NI"),
    (r"Rwanda", "RW"),
    (r"Sierra Leone", "SL"),
    (r"Somalia", "SO"),
    (r"South Sudan", "SS"),
    (r"(?<!South )Sudan", "SD"),
    (r"Syria", "SY"),
    (r"Ukraine", "UA"),
    (r"Venezuela", "VE"),
    (r"Yemen", "YE"),
]
NOT_ABOUT_THE_DESIGNATION = (
    "automatic extension",
    "extension of the initial registration",
    "extension of initial registration",
    "extension of the registration",
    "extension of re-registration",
    "extension of the re-registration",
    "re-registration",
    "removal of obsolete",
    "temporary protected status",
)


def country_codes(title: str) -> list[str]:
    return sorted({code for pattern, code in NAMES if re.search(pattern, title)})


def action(title: str) -> str | None:
    """What a document does to a designation, read from its title (None: registration, work permits)."""
    lower = title.lower()
    first = lower.split(";")[0]
    if first.startswith(NOT_ABOUT_THE_DESIGNATION):
        return None
    if "continuation of documentation" in lower:
        return "continuation"
    for word in ("vacatur", "rescission", "termination"):
        if word in first:
            return word
    if "redesignation" in first or "re-designation" in first:
        return "redesignation"
    if first.startswith("designation of"):
        return "designation"
    if "extension" in first:
        return "extension"
    return None


def documents() -> Iterator[dict[str, Any]]:
    """Every country document in the history that starts, extends, continues or ends a designation."""
    path = shared_data_dir("tps-designations") / "tps_designation_history.csv"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            kind = action(row["title"])
            if row["scope"] != "country" or kind is None:
                continue
            yield {
                **row,
                "action": kind,
                "codes": country_codes(row["title"]),
                # Corrections: by title, or by the Federal Register's C- and X- document numbers.
                "correction": "correction" in row["title"].lower()
                or row["document_number"][:1] in ("C", "X"),
                "published": dt.date.fromisoformat(row["date"]),
                "effective": dt.date.fromisoformat(row["effective_on"])
                if row["effective_on"]
                else None,
            }


# The last day in force where it is not the data's effective date (see the table's `reading`).
LAST_DAY = {
    "97-16050": dt.date(
        1997, 12, 6
    ),  # Rwanda: the notice is effective 1997-06-07, TPS ran to 12-06
    "00-6750": dt.date(2000, 9, 10),  # Guinea-Bissau: no effective date in the data
    "00-12856": dt.date(
        2000, 12, 8
    ),  # Kosovo: no effective date in the data (unconfirmed)
    "00-22138": dt.date(
        2001, 2, 10
    ),  # Bosnia-Herzegovina: no effective date in the data
    "06-7785": dt.date(2007, 9, 30),  # Liberia: terminated at 12:01 a.m. on 2007-10-01
    "E7-21128": dt.date(2009, 5, 1),  # Burundi: terminated at 12:01 a.m. on 2009-05-02
    "2016-23244": dt.date(
        2017, 5, 20
    ),  # Guinea: extended through 05-20, terminated 05-21
    "2016-23249": dt.date(2017, 5, 20),  # Sierra Leone: idem
    "2016-23250": dt.date(2017, 5, 20),  # Liberia: idem
}

# Terminations after whose date the country stayed designated, and why.
DID_NOT_END = {
    "98-8336": "Liberia was redesignated the next day, 1998-09-29",
    "04-19448": "Liberia was terminated and redesignated on the same day",
    "2017-22074": "Sudan: enjoined (Ramos), then superseded by the 2022 designation",
    "2017-27141": "Nicaragua: enjoined (Ramos), rescinded in 2023",
    "2018-00885": "El Salvador: enjoined (Ramos), rescinded in 2023",
    "2018-00886": "Haiti: enjoined (Ramos, Saget), superseded by the 2021 designation",
    "2018-10868": "Nepal: enjoined (Bhattarai), rescinded in 2023",
    "2018-12161": "Honduras: enjoined (Bhattarai), rescinded in 2023",
    "2025-12224": "Haiti: superseded by the termination of 2025-11-28 after a court ruling",
    "2025-02294": "Venezuela: the 2021 designation ran on to 2025-11-07",
}

# New designations of a country that was already designated on the day before.
CONTINUES = {
    "2021-16481": "Haiti: the 2010 designation was still in force by court order",
    "2022-08363": "Sudan: the 1997 designation was still in force by court order",
}


@pytest.mark.shared_data
def test_every_federal_register_document_agrees_with_the_table() -> None:
    problems: list[str] = []
    checked = 0
    for doc in documents():
        number, where = (
            doc["document_number"],
            doc["citation"] or doc["document_number"],
        )
        if not doc["codes"]:
            problems.append(f"{where}: no country read from {doc['title']!r}")
        for code in doc["codes"]:
            checked += 1
            if doc["action"] == "termination" and not doc["correction"]:
                last = LAST_DAY.get(number, doc["effective"])
                if last is None:
                    problems.append(
                        f"{where}: a termination with no last day; add it to LAST_DAY"
                    )
                    continue
                period = period_of(code, last)
                if period is None:
                    problems.append(
                        f"{where}: {code} should be in on {last}, its last day"
                    )
                    continue
                after = code in countries_on(last + DAY, "tps")
                if number in DID_NOT_END:
                    if not after:
                        problems.append(
                            f"{where}: {code} should stay in ({DID_NOT_END[number]})"
                        )
                elif period.get("confidence") == "unconfirmed":
                    if period["end"] is None or period["end"] < last:
                        problems.append(
                            f"{where}: {code}'s end precedes the noticed last day {last}"
                        )
                    elif code in countries_on(period["end"] + DAY, "tps"):
                        problems.append(
                            f"{where}: {code} is in after its documented end"
                        )
                elif period["end"] != last or after:
                    problems.append(
                        f"{where}: {code} should be in on {last} and out on {last + DAY}; "
                        f"the table ends the period on {period['end']}"
                    )
            else:
                day = (
                    doc["published"]
                    if doc["correction"]
                    else doc["effective"] or doc["published"]
                )
                if doc["action"] in ("continuation", "vacatur"):
                    day = doc["published"]
                period = period_of(code, day)
                if period is None:
                    problems.append(
                        f"{where}: {code} should be in on {day} ({doc['action']})"
                    )
                    continue
                if doc["action"] == "designation" and not doc["correction"]:
                    before = code in countries_on(day - DAY, "tps")
                    if number in CONTINUES and not before:
                        problems.append(
                            f"{where}: {code} should be in the day before ({CONTINUES[number]})"
                        )
                    if number not in CONTINUES and (before or period["start"] != day):
                        problems.append(
                            f"{where}: a new designation of {code} should start on {day}"
                        )
            if period is not None and doc["url"] not in cited_urls(period):
                problems.append(
                    f"{where}: the {code} period from {period['start']} does not cite it"
                )
    assert checked > 250
    assert not problems, "\n".join(problems)


# --- the table on its own -------------------------------------------------------------


def test_the_file_is_the_parameter_it_says_it_is() -> None:
    data = table()
    assert data["id"] == TABLE.stem
    assert data["type"] == "country_set"
    assert set(data["label"]) == {"en", "es"}
    attribution = " ".join(data["attribution"].split())
    for words in (
        "MigrantUSA",
        "b9b59b36",
        "CC BY 4.0",
        "https://creativecommons.org/licenses/by/4.0/",
        "Changes:",
    ):
        assert words in attribution
    assert data["reading"].strip()


def test_every_period_is_well_formed() -> None:
    problems = []
    for p in periods():
        name = f"{p.get('country')} {p.get('kind')} from {p.get('start')}"
        if not re.fullmatch(r"[A-Z]{2}", str(p.get("country"))):
            problems.append(f"{name}: the country is not two upper-case letters")
        if p.get("kind") not in ("tps", "ded"):
            problems.append(f"{name}: kind must be tps or ded")
        if not isinstance(p.get("start"), dt.date):
            problems.append(f"{name}: start is not a date")
        elif p.get("end") is not None and (
            not isinstance(p["end"], dt.date) or p["end"] < p["start"]
        ):
            problems.append(f"{name}: end is not a date on or after the start")
        if p.get("confidence", "unconfirmed") != "unconfirmed":
            problems.append(f"{name}: confidence may only be 'unconfirmed'")
        if p.get("confidence") and not p.get("note"):
            problems.append(f"{name}: an unconfirmed period must say why in a note")
        cites = p.get("cite") or []
        if not any(
            str(c.get("url", "")).startswith("https://www.federalregister.gov/")
            for c in cites
        ):
            problems.append(f"{name}: no citation on federalregister.gov")
        for c in cites:
            if not (
                c.get("title")
                and c.get("at")
                and isinstance(c.get("date"), dt.date)
                and c.get("url")
            ):
                problems.append(f"{name}: a citation lacks title, at, date or url: {c}")
    assert periods()
    assert not problems, "\n".join(problems)


def test_periods_of_one_country_and_kind_do_not_overlap() -> None:
    by_key: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for p in periods():
        by_key.setdefault((p["country"], p["kind"]), []).append(p)
    for (country, kind), group in by_key.items():
        group.sort(key=lambda p: p["start"])
        for earlier, later in itertools.pairwise(group):
            assert earlier["end"] is not None, (
                f"{country} {kind}: an open period is followed by another"
            )
            assert earlier["end"] < later["start"], (
                f"{country} {kind}: {earlier['start']} overlaps {later['start']}"
            )


# --- known facts ----------------------------------------------------------------------

KNOWN = [
    (
        "HT",
        "2010-01-20",
        False,
        "the day before Haiti's designation (75 FR 3476) took effect",
    ),
    ("HT", "2010-01-21", True, "Haiti designated effective 2010-01-21 (75 FR 3476)"),
    ("HT", "2019-07-23", True, "the 2018 termination was enjoined (Ramos v. Nielsen)"),
    ("SV", "2019-09-10", True, "the 2018 termination was enjoined (Ramos v. Nielsen)"),
    ("SV", "2021-06-28", True, "El Salvador on the day of the protection-first letter"),
    ("VE", "2021-01-18", False, "before the DED memorandum of 2021-01-19"),
    ("VE", "2021-01-19", True, "DED for Venezuelans (86 FR 6845)"),
    (
        "VE",
        "2025-11-08",
        False,
        "the 2021 designation ended on 2025-11-07 (90 FR 43225)",
    ),
    ("LR", "2007-09-30", True, "the last day of Liberia's TPS (71 FR 55000)"),
    ("LR", "2007-10-01", True, "the first day of DED for Liberians"),
    (
        "LR",
        "2021-01-15",
        False,
        "DED for Liberians lapsed from 2021-01-11 to 2021-01-19",
    ),
    ("LR", "2021-01-20", True, "DED for Liberians reinstated (86 FR 7055)"),
    ("HK", "2021-08-04", False, "the day before DED for Hong Kong (86 FR 43587)"),
    ("HK", "2021-08-05", True, "DED for Hong Kong residents"),
    ("SL", "2010-01-01", False, "between Sierra Leone's 1997 and 2014 designations"),
    ("XK", "1999-01-01", True, "the Province of Kosovo, designated 1998-06-09"),
    ("SD", "2026-08-19", True, "Sudan still designated on the sources' last date"),
    ("HT", "2026-08-19", False, "Haiti's termination took effect on 2026-07-27"),
]


@pytest.mark.parametrize(
    ("country", "day", "expected", "why"), KNOWN, ids=[f"{k[0]}-{k[1]}" for k in KNOWN]
)
def test_known_facts(country: str, day: str, expected: bool, why: str) -> None:
    assert (country in countries_on(dt.date.fromisoformat(day))) is expected, why


def test_haiti_was_designated_on_the_day_of_the_letter_with_a_citation() -> None:
    # The letter (2021-06-28) says the administration had acknowledged that conditions in Haiti
    # require TPS: the new designation was announced on 2021-05-22 and took effect on 2021-08-03
    # (86 FR 41863); until then the 2010 designation stayed in force by court order.
    letter = dt.date(2021, 6, 28)
    period = period_of("HT", letter)
    assert period is not None
    assert any(c["at"] == "85 FR 79208" for c in period["cite"]), (
        "cite the continuation through 2021-10-04"
    )
    assert any(c["at"] == "86 FR 41863" for c in period["cite"])


def test_venezuela_on_the_day_of_the_letter_under_both_tps_and_ded() -> None:
    letter = dt.date(2021, 6, 28)
    assert "VE" in countries_on(letter, "tps")
    assert "VE" in countries_on(letter, "ded")


def test_mexico_was_never_designated() -> None:
    assert all("MX" not in countries_on(day) for day in change_days())
    assert not [p for p in periods() if p["country"] == "MX"]


# --- the loader against the reference reader ------------------------------------------


def test_the_loader_agrees_with_the_reference_reader() -> None:
    parameters = pytest.importorskip("amparo.rules.parameters")
    parameter = parameters.load_parameter(TABLE)
    for day in change_days():
        assert parameter.value_on(day) == countries_on(day), day
