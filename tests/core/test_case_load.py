"""Loading case documents: YAML or JSON, every problem with its file, line and field."""

from __future__ import annotations

import datetime as dt
import enum
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any, get_args, get_origin

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from amparo.cases import (
    Case,
    CaseValidationError,
    PartialDate,
    Problem,
    case_from_data,
    case_to_data,
    dump_case_yaml,
    load_case,
    parse_case,
    validate_files,
)
from amparo.cases import model as m

HEAD = "format: 1\nid: T-0001\n"

ANA = """\
format: 1
id: EX-0001
assessed_on: 2021-06-28
person:
  pseudonym: Ana
  birth_date: 1961-02
  citizenship: [GT]
presence:
  first_entry_date: 2002
  current_status: undocumented
  prior_removal_orders: [{date: 2001-11, in_absentia: true}]
family:
  members:
    - {relationship: grandchild, status: usc, age: 6, in_us: true, depends_on_person: true}
  primary_caregiver: true
criminal_legal_history:
  convictions: []
"""

RAW_PYDANTIC = (
    "pydantic",
    "Input should be",
    "Traceback",
    "errors.pydantic.dev",
    "Value error",
)


def problems_in(text: str, source: str = "case.yaml") -> list[Problem]:
    """Every problem parse_case raises for ``text``, checked for plain wording."""
    with pytest.raises(CaseValidationError) as info:
        parse_case(text, source)
    problems = info.value.problems
    assert problems
    for problem in problems:
        assert_plain(problem)
    return problems


def assert_plain(problem: Problem) -> None:
    text = str(problem)
    for phrase in RAW_PYDANTIC:
        assert phrase not in text, text
    assert problem.hint, text


def only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


# --- documents that load -----------------------------------------------------------


def test_the_spec_example_loads() -> None:
    case = parse_case(ANA)
    assert case.id == "EX-0001"
    assert case.assessed_on == dt.date(2021, 6, 28)
    assert case.person is not None
    assert case.person.birth_date == PartialDate(1961, 2)
    assert case.presence is not None
    assert case.presence.first_entry_date == PartialDate(2002)
    assert case.criminal_legal_history is not None
    assert case.criminal_legal_history.convictions == []
    assert case.humanitarian is None


def test_load_case_reads_a_file(tmp_path: Path) -> None:
    path = tmp_path / "ana.yaml"
    path.write_text(ANA, encoding="utf-8")
    assert load_case(path) == parse_case(ANA)
    assert load_case(str(path)) == parse_case(ANA)


def test_a_byte_order_mark_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + ANA.encode())
    assert load_case(path).id == "EX-0001"


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2014", PartialDate(2014)),
        ("'2014'", PartialDate(2014)),
        ("2014-05", PartialDate(2014, 5)),
        ("2014-05-01", PartialDate(2014, 5, 1)),
        ("'2014-05-01'", PartialDate(2014, 5, 1)),
    ],
)
def test_partial_dates_as_yaml_writes_them(written: str, expected: PartialDate) -> None:
    case = parse_case(HEAD + f"presence: {{first_entry_date: {written}}}\n")
    assert case.presence is not None
    assert case.presence.first_entry_date == expected


def test_yaml_spellings_of_true_and_false_and_null() -> None:
    case = parse_case(
        HEAD + "custody: {detained: yes, facility: ~}\nfamily: {primary_provider: No}\n"
    )
    assert case.custody is not None
    assert case.custody.detained is True
    assert case.custody.facility is None
    assert case.family is not None
    assert case.family.primary_provider is False


def test_anchors_and_merge_keys_work() -> None:
    text = HEAD + textwrap.dedent("""\
        family:
          members:
            - &kid {relationship: child, status: usc, in_us: true}
            - <<: *kid
              age: 4
        """)
    case = parse_case(text)
    assert case.family is not None
    assert case.family.members is not None
    first, second = case.family.members
    assert second.relationship is m.Relationship.CHILD
    assert second.age == 4
    assert first.age is None


def test_json_is_read_by_the_same_loader() -> None:
    text = json.dumps(
        {
            "format": 1,
            "id": "J-1",
            "person": {"birth_date": "1985-02", "citizenship": ["HT"]},
            "family": {"members": []},
        },
        indent=2,
    )
    case = parse_case(text, "case.json")
    assert case.person is not None
    assert case.person.birth_date == PartialDate(1985, 2)
    assert case.family is not None
    assert case.family.members == []


def test_json_with_tabs_and_escaped_emoji_keeps_line_numbers(tmp_path: Path) -> None:
    # json.dumps escapes non-ASCII as surrogate pairs, which libyaml rejects;
    # tab indentation is valid JSON that YAML 1.1 may reject.
    body = json.dumps(
        {"format": 1, "id": "J-2", "narrative": "Ana 🌻", "person": {}}, indent="\t"
    )
    body = body.replace('"person": {}', '"person": {"birth_date": "1985-13"}')
    path = tmp_path / "tabs.json"
    path.write_text(body, encoding="utf-8")
    problem = only(validate_files([path])[str(path)])
    assert problem.path == "person.birth_date"
    assert (
        problem.line
        == body.splitlines().index('\t"person": {"birth_date": "1985-13"}') + 1
    )
    fixed = body.replace("1985-13", "1985-12")
    assert parse_case(fixed, "tabs.json").narrative == "Ana 🌻"


def test_invalid_json_reports_json_error_and_line() -> None:
    problem = only(problems_in('{\n  "format": 1,\n  "id": "J-3",,\n}\n', "case.json"))
    assert problem.line == 3
    assert "JSON" in problem.message


def test_case_from_data_validates_without_lines() -> None:
    case = case_from_data({"format": 1, "id": "W-1", "custody": {"detained": False}})
    assert case.custody is not None
    assert case.custody.detained is False
    with pytest.raises(CaseValidationError) as info:
        case_from_data(
            {"format": 1, "id": "W-1", "custody": {"detained": "maybe"}}, "form"
        )
    problem = only(info.value.problems)
    assert (problem.file, problem.line, problem.path) == (
        "form",
        None,
        "custody.detained",
    )
    assert_plain(problem)


def test_case_from_data_rejects_a_non_mapping() -> None:
    with pytest.raises(CaseValidationError) as info:
        case_from_data(["format", 1])  # type: ignore[arg-type]
    assert_plain(only(info.value.problems))


# --- one problem, named precisely ---------------------------------------------------

BAD_VALUES = [
    # (document after the head, path, line, value as shown, words the problem must contain)
    ("person: {birth_date: 1985-13-01}\n", "person.birth_date", 3, "'1985-13-01'", ["YYYY-MM-DD"]),
    ("person: {birth_date: May 1985}\n", "person.birth_date", 3, "'May 1985'", ["YYYY, YYYY-MM or YYYY-MM-DD"]),
    ("person: {birth_date: 85}\n", "person.birth_date", 3, "85", ["four digits"]),
    ("assessed_on: 2021-06\n", "assessed_on", 3, "'2021-06'", ["full date", "YYYY-MM-DD"]),
    ("assessed_on: 2021\n", "assessed_on", 3, "2021", ["full date"]),
    ("person: {citizenship: [gt]}\n", "person.citizenship[0]", 3, "'gt'", ["'GT'"]),
    ("person: {citizenship: [GT, NO]}\n", "person.citizenship[1]", 3, "false", ["quotes", "'NO'"]),
    ("person: {citizenship: GT}\n", "person.citizenship", 3, "'GT'", ["a list", "[GT]"]),
    ("person: {removal_country: Guatemala}\n", "person.removal_country", 3, "'Guatemala'", ["two-letter"]),
    ("person: {a_number: 123456789}\n", "person.a_number", 3, "123456789", ["'A123456789'"]),
    ("person: {a_number: B-1}\n", "person.a_number", 3, "'B-1'", ["8 or 9 digits"]),
    ("person: {pseudonym: 1234}\n", "person.pseudonym", 3, "1234", ["text", "'1234'"]),
    ("person: {pseudonym: Yes}\n", "person.pseudonym", 3, "true", ["quotes", "'Yes'"]),
    ("person: Ana\n", "person", 3, "'Ana'", ["group of fields", "pseudonym"]),
    ("custody:\n  detained: maybe\n", "custody.detained", 4, "'maybe'", ["true or false"]),
    ("custody:\n  detained: unknown\n", "custody.detained", 4, "'unknown'", ["not the same as no", "null"]),
    ("custody:\n  detained: 'yes'\n", "custody.detained", 4, "'yes'", ["true or false", "without quotes"]),
    ("community:\n  letters_of_support: 2.5\n", "community.letters_of_support", 4, "2.5", ["whole number"]),
    ("community:\n  letters_of_support: '3'\n", "community.letters_of_support", 4, "'3'", ["without quotes: 3"]),
    ("community:\n  letters_of_support: -1\n", "community.letters_of_support", 4, "-1", ["0 or more", "negative"]),
    ("community:\n  military_service: {self: maybe}\n", "community.military_service.self", 4, "'maybe'", ["true or false"]),
    ("criminal_legal_history:\n  convictions: no\n", "criminal_legal_history.convictions", 4, "false", ["[]"]),
    ("criminal_legal_history:\n  convictions: [DUI]\n", "criminal_legal_history.convictions[0]", 4, "'DUI'", ["group of fields", "offense"]),
    ("relief:\n  - {type: asylum, status: granted}\n", "relief[0].status", 4, "'granted'", ["potentially_eligible", "denied"]),
    ("relief:\n  - {type: Asylum}\n", "relief[0].type", 4, "'Asylum'", ["Did you mean 'asylum'?"]),
    ("criminal_legal_history:\n  convictions:\n    - {post_conviction_relief: None}\n",
     "criminal_legal_history.convictions[0].post_conviction_relief", 5, "'None'", ["Did you mean 'none'?"]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("body", "path", "line", "shown", "words"),
    BAD_VALUES,
    ids=[f"{case[1]}={case[3]}" for case in BAD_VALUES],
)
def test_a_bad_value_is_named_with_its_path_line_value_and_fix(
    body: str, path: str, line: int, shown: str, words: list[str]
) -> None:
    problem = only(problems_in(HEAD + body))
    text = str(problem)
    assert problem.file == "case.yaml"
    assert problem.path == path
    assert problem.line == line
    assert f"is {shown}," in problem.message, text
    assert f"case.yaml, line {line}, {path}: " in text
    for word in words:
        assert word in text, text


def enum_fields() -> list[tuple[tuple[str | int, ...], type[enum.Enum], bool]]:
    """Every enum in the format: (path to it, its class, whether it is a list item)."""
    found: list[tuple[tuple[str | int, ...], type[enum.Enum], bool]] = []

    def leaf(annotation: Any) -> tuple[Any, bool]:
        is_list = False
        while True:
            args = [a for a in get_args(annotation) if a is not type(None)]
            if get_origin(annotation) is list:
                is_list = True
                annotation = args[0]
            elif args and not isinstance(annotation, type):
                annotation = args[0]
            else:
                return annotation, is_list

    def walk(model: type[BaseModel], path: tuple[str | int, ...]) -> None:
        for name, info in model.model_fields.items():
            inner, is_list = leaf(info.annotation)
            here = (*path, info.alias or name)
            if isinstance(inner, type) and issubclass(inner, enum.Enum):
                found.append((here, inner, is_list))
            elif isinstance(inner, type) and issubclass(inner, BaseModel):
                walk(inner, (*here, 0) if is_list else here)

    walk(Case, ())
    return found


ENUM_FIELDS = enum_fields()


def test_the_enum_walk_finds_every_enum() -> None:
    assert {choices for _, choices, _ in ENUM_FIELDS} == set(m.__dict__[n] for n in (
        "MannerOfEntry", "ImmigrationStatus", "ImmigrationViolation", "DetentionHarm", "Forum",
        "PendingActionKind", "ArrestAgency", "ReliefType", "ReliefStatus", "OffenseCategory",
        "PostConvictionRelief", "GangAllegationSource", "Supporter", "Relationship",
        "FamilyStatus", "SurvivorOf", "VulnerableGroup",
    ))  # fmt: skip


@pytest.mark.parametrize(
    ("path", "choices", "is_list"),
    ENUM_FIELDS,
    ids=[".".join(str(p) for p in path) for path, _, _ in ENUM_FIELDS],
)
def test_every_enum_rejects_a_bad_value_listing_the_choices(
    path: tuple[str | int, ...], choices: type[enum.Enum], is_list: bool
) -> None:
    good = next(iter(choices)).value
    value: Any = [good, "bogus_value"] if is_list else "bogus_value"
    for part in reversed(path):
        value = [value] if isinstance(part, int) else {part: value}
    text = HEAD + yaml.safe_dump(value, sort_keys=False, default_flow_style=False)
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "bogus_value" in row)
    dotted = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(
        "."
    )
    if is_list:
        dotted += "[1]"

    problem = only(problems_in(text))
    assert (problem.path, problem.line) == (dotted, line)
    rendered = str(problem)
    assert f"line {line}, {dotted}:" in rendered
    assert "'bogus_value'" in rendered
    assert "one of: " + ", ".join(c.value for c in choices) in rendered


def test_a_bad_list_item_names_its_index_and_line() -> None:
    text = HEAD + textwrap.dedent("""\
        family:
          members:
            - relationship: child
              age: 6
            - relationship: cousin
              age: 30
        """)
    problem = only(problems_in(text))
    assert problem.path == "family.members[1].relationship"
    assert problem.line == 7
    assert "'cousin'" in problem.message
    assert "grandparent, other" in problem.message
    assert "choose other" in (problem.hint or "")


# --- unknown fields -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "path", "line", "suggestion"),
    [
        ("person: {pseudonim: Ana}\n", "person.pseudonim", 3, "Did you mean 'pseudonym'?"),
        ("presense: {}\n", "presense", 3, "Did you mean 'presence'?"),
        ("person:\n  birth-date: 1985\n", "person.birth-date", 4, "Did you mean 'birth_date'?"),
        ("family:\n  members:\n    - {relationshp: child}\n", "family.members[0].relationshp", 5,
         "Did you mean 'relationship'?"),
        ("community:\n  military_service: {myself: true}\n", "community.military_service.myself", 4,
         "Did you mean 'self'?"),
        ("community:\n  military_service: {self_: true}\n", "community.military_service.self_", 4,
         "Did you mean 'self'?"),
        ("pseudonym: Ana\n", "pseudonym", 3, "person.pseudonym"),
        ("humanitarian:\n  health: {hungry: true}\n", "humanitarian.health.hungry", 4,
         "serious_medical_condition, mental_health_condition, disability, pregnant"),
    ],
)  # fmt: skip
def test_an_unknown_field_gets_a_suggestion(
    body: str, path: str, line: int, suggestion: str
) -> None:
    problem = only(problems_in(HEAD + body))
    assert (problem.path, problem.line) == (path, line)
    assert "unknown field" in problem.message
    assert suggestion in str(problem)


def test_an_unknown_field_with_no_close_match_lists_the_allowed_fields() -> None:
    problem = only(problems_in(HEAD + "zzz: 1\n"))
    assert "The fields allowed at the top level are: format, id, assessed_on" in str(
        problem
    )


# --- required fields ---------------------------------------------------------------------


def test_missing_id_and_format_are_both_reported() -> None:
    problems = problems_in("person: {pseudonym: Ana}\n")
    assert {p.path for p in problems} == {"format", "id"}
    assert all(
        p.line == 1 for p in problems
    )  # the closest existing parent: the document
    assert any("format: 1" in (p.hint or "") for p in problems)


@pytest.mark.parametrize(
    ("first_line", "words"),
    [
        ("format: 2", "reads format 1 only"),
        ("format: '1'", "without quotes"),
        ("format: true", "format 1"),
    ],
)
def test_the_format_number_must_be_1(first_line: str, words: str) -> None:
    problem = only(problems_in(first_line + "\nid: T-1\n"))
    assert (problem.path, problem.line) == ("format", 1)
    assert words in str(problem)


def test_an_id_yaml_reads_as_a_number_asks_for_quotes() -> None:
    problem = only(problems_in("format: 1\nid: 0042\n"))
    assert problem.path == "id"
    assert "'0042'" in str(problem)  # the text as written, not YAML's octal reading


# --- many problems at once ---------------------------------------------------------------


def test_every_problem_is_reported_in_line_order() -> None:
    text = textwrap.dedent("""\
        format: 1
        id: T-9
        person:
          birth_date: 1985-13
          citizenship: [gt]
        family:
          members:
            - {relationship: cousin}
            - {age: -2}
        custody: {detained: maybe}
        extra: 1
        """)
    problems = problems_in(text)
    assert [(p.line, p.path) for p in problems] == [
        (4, "person.birth_date"),
        (5, "person.citizenship[0]"),
        (8, "family.members[0].relationship"),
        (9, "family.members[1].age"),
        (10, "custody.detained"),
        (11, "extra"),
    ]
    with pytest.raises(CaseValidationError) as info:
        parse_case(text, "case.yaml")
    assert str(info.value).startswith("6 problems in the case document:\n")


# --- YAML itself ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (
            "format: 1\nid: T-1\nperson:\n  pseudonym: [Ana\n  age: 3\n",
            5,
            "YAML cannot be read",
        ),
        ("format: 1\nid: T-1\nperson:\n\tpseudonym: Ana\n", 4, "tabs"),
        ("format: 1\nid: T-1\nnarrative: a: b\n", 3, "quotes"),
        ("format: 1\nid: T-1\n---\nformat: 1\nid: T-2\n", 3, "one case"),
        ("format: 1\nid: T-1\nnarrative: \x07\n", 3, "character"),
    ],
)
def test_a_yaml_syntax_error_reports_its_line(text: str, line: int, words: str) -> None:
    problem = only(problems_in(text))
    assert problem.line == line, str(problem)
    assert words in str(problem)


def test_a_duplicate_key_is_rejected_with_both_lines() -> None:
    problem = only(problems_in(HEAD + "person:\n  pseudonym: Ana\n  pseudonym: Bea\n"))
    assert (problem.path, problem.line) == ("person.pseudonym", 5)
    assert "twice" in problem.message
    assert "line 4" in problem.message


def test_a_yaml_tag_is_rejected() -> None:
    problem = only(problems_in(HEAD + "narrative: !!binary aGVsbG8=\n"))
    assert problem.line == 3
    assert "tag" in problem.message


def test_a_self_referring_alias_is_rejected() -> None:
    problem = only(problems_in(HEAD + "evidence: &loop [*loop]\n"))
    assert problem.line == 3


@pytest.mark.parametrize(
    ("text", "words"),
    [("", "empty"), ("# only a comment\n", "empty"), ("- format: 1\n", "not a group of fields"),
     ("just text\n", "not a group of fields"), ("[1, 2]", "not a group of fields")],
)  # fmt: skip
def test_an_empty_or_non_mapping_document_is_one_problem(text: str, words: str) -> None:
    assert words in only(problems_in(text)).message


# --- files -------------------------------------------------------------------------------


def test_a_missing_file_is_one_problem(tmp_path: Path) -> None:
    path = tmp_path / "nope.yaml"
    with pytest.raises(CaseValidationError) as info:
        load_case(path)
    problem = only(info.value.problems)
    assert problem.file == str(path)
    assert "does not exist" in problem.message


def test_a_folder_is_one_problem(tmp_path: Path) -> None:
    with pytest.raises(CaseValidationError) as info:
        load_case(tmp_path)
    assert "folder" in only(info.value.problems).message


def test_a_file_that_is_not_utf8_is_one_problem_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(HEAD.encode() + "person: {pseudonym: Jos\xe9}\n".encode("latin-1"))
    with pytest.raises(CaseValidationError) as info:
        load_case(path)
    problem = only(info.value.problems)
    assert problem.line == 3
    assert "UTF-8" in problem.message


def test_validate_files_never_raises(tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text(ANA, encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(HEAD + "custody: {detained: maybe}\n", encoding="utf-8")
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    missing = tmp_path / "missing.yaml"
    result = validate_files([good, bad, broken, missing])
    assert list(result) == [os.fspath(p) for p in (good, bad, broken, missing)]
    assert result[str(good)] == []
    assert [p.path for p in result[str(bad)]] == ["custody.detained"]
    assert len(result[str(broken)]) == 1
    assert len(result[str(missing)]) == 1


# --- writing ------------------------------------------------------------------------------


def test_case_to_data_drops_unknowns_and_keeps_false_and_empty_lists() -> None:
    case = parse_case(
        HEAD
        + "assessed_on: 2021-06-28\nperson: {birth_date: 1961-02, pseudonym: null}\n"
        + "family: {members: [], primary_caregiver: false}\n"
        + "community: {military_service: {self: true}}\n"
    )
    assert case_to_data(case) == {
        "format": 1,
        "id": "T-0001",
        "assessed_on": "2021-06-28",
        "person": {"birth_date": "1961-02"},
        "family": {"members": [], "primary_caregiver": False},
        "community": {"military_service": {"self": True}},
    }
    json.dumps(case_to_data(case))  # JSON-ready


def test_dump_and_parse_round_trip_the_spec_example() -> None:
    case = parse_case(ANA)
    text = dump_case_yaml(case)
    assert parse_case(text) == case
    assert "birth_date: 1961-02\n" in text
    assert "first_entry_date: 2002\n" in text
    assert "citizenship: [GT]\n" in text
    assert case_from_data(case_to_data(case)) == case


def test_dump_quotes_what_yaml_would_misread() -> None:
    case = case_from_data(
        {
            "format": 1,
            "id": "2014-05-01",
            "person": {"citizenship": ["NO"], "pseudonym": "yes"},
        }
    )
    assert parse_case(dump_case_yaml(case)) == case


TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
DATES = st.builds(
    lambda y, mo, d: PartialDate(y, mo, d if mo else None),
    st.integers(1000, 9999),
    st.none() | st.integers(1, 12),
    st.none() | st.integers(1, 28),
)
MEMBERS = st.builds(
    m.FamilyMember,
    relationship=st.none() | st.sampled_from(m.Relationship),
    age=st.none() | st.integers(0, 120),
    birth_date=st.none() | DATES,
    in_us=st.none() | st.booleans(),
)
CASES = st.builds(
    Case,
    format=st.just(1),
    id=TEXT.filter(bool),
    assessed_on=st.none() | st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1)),
    person=st.none()
    | st.builds(
        m.Person,
        pseudonym=st.none() | TEXT,
        birth_date=st.none() | DATES,
        citizenship=st.none()
        | st.lists(st.sampled_from(["GT", "NO", "ON", "MX", "YE"])),
        a_number=st.none() | st.from_regex(r"A[0-9]{8,9}", fullmatch=True),
    ),
    family=st.none()
    | st.builds(
        m.Family,
        members=st.none() | st.lists(MEMBERS, max_size=3),
        primary_caregiver=st.none() | st.booleans(),
    ),
    community=st.none()
    | st.builds(
        m.Community,
        military_service=st.none()
        | st.builds(m.MilitaryService, self_=st.none() | st.booleans()),
    ),
    narrative=st.none() | TEXT,
    evidence=st.none()
    | st.lists(
        st.builds(m.EvidenceItem, supports=st.none() | st.lists(TEXT, max_size=2)),
        max_size=2,
    ),
)


@settings(max_examples=150, deadline=None)
@given(CASES)
def test_dump_and_parse_round_trip_any_case(case: Case) -> None:
    assert parse_case(dump_case_yaml(case)) == case
    assert case_from_data(case_to_data(case)) == case
    assert parse_case(json.dumps(case_to_data(case))) == case


KEYS = st.sampled_from(
    ["format", "id", "person", "family", "members", "relationship", "age", "self", "<<",
     "citizenship", "birth_date", "assessed_on", "convictions", "criminal_legal_history", "x"]
)  # fmt: skip
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-5, 3000)
    | st.floats(allow_nan=False)
    | st.dates()
    | st.sampled_from(["GT", "no", "2014-13", "child", "cousin", "unknown"])
    | st.text(max_size=8)
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(KEYS, inner, max_size=4)
    ),
    max_leaves=15,
)
SHAPES = st.dictionaries(KEYS, VALUES, max_size=6).map(
    lambda d: {"format": 1, "id": "x", **d}
)


@settings(max_examples=200, deadline=None)
@given(SHAPES, st.booleans())
def test_any_shape_gives_a_case_or_plain_problems(
    document: dict[str, Any], flow: bool
) -> None:
    for call in (
        lambda: parse_case(yaml.safe_dump(document, default_flow_style=flow), "f.yaml"),
        lambda: case_from_data(document),
    ):
        try:
            call()
        except CaseValidationError as error:
            for problem in error.problems:
                assert_plain(problem)


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        st.sampled_from([*"format: 1\nid-x[]{},&*!<>|'\"\t#%@`?09.~", "\x85", "é"]),
        max_size=60,
    )
)
def test_any_text_gives_a_case_or_plain_problems(text: str) -> None:
    for document in (text, HEAD + text):
        try:
            parse_case(document)
        except CaseValidationError as error:
            for problem in error.problems:
                assert_plain(problem)


# --- the package stays light -----------------------------------------------------------


def test_importing_amparo_cases_imports_nothing_heavy() -> None:
    src = Path(__file__).parents[2] / "src"
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(src), os.environ.get("PYTHONPATH", "")]),
    }
    code = "import sys, amparo.cases; print(' '.join(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    loaded = set(result.stdout.split())
    for heavy in (
        "numpy",
        "pandas",
        "django",
        "jsonschema",
        "rich",
        "typer",
        "amparo.cases.schema",
    ):
        assert heavy not in loaded
