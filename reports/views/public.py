"""The public side of reports: a published report (HTML and PDF), the Atom
feed, the CSV open data, and the area's download of the factual accuracy version by each
recipient's own link, which expires and can be revoked."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.core import signing
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from jtai import clock
from jtai.page_cache import PUBLICATION_TTL, cached_page

from .. import selectors
from ..links import link_id_from_token
from ..rendering import published_edition_name, render_publication_html


@require_GET
@cache_control(private=True, no_store=True)
def factual_accuracy_download(request, token):
    """A recipient's download of the factual-accuracy version by their own link: 404 for a
    token that is not ours, 410 once it has expired or been revoked."""
    try:
        link_id = link_id_from_token(token)
    except signing.SignatureExpired:
        return render(request, "reports/link_expired.html", status=410)
    except signing.BadSignature as exc:
        raise Http404("No such link") from exc
    link = selectors.factual_accuracy_link_by_id(link_id)
    if link.is_revoked:
        return render(request, "reports/link_expired.html", {"revoked": True}, status=410)
    if link.request.expires_at <= clock.now():
        return render(request, "reports/link_expired.html", status=410)
    version = link.request.version
    return FileResponse(
        version.pdf.open("rb"),
        content_type="application/pdf",
        filename=f"{version.inspection.reference}-factual-accuracy.pdf",
    )


@cached_page(ttl=PUBLICATION_TTL)
def detail(request, slug):
    publication = selectors.publication_for(request.user, slug)
    snapshot = publication.version.snapshot
    plan = selectors.action_plan_of(publication)
    return render(
        request,
        "reports/detail.html",
        {
            "publication": publication,
            "r": snapshot,
            "body": render_publication_html(snapshot, due_date=plan.due_date if plan else None),
            "action_plan": plan,
            "embargoed": not publication.is_public,
        },
    )


def detail_pdf(request, slug):
    publication = selectors.publication_for(request.user, slug)
    edition = published_edition_name(publication)
    return FileResponse(
        default_storage.open(edition, "rb")
        if default_storage.exists(edition)
        else publication.version.pdf.open("rb"),
        content_type="application/pdf",
        filename=f"{publication.slug}.pdf",
    )


class ReportsFeed(Feed):
    feed_type = Atom1Feed
    title = "Joint inspection reports"
    subtitle = "Reports of joint inspections of children's services in England, newest first."

    def link(self):
        return reverse("reports:register")

    def items(self):
        return selectors.public_publications().order_by("-publish_at", "-id")[:50]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        inspection = item.inspection
        return (
            f"{inspection.framework_version.framework.name} in {inspection.authority.name}, "
            f"published {timezone.localtime(item.publish_at):%-d %B %Y}."
        )

    def item_link(self, item):
        return reverse("reports:detail", args=[item.slug])

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.publish_at
