"""The Spanish catalogue is compiled and the language switch works on every page."""

from __future__ import annotations

import pytest
from django.utils import translation
from tests.web.test_permissions import DOWNLOADS, PAGES, POST_ONLY, _url


def test_the_spanish_catalogue_is_compiled() -> None:
    with translation.override("es"):
        assert (
            translation.gettext("Unknown / not asked yet")
            == "Desconocido / aún no preguntado"
        ), (
            "amparo_web/locale/es: string missing or catalogue not compiled; run compilemessages"
        )


@pytest.mark.parametrize("name", sorted(set(PAGES) - POST_ONLY - DOWNLOADS))
def test_every_page_has_the_language_switch_and_follows_it(
    admin_client, edgar, name
) -> None:
    admin_client.post("/i18n/setlang/", {"language": "es"})
    r = admin_client.get(_url(name, edgar.pk), follow=True)
    page = r.content.decode()
    assert 'action="/i18n/setlang/"' in page
    assert '<html lang="es">' in page
