"""Every factory builds, with its defaults alone, a row the models' own validation accepts."""

import pytest
from factory.django import DjangoModelFactory

from agencies import factories as agency_factories
from inspections import factories as inspection_factories
from reports import factories as report_factories

FACTORIES = [
    factory
    for module in (agency_factories, inspection_factories, report_factories)
    for factory in vars(module).values()
    if isinstance(factory, type)
    and issubclass(factory, DjangoModelFactory)
    and factory.__module__ == module.__name__
]


@pytest.mark.django_db
@pytest.mark.parametrize("factory", FACTORIES, ids=lambda factory: factory.__name__)
def test_factory_builds_a_valid_row(factory):
    instance = factory()
    # Stamps the services fill later (who created, who last edited) are null until then.
    stamps = [f.name for f in instance._meta.fields if f.null and not f.blank]
    instance.full_clean(exclude=stamps)
    assert type(instance)._default_manager.filter(pk=instance.pk).exists()


@pytest.mark.django_db
def test_factories_build_distinct_rows():
    first, second = inspection_factories.InspectionFactory.create_batch(2)
    assert first.reference != second.reference
    assert first.window_start != second.window_start
    assert set(first.inspectorates.values_list("code", flat=True)) == {
        "ofsted",
        "cqc",
        "hmicfrs",
        "hmiprobation",
    }


@pytest.mark.django_db
def test_user_factory_makes_inspectors_and_admins_who_can_sign_in():
    inspector = agency_factories.UserFactory(inspectorate_code="cqc")
    admin = agency_factories.UserFactory(admin=True)
    assert (inspector.role, inspector.inspectorate.code) == ("inspector", "cqc")
    assert (admin.role, admin.inspectorate) == ("admin", None)
    assert admin.check_password(agency_factories.PASSWORD)
    # The same username is the same person: shared leads are found, not duplicated.
    assert agency_factories.person(inspector.username) == inspector
