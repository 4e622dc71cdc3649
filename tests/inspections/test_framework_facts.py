"""The frameworks, JTAI themes and inspectorates' names as they really were, with sources."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from agencies.models import Inspectorate, InspectorateName
from agencies.selectors import inspectorate_name_on
from inspections.models import Framework, FrameworkStatus, JudgementArea, Theme
from inspections.services.scheduling import notification_date_for

D = datetime.date
pytestmark = pytest.mark.django_db

ALL_FOUR = {"ofsted", "cqc", "hmicfrs", "hmiprobation"}
WITHOUT_PROBATION = {"ofsted", "cqc", "hmicfrs"}

# code: (first day, last day or None while it runs, inspectorates)
JTAI_THEMES = {
    "cse-missing": (D(2016, 2, 1), D(2016, 8, 31), ALL_FOUR),
    "domestic-abuse-2016": (D(2016, 9, 1), D(2017, 3, 31), ALL_FOUR),
    "neglect": (D(2017, 5, 1), D(2017, 12, 31), ALL_FOUR),
    "criminal-exploitation": (D(2018, 3, 1), D(2018, 5, 31), ALL_FOUR),
    "sexual-abuse-family": (D(2018, 9, 1), D(2019, 5, 31), ALL_FOUR),
    "mental-health": (D(2019, 9, 1), D(2020, 2, 29), ALL_FOUR),
    "front-door": (D(2022, 4, 1), None, WITHOUT_PROBATION),
    "family-help": (D(2022, 10, 7), None, WITHOUT_PROBATION),
    "serious-youth-violence": (D(2023, 9, 1), None, ALL_FOUR),
    "domestic-abuse-2024": (D(2024, 9, 12), None, ALL_FOUR),
    "sexual-abuse-family-2025": (D(2025, 9, 10), None, ALL_FOUR),
}

STATUSES = {
    "jtai": (FrameworkStatus.IN_FORCE, D(2016, 2, 1), None),
    "integrated-2015": (FrameworkStatus.PILOTED, D(2014, 6, 1), D(2015, 2, 26)),
    "child-protection-2012": (FrameworkStatus.PROPOSED, None, D(2013, 4, 1)),
    "looked-after-2012": (FrameworkStatus.PROPOSED, None, D(2013, 4, 1)),
    "front-door": (FrameworkStatus.PROPOSED, D(2014, 9, 12), None),
}


def _themes():
    return {t.code: t for t in Theme.objects.filter(framework__code="jtai")}


def _codes(queryset):
    return {i.code for i in queryset}


def test_every_jtai_theme_has_its_real_dates_inspectorates_and_a_source():
    themes = _themes()
    assert set(themes) == set(JTAI_THEMES)
    for code, (start, end, inspectorates) in JTAI_THEMES.items():
        theme = themes[code]
        assert (theme.start_date, theme.end_date) == (start, end), code
        assert _codes(theme.inspectorates.all()) == inspectorates, code
        assert theme.source.strip(), code


def test_front_door_and_family_help_are_ofsted_cqc_and_hmicfrs_only():
    themes = _themes()
    for code in ("front-door", "family-help"):
        assert "hmiprobation" not in _codes(themes[code].inspectorates.all())
        assert themes[code].end_date is None  # still running
    assert "hmiprobation" in _codes(themes["serious-youth-violence"].inspectorates.all())


def test_haringey_november_2017_falls_in_the_abuse_and_neglect_theme():
    neglect = _themes()["neglect"]
    assert "neglect" in neglect.name.lower()
    assert neglect.start_date <= D(2017, 11, 21) <= neglect.end_date


def test_themes_of_the_first_programme_do_not_overlap():
    ended = sorted(
        (t for t in _themes().values() if t.end_date), key=lambda theme: theme.start_date
    )
    for earlier, later in zip(ended, ended[1:], strict=False):
        assert earlier.end_date < later.start_date


@pytest.mark.parametrize("code", sorted(STATUSES))
def test_each_framework_has_its_status_dates_and_source(code):
    framework = Framework.objects.get(code=code)
    status, status_from, status_to = STATUSES[code]
    assert framework.status == status
    assert (framework.status_from, framework.status_to) == (status_from, status_to)
    assert framework.status_summary.strip() and framework.status_source.strip()


def test_every_framework_has_a_status():
    assert set(Framework.objects.values_list("code", flat=True)) == set(STATUSES)


def test_the_status_sentences_say_what_happened():
    summary = dict(Framework.objects.values_list("code", "status_summary"))
    assert "dropped in April 2013 before any inspection ran" in summary["child-protection-2012"]
    assert "26 February 2015" in summary["integrated-2015"]
    assert "ADCS" in summary["front-door"]


@pytest.mark.parametrize(
    "code, day, name",
    [
        ("hmicfrs", D(2016, 6, 1), "Her Majesty's Inspectorate of Constabulary"),
        ("hmicfrs", D(2017, 7, 18), "Her Majesty's Inspectorate of Constabulary"),
        (
            "hmicfrs",
            D(2017, 7, 19),
            "Her Majesty's Inspectorate of Constabulary and Fire & Rescue Services",
        ),
        (
            "hmicfrs",
            D(2017, 12, 1),
            "Her Majesty's Inspectorate of Constabulary and Fire & Rescue Services",
        ),
        (
            "hmicfrs",
            D(2022, 9, 7),
            "Her Majesty's Inspectorate of Constabulary and Fire & Rescue Services",
        ),
        (
            "hmicfrs",
            D(2022, 9, 8),
            "His Majesty's Inspectorate of Constabulary and Fire & Rescue Services",
        ),
        (
            "hmicfrs",
            D(2024, 1, 1),
            "His Majesty's Inspectorate of Constabulary and Fire & Rescue Services",
        ),
        ("hmiprobation", D(2016, 6, 1), "Her Majesty's Inspectorate of Probation"),
        ("hmiprobation", D(2022, 9, 8), "His Majesty's Inspectorate of Probation"),
        ("hmiprisons", D(2022, 9, 7), "Her Majesty's Inspectorate of Prisons"),
        ("hmiprisons", D(2024, 1, 1), "His Majesty's Inspectorate of Prisons"),
        ("cqc", D(2016, 6, 1), "Care Quality Commission"),
    ],
)
def test_inspectorate_name_on_a_date(code, day, name):
    assert inspectorate_name_on(Inspectorate.objects.get(code=code), day) == name


def test_short_names_on_a_date_and_prefetched_names_cost_no_query(django_assert_num_queries):
    hmicfrs = Inspectorate.objects.prefetch_related("names").get(code="hmicfrs")
    with django_assert_num_queries(0):
        assert inspectorate_name_on(hmicfrs, D(2016, 6, 1), short=True) == "HMIC"
        assert inspectorate_name_on(hmicfrs, D(2017, 12, 1), short=True) == "HMICFRS"


def test_every_name_has_a_source_and_names_never_overlap():
    for inspectorate in Inspectorate.objects.all():
        names = list(InspectorateName.objects.filter(inspectorate=inspectorate))
        assert names, inspectorate.code
        assert all(n.source.strip() for n in names)
        for earlier, later in zip(names, names[1:], strict=False):
            assert earlier.valid_to is not None
            assert later.valid_from == earlier.valid_to + datetime.timedelta(days=1)
        assert names[-1].valid_to is None
        assert names[-1].name == inspectorate.name


def test_integrated_inspection_four_areas_are_graded_by_ofsted_cqc_and_hmic_only():
    version = Framework.objects.get(code="integrated-2015").versions.get()
    judged_by = {r.agency_type.code: r.judged_by.code for r in version.agency_type_rules.all()}
    assert judged_by["probation"] == judged_by["youth_offending"] == "hmiprobation"
    assert judged_by["custodial"] == "hmiprisons"
    graded = JudgementArea.objects.filter(version=version, is_shared=False)
    assert {a.code for a in graded} == {
        "overall_effectiveness",
        "help_and_protection",
        "looked_after_and_care_leavers",
        "leadership",
    }
    for area in graded:
        excluded = _codes(area.excluded_agency_types.all())
        grading = {judged_by[t] for t in judged_by if t not in excluded}
        assert grading <= {"ofsted", "cqc", "hmicfrs"}, area.code
        assert {"probation", "youth_offending", "custodial"} <= excluded
    looked_after = graded.get(code="looked_after_and_care_leavers")
    assert "police" in _codes(looked_after.excluded_agency_types.all())
    # HMI Probation assesses its case sample against criteria; everyone shares the LSCB.
    assert version.case_criteria.exists()
    assert JudgementArea.objects.get(version=version, is_shared=True).code == "lscb"
    rules = {r.inspectorate.code: r.participation for r in version.inspectorate_rules.all()}
    assert rules["hmiprobation"] == "required" and rules["hmiprisons"] == "conditional"
    assert "did not grade" in version.method


def test_jtai_starts_at_notification_and_the_partnership_answers_to_ofsted():
    version = Framework.objects.get(code="jtai").versions.get()
    assert version.notice_working_days == 10 and version.window_days == 5
    assert version.action_plan_working_days == 70
    # Haringey 2017: notified Tuesday 21 November (day 1), on site Monday 4 December.
    assert notification_date_for(version, D(2017, 12, 4)) == D(2017, 11, 21)
    method = version.method
    assert "day 1" in method and "data requests" in method and "on site for a week" in method
    assert "director of children's services" in method and "safeguarding partners" in method
    assert "to Ofsted on behalf of the partnership" in method and "70 working days" in method


def test_the_data_migrations_correct_rows_loaded_with_the_old_facts():
    jtai = Framework.objects.get(code="jtai")
    probation = Inspectorate.objects.get(code="hmiprobation")
    front_door = Theme.objects.get(framework=jtai, code="front-door")
    front_door.end_date = D(2023, 3, 31)
    front_door.source = ""
    front_door.save()
    front_door.inspectorates.add(probation)
    Theme.objects.filter(code="family-help").delete()
    Theme.objects.filter(code="serious-youth-violence").update(start_date=D(2023, 4, 1))
    Framework.objects.update(status=FrameworkStatus.PROPOSED, status_source="", status_to=None)
    integrated = Framework.objects.get(code="integrated-2015").versions.get()
    integrated.judgement_areas.get(code="leadership").excluded_agency_types.clear()
    InspectorateName.objects.all().delete()

    importlib.import_module("agencies.migrations.0006_inspectorate_names").load(apps, None)
    importlib.import_module("inspections.migrations.0007_framework_facts").load(apps, None)

    test_every_jtai_theme_has_its_real_dates_inspectorates_and_a_source()
    for code in STATUSES:
        test_each_framework_has_its_status_dates_and_source(code)
    test_integrated_inspection_four_areas_are_graded_by_ofsted_cqc_and_hmic_only()
    hmicfrs = Inspectorate.objects.get(code="hmicfrs")
    assert inspectorate_name_on(hmicfrs, D(2016, 6, 1)) == (
        "Her Majesty's Inspectorate of Constabulary"
    )


def test_framework_pages_show_each_status_plainly(client, admin):
    client.force_login(admin)
    html = client.get(reverse("inspections:framework-list")).content.decode()
    assert html.count("govuk-tag") >= 5
    assert "In force" in html and "Piloted, never run" in html and "Proposed, never run" in html
    assert "dropped in April 2013 before any inspection ran" in html
    # The product can still run every framework: the period it can be scheduled in is shown too.
    assert html.count("Can be scheduled") == 5
    detail = client.get(reverse("inspections:framework-detail", args=["jtai"])).content.decode()
    assert "In force" in detail and "Source:" in detail
    assert "Joint targeted area inspection of the multi-agency response to children and" in detail
    integrated = client.get(
        reverse("inspections:framework-detail", args=["integrated-2015"])
    ).content.decode()
    assert "Piloted, never run" in integrated and "26 February 2015" in integrated
