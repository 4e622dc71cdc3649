"""Pages served again from the page cache: only to the person they were rendered for, never
after a write, with a fresh CSRF token, and never in place of a page that writes when read."""

import re

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jtai.models import AccessKind, AccessRecord
from jtai.page_cache import cached_page

from .conftest import judgement_of

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _tasks(inspection):
    return reverse("inspections:recording:tasks", args=[inspection.pk])


def _judgement(judgement):
    return reverse("inspections:recording:judgement", args=[judgement.inspection_id, judgement.pk])


def test_a_page_seen_again_costs_the_session_the_user_and_the_stamp(client, team, cqc_inspector):
    client.force_login(cqc_inspector)
    first = client.get(_tasks(team))
    with CaptureQueriesContext(connection) as again:
        second = client.get(_tasks(team))
    assert second.status_code == 200
    assert len(again) == 3, [q["sql"][:60] for q in again]
    assert TOKEN.sub("", first.content.decode()) == TOKEN.sub("", second.content.decode())


def test_a_write_is_seen_on_the_next_request(client, team, cqc_inspector):
    judgement = judgement_of(team, "cqc")
    client.force_login(cqc_inspector)
    status = re.compile(rf'id="judgement-{judgement.pk}-status">\s*(?:<strong[^>]*>)?([^<]+?)\s*<')
    assert status.search(client.get(_tasks(team)).content.decode()).group(1) == "Not started"
    saved = client.post(
        _judgement(judgement),
        {
            "version": 0,
            "grade": "requires_improvement",
            "strengths": "Midwives identify domestic abuse early",
            "improvements": "Health assessments are late",
            "evidence_summary": "Sixteen case files.",
            "action": "complete",
        },
    )
    assert saved.status_code == 302
    page = client.get(_tasks(team)).content.decode()
    assert status.search(page).group(1) == "Completed"
    # The judgement page, cached before the save, shows the saved text and version too.
    page = client.get(_judgement(judgement)).content.decode()
    assert "Sixteen case files." in page


def test_an_entry_is_only_served_to_the_person_it_was_rendered_for(client, team, admin, db):
    from agencies.factories import UserFactory

    outsider = UserFactory(username="outsider")
    client.force_login(admin)
    assert client.get(_tasks(team)).status_code == 200
    other = Client()
    other.force_login(outsider)
    assert other.get(_tasks(team)).status_code == 404
    assert Client().get(_tasks(team)).status_code == 302  # signed out: to the sign-in page


def test_each_hit_carries_a_fresh_csrf_token_that_works(team, cqc_inspector):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cqc_inspector)
    judgement = judgement_of(team, "cqc")
    client.get(_judgement(judgement))
    tokens = [TOKEN.findall(client.get(_judgement(judgement)).content.decode()) for _ in "ab"]
    assert tokens[0] and tokens[1] and tokens[0] != tokens[1]
    saved = client.post(
        _judgement(judgement),
        {
            "csrfmiddlewaretoken": tokens[1][0],
            "version": 0,
            "grade": "good",
            "strengths": "",
            "improvements": "",
            "evidence_summary": "Six case files.",
            "action": "save",
        },
    )
    assert saved.status_code == 302


def test_waiting_messages_are_shown_once(client, team, cqc_inspector):
    judgement = judgement_of(team, "cqc")
    client.force_login(cqc_inspector)
    client.get(_tasks(team))  # cached before the message is queued
    client.post(
        _judgement(judgement),
        {
            "version": 0,
            "grade": "good",
            "strengths": "Midwives identify domestic abuse early",
            "improvements": "Health assessments are late",
            "evidence_summary": "Six case files.",
            "action": "complete",
        },
    )
    shown = client.get(_tasks(team))
    assert "is marked as completed" in shown.content.decode()
    assert "is marked as completed" not in client.get(_tasks(team)).content.decode()


def test_a_page_that_writes_when_read_is_rendered_every_time(cqc_inspector):
    reads = []

    @cached_page
    def records_its_reader(request):
        reads.append(request.user)
        AccessRecord.objects.create(
            user=request.user, kind=AccessKind.CASE_SAMPLE, object_id="1", inspection_label="J"
        )
        return HttpResponse("a case")

    for _ in range(3):
        request = RequestFactory().get("/a-case/")
        request.user = cqc_inspector
        assert records_its_reader(request).content == b"a case"
    assert len(reads) == 3
    assert AccessRecord.objects.count() == 3


def test_a_page_that_queues_a_message_is_rendered_every_time(admin):
    from django.contrib import messages
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.contrib.sessions.backends.db import SessionStore

    renders = []

    @cached_page
    def warns(request):
        renders.append(1)
        messages.warning(request, "Enter the first month as year and month")
        return HttpResponse("a page")

    for _ in range(2):
        request = RequestFactory().get("/a-page/?from=soon")
        request.user = admin
        request.session = SessionStore()
        request._messages = FallbackStorage(request)
        warns(request)
    assert len(renders) == 2
