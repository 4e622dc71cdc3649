"""Placing and lifting a legal hold: admins only, with a reason, one in place at a time."""

import pytest
from django.core.exceptions import PermissionDenied

from inspections.models import LegalHold
from inspections.retention import services
from jtai.exceptions import ApplicationError, ConflictError

pytestmark = pytest.mark.django_db


def test_only_an_admin_places_or_lifts_a_hold(published, admin, lead_inspector):
    with pytest.raises(PermissionDenied):
        services.legal_hold_place(inspection=published, reason="A claim.", by=lead_inspector)
    services.legal_hold_place(inspection=published, reason="A claim.", by=admin)
    with pytest.raises(PermissionDenied):
        services.legal_hold_lift(inspection=published, by=lead_inspector)
    assert LegalHold.objects.get(inspection=published).is_active


def test_a_hold_needs_a_reason(published, admin):
    with pytest.raises(ApplicationError) as error:
        services.legal_hold_place(inspection=published, reason="   ", by=admin)
    assert "reason" in error.value.fields
    assert not LegalHold.objects.exists()


def test_one_hold_at_a_time_and_nothing_to_lift_is_a_conflict(published, admin):
    with pytest.raises(ConflictError):
        services.legal_hold_lift(inspection=published, by=admin)
    services.legal_hold_place(inspection=published, reason="A claim.", by=admin)
    with pytest.raises(ConflictError):
        services.legal_hold_place(inspection=published, reason="Another.", by=admin)
    services.legal_hold_lift(inspection=published, by=admin)
    services.legal_hold_place(inspection=published, reason="A second claim.", by=admin)
    assert LegalHold.objects.filter(inspection=published).count() == 2
    assert LegalHold.objects.filter(inspection=published, lifted_at__isnull=True).count() == 1
