"""Moderating properly: reading a judgement (text, evidence, history) from the grid, signing
off one judgement or an inspectorate's after a check page listing exactly what is signed."""

import pytest
from django.urls import reverse

from agencies.factories import person
from inspections.models import Judgement, JudgementStatus
from reports.factories import build_inspection

pytestmark = pytest.mark.django_db


@pytest.fixture
def inspection():
    return build_inspection(cases=0, evidence_per_agency=2, judgement_status="completed")


def _cqc_judgement(inspection):
    return (
        Judgement.objects.filter(inspection=inspection, inspectorate__code="cqc")
        .select_related("agency", "area")
        .order_by("pk")
        .first()
    )


def test_the_grid_links_each_judgement_to_its_page(client, inspection):
    client.force_login(inspection.leads["ofsted"])
    page = client.get(reverse("inspections:moderation:grid", args=[inspection.pk])).content
    judgement = _cqc_judgement(inspection)
    url = reverse("inspections:moderation:judgement", args=[inspection.pk, judgement.pk])
    assert url.encode() in page


def test_the_judgement_page_shows_text_evidence_and_history(
    client, inspection, django_assert_max_num_queries
):
    judgement = _cqc_judgement(inspection)
    judgement.strengths = ["Health visitors know the families"]
    judgement.save()
    lead = inspection.leads["cqc"]
    client.force_login(lead)
    url = reverse("inspections:moderation:judgement", args=[inspection.pk, judgement.pk])
    with django_assert_max_num_queries(16):
        response = client.get(url)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Health visitors know the families" in page
    assert 'id="evidence"' in page and 'id="history"' in page
    args = [inspection.pk, judgement.pk]
    assert reverse("inspections:moderation:judgement-sign-off", args=args) in page
    assert reverse("inspections:moderation:return", args=args) in page


def test_an_inspector_cannot_open_moderation_and_an_outsider_gets_404(client, inspection):
    judgement = _cqc_judgement(inspection)
    url = reverse("inspections:moderation:judgement", args=[inspection.pk, judgement.pk])
    client.force_login(person("nobody_here", "inspector", "cqc"))
    assert client.get(url).status_code == 404


def test_signing_off_one_judgement_after_checking_it(client, inspection):
    judgement = _cqc_judgement(inspection)
    url = reverse("inspections:moderation:judgement-sign-off", args=[inspection.pk, judgement.pk])
    # Another inspectorate's lead may read it but not sign it off.
    client.force_login(inspection.leads["hmicfrs"])
    assert client.get(url).status_code == 403
    client.force_login(inspection.leads["cqc"])
    check = client.get(url)
    assert check.status_code == 200
    assert judgement.area.title in check.content.decode()
    assert client.post(url, {"version": "x"}).status_code == 400
    # A judgement changed since it was read is not signed off unseen.
    stale = client.post(url, {"version": judgement.version + 1})
    assert stale.status_code == 400
    assert "changed since you read it" in stale.content.decode()
    assert client.post(url, {"version": judgement.version}).status_code == 302
    judgement.refresh_from_db()
    assert judgement.status == JudgementStatus.SIGNED_OFF
    assert judgement.signed_off_by == inspection.leads["cqc"]
    others = Judgement.objects.filter(inspection=inspection, inspectorate__code="cqc")
    assert others.filter(status=JudgementStatus.COMPLETED).count() == others.count() - 1


def test_the_inspectorate_sign_off_signs_exactly_what_the_check_page_listed(client, inspection):
    lead = inspection.leads["cqc"]
    client.force_login(lead)
    check = client.get(reverse("inspections:moderation:sign-off-confirm", args=[inspection.pk]))
    listed = [
        f"{j.pk}:{j.version}"
        for j in Judgement.objects.filter(inspection=inspection, inspectorate__code="cqc")
    ]
    for value in listed:
        assert f'name="checked" value="{value}"' in check.content.decode()
    url = reverse("inspections:moderation:sign-off", args=[inspection.pk])
    # One judgement changed after the check: nothing is signed off.
    Judgement.objects.filter(pk=int(listed[0].split(":")[0])).update(version=99)
    client.post(url, {"checked": listed})
    assert not Judgement.objects.filter(
        inspection=inspection, status=JudgementStatus.SIGNED_OFF
    ).exists()
    listed[0] = listed[0].split(":")[0] + ":99"
    client.post(url, {"checked": listed})
    signed = Judgement.objects.filter(inspection=inspection, status=JudgementStatus.SIGNED_OFF)
    assert signed.count() == len(listed)
