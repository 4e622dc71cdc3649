"""The lifecycle's fields, calendar feed tokens, and PostgreSQL exclusion constraints.

The exclusion constraints make the database itself refuse two overlapping active inspections
of one authority, and one inspector booked on two inspections with overlapping windows.
They need btree_gist and date ranges, so they are created on PostgreSQL only; on other
databases the services' own checks are the only guard.
"""

import django.db.models.deletion
from django.conf import settings
from django.contrib.postgres.operations import BtreeGistExtension
from django.db import migrations, models

CONSTRAINTS = [
    (
        "inspections_inspection",
        "no_overlapping_inspections_per_authority",
        "EXCLUDE USING gist (authority_id WITH =, "
        "daterange(window_start, window_end, '[]') WITH &&) "
        "WHERE (status NOT IN ('cancelled', 'deferred'))",
    ),
    (
        "inspections_teammember",
        "no_inspector_on_overlapping_inspections",
        "EXCLUDE USING gist (user_id WITH =, "
        "daterange(window_start, window_end, '[]') WITH &&) "
        "WHERE (is_active AND holds_booking)",
    ),
]


def add_exclusion_constraints(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, name, definition in CONSTRAINTS:
        schema_editor.execute(f"ALTER TABLE {table} ADD CONSTRAINT {name} {definition}")


def drop_exclusion_constraints(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, name, _ in CONSTRAINTS:
        schema_editor.execute(f"ALTER TABLE {table} DROP CONSTRAINT IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("inspections", "0003_planning"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="frameworkversion",
            name="revised_from",
            field=models.ForeignKey(
                blank=True,
                help_text="The version this one was copied from when a version in use was edited.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="revisions",
                to="inspections.frameworkversion",
            ),
        ),
        migrations.AddField(
            model_name="inspection",
            name="action_plan_due_date",
            field=models.DateField(
                blank=True, help_text="When the written statement of action is due.", null=True
            ),
        ),
        migrations.AddField(
            model_name="teammember",
            name="holds_booking",
            field=models.BooleanField(default=True),
        ),
        migrations.CreateModel(
            name="CalendarToken",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("token", models.CharField(max_length=64, unique=True)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "user",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="calendar_token",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
        ),
        BtreeGistExtension(),
        migrations.RunPython(add_exclusion_constraints, drop_exclusion_constraints),
    ]
