"""The admins' work is refused with 403 to everyone else, from one predicate."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from inspections.permissions import can_manage_programme, require_can_manage_programme

pytestmark = pytest.mark.django_db


def test_admins_manage_the_programme(admin):
    assert can_manage_programme(admin)
    require_can_manage_programme(admin)


@pytest.mark.parametrize("persona", ["ofsted_inspector", "lead_inspector", None])
def test_others_are_refused(request, persona):
    user = request.getfixturevalue(persona) if persona else AnonymousUser()
    assert not can_manage_programme(user)
    with pytest.raises(PermissionDenied, match="Only admins can do this"):
        require_can_manage_programme(user)
