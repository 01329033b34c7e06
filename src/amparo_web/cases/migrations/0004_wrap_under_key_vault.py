"""Re-wrap every existing case's data key under the key vault, in the migration.

Before this migration a case's data key was wrapped under its organization key
alone, so anyone holding the master key and a copy of the database could read it,
even after the case was deleted. Here each existing case gets a vault secret and
its data key is re-wrapped under organization key + secret (``crypto.wrap_with``).

Why a data migration and not a lazy re-wrap on first read: a case nobody opens
again would keep its old wrapping forever, and deleting it would not shred it; a
migration leaves no row behind, and lets ``key_id`` become NOT NULL (0005). The
data key itself does not change, so the document, the pseudonym, the intake draft
and the requests' attachments stay as they are — only ``wrapped_key`` is rewritten.

Backups made BEFORE this migration still hold the old wrappings: every case in
them stays readable with the master key. Destroy them once a new backup exists.

The old wrapping is spelled out here, frozen, rather than imported: the crypto
module no longer has it.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

LEGACY_PURPOSE = b"case data key"
BATCH = 200


def wrap_under_vault(apps: Any, schema_editor: Any) -> None:
    from amparo_web.lib import crypto, keyvault

    Case = apps.get_model("cases", "Case")
    cases = Case.objects.using(schema_editor.connection.alias)
    pks = list(cases.filter(key_id__isnull=True).values_list("pk", flat=True))
    for start in range(0, len(pks), BATCH):
        batch = cases.select_related("organization").filter(
            pk__in=pks[start : start + BATCH]
        )
        rows = list(batch)
        # The secrets are stored (and synced) in the vault before a row points at one.
        made = keyvault.create_many(crypto.vault(), len(rows))
        for row, (key_id, secret) in zip(rows, made, strict=True):
            org_key_id = row.organization.key_id
            data_key = crypto.decrypt(
                crypto.organization_key(org_key_id),
                bytes(row.wrapped_key),
                LEGACY_PURPOSE,
            )
            row.key_id = key_id
            row.wrapped_key = crypto.wrap_with(org_key_id, key_id, secret, data_key)
            row.save(update_fields=["key_id", "wrapped_key"])


def wrap_without_vault(apps: Any, schema_editor: Any) -> None:
    """Back to the organization key alone (the vault secrets are left in place)."""
    from amparo_web.lib import crypto

    Case = apps.get_model("cases", "Case")
    rows = Case.objects.using(schema_editor.connection.alias).filter(
        key_id__isnull=False
    )
    for row in list(rows.select_related("organization")):
        org_key_id = row.organization.key_id
        data_key = crypto.unwrap_case(org_key_id, row.key_id, bytes(row.wrapped_key))
        row.wrapped_key = crypto.encrypt(
            crypto.organization_key(org_key_id), data_key, LEGACY_PURPOSE
        )
        row.key_id = None
        row.save(update_fields=["key_id", "wrapped_key"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("cases", "0003_case_key_id_closed_on"),
    ]

    operations = [migrations.RunPython(wrap_under_vault, wrap_without_vault)]
