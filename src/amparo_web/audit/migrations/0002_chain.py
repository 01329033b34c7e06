"""Chain the audit log: number each organization's entries and hash them in order."""

import hashlib
import json

from django.db import migrations, models


def chain_existing(apps, schema_editor):  # type: ignore[no-untyped-def]
    AuditEntry = apps.get_model("audit", "AuditEntry")
    prev_by_org: dict[int, tuple[int, str]] = {}
    for entry in AuditEntry.objects.order_by("id").iterator():
        seq, prev = prev_by_org.get(entry.organization_id, (0, "0" * 64))
        entry.seq = seq + 1
        entry.prev_hash = prev
        fields = {
            "organization": entry.organization_id,
            "seq": entry.seq,
            "actor": entry.actor_id,
            "action": entry.action,
            "case_id": entry.case_id,
            "case_reference": entry.case_reference,
            "detail": entry.detail,
            "at": entry.at.isoformat(),
        }
        body = json.dumps(
            fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False
        )
        entry.hash = hashlib.sha256(f"{prev}\n{body}".encode()).hexdigest()
        entry.save(update_fields=["seq", "prev_hash", "hash"])
        prev_by_org[entry.organization_id] = (entry.seq, entry.hash)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [
        migrations.AlterField(
            model_name="auditentry",
            name="at",
            field=models.DateTimeField(db_index=True),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="seq",
            field=models.PositiveBigIntegerField(default=0),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditentry",
            name="prev_hash",
            field=models.CharField(default="", max_length=64),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditentry",
            name="hash",
            field=models.CharField(default="", max_length=64),
            preserve_default=False,
        ),
        migrations.RunPython(chain_existing, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="auditentry",
            constraint=models.UniqueConstraint(
                fields=("organization", "seq"), name="audit_one_entry_per_place"
            ),
        ),
    ]
