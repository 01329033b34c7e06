"""The core never imports the web layer."""

from __future__ import annotations

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "src" / "amparo"
FORBIDDEN = ("django", "amparo_web")


def test_core_never_imports_the_web_layer() -> None:
    checked = 0
    for path in CORE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            bad = [n for n in names if n.split(".")[0] in FORBIDDEN]
            assert not bad, f"{path.relative_to(CORE)} imports {bad}"
        checked += 1
    assert checked > 10
