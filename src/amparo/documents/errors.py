"""Errors of the document generator; each is an :class:`amparo.AmparoError`.

AmparoError
└── DocumentError              a document cannot be made as asked
    ├── RequestKindError       --request names no form of discretion (lists them)
    ├── RequestMismatchError   the request contradicts the case (release, not detained)
    ├── OrgSettingsError       the organization file is missing or wrong
    ├── TemplateError          a DOCX template is missing or has no body marker
    ├── DependencyMissingError a library for DOCX or PDF is not installed
    └── OutputError            the output file cannot be written (nothing is left behind)
"""

from __future__ import annotations

from amparo.errors import AmparoError


class DocumentError(AmparoError):
    """A document cannot be made as asked."""


class RequestKindError(DocumentError, ValueError):
    def __init__(self, kind: str, kinds: list[str]) -> None:
        self.kind, self.kinds = kind, kinds
        super().__init__(
            f"--request {kind!r} is not a form of discretion amparo knows. "
            f"Use one of: {', '.join(kinds)}."
        )


class RequestMismatchError(DocumentError, ValueError):
    pass


class OrgSettingsError(DocumentError, ValueError):
    pass


class TemplateError(DocumentError):
    pass


class DependencyMissingError(DocumentError, ImportError):
    def __init__(self, package: str, purpose: str) -> None:
        self.package = package
        super().__init__(
            f"{purpose} needs the Python package {package!r}, which is not installed. "
            f"Install it with: pip install {package} (or `make install` in a checkout)."
        )


class OutputError(DocumentError, OSError):
    pass
