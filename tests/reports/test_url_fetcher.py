"""WeasyPrint fetches nothing but the product's own static files and inline data."""

import logging
import urllib.request

import pytest
from django.conf import settings

from reports.rendering import html_to_pdf

PIXEL = (
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAA"
    "YAAjCB0C8AAAAASUVORK5CYII="
)


@pytest.fixture
def opened(monkeypatch):
    """Every URL the PDF renderer actually opened (it should open none outside our files)."""
    calls = []
    real = urllib.request.OpenerDirector.open

    def spy(self, url, *args, **kwargs):
        calls.append(getattr(url, "full_url", url))
        return real(self, url, *args, **kwargs)

    monkeypatch.setattr(urllib.request.OpenerDirector, "open", spy)
    return calls


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://127.0.0.1:9/x",
        "https://example.com/x.png",
        f"file://{settings.BASE_DIR}/jtai/settings.py",
    ],
)
def test_the_fetcher_refuses_anything_outside_the_static_files(url, opened, caplog):
    html = f'<html lang="en-GB"><title>t</title><body><p>Hello</p><img src="{url}"></body></html>'
    with caplog.at_level(logging.WARNING, logger="reports.rendering"):
        pdf = html_to_pdf(html, variant=None)
    assert pdf.data.startswith(b"%PDF-") and pdf.page_count == 1
    assert any(
        r.name == "reports.rendering"
        and "Refused to fetch" in r.getMessage()
        and url in r.getMessage()
        for r in caplog.records
    ), "the fetcher was not asked, or did not refuse"
    assert not [u for u in opened if not u.startswith("data:")]


def test_the_fetcher_serves_inline_data_and_static_files(opened, caplog, tmp_path, settings):
    static = tmp_path / "static"
    static.mkdir()
    (static / "pixel.css").write_text("p { color: red }")
    settings.STATICFILES_DIRS = [static]
    html = (
        f'<html lang="en-GB"><title>t</title><head><link rel="stylesheet" '
        f'href="file://{static}/pixel.css"></head><body><img src="{PIXEL}"><p>Hi</p></body></html>'
    )
    with caplog.at_level(logging.WARNING, logger="reports.rendering"):
        pdf = html_to_pdf(html, variant=None)
    assert pdf.data.startswith(b"%PDF-")
    assert not [r for r in caplog.records if "Refused to fetch" in r.getMessage()]
    assert f"file://{static}/pixel.css" in opened
