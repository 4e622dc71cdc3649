"""The virus scan hook: each upload is streamed to ClamAV's clamd when one is configured
(`JTAI_CLAMD_SOCKET`, or `JTAI_CLAMD_HOST` and `JTAI_CLAMD_PORT`), using clamd's INSTREAM
command. A file clamd does not pass (a signature found, an error, no answer) is refused: the
scan fails closed."""

from __future__ import annotations

import logging
import socket
import struct

from django.conf import settings

from jtai.exceptions import ApplicationError

logger = logging.getLogger(__name__)

CHUNK = 64 * 1024
NOT_SCANNED = "not scanned (no scanner configured)"
CLEAN = "clean"


class ScanUnavailable(Exception):
    """clamd could not be reached or answered something unexpected."""


def _connect() -> socket.socket:
    timeout = settings.JTAI_CLAMD_TIMEOUT
    if settings.JTAI_CLAMD_SOCKET:
        conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        conn.settimeout(timeout)
        conn.connect(settings.JTAI_CLAMD_SOCKET)
        return conn
    return socket.create_connection(
        (settings.JTAI_CLAMD_HOST, settings.JTAI_CLAMD_PORT), timeout=timeout
    )


def is_configured() -> bool:
    return bool(settings.JTAI_CLAMD_SOCKET or settings.JTAI_CLAMD_HOST)


def clamd_instream(chunks) -> str:
    """Send the bytes of `chunks` to clamd and return its answer, e.g. "stream: OK".

    The protocol: "zINSTREAM\\0", then each chunk as a 4-byte big-endian length and the bytes,
    then a zero length; clamd answers one NUL-terminated line."""
    try:
        with _connect() as conn:
            conn.sendall(b"zINSTREAM\0")
            for chunk in chunks:
                if chunk:
                    conn.sendall(struct.pack("!L", len(chunk)) + chunk)
            conn.sendall(struct.pack("!L", 0))
            answer = b""
            while not answer.endswith(b"\0"):
                data = conn.recv(4096)
                if not data:
                    break
                answer += data
    except OSError as exc:
        raise ScanUnavailable(str(exc)) from exc
    return answer.rstrip(b"\0").decode("utf-8", "replace").strip()


def scan_upload(upload) -> str:
    """The scan's result for an accepted file, or ApplicationError when it is refused."""
    if not is_configured():
        return NOT_SCANNED
    upload.seek(0)
    try:
        answer = clamd_instream(iter(lambda: upload.read(CHUNK), b""))
    except ScanUnavailable as exc:
        logger.error("Virus scan unavailable: %s", exc)
        raise ApplicationError(
            "The file could not be checked for viruses just now; try again later"
        ) from exc
    finally:
        upload.seek(0)
    if answer.endswith("FOUND"):
        logger.warning("Upload refused by the virus scan: %s", answer)
        raise ApplicationError("The file contains a virus and has not been stored")
    if answer != "stream: OK":
        logger.error("Unexpected answer from clamd: %s", answer)
        raise ApplicationError(
            "The file could not be checked for viruses just now; try again later"
        )
    return CLEAN
