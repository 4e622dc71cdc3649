"""Demo accounts exist only in demo mode, are idempotent and can sign in; the demo data is built
through the services, so every history is a real path through the lifecycle."""

import datetime
import io
import re
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count
from django.test import override_settings
from django.utils import timezone

from agencies import demo
from agencies.models import User
from inspections import workdays
from inspections.lifecycle import TRANSITIONS
from inspections.models import Inspection, Status, TeamRole
from jtai.management.commands.seed_demo import SEEDERS
from reports.models import ActionPlan, FactualAccuracyComment, Publication, VersionKind

pytestmark = pytest.mark.django_db

EXPECTED = {
    "admin": ("admin", None),
    "lead": ("lead", "ofsted"),
    "ofsted": ("inspector", "ofsted"),
    "cqc": ("inspector", "cqc"),
    "hmicfrs": ("inspector", "hmicfrs"),
    "hmiprobation": ("inspector", "hmiprobation"),
    "hmiprisons": ("inspector", "hmiprisons"),
}


def test_seed_creates_one_account_per_persona(monkeypatch):
    monkeypatch.delenv("JTAI_DEMO_PASSWORD", raising=False)
    demo.seed(io.StringIO())
    people = {u.username: u for u in User.objects.select_related("inspectorate")}
    assert set(EXPECTED) <= set(people)
    for username, (role, inspectorate) in EXPECTED.items():
        user = people[username]
        assert user.role == role
        assert (user.inspectorate.code if user.inspectorate else None) == inspectorate
        assert user.check_password("demo-password-change-me")
        assert user.first_name and user.last_name
    assert people["admin"].is_staff and people["admin"].is_superuser
    assert not people["ofsted"].is_staff


def test_seed_is_idempotent(monkeypatch):
    monkeypatch.delenv("JTAI_DEMO_PASSWORD", raising=False)
    demo.seed(io.StringIO())
    before = {u.username: (u.pk, u.password) for u in User.objects.all()}
    out = io.StringIO()
    demo.seed(out)
    after = {u.username: (u.pk, u.password) for u in User.objects.all()}
    assert before == after
    assert "already there" in out.getvalue()


def test_demo_password_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("JTAI_DEMO_PASSWORD", "another long demo password")
    demo.seed(io.StringIO())
    assert User.objects.get(username="cqc").check_password("another long demo password")


def test_demo_accounts_sign_in(client, monkeypatch):
    monkeypatch.delenv("JTAI_DEMO_PASSWORD", raising=False)
    demo.seed(io.StringIO())
    response = client.post(
        "/accounts/login/", {"username": "lead", "password": "demo-password-change-me"}
    )
    assert response.status_code == 302
    assert "Margaret" in client.get("/").content.decode()


@override_settings(DEMO_MODE=False)
def test_seed_demo_refuses_outside_demo_mode():
    with pytest.raises(CommandError, match="only for demo mode"):
        call_command("seed_demo", stdout=io.StringIO())
    assert not User.objects.filter(username__in=EXPECTED).exists()


D = datetime.date
PUBLISHED_STATES = (Status.PUBLISHED, Status.ACTION_PLAN_DUE, Status.CLOSED)


def _local(moment) -> datetime.date:
    return timezone.localdate(moment)


def _assert_histories_are_lifecycle_paths():
    for inspection in Inspection.objects.prefetch_related("transitions"):
        history = sorted(inspection.transitions.all(), key=lambda t: (t.at, t.pk))
        assert history, inspection.reference
        first, *steps = history
        assert (first.verb, first.from_status, first.to_status) == ("schedule", "", Status.PLANNED)
        status = Status.PLANNED
        for step in steps:
            rule = TRANSITIONS[step.verb]
            assert step.from_status == status, (inspection.reference, step.verb)
            assert status in rule.sources and step.to_status == rule.target, step.verb
            status = step.to_status
        assert status == inspection.status, inspection.reference
        assert [t.pk for t in history] == sorted(t.pk for t in history), inspection.reference


def _assert_published_have_their_publication():
    published = Inspection.objects.filter(status__in=PUBLISHED_STATES)
    assert published.count() >= 2
    for inspection in published:
        publication = Publication.objects.get(inspection=inspection)
        assert publication.version.inspection_id == inspection.pk
        assert publication.version.kind == VersionKind.FINAL
        published_at = inspection.transitions.get(verb="publish").at
        assert publication.publish_at == published_at
        assert publication.version.created_at < published_at
    assert not Publication.objects.exclude(inspection__status__in=PUBLISHED_STATES).exists()


def _assert_haringey_tells_its_story():
    haringey = Inspection.objects.get(reference="demo-published")
    assert haringey.authority.name == "Haringey"
    assert haringey.framework_version.framework.code == "jtai"
    assert haringey.theme.code == "neglect"
    assert (haringey.window_start, haringey.window_end) == (D(2017, 12, 4), D(2017, 12, 8))
    days = {t.verb: _local(t.at) for t in haringey.transitions.all()}
    assert days["notify"] == D(2017, 11, 21)
    assert days["start_fieldwork"] == D(2017, 12, 4)
    assert days["send_for_factual_accuracy"] == D(2018, 1, 3)
    assert days["publish"] == D(2018, 1, 30)
    assert _local(haringey.notification_sent_at) == D(2017, 11, 21)
    comment = FactualAccuracyComment.objects.get(request__version__inspection=haringey)
    assert _local(comment.recorded_at) == D(2018, 1, 16)
    assert _local(comment.request.sent_at) == D(2018, 1, 3)
    assert haringey.status == Status.ACTION_PLAN_DUE
    assert haringey.action_plan_due_date == D(2018, 5, 11)  # 70 working days
    assert ActionPlan.objects.get(publication__inspection=haringey).due_date == D(2018, 5, 11)
    assert all(_local(v.created_at) <= D(2018, 1, 30) for v in haringey.report_versions.all())
    assert not haringey.judgements.exclude(status="signed_off").exists()


def _assert_the_integrated_proposal_only_runs_in_the_future():
    today = timezone.localdate()
    integrated = Inspection.objects.filter(framework_version__framework__code="integrated-2015")
    assert integrated.exists()
    for inspection in integrated:
        assert "Hypothetical run" in inspection.framework_version.method
        assert inspection.framework_version.active_from >= today - datetime.timedelta(days=1)
        assert inspection.window_start > today
        assert inspection.notification_date > today
        assert all(
            _local(t.at) >= today - datetime.timedelta(days=1) for t in inspection.transitions.all()
        )


def _assert_live_examples_at_their_stages():
    stages = {
        "demo-fieldwork": Status.FIELDWORK,
        "demo-moderation": Status.MODERATION,
        "demo-notified": Status.NOTIFIED,
        "demo-planned": Status.PLANNED,
        "demo-deferred": Status.DEFERRED,
    }
    found = dict(Inspection.objects.filter(reference__in=stages).values_list("reference", "status"))
    assert found == stages
    now = timezone.now()
    # Only the hypothetical run taken to its report has steps on days still to come: its
    # whole story is a future one, never shown as history.
    future = Inspection.objects.filter(transitions__at__gt=now).distinct()
    assert list(future.values_list("reference", flat=True)) == ["demo-hypothetical-report"]


def _assert_every_feature_is_there():
    by_reference = {i.reference: i for i in Inspection.objects.all()}
    fieldwork = by_reference["demo-fieldwork"]
    assert {"completed", "in_progress", "not_started"} <= set(
        fieldwork.judgements.values_list("status", flat=True)
    )
    assert fieldwork.evidence.exists() and fieldwork.case_samples.exists()
    moderation = by_reference["demo-moderation"].judgements
    assert moderation.filter(status="returned").count() == 1
    signed_off = moderation.filter(status="signed_off")
    assert set(signed_off.values_list("inspectorate__code", flat=True)) == {"cqc"}
    haringey = by_reference["demo-published"]
    assert set(haringey.report_versions.values_list("kind", flat=True)) == {
        VersionKind.DRAFT,
        VersionKind.FACTUAL_ACCURACY,
        VersionKind.FINAL,
    }
    planned = by_reference["demo-planned"]
    assert planned.inspectorates.filter(code="hmiprisons").exists()  # HMYOI Wetherby
    assert workdays.overlaps_christmas(planned.window_start, planned.window_end)
    assert list(planned.team.values_list("role", flat=True)) == [TeamRole.OVERALL_LEAD]
    clash, notified = by_reference["demo-clash"], by_reference["demo-notified"]
    assert clash.window_start == notified.window_start
    assert set(clash.agencies.filter(agency_type__code="police")) & set(
        notified.agencies.filter(agency_type__code="police")
    )
    assert notified.notification_sent_at is not None
    overdue = Inspection.objects.filter(
        status=Status.ACTION_PLAN_DUE, action_plan_due_date__lt=timezone.localdate()
    )
    assert overdue.exists()


def _counts():
    return {
        reference: (status, transitions, versions)
        for reference, status, transitions, versions in Inspection.objects.annotate(
            n_transitions=Count("transitions", distinct=True),
            n_versions=Count("report_versions", distinct=True),
        ).values_list("reference", "status", "n_transitions", "n_versions")
    }


@override_settings(DEMO_MODE=True)
def test_seed_demo_runs_in_demo_mode():
    call_command("seed_demo", stdout=io.StringIO())
    assert User.objects.filter(username__in=EXPECTED).count() == len(EXPECTED)
    _assert_histories_are_lifecycle_paths()
    _assert_published_have_their_publication()
    _assert_haringey_tells_its_story()
    _assert_the_integrated_proposal_only_runs_in_the_future()
    _assert_live_examples_at_their_stages()
    _assert_every_feature_is_there()

    before = _counts()
    call_command("seed_demo", stdout=io.StringIO())
    assert _counts() == before


# Writes that would bypass the services: a status, a history or a publication made by hand.
BYPASSES = re.compile(
    r"\.update\(|Transition\.objects\.create|Publication\.objects\.create|"
    r"except ApplicationError|\.objects\.(?:create|update)\([^)]*status="
)


def test_no_demo_module_writes_around_the_services():
    root = Path(__file__).resolve().parents[2]
    for module in SEEDERS:
        path = root / module.replace(".", "/")
        files = sorted(path.rglob("*.py")) if path.is_dir() else [path.with_suffix(".py")]
        for file in files:
            assert not BYPASSES.search(file.read_text()), f"{module}: {file.name}"


def test_production_start_creates_no_demo_accounts(settings, tmp_path):
    settings.DEMO_MODE = False
    settings.REDIS_URL = ""
    settings.STATIC_ROOT = tmp_path
    out = io.StringIO()
    call_command("start", no_serve=True, stdout=out)
    assert not User.objects.filter(username__in=EXPECTED).exists()
    assert "background tasks run in-process" in out.getvalue()
