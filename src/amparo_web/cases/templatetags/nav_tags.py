"""The page header's pieces, made once per process rather than on every page.

``{% nav_url name %}``: ``{% url name %}`` for a URL without arguments, reversed once.

Every page's header links to the same ten pages; their URLs depend only on the name,
the script prefix and the URLconf (and the language, were they under
``i18n_patterns``), so each is reversed once per process, not on every page.

``{% memo role %}...{% endmemo %}``: a block of the header that depends only on the
values named (and the language), rendered once per process for each.
"""

from __future__ import annotations

import itertools
import threading
from collections import OrderedDict
from collections.abc import Hashable
from functools import lru_cache
from typing import Any

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.base import FilterExpression, Parser, Token
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.safestring import SafeString
from django.utils.translation import get_language

register = template.Library()


@register.simple_tag
def nav_url(name: str) -> str:
    return _reversed(name, get_script_prefix(), get_urlconf(), get_language())


@lru_cache(maxsize=128)
def _reversed(name: str, script_prefix: str, urlconf: Any, language: str | None) -> str:
    return reverse(name)


_fragments: OrderedDict[Hashable, SafeString] = OrderedDict()
_fragments_lock = threading.Lock()
_node_ids = itertools.count()
MAX_FRAGMENTS = 256


class MemoNode(template.Node):
    def __init__(self, nodelist: template.NodeList, vary: list[FilterExpression]):
        self.nodelist = nodelist
        self.vary = vary
        self.node_id = next(_node_ids)  # this block of this compiled template

    def render(self, context: template.Context) -> str:
        key = (
            self.node_id,
            *(v.resolve(context) for v in self.vary),
            get_script_prefix(),
            get_urlconf(),
            get_language(),
        )
        with _fragments_lock:
            found = _fragments.get(key)
        if found is not None:
            return found
        with context.push():  # what the block sets stays in it, cached or not
            html = self.nodelist.render(context)  # a SafeString
        with _fragments_lock:
            _fragments[key] = html
            while len(_fragments) > MAX_FRAGMENTS:
                _fragments.popitem(last=False)
        return html


@register.tag
def memo(parser: Parser, token: Token) -> MemoNode:
    """``{% memo v1 v2 %}...{% endmemo %}``: the block rendered once per process for
    each value of ``v1 v2`` (and language, script prefix, URLconf), then reused.

    Only for a block whose HTML depends on nothing else: translated text, URLs without
    arguments and the ``vary`` values (a role, a language code), never on the user,
    the organization, the request or the database.
    """
    vary = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
    nodelist = parser.parse(("endmemo",))
    parser.delete_first_token()
    return MemoNode(nodelist, vary)


@receiver(setting_changed)
def _forget(setting: str, **kwargs: Any) -> None:
    """Tests that change what these depend on start afresh."""
    if setting in ("LANGUAGES", "LANGUAGE_CODE", "ROOT_URLCONF", "FORCE_SCRIPT_NAME"):
        _reversed.cache_clear()
        with _fragments_lock:
            _fragments.clear()
