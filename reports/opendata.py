"""The open data of published reports: one row per agency and judgement area, as the
published snapshot states it, written once when a report is published.

The rows are the snapshot's own words (names of the authority, agency, inspectorate and
judgement area as they stood on the inspection's dates), copied out at publication so that the
CSV reads a narrow table in batches instead of every report's whole snapshot at once.
"""

from __future__ import annotations

from django.db import models

# (column of the CSV, field of the row); the report's address and publication date are the
# publication's own and come first.
COLUMNS = [
    ("local_authority", "local_authority"),
    ("gss_code", "gss_code"),
    ("region", "region"),
    ("framework", "framework"),
    ("theme", "theme"),
    ("inspection_start", "inspection_start"),
    ("inspection_end", "inspection_end"),
    ("agency", "agency"),
    ("agency_type", "agency_type"),
    ("inspectorate", "inspectorate"),
    ("judgement_area_code", "area_code"),
    ("judgement_area", "area_title"),
    ("grade", "grade"),
]
FIELDS = [name for _, name in COLUMNS]


class OpenDataJudgement(models.Model):
    """A published judgement as the open-data CSV gives it."""

    publication = models.ForeignKey(
        "reports.Publication", on_delete=models.CASCADE, related_name="open_data"
    )
    position = models.PositiveIntegerField(help_text="Order within the report.")
    local_authority = models.TextField()
    gss_code = models.TextField(blank=True)
    region = models.TextField(blank=True)
    framework = models.TextField()
    theme = models.TextField(blank=True)
    inspection_start = models.TextField()
    inspection_end = models.TextField()
    agency = models.TextField()
    agency_type = models.TextField()
    inspectorate = models.TextField()
    area_code = models.TextField()
    area_title = models.TextField()
    grade = models.TextField()
    grade_code = models.CharField(
        max_length=24, blank=True, help_text="The grade's code; blank when not graded."
    )

    class Meta:
        app_label = "reports"
        indexes = [models.Index(fields=["grade_code", "publication"], name="open_data_grade_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "position"], name="open_data_position_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency}: {self.area_title}"


def open_data_cells(snapshot: dict) -> list[dict]:
    """The rows of one published report, from its snapshot: each agency's judgements, then
    the joint judgements of the partnership."""
    common = {
        "local_authority": snapshot["authority"]["name"],
        "gss_code": snapshot["authority"].get("gss_code") or "",
        "region": snapshot["authority"].get("region") or "",
        "framework": snapshot["framework"]["name"],
        "theme": (snapshot.get("theme") or {}).get("name", ""),
        "inspection_start": str(snapshot["dates"]["window_start"]),
        "inspection_end": str(snapshot["dates"]["window_end"]),
    }
    rows = []
    for agency in snapshot.get("agencies", []):
        for judgement in agency["judgements"]:
            rows.append(
                common
                | {
                    "agency": agency["name"],
                    "agency_type": agency["type"],
                    "inspectorate": agency["inspectorate"]["short_name"],
                    "area_code": judgement["area_code"],
                    "area_title": judgement["area_title"],
                    "grade": judgement["grade_label"] or "Not graded",
                    "grade_code": judgement["grade"] or "",
                }
            )
    for shared in snapshot.get("shared", []):
        rows.append(
            common
            | {
                "agency": "All agencies (joint judgement)",
                "agency_type": "Partnership",
                "inspectorate": "All inspectorates",
                "area_code": shared["area_code"],
                "area_title": shared["area_title"],
                "grade": shared["grade_label"] or "Not graded",
                "grade_code": shared["grade"] or "",
            }
        )
    return [row | {"position": n} for n, row in enumerate(rows)]


def open_data_record(publication) -> int:
    """Writes the open-data rows of a publication (once); returns how many."""
    rows = [
        OpenDataJudgement(publication=publication, **cells)
        for cells in open_data_cells(publication.version.snapshot)
    ]
    OpenDataJudgement.objects.bulk_create(rows)
    return len(rows)
