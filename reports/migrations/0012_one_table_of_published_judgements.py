"""The published judgements' grades lived twice: the register's grade filter and the charts
read `PublishedJudgement` (agency type, area, grade code), the open-data CSV read
`OpenDataJudgement` (the same judgements, named). One table now: the open-data rows carry the
grade's code too, filled here from each published snapshot, and the other table goes."""

from django.db import migrations, models

from reports.opendata import open_data_cells


def fill_grade_codes(apps, schema_editor):
    Publication = apps.get_model("reports", "Publication")
    OpenDataJudgement = apps.get_model("reports", "OpenDataJudgement")
    publications = Publication.objects.select_related("version").order_by("pk")
    for publication in publications.iterator(chunk_size=50):
        for cells in open_data_cells(publication.version.snapshot):
            OpenDataJudgement.objects.filter(
                publication_id=publication.pk, position=cells["position"]
            ).update(grade_code=cells["grade_code"])


class Migration(migrations.Migration):
    dependencies = [("reports", "0011_pre_publication_copy_once_and_automatic")]

    operations = [
        migrations.AddField(
            model_name="opendatajudgement",
            name="grade_code",
            field=models.CharField(
                blank=True, help_text="The grade's code; blank when not graded.", max_length=24
            ),
        ),
        migrations.RunPython(fill_grade_codes, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="opendatajudgement",
            index=models.Index(fields=["grade_code", "publication"], name="open_data_grade_idx"),
        ),
        migrations.DeleteModel(name="PublishedJudgement"),
    ]
