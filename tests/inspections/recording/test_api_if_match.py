"""A judgement saved by If-Match: the ETag of the judgement read stands for the body's
`version` (412 when it names another; 428 with neither), as for every versioned resource."""

import pytest
from rest_framework.test import APIClient

from .conftest import judgement_of

pytestmark = pytest.mark.django_db


def client_for(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_a_judgement_by_if_match(team, cqc_inspector, hmicfrs_inspector):
    judgement = judgement_of(team, "cqc")
    api = client_for(cqc_inspector)
    url = f"/api/judgements/{judgement.pk}/"
    read = api.get(url)
    assert read["ETag"] == '"0"'
    saved = api.put(url, {"grade": "good"}, format="json", HTTP_IF_MATCH=read["ETag"])
    assert saved.status_code == 200 and saved["ETag"] == '"1"'
    stale = api.put(url, {"grade": "inadequate"}, format="json", HTTP_IF_MATCH=read["ETag"])
    assert stale.status_code == 412
    assert api.put(url, {"grade": "inadequate"}, format="json").status_code == 428
    judgement.refresh_from_db()
    assert (judgement.version, judgement.grade) == (1, "good")
    # 404 before any precondition for what one may not see; 403 for what one may not change.
    other = client_for(hmicfrs_inspector).put(
        url, {"grade": "good"}, format="json", HTTP_IF_MATCH='"1"'
    )
    assert other.status_code == 403
