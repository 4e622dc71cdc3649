"""The frameworks' statuses, the JTAI themes as they ran and the corrected framework text.

Updates the rows an earlier migration loaded: same loaders as a fresh database, idempotent.
"""

from django.db import migrations


def load(apps, schema_editor):
    from inspections.framework_data import load_framework_facts, load_frameworks

    load_frameworks(apps)
    load_framework_facts(apps)


class Migration(migrations.Migration):
    dependencies = [("inspections", "0006_framework_status_and_theme_source")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
