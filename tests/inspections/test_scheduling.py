"""inspection_schedule and inspection_update: every rule, with its message."""

import datetime

import pytest

from inspections.models import Framework, Inspection, Status, Theme, Transition
from inspections.services import scheduling
from jtai.exceptions import ApplicationError, ConflictError

D = datetime.date
pytestmark = pytest.mark.django_db


def test_haringey_jtai_dates_agencies_and_inspectorates(haringey_jtai):
    inspection = haringey_jtai
    assert inspection.window_start == D(2017, 12, 4)
    assert inspection.window_end == D(2017, 12, 8)  # five days, Monday to Friday
    assert inspection.notification_date == D(2017, 11, 21)  # day 1 of 10 working days
    assert inspection.status == Status.PLANNED
    assert sorted(i.code for i in inspection.inspectorates.all()) == ["cqc", "hmicfrs", "ofsted"]
    # Agencies of types the JTAI covers, judged by an inspectorate taking part: without HMI
    # Probation, neither probation nor the youth offending service; the LSCB is judged jointly,
    # not as an agency.
    assert sorted(a.agency_type.code for a in inspection.agencies.all()) == [
        "childrens_social_care",
        "health",
        "police",
    ]
    assert inspection.reference == "haringey-jtai-2017-12"
    assert Transition.objects.get(inspection=inspection).verb == "schedule"


def test_optional_inspectorate_chosen(haringey, jtai, neglect, admin):
    from agencies.models import Inspectorate

    probation = Inspectorate.objects.get(code="hmiprobation")
    inspection = scheduling.inspection_schedule(
        authority=haringey,
        framework_version=jtai,
        theme=neglect,
        window_start=D(2017, 12, 4),
        optional_inspectorates=[probation],
        by=admin,
    ).inspection
    assert "hmiprobation" in {i.code for i in inspection.inspectorates.all()}


def test_conditional_hmi_prisons_only_with_a_custodial_establishment(haringey, integrated):
    from agencies.factories import add_agency

    without = scheduling.inspection_schedule(
        authority=haringey, framework_version=integrated, window_start=D(2016, 2, 1)
    ).inspection
    assert "hmiprisons" not in {i.code for i in without.inspectorates.all()}
    assert without.window_end == D(2016, 2, 26)  # four weeks, 26 days inclusive

    add_agency(haringey, "custodial", "HMP Pentonville")
    with_prison = scheduling.inspection_schedule(
        authority=haringey, framework_version=integrated, window_start=D(2016, 6, 6)
    ).inspection
    assert with_prison.has_custodial_establishment
    assert "hmiprisons" in {i.code for i in with_prison.inspectorates.all()}
    assert "HMP Pentonville" in {a.name for a in with_prison.agencies.all()}


def test_christmas_window_warns_but_does_not_refuse(haringey, integrated):
    scheduled = scheduling.inspection_schedule(
        authority=haringey, framework_version=integrated, window_start=D(2015, 12, 7)
    )
    assert scheduled.inspection.pk
    assert any("Christmas" in w for w in scheduled.warnings)


def _error(**kwargs):
    with pytest.raises(ApplicationError) as caught:
        scheduling.inspection_schedule(**kwargs)
    return caught.value


def test_window_must_start_on_a_monday(haringey, jtai, neglect):
    error = _error(
        authority=haringey, framework_version=jtai, theme=neglect, window_start=D(2017, 12, 5)
    )
    assert error.fields["window_start"] == ["The window must start on a Monday"]


def test_window_cannot_start_on_a_bank_holiday_monday(haringey, jtai, neglect):
    error = _error(
        authority=haringey, framework_version=jtai, theme=neglect, window_start=D(2017, 8, 28)
    )
    assert "Summer Bank Holiday" in error.fields["window_start"][0]


def test_window_within_the_frameworks_active_period(haringey, integrated):
    # The integrated inspection ran to 30 November 2016: a window from 28 November overruns it.
    error = _error(authority=haringey, framework_version=integrated, window_start=D(2016, 11, 28))
    assert "the whole window must fall in that period" in error.fields["window_start"][0]


def test_theme_required_and_must_be_active_and_of_the_framework(haringey, jtai, integrated):
    error = _error(authority=haringey, framework_version=jtai, window_start=D(2017, 12, 4))
    assert error.fields["theme"] == ["Choose a theme for the Joint targeted area inspection"]
    cse = Theme.objects.get(code="cse-missing")
    error = _error(
        authority=haringey, framework_version=jtai, theme=cse, window_start=D(2017, 12, 4)
    )
    assert "choose a theme active when the window starts" in error.fields["theme"][0]
    error = _error(
        authority=haringey, framework_version=integrated, theme=cse, window_start=D(2016, 2, 1)
    )
    assert "is not a theme of the Integrated inspection" in error.fields["theme"][0]


def test_optional_inspectorate_must_be_optional(haringey, jtai, neglect):
    from agencies.models import Inspectorate

    prisons = Inspectorate.objects.get(code="hmiprisons")
    error = _error(
        authority=haringey,
        framework_version=jtai,
        theme=neglect,
        window_start=D(2017, 12, 4),
        optional_inspectorates=[prisons],
    )
    assert "not an optional inspectorate" in error.fields["optional_inspectorates"][0]


def test_authority_must_be_current(jtai, neglect, db):
    from agencies.models import LocalAuthority

    former = LocalAuthority.objects.exclude(end_date=None).first()
    error = _error(
        authority=former, framework_version=jtai, theme=neglect, window_start=D(2017, 12, 4)
    )
    assert "no longer exists" in error.fields["authority"][0]


def test_no_two_overlapping_inspections_of_one_area(haringey_jtai, haringey, integrated):
    cp = Framework.objects.get(code="child-protection-2012").versions.get()
    error = _error(authority=haringey, framework_version=cp, window_start=D(2017, 11, 27))
    assert error.fields["window_start"] == [
        "Haringey already has an inspection from 4 December 2017 to 8 December 2017 "
        "(Joint targeted area inspection); two inspections of one area cannot overlap"
    ]
    # A cancelled inspection frees the window.
    haringey_jtai.status = Status.CANCELLED
    haringey_jtai.save()
    assert scheduling.inspection_schedule(
        authority=haringey, framework_version=cp, window_start=D(2017, 11, 27)
    ).inspection.pk


def test_database_refuses_overlapping_inspections_of_one_area(
    require_postgres, haringey_jtai, haringey
):
    from django.db import IntegrityError, transaction

    clone = Inspection(
        authority=haringey,
        framework_version=haringey_jtai.framework_version,
        reference="overlap",
        window_start=D(2017, 12, 6),
        window_end=D(2017, 12, 12),
    )
    with pytest.raises(IntegrityError, match="no_overlapping_inspections_per_authority"):
        with transaction.atomic():
            clone.save()


def test_update_only_while_planned_and_with_a_fresh_lock(haringey_jtai, admin):
    stale = haringey_jtai.lock_version
    updated = scheduling.inspection_update(
        inspection=haringey_jtai, by=admin, lock_version=stale, window_start=D(2017, 11, 27)
    ).inspection
    assert updated.window_end == D(2017, 12, 1)
    assert updated.notification_date == D(2017, 11, 14)
    with pytest.raises(ConflictError, match="Someone else changed this inspection"):
        scheduling.inspection_update(
            inspection=haringey_jtai, by=admin, lock_version=stale, window_start=D(2017, 12, 4)
        )
    Inspection.objects.filter(pk=haringey_jtai.pk).update(status=Status.NOTIFIED)
    with pytest.raises(ConflictError, match="Only a planned inspection can be changed"):
        scheduling.inspection_update(
            inspection=haringey_jtai, by=admin, window_start=D(2017, 12, 4)
        )
