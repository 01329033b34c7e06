"""The PD request letter: its sections in practice order, golden text in both
languages, highlighted placeholders, honesty about unknowns, and a PDF that says
exactly what the DOCX says."""

from __future__ import annotations

import datetime as dt
import io
import re
from functools import cache

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
from amparo.documents.org import OrgSettings

# (file, request, letter date): the letter's stories and one fictional person with
# every detail known and exhibits on hand, on a date the 2021 guidelines were in force.
LETTERS = [
    (STORIES / "frank.yaml", "release", dt.date(2021, 7, 1)),
    (STORIES / "edgar.yaml", "dismissal", dt.date(2021, 7, 1)),
    (STORIES / "maria.yaml", "release", dt.date(2021, 7, 1)),
    (CASES / "rosa.yaml", "deferred_action", dt.date(2022, 1, 20)),
]
IDS = [path.stem for path, _, _ in LETTERS]

HEADINGS = {
    "en": [
        "Request",
        "Summary of protective factors",
        "Facts that should not be weighed against",
        "Analysis under the official framework in force",
        "Conclusion",
        "Exhibit index",
    ],
    "es": [
        "Solicitud",
        "Resumen de los factores de protección",
        "Hechos que no deben sopesarse en contra de",
        "Análisis bajo el marco oficial vigente",
        "Conclusión",
        "Índice de anexos",
    ],
}


@cache
def _files(stem: str, lang: str) -> tuple[bytes, bytes]:
    path, kind, dated = next(item for item in LETTERS if item[0].stem == stem)
    case = amparo.load_case(str(path))
    document = make_document(case, "letter", kind=kind, lang=lang, dated=dated)
    return render(document, "docx"), render(document, "pdf")


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("stem", IDS)
def test_letter_text_matches_its_golden_file(stem: str, lang: str) -> None:
    docx_bytes, _ = _files(stem, lang)
    check_golden(f"{stem}.letter.{lang}", docx_text(docx_bytes))


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("stem", IDS)
def test_pdf_says_what_the_docx_says(stem: str, lang: str) -> None:
    docx_bytes, pdf_bytes = _files(stem, lang)
    assert normalize(pdf_text(pdf_bytes)) == normalize(docx_text(docx_bytes))


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("stem", IDS)
def test_every_section_is_there_in_practice_order(stem: str, lang: str) -> None:
    import docx

    document = docx.Document(io.BytesIO(_files(stem, lang)[0]))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    positions = []
    for wanted in HEADINGS[lang]:
        found = [i for i, h in enumerate(headings) if h.startswith(wanted)]
        assert found, f"section {wanted!r} missing from {headings}"
        positions.append(found[0])
    assert positions == sorted(positions)
    text = docx_text(_files(stem, lang)[0])
    # The header comes first: the date, then the reference block.
    assert text.index({"en": "Re: ", "es": "Asunto: "}[lang]) < text.index(headings[0])


def test_missing_details_are_highlighted_placeholders() -> None:
    import docx
    from docx.enum.text import WD_COLOR_INDEX

    document = docx.Document(io.BytesIO(_files("frank", "en")[0]))
    runs = [r for p in document.paragraphs for r in p.runs]
    highlighted = {
        r.text for r in runs if r.font.highlight_color == WD_COLOR_INDEX.YELLOW
    }
    for hole in (
        "[A-NUMBER]",
        "[NEXT HEARING DATE]",
        "[OFFICE ADDRESS]",
        "[LEGAL NAME]",
        "[SIGNER NAME]",
    ):
        assert hole in highlighted
    # Every bracketed placeholder is highlighted, none is left plain.
    plain = [r.text for r in runs if re.fullmatch(r"\[[^\]]+\]", r.text.strip() or "x")]
    assert set(plain) <= highlighted


def test_known_details_are_not_placeholders() -> None:
    text = docx_text(_files("rosa", "en")[0])
    assert "A-Number: A000000001" in text
    assert "Next hearing: March 10, 2022" in text
    assert "detained at Example County Processing Center since December 1, 2021" in text
    assert "[A-NUMBER]" not in text
    assert "[LEGAL NAME]" not in text


def test_pdf_marks_placeholders_with_a_yellow_box_and_embeds_its_fonts() -> None:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(_files("frank", "es")[1]))
    page = reader.pages[0]
    content = page.get_contents().get_data().decode("latin-1")
    assert "1 .921569 .231373 rg" in content  # the highlight's fill (#FFEB3B)
    fonts = page["/Resources"]["/Font"]
    used = [ref for name, ref in fonts.items() if f"{name} " in content]
    assert used
    for ref in used:
        descendant = ref.get_object()
        descriptor = descendant.get("/FontDescriptor")
        if descriptor is None:
            descriptor = descendant["/DescendantFonts"][0].get_object()[
                "/FontDescriptor"
            ]
        assert "/FontFile2" in descriptor.get_object(), "every font used is embedded"
    text = pdf_text(_files("frank", "es")[1])
    assert "Número A: [NÚMERO A]" in text  # accents survive


def test_an_unknown_factor_never_appears_as_a_fact_in_the_letter() -> None:
    # Frank's residence, age and health are unknown: the letter must not argue them.
    text = docx_text(_files("frank", "en")[0])
    for label in ("Long residence in the United States", "Age", "Health or disability"):
        assert label not in text
    assert "Family in the United States" in text


def test_facts_not_weighed_quote_the_official_framework_in_force() -> None:
    text = docx_text(_files("rosa", "en")[0])
    assert (
        "should not rely on the fact of conviction or the result of a database search alone"
        in text
    )
    # Words the framework marks unconfirmed carry a note to verify them.
    assert "[VERIFY THIS QUOTATION AGAINST THE ORIGINAL BEFORE SENDING]" in text


def test_the_analysis_says_when_the_person_is_no_priority_even_officially() -> None:
    text = docx_text(_files("frank", "en")[0])
    assert "do not make Frank a priority" in text


def test_the_analysis_names_a_priority_resting_only_on_facts_not_weighed() -> None:
    text = docx_text(_files("edgar", "en")[0])
    assert (
        "only because of criminal convictions or contacts with the criminal legal system"
        in text
    )


def test_exhibit_index_lists_the_case_evidence_with_tabs() -> None:
    text = docx_text(_files("rosa", "en")[0])
    index = text[text.index("Exhibit index") :]
    assert (
        "A | Birth certificate of her U.S.-citizen son | Family in the United States"
        in index
    )
    assert "E | [TO OBTAIN:" in index  # proof of a factor that holds, still to gather
    assert "Proof: Exhibit A (Birth certificate of her U.S.-citizen son)." in text


def test_the_docx_opens_with_python_docx_and_has_metadata() -> None:
    import docx

    document = docx.Document(io.BytesIO(_files("rosa", "es")[0]))
    assert (
        document.core_properties.title
        == "Solicitud de discreción procesal: Rosa Ejemplo"
    )
    assert document.tables, "the exhibit index is a table"


def test_organization_settings_fill_the_letterhead_and_signature() -> None:
    org = OrgSettings.model_validate(
        {
            "organization": {
                "name": "Example Legal Aid",
                "address": "1 Example Way\nExampletown",
                "phone": "555-0100",
                "email": "help@example.org",
            },
            "signer": {
                "name": "Ana Example",
                "title": "Staff Attorney",
                "bar_number": "Bar No. 000000",
            },
        }
    )
    case = amparo.load_case(str(CASES / "rosa.yaml"))
    document = make_document(
        case, "letter", kind="release", org=org, dated=dt.date(2022, 1, 20)
    )
    docx_bytes = render(document, "docx")
    text = docx_text(docx_bytes)
    assert text.startswith(
        "Example Legal Aid\n1 Example Way\nExampletown\n555-0100 · help@example.org"
    )
    assert "Ana Example\nStaff Attorney\nBar No. 000000\nExample Legal Aid" in text
    assert "[ORGANIZATION NAME]" not in text
    assert "[SIGNER NAME]" not in text
    assert normalize(pdf_text(render(document, "pdf"))) == normalize(text)


@pytest.mark.parametrize(
    ("kind", "hole"),
    [("stipulation", "[ISSUES TO STIPULATE"), ("join_motion", "[THE MOTION")],
)
def test_requests_that_need_more_say_so_with_a_placeholder(
    kind: str, hole: str
) -> None:
    case = amparo.load_case(str(CASES / "rosa.yaml"))
    document = make_document(case, "letter", kind=kind, dated=dt.date(2022, 1, 20))
    assert hole in docx_text(render(document, "docx"))


def test_every_kind_of_request_makes_a_letter() -> None:
    from amparo.documents import KINDS

    case = amparo.load_case(str(CASES / "rosa.yaml"))
    labels = set()
    for kind in KINDS:
        text = docx_text(
            render(
                make_document(case, "letter", kind=kind, dated=dt.date(2022, 1, 20)),
                "docx",
            )
        )
        labels.add(text.split("Form of discretion requested: ")[1].split("\n")[0])
    assert len(labels) == len(KINDS) == 10


def test_a_release_request_for_someone_not_detained_is_refused() -> None:
    from amparo.documents import RequestMismatchError

    case = amparo.load_case(str(STORIES / "edgar.yaml"))
    with pytest.raises(RequestMismatchError, match="not detained"):
        make_document(case, "letter", kind="release")


def test_an_unknown_request_kind_lists_the_kinds() -> None:
    from amparo.documents import RequestKindError

    case = amparo.load_case(str(STORIES / "edgar.yaml"))
    with pytest.raises(RequestKindError, match="dismissal"):
        make_document(case, "letter", kind="parole")


def test_under_executive_order_14159_the_letter_says_there_are_no_published_limits() -> (
    None
):
    case = amparo.load_case(str(CASES / "rosa.yaml"))
    document = make_document(
        case,
        "letter",
        kind="release",
        on=dt.date(2025, 6, 1),
        dated=dt.date(2025, 6, 2),
    )
    text = docx_text(render(document, "docx"))
    assert "Executive Order 14159" in text
    assert "every removable person may be targeted" in text
    assert "It publishes no list of enforcement priorities" in text
    assert "a request should still" not in text  # words meant for the advocate


def test_a_given_addressee_replaces_the_default_office_and_its_placeholders() -> None:
    case = amparo.load_case(str(CASES / "rosa.yaml"))
    document = make_document(
        case,
        "letter",
        kind="dismissal",
        to="Chief Counsel, OPLA Example City;1 Example Plaza;Example City, EX 00000",
        dated=dt.date(2022, 1, 20),
    )
    text = docx_text(render(document, "docx"))
    assert (
        "Chief Counsel, OPLA Example City\n1 Example Plaza\nExample City, EX 00000\n"
        in text
    )
    assert "Dear Chief Counsel, OPLA Example City:" in text
    assert "[OFFICE ADDRESS]" not in text


def test_no_priority_under_the_guidelines_is_said_in_their_own_words() -> None:
    case = amparo.load_case(str(CASES / "lupe.yaml"))
    document = make_document(
        case, "letter", kind="dismissal", dated=dt.date(2022, 1, 20)
    )
    text = docx_text(render(document, "docx"))
    assert "Lupe is not a priority even under the DHS Guidelines" in text
    assert "should not alone be the basis of an enforcement action against them" in text
    # A clean record: the letter says nothing is recorded, not that nothing exists.
    assert "is recorded in this case" in text
