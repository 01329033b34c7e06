"""Templates an organization can replace: variables only, no rule logic."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from tests.documents.extract import CASES, docx_text

import amparo
from amparo.documents import TemplateError, make_document, render
from amparo.documents.formats.docx import TEMPLATES

VARIABLES = {"org_name", "org_address", "org_contact", "body"}


@pytest.mark.parametrize("name", ["letter", "checklist", "summary"])
def test_shipped_templates_use_only_the_documented_variables(name) -> None:
    from docxtpl import DocxTemplate

    found = DocxTemplate(
        str(TEMPLATES / f"{name}.docx")
    ).get_undeclared_template_variables()
    assert found >= VARIABLES
    allowed = VARIABLES | {
        "appendix",
        "closing",
        "signer_name",
        "signer_title",
        "signer_credential",
        "signer_org",
        "signer_for",
        "letterhead",
        "signature",
        "title",
        "date",
    }
    assert found <= allowed


def test_a_replaced_template_lays_out_the_same_words(tmp_path) -> None:
    from docx import Document

    doc = Document(str(TEMPLATES / "letter.docx"))
    doc.paragraphs[0].insert_paragraph_before("EXAMPLE LEGAL AID — LETTERHEAD")
    folder = tmp_path / "mine"
    folder.mkdir()
    doc.save(str(folder / "letter.es.docx"))
    shutil.copy(TEMPLATES / "checklist.docx", folder / "checklist.docx")
    case = amparo.load_case(str(CASES / "rosa.yaml"))
    document = make_document(
        case, "letter", kind="release", lang="es", dated=dt.date(2022, 1, 20)
    )
    text = docx_text(render(document, "docx", templates=folder))
    assert text.startswith(
        "EXAMPLE LEGAL AID — LETTERHEAD\n[NOMBRE DE LA ORGANIZACIÓN]"
    )
    assert "Índice de anexos" in text
    # English has no template of its own in that folder, nor a shared one.
    with pytest.raises(TemplateError, match=r"letter\.docx"):
        render(
            make_document(case, "letter", kind="release", lang="en"),
            "docx",
            templates=folder,
        )


def test_a_template_without_a_body_marker_is_refused(tmp_path) -> None:
    from docx import Document

    doc = Document()
    doc.add_paragraph("{{r org_name }}")
    folder = tmp_path / "broken"
    folder.mkdir()
    doc.save(str(folder / "summary.docx"))
    case = amparo.load_case(str(CASES / "rosa.yaml"))
    with pytest.raises(TemplateError, match="body"):
        render(make_document(case, "summary", lang="es"), "docx", templates=folder)


def test_org_settings_file_points_to_a_templates_folder(tmp_path) -> None:
    from amparo.documents import OrgSettingsError, load_org

    (tmp_path / "org.yaml").write_text(
        "organization: {name: Example Legal Aid}\ntemplates: ./tpl\n", encoding="utf-8"
    )
    settings = load_org(tmp_path / "org.yaml")
    assert settings.templates == (tmp_path / "tpl").resolve()
    (tmp_path / "wrong.yaml").write_text("organisation: {}\n", encoding="utf-8")
    with pytest.raises(OrgSettingsError, match="organisation"):
        load_org(tmp_path / "wrong.yaml")
