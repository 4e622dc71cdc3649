"""The five inspection models of the sources, loaded as data."""

from django.db import migrations


def load(apps, schema_editor):
    from inspections.framework_data import load_frameworks

    load_frameworks(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("inspections", "0001_initial"),
        ("agencies", "0002_inspectorates"),
    ]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
