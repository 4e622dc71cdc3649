"""The area's uploads on S3-compatible object storage (moto's server, a real HTTP S3 API):
sealed before they leave the process, private, downloaded only through the checked view,
each download recorded, and re-sealed in place by a key rotation."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from inspections.information.models import RequestUpload
from jtai.models import AccessKind, AccessRecord
from tests.object_storage import objects, public_grants, s3_bucket, s3_server  # noqa: F401

from .test_checks import pdf_bytes
from .test_pages import first_item, post_file


def test_an_upload_is_sealed_in_the_bucket_and_streamed_by_the_checked_view(
    client,
    notified,
    area_contact,
    ofsted_inspector,
    hmiprobation_inspector,
    s3_bucket,  # noqa: F811
    private_root,
):
    s3, bucket = s3_bucket
    client.force_login(area_contact)
    assert (
        post_file(client, notified, first_item(notified), "children.pdf", pdf_bytes()).status_code
        == 302
    )
    stored = RequestUpload.objects.get()

    # In the bucket, under private/, sealed: nothing of the PDF can be read there.
    (key,) = objects(s3, bucket)
    assert key == f"private/{stored.file.name}"
    body = objects(s3, bucket)[key]
    assert b"%PDF" not in body and body.startswith(b"gAAAAA")  # a Fernet token
    assert public_grants(s3, bucket, key) == []  # no grant to everyone or to any user
    assert not any(private_root.rglob("*")), "nothing written to the local folder"
    with pytest.raises(ValueError):
        _ = stored.file.url  # no link to the bucket, ever

    # The team reads it through the view, which records the reading.
    download = reverse("inspections:information:download", args=[stored.pk])
    client.force_login(hmiprobation_inspector)
    assert client.get(download).status_code == 404
    client.force_login(ofsted_inspector)
    response = client.get(download)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content) == pdf_bytes()
    (record,) = AccessRecord.objects.filter(kind=AccessKind.UPLOAD)
    assert (record.user, record.object_id) == (ofsted_inspector, str(stored.pk))


def test_a_key_rotation_reseals_the_objects_in_place(
    client,
    notified,
    area_contact,
    ofsted_inspector,
    settings,
    s3_bucket,  # noqa: F811
):
    from cryptography.fernet import Fernet

    s3, bucket = s3_bucket
    client.force_login(area_contact)
    post_file(client, notified, first_item(notified), "children.pdf", pdf_bytes())
    (before,) = objects(s3, bucket).values()
    settings.JTAI_FILE_KEYS = [Fernet.generate_key().decode(), *settings.JTAI_FILE_KEYS]
    call_command("rotate_file_keys", verbosity=0)
    (after,) = objects(s3, bucket).values()
    assert after != before
    settings.JTAI_FILE_KEYS = settings.JTAI_FILE_KEYS[:1]  # the old key is dropped
    stored = RequestUpload.objects.get()
    client.force_login(ofsted_inspector)
    response = client.get(reverse("inspections:information:download", args=[stored.pk]))
    assert b"".join(response.streaming_content) == pdf_bytes()
