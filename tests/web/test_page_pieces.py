"""Pieces of pages written out in Python for speed give the HTML the templates gave."""

from __future__ import annotations

import re

import pytest
from django.template import engines
from django.test import override_settings
from django.urls import reverse, set_script_prefix
from django.utils.safestring import mark_safe
from django.utils.translation import override
from tests.web.conftest import STORIES, import_story

from amparo_web.cases import store
from amparo_web.cases.explain import assessment_context
from amparo_web.cases.templatetags.case_tags import category_tree
from amparo_web.cases.templatetags.nav_tags import nav_url
from amparo_web.intake.templatetags.intake_tags import step_url

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')
# The explanation's tree as _assessment.html wrote it before ``category_tree``.
TREE = """{% load case_tags %}<ul class="tree">
{% for cat in categories %}
  <li><details{% if cat.value is True %} open{% endif %}><summary>{{ cat.value|verdict }} <strong>{{ cat.label }}</strong></summary>
    <ul>{% for f in cat.factors %}
      <li>{{ f.value|verdict }} {{ f.label }} <span class="role">({{ f.role }})</span>
        <ul class="facts">{{ f.facts_shown|fact_items }}</ul>
        <p class="cites">{{ f.citation|citations }}</p>
      </li>{% endfor %}
    </ul></details></li>
{% endfor %}
</ul>"""
NOW = """{% load case_tags %}<ul class="tree">
{{ categories|category_tree }}
</ul>"""


def _both(categories: object) -> tuple[str, str]:
    engine = engines["django"]
    context = {"categories": categories}
    return (
        engine.from_string(TREE).render(context),
        engine.from_string(NOW).render(context),
    )


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_explanation_tree_is_the_templates(organization, lang: str) -> None:
    for story in sorted(STORIES.glob("*.yaml")):
        row = import_story(organization, story.stem)
        with override(lang):
            categories = assessment_context(store.read_case(row), lang)["categories"]
            before, now = _both(categories)
        assert now == before, story.stem


def test_the_explanation_tree_escapes_as_the_template_did() -> None:
    tricky = [
        {
            "value": True,
            "label": "<b>&",
            "factors": [
                {
                    "value": None,
                    "label": mark_safe("<i>ok</i>"),
                    "role": '"r"',
                    "facts_shown": [("a<", 3)],
                    "citation": [
                        {"at": "§ <1>", "quote": "q&", "confidence": "unconfirmed"}
                    ],
                },
                {"value": False, "label": 7},
            ],
        },
        {"label": None, "factors": None},
    ]
    before, now = _both(tricky)
    assert now == before
    assert category_tree(None) == ""


def test_cached_urls_are_the_reversed_ones() -> None:
    assert nav_url("cases:list") == reverse("cases:list")
    assert step_url(12, "person") == reverse(
        "intake:step", kwargs={"pk": 12, "section": "person"}
    )
    set_script_prefix("/under/")
    try:
        assert nav_url("cases:list") == "/under/cases/"
        assert step_url(12, "family") == "/under/cases/12/intake/family/"
    finally:
        set_script_prefix("/")
    assert nav_url("cases:list") == "/cases/"


@override_settings(ROOT_URLCONF="amparo_web.urls")
def test_a_section_that_is_no_slug_is_reversed_as_before() -> None:
    from django.urls import NoReverseMatch

    with pytest.raises(NoReverseMatch):
        step_url(12, "not a slug")


def test_the_header_follows_each_role_and_language(client, personas) -> None:
    """The header's memoized blocks: one per role and language, never another's."""
    seen = {}
    for _round in range(2):
        for role in ("admin", "attorney", "paralegal", "viewer"):
            client.force_login(personas[role])
            for lang in ("en", "es"):
                client.cookies["django_language"] = lang
                page = client.get("/cases/").content.decode()
                nav = CSRF.sub(
                    "", page[page.index("<header") : page.index("</header>")]
                )
                seen.setdefault((role, lang), nav)
                assert seen[(role, lang)] == nav
                assert ("/audit/" in nav) == (role == "admin")
                assert ("/reports/" in nav) == (role in ("admin", "attorney"))
                assert ("/cases/new/" in nav) == (role != "viewer")
                selected = f'<option value="{lang}" selected>'
                assert selected in nav
                assert personas[role].get_username() in nav
            client.cookies.pop("django_language")
    assert seen[("admin", "en")] != seen[("admin", "es")]
