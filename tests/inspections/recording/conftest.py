import pytest

from inspections.factories import add_member, make_inspection
from inspections.models import TeamRole


@pytest.fixture
def inspection(db):
    """An integrated inspection in fieldwork: 5 agencies, 19 judgements, the shared LSCB."""
    return make_inspection()


@pytest.fixture
def team(inspection, lead_inspector, ofsted_inspector, cqc_inspector, hmicfrs_inspector):
    """Overall lead (Ofsted), an Ofsted, a CQC and an HMICFRS inspector on the team."""
    add_member(inspection, lead_inspector, TeamRole.OVERALL_LEAD)
    add_member(inspection, ofsted_inspector)
    add_member(inspection, cqc_inspector)
    add_member(inspection, hmicfrs_inspector)
    return inspection


def judgement_of(inspection, inspectorate_code, area_code="overall_effectiveness"):
    return inspection.judgements.select_related("area__version").get(
        inspectorate__code=inspectorate_code, area__code=area_code
    )
