from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("jtai", "0002_access_records")]

    operations = [
        migrations.AddField(
            model_name="outboxmessage",
            name="context",
            field=models.JSONField(blank=True, default=dict),
        ),
    ]
