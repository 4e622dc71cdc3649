"""Report PDFs on S3-compatible object storage (moto's server): generated into the private
bucket, sealed, and served only through the team's checked view."""

from django.urls import reverse

from tests.object_storage import objects, public_grants, s3_bucket, s3_server  # noqa: F401


def test_a_version_pdf_lives_sealed_in_the_bucket_and_only_the_team_reads_it(
    lead_client,
    inspection,
    generate_version,
    media_root,
    s3_bucket,  # noqa: F811
    client,
    hmiprobation_inspector,
):
    s3, bucket = s3_bucket
    version = generate_version(lead_client, inspection, "draft")
    stored = objects(s3, bucket)
    key = f"media/{version.pdf.name}"
    assert list(stored) == [key]
    assert b"%PDF" not in stored[key]
    assert public_grants(s3, bucket, key) == []
    assert not media_root.exists() or not any(media_root.rglob("*.pdf"))

    url = reverse("reports:version-pdf", args=[inspection.pk, version.pk])
    response = lead_client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert response["Cache-Control"] == "private, no-store"
    client.force_login(hmiprobation_inspector)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code in (302, 404)
