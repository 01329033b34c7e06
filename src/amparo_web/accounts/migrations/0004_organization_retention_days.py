from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_loginfailure"),
    ]

    operations = [
        migrations.AddField(
            model_name="organization",
            name="retention_days",
            field=models.PositiveIntegerField(
                blank=True, null=True, verbose_name="retention period (days)"
            ),
        ),
    ]
