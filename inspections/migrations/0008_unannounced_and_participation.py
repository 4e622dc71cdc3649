"""Agencies and judgements follow the inspectorates taking part; an unannounced inspection's
area is emailed on the morning inspectors arrive (`area_notified_at`, sent once).

Inspections scheduled before this took in every agency type the framework covers, so a JTAI
without HMI Probation took in the area's probation service and youth justice team and, once
fieldwork started, had judgements nobody could record or sign off. Planned and notified
inspections drop the agencies no participating inspectorate judges; unpublished inspections
drop the untouched judgements of inspectorates not taking part. Idempotent.
"""

from django.db import migrations, models

NOT_STARTED_STATUSES = ("planned", "notified")
UNPUBLISHED_STATUSES = ("fieldwork", "evidence_closed", "moderation", "factual_accuracy")


def follow_participation(apps, schema_editor):
    Inspection = apps.get_model("inspections", "Inspection")
    FrameworkAgencyType = apps.get_model("inspections", "FrameworkAgencyType")
    Judgement = apps.get_model("inspections", "Judgement")
    for inspection in Inspection.objects.filter(
        status__in=NOT_STARTED_STATUSES + UNPUBLISHED_STATUSES
    ):
        taking_part = set(inspection.inspectorates.values_list("pk", flat=True))
        if inspection.status in NOT_STARTED_STATUSES:
            judged_types = FrameworkAgencyType.objects.filter(
                version_id=inspection.framework_version_id, judged_by_id__in=taking_part
            ).values_list("agency_type_id", flat=True)
            for agency in inspection.agencies.exclude(agency_type_id__in=list(judged_types)):
                inspection.agencies.remove(agency)
        else:
            Judgement.objects.filter(
                inspection=inspection, status="not_started", version=0
            ).exclude(inspectorate_id__in=taking_part).delete()


def area_told_with_the_notification(apps, schema_editor):
    """Announced inspections already notified told their area then."""
    Inspection = apps.get_model("inspections", "Inspection")
    Inspection.objects.filter(
        notification_sent_at__isnull=False, framework_version__notice_working_days__isnull=False
    ).update(area_notified_at=models.F("notification_sent_at"))


class Migration(migrations.Migration):
    dependencies = [("inspections", "0007_framework_facts")]
    operations = [
        migrations.AddField(
            model_name="inspection",
            name="area_notified_at",
            field=models.DateTimeField(
                blank=True,
                help_text=(
                    "When the area's contacts were emailed (sent once): with the notification "
                    "when announced, on the morning inspectors arrive when unannounced."
                ),
                null=True,
            ),
        ),
        migrations.RunPython(area_told_with_the_notification, migrations.RunPython.noop),
        migrations.RunPython(follow_participation, migrations.RunPython.noop),
    ]
