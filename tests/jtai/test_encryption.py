"""Uploaded files are sealed at rest: unreadable on disk without the key, refused when a byte
has changed, still readable after a key rotation, and downloaded only by the team through a
view that forbids caching."""

import datetime

import pytest
from cryptography.fernet import Fernet, InvalidToken
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from inspections.factories import add_member, make_inspection
from inspections.information.models import RequestItem, RequestUpload
from inspections.models import TeamRole
from jtai.storage import FileDamaged, development_key

from .test_settings import production_env, run_manage

pytestmark = pytest.mark.django_db
CONTENT = b"reference,age\nHAR-0042,12\nHAR-0043,9\n"
OLD_KEY = Fernet.generate_key().decode()
NEW_KEY = Fernet.generate_key().decode()


@pytest.fixture(autouse=True)
def keys(settings, tmp_path):
    settings.JTAI_PRIVATE_ROOT = tmp_path / "private"
    settings.JTAI_FILE_KEYS = [OLD_KEY]
    return settings


@pytest.fixture
def team(db, lead_inspector, ofsted_inspector):
    inspection = make_inspection()
    add_member(inspection, lead_inspector, TeamRole.OVERALL_LEAD)
    add_member(inspection, ofsted_inspector)
    return inspection


@pytest.fixture
def upload(team):
    item = RequestItem.objects.create(
        inspection=team,
        code="children-list",
        title="List of children",
        due_working_day=2,
        due_date=datetime.date(2015, 12, 1),
        source="the framework",
    )
    stored = RequestUpload(
        item=item,
        original_name="children.csv",
        kind="csv",
        size=len(CONTENT),
        sha256="0" * 64,
        uploaded_at=datetime.datetime(2015, 12, 1, 9, tzinfo=datetime.UTC),
    )
    stored.file.save("children.csv", SimpleUploadedFile("children.csv", CONTENT))
    return stored


def on_disk(upload) -> bytes:
    with open(upload.file.path, "rb") as handle:
        return handle.read()


def download(client, upload):
    return client.get(reverse("inspections:information:download", args=[upload.pk]))


def test_the_file_on_disk_cannot_be_read_without_the_key(upload):
    sealed = on_disk(upload)
    assert CONTENT not in sealed and b"HAR-0042" not in sealed
    with pytest.raises(InvalidToken):
        Fernet(Fernet.generate_key()).decrypt(sealed)
    assert Fernet(OLD_KEY).decrypt(sealed) == CONTENT
    with upload.file.open("rb") as handle:
        assert handle.read() == CONTENT


def test_the_team_downloads_it_and_nothing_caches_it(client, upload, ofsted_inspector):
    client.force_login(ofsted_inspector)
    response = download(client, upload)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == CONTENT
    assert response["Cache-Control"] == "private, no-store"
    assert "attachment" in response["Content-Disposition"]


def test_someone_off_the_team_gets_404(client, upload, hmiprobation_inspector):
    client.force_login(hmiprobation_inspector)
    assert download(client, upload).status_code == 404
    with pytest.raises(ValueError):
        _ = upload.file.url


def test_a_changed_byte_is_refused_and_never_served(client, upload, ofsted_inspector):
    sealed = bytearray(on_disk(upload))
    sealed[len(sealed) // 2] ^= 0x01
    with open(upload.file.path, "wb") as handle:
        handle.write(bytes(sealed))
    with pytest.raises(FileDamaged):
        upload.file.open("rb")
    client.force_login(ofsted_inspector)
    response = download(client, upload)
    assert response.status_code == 409
    assert "The file is damaged" in response.text
    assert "HAR-0042" not in response.text
    assert response["Cache-Control"] == "private, no-store"


def test_a_key_rotation_keeps_it_readable(keys, upload, client, ofsted_inspector):
    keys.JTAI_FILE_KEYS = [NEW_KEY, OLD_KEY]
    call_command("rotate_file_keys")
    sealed = on_disk(upload)
    assert Fernet(NEW_KEY).decrypt(sealed) == CONTENT
    with pytest.raises(InvalidToken):
        Fernet(OLD_KEY).decrypt(sealed)
    keys.JTAI_FILE_KEYS = [NEW_KEY]
    client.force_login(ofsted_inspector)
    response = download(client, upload)
    assert b"".join(response.streaming_content) == CONTENT
    # Run again: nothing to do but re-seal, still readable.
    call_command("rotate_file_keys")
    assert Fernet(NEW_KEY).decrypt(on_disk(upload)) == CONTENT


def test_a_rotation_names_files_no_key_opens(keys, upload):
    keys.JTAI_FILE_KEYS = [NEW_KEY]
    with pytest.raises(CommandError, match="children-list"):
        call_command("rotate_file_keys")


def test_files_from_before_encryption_are_adopted_on_request(upload):
    with open(upload.file.path, "wb") as handle:
        handle.write(CONTENT)
    with pytest.raises(CommandError):
        call_command("rotate_file_keys")
    call_command("rotate_file_keys", "--adopt-plain")
    assert Fernet(OLD_KEY).decrypt(on_disk(upload)) == CONTENT


def test_debug_mode_derives_a_working_key_from_the_secret_key():
    Fernet(development_key("any secret"))
    assert development_key("a") != development_key("b")


def test_production_refuses_to_start_without_file_keys():
    env = production_env()
    del env["JTAI_FILE_KEYS"]
    result = run_manage("check", **env)
    assert result.returncode != 0
    assert "JTAI_FILE_KEYS is not set" in result.stderr


def test_a_report_versions_pdf_is_sealed_and_never_cached(client, settings, tmp_path):
    from reports.factories import build_inspection, publish_directly

    settings.MEDIA_ROOT = tmp_path / "media"
    inspection = build_inspection(cases=0, evidence_per_agency=0)
    publication = publish_directly(inspection)
    client.force_login(inspection.leads["cqc"])
    url = reverse("reports:version-pdf", args=[inspection.pk, publication.version.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    served = b"".join(response.streaming_content)
    assert served.startswith(b"%PDF-")
    with open(publication.version.pdf.path, "rb") as handle:
        sealed = handle.read()
    assert not sealed.startswith(b"%PDF-")
    assert Fernet(OLD_KEY).decrypt(sealed) == served
    with open(publication.version.pdf.path, "wb") as handle:
        handle.write(sealed[:-1] + bytes([sealed[-1] ^ 1]))
    damaged = client.get(url)
    assert damaged.status_code == 409 and "The file is damaged" in damaged.text


def test_every_sealed_field_is_rotated():
    from jtai.storage import encrypted_file_fields

    fields = {f"{model._meta.label}.{field.name}" for model, field in encrypted_file_fields()}
    assert fields == {
        "inspections.RequestUpload.file",
        "reports.ReportVersion.pdf",
        "reports.ActionPlan.document",
    }
