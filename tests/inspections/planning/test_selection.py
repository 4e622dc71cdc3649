"""The proposal on the real ILACS outcomes: inadequate areas first, a quarter well-performing,
a reason for every authority, deterministic, locks respected."""

import datetime

from agencies.factories import inspectorate
from agencies.models import IlacsOutcome, LocalAuthority
from inspections.planning import selection, services
from inspections.planning.models import ProgrammeChoice

D = datetime.date


def _latest_grades():
    latest = {}
    for o in IlacsOutcome.objects.order_by("authority_id", "-start_date"):
        latest.setdefault(o.authority_id, o.overall_effectiveness)
    return latest


def test_every_authority_gets_a_decision_with_its_reason(programme, admin):
    choices = services.programme_propose(programme=programme, by=admin)
    current = LocalAuthority.objects.current().with_childrens_services().count()
    assert current == 153
    assert len(choices) == 153
    assert sum(c.included for c in choices) == 25
    for c in choices:
        assert c.reason.startswith("In: " if c.included else "Out: "), c.reason
        assert len(c.reason) > 20


def test_includes_every_inadequate_area_and_a_quarter_well_performing(programme, admin):
    choices = services.programme_propose(programme=programme, by=admin)
    grades = _latest_grades()
    inadequate = {a for a, g in grades.items() if g == "inadequate"}
    assert len(inadequate) >= 10  # the real data: a dozen or so
    chosen = {c.authority_id for c in choices if c.included}
    assert inadequate <= chosen
    well = [a for a in chosen if grades.get(a) in ("good", "outstanding")]
    assert len(well) * 4 >= len(chosen)
    for c in choices:
        if c.authority_id in inadequate:
            assert "graded inadequate (ILACS, " in c.reason


def test_well_performing_out_reason_names_the_quota(programme, admin):
    choices = services.programme_propose(programme=programme, by=admin)
    outs = [c for c in choices if not c.included and c.grade in ("good", "outstanding")]
    assert outs
    assert all("quota of well-performing areas already met by" in c.reason for c in outs)


def test_regions_are_spread(programme, admin):
    choices = services.programme_propose(programme=programme, by=admin)
    regions = {c.authority.region for c in choices if c.included}
    assert len(regions) >= 8


def test_concerns_raise_priority_and_appear_in_the_reason(programme, admin):
    leeds = LocalAuthority.objects.get(name="Leeds")
    services.concern_record(
        inspectorate=inspectorate("cqc"),
        authority=leeds,
        date=D(2026, 10, 1),
        summary="Delays in health assessments for children in care",
        severity="high",
        by=admin,
    )
    services.concern_record(
        inspectorate=inspectorate("hmicfrs"),
        authority=leeds,
        date=D(2026, 6, 1),
        summary="Missing children not followed up",
        severity="high",
        by=admin,
    )
    choices = services.programme_propose(programme=programme, by=admin)
    choice = next(c for c in choices if c.authority_id == leeds.pk)
    assert choice.included
    assert "CQC concern (high, October 2026)" in choice.reason
    assert "HMICFRS concern (high, June 2026)" in choice.reason


def test_deterministic(programme, admin):
    first = [
        (c.authority_id, c.included, c.reason, c.rank)
        for c in services.programme_propose(programme=programme, by=admin)
    ]
    second = [
        (c.authority_id, c.included, c.reason, c.rank)
        for c in services.programme_propose(programme=programme, by=admin)
    ]
    assert first == second
    candidates = services.candidates_for(programme)
    a = selection.propose(candidates, target=25, well_performing_share=25, as_of=D(2027, 4, 1))
    b = selection.propose(
        list(reversed(candidates)), target=25, well_performing_share=25, as_of=D(2027, 4, 1)
    )
    assert [(d.authority_id, d.included, d.reason) for d in a] == [
        (d.authority_id, d.included, d.reason) for d in b
    ]


def test_locks_survive_a_new_proposal(programme, admin):
    choices = services.programme_propose(programme=programme, by=admin)
    out = next(c for c in choices if not c.included)
    inn = next(c for c in choices if c.included and c.grade == "inadequate")
    services.choice_change(choice=out, action="add", by=admin)
    services.choice_change(choice=inn, action="remove", by=admin)
    services.programme_propose(programme=programme, by=admin)
    out.refresh_from_db()
    inn.refresh_from_db()
    assert out.included and out.locked
    assert out.reason.startswith("In: added and locked by")
    assert not inn.included and inn.locked
    assert ProgrammeChoice.objects.filter(programme=programme, included=True).count() == 25


def test_recent_inspection_under_the_same_framework_is_left_out():
    candidates = [
        selection.Candidate(
            1, "A", "E1", "GL", "London", grade="inadequate", grade_date=D(2024, 1, 1)
        ),
        selection.Candidate(
            2,
            "B",
            "E2",
            "GL",
            "London",
            grade="inadequate",
            grade_date=D(2024, 1, 1),
            recent_inspection="Joint targeted area inspection, May 2026",
        ),
        selection.Candidate(
            3, "C", "E3", "NW", "North West", grade="good", grade_date=D(2024, 1, 1)
        ),
    ]
    decisions = {
        d.authority_id: d
        for d in selection.propose(
            candidates, target=2, well_performing_share=25, as_of=D(2027, 1, 1)
        )
    }
    assert decisions[1].included and decisions[3].included
    assert not decisions[2].included
    assert "inspected recently under the same framework" in decisions[2].reason
