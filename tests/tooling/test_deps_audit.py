"""The dependency audit fails on unexplained vulnerabilities and never pretends to have audited."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / ".ci" / "deps_audit.py"
spec = importlib.util.spec_from_file_location("deps_audit", SCRIPT)
assert spec is not None
assert spec.loader is not None
deps_audit = importlib.util.module_from_spec(spec)
spec.loader.exec_module(deps_audit)

VULNERABLE = {
    "dependencies": [
        {"name": "amparo", "skip_reason": "not on PyPI"},
        {"name": "django", "version": "5.2.0", "vulns": []},
        {
            "name": "jinja2",
            "version": "3.1.2",
            "vulns": [
                {"id": "PYSEC-1", "aliases": ["CVE-2024-1"], "fix_versions": ["3.1.3"]}
            ],
        },
    ]
}


def test_an_unexplained_vulnerability_fails_and_names_the_fix() -> None:
    code, lines = deps_audit.verdict(VULNERABLE, {})
    assert code == 1
    assert "jinja2 3.1.2: PYSEC-1 (fixed in 3.1.3)" in "\n".join(lines)


def test_a_vulnerability_explained_by_any_of_its_ids_passes() -> None:
    code, lines = deps_audit.verdict(
        VULNERABLE, {"CVE-2024-1": "we never render untrusted templates"}
    )
    assert code == 0
    assert "2 package(s) audited" in lines[0]


def test_nothing_audited_says_so_and_fails_when_required(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    offline = {
        "dependencies": [
            {"name": n, "skip_reason": "not found"}
            for n in ("amparo", "django", "pydantic")
        ]
    }
    code, lines = deps_audit.verdict(offline, {})
    assert code == 0
    assert "2 package(s) NOT audited" in lines[0]
    monkeypatch.setenv("AMPARO_REQUIRE_DEPS_AUDIT", "1")
    assert deps_audit.verdict(offline, {})[0] == 1


def test_an_explanation_needs_a_reason(tmp_path: Path) -> None:
    good = tmp_path / "ok.txt"
    good.write_text("# comment\nGHSA-xxxx  only the admin command line reaches it\n")
    assert deps_audit.explained(good) == {
        "GHSA-xxxx": "only the admin command line reaches it"
    }
    bad = tmp_path / "bad.txt"
    bad.write_text("GHSA-yyyy\n")
    with pytest.raises(SystemExit, match=r"bad\.txt:1: GHSA-yyyy has no reason"):
        deps_audit.explained(bad)
