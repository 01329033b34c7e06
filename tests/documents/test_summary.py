"""The client summary: plain words in Spanish and English, what was found, the papers
to gather and what comes next; never a fact the case does not know."""

from __future__ import annotations

import re

import pytest
from tests.documents.extract import (
    CASES,
    STORIES,
    check_golden,
    docx_text,
    normalize,
    pdf_text,
)

import amparo
from amparo.documents import make_document, render

SUMMARIES = [
    (CASES / "rosa.yaml", "deferred_action"),
    (STORIES / "frank.yaml", "release"),
]


def _summary(path, lang: str, kind: str | None = None) -> tuple[str, bytes]:
    case = amparo.load_case(str(path))
    document = make_document(case, "summary", lang=lang, kind=kind)
    docx_bytes = render(document, "docx")
    return docx_text(docx_bytes), render(document, "pdf")


@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize(
    ("path", "kind"), SUMMARIES, ids=[p.stem for p, _ in SUMMARIES]
)
def test_summary_matches_its_golden_file_and_its_pdf(path, kind, lang) -> None:
    text, pdf = _summary(path, lang, kind)
    check_golden(f"{path.stem}.summary.{lang}", text)
    assert normalize(pdf_text(pdf)) == normalize(text)


@pytest.mark.parametrize("lang", ["es", "en"])
def test_sentences_are_short(lang) -> None:
    text, _ = _summary(CASES / "rosa.yaml", lang, "deferred_action")
    body = text[text.index({"es": "Lo que encontramos", "en": "What we found"}[lang]) :]
    sentences = [s for s in re.split(r"(?<=[.:!?])\s|\n", body) if s.strip()]
    longest = max(sentences, key=lambda s: len(s.split()))
    assert len(longest.split()) <= 32, longest


@pytest.mark.parametrize(
    ("lang", "term", "explained"),
    [
        ("es", "discreción procesal", "Esta decisión se llama «discreción procesal»."),
        (
            "en",
            "prosecutorial discretion",
            "This choice is called “prosecutorial discretion.”",
        ),
    ],
)
def test_the_legal_term_comes_with_its_explanation(lang, term, explained) -> None:
    text, _ = _summary(CASES / "rosa.yaml", lang, "deferred_action")
    assert explained in text
    assert text.count(term) == 1


def test_what_happens_next_names_the_hearing_only_when_known() -> None:
    rosa, _ = _summary(CASES / "rosa.yaml", "es", "deferred_action")
    assert "Su próxima audiencia en la corte es el 10 de marzo de 2022." in rosa
    frank, _ = _summary(STORIES / "frank.yaml", "es", "release")
    assert "próxima audiencia en la corte es" not in frank
    assert "Vaya a todas sus audiencias" in frank


def test_papers_to_gather_leave_out_proof_already_on_hand() -> None:
    text, _ = _summary(CASES / "rosa.yaml", "en", "deferred_action")
    papers = text[text.index("Papers to gather") : text.index("What happens next")]
    assert "Birth and marriage certificates" not in papers  # exhibit A is on hand
    assert "Federal Register notice" in papers  # country conditions: nothing on hand


def test_unknowns_are_questions_not_facts() -> None:
    text, _ = _summary(STORIES / "frank.yaml", "en", "release")
    found = text[text.index("What we found") : text.index("Papers to gather")]
    assert "You have lived in the United States for many years" not in found
    questions = text[text.index("Questions we still need to ask you") :]
    assert "You have lived in the United States for many years" in questions
