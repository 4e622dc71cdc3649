"""The public register: filters and a fixed number of queries."""

import pytest
from django.urls import reverse

from reports.factories import build_inspection
from reports.models import Publication

pytestmark = pytest.mark.django_db


def test_register_filters_and_query_count(client, django_assert_max_num_queries):
    from reports.factories import publish_directly

    for _ in range(3):
        publish_directly(build_inspection(cases=0, evidence_per_agency=0))
    with django_assert_max_num_queries(12):
        response = client.get(reverse("reports:register"))
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == 3
    first = Publication.objects.first()
    filtered = client.get(
        reverse("reports:register"), {"authority": first.inspection.authority.slug}
    )
    assert filtered.context["page_obj"].paginator.count == 1
    assert client.get(reverse("reports:register"), {"year": "1066"}).status_code == 400
    for _ in range(3):
        publish_directly(build_inspection(cases=0, evidence_per_agency=0))
    with django_assert_max_num_queries(12):
        client.get(reverse("reports:register"))
