"""The ``amparo`` command, run as a person runs it: the installed script, in a subprocess.

Every error a person can cause is one clear message on stderr that starts with
"Error:", names the file, the line and the field, exits 1 and shows no traceback
(unless AMPARO_DEBUG=1). Usage mistakes exit 2.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest


def _script() -> str:
    beside = Path(sys.executable).parent / "amparo"
    if beside.exists():
        return str(beside)
    found = shutil.which("amparo")
    assert found, "the amparo script is not installed (pip install -e .)"
    return found


AMPARO = _script()

GOOD = """\
format: 1
id: CLI-0001
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

# Every protective fact known "no": no factor holds, no bar either.
QUIET = """\
format: 1
id: CLI-0002
assessed_on: 2021-06-28
person: {birth_date: 1990, citizenship: [MX], stateless: false, lgbtqi: false}
presence: {first_entry_date: 2019, current_status: undocumented, immigration_violations: [unlawful_entry]}
custody: {harm_in_detention: []}
proceedings:
  outcomes_won: []
  pending_actions_as_party: []
  dhs_appealing: false
  arrest: {racial_profiling_alleged: false, rights_violation_alleged: false}
relief: []
criminal_legal_history: {convictions: []}
rehabilitation:
  programs_completed: []
  sentence_requirements_completed: false
  released_by_parole_board: false
  diversion_or_alternative_sentence: false
  sobriety_or_recovery: false
family: {members: [], primary_caregiver: false, primary_provider: false, household_at_risk: false}
community:
  employed: false
  in_school: false
  community_member: false
  volunteer_or_service: false
  military_service: {self: false, immediate_family: false}
  letters_of_support: 0
  owns_home_or_business: false
  pays_taxes: false
humanitarian:
  fear_of_return: false
  health: {serious_medical_condition: false, mental_health_condition: false, disability: false, pregnant: false}
  survivor_of: []
  vulnerable_groups: []
  trauma: false
"""

FACTOR_IDS = (
    "unlawful_arrest",
    "vindicating_rights",
    "relief_available",
    "criminal_justice_reform",
    "family_in_us",
    "caregiver_or_provider",
    "community_ties",
    "long_residence",
    "country_conditions",
    "age",
    "health_or_disability",
    "vulnerable_group",
    "trauma",
)


def amparo(
    *args: str, cwd: Path, debug: bool = False, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "AMPARO_DEBUG"}
    env["COLUMNS"] = "200"
    env["PYTHONIOENCODING"] = "utf-8"
    if debug:
        env["AMPARO_DEBUG"] = "1"
    return subprocess.run(
        [AMPARO, *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        check=False,
    )


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good.yaml"
    path.write_text(GOOD, encoding="utf-8")
    return path


# ---------------------------------------------------------------------- assess


def test_assess_prints_the_outcome_every_factor_and_its_citation(
    tmp_path: Path, good: Path
) -> None:
    run = amparo("assess", good.name, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    out = run.stdout
    assert "Case CLI-0001, assessed as of 2021-06-28" in out
    assert "Outcome: PRESUMPTIVE PROTECTION" in out
    for factor_id in FACTOR_IDS:
        assert f"  {factor_id} .. " in out, factor_id
    assert "caregiver_or_provider .. YES" in out
    assert "long_residence .. YES" in out  # since 2002
    assert "family_in_us .. NO" in out  # a grandchild is not in the letter's list
    assert "age .. NO" in out  # 60 on the day: not yet 65
    assert (
        out.count(
            "[Protection-first letter (June 28, 2021), Protection-First Framework"
        )
        >= 13
    )
    # The prior removal order is listed as not weighed, with the letter's reason.
    assert "Not weighed against the person:" in out
    assert "Prior removal orders" in out
    assert "Factors DHS Should Not Consider, bullet 4" in out
    assert run.stderr == ""


def test_assess_a_quiet_case_is_a_holistic_review(tmp_path: Path) -> None:
    (tmp_path / "quiet.yaml").write_text(QUIET, encoding="utf-8")
    run = amparo("assess", "quiet.yaml", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "Outcome: HOLISTIC REVIEW (NO PRESUMPTION, NO BAR)" in run.stdout
    assert "none: no unknown fact can change the outcome" in run.stdout
    assert (
        "Unauthorized entry or reentry and other immigration violations" in run.stdout
    )


def test_assess_an_almost_empty_case_asks_questions(tmp_path: Path) -> None:
    (tmp_path / "empty.yaml").write_text(
        "format: 1\nid: E-1\nassessed_on: 2021-06-28\n", encoding="utf-8"
    )
    run = amparo("assess", "empty.yaml", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "Outcome: NEEDS INFORMATION" in run.stdout
    assert "Questions that could change the outcome:" in run.stdout
    assert "1. " in run.stdout


def test_assess_in_spanish(tmp_path: Path, good: Path) -> None:
    run = amparo("assess", "--lang", "es", good.name, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    out = run.stdout
    assert "Resultado: " in out
    assert "protección presunta" in out.casefold()
    assert "Caso CLI-0001, evaluado al 2021-06-28" in out
    assert "No se sopesa en contra de la persona" in out
    assert "Outcome" not in out


def test_assess_on_another_day(tmp_path: Path, good: Path) -> None:
    run = amparo("assess", "--on", "2027-03-01", good.name, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "assessed as of 2027-03-01" in run.stdout
    assert "age .. YES" in run.stdout  # born 1961-02: 66 by then


def test_assess_several_cases(tmp_path: Path, good: Path) -> None:
    (tmp_path / "quiet.yaml").write_text(QUIET, encoding="utf-8")
    run = amparo("assess", good.name, "quiet.yaml", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "Case CLI-0001" in run.stdout
    assert "Case CLI-0002" in run.stdout


def test_assess_json(tmp_path: Path, good: Path) -> None:
    run = amparo("assess", "--json", good.name, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout)
    for key in (
        "case_id",
        "framework",
        "assessed_on",
        "outcome",
        "factors",
        "categories",
    ):
        assert key in out
    assert {"not_weighed", "questions"} <= set(out)
    assert out["case_id"] == "CLI-0001"
    assert out["framework"] == "protection-first"
    assert out["assessed_on"] == "2021-06-28"
    assert out["outcome"] == "presumptive_protection"
    assert [f["id"] for f in out["factors"]] == list(FACTOR_IDS)
    for factor in out["factors"]:
        assert {"id", "category", "value", "facts", "citation"} <= set(factor)
        assert factor["value"] in (True, False, None)
    assert out["categories"]["family_and_community"] == [
        "caregiver_or_provider",
        "long_residence",
    ]
    assert [item["id"] for item in out["not_weighed"]] == ["prior_removal_orders"]
    for item in out["not_weighed"]:
        assert {"id", "facts", "reason"} <= set(item)
    assert out["questions"] == []


def test_assess_json_of_several_cases_in_spanish(tmp_path: Path, good: Path) -> None:
    (tmp_path / "empty.yaml").write_text(
        "format: 1\nid: E-1\nassessed_on: 2021-06-28\n", encoding="utf-8"
    )
    run = amparo(
        "assess", "--json", "--lang", "es", good.name, "empty.yaml", cwd=tmp_path
    )
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout)
    assert [o["case_id"] for o in out] == ["CLI-0001", "E-1"]
    assert out[0]["outcome_label"] == "Protección presunta"
    assert out[1]["outcome"] == "needs_information"
    assert out[1]["questions"]
    for question in out[1]["questions"]:
        assert {"fact", "prompt"} <= set(question)
        assert question["prompt"].startswith("¿")


def test_an_unknown_framework_lists_the_frameworks(tmp_path: Path, good: Path) -> None:
    run = amparo("assess", "--framework", "protection-frist", good.name, cwd=tmp_path)
    assert run.returncode == 1
    assert run.stderr.startswith("Error:")
    assert "'protection-frist'" in run.stderr
    assert "Frameworks: " in run.stderr
    assert "protection-first" in run.stderr.split("Frameworks: ", 1)[1]
    assert "Traceback" not in run.stderr
    assert run.stdout == ""


# ----------------------------------------------------------- frameworks, schema


def test_frameworks_lists_protection_first_with_its_source(tmp_path: Path) -> None:
    run = amparo("frameworks", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    out = run.stdout
    assert out.startswith(
        "protection-first  (protection; 13 factors; in force 1900-01-01"
    )
    assert "Protection-first framework (coalition letter of June 28, 2021)" in out
    assert "source: Letter of about 150 organizations" in out
    assert "2021-06-28" in out


def test_frameworks_as_json(tmp_path: Path) -> None:
    run = amparo("frameworks", "--json", "--lang", "es", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    rows = {row["id"]: row for row in json.loads(run.stdout)}
    row = rows["protection-first"]
    assert row["kind"] == "protection"
    assert row["factors"] == 13
    assert row["title"].startswith("Marco de protección primero")
    assert [s["id"] for s in row["sources"]] == ["letter"]
    assert row["sources"][0]["date"] == "2021-06-28"


def test_schema_prints_the_json_schema(tmp_path: Path) -> None:
    run = amparo("schema", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    schema = json.loads(run.stdout)
    assert "$schema" in schema
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert {"format", "id"} <= set(schema["required"])
    assert "criminal_legal_history" in schema["properties"]


# -------------------------------------------------------------------- validate


def test_validate_a_good_file(tmp_path: Path, good: Path) -> None:
    (tmp_path / "good.json").write_text(
        json.dumps({"format": 1, "id": "J-1", "person": {"citizenship": ["HT"]}}),
        encoding="utf-8",
    )
    run = amparo("validate", good.name, "good.json", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == ["good.yaml: valid", "good.json: valid"]
    assert run.stderr == ""


# ------------------------------------------------------------------ bad inputs

# name: ({file: text}, [(file, line, field path, words)]); a file not in the first
# mapping does not exist. line or path None: the problem has none (a syntax error
# has a line and no field; a missing file has neither).
Expected = tuple[str, int | None, str | None, str]
BAD: dict[str, tuple[dict[str, str], list[Expected]]] = {
    "unknown field": (
        {"a.yaml": "format: 1\nid: X\nperson:\n  pseudonim: Ana\n"},
        [("a.yaml", 4, "person.pseudonim", "Did you mean 'pseudonym'?")],
    ),
    "bad enum": (
        {"a.yaml": "format: 1\nid: X\npresence:\n  current_status: undocumentd\n"},
        [("a.yaml", 4, "presence.current_status", "Did you mean 'undocumented'?")],
    ),
    "bad date": (
        {
            "a.yaml": "format: 1\nid: X\nperson:\n  pseudonym: Ana\n  birth_date: 1985-13-01\n"
        },
        [("a.yaml", 5, "person.birth_date", "'1985-13-01'")],
    ),
    "wrong type": (
        {"a.yaml": 'format: 1\nid: X\ncommunity:\n  letters_of_support: "three"\n'},
        [("a.yaml", 4, "community.letters_of_support", "a whole number")],
    ),
    "bad list item": (
        {
            "a.yaml": "format: 1\nid: X\nfamily:\n  members:\n    - relationship: child\n    - relationship: cousin\n"
        },
        [("a.yaml", 6, "family.members[1].relationship", "'cousin'")],
    ),
    "bad country": (
        {"a.yaml": "format: 1\nid: X\nperson: {citizenship: [HT, Mexico]}\n"},
        [("a.yaml", 3, "person.citizenship[1]", "two-letter")],
    ),
    # The unclosed [ of line 4 is found on line 5.
    "yaml syntax error": (
        {
            "a.yaml": "format: 1\nid: X\nperson:\n  pseudonym: [Ana\n  birth_date: 1985\n"
        },
        [("a.yaml", 5, None, "the YAML cannot be read")],
    ),
    "tab indentation": (
        {"a.yaml": "format: 1\nid: X\nperson:\n\tbirth_date: 1985\n"},
        [("a.yaml", 4, None, "spaces, not tabs")],
    ),
    "missing id": (
        {"a.yaml": "format: 1\nperson: {pseudonym: Ana}\n"},
        [("a.yaml", 1, "id", "id is missing")],
    ),
    "format 2": (
        {"a.yaml": "format: 2\nid: X\n"},
        [("a.yaml", 1, "format", "format 1")],
    ),
    "no such file": (
        {},
        [("missing.yaml", None, None, "does not exist")],
    ),
    "json with a bad value": (
        {
            "a.json": '{\n  "format": 1,\n  "id": "J-1",\n  "presence": {"current_status": "undocumentd"}\n}\n'
        },
        [("a.json", 4, "presence.current_status", "Did you mean 'undocumented'?")],
    ),
    "json syntax error": (
        {
            "a.json": '{\n  "format": 1,\n  "id": "J-1"\n  "person": {"citizenship": ["MX"]}\n}\n'
        },
        [("a.json", 4, None, "the JSON cannot be read")],
    ),
    "two bad files": (
        {
            "a.yaml": "format: 1\nid: X\nperson:\n  pseudonim: Ana\n",
            "b.json": '{"format": 1, "id": "Y",\n "custody": {"detained": "yes"}}\n',
        },
        [
            ("a.yaml", 4, "person.pseudonim", "Did you mean 'pseudonym'?"),
            ("b.json", 2, "custody.detained", "true or false"),
        ],
    ),
    "a good and a bad file": (
        {
            "good.yaml": GOOD,
            "a.yaml": "format: 1\nid: X\nrelief: [{type: asylum, status: granted}]\n",
        },
        [("a.yaml", 3, "relief[0].status", "'granted'")],
    ),
}


def _arguments(files: dict[str, str], expected: list[Expected]) -> list[str]:
    names = list(files)
    names += [file for file, *_ in expected if file not in files]
    return names


@pytest.mark.parametrize("command", ["validate", "assess"])
@pytest.mark.parametrize("name", list(BAD))
def test_a_bad_input_is_one_clear_error(
    tmp_path: Path, name: str, command: str
) -> None:
    files, expected = BAD[name]
    for file, text in files.items():
        (tmp_path / file).write_text(text, encoding="utf-8")
    run = amparo(command, *_arguments(files, expected), cwd=tmp_path)
    assert run.returncode == 1, (run.stdout, run.stderr)
    err = run.stderr
    assert err.startswith("Error:"), err
    assert "Traceback" not in err
    assert f"{len(expected)} problem" in err.splitlines()[0]
    for file, line, path, words in expected:
        where = ", ".join(
            str(x) for x in (file, f"line {line}" if line else None, path) if x
        )
        matching = [row for row in err.splitlines() if row.startswith(f"  - {where}:")]
        assert matching, f"no problem starting {where!r} in:\n{err}"
        assert words in matching[0], matching[0]
    if command == "validate" and "good.yaml" in files:
        assert "good.yaml: valid" in run.stdout
    if command == "assess":
        assert "Outcome" not in run.stdout  # nothing is half-assessed


@pytest.mark.parametrize("command", ["validate", "assess"])
def test_with_amparo_debug_a_traceback_appears(tmp_path: Path, command: str) -> None:
    (tmp_path / "a.yaml").write_text(
        "format: 1\nid: X\nperson:\n  pseudonim: Ana\n", encoding="utf-8"
    )
    run = amparo(command, "a.yaml", cwd=tmp_path, debug=True)
    assert run.returncode == 1
    assert "Traceback (most recent call last)" in run.stderr
    assert "CaseValidationError" in run.stderr
    assert "a.yaml, line 4, person.pseudonim" in run.stderr


# ---------------------------------------------------------------- usage errors


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["assess"],
        ["validate"],
        ["no-such-command"],
        ["assess", "--lang", "fr", "good.yaml"],
        ["assess", "--on", "2021-13-01", "good.yaml"],
        ["assess", "--no-such-option", "good.yaml"],
    ],
    ids=[
        "no arguments",
        "assess alone",
        "validate alone",
        "unknown command",
        "bad lang",
        "bad on",
        "bad option",
    ],
)
def test_a_usage_error_exits_2(tmp_path: Path, good: Path, args: list[str]) -> None:
    run = amparo(*args, cwd=tmp_path)
    assert run.returncode == 2, (run.stdout, run.stderr)
    assert "Usage:" in run.stdout + run.stderr
    assert "Traceback" not in run.stdout + run.stderr


def test_help_exits_0(tmp_path: Path) -> None:
    run = amparo("--help", cwd=tmp_path)
    assert run.returncode == 0
    for command in ("assess", "validate", "schema", "frameworks"):
        assert command in run.stdout


def test_python_dash_m_amparo_runs_the_same_cli(tmp_path: Path, good: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "amparo", "validate", good.name],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "good.yaml: valid"


def test_the_module_docstring_example_case_is_valid_yaml() -> None:
    # The fixtures above are themselves case documents; keep them honest.
    import amparo as core

    assert core.parse_case(GOOD).id == "CLI-0001"
    assert core.parse_case(QUIET).id == "CLI-0002"
    assert textwrap.dedent(GOOD) == GOOD
