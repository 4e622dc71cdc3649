"""Who may do what with a report, asked from the outside: a team member who is not the overall
lead sees the report but may not write it (403, page and API alike); an outsider is not told
it exists (404); only an admin accepts a statement of action or sees the overdue list."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from agencies.factories import person
from reports import permissions, services
from reports.factories import build_inspection, publish_directly
from reports.models import ActionPlan, ActionPlanStatus, ReportJob

pytestmark = pytest.mark.django_db

TEAM_POSTS = [
    ("reports:findings", {"key_findings": "Children are safer."}),
    ("reports:generate", {"kind": "draft"}),
    ("reports:publish", {"when": "now"}),
]


@pytest.mark.parametrize(("name", "data"), TEAM_POSTS)
@pytest.mark.parametrize(("who", "status"), [("cqc_lead", 403), ("outsider", 404)])
def test_only_the_overall_lead_writes_the_report(client, inspection, name, data, who, status):
    user = inspection.leads["cqc"] if who == "cqc_lead" else person("nosy_lead", "lead", "cqc")
    client.force_login(user)
    assert client.get(reverse("reports:inspection", args=[inspection.pk])).status_code == (
        200 if who == "cqc_lead" else 404
    )
    assert client.post(reverse(name, args=[inspection.pk]), data).status_code == status
    assert not ReportJob.objects.filter(inspection=inspection).exists()


@pytest.mark.parametrize(("who", "status"), [("cqc_lead", 403), ("outsider", 404)])
def test_the_api_answers_the_same(inspection, who, status):
    api = APIClient()
    user = inspection.leads["cqc"] if who == "cqc_lead" else person("api_nosy", "lead", "cqc")
    api.force_authenticate(user)
    url = f"/api/inspections/{inspection.pk}/reports/"
    assert api.post(url, {"kind": "draft"}).status_code == status
    assert api.get(url).status_code == (200 if who == "cqc_lead" else 404)


def test_services_refuse_whoever_calls(inspection):
    cqc_lead = inspection.leads["cqc"]
    with pytest.raises(PermissionDenied):
        services.report_draft_update(inspection=inspection, user=cqc_lead, key_findings="x")
    with pytest.raises(PermissionDenied):
        services.report_job_create(inspection=inspection, user=cqc_lead, kind="draft")
    with pytest.raises(PermissionDenied):
        services.report_publish(inspection=inspection, user=cqc_lead)


@pytest.mark.parametrize(
    ("who", "record", "accept"),
    [("overall_lead", True, False), ("cqc_lead", False, False), ("admin", True, True)],
)
def test_statement_of_action_roles(admin, who, record, accept):
    inspection = build_inspection(cases=0, evidence_per_agency=0)
    user = {
        "overall_lead": inspection.leads["ofsted"],
        "cqc_lead": inspection.leads["cqc"],
        "admin": admin,
    }[who]
    assert permissions.can_record_action_plan(user, inspection) is record
    assert permissions.can_accept_action_plan(user) is accept
    publication = publish_directly(inspection)
    plan = ActionPlan.objects.create(
        publication=publication,
        due_date=timezone.localdate() + datetime.timedelta(days=30),
        status=ActionPlanStatus.SUBMITTED,
    )
    if not accept:
        with pytest.raises(PermissionDenied):
            services.action_plan_accept(action_plan=plan, user=user)


def test_a_refused_acceptance_is_a_403_page(client, inspection):
    publication = publish_directly(inspection)
    ActionPlan.objects.create(
        publication=publication,
        due_date=timezone.localdate() + datetime.timedelta(days=30),
        status=ActionPlanStatus.SUBMITTED,
    )
    client.force_login(inspection.leads["ofsted"])
    response = client.post(reverse("reports:action-plan", args=[inspection.pk]), {"accept": "1"})
    assert response.status_code == 403
    assert ActionPlan.objects.get(publication=publication).status == ActionPlanStatus.SUBMITTED
