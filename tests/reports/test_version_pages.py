"""A version's PDF: for the team and admins only."""

import pytest
from django.urls import reverse

from agencies.factories import person
from reports.factories import build_inspection

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("who", "status"), [("team", 200), ("outsider", 404), ("admin", 200), ("anonymous", 302)]
)
def test_versions_are_for_the_team_only(client, admin, who, status):
    from reports.factories import publish_directly

    inspection = build_inspection(cases=0, evidence_per_agency=0)
    publication = publish_directly(inspection)
    users = {
        "team": inspection.leads["cqc"],
        "outsider": person("version_outsider", "lead", "cqc"),
        "admin": admin,
    }
    if who in users:
        client.force_login(users[who])
    url = reverse("reports:version-pdf", args=[inspection.pk, publication.version.pk])
    assert client.get(url).status_code == status
