"""The pages: schedule (questions, check your answers, confirmation), list, inspection page
with its next steps, team, calendar, my schedule and its feed, frameworks, partner agencies."""

import datetime
import re

import pytest
from django.urls import reverse

from inspections.models import Inspection, Status, TeamRole

D = datetime.date
pytestmark = pytest.mark.django_db


def one_h1(html: str) -> bool:
    return len(re.findall(r"<h1[ >]", html)) == 1


@pytest.fixture
def as_admin(client, admin):
    client.force_login(admin)
    return client


def test_schedule_journey(as_admin, haringey):
    response = as_admin.get(reverse("inspections:schedule"))
    assert response.status_code == 200 and one_h1(response.content.decode())
    response = as_admin.post(reverse("inspections:schedule-authority"), {"authority": ""})
    assert response.status_code == 400
    assert "Select the local authority" in response.content.decode()
    response = as_admin.post(reverse("inspections:schedule-authority"), {"authority": haringey.pk})
    assert response.url == reverse("inspections:schedule-framework")
    from inspections.models import Framework

    jtai = Framework.objects.get(code="jtai")
    response = as_admin.post(reverse("inspections:schedule-framework"), {"framework": jtai.pk})
    assert response.url == reverse("inspections:schedule-theme")
    neglect = jtai.themes.get(code="neglect")
    response = as_admin.post(reverse("inspections:schedule-theme"), {"theme": neglect.pk})
    assert response.url == reverse("inspections:schedule-window")
    # Not a Monday: the error is shown and what was typed is kept.
    response = as_admin.post(
        reverse("inspections:schedule-window"),
        {"window_start_day": "5", "window_start_month": "12", "window_start_year": "2017"},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "The window must start on a Monday" in html
    assert 'value="2017"' in html
    response = as_admin.post(
        reverse("inspections:schedule-window"),
        {"window_start_day": "4", "window_start_month": "12", "window_start_year": "2017"},
    )
    assert response.status_code == 302, re.findall(
        r"govuk-error-message.*", response.content.decode()
    )
    assert response.url == reverse("inspections:schedule-inspectorates")
    response = as_admin.post(reverse("inspections:schedule-inspectorates"), {})
    assert response.url == reverse("inspections:schedule-check")
    response = as_admin.get(reverse("inspections:schedule-check"))
    html = response.content.decode()
    assert "Check your answers" in html and one_h1(html)
    assert "Tuesday 21 November 2017" in html  # the notification date, day 1
    assert 'Change<span class="govuk-visually-hidden"> window start' in html
    response = as_admin.post(reverse("inspections:schedule-check"))
    inspection = Inspection.objects.get()
    assert response.url == reverse("inspections:schedule-done", args=[inspection.pk])
    html = as_admin.get(response.url).content.decode()
    assert "govuk-panel--confirmation" in html and "Inspection scheduled" in html


def test_check_answers_links_errors_to_the_question(as_admin, haringey, haringey_jtai):
    from inspections.models import Framework

    session = as_admin.session
    session["schedule_answers"] = {
        "authority": haringey.pk,
        "framework": Framework.objects.get(code="child-protection-2012").pk,
        "window_start": "2017-11-27",
    }
    session.save()
    html = as_admin.get(reverse("inspections:schedule-check")).content.decode()
    assert "two inspections of one area cannot overlap" in html
    assert reverse("inspections:schedule-window") + "?change=1" in html


def test_schedule_is_for_admins(client, ofsted_inspector):
    client.force_login(ofsted_inspector)
    assert client.get(reverse("inspections:schedule")).status_code == 403
    assert client.get(reverse("inspections:schedule-check")).status_code == 403
    assert client.get(reverse("inspections:partner-agency-list")).status_code == 403
    assert client.get(reverse("inspections:theme-create", args=["jtai"])).status_code == 403


def test_anonymous_people_are_asked_to_sign_in(client):
    response = client.get(reverse("inspections:list"))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_list_filters_and_scope(client, full_team, ofsted_inspector, hmiprobation_inspector):
    client.force_login(ofsted_inspector)
    html = client.get(reverse("inspections:list")).content.decode()
    assert "Haringey" in html and one_h1(html)
    html = client.get(reverse("inspections:list") + "?status=published").content.decode()
    assert "No inspections match" in html
    response = client.get(reverse("inspections:list") + "?date_from_day=40&date_from_month=1")
    assert "Enter a real date" in response.content.decode()
    client.force_login(hmiprobation_inspector)
    assert "Haringey" not in client.get(reverse("inspections:list")).content.decode()
    assert client.get(reverse("inspections:detail", args=[full_team.pk])).status_code == 404


def test_inspection_page_and_next_step(as_admin, full_team):
    url = reverse("inspections:detail", args=[full_team.pk])
    html = as_admin.get(url).content.decode()
    assert one_h1(html)
    assert "Notify the area" in html and "Cancel the inspection" in html
    assert "Metropolitan Police Service" in html
    response = as_admin.post(
        reverse("inspections:transition", args=[full_team.pk, "notify"]),
        {"notify-lock_version": full_team.lock_version},
    )
    assert response.status_code == 302
    full_team.refresh_from_db()
    assert full_team.status == Status.NOTIFIED
    html = as_admin.get(url).content.decode()
    assert "The area and the team have been notified" in html
    assert "Start fieldwork" in html
    # Cancelling without a reason: an error, inline and in the summary.
    response = as_admin.post(
        reverse("inspections:transition", args=[full_team.pk, "cancel"]),
        {"cancel-reason": "", "cancel-lock_version": full_team.lock_version},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "govuk-error-summary" in html and "Enter a reason" in html


def test_inspection_page_for_a_team_member_shows_no_admin_steps(
    client, full_team, ofsted_inspector
):
    client.force_login(ofsted_inspector)
    html = client.get(reverse("inspections:detail", args=[full_team.pk])).content.decode()
    assert "Notify the area" not in html
    response = client.post(reverse("inspections:transition", args=[full_team.pk, "notify"]), {})
    assert response.status_code == 403


def test_team_page(as_admin, haringey_jtai, cqc_inspector, ofsted_inspector):
    url = reverse("inspections:team", args=[haringey_jtai.pk])
    html = as_admin.get(url).content.decode()
    assert "The team has no overall lead inspector" in html and one_h1(html)
    response = as_admin.post(url, {"user": cqc_inspector.pk, "role": TeamRole.OVERALL_LEAD})
    assert response.status_code == 400
    assert "The overall lead inspector must be from Ofsted" in response.content.decode()
    response = as_admin.post(url, {"user": cqc_inspector.pk, "role": TeamRole.INSPECTORATE_LEAD})
    assert response.status_code == 302
    member = haringey_jtai.team.get()
    response = as_admin.post(
        reverse("inspections:team-member-remove", args=[haringey_jtai.pk, member.pk])
    )
    assert response.status_code == 302 and not haringey_jtai.team.exists()


def test_calendar_marks_christmas_and_clashes(as_admin, haringey, integrated, enfield, admin):
    from inspections.services import scheduling

    scheduling.inspection_schedule(
        authority=haringey, framework_version=integrated, window_start=D(2015, 12, 7)
    )
    html = as_admin.get(reverse("inspections:calendar") + "?from=2015-09").content.decode()
    assert one_h1(html)
    assert "Haringey" in html
    assert "The window runs over Christmas" in html
    assert "jtai-calendar__bar--christmas" in html


def test_my_schedule_and_ics_feed(client, full_team, cqc_inspector):
    client.force_login(cqc_inspector)
    html = client.get(reverse("inspections:my-schedule")).content.decode()
    assert one_h1(html)
    feed = re.search(r'value="(http[^"]+my-schedule\.ics\?token=[^"]+)"', html).group(1)
    client.logout()
    response = client.get(feed.split("testserver", 1)[1])
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert "SUMMARY:Haringey: Joint targeted area inspection" in body
    assert "DTSTART;VALUE=DATE:20171204" in body
    assert "DTEND;VALUE=DATE:20171209" in body
    assert client.get(reverse("inspections:my-schedule-ics") + "?token=wrong").status_code == 404


def test_frameworks_pages_and_adding_a_theme(as_admin):
    html = as_admin.get(reverse("inspections:framework-list")).content.decode()
    assert "Integrated inspection" in html and one_h1(html)
    html = as_admin.get(reverse("inspections:framework-detail", args=["jtai"])).content.decode()
    assert "Abuse and neglect of older children" in html and "Add a theme" in html
    url = reverse("inspections:theme-create", args=["jtai"])
    response = as_admin.post(url, {"name": ""})
    assert response.status_code == 400 and "Enter the theme" in response.content.decode()
    response = as_admin.post(
        url,
        {
            "name": "Children at risk online",
            "start_date_day": "1",
            "start_date_month": "9",
            "start_date_year": "2026",
        },
    )
    assert response.status_code == 302
    html = as_admin.get(reverse("inspections:framework-detail", args=["jtai"])).content.decode()
    assert "Children at risk online" in html


def test_partner_agency_pages(as_admin, haringey, enfield):
    html = as_admin.get(
        reverse("inspections:partner-agency-list") + f"?authority={haringey.gss_code}"
    ).content.decode()
    assert "Metropolitan Police Service" in html and one_h1(html)
    url = reverse("inspections:partner-agency-create")
    response = as_admin.post(url, {"name": "", "authorities": []})
    assert response.status_code == 400
    from agencies.models import AgencyType

    response = as_admin.post(
        url,
        {
            "name": "Whittington Health NHS Trust",
            "agency_type": AgencyType.objects.get(code="health").pk,
            "authorities": [haringey.pk, enfield.pk],
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    from agencies.models import PartnerAgency

    agency = PartnerAgency.objects.get(name="Whittington Health NHS Trust")
    assert agency.authorities.count() == 2
    response = as_admin.get(reverse("inspections:partner-agency-edit", args=[agency.pk]))
    assert response.status_code == 200


def test_change_window_page(as_admin, haringey_jtai):
    url = reverse("inspections:change", args=[haringey_jtai.pk])
    response = as_admin.post(
        url,
        {
            "window_start_day": "27",
            "window_start_month": "11",
            "window_start_year": "2017",
            "lock_version": haringey_jtai.lock_version,
        },
    )
    assert response.status_code == 302
    haringey_jtai.refresh_from_db()
    assert haringey_jtai.window_start == D(2017, 11, 27)
    Inspection.objects.filter(pk=haringey_jtai.pk).update(status=Status.NOTIFIED)
    assert as_admin.get(url).status_code == 302


def test_notifying_with_an_incomplete_team_links_to_the_team_page(as_admin, haringey_jtai):
    response = as_admin.post(
        reverse("inspections:transition", args=[haringey_jtai.pk, "notify"]),
        {"notify-lock_version": haringey_jtai.lock_version},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "The area cannot be notified until the team is complete" in html
    team_url = reverse("inspections:team", args=[haringey_jtai.pk])
    assert f'<a href="{team_url}">CQC has no lead inspector</a>' in html
    assert "<title>Error:" in html


def test_inspectorates_named_as_they_were_at_the_time(as_admin, haringey, integrated):
    from inspections.services import scheduling

    inspection = scheduling.inspection_schedule(
        authority=haringey, framework_version=integrated, window_start=D(2016, 2, 1)
    ).inspection
    html = as_admin.get(reverse("inspections:detail", args=[inspection.pk])).content.decode()
    assert "Her Majesty&#x27;s Inspectorate of Constabulary</li>" in html
    assert "Fire &amp; Rescue" not in html


def test_notify_is_offered_only_once_the_team_is_complete(as_admin, haringey_jtai):
    html = as_admin.get(reverse("inspections:detail", args=[haringey_jtai.pk])).content.decode()
    assert "Before the area can be notified" in html
    assert "HMICFRS has no lead inspector" in html
    assert "Notify the area</button>" not in html


def test_changing_a_framework_version_in_use_makes_a_new_version(
    as_admin, full_team, client, ofsted_inspector
):
    url = reverse("inspections:framework-version-edit", args=["jtai", 1])
    Inspection.objects.filter(pk=full_team.pk).update(status=Status.FIELDWORK)
    html = as_admin.get(url).content.decode()
    assert "Saving makes a new version" in html and one_h1(html)
    data = {
        "active_from_day": "1",
        "active_from_month": "2",
        "active_from_year": "2016",
        "window_days": "5",
        "notice_working_days": "10",
        "action_plan_working_days": "70",
        "min_tracked_cases": "6",
        "method": "Six tracked cases.",
    }
    response = as_admin.post(url, {**data, "window_days": "0"})
    assert response.status_code == 400
    response = as_admin.post(url, data)
    assert response.status_code == 302
    from inspections.models import Framework

    versions = Framework.objects.get(code="jtai").versions.order_by("version")
    assert [(v.version, v.min_tracked_cases) for v in versions] == [(1, 5), (2, 6)]
    full_team.refresh_from_db()
    assert full_team.framework_version.version == 1
    client.force_login(ofsted_inspector)
    assert client.get(url).status_code == 403
