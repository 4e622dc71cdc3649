"""The contact's pages: they see their own inspection's request and nothing else; they send
files that pass the checks; only the team downloads them, privately."""

import datetime

import pytest
from django.urls import reverse

from inspections.information.models import RequestUpload
from jtai import clock

from .test_checks import pdf_bytes

D = datetime.date
pytestmark = pytest.mark.django_db


def request_url(inspection):
    return reverse("inspections:information:request", args=[inspection.pk])


def upload_url(inspection, item):
    return reverse("inspections:information:upload", args=[inspection.pk, item.pk])


def first_item(inspection):
    return inspection.request_items.order_by("order").first()


def post_file(client, inspection, item, name, content, content_type="application/pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(
        upload_url(inspection, item),
        {f"item-{item.pk}-file": SimpleUploadedFile(name, content, content_type)},
    )


def test_the_contact_sees_their_own_request(client, notified, area_contact):
    client.force_login(area_contact)
    response = client.get(request_url(notified))
    assert response.status_code == 200
    assert "Child-level lists" in response.text
    assert 'enctype="multipart/form-data"' in response.text
    # Their way in, and the home page, lead to it.
    assert client.get(reverse("inspections:information:mine")).url == request_url(notified)
    assert client.get(reverse("home")).url == reverse("inspections:information:mine")


def test_another_inspections_request_is_not_found(client, notified, other_inspection, area_contact):
    client.force_login(area_contact)
    assert client.get(request_url(other_inspection)).status_code == 404


@pytest.mark.parametrize(
    "name",
    [
        "inspections:list",
        "inspections:calendar",
        "inspections:my-schedule",
        "inspections:framework-list",
        "reports:register",
        "agencies:authority-list",
    ],
)
def test_every_other_page_is_refused_to_the_contact(client, notified, area_contact, name):
    client.force_login(area_contact)
    assert client.get(reverse(name)).status_code == 403


def test_the_inspection_page_and_api_are_refused_to_the_contact(client, notified, area_contact):
    client.force_login(area_contact)
    assert client.get(reverse("inspections:detail", args=[notified.pk])).status_code == 403
    assert client.get(reverse("api-inspection-list")).status_code == 403
    assert client.get(reverse("api-information-request", args=[notified.pk])).status_code == 200


def test_the_contact_uploads_a_pdf_and_sees_it_listed(client, notified, area_contact):
    client.force_login(area_contact)
    item = first_item(notified)
    response = post_file(client, notified, item, "children.pdf", pdf_bytes())
    assert response.status_code == 302
    stored = RequestUpload.objects.get(item=item)
    assert stored.uploaded_by == area_contact
    assert stored.file.name.startswith(f"information/{notified.pk}/")
    assert "children.pdf" not in stored.file.name  # the sender's name is not the stored name
    page = client.get(request_url(notified)).text
    assert "children.pdf" in page
    # The contact does not download: no link, and the download itself is refused.
    download = reverse("inspections:information:download", args=[stored.pk])
    assert download not in page
    assert client.get(download).status_code == 403


def test_a_pdf_header_with_an_html_body_is_refused_and_not_stored(
    client, notified, area_contact, private_root
):
    client.force_login(area_contact)
    item = first_item(notified)
    body = b"%PDF-1.7\n<html><body><script>alert(1)</script></body></html>\n"
    response = post_file(client, notified, item, "children.pdf", body)
    assert response.status_code == 400
    assert "not a valid PDF" in response.text
    assert not RequestUpload.objects.exists()
    assert not any(private_root.rglob("*.pdf"))


def test_an_over_size_body_is_refused_before_it_is_read(client, notified, area_contact, settings):
    settings.JTAI_UPLOAD_MAX_BYTES = 100 * 1024
    client.force_login(area_contact)
    item = first_item(notified)
    response = post_file(client, notified, item, "big.pdf", b"%PDF-" + b"0" * (300 * 1024))
    assert response.status_code == 413
    assert not RequestUpload.objects.exists()


def test_the_team_downloads_privately(client, notified, area_contact, ofsted_inspector):
    client.force_login(area_contact)
    item = first_item(notified)
    post_file(client, notified, item, "children.pdf", pdf_bytes())
    stored = RequestUpload.objects.get()
    client.force_login(ofsted_inspector)
    page = client.get(request_url(notified)).text
    download = reverse("inspections:information:download", args=[stored.pk])
    assert download in page
    response = client.get(download)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == pdf_bytes()
    # No URL outside the checked view.
    with pytest.raises(ValueError):
        _ = stored.file.url


def test_someone_off_the_team_cannot_find_the_file(
    client, notified, area_contact, hmiprobation_inspector
):
    client.force_login(area_contact)
    post_file(client, notified, first_item(notified), "children.pdf", pdf_bytes())
    stored = RequestUpload.objects.get()
    client.force_login(hmiprobation_inspector)
    download = reverse("inspections:information:download", args=[stored.pk])
    assert client.get(download).status_code == 404
    assert client.get(request_url(notified)).status_code == 404
    client.logout()
    assert client.get(download).status_code == 302  # to sign in


def test_the_team_may_not_upload(client, notified, ofsted_inspector):
    client.force_login(ofsted_inspector)
    item = first_item(notified)
    assert post_file(client, notified, item, "c.pdf", pdf_bytes()).status_code == 403


def test_late_items_are_flagged_to_the_lead_and_admin_only(
    client, notified, lead_inspector, admin, ofsted_inspector
):
    detail = reverse("inspections:detail", args=[notified.pk])
    with clock.travel_to(D(2017, 11, 24)):
        client.force_login(lead_inspector)
        lead_page = client.get(detail).text
        client.force_login(admin)
        admin_page = client.get(detail).text
        client.force_login(ofsted_inspector)
        inspector_page = client.get(detail).text
    for page in (lead_page, admin_page):
        assert "late from the area" in page
        assert "Child-level lists of the children in scope of the theme: due 22 November" in page
    assert "late from the area" not in inspector_page
    assert "0 of 6 items received" in inspector_page


def test_admin_nominates_the_contact(client, full_team, admin, lead_inspector):
    url = reverse("inspections:information:contacts", args=[full_team.pk])
    client.force_login(lead_inspector)
    assert client.get(url).status_code == 403
    client.force_login(admin)
    assert client.get(url).status_code == 200
    response = client.post(url, {"first_name": "Ash", "last_name": "Area", "email": "bad"})
    assert response.status_code == 400
    response = client.post(
        url, {"first_name": "Ash", "last_name": "Area", "email": "ash@haringey.example"}
    )
    assert response.status_code == 302
    contact = full_team.area_contacts.get()
    assert contact.user.is_area_contact
    assert contact.user.inspectorate is None
    assert not contact.user.has_usable_password()


def test_a_file_the_scan_refuses_is_not_stored(
    client, notified, area_contact, settings, tmp_path, private_root
):
    from .test_scan import EICAR, FakeClamd

    clamd = FakeClamd(tmp_path / "clamd.sock")
    settings.JTAI_CLAMD_SOCKET = clamd.path
    try:
        client.force_login(area_contact)
        item = first_item(notified)
        infected = b"reference,note\nC-001," + EICAR.replace(b",", b"") + b"\n"
        response = post_file(client, notified, item, "children.csv", infected, "text/csv")
        assert response.status_code == 400
        assert "contains a virus" in response.text
        clean = b"reference,note\nC-001,seen\n"
        response = post_file(client, notified, item, "children.csv", clean, "text/csv")
        assert response.status_code == 302
    finally:
        clamd.close()
    assert RequestUpload.objects.get().scan_result == "clean"
    assert len(list(private_root.rglob("*.csv"))) == 1


def test_the_request_page_has_a_fixed_number_of_queries(
    client, notified, area_contact, ofsted_inspector, django_assert_max_num_queries
):
    client.force_login(area_contact)
    for item in notified.request_items.all():
        post_file(client, notified, item, "children.pdf", pdf_bytes())
    for user in (area_contact, ofsted_inspector):
        client.force_login(user)
        with django_assert_max_num_queries(12):
            assert client.get(request_url(notified)).status_code == 200
