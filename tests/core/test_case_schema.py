"""The JSON Schema of format 1 says what the model says.

jsonschema is not a project dependency, so the schema is checked by its structure
and by a small validator below that covers the keywords the schema uses; where
jsonschema happens to be installed, it validates the same documents too.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import re
from pathlib import Path
from typing import Any, get_args, get_origin

import pytest
import yaml
from pydantic import BaseModel

from amparo.cases import (
    Case,
    PartialDate,
    case_from_data,
    case_json_schema,
    case_to_data,
    load_case,
    parse_case,
    vocab,
)
from amparo.cases import model as m
from amparo.cases.schema import SCHEMA_ID

EXAMPLES = Path(__file__).parents[2] / "examples"
SCHEMA = case_json_schema()

PARTIAL_DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"


# --- a small validator for the keywords the schema uses -----------------------------

_TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}
_KNOWN = {
    "$ref", "anyOf", "type", "enum", "const", "pattern", "minimum", "maximum", "minLength",
    "properties", "required", "additionalProperties", "items", "format",
    "title", "description", "default", "$defs", "$schema", "$id",
}  # fmt: skip


def schema_errors(
    instance: Any, schema: dict[str, Any], root: dict[str, Any], at: str = ""
) -> list[str]:
    unknown = set(schema) - _KNOWN
    assert not unknown, (
        f"the test validator does not know {unknown} (at {at or 'root'})"
    )
    if "$ref" in schema:
        name = schema["$ref"].removeprefix("#/$defs/")
        return schema_errors(instance, root["$defs"][name], root, at)
    if "anyOf" in schema:
        if all(schema_errors(instance, option, root, at) for option in schema["anyOf"]):
            return [f"{at}: matches none of anyOf"]
        return []
    errors: list[str] = []
    if "type" in schema and not _TYPES[schema["type"]](instance):
        return [f"{at}: not {schema['type']}"]
    if "enum" in schema and instance not in schema["enum"]:
        errors.append(f"{at}: not in enum")
    if "const" in schema and (
        instance != schema["const"] or type(instance) is not type(schema["const"])
    ):
        errors.append(f"{at}: not const")
    if (
        "pattern" in schema
        and isinstance(instance, str)
        and not re.search(schema["pattern"], instance, re.ASCII)
    ):
        errors.append(f"{at}: does not match {schema['pattern']}")
    if (
        "minLength" in schema
        and isinstance(instance, str)
        and len(instance) < schema["minLength"]
    ):
        errors.append(f"{at}: too short")
    if (
        "minimum" in schema
        and _TYPES["number"](instance)
        and instance < schema["minimum"]
    ):
        errors.append(f"{at}: below minimum")
    if (
        "maximum" in schema
        and _TYPES["number"](instance)
        and instance > schema["maximum"]
    ):
        errors.append(f"{at}: above maximum")
    if isinstance(instance, dict):
        properties = schema.get("properties", {})
        errors += [
            f"{at}.{key}: required"
            for key in schema.get("required", [])
            if key not in instance
        ]
        for key, value in instance.items():
            if key in properties:
                errors += schema_errors(value, properties[key], root, f"{at}.{key}")
            elif schema.get("additionalProperties") is False:
                errors.append(f"{at}.{key}: not allowed")
    if isinstance(instance, list) and "items" in schema:
        for i, item in enumerate(instance):
            errors += schema_errors(item, schema["items"], root, f"{at}[{i}]")
    return errors


def json_like(value: Any) -> Any:
    """What a JSON tool sees: dates as their ISO text."""
    if isinstance(value, dict):
        return {key: json_like(item) for key, item in value.items()}
    if isinstance(value, list):
        return [json_like(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def model_accepts(document: dict[str, Any]) -> bool:
    try:
        case_from_data(document)
    except ValueError:
        return False
    return True


# --- structure -------------------------------------------------------------------------


def test_schema_header() -> None:
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert (
        SCHEMA["$id"] == SCHEMA_ID == "https://amparo.invalid/schema/case-format-1.json"
    )
    assert SCHEMA["title"]
    assert "unknown" in SCHEMA["description"]
    assert SCHEMA["type"] == "object"


def test_only_format_and_id_are_required() -> None:
    assert SCHEMA["required"] == ["format", "id"]
    assert SCHEMA["properties"]["format"]["const"] == 1
    assert SCHEMA["properties"]["id"]["type"] == "string"
    assert SCHEMA["properties"]["id"]["minLength"] == 1


def test_every_object_forbids_fields_outside_the_format() -> None:
    assert SCHEMA["additionalProperties"] is False
    objects = {
        name: d for name, d in SCHEMA["$defs"].items() if d.get("type") == "object"
    }
    assert len(objects) == 24  # every section model but Case itself, which is the root
    for name, definition in objects.items():
        assert definition["additionalProperties"] is False, name
        assert "required" not in definition, name  # all optional: absent is unknown


def test_every_enum_is_in_the_schema_with_its_values() -> None:
    enums = [
        v
        for v in vars(m).values()
        if isinstance(v, type)
        and issubclass(v, enum.StrEnum)
        and v.__module__ == vocab.__name__
    ]
    assert len(enums) == 17
    for choices in enums:
        definition = SCHEMA["$defs"][choices.__name__]
        assert definition["enum"] == [member.value for member in choices]
        assert definition["type"] == "string"


def test_military_service_self_is_named_self() -> None:
    assert set(SCHEMA["$defs"]["MilitaryService"]["properties"]) == {
        "self",
        "immediate_family",
    }


def _date_fields() -> list[tuple[str, str, Any]]:
    found = []
    for model in [
        Case,
        *[
            v
            for v in vars(m).values()
            if isinstance(v, type) and issubclass(v, BaseModel)
        ],
    ]:
        for name, info in model.model_fields.items():
            annotation = info.annotation
            while get_args(annotation) and get_origin(annotation) is not list:
                annotation = get_args(annotation)[0]
            if annotation in (PartialDate, dt.date):
                found.append((model.__name__, info.alias or name, annotation))
    return found


DATE_FIELDS = _date_fields()


@pytest.mark.parametrize(
    ("model", "field", "kind"), DATE_FIELDS, ids=[f"{a}.{b}" for a, b, _ in DATE_FIELDS]
)
def test_dates_are_strings_with_a_pattern_or_a_year(
    model: str, field: str, kind: Any
) -> None:
    definition = SCHEMA if model == "Case" else SCHEMA["$defs"][model]
    prop = definition["properties"][field]
    text = json.dumps(prop)
    if kind is PartialDate:
        assert json.dumps(PARTIAL_DATE_PATTERN) in text
        assert '"type": "integer"' in text
        assert '"minimum": 1000' in text
    else:
        assert '"format": "date"' in text
        assert '"type": "integer"' not in text


def test_there_are_as_many_date_fields_as_the_spec_has() -> None:
    # assessed_on, birth_date x2, three presence dates, custody, next_hearing, four
    # list-item dates and the arrest date.
    assert len(DATE_FIELDS) == 14


def test_every_reference_resolves_and_the_schema_is_plain_json() -> None:
    text = json.dumps(SCHEMA)
    for name in re.findall(r'"#/\$defs/([^"]+)"', text):
        assert name in SCHEMA["$defs"]
    assert json.loads(text) == SCHEMA


def test_each_call_returns_a_fresh_copy() -> None:
    first = case_json_schema()
    first["required"].append("narrative")
    assert case_json_schema()["required"] == ["format", "id"]


# --- the schema agrees with the model -----------------------------------------------------

ANA = {
    "format": 1,
    "id": "EX-0001",
    "assessed_on": "2021-06-28",
    "person": {
        "pseudonym": "Ana",
        "birth_date": "1961-02",
        "citizenship": ["GT"],
        "a_number": "A-123-456-789",
    },
    "presence": {
        "first_entry_date": 2002,
        "prior_removal_orders": [{"date": "2001-11", "in_absentia": True}],
    },
    "family": {
        "members": [{"relationship": "grandchild", "status": "usc", "age": 6}],
        "primary_caregiver": True,
    },
    "community": {"military_service": {"self": False}},
    "criminal_legal_history": {"convictions": [], "arrests_without_conviction": 0},
}

CHANGES: list[tuple[str, dict[str, Any]]] = [
    ("valid", {}),
    ("format 2", {"format": 2}),
    ("format text", {"format": "1"}),
    ("format true", {"format": True}),
    ("no id", {"id": None}),
    ("empty id", {"id": ""}),
    ("number id", {"id": 42}),
    ("partial assessed_on", {"assessed_on": "2021-06"}),
    ("year assessed_on", {"assessed_on": 2021}),
    ("null section", {"person": None}),
    ("unknown field", {"persona": {}}),
    ("nested unknown", {"person": {"pseudonim": "Ana"}}),
    ("two-digit year", {"person": {"birth_date": 85}}),
    ("five-digit year", {"person": {"birth_date": 20140}}),
    ("slash date", {"person": {"birth_date": "05/2014"}}),
    ("bool date", {"person": {"birth_date": True}}),
    ("lower country", {"person": {"citizenship": ["gt"]}}),
    ("scalar list", {"person": {"citizenship": "GT"}}),
    ("a-number digits", {"person": {"a_number": "123456789"}}),
    ("a-number short", {"person": {"a_number": "A1234567"}}),
    ("bad enum", {"family": {"members": [{"relationship": "cousin"}]}}),
    ("negative age", {"family": {"members": [{"age": -1}]}}),
    ("text age", {"family": {"members": [{"age": "6"}]}}),
    ("bool age", {"family": {"members": [{"age": True}]}}),
    ("text bool", {"family": {"primary_caregiver": "yes"}}),
    ("number bool", {"family": {"primary_caregiver": 1}}),
    ("self text", {"community": {"military_service": {"self": "no"}}}),
    ("self_ name", {"community": {"military_service": {"self_": True}}}),
    ("bad list item", {"relief": [{"type": "asylum", "status": "granted"}]}),
    ("list of scalars", {"evidence": ["letter"]}),
]


@pytest.mark.parametrize(("name", "change"), CHANGES, ids=[name for name, _ in CHANGES])
def test_schema_and_model_agree(name: str, change: dict[str, Any]) -> None:
    document = {**ANA, **change}
    document = {
        key: value
        for key, value in document.items()
        if not (key == "id" and value is None)
    }
    by_schema = not schema_errors(document, SCHEMA, SCHEMA)
    assert by_schema == model_accepts(document), schema_errors(document, SCHEMA, SCHEMA)
    assert by_schema == (name in {"valid", "null section"})


def test_a_dumped_case_is_valid_against_the_schema() -> None:
    case = Case.model_validate(ANA)
    assert schema_errors(case_to_data(case), SCHEMA, SCHEMA) == []


# --- example case files ------------------------------------------------------------------------


def example_documents() -> list[tuple[Path, Any]]:
    """Every case document under examples/ (none yet is fine): YAML or JSON with format or id."""
    found = []
    for path in sorted(EXAMPLES.rglob("*")) if EXAMPLES.is_dir() else []:
        if path.suffix not in {".yaml", ".yml", ".json"}:
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and ({"format", "id"} & set(data)):
            found.append((path, json_like(data)))
    return found


def test_every_example_case_is_valid_against_the_schema_and_the_model() -> None:
    failures = []
    for path, data in example_documents():
        errors = schema_errors(data, SCHEMA, SCHEMA)
        if errors:
            failures.append(f"{path}: {errors}")
        try:
            load_case(path)
        except ValueError as error:
            failures.append(str(error))
    assert not failures, "\n".join(failures)


def test_with_jsonschema_if_installed() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    validator_class = jsonschema.Draft202012Validator
    validator_class.check_schema(SCHEMA)
    validator = validator_class(SCHEMA)
    for path, data in example_documents():
        assert not list(validator.iter_errors(data)), path
    for name, change in CHANGES:
        document = {
            k: v for k, v in {**ANA, **change}.items() if not (k == "id" and v is None)
        }
        assert validator.is_valid(document) == (name in {"valid", "null section"}), name


def test_the_spec_example_from_yaml_is_valid_against_the_schema() -> None:
    text = (
        "format: 1\nid: EX-0001\nassessed_on: 2021-06-28\n"
        "person: {pseudonym: Ana, birth_date: 1961-02, citizenship: [GT]}\n"
        "presence: {first_entry_date: 2002, prior_removal_orders: [{date: 2001-11, in_absentia: true}]}\n"
    )
    parse_case(text)
    assert schema_errors(json_like(yaml.safe_load(text)), SCHEMA, SCHEMA) == []
