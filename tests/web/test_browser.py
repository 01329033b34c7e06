"""In Debian's Chromium through Playwright: log in, an intake in Spanish, the assessment, an
export and the letter.

Skipped with the reason where /usr/bin/chromium is absent (``make test`` installs
it), except under CI=true, where it must run.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    if os.getenv("CI") == "true":
        pytest.fail(
            f"{CHROMIUM} is missing (required under CI=true): make test installs it",
            pytrace=False,
        )
    pytest.skip(
        f"{CHROMIUM} is missing: `make test` installs Debian's chromium",
        allow_module_level=True,
    )
sync_api = pytest.importorskip("playwright.sync_api")

LABELLED = """() => [...document.querySelectorAll('input, select, textarea')]
  .filter(el => el.type !== 'hidden')
  .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label'))
  .map(el => el.name)"""


@pytest.fixture
def browser_page(live_server):  # type: ignore[no-untyped-def]
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox"]
        )
        page = browser.new_page(accept_downloads=True)
        errors: list[str] = []
        page.on(
            "console", lambda m: errors.append(m.text) if m.type == "error" else None
        )
        yield page, errors
        browser.close()


@pytest.fixture
def paralegal(transactional_db):  # type: ignore[no-untyped-def]
    from tests.web.conftest import PASSWORD, make_user

    from amparo_web.accounts.models import Organization

    make_user(
        "maria-p", Organization.objects.create(name="Browser test office"), "paralegal"
    )
    return "maria-p", PASSWORD


def log_in(page, url: str, user: str, password: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{url}/accounts/login/")
    page.fill("input[name=username]", user)
    page.fill("input[name=password]", password)
    page.click("main button[type=submit]")


def test_an_intake_in_spanish_to_the_assessment_and_an_export(
    paralegal, live_server, browser_page
) -> None:
    page, errors = browser_page
    log_in(page, live_server.url, *paralegal)
    page.select_option("#language", "es")
    page.click("form.lang button")
    page.click("text=Caso nuevo")
    page.fill("input[name=reference]", "B-0001")
    page.fill("input[name=pseudonym]", "Fictional Client")
    page.click("main button[type=submit]")
    assert "Entrevista guiada" in page.inner_text("h1")
    assert page.evaluate(LABELLED) == []
    page.check("input[name=person__stateless][value=yes]")
    for _ in range(20):  # every step, then the review
        if "/review/" in page.url:
            break
        assert page.evaluate(LABELLED) == []
        page.click("button[name=next]")
    assert "Revisar la entrevista" in page.inner_text("h1")
    page.click("text=Guardar la entrevista en el caso")
    assert "Resultado" in page.content() or "protección" in page.content().lower()
    assert "B-0001" in page.inner_text("h1")
    with page.expect_download() as download:
        page.click("text=Exportar YAML")
    assert "stateless: true" in Path(download.value.path()).read_text()
    # The letter, in Spanish (the page's language), as DOCX.
    page.select_option("#letter-kind", "deferred_action")
    assert page.eval_on_selector("#letter-lang", "e => e.value") == "es"
    with page.expect_download() as letter:
        page.click("text=Descargar la carta")
    assert letter.value.suggested_filename.endswith("deferred_action-es.docx")
    import docx

    text = "\n".join(p.text for p in docx.Document(letter.value.path()).paragraphs)
    assert "Fictional Client" in text
    assert errors == []  # no CSP violation, nothing failed to load


def test_the_intake_works_by_keyboard_alone(
    paralegal, live_server, browser_page
) -> None:
    page, _errors = browser_page
    log_in(page, live_server.url, *paralegal)
    page.goto(f"{live_server.url}/cases/new/")
    page.fill("input[name=reference]", "B-0002")
    page.fill("input[name=pseudonym]", "Fictional Client")
    page.keyboard.press("Enter")
    page.wait_for_url("**/intake/person/")
    for _ in range(80):  # Tab to the date of birth
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "person__birth_date":
            break
    page.keyboard.type("1961")
    page.keyboard.press("Enter")  # submits the form: the first button saves and goes on
    page.wait_for_url("**/intake/presence/")
    # The ORM is not used here: inside Playwright's event loop it would open a
    # connection of its own. The saved draft shows on the step page instead.
    page.goto(page.url.replace("/presence/", "/person/"))
    assert page.input_value("input[name=person__birth_date]") == "1961"


def test_a_record_row_by_keyboard_alone(paralegal, live_server, browser_page) -> None:
    """A conviction typed into its row, another row added, with the keyboard only."""
    page, errors = browser_page
    log_in(page, live_server.url, *paralegal)
    page.goto(f"{live_server.url}/cases/new/")
    page.fill("input[name=reference]", "B-0003")
    page.fill("input[name=pseudonym]", "Fictional Client")
    page.keyboard.press("Enter")
    page.wait_for_url("**/intake/person/")
    page.goto(page.url.replace("/person/", "/criminal_legal_history/"))
    assert page.evaluate(LABELLED) == []
    rows = "criminal_legal_history__convictions"

    def tab_to(name: str) -> None:
        for _ in range(200):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.name") == name:
                return
        raise AssertionError(f"{name} not reached by Tab")

    tab_to(f"{rows}-0-date")
    page.keyboard.type("2014-05")
    tab_to(f"{rows}-0-category")
    page.keyboard.press("ArrowDown")  # the first category after "unknown"
    tab_to("add")
    page.keyboard.press("Enter")  # saves the step, and shows one more blank row
    page.wait_for_url(f"**/criminal_legal_history/?add={rows}*")
    assert page.input_value(f"input[name='{rows}-0-date']") == "2014-05"
    assert page.input_value(f"select[name='{rows}-0-category']") == "drug_possession"
    assert page.locator(f"input[name='{rows}-1-date']").count() == 1
    assert page.evaluate(LABELLED) == []
    # Enter in a row's field saves the step and goes on, like "Save and continue".
    page.focus(f"input[name='{rows}-1-date']")
    page.keyboard.type("2019")
    page.keyboard.press("Enter")
    page.wait_for_url("**/intake/rehabilitation/*")  # the fragment may stay
    page.goto(page.url.replace("/rehabilitation/", "/criminal_legal_history/"))
    assert page.input_value(f"input[name='{rows}-1-date']") == "2019"
    assert errors == []
