"""The scan hook speaks clamd's INSTREAM protocol: tested against a small clamd stand-in on a
Unix socket (to see exactly what is sent, and the failures), and against a real clamd that
finds the EICAR test file."""

import hashlib
import os
import shutil
import socket
import struct
import subprocess
import threading
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from inspections.information import scan
from jtai.exceptions import ApplicationError
from tests.conftest import missing_service

EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


class FakeClamd:
    """Answers INSTREAM like clamd: "stream: Eicar-Signature FOUND" or "stream: OK"."""

    def __init__(self, path):
        self.path = str(path)
        self.received: list[bytes] = []
        self.server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.server.bind(self.path)
        self.server.listen(1)
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _read_exact(self, conn, n):
        data = b""
        while len(data) < n:
            chunk = conn.recv(n - len(data))
            if not chunk:
                raise ConnectionError("closed")
            data += chunk
        return data

    def _serve(self):
        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            with conn:
                command = self._read_exact(conn, len(b"zINSTREAM\0"))
                assert command == b"zINSTREAM\0"
                body = b""
                while True:
                    (length,) = struct.unpack("!L", self._read_exact(conn, 4))
                    if length == 0:
                        break
                    body += self._read_exact(conn, length)
                self.received.append(body)
                found = EICAR in body
                conn.sendall(b"stream: Eicar-Signature FOUND\0" if found else b"stream: OK\0")

    def close(self):
        self.server.close()


@pytest.fixture
def clamd(settings, tmp_path):
    server = FakeClamd(tmp_path / "clamd.sock")
    settings.JTAI_CLAMD_SOCKET = server.path
    settings.JTAI_CLAMD_TIMEOUT = 5
    yield server
    server.close()


def test_a_clean_file_passes(clamd):
    content = b"reference,age\n" + b"C-001,14\n" * 20000  # several chunks
    assert scan.scan_upload(SimpleUploadedFile("children.csv", content)) == scan.CLEAN
    assert clamd.received == [content]


def test_the_eicar_test_file_is_refused(clamd):
    with pytest.raises(ApplicationError, match="virus"):
        scan.scan_upload(SimpleUploadedFile("eicar.csv", EICAR))


def test_no_scanner_configured_passes_and_says_so(settings):
    settings.JTAI_CLAMD_SOCKET = ""
    settings.JTAI_CLAMD_HOST = ""
    assert scan.scan_upload(SimpleUploadedFile("a.csv", b"a,b\n")) == scan.NOT_SCANNED


def test_an_unreachable_scanner_refuses_the_file(settings, tmp_path):
    settings.JTAI_CLAMD_SOCKET = str(tmp_path / "nobody-listens.sock")
    settings.JTAI_CLAMD_TIMEOUT = 1
    with pytest.raises(ApplicationError, match="could not be checked"):
        scan.scan_upload(SimpleUploadedFile("a.csv", b"a,b\n"))


# A real clamd: JTAI_TEST_CLAMD_SOCKET names the socket of one already running; otherwise the
# test starts Debian's clamd (package clamav-daemon, which CI installs) on a socket of its own,
# with a one-line local signature database for the EICAR test file (the official database
# cannot be downloaded here). A real daemon, a real INSTREAM scan: only the database is small.
REAL_CLAMD = os.environ.get("JTAI_TEST_CLAMD_SOCKET", "")


@pytest.fixture(scope="module")
def clamd_socket(tmp_path_factory):
    if REAL_CLAMD:
        yield REAL_CLAMD
        return
    binary = shutil.which("clamd", path=f"{os.environ.get('PATH', '')}:/usr/sbin")
    if not binary:
        missing_service("ClamAV's clamd (Debian package clamav-daemon)")
    home = tmp_path_factory.mktemp("clamd")
    (home / "db").mkdir()
    digest = hashlib.md5(EICAR).hexdigest()  # noqa: S324 (clamd's own hash signature format)
    (home / "db" / "local.hdb").write_text(f"{digest}:{len(EICAR)}:Eicar-Test-Signature\n")
    sock = home / "clamd.sock"
    (home / "clamd.conf").write_text(
        f"LocalSocket {sock}\nDatabaseDirectory {home / 'db'}\nForeground yes\n"
        f"LogFile {home / 'clamd.log'}\n"
    )
    process = subprocess.Popen(
        [binary, "-c", str(home / "clamd.conf")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while not sock.exists():
            if process.poll() is not None or time.monotonic() > deadline:
                log = (home / "clamd.log").read_text() if (home / "clamd.log").exists() else ""
                pytest.fail(f"clamd did not start: {log[-500:]}")
            time.sleep(0.2)
        yield str(sock)
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_a_real_clamd_finds_the_eicar_test_file_and_passes_a_clean_one(settings, clamd_socket):
    settings.JTAI_CLAMD_SOCKET = clamd_socket
    settings.JTAI_CLAMD_TIMEOUT = 10
    with pytest.raises(ApplicationError, match="virus"):
        scan.scan_upload(SimpleUploadedFile("eicar.csv", EICAR))
    assert scan.scan_upload(SimpleUploadedFile("a.csv", b"a,b\n1,2\n")) == scan.CLEAN
