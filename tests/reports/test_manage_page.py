"""The team's report page: for the team only."""

import pytest
from django.urls import reverse

from agencies.factories import person

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("who", ["outsider", "anonymous"])
def test_outsiders_never_see_the_team_pages(client, inspection, who):
    if who == "outsider":
        client.force_login(person("nosy_inspector", "inspector", "cqc"))
    urls = [
        reverse("reports:inspection", args=[inspection.pk]),
        reverse("inspections:moderation:grid", args=[inspection.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == (404 if who == "outsider" else 302)
