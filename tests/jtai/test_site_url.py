# ruff: noqa: F811 (fixtures imported from the inspections tests)
"""Emails link to the site's own address (`SITE_URL`), which production must be given."""

import pytest
from django.core import mail
from django.core.files.base import ContentFile

from reports.models import ReportVersion
from tests.inspections.conftest import (  # noqa: F401 (fixtures)
    full_team,
    haringey,
    haringey_jtai,
    jtai,
    neglect,
)
from tests.jtai.test_settings import production_env, run_manage


def test_production_without_a_site_url_refuses_to_start():
    env = production_env()
    del env["JTAI_SITE_URL"]
    result = run_manage("check", **env)
    assert result.returncode != 0
    assert "JTAI_SITE_URL is not set" in result.stderr


def test_a_site_url_must_be_a_web_address():
    result = run_manage("check", **production_env(JTAI_SITE_URL="jtai.example.gov.uk"))
    assert result.returncode != 0
    assert "JTAI_SITE_URL must start with https://" in result.stderr


def test_production_reads_the_site_url_from_the_environment():
    script = "from django.conf import settings as s; print(s.SITE_URL)"
    result = run_manage(
        "shell", "-c", script, **production_env(JTAI_SITE_URL="https://jtai.example.gov.uk/")
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "https://jtai.example.gov.uk"


def test_debug_mode_defaults_to_the_local_server():
    script = "from django.conf import settings as s; print(s.SITE_URL)"
    result = run_manage("shell", "-c", script, DJANGO_DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "http://127.0.0.1:8000"


@pytest.mark.django_db
def test_factual_accuracy_emails_link_to_the_site(settings, django_capture_on_commit_callbacks):
    from reports.factories import agree_report_sections, build_inspection
    from reports.services import factual_accuracy_send

    settings.SITE_URL = "https://jtai.example.gov.uk"
    inspection = build_inspection(cases=1)
    agree_report_sections(inspection)
    version = ReportVersion(
        inspection=inspection,
        number=1,
        kind="factual_accuracy",
        pdf_sha256="2" * 64,
        snapshot={},
        created_by=inspection.leads["ofsted"],
    )
    version.pdf.save("fa.pdf", ContentFile(b"%PDF-1.7\n"), save=False)
    version.save()
    with django_capture_on_commit_callbacks(execute=True):
        factual_accuracy_send(
            version=version,
            user=inspection.leads["ofsted"],
            recipients=[{"name": "Dana Director", "role": "DCS", "email": "dana@example.test"}],
        )
    (message,) = mail.outbox
    links = [w for w in message.body.split() if "://" in w]
    assert links and all(w.startswith("https://jtai.example.gov.uk/reports/") for w in links)


@pytest.mark.django_db
def test_the_team_notification_links_to_the_site(settings, full_team, admin):
    from inspections.services.notifications import inspection_send_notification_emails
    from inspections.services.transitions import inspection_transition

    settings.SITE_URL = "https://jtai.example.gov.uk"
    inspection_transition(inspection=full_team, verb="notify", by=admin)
    mail.outbox.clear()
    inspection_send_notification_emails(inspection_id=full_team.pk)
    to_team = mail.outbox[0]
    links = [w for w in to_team.body.split() if "://" in w]
    assert links == [f"https://jtai.example.gov.uk/inspections/{full_team.pk}/"]
