"""``amparo letter``, ``checklist`` and ``summary`` as a person runs them: files
written whole, and every mistake one clear message, exit 1, no traceback."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from tests.documents.extract import CASES, STORIES, docx_text, normalize, pdf_text


def _script() -> str:
    beside = Path(sys.executable).parent / "amparo"
    found = str(beside) if beside.exists() else shutil.which("amparo")
    assert found, "the amparo script is not installed (pip install -e .)"
    return found


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [_script(), *args], capture_output=True, text=True, check=False
    )


def test_letter_writes_a_docx_and_a_pdf_with_the_same_words(tmp_path) -> None:
    case = str(CASES / "rosa.yaml")
    common = ["--request", "release", "--lang", "es", "--date", "2022-01-20"]
    made = run("letter", case, *common, "-o", str(tmp_path / "carta.docx"))
    assert made.returncode == 0, made.stderr
    made = run(
        "letter", case, *common, "--format", "pdf", "-o", str(tmp_path / "carta")
    )
    assert made.returncode == 0, made.stderr
    docx_bytes = (tmp_path / "carta.docx").read_bytes()
    pdf_bytes = (tmp_path / "carta").read_bytes()
    assert pdf_bytes.startswith(b"%PDF")
    assert normalize(pdf_text(pdf_bytes)) == normalize(docx_text(docx_bytes))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["carta", "carta.docx"]


def test_checklist_prints_text_and_writes_files(tmp_path) -> None:
    shown = run("checklist", str(STORIES / "frank.yaml"))
    assert shown.returncode == 0, shown.stderr
    assert "Factors to find out" in shown.stdout
    for name in ("list.docx", "list.pdf", "list.txt"):
        made = run("checklist", str(STORIES / "frank.yaml"), "-o", str(tmp_path / name))
        assert made.returncode == 0, made.stderr
    assert (tmp_path / "list.txt").read_text(encoding="utf-8") == shown.stdout


def test_summary_defaults_to_the_persons_language(tmp_path) -> None:
    made = run("summary", str(CASES / "rosa.yaml"), "-o", str(tmp_path / "s.docx"))
    assert made.returncode == 0, made.stderr
    assert "Resumen de su caso" in docx_text((tmp_path / "s.docx").read_bytes())


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (
            ["letter", "{frank}", "--request", "parole", "-o", "{out}/x.docx"],
            ["--request 'parole'", "dismissal"],
        ),
        (
            ["letter", "{missing}", "--request", "release", "-o", "{out}/x.docx"],
            ["does not exist"],
        ),
        (
            ["letter", "{bad}", "--request", "release", "-o", "{out}/x.docx"],
            ["cannot be read", "line"],
        ),
        (
            ["letter", "{frank}", "--request", "release", "-o", "{out}/no/such/x.docx"],
            ["Cannot write", "does not exist"],
        ),
        (["letter", "{frank}", "--request", "release", "-o", "{out}"], ["is a folder"]),
        (
            ["letter", "{edgar}", "--request", "release", "-o", "{out}/x.docx"],
            ["not detained"],
        ),
        (
            ["summary", "{frank}", "--request", "parole", "-o", "{out}/x.docx"],
            ["--request 'parole'"],
        ),
        (
            [
                "letter",
                "{frank}",
                "--request",
                "release",
                "--org",
                "{missing}",
                "-o",
                "{out}/x.docx",
            ],
            ["Organization file", "does not exist"],
        ),
    ],
    ids=[
        "kind",
        "missing-case",
        "unreadable-case",
        "no-folder",
        "folder",
        "mismatch",
        "summary-kind",
        "org",
    ],
)
def test_bad_input_is_one_clear_error_and_nothing_written(
    tmp_path, args, words
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 1\nid: [\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    values = {
        "frank": str(STORIES / "frank.yaml"),
        "edgar": str(STORIES / "edgar.yaml"),
        "missing": str(tmp_path / "missing.yaml"),
        "bad": str(bad),
        "out": str(out),
    }
    result = run(*[a.format(**values) for a in args])
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stderr.startswith("Error: ")
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in result.stderr
    assert list(out.iterdir()) == []
