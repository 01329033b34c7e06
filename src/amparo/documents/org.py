"""Organization settings: the letterhead and the signer, from an optional YAML file.

Every field is optional; one not given prints as a highlighted placeholder
(``[ORGANIZATION NAME]``), so a draft made without settings is obviously a draft.
A web app builds :class:`OrgSettings` itself and passes it in.

The file::

    organization:
      name: Example Immigrant Legal Services
      address: [123 Main Street, Suite 4, "Oakland, CA 94612"]   # or one string
      phone: (510) 555-0100
      email: intake@example.org
    signer:
      name: Ana Example
      title: Staff Attorney
      bar_number: California State Bar No. 000000   # or accreditation: ...
    templates: ./my-templates     # optional: letter.docx, checklist.docx, summary.docx
                                  # (or letter.es.docx … for one language)

Examples:
    >>> OrgSettings().organization.name is None
    True
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from amparo.documents.errors import OrgSettingsError


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Organization(_Section):
    name: str | None = None
    address: tuple[str, ...] | None = None
    phone: str | None = None
    email: str | None = None

    @field_validator("address", mode="before")
    @classmethod
    def _lines(cls, value: object) -> object:
        if isinstance(value, str):
            return tuple(line.strip() for line in value.splitlines() if line.strip())
        return value


class Signer(_Section):
    name: str | None = None
    title: str | None = None
    bar_number: str | None = None
    accreditation: str | None = None

    @property
    def credential(self) -> str | None:
        """The bar number, else the accreditation (a DOJ-accredited representative)."""
        return self.bar_number or self.accreditation


class OrgSettings(_Section):
    organization: Organization = Organization()
    signer: Signer = Signer()
    templates: Path | None = None  # a folder of replacement DOCX templates


def load_org(path: str | Path | None) -> OrgSettings:
    """Read an organization file; ``None`` gives the placeholders.

    Raises:
        OrgSettingsError: the file cannot be read or has an unknown or wrong field.
    """
    if path is None:
        return OrgSettings()
    from amparo.lib.yamlio import read_yaml

    file = Path(path)
    if not file.is_file():
        msg = f"Organization file {str(file)!r} does not exist. Give a YAML file (see `amparo letter --help`)."
        raise OrgSettingsError(msg)
    try:
        data = read_yaml(file) or {}
    except Exception as e:  # a YAML syntax error, an unreadable file
        msg = f"Organization file {str(file)!r} cannot be read: {e}"
        raise OrgSettingsError(msg) from None
    if not isinstance(data, dict):
        msg = f"Organization file {str(file)!r}: expected a mapping with 'organization' and 'signer'."
        raise OrgSettingsError(msg)
    try:
        settings = OrgSettings.model_validate(data)
    except ValidationError as e:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}"
            for err in e.errors()
        )
        msg = (
            f"Organization file {str(file)!r}: {problems}. Fields: organization.name, "
            "organization.address, organization.phone, organization.email, signer.name, "
            "signer.title, signer.bar_number, signer.accreditation, templates."
        )
        raise OrgSettingsError(msg) from None
    if settings.templates is not None and not settings.templates.is_absolute():
        settings = settings.model_copy(
            update={"templates": (file.parent / settings.templates).resolve()}
        )
    return settings
