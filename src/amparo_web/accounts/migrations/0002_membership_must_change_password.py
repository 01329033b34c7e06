from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="membership",
            name="must_change_password",
            field=models.BooleanField(default=False),
        ),
    ]
