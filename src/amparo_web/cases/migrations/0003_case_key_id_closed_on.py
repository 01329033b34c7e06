from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0002_list_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="case",
            name="key_id",
            field=models.UUIDField(editable=False, null=True, unique=True),
        ),
        migrations.AddField(
            model_name="case",
            name="closed_on",
            field=models.DateField(
                blank=True, db_index=True, null=True, verbose_name="closed on"
            ),
        ),
    ]
