from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0004_wrap_under_key_vault"),
    ]

    operations = [
        migrations.AlterField(
            model_name="case",
            name="key_id",
            field=models.UUIDField(editable=False, unique=True),
        ),
    ]
