"""Nothing comes from another host: every page's links are local, and the CSP has no inline script."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from tests.web.test_permissions import PAGES, POST_ONLY, _url

URL_ATTRS = {"href", "src", "action", "srcset", "poster", "data", "formaction"}


class Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.inline_scripts = 0
        self.inline_styles = 0
        self.handlers: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.urls += [v for k, v in attrs if k in URL_ATTRS and v]
        if tag == "script" and "src" not in found:
            self.inline_scripts += 1
        if "style" in found:
            self.inline_styles += 1
        self.handlers += [k for k, _ in attrs if k.startswith("on")]

    def handle_data(self, data: str) -> None:
        self.urls += re.findall(r"url\(([^)]*)\)", data)


def check(html: str) -> None:
    refs = Refs()
    refs.feed(html)
    for url in refs.urls:
        assert not re.match(r"^\s*(https?:)?//", url, re.I), (
            f"refers to another host: {url}"
        )
    assert refs.inline_scripts == 0
    assert refs.inline_styles == 0  # style-src 'self' would block them
    assert refs.handlers == []


# Documents are DOCX and PDF, not pages: tests/web/test_documents.py checks them.
@pytest.mark.parametrize("name", sorted(set(PAGES) - POST_ONLY - {"cases:document"}))
def test_no_page_refers_to_another_host(admin_client, edgar, name: str) -> None:
    r = admin_client.get(_url(name, edgar.pk), follow=True)
    assert r.status_code == 200
    check(r.content.decode())
    csp = r["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp


def test_the_stylesheet_is_served_here_and_loads_nothing_from_elsewhere(client) -> None:
    r = client.get("/static/amparo/style.css")
    assert r.status_code == 200
    css = b"".join(r.streaming_content).decode()  # type: ignore[attr-defined]
    assert "@import" not in css
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", css)


def test_the_checker_catches_a_page_that_refers_to_another_host() -> None:
    with pytest.raises(AssertionError):
        check('<link rel="stylesheet" href="https://cdn.example/x.css">')
    with pytest.raises(AssertionError):
        check("<script>alert(1)</script>")
