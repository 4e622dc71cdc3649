"""The area's download of the factual accuracy version by a signed link that expires."""

import pytest
from django.urls import reverse

from reports.factories import agree_report_sections

pytestmark = pytest.mark.django_db


def test_factual_accuracy_link_expires(client, inspection, lead_client, generate_version):
    import time as _time

    from django.core import signing

    from reports import services as report_services
    from reports.links import LINK_MAX_AGE_DAYS, LINK_SALT

    fa = generate_version(lead_client, inspection, "factual_accuracy")
    agree_report_sections(inspection)
    request = report_services.factual_accuracy_send(
        version=fa,
        user=inspection.leads["ofsted"],
        recipients=[{"name": "Dana", "role": "DCS", "email": "dana@example.test"}],
    )
    link = request.links.get()
    # A signature older than any link may live, even if the row's expiry were wrong.
    stale_time = _time.time() - (LINK_MAX_AGE_DAYS + 1) * 86400
    stale = signing.TimestampSigner(salt=LINK_SALT)
    stale.timestamp = lambda: signing.b62_encode(int(stale_time))
    expired = stale.sign(str(link.pk))
    response = client.get(reverse("reports:factual-accuracy-download", args=[expired]))
    assert response.status_code == 410
    assert "This link has expired" in response.content.decode()
