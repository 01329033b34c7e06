"""The evidence checklist: what proves each factor that holds or is unknown, what is
on hand, what is missing; as text, DOCX and PDF with the same words."""

from __future__ import annotations

import datetime as dt

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


def _checklist(path: str, lang: str = "en") -> str:
    case = amparo.load_case(path)
    return render(make_document(case, "checklist", lang=lang), "txt").decode("utf-8")


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize(
    "path", [CASES / "rosa.yaml", STORIES / "frank.yaml"], ids=["rosa", "frank"]
)
def test_checklist_text_matches_its_golden_file(path, lang) -> None:
    check_golden(f"{path.stem}.checklist.{lang}", _checklist(str(path), lang))


def test_factors_that_hold_list_what_is_on_hand_and_what_is_missing() -> None:
    text = _checklist(str(CASES / "rosa.yaml"))
    family = text[text.index("Family in the United States — Holds") :]
    family = family[: family.index("Source:")]
    assert "Birth and marriage certificates showing each relationship" in family
    assert "On hand | Exhibit A: Birth certificate of her U.S.-citizen son" in family
    assert "[CHECK:" in family
    country = text[text.index("Conditions in the country of removal — Holds") :]
    assert "On hand | nothing yet" in country[:1500]
    assert "[ALL OF IT: nothing on hand yet]" in country[:1500]


def test_an_unknown_factor_is_something_to_find_out_with_its_questions() -> None:
    text = _checklist(str(STORIES / "frank.yaml"))
    to_find = text[text.index("Factors to find out") :]
    assert "Long residence in the United States — Unknown" in to_find
    assert "To find out:" in to_find
    assert "Holds" not in to_find


def test_a_factor_known_not_to_hold_is_left_out() -> None:
    # Rosa is 41 on the date: the age factor is known not to hold.
    case = amparo.load_case(str(CASES / "rosa.yaml"))
    result = amparo.assess(case).factor("age")
    assert result.value is False
    text = _checklist(str(CASES / "rosa.yaml"))
    assert "Age — " not in text


def test_the_checklist_pdf_says_what_its_docx_says() -> None:
    case = amparo.load_case(str(CASES / "rosa.yaml"))
    document = make_document(case, "checklist", lang="es", on=dt.date(2022, 1, 15))
    assert normalize(pdf_text(render(document, "pdf"))) == normalize(
        docx_text(render(document, "docx"))
    )
