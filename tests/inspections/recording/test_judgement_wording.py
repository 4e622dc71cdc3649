"""The judgement form says what it means: no "(optional)" on what completing needs, no
"Save as draft" on a completed judgement, a version that says when and by whom, and date
hints whose examples come from the clock (or the inspection), never a fixed year."""

import datetime
import re

import pytest
from django.urls import reverse

from inspections.models import JudgementStatus
from inspections.recording import services
from jtai import clock

from .conftest import judgement_of

pytestmark = pytest.mark.django_db


def _url(judgement):
    return reverse(
        "inspections:recording:judgement",
        kwargs={"pk": judgement.inspection_id, "judgement_pk": judgement.pk},
    )


def _label(page: str, field: str) -> str:
    match = re.search(rf'<label[^>]*for="id_{field}"[^>]*>(.*?)</label>', page, re.S)
    assert match, field
    return " ".join(match.group(1).split())


def test_what_completing_needs_is_not_labelled_optional(client, team, cqc_inspector):
    client.force_login(cqc_inspector)
    page = client.get(_url(judgement_of(team, "cqc"))).content.decode()
    assert _label(page, "strengths") == "Key strengths"
    assert _label(page, "improvements") == "Areas for improvement"
    # The evidence summary is not needed to complete: it stays optional, and says so.
    assert _label(page, "evidence_summary") == "Evidence summary (optional)"
    assert "enter at least one area for improvement or key strength" in page


def _save(judgement, user, *, complete):
    return services.judgement_save(
        judgement=judgement,
        user=user,
        version=judgement.version,
        grade="good",
        strengths=["Leaders know their services well"],
        improvements=[],
        evidence_summary="",
        complete=complete,
    )


def test_a_draft_offers_both_buttons_and_a_completed_one_only_save_changes(
    client, team, cqc_inspector
):
    judgement = judgement_of(team, "cqc")
    client.force_login(cqc_inspector)
    with clock.travel_to(datetime.datetime(2026, 12, 3, 14, 5, tzinfo=datetime.UTC)):
        saved = _save(judgement, cqc_inspector, complete=False)
    page = client.get(_url(judgement)).content.decode()
    assert "Save as draft" in page and "Mark as completed" in page
    assert "data-autosave-url" in page
    assert f"Version 1, saved 3 Dec 2026 at 14:05 by {cqc_inspector.display_name}" in page

    saved = _save(saved, cqc_inspector, complete=True)
    assert saved.status == JudgementStatus.COMPLETED
    page = client.get(_url(judgement)).content.decode()
    assert "Save as draft" not in page and "Mark as completed" not in page
    assert ">Save changes</button>" in page
    # Autosave drafts; a completed judgement must not be turned back into a draft behind the
    # inspector's back, so it is not autosaved.
    assert "data-autosave-url" not in page
    assert "Version 2, saved" in page

    # Saving changes keeps it completed.
    response = client.post(
        _url(judgement),
        {
            "version": 2,
            "grade": "good",
            "strengths": "Leaders know their services well\nPartners share information",
            "improvements": "",
            "evidence_summary": "",
            "action": "complete",
        },
    )
    assert response.status_code == 302
    judgement.refresh_from_db()
    assert judgement.status == JudgementStatus.COMPLETED and judgement.version == 3


def test_a_judgement_never_saved_says_so(client, team, cqc_inspector):
    client.force_login(cqc_inspector)
    page = client.get(_url(judgement_of(team, "cqc"))).content.decode()
    assert "Not saved yet" in page


def test_date_hints_give_examples_from_the_clock_not_2017(client, team, cqc_inspector):
    inspection = team
    client.force_login(cqc_inspector)
    evidence_url = reverse("inspections:recording:evidence-add", args=[inspection.pk])
    page = client.get(evidence_url).content.decode()
    # The hints, not the page: the inspection's own window may fall in 2017 (the factory's
    # windows run from February 2016 for a year), and the page rightly shows it; a hint's
    # example is then a day of that window, never the fixed one from the published guidance.
    day = min(max(clock.today(), inspection.window_start), inspection.window_end)
    hints = re.findall(r"For example,[^<]*", page)
    assert f"For example, {day.day} {day.month} {day.year}" in hints, hints
    assert day.year == 2017 or not any("2017" in hint for hint in hints), hints

    from inspections.forms import working_monday_example

    with clock.travel_to(datetime.date(2027, 3, 10)):  # a Wednesday
        assert working_monday_example() == "A working Monday, for example 15 3 2027"
    with clock.travel_to(datetime.date(2027, 3, 26)):  # a Friday before Easter Monday
        assert working_monday_example() == "A working Monday, for example 5 4 2027"


def test_planning_and_theme_hints_follow_the_clock():
    from inspections.forms import ThemeCreateForm
    from inspections.planning.forms import ConcernForm, ProgrammeForm

    with clock.travel_to(datetime.date(2031, 5, 20)):
        programme = ProgrammeForm()
        assert programme.fields["period_start"].help_text == "For example, 1 4 2032"
        assert programme.fields["period_end"].help_text == "For example, 31 10 2033"
        assert ConcernForm().fields["date"].help_text == "For example, 20 5 2031"
        assert ThemeCreateForm().fields["start_date"].help_text == "For example 1 9 2031"
