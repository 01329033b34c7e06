"""Case views, one module per job; re-exported for the URL conf."""

from __future__ import annotations

from amparo_web.cases.views.assessment import show_case
from amparo_web.cases.views.editing import (
    close_case,
    delete_case,
    edit_case,
    new_case,
    reopen_case,
)
from amparo_web.cases.views.listing import list_cases
from amparo_web.cases.views.papers import download_document
from amparo_web.cases.views.transfer import export_case, import_case

__all__ = [
    "close_case",
    "delete_case",
    "download_document",
    "edit_case",
    "export_case",
    "import_case",
    "list_cases",
    "new_case",
    "reopen_case",
    "show_case",
]
