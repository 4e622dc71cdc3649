"""Every database gets the real reference data: authorities, neighbours, ILACS outcomes.

Runs the same loader as `manage.py load_reference_data`, against this migration's models.
"""

from django.db import migrations


def load(apps, schema_editor):
    from agencies.services import reference_data_load

    reference_data_load(apps=apps)


class Migration(migrations.Migration):
    dependencies = [("agencies", "0002_inspectorates")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
