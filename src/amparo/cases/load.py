"""Read case documents (YAML or JSON) with line numbers in every error.

One parser serves both formats: JSON is YAML's subset. The document is composed
into YAML nodes (which keep their line), plain Python values are built from the
nodes here, and the result is validated by :class:`~amparo.cases.model.Case`.
Every validation error becomes a :class:`~amparo.errors.Problem` that names the
file, the line, the field path as written in the document, the value found,
what is expected and how to fix it. All problems are raised together in one
:class:`~amparo.errors.CaseValidationError`; nothing is half-loaded.

Examples:
    >>> case = parse_case("format: 1\\nid: EX-1\\nperson: {birth_date: 1985}\\n")
    >>> str(case.person.birth_date)
    '1985'
    >>> parse_case("format: 1\\nid: EX-1\\nperson: {pseudonim: Ana}\\n", "ex.yaml")
    Traceback (most recent call last):
    ...
    amparo.errors.CaseValidationError: 1 problem in the case document:
      - ex.yaml, line 3, person.pseudonim: unknown field 'pseudonim'. Did you mean 'pseudonym'?
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import os
import re
import types
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import yaml
from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo
from pydantic_core import ErrorDetails

from amparo.cases.dates import PartialDate
from amparo.cases.model import DOCUMENT, Case
from amparo.cases.reading import MERGE, TAG, Builder, Loc, compose, dotted
from amparo.errors import CaseValidationError, Problem

__all__ = [
    "case_from_data",
    "case_to_data",
    "dump_case_yaml",
    "load_case",
    "parse_case",
    "validate_files",
]

_UNKNOWN_NOTE = "If it is not known, leave the field out or write null."
_UNKNOWN_WORDS = {"unknown", "?", "n/a", "na", "unsure", "not known", "don't know"}

_DATE_PHRASE = "a date written YYYY, YYYY-MM or YYYY-MM-DD"
_FULL_DATE_PHRASE = "a full date written YYYY-MM-DD"
_COUNTRY_PHRASE = "a two-letter country code in capitals (ISO 3166-1 alpha-2)"
_A_NUMBER_PHRASE = "an A-number: A followed by 8 or 9 digits"


# --------------------------------------------------------------------------
# Public API


def load_case(path: str | os.PathLike[str]) -> Case:
    """Read and validate one case document from a ``.yaml``, ``.yml`` or ``.json`` file.

    Raises:
        CaseValidationError: the file is missing, unreadable, not YAML/JSON, or
            the document is not a valid case; every problem is listed.
    """
    case, problems = _load_path(path)
    if case is None:
        raise CaseValidationError(problems)
    return case


def parse_case(text: str, source: str = "<string>") -> Case:
    """Validate one case document given as YAML or JSON text.

    ``source`` names the document in problems (a file name, say).

    Raises:
        CaseValidationError: with every problem found.
    """
    case, problems = _parse_text(text, source)
    if case is None:
        raise CaseValidationError(problems)
    return case


def case_from_data(data: Mapping[str, Any], source: str = "<data>") -> Case:
    """Validate a case document already read into Python values (a web form, a test).

    Problems carry the field path but no line number.

    Raises:
        CaseValidationError: with every problem found.
    """
    if not isinstance(data, Mapping):
        raise CaseValidationError(
            [
                Problem(
                    f"the case document is {_show(data)}, not a group of fields.",
                    file=source,
                    hint="Give a mapping with at least format: 1 and id.",
                )
            ]
        )
    case, problems = _validate(data, source, None)
    if case is None:
        raise CaseValidationError(problems)
    return case


def validate_files(
    paths: Iterable[str | os.PathLike[str]],
) -> dict[str, list[Problem]]:
    """Check case files without raising: path -> problems (an empty list means valid)."""
    return {os.fspath(path): _load_path(path)[1] for path in paths}


def case_to_data(case: Case) -> dict[str, Any]:
    """The case as JSON-ready data: unknown fields left out, dates as text, ``self`` by its name.

    A known "no" (``false``) and a known "none" (``[]``) are kept.
    """
    return case.model_dump(mode="json", by_alias=True, exclude_none=True)


def dump_case_yaml(case: Case) -> str:
    """The case as a YAML document that :func:`parse_case` reads back to an equal case.

    Dates are written as YAML reads them back: ``2014``, ``2014-05``, ``2014-05-01``.
    """
    return yaml.dump(
        _plain(case),
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=88,
    )


# --------------------------------------------------------------------------
# Reading


def _load_path(path: str | os.PathLike[str]) -> tuple[Case | None, list[Problem]]:
    source = os.fspath(path)
    try:
        with open(source, "rb") as file:
            raw = file.read()
    except FileNotFoundError:
        return None, [
            Problem(
                "the case file does not exist.",
                file=source,
                hint="Check the path and the file name.",
            )
        ]
    except IsADirectoryError:
        return None, [
            Problem(
                "this is a folder, not a case file.",
                file=source,
                hint="Give the path of a .yaml or .json file.",
            )
        ]
    except OSError as error:
        return None, [
            Problem(
                f"the case file cannot be read ({error.strerror or error}).",
                file=source,
                hint="Check that the file exists and that you may read it.",
            )
        ]
    try:
        if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            text = raw.decode("utf-16")
        else:
            text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return None, [
            Problem(
                "the case file is not UTF-8 text.",
                file=source,
                line=raw.count(b"\n", 0, error.start) + 1,
                hint="Save it as UTF-8 (any editor can) and try again.",
            )
        ]
    return _parse_text(text, source)


def _parse_text(text: str, source: str) -> tuple[Case | None, list[Problem]]:
    try:
        root = compose(text)
    except yaml.YAMLError as error:
        json_result = _json_fallback(text, source)
        if json_result is not None:
            return json_result
        return None, [_syntax_problem(error, text, source)]
    if root is None or (isinstance(root, yaml.ScalarNode) and root.tag == TAG + "null"):
        return None, [
            Problem(
                "the case document is empty.",
                file=source,
                hint="A case needs at least `format: 1` and `id: <your case reference>`.",
            )
        ]
    return _from_root(root, source)


def _from_root(root: yaml.Node, source: str) -> tuple[Case | None, list[Problem]]:
    if not isinstance(root, yaml.MappingNode) or root.tag != TAG + "map":
        return None, [
            Problem(
                "the case document is not a group of fields (a mapping).",
                file=source,
                line=root.start_mark.line + 1,
                hint="Start the document with `format: 1` and `id: ...` on their own lines.",
            )
        ]
    builder = Builder(source)
    try:
        data = builder.build(root, ())
    except RecursionError:
        return None, [
            Problem(
                "the case document is nested too deeply to read.",
                file=source,
                hint="A case document is at most a few levels deep; check the indentation.",
            )
        ]
    assert isinstance(data, dict)
    case, problems = _validate(data, source, root)
    # A value the builder already reported (a self-referring alias) is not reported twice.
    reported = {problem.path for problem in builder.problems}
    problems = builder.problems + [p for p in problems if p.path not in reported]
    if problems:
        problems.sort(key=lambda p: p.line if p.line is not None else 1 << 30)
        return None, problems
    return case, []


def _json_fallback(text: str, source: str) -> tuple[Case | None, list[Problem]] | None:
    """JSON that YAML 1.1 cannot read (surrogate-pair escapes, tabs): read it as JSON.

    Returns ``None`` when the text is not JSON either, so the YAML error stands.
    A ``.json`` file that is not valid JSON gets JSON's own error and line.
    """
    stripped = text.lstrip()
    if not (source.lower().endswith(".json") or stripped.startswith(("{", "["))):
        return None
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as error:
        if source.lower().endswith(".json") and isinstance(error, json.JSONDecodeError):
            return None, [
                Problem(
                    f"the JSON cannot be read: {error.msg}.",
                    file=source,
                    line=error.lineno,
                    hint=f"Check near column {error.colno}: a missing comma, quote or bracket.",
                )
            ]
        return None
    # Valid JSON with tabs between tokens: spaces keep every line, so try for line numbers.
    try:
        root = compose(_yaml_friendly_json(text))
        if (
            isinstance(root, yaml.MappingNode)
            and Builder(source).build(root, ()) == data
        ):
            return _from_root(root, source)
    except (yaml.YAMLError, RecursionError):
        pass
    if not isinstance(data, dict):
        return None, [
            Problem(
                "the case document is not a group of fields (a JSON object).",
                file=source,
                hint='Start the document with {"format": 1, "id": "..."}.',
            )
        ]
    return _validate(data, source, None)


_SURROGATE_PAIR = re.compile(
    r"(?<!\\)((?:\\\\)*)\\u(d[89ab][0-9a-f]{2})\\u(d[c-f][0-9a-f]{2})", re.I
)


def _yaml_friendly_json(text: str) -> str:
    def join(match: re.Match[str]) -> str:
        high, low = int(match.group(2), 16), int(match.group(3), 16)
        return match.group(1) + chr(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))

    return _SURROGATE_PAIR.sub(join, text.replace("\t", " "))


def _syntax_problem(error: yaml.YAMLError, text: str, source: str) -> Problem:
    if isinstance(error, yaml.reader.ReaderError):
        char = error.character
        code = ord(char) if isinstance(char, str) else char
        return Problem(
            f"the file contains a character YAML does not allow (U+{code:04X}).",
            file=source,
            line=text.count("\n", 0, error.position) + 1,
            hint="Remove the control character, or save the file as plain UTF-8 text.",
        )
    line = None
    what = "the YAML cannot be read"
    if isinstance(error, yaml.MarkedYAMLError):
        if error.problem_mark is not None:
            line = error.problem_mark.line + 1
        detail = "; ".join(part for part in (error.context, error.problem) if part)
        if detail:
            what += f" ({detail})"
        if error.context == "expected a single document in the stream":
            return Problem(
                what + ".",
                file=source,
                line=line,
                hint="A file holds one case: remove the second `---` and what follows, "
                "or move it to its own file.",
            )
    hint = (
        "Check the indentation (spaces, not tabs) and that each `field: value` has a "
        "space after the colon; put a value in quotes if it contains ': ' or starts "
        "with a special character such as @, `, * or &."
    )
    if "\t" in str(error) or "'\\t'" in str(error):
        hint = "Indent with spaces, not tabs."
    return Problem(what + ".", file=source, line=line, hint=hint)


# --------------------------------------------------------------------------
# Validation and problems


def _validate(
    data: Mapping[str, Any], source: str, root: yaml.Node | None
) -> tuple[Case | None, list[Problem]]:
    try:
        return Case.model_validate(data, context={DOCUMENT: True}), []
    except ValidationError as error:
        errors = error.errors(include_url=False)
    return None, [_problem(e, source, root) for e in errors]


def _problem(error: ErrorDetails, source: str, root: yaml.Node | None) -> Problem:
    loc: Loc = tuple(error["loc"])
    if error["type"] == "python_field_name":
        # self_ in a document is an unknown field, like any other misspelling of self.
        loc = (*loc, str(error.get("ctx", {}).get("field", "")))
        error = {**error, "type": "extra_forbidden", "loc": loc}
    line, node = _locate(root, loc)
    # Plain (unquoted) scalars only; libyaml marks them with style '' and PyYAML with None.
    raw = node.value if isinstance(node, yaml.ScalarNode) and not node.style else None
    message, hint = _wording(error, loc, raw)
    return Problem(message, file=source, line=line, path=dotted(loc) or None, hint=hint)


def _wording(error: ErrorDetails, loc: Loc, raw: str | None) -> tuple[str, str]:
    """Plain words for one validation error: (message, how to fix it)."""
    kind = error["type"]
    value = error.get("input")
    label = _label(loc)
    shown = _show(value)
    target = _target(loc)

    if kind == "extra_forbidden":
        return _unknown_field(loc)
    if kind == "missing":
        name = loc[-1] if loc else "field"
        fixes = {
            "format": "Add `format: 1` as the first line of the document.",
            "id": "Add `id:` with the organization's own case reference, e.g. `id: EX-0001`.",
        }
        return f"{name} is missing; every case document needs it.", fixes.get(
            str(name), f"Add {name}."
        )
    if kind == "format_version" or kind == "literal_error":
        if isinstance(value, str) and value.strip() == "1":
            return (
                f"format is {shown}, text rather than the number 1.",
                "Write `format: 1` without quotes.",
            )
        return (
            f"format is {shown}, but this version of amparo reads format 1 only.",
            "Write `format: 1`; a document in another format needs converting first.",
        )
    if kind == "string_too_short":
        return (
            f"{label} is empty.",
            "Write the organization's own case reference, e.g. EX-0001.",
        )

    expected = _expected(kind, target)
    message = f"{label} is {shown}, but it must be {expected}."
    hint = _fix(kind, value, raw, loc, target)
    return message, hint


def _fix(kind: str, value: object, raw: str | None, loc: Loc, target: object) -> str:
    """How to fix a value of the wrong kind, ending with the reminder about unknowns."""
    if isinstance(value, str) and value.strip().lower() in _UNKNOWN_WORDS:
        return "Unknown is not the same as no: leave the field out or write null."
    yaml_reading = _yaml_reading(value, raw)
    fix: str
    if kind == "enum" and isinstance(target, type) and issubclass(target, enum.Enum):
        choices = [str(member.value) for member in target]
        guess = _closest(value, choices)
        if guess:
            fix = f"Did you mean {guess!r}?"
        elif "other" in choices:
            fix = "Use one of these words exactly; choose other if none fits."
        else:
            fix = "Use one of these words exactly."
    elif kind == "bool_type":
        fix = "Write true or false, without quotes."
    elif kind == "int_type":
        if isinstance(value, str) and value.strip().isdigit():
            fix = f"Write it without quotes: {value.strip()}."
        elif isinstance(value, float):
            fix = "Write a whole number, such as 6."
        else:
            fix = "Write a whole number, such as 6, without quotes."
    elif kind == "greater_than_equal":
        fix = "A count, an age or a number of months cannot be negative."
    elif kind == "partial_date":
        fix = _date_fix(value)
    elif kind == "full_date":
        fix = (
            "Write the full date as YYYY-MM-DD, e.g. 2021-06-28: the rules are "
            "applied as of one day, so this date cannot be partial."
        )
    elif kind == "country_code":
        if yaml_reading:
            fix = yaml_reading
        elif isinstance(value, str) and re.fullmatch(r"[A-Za-z]{2}", value.strip()):
            fix = f"Did you mean {value.strip().upper()!r}?"
        else:
            fix = "Write the two-letter code in capitals, e.g. HT, IQ, NI or MX, not a country name."
    elif kind == "a_number":
        if raw is not None and isinstance(value, int) and not isinstance(value, bool):
            fix = f"Start it with A and put it in quotes: 'A{raw}'."
        else:
            fix = "Write A followed by 8 or 9 digits, e.g. A123456789 (dashes are allowed: A-123-456-789)."
    elif kind == "string_type":
        fix = (
            yaml_reading
            or "Write it as text, in quotes if it could be read as something else."
        )
    elif kind == "list_type":
        if value is False or (
            isinstance(value, str) and value.strip().lower() in {"none", "no"}
        ):
            fix = "For a known none, write []."
        else:
            item = (
                raw if raw is not None else (value if isinstance(value, str) else "...")
            )
            fix = (
                f"Write a list, even for one item: [{item}]. Write [] for a known none."
            )
    elif kind in {"model_type", "model_attributes_type", "dict_type"}:
        fields = _allowed_fields(target)
        some = ", ".join(fields[:4]) + (", …" if len(fields) > 4 else "")
        if loc and isinstance(loc[-1], int):
            fix = f"Write each item as a group of fields ({some}), after a dash."
        else:
            fix = f"Write its fields indented below it ({some})."
    else:
        fix = "Correct the value."
    return f"{fix} {_UNKNOWN_NOTE}"


def _date_fix(value: object) -> str:
    if isinstance(value, dt.datetime):
        return "Write the date without a time of day."
    if isinstance(value, int) and not isinstance(value, bool):
        return "Write the year with four digits, e.g. 1985."
    if isinstance(value, str) and re.fullmatch(r"\s*\d{4}(-\d{2}(-\d{2})?)?\s*", value):
        return "There is no such month or day; check it, or write only the year (or year and month) if the day is not known."
    return "Write it as YYYY, YYYY-MM or YYYY-MM-DD (1985, 1985-02 or 1985-02-14); a year alone is fine when the day is not known."


def _yaml_reading(value: object, raw: str | None) -> str | None:
    """Say when YAML read an unquoted word as something other than text (NO is false)."""
    if raw is None or isinstance(value, str):
        return None
    if isinstance(value, bool):
        reading = "true" if value else "false"
    elif value is None:
        reading = "null"
    elif isinstance(value, dt.date):
        reading = "a date"
    elif isinstance(value, int | float):
        reading = "a number"
    else:
        return None
    return f"YAML reads the unquoted {raw} as {reading}; put it in quotes: '{raw}'."


def _expected(kind: str, target: object) -> str:
    by_kind = {
        "partial_date": _DATE_PHRASE,
        "full_date": _FULL_DATE_PHRASE,
        "country_code": _COUNTRY_PHRASE,
        "a_number": _A_NUMBER_PHRASE,
        "bool_type": "true or false",
        "int_type": "a whole number 0 or more",
        "greater_than_equal": "a whole number 0 or more",
        "string_type": "text",
        "list_type": "a list",
    }
    if kind in by_kind:
        return by_kind[kind]
    return _type_phrase(target)


def _type_phrase(target: object) -> str:
    if isinstance(target, type):
        if issubclass(target, enum.Enum):
            return "one of: " + ", ".join(str(member.value) for member in target)
        if issubclass(target, BaseModel):
            return "a group of fields (a mapping)"
        phrases: dict[type, str] = {
            bool: "true or false",
            int: "a whole number 0 or more",
            str: "text",
            PartialDate: _DATE_PHRASE,
            dt.date: _FULL_DATE_PHRASE,
        }
        if target in phrases:
            return phrases[target]
    if get_origin(target) is list:
        return "a list"
    if get_origin(target) is Literal:
        return " or ".join(repr(arg) for arg in get_args(target))
    return "a valid value"


def _unknown_field(loc: Loc) -> tuple[str, str]:
    import difflib  # only on errors: keeps import time down

    name = str(loc[-1])
    parent = _target(loc[:-1])
    where = f"in {dotted(loc[:-1])}" if loc[:-1] else "at the top level"
    allowed = _allowed_fields(parent) if isinstance(parent, type) else []
    message = f"unknown field {name!r}."
    close = difflib.get_close_matches(
        name.lower().replace("-", "_").replace(" ", "_"), allowed, n=1
    )
    if close:
        return message, f"Did you mean {close[0]!r}?"
    elsewhere = _field_index().get(name)
    if elsewhere:
        return message, (
            f"{name} belongs elsewhere: {' or '.join(elsewhere)}. "
            f"The fields allowed {where} are: {', '.join(allowed)}."
        )
    return message, f"The fields allowed {where} are: {', '.join(allowed)}."


def _closest(value: object, choices: list[str]) -> str | None:
    if not isinstance(value, str):
        return None
    import difflib

    normal = value.strip().lower().replace("-", "_").replace(" ", "_")
    if normal in choices:
        return normal
    close = difflib.get_close_matches(normal, choices, n=1)
    return close[0] if close else None


# --------------------------------------------------------------------------
# Paths, lines and types


def _label(loc: Loc) -> str:
    """The field as the reader sees it: the last name and its indexes (``citizenship[0]``)."""
    for i in range(len(loc) - 1, -1, -1):
        if isinstance(loc[i], str):
            return dotted(loc[i:])
    return "the value" if loc else "the case document"


def _locate(root: yaml.Node | None, path: Loc) -> tuple[int | None, yaml.Node | None]:
    """The 1-based line of ``path`` (or of its closest parent present) and its node."""
    if root is None:
        return None, None
    node: yaml.Node = root
    line = root.start_mark.line + 1
    for part in path:
        if isinstance(node, yaml.MappingNode) and isinstance(part, str):
            found = _find_key(node, part, set())
            if found is None:
                return line, None
            key_node, node = found
            line = key_node.start_mark.line + 1
        elif (
            isinstance(node, yaml.SequenceNode)
            and isinstance(part, int)
            and 0 <= part < len(node.value)
        ):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            return line, None
    return line, node


def _find_key(
    node: yaml.MappingNode, name: str, seen: set[int]
) -> tuple[yaml.Node, yaml.Node] | None:
    if id(node) in seen:
        return None
    seen.add(id(node))
    found: tuple[yaml.Node, yaml.Node] | None = None
    merges: list[yaml.Node] = []
    for key_node, value_node in node.value:
        if key_node.tag == MERGE:
            merges.extend(
                value_node.value
                if isinstance(value_node, yaml.SequenceNode)
                else [value_node]
            )
        elif isinstance(key_node, yaml.ScalarNode) and key_node.value == name:
            found = (key_node, value_node)  # the last one wins, as when building
    if found is None:
        for merged in merges:
            if isinstance(merged, yaml.MappingNode):
                found = _find_key(merged, name, seen)
                if found is not None:
                    break
    return found


def _unwrap(annotation: object) -> object:
    """Strip ``Annotated[...]`` and ``| None`` to reach the type a value must have."""
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin is Union or origin is types.UnionType:
            args = [arg for arg in get_args(annotation) if arg is not type(None)]
            if len(args) != 1:
                return annotation
            annotation = args[0]
        else:
            return annotation


def _target(loc: Loc) -> object:
    """The type expected at ``loc`` in the case document, or ``None`` if there is none."""
    current: object = Case
    for part in loc:
        current = _unwrap(current)
        if (
            isinstance(part, str)
            and isinstance(current, type)
            and issubclass(current, BaseModel)
        ):
            field = _fields(current).get(part)
            if field is None:
                return None
            current = field.annotation
        elif isinstance(part, int) and get_origin(current) is list:
            current = get_args(current)[0]
        else:
            return None
    return _unwrap(current)


@cache
def _fields(model: type[BaseModel]) -> dict[str, FieldInfo]:
    """A model's fields by the name written in the document (the alias, if any)."""
    return {info.alias or name: info for name, info in model.model_fields.items()}


def _allowed_fields(model: object) -> list[str]:
    if isinstance(model, type) and issubclass(model, BaseModel):
        return list(_fields(model))
    return []


@cache
def _field_index() -> dict[str, list[str]]:
    """Every field name in the format -> where it is written (``person.birth_date``)."""
    index: dict[str, list[str]] = {}

    def walk(model: type[BaseModel], prefix: str) -> None:
        for name, info in _fields(model).items():
            path = f"{prefix}.{name}" if prefix else name
            index.setdefault(name, []).append(path)
            inner = _unwrap(info.annotation)
            if get_origin(inner) is list:
                inner = _unwrap(get_args(inner)[0])
                path += "[]"
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                walk(inner, path)

    walk(Case, "")
    return index


def _show(value: object, limit: int = 60) -> str:
    """A value as the reader wrote it, shortened: ``'cousin'``, ``true``, ``[1, 2]``."""
    if isinstance(value, str):
        text = repr(value)
    elif value is None:
        text = "null"
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, dt.date):
        text = value.isoformat()
    elif isinstance(value, int | float):
        text = repr(value)
    else:
        try:
            text = json.dumps(value, default=str, ensure_ascii=False)
        except (ValueError, TypeError, RecursionError):
            text = "a value of another kind"
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --------------------------------------------------------------------------
# Writing


def _plain(value: object) -> object:
    """Python values for YAML, keeping dates as objects (pydantic's Python mode would not)."""
    if isinstance(value, BaseModel):
        return {
            info.alias or name: _plain(getattr(value, name))
            for name, info in type(value).model_fields.items()
            if getattr(value, name) is not None
        }
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


class _Dumper(yaml.SafeDumper):
    """Writes dates the way YAML reads them back, enums as their words, long text as blocks.

    Lists of words go on one line (``citizenship: [SV]``); lists of groups are
    indented under their field, as people write them by hand.
    """

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _represent_partial_date(dumper: yaml.SafeDumper, value: PartialDate) -> yaml.Node:
    if value.month is None:
        return dumper.represent_int(value.year)
    if value.day is None:
        return dumper.represent_str(str(value))
    return dumper.represent_date(value.earliest)


def _represent_enum(dumper: yaml.SafeDumper, value: enum.Enum) -> yaml.Node:
    return dumper.represent_str(str(value.value))


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    # NEL and the Unicode line and paragraph separators are line breaks to a YAML
    # reader: only a double-quoted scalar (which escapes them) keeps them exact.
    if any(char in value for char in "\x85\u2028\u2029"):
        return dumper.represent_scalar(TAG + "str", value, style='"')
    # The emitter falls back to a quoted style where a block cannot hold the text exactly.
    if "\n" in value:
        return dumper.represent_scalar(TAG + "str", value, style="|")
    return dumper.represent_str(value)


def _represent_list(dumper: yaml.SafeDumper, value: list[object]) -> yaml.Node:
    flow = all(not isinstance(item, dict | list) for item in value)
    return dumper.represent_sequence(TAG + "seq", value, flow_style=flow)


_Dumper.add_representer(PartialDate, _represent_partial_date)
_Dumper.add_representer(list, _represent_list)
_Dumper.add_multi_representer(enum.Enum, _represent_enum)
_Dumper.add_representer(str, _represent_str)
