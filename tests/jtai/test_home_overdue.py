"""The overdue written statement of action is flagged on the admin's home page and on the home
page of the inspection's overall lead, from the day after it is due, with a link to it."""

import datetime

import pytest
from django.urls import reverse

from agencies.factories import person
from jtai import clock
from reports.factories import build_inspection, publish_directly
from reports.models import ActionPlan

pytestmark = pytest.mark.django_db

DUE = datetime.date(2018, 5, 11)


@pytest.fixture
def plan():
    inspection = build_inspection(cases=0, evidence_per_agency=0)
    publication = publish_directly(inspection)
    plan = ActionPlan.objects.create(publication=publication, due_date=DUE)
    plan.inspection = inspection
    return plan


def home(client, user, day):
    client.force_login(user)
    with clock.travel_to(day):
        return client.get(reverse("home")).content.decode()


@pytest.mark.parametrize("who", ["admin", "overall_lead"])
def test_flagged_the_day_after_it_is_due_not_on_the_day(client, plan, admin, who):
    user = admin if who == "admin" else plan.inspection.leads["ofsted"]
    name = plan.inspection.authority.name
    on_the_day = home(client, user, DUE)
    assert "statement of action is overdue" not in on_the_day
    day_after = home(client, user, DUE + datetime.timedelta(days=1))
    assert "1 written statement of action is overdue" in day_after
    assert f"{name}: due 11 May 2018" in day_after
    link = reverse("reports:action-plan-evaluation", args=[plan.inspection.pk])
    assert f'href="{link}"' in day_after


def test_not_flagged_to_others_nor_once_submitted(client, plan, admin):
    later = DUE + datetime.timedelta(days=3)
    # Another inspection's lead, an inspectorate's lead on the team, an inspector: not theirs.
    for user in (
        person("another_lead", "lead", "ofsted"),
        plan.inspection.leads["cqc"],
        person("an_inspector", "inspector", "ofsted"),
    ):
        assert "statement of action is overdue" not in home(client, user, later)
    ActionPlan.objects.filter(pk=plan.pk).update(status="submitted")
    assert "statement of action is overdue" not in home(client, admin, later)


def test_the_home_page_counts_its_queries(client, plan, admin, django_assert_max_num_queries):
    client.force_login(admin)
    with clock.travel_to(DUE + datetime.timedelta(days=1)):
        with django_assert_max_num_queries(12):
            client.get(reverse("home"))


def test_a_leeds_statement_asked_for_through_the_lifecycle_is_flagged(client, admin):
    """As in the demo: Leeds published on 27 March 2026 and asked for its statement (70
    working days: due 9 July 2026), which never came."""
    from inspections.services.transitions import inspection_transition

    inspection = build_inspection(authority="leeds", cases=0, evidence_per_agency=0)
    published = datetime.datetime(2026, 3, 27, 9, 30, tzinfo=datetime.UTC)
    with clock.travel_to(published):
        publish_directly(inspection, publish_at=published)
        inspection_transition(
            inspection=inspection, verb="await_action_plan", by=inspection.leads["ofsted"]
        )
    plan = ActionPlan.objects.get(publication__inspection=inspection)
    assert plan.due_date == datetime.date(2026, 7, 9)
    for user in (admin, inspection.leads["ofsted"]):
        assert "Leeds: due 9 July 2026" not in home(client, user, datetime.date(2026, 7, 9))
        assert "Leeds: due 9 July 2026" in home(client, user, datetime.date(2026, 7, 10))
