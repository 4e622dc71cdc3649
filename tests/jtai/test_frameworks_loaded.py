import pytest

from inspections.models import Framework, JudgementArea, Theme


@pytest.mark.django_db
def test_the_five_models_of_the_sources_are_loaded_as_data():
    assert set(Framework.objects.values_list("code", flat=True)) == {
        "integrated-2015",
        "jtai",
        "child-protection-2012",
        "looked-after-2012",
        "front-door",
    }
    integrated = Framework.objects.get(code="integrated-2015").versions.get()
    assert integrated.window_days == 26 and integrated.graded
    assert not integrated.aggregate_judgement_allowed
    shared = JudgementArea.objects.get(version=integrated, is_shared=True)
    assert shared.code == "lscb"
    looked_after = JudgementArea.objects.get(
        version=integrated, code="looked_after_and_care_leavers"
    )
    # Not for police; nor for the agencies HMI Probation and HMI Prisons assess without grading.
    assert sorted(looked_after.excluded_agency_types.values_list("code", flat=True)) == [
        "custodial",
        "police",
        "probation",
        "youth_offending",
    ]
    assert Theme.objects.filter(framework__code="jtai").count() == 11
