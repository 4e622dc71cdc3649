import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def links_for_sent_requests(apps, schema_editor):
    """Requests sent before links were per recipient get a link for each recipient (the old
    shared links stop working: each person needs their own)."""
    Request = apps.get_model("reports", "FactualAccuracyRequest")
    Link = apps.get_model("reports", "FactualAccuracyLink")
    for request in Request.objects.all():
        Link.objects.bulk_create(
            Link(
                request=request,
                name=(r.get("name") or "")[:200],
                role=(r.get("role") or "")[:200],
                email=r.get("email") or "",
            )
            for r in request.recipients or []
        )


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0002_publication_version_of_its_inspection"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="FactualAccuracyLink",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=200)),
                ("role", models.CharField(blank=True, max_length=200)),
                ("email", models.EmailField(max_length=254)),
                ("revoked_at", models.DateTimeField(blank=True, null=True)),
                (
                    "request",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="links",
                        to="reports.factualaccuracyrequest",
                    ),
                ),
                (
                    "revoked_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={"ordering": ["id"]},
        ),
        migrations.RunPython(links_for_sent_requests, migrations.RunPython.noop),
    ]
