import pytest


@pytest.mark.django_db
def test_every_inspector_persona_belongs_to_its_inspectorate(
    ofsted_inspector, cqc_inspector, hmicfrs_inspector, hmiprobation_inspector, hmiprisons_inspector
):
    codes = [
        person.inspectorate.code
        for person in (
            ofsted_inspector,
            cqc_inspector,
            hmicfrs_inspector,
            hmiprobation_inspector,
            hmiprisons_inspector,
        )
    ]
    assert codes == ["ofsted", "cqc", "hmicfrs", "hmiprobation", "hmiprisons"]
