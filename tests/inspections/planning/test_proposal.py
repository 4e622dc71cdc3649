"""The proposal at national scale: paged, searched, filtered on the server, changed in bulk
with a confirmation before removing, at a fixed number of queries whatever the page."""

import re

import pytest
from django.urls import reverse

from inspections.planning import services
from inspections.planning.forms import PROPOSAL_PAGE_SIZE
from inspections.planning.models import ProgrammeChoice
from inspections.planning.selectors import REASON_FILTERS

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposed(programme, admin):
    services.programme_propose(programme=programme, by=admin)
    return programme


def _url(programme, name="proposal"):
    return reverse(f"inspections:planning:{name}", args=[programme.pk])


def _rows(html: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'<tr class="govuk-table__row" id="choice-(\d+)"', html)]


def test_the_proposal_is_paged_25_at_a_time_in_rank_order(client, admin, proposed):
    client.force_login(admin)
    ranked = list(proposed.choices.order_by("rank", "pk").values_list("pk", flat=True))
    assert len(ranked) == 153
    first = client.get(_url(proposed)).content.decode()
    assert _rows(first) == ranked[:PROPOSAL_PAGE_SIZE]
    assert "Areas 1 to 25 of 153" in first
    assert 'class="govuk-pagination"' in first and 'rel="next"' in first
    last = client.get(_url(proposed), {"page": 7}).content.decode()
    assert _rows(last) == ranked[150:]
    # A page past the end shows the last page rather than failing.
    assert _rows(client.get(_url(proposed), {"page": 99}).content.decode()) == ranked[150:]
    # No red button on every row: changes are made to the selected areas together.
    assert "govuk-button--warning" not in first
    assert first.count('name="choices"') == PROPOSAL_PAGE_SIZE


def test_search_and_filters_are_applied_on_the_server(client, admin, proposed):
    client.force_login(admin)
    html = client.get(_url(proposed), {"q": "north"}).content.decode()
    expected = proposed.choices.filter(authority__name__icontains="north").order_by("rank", "pk")
    assert _rows(html) == list(expected.values_list("pk", flat=True))[:PROPOSAL_PAGE_SIZE]
    assert "matching the filters" in html

    params = {"included": "in", "region": "GL", "grade": "inadequate"}
    expected = proposed.choices.filter(
        included=True, authority__region="GL", grade="inadequate"
    ).order_by("rank", "pk")
    html = client.get(_url(proposed), params).content.decode()
    assert _rows(html) == list(expected.values_list("pk", flat=True))
    # The filters keep what was chosen.
    assert '<option value="GL" selected>' in html

    for key, (_label, words) in REASON_FILTERS.items():
        html = client.get(_url(proposed), {"reason": key}).content.decode()
        expected = proposed.choices.filter(reason__icontains=words).order_by("rank", "pk")
        assert _rows(html) == list(expected.values_list("pk", flat=True))[:PROPOSAL_PAGE_SIZE], key
    no_grade = proposed.choices.filter(grade="").order_by("rank", "pk")
    html = client.get(_url(proposed), {"grade": "none"}).content.decode()
    assert _rows(html) == list(no_grade.values_list("pk", flat=True))


def test_a_filter_outside_its_choices_is_a_400_with_the_field_named(client, admin, proposed):
    client.force_login(admin)
    response = client.get(_url(proposed), {"region": "XX", "grade": "brilliant", "q": "Leeds"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert "Choose a region from the list" in html
    assert "Choose a grade from the list" in html
    assert 'value="Leeds"' in html  # what was typed is kept
    assert len(_rows(html)) == PROPOSAL_PAGE_SIZE  # unfiltered, not an empty page


@pytest.mark.parametrize("pages", [1, 7])
def test_the_proposal_costs_the_same_queries_on_any_page(
    client, admin, proposed, pages, django_assert_num_queries
):
    client.force_login(admin)
    client.get(_url(proposed))  # the session and the user, once
    # session, user, programme, counts, page count, page rows, latest run (nav)
    with django_assert_num_queries(7):
        response = client.get(_url(proposed), {"page": pages, "included": "out", "q": "e"})
    assert response.status_code == 200


def test_bulk_add_and_lock_change_every_selected_area(client, admin, proposed):
    client.force_login(admin)
    out = list(proposed.choices.filter(included=False).order_by("rank")[:3])
    response = client.post(
        _url(proposed, "proposal-bulk"),
        {"choices": [c.pk for c in out], "action": "add", "return_query": "included=out&page=2"},
    )
    assert response.status_code == 302
    assert response.url == _url(proposed) + "?included=out&page=2"
    for choice in out:
        choice.refresh_from_db()
        assert choice.included and choice.locked
        assert choice.reason.startswith("In: added and locked by")
    response = client.post(
        _url(proposed, "proposal-bulk"), {"choices": [c.pk for c in out], "action": "unlock"}
    )
    assert response.status_code == 302
    assert not ProgrammeChoice.objects.filter(pk__in=[c.pk for c in out], locked=True).exists()


def test_removing_asks_first_listing_the_areas_then_removes_them(client, admin, proposed):
    client.force_login(admin)
    chosen = list(proposed.choices.filter(included=True).order_by("rank")[:2])
    ids = [c.pk for c in chosen]
    response = client.post(_url(proposed, "proposal-bulk"), {"choices": ids, "action": "remove"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Remove 2 areas from the programme?" in html
    for choice in chosen:
        assert choice.authority.name in html
    assert ProgrammeChoice.objects.filter(pk__in=ids, included=True).count() == 2  # not yet

    response = client.post(
        _url(proposed, "proposal-bulk"),
        {"choices": ids, "action": "remove", "confirmed": "True", "return_query": "q=x"},
    )
    assert response.status_code == 302
    assert response.url == _url(proposed) + "?q=x"
    assert ProgrammeChoice.objects.filter(pk__in=ids, included=False, locked=True).count() == 2


def test_bulk_errors_are_400_with_the_page_and_a_summary(client, admin, proposed, programme):
    client.force_login(admin)
    response = client.post(_url(proposed, "proposal-bulk"), {"action": "add"})
    assert response.status_code == 400
    assert "Select at least one area" in response.content.decode()
    response = client.post(_url(proposed, "proposal-bulk"), {"choices": ["x"], "action": "add"})
    assert response.status_code == 400
    choice = proposed.choices.first()
    response = client.post(
        _url(proposed, "proposal-bulk"), {"choices": [choice.pk], "action": "explode"}
    )
    assert response.status_code == 400
    assert "Choose an action" in response.content.decode()


def test_an_area_of_another_programme_cannot_be_changed(
    client, admin, proposed, jtai_version, domestic_abuse
):
    from inspections.factories import make_programme

    other = make_programme(admin, jtai_version, domestic_abuse, name="Another")
    services.programme_propose(programme=other, by=admin)
    theirs = other.choices.first()
    client.force_login(admin)
    response = client.post(
        _url(proposed, "proposal-bulk"), {"choices": [theirs.pk], "action": "remove"}
    )
    assert response.status_code == 400
    theirs.refresh_from_db()
    assert not theirs.locked


def test_an_accepted_programme_offers_no_changes_and_refuses_them(client, admin, proposed):
    type(proposed).objects.filter(pk=proposed.pk).update(status="accepted")
    client.force_login(admin)
    html = client.get(_url(proposed)).content.decode()
    assert 'name="choices"' not in html and "With the selected areas" not in html
    choice = proposed.choices.first()
    response = client.post(
        _url(proposed, "proposal-bulk"), {"choices": [choice.pk], "action": "lock"}
    )
    assert response.status_code == 400
    assert "it can no longer change" in response.content.decode()


@pytest.mark.parametrize("persona", ["lead_inspector", "ofsted_inspector"])
def test_others_get_404_for_the_bulk_change(client, request, persona, proposed):
    client.force_login(request.getfixturevalue(persona))
    choice = proposed.choices.first()
    response = client.post(
        _url(proposed, "proposal-bulk"), {"choices": [choice.pk], "action": "lock"}
    )
    assert response.status_code == 404
