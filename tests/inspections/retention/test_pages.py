"""The retention page of an inspection (admins): what is held and when each kind goes, and
placing and lifting a legal hold through its confirmation pages."""

import datetime

import pytest
from django.urls import reverse

from inspections.models import LegalHold
from inspections.retention import registry
from jtai import clock
from tests.conftest import PageReader

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def as_admin(client, admin):
    client.force_login(admin)
    return client


def test_the_page_shows_what_is_held_and_when_each_kind_goes(
    as_admin, published, django_assert_max_num_queries
):
    url = reverse("inspections:retention", args=[published.pk])
    with django_assert_max_num_queries(25):  # one count per kind, whatever the data
        response = as_admin.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert PageReader(html).h1 == 1
    for kind in registry.kinds():
        assert f'data-kind="{kind.code}"' in html
        assert kind.label.replace("'", "&#x27;") in html
    assert "30 January 2018" in html  # periods run from publication
    assert "30 April 2018" in html  # uploads and working drafts: 3 months
    assert "30 July 2018" in html  # case samples, evidence: 6 months
    assert "30 January 2019" in html  # report versions: 12 months


def test_the_inspection_page_links_admins_to_it(as_admin, client, published):
    url = reverse("inspections:detail", args=[published.pk])
    link = reverse("inspections:retention", args=[published.pk])
    assert link in as_admin.get(url).content.decode()
    client.force_login(published.leads["ofsted"])
    assert link not in client.get(url).content.decode()


def test_placing_and_lifting_a_legal_hold(as_admin, published, admin):
    place = reverse("inspections:legal-hold-place", args=[published.pk])
    lift = reverse("inspections:legal-hold-lift", args=[published.pk])
    page = reverse("inspections:retention", args=[published.pk])

    assert as_admin.get(place).status_code == 200
    assert as_admin.post(place, {"reason": ""}).status_code == 400
    with clock.travel_to(D(2018, 3, 1)):
        response = as_admin.post(place, {"reason": "A complaint is under investigation."})
    assert response.status_code == 302 and response.url == page
    hold = LegalHold.objects.get(inspection=published)
    assert hold.by == admin and hold.is_active
    html = as_admin.get(page).content.decode()
    assert "A complaint is under investigation." in html and "In place" in html

    # A second hold while one is in place is a conflict, shown on the form.
    assert as_admin.post(place, {"reason": "Again."}).status_code == 400

    confirm = as_admin.get(lift)
    assert confirm.status_code == 200 and "Lift the legal hold?" in confirm.content.decode()
    assert as_admin.post(lift).status_code == 302
    hold.refresh_from_db()
    assert hold.lifted_by == admin and not hold.is_active
    assert "Earlier legal holds" in as_admin.get(page).content.decode()
    # Nothing left to lift: back to the page.
    assert as_admin.get(lift).status_code == 302


@pytest.mark.parametrize("name", ["retention", "legal-hold-place", "legal-hold-lift"])
def test_only_admins_may_open_the_pages(client, published, name, ofsted_inspector):
    url = reverse(f"inspections:{name}", args=[published.pk])
    assert client.get(url).status_code == 302  # sign in first
    client.force_login(ofsted_inspector)
    assert client.get(url).status_code == 403
    assert client.post(url, {"reason": "x"}).status_code == 403
    assert not LegalHold.objects.exists()


def test_an_unknown_inspection_is_not_found(as_admin):
    assert as_admin.get(reverse("inspections:retention", args=[999999])).status_code == 404
