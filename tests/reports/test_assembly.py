import pytest

from inspections.models import Judgement
from reports.assembly import assemble_report, snapshot_lines
from reports.factories import build_inspection

pytestmark = pytest.mark.django_db


def test_integrated_snapshot_has_every_part():
    inspection = build_inspection(cases=4)
    snapshot = assemble_report(inspection.pk, key_findings="First finding.\n\nSecond finding.")
    assert snapshot["graded"] and not snapshot["is_letter"]
    assert snapshot["key_findings"] == ["First finding.", "Second finding."]
    # Graded agency reports: Ofsted's, CQC's and HMIC's agencies. HMI Probation assessed a case
    # sample against its criteria instead of grading probation and the youth offending team.
    assert [a["type_code"] for a in snapshot["agencies"]] == [
        "childrens_social_care",
        "health",
        "police",
    ]
    # Police are not judged on looked-after children: "Not applicable" in the grades table.
    police = next(r for r in snapshot["grades_table"] if "Police" in r["agency"])
    labels = {g["area_code"]: g["label"] for g in police["grades"]}
    assert labels["looked_after_and_care_leavers"] == "Not applicable"
    assert len(snapshot["grade_columns"]) == 4
    assert snapshot["shared"][0]["area_code"] == "lscb"
    assert snapshot["shared"][0]["grade_label"] == "Requires improvement"
    assert snapshot["case_samples"]["total"] == 4
    for agency in snapshot["agencies"]:
        for j in agency["judgements"]:
            assert j["grade_label"] and j["descriptor"]
    titles = [c["title"] for c in snapshot["contents"]]
    assert titles[0] == "Summary report" and titles[-1].startswith("Annex")
    assert not snapshot["aggregate_allowed"]
    assert any("Grade: Requires improvement" in line for line in snapshot_lines(snapshot))


def test_inspectorate_names_follow_the_inspection_dates():
    before = build_inspection(cases=0)  # 2016: HMIC
    snapshot = assemble_report(before.pk)
    names = {i["code"]: i["short_name"] for i in snapshot["inspectorates"]}
    assert names["hmicfrs"] == "HMIC"
    hmic = next(i for i in snapshot["inspectorates"] if i["code"] == "hmicfrs")
    assert "Constabulary" in hmic["name"] and "Fire" not in hmic["name"]


def test_jtai_is_a_letter_to_the_areas_leaders_without_grades():
    import datetime

    inspection = build_inspection(framework="jtai", window_start=datetime.date(2018, 2, 5))
    snapshot = assemble_report(inspection.pk)
    assert snapshot["is_letter"] and not snapshot["graded"]
    assert snapshot["grades_table"] == []
    roles = [a["role"] for a in snapshot["letter"]["addressees"]]
    assert roles[:2] == ["Director of children's services", "Chief executive"]
    assert snapshot["letter"]["wsoa_required"] and snapshot["letter"]["wsoa_working_days"] == 70
    assert all(not j["grade"] for a in snapshot["agencies"] for j in a["judgements"])
    names = {i["code"]: i["short_name"] for i in snapshot["inspectorates"]}
    assert names.get("hmicfrs") == "HMICFRS"


def test_assembly_runs_in_a_fixed_number_of_queries(django_assert_max_num_queries):
    small = build_inspection(cases=2, evidence_per_agency=1)
    big = build_inspection(cases=30, evidence_per_agency=10)
    with django_assert_max_num_queries(16) as small_ctx:
        assemble_report(small.pk)
    with django_assert_max_num_queries(16) as big_ctx:
        assemble_report(big.pk)
    assert len(small_ctx.captured_queries) == len(big_ctx.captured_queries)


def test_snapshot_is_json_serialisable():
    import json

    inspection = build_inspection(cases=1)
    Judgement.objects.filter(inspection=inspection).update(evidence_summary="")
    json.dumps(assemble_report(inspection.pk))


def test_a_2017_letter_names_everyone_as_they_were_then():
    """The scope and the addressees of a letter drafted for a 2017 JTAI in London: "Her
    Majesty's" (before 8 September 2022), the Met's Commissioner and MOPAC rather than a chief
    constable and a PCC."""
    import datetime

    from reports.services import report_sections_ensure

    inspection = build_inspection(
        framework="jtai", authority="haringey", window_start=datetime.date(2017, 12, 4)
    )
    report_sections_ensure(inspection=inspection)
    texts = {s.key: s.text for s in inspection.report_sections.all()}
    assert "Her Majesty's Inspectorate of Constabulary and Fire & Rescue Services" in texts["scope"]
    assert "His Majesty's" not in texts["scope"]
    assert "Chief constable" not in texts["addressees"]
    assert "Police and crime commissioner" not in texts["addressees"]
    assert "Commissioner of Police of the Metropolis" in texts["addressees"]
    names = {i["code"]: i["name"] for i in assemble_report(inspection.pk)["inspectorates"]}
    assert names["hmicfrs"].startswith("Her Majesty's")


def test_agencies_are_named_as_they_were_on_the_inspections_date():
    """The LSCB of 2017 was no safeguarding partnership yet; the same agency inspected today goes
    by its current name."""
    import datetime

    from agencies.selectors import agency_names_on
    from agencies.services import partner_agency_name_record
    from reports.services import report_sections_ensure

    then = build_inspection(
        framework="jtai", authority="haringey", window_start=datetime.date(2017, 12, 4)
    )
    agency = Judgement.objects.filter(inspection=then).first().agency
    current = agency.name
    partner_agency_name_record(
        agency=agency,
        name="Haringey Local Safeguarding Children Board",
        valid_to=datetime.date(2019, 9, 28),
        source="Working Together to Safeguard Children 2018, transitional guidance",
    )
    report_sections_ensure(inspection=then)
    snapshot = assemble_report(then.pk)
    names = {a["name"] for a in snapshot["agencies"]}
    assert "Haringey Local Safeguarding Children Board" in names
    assert current not in names
    titles = [s.title for s in then.report_sections.filter(agency=agency)]
    assert all(t == "Haringey Local Safeguarding Children Board" for t in titles)

    assert agency_names_on(datetime.date(2026, 12, 1), [agency]) == {agency.pk: current}
    assert agency_names_on(datetime.date(2019, 9, 29), [agency]) == {agency.pk: current}


def test_an_agency_has_one_name_on_any_day():
    import datetime

    from agencies.services import partner_agency_name_record
    from jtai.exceptions import ApplicationError

    agency = Judgement.objects.filter(inspection=build_inspection(cases=0)).first().agency
    partner_agency_name_record(
        agency=agency, name="Old", valid_to=datetime.date(2019, 9, 28), source="A source"
    )
    with pytest.raises(ApplicationError) as raised:
        partner_agency_name_record(
            agency=agency,
            name="Older",
            valid_from=datetime.date(2010, 1, 1),
            valid_to=datetime.date(2012, 1, 1),
            source="A source",
        )
    assert "valid_to" in raised.value.fields
