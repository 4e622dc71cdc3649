"""An S3-compatible server for the object-storage tests: moto's server mode (a test
dependency), started as a subprocess on a free port, and a fresh private bucket per test with
the JTAI_S3_* settings pointing at it."""

import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import pytest


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def s3_server(tmp_path_factory):
    port = _free_port()
    log = tmp_path_factory.mktemp("moto") / "moto.log"
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "moto_server"), "-H", "127.0.0.1", "-p", str(port)],
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    endpoint = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"{endpoint}/moto-api/", timeout=2)  # noqa: S310
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail("the S3-compatible server did not start:\n" + log.read_text())
            time.sleep(0.2)
    yield endpoint
    process.terminate()
    process.wait(timeout=20)


@pytest.fixture
def s3_bucket(s3_server, settings):
    """A new private bucket, and the settings that put media in it."""
    import boto3

    from jtai import storage

    name = f"jtai-test-{uuid.uuid4().hex[:12]}"
    settings.JTAI_S3_BUCKET = name
    settings.JTAI_S3_ENDPOINT_URL = s3_server
    settings.JTAI_S3_REGION = "eu-west-2"
    settings.JTAI_S3_ACCESS_KEY_ID = "test-access-key"
    settings.JTAI_S3_SECRET_ACCESS_KEY = "test-secret-key"  # noqa: S105
    client = boto3.client(
        "s3",
        endpoint_url=s3_server,
        region_name="eu-west-2",
        aws_access_key_id="test-access-key",
        aws_secret_access_key="test-secret-key",  # noqa: S106
    )
    client.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": "eu-west-2"})
    storage._object_storages.clear()
    yield client, name
    storage._object_storages.clear()


def objects(client, bucket) -> dict[str, bytes]:
    listing = client.list_objects_v2(Bucket=bucket).get("Contents", [])
    return {
        o["Key"]: client.get_object(Bucket=bucket, Key=o["Key"])["Body"].read() for o in listing
    }


def public_grants(client, bucket, key) -> list:
    grants = client.get_object_acl(Bucket=bucket, Key=key)["Grants"]
    return [g for g in grants if g["Grantee"].get("Type") == "Group"]
