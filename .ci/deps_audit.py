"""Known vulnerabilities in the installed packages, with pip-audit; `make security` runs it.

Fails on any known vulnerability not explained in ``.ci/deps-audit-explained.txt``
(one ``ID  reason`` per line). pip-audit asks a vulnerability service (PyPI's
JSON API, or OSV) about every installed package. Where the machine cannot reach
one — an offline mirror of PyPI answers "not found" for every package — nothing
can be audited: this says so plainly and passes, unless AMPARO_REQUIRE_DEPS_AUDIT=1
(then it fails), so that a machine with a service audits for real and one
without never pretends to.

    .venv/bin/python .ci/deps_audit.py
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

EXPLAINED = Path(__file__).with_name("deps-audit-explained.txt")
OWN = {"amparo"}  # this project, installed from its folder: on no index


def explained(path: Path = EXPLAINED) -> dict[str, str]:
    """Vulnerability id -> why it does not apply, from the explanations file."""
    out: dict[str, str] = {}
    if not path.exists():
        return out
    for number, line in enumerate(path.read_text().splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        vuln, _, reason = line.partition(" ")
        if not reason.strip():
            sys.exit(
                f"{path}:{number}: {vuln} has no reason; write 'ID  why it does not apply'."
            )
        out[vuln] = reason.strip()
    return out


def verdict(report: dict[str, Any], known: dict[str, str]) -> tuple[int, list[str]]:
    """Exit code and lines to print, from pip-audit's JSON report."""
    found: list[str] = []
    audited = 0
    skipped = 0
    for dep in report.get("dependencies", []):
        if dep.get("name", "").lower() in OWN:
            continue
        if "skip_reason" in dep:
            skipped += 1
            continue
        audited += 1
        for vuln in dep.get("vulns", []):
            ids = [vuln["id"], *vuln.get("aliases", [])]
            if any(i in known for i in ids):
                continue
            fixes = ", ".join(vuln.get("fix_versions", [])) or "no fixed release"
            found.append(
                f"{dep['name']} {dep['version']}: {vuln['id']} (fixed in {fixes})"
            )
    if found:
        return 1, [
            f"Known vulnerabilities in {len(found)} case(s); upgrade, or explain each in {EXPLAINED.name}:",
            *[f"  {line}" for line in found],
        ]
    if audited == 0:
        required = os.getenv("AMPARO_REQUIRE_DEPS_AUDIT") == "1"
        return (1 if required else 0), [
            f"pip-audit: no vulnerability service answered from this machine; "
            f"{skipped} package(s) NOT audited (an offline mirror of PyPI has no "
            f"vulnerability data). Run it where PyPI or OSV is reachable."
        ]
    return 0, [
        f"pip-audit: {audited} package(s) audited, no unexplained vulnerability."
    ]


def main() -> int:
    command = [
        sys.executable, "-m", "pip_audit", "--local", "--format", "json",
        "--progress-spinner", "off",
    ]  # fmt: skip
    # A fixed list of arguments and this interpreter: no shell, no input.
    run = subprocess.run(command, capture_output=True, text=True, check=False)  # nosec B603
    try:
        report = json.loads(run.stdout or "{}")
    except json.JSONDecodeError:
        report = {}
    if not report.get("dependencies"):
        unreachable = any(
            s in run.stderr
            for s in ("ConnectionError", "NameResolution", "Max retries")
        )
        if not unreachable:
            print(run.stderr[-3000:], file=sys.stderr)
            print("pip-audit failed (see above).", file=sys.stderr)
            return 2
        report = {"dependencies": [{"name": "*", "skip_reason": "unreachable"}]}
    code, lines = verdict(report, explained())
    print("\n".join(lines), file=sys.stderr if code else sys.stdout)
    return code


if __name__ == "__main__":
    sys.exit(main())
