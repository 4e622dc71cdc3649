from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("jtai", "0005_notifications")]

    operations = [
        migrations.CreateModel(
            name="Change",
            fields=[("id", models.BigAutoField(primary_key=True, serialize=False))],
            options={"db_table": "jtai_change"},
        )
    ]
