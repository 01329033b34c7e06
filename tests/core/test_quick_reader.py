"""The quick reader of ``amparo assess`` against the pydantic model it stands in for.

- ``shape.json`` is what :mod:`amparo.cases.shape` makes of the model today;
- a document the quick reader accepts, the model accepts, with the same values
  (over documents of good and bad values mixed, drawn from the shape);
- a valid document, the quick reader accepts (so ``amparo assess`` takes the
  quick path for the documents people write), with the same values and the same
  assessment;
- files it cannot vouch for (bad YAML, duplicate keys, UTF-16, missing) go to the
  full loader, whose messages ``amparo assess`` still prints;
- ``amparo assess`` does not import pydantic.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.core import strategies as S

import amparo
from amparo.cases import quick, shape, vocab
from amparo.cases.load import case_from_data, dump_case_yaml
from amparo.errors import CaseValidationError

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").rglob("*.yaml"))
SHAPE = json.loads(shape.PATH.read_text(encoding="utf-8"))
SETTINGS = settings(
    max_examples=int(os.environ.get("AMPARO_PROPERTY_EXAMPLES", "300")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def plain(obj: object, kind: Any = None) -> object:
    """A model or a record as nested plain values, walked by the shape."""
    if kind is None:
        kind = {"model": SHAPE["root"]}
    if obj is None:
        return None
    if isinstance(kind, dict) and "model" in kind:
        fields = SHAPE["models"][kind["model"]]["fields"]
        return {
            key: plain(getattr(obj, f.get("attr", key)), f["type"])
            for key, f in fields.items()
        }
    if isinstance(kind, dict) and "list" in kind:
        assert isinstance(obj, list)
        return [plain(item, kind["list"]) for item in obj]
    # The same type, not only an equal value: an enum member stays one, a
    # PartialDate stays one, True is not 1.
    return (type(obj).__name__, obj)


def test_shape_json_is_made_from_the_model_as_it_is() -> None:
    assert shape.PATH.read_text(encoding="utf-8") == shape.render(), (
        "the case model changed: run `.venv/bin/python -m amparo.cases.shape`"
    )


def test_the_shape_knows_every_field_of_the_json_schema() -> None:
    from amparo.cases import case_json_schema

    schema: Any = case_json_schema()
    for name, model in SHAPE["models"].items():
        definition = schema if name == SHAPE["root"] else schema["$defs"][name]
        assert set(model["fields"]) == set(definition["properties"]), name


# ------------------------------------------------------- documents good and bad


def _mixed(kind: Any, depth: int = 0) -> st.SearchStrategy[Any]:
    junk = st.none() | st.booleans() | st.integers(-2, 3) | st.text(max_size=4)
    if kind == "str":
        good: st.SearchStrategy[Any] = st.text(max_size=6)
    elif kind == "flag":
        good = st.booleans() | st.sampled_from([0, 1, "yes", "true"])
    elif kind == "whole":
        good = st.integers(-5, 2**65) | st.floats(0, 10) | st.just(True)
    elif kind == "partial_date":
        good = (
            S.dates
            | st.integers(0, 20_000)
            | st.datetimes()
            | st.sampled_from(["2014-13", "2014-02-30", " 2014", "2014-5", "٢٠١٤"])
        )
    elif kind == "full_date":
        good = (
            st.dates()
            | st.dates().map(dt.date.isoformat)
            | st.datetimes()
            | st.sampled_from(["2021-6-28", "2021-02-30", "2021-06"])
        )
    elif kind == "country_code":
        good = st.sampled_from(["GT", "gt", "GTM", "G", "ÉS"]) | st.text(max_size=3)
    elif kind == "a_number":
        good = S.a_numbers | st.sampled_from(["A1234567", "123456789", "A-12345678-"])
    elif kind == "format":
        good = st.sampled_from([1, 1.0, True, "1", 2, 0])
    elif "enum" in kind:
        members = [m.value for m in getattr(vocab, kind["enum"])]
        good = st.sampled_from([*members, members[0].upper(), "no_such_value"])
    elif "list" in kind:
        item = _mixed(kind["list"], depth + 1)
        good = st.lists(item, max_size=2) | st.tuples(item)
    else:
        good = _section(kind["model"], depth + 1)
    return st.one_of(good, good, good, junk)


def _section(name: str, depth: int) -> st.SearchStrategy[Any]:
    if depth > 3:
        return st.just({})
    fields = SHAPE["models"][name]["fields"]
    return st.fixed_dictionaries(
        {}, optional={key: _mixed(f["type"], depth) for key, f in fields.items()}
    )


def _spots(value: Any, kind: Any) -> Any:
    """Every place in a document where a value could be put: (container, key, kind)."""
    if isinstance(kind, dict) and "model" in kind and isinstance(value, dict):
        fields = SHAPE["models"][kind["model"]]["fields"]
        for key, field in fields.items():
            yield value, key, field["type"]
            if key in value:
                yield from _spots(value[key], field["type"])
        yield value, "unknown_field", None
        yield value, "self_", None
    elif isinstance(kind, dict) and "list" in kind and isinstance(value, list):
        for i, item in enumerate(value):
            yield value, i, kind["list"]
            yield from _spots(item, kind["list"])


@st.composite
def near_valid_documents(draw: st.DrawFn) -> Any:
    """A valid document with one or two values replaced by odd ones, good or bad."""
    doc = copy.deepcopy(draw(S.case_documents()))
    junk = st.none() | st.booleans() | st.integers(-2, 3) | st.text(max_size=4)
    for _ in range(draw(st.integers(1, 2))):
        spots = list(_spots(doc, {"model": SHAPE["root"]}))
        container, key, kind = draw(st.sampled_from(spots))
        container[key] = draw(junk if kind is None else _mixed(kind))
    return doc


@SETTINGS
@given(near_valid_documents())
def test_what_the_quick_reader_accepts_the_model_accepts_the_same(doc: Any) -> None:
    try:
        record = quick.case_from_plain(doc)
    except quick.NotSure:
        return
    model = case_from_data(doc)  # raises if the model refuses what the reader took
    assert plain(record) == plain(model)


@SETTINGS
@given(S.case_documents())
def test_valid_documents_take_the_quick_path_with_the_same_values(doc: Any) -> None:
    model = case_from_data(doc)
    record = quick.case_from_plain(doc)
    assert plain(record) == plain(model)
    assert record.removal_country_or_default == model.removal_country_or_default  # type: ignore[attr-defined]


@SETTINGS
@given(S.case_documents(assessed_on=True))
def test_a_record_is_assessed_as_the_model_is(doc: Any) -> None:
    record: Any = quick.case_from_plain(doc)
    model = case_from_data(doc)
    for framework in amparo.framework_ids():
        assert _assessed(record, framework) == _assessed(model, framework)


def _assessed(case: Any, framework: str) -> object:
    try:
        return amparo.to_json(amparo.assess(case, framework))
    except amparo.AmparoError as error:  # not in force that day, say: the same error
        return repr(error)


# ----------------------------------------------------------------------- files


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_reads_quickly_as_the_model_reads_it(path: Path) -> None:
    record = quick.read_case(path)
    assert record is not None
    assert plain(record) == plain(amparo.load_case(str(path)))


@SETTINGS
@given(S.case_documents())
def test_a_written_document_reads_back_the_same_both_ways(doc: Any) -> None:
    model = case_from_data(doc)
    text = dump_case_yaml(model)
    record = quick.case_from_plain(
        yaml.safe_load(text)
    )  # plain values, as a file gives them
    assert plain(record) == plain(model)


@pytest.mark.parametrize(
    "content",
    [
        b"format: 1\nid: X\nid: Y\n",  # a key written twice
        b"format: 1\nid: [X\n",  # not YAML
        b"format: 1\nid: !!python/name:os.system X\n",  # a tag
        "format: 1\nid: X\n".encode("utf-16"),
        b"format: 1\nid: X\nperson: {pseudonim: Ana}\n",
        b"- format: 1\n",
        b"",
        b"format: 1\nid: X\nmilitary: {}\n",
        b"\xff\xfe\xfa not text",
    ],
)
def test_files_it_cannot_vouch_for_go_to_the_full_loader(
    tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "case.yaml"
    path.write_bytes(content)
    assert quick.read_case(path) is None


def test_a_missing_file_goes_to_the_full_loader(tmp_path: Path) -> None:
    assert quick.read_case(tmp_path / "nothing.yaml") is None
    assert quick.read_case(tmp_path) is None


def test_a_record_is_read_only_and_keeps_the_a_number_out_of_its_repr() -> None:
    record: Any = quick.case_from_plain(
        {
            "format": 1,
            "id": "EX-1",
            "person": {"a_number": "A-123-456-789", "pseudonym": "Ana"},
        }
    )
    assert record.person.a_number == "A123456789"
    assert "123456789" not in repr(record)
    assert "Ana" in repr(record)
    with pytest.raises(AttributeError):
        record.id = "other"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "amparo", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )


def test_amparo_assess_does_not_import_pydantic() -> None:
    done = _run("assess", "--json", str(EXAMPLES[0]))
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout)["outcome"]
    imported = [line.split("|")[-1].strip() for line in done.stderr.splitlines()]
    assert "amparo.cases.quick" in imported
    assert not [name for name in imported if name.split(".")[0] == "pydantic"]


def test_amparo_assess_of_a_bad_file_still_says_what_is_wrong(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 1\nid: X\nperson:\n  pseudonim: Ana\n", encoding="utf-8")
    done = _run("assess", str(bad))
    assert done.returncode == 1
    assert "line 4" in done.stderr
    assert "Did you mean 'pseudonym'?" in done.stderr


def test_the_python_api_still_validates_with_the_model() -> None:
    with pytest.raises(CaseValidationError):
        amparo.parse_case("format: 1\nid: X\nperson: {birth_date: 2014-13}\n")
