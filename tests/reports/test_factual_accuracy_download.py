"""The area's download of the factual accuracy version by a signed link that expires."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_factual_accuracy_link_expires(client, inspection, lead_client, generate_version):
    import time as _time

    from django.core import signing

    from reports import services as report_services
    from reports.tasks import DOWNLOAD_SALT

    fa = generate_version(lead_client, inspection, "factual_accuracy")
    request = report_services.factual_accuracy_send(
        version=fa,
        user=inspection.leads["ofsted"],
        recipients=[{"name": "Dana", "role": "DCS", "email": "dana@example.test"}],
    )
    stale_time = _time.time() - (report_services.FACTUAL_ACCURACY_LINK_DAYS + 1) * 86400
    stale = signing.TimestampSigner(salt=DOWNLOAD_SALT)
    stale.timestamp = lambda: signing.b62_encode(int(stale_time))
    expired = stale.sign(str(request.pk))
    response = client.get(reverse("reports:factual-accuracy-download", args=[expired]))
    assert response.status_code == 410
    assert "This link has expired" in response.content.decode()
