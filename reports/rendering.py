"""A snapshot to HTML (the web publication and the print document) and to PDF.

The PDF is tagged PDF/UA-1 (WeasyPrint's `pdf/ua-1` variant): a structure tree, marked
content, the document title shown in the window title and `lang="en-GB"`. Headings become
bookmarks. The print CSS (`print.css`) uses block and table layout only, which keeps
WeasyPrint fast.
"""

from __future__ import annotations

import difflib
import hashlib
import logging
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string

from jtai import metrics

from .assembly import snapshot_lines

logger = logging.getLogger(__name__)

PDF_VARIANT = "pdf/ua-1"
PRINT_CSS = Path(__file__).resolve().parent / "print.css"


@dataclass(frozen=True)
class RenderedPdf:
    data: bytes
    sha256: str
    page_count: int


def render_publication_html(snapshot: dict, *, due_date=None) -> str:
    """The report's content as an HTML fragment for the GOV.UK page."""
    return render_to_string(
        "reports/_publication.html", {"r": snapshot, "print": False, "due_date": due_date}
    )


def render_print_html(
    snapshot: dict, *, version_label: str = "", marking: str = "", published_on=None
) -> str:
    """The whole print document (cover, contents, content, copyright page) that becomes the
    PDF. `published_on` dates the cover and names the inspectorates as they were that day."""
    from .cover import cover_for_snapshot

    return render_to_string(
        "reports/print.html",
        {
            "r": snapshot,
            "cover": cover_for_snapshot(snapshot, published_on),
            "version_label": version_label,
            "marking": marking,
            "published_on": published_on,
            "site_url": settings.SITE_URL,
        },
    )


def _static_roots() -> list[Path]:
    roots = [*settings.STATICFILES_DIRS]
    if settings.STATIC_ROOT:
        roots.append(settings.STATIC_ROOT)
    return [Path(root).resolve() for root in roots]


def _allowed(url: str) -> bool:
    """Inline `data:` URLs, and `file:` URLs of files under the project's static roots."""
    scheme = url.split(":", 1)[0].lower()
    if scheme == "data":
        return True
    if scheme != "file":
        return False
    parts = urllib.parse.urlsplit(url)
    if parts.netloc not in ("", "localhost"):
        return False
    path = Path(urllib.request.url2pathname(parts.path)).resolve()
    return path.is_file() and any(path.is_relative_to(root) for root in _static_roots())


def url_fetcher():
    """WeasyPrint's fetcher, refusing everything but our own static files and inline data: a
    report's text must never make the renderer read a server file or call out to the network
    (an `<img src="file:///etc/passwd">` or `http://169.254.169.254/`). Made once per render."""
    from weasyprint.urls import URLFetcher

    class StaticOnlyURLFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if not _allowed(url):
                logger.warning("Refused to fetch %s while rendering a PDF.", url[:200])
                raise ValueError(f"Refused to fetch {url[:200]}")
            return super().fetch(url, headers)

    return StaticOnlyURLFetcher(allowed_protocols=("data", "file"), allow_redirects=False)


def _cached_page_references():
    """Tagging looks up a page's reference once per tagged element, and pydyf rebuilds the
    tuple of every page's reference on each look-up: time grew with elements × pages (about a
    tenth of the tagged write at 26 pages, more as reports grow). The tuple is the same until a
    page is added, so it is kept until then; the PDF's bytes do not change."""
    import pydyf

    current = pydyf.PDF.__dict__.get("page_references")
    if not isinstance(current, property) or getattr(current.fget, "cached", False):
        return
    build = current.fget

    def page_references(pdf):
        kids = len(pdf.pages["Kids"])
        cached = pdf.__dict__.get("_page_references")
        if cached is None or cached[0] != kids:
            cached = pdf.__dict__["_page_references"] = (kids, build(pdf))
        return cached[1]

    page_references.cached = True
    pydyf.PDF.page_references = property(page_references)


@lru_cache(maxsize=1)
def _stylesheet():
    from weasyprint import CSS

    return CSS(string=PRINT_CSS.read_text(), url_fetcher=url_fetcher())


def html_to_pdf(
    html: str, *, variant: str | None = PDF_VARIANT, kind: str = "other"
) -> RenderedPdf:
    """Lay out the print HTML with WeasyPrint, fetching only our own static files (see
    `url_fetcher`). The time it took and the pages it made are recorded for /metrics under
    `kind` (the version's kind, or `published`)."""
    from weasyprint import HTML

    started = time.monotonic()
    _cached_page_references()
    document = HTML(string=html, base_url=None, url_fetcher=url_fetcher()).render(
        stylesheets=[_stylesheet()]
    )
    options = {"pdf_variant": variant} if variant else {}
    data = document.write_pdf(**options)
    metrics.record_render(kind=kind, seconds=time.monotonic() - started, pages=len(document.pages))
    return RenderedPdf(
        data=data, sha256=hashlib.sha256(data).hexdigest(), page_count=len(document.pages)
    )


def version_marking(kind: str) -> str:
    from .models import VersionKind

    if kind == VersionKind.DRAFT:
        return "Draft: not for publication"
    if kind == VersionKind.FACTUAL_ACCURACY:
        return "Factual accuracy check: restricted, not for publication"
    return ""


def snapshot_diff(old: dict, new: dict, *, old_label="before", new_label="after") -> list[str]:
    """A unified text diff of two versions' content."""
    return list(
        difflib.unified_diff(
            snapshot_lines(old),
            snapshot_lines(new),
            fromfile=old_label,
            tofile=new_label,
            lineterm="",
            n=1,
        )
    )


def published_edition_name(publication) -> str:
    """Where the published edition of a publication is stored (`render_published_edition`)."""
    return f"reports/published/{publication.slug}-{publication.version.pdf_sha256[:12]}.pdf"
