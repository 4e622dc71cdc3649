"""The register's search and grade filter: each publication's words (and their tsvector,
GIN-indexed, on PostgreSQL) and its judgements' grades, filled for the reports published
before this migration from the snapshot the public reads."""

import django.contrib.postgres.search
import django.db.models.deletion
from django.contrib.postgres.search import SearchVector
from django.db import migrations, models


def _index_published(apps, schema_editor):
    # Pure functions of a snapshot: the same words publication stores. (The grades' table was
    # folded into the open-data rows by 0012.)
    from reports.search import CONFIG, snapshot_text

    def snapshot_grades(snapshot):
        rows = [
            (agency["type"], j["area_code"], j["grade"])
            for agency in snapshot.get("agencies") or []
            for j in agency["judgements"]
        ]
        return rows + [("Partnership", s["area_code"], s["grade"]) for s in snapshot.get("shared") or []]

    Publication = apps.get_model("reports", "Publication")
    try:
        PublishedJudgement = apps.get_model("reports", "PublishedJudgement")
    except LookupError:  # run again with today's models (0012 folded the grades away)
        PublishedJudgement = None
    postgres = schema_editor.connection.vendor == "postgresql"
    for publication in Publication.objects.select_related("version").iterator(chunk_size=50):
        snapshot = publication.version.snapshot
        Publication.objects.filter(pk=publication.pk).update(search_text=snapshot_text(snapshot))
        if postgres:
            Publication.objects.filter(pk=publication.pk).update(
                search_vector=SearchVector("title", weight="A", config=CONFIG)
                + SearchVector("search_text", weight="B", config=CONFIG)
            )
        if PublishedJudgement is None:
            continue
        PublishedJudgement.objects.bulk_create(
            PublishedJudgement(
                publication_id=publication.pk, agency_type=kind, area_code=code, grade=grade or ""
            )
            for kind, code, grade in snapshot_grades(snapshot)
        )


def _gin_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX publication_search_gin ON reports_publication USING gin (search_vector)"
        )


def _drop_gin_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS publication_search_gin")


class Migration(migrations.Migration):

    dependencies = [
        ('reports', '0008_sealed_pdfs'),
    ]

    operations = [
        migrations.AddField(
            model_name='publication',
            name='search_text',
            field=models.TextField(blank=True, default='', editable=False),
        ),
        migrations.AddField(
            model_name='publication',
            name='search_vector',
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.CreateModel(
            name='PublishedJudgement',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('agency_type', models.CharField(help_text='Partnership for a shared one.', max_length=120)),
                ('area_code', models.SlugField(max_length=60)),
                ('grade', models.CharField(blank=True, help_text='Blank when not graded.', max_length=24)),
                ('publication', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='grades', to='reports.publication')),
            ],
            options={
                'ordering': ['publication', 'pk'],
                'indexes': [models.Index(fields=['grade', 'publication'], name='published_grade_idx')],
            },
        ),
        migrations.RunPython(_gin_index, _drop_gin_index),
        migrations.RunPython(_index_published, migrations.RunPython.noop),
    ]
