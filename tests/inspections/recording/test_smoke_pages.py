import pytest
from django.urls import reverse

from .conftest import judgement_of

pytestmark = pytest.mark.django_db


def test_every_page_renders_for_the_cqc_inspector(client, team, cqc_inspector):
    client.force_login(cqc_inspector)
    j = judgement_of(team, "cqc")
    shared = team.shared_judgements.get()
    for name, kwargs in [
        ("tasks", {"pk": team.pk}),
        ("judgement", {"pk": team.pk, "judgement_pk": j.pk}),
        ("judgement-history", {"pk": team.pk, "judgement_pk": j.pk}),
        ("evidence", {"pk": team.pk}),
        ("evidence-add", {"pk": team.pk}),
        ("cases", {"pk": team.pk}),
        ("case-add", {"pk": team.pk}),
        ("shared", {"pk": team.pk, "shared_pk": shared.pk}),
    ]:
        response = client.get(reverse(f"inspections:recording:{name}", kwargs=kwargs))
        assert response.status_code == 200, name
        assert response.content.count(b"<h1") == 1, name
