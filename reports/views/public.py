"""The public side of reports: the register, a published report (HTML and PDF), the Atom
feed, the CSV open data, and the area's download of the factual accuracy version by each
recipient's own link, which expires and can be revoked."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.core import signing
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from jtai import clock

from .. import selectors
from ..forms import RegisterFilterForm
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


def _themes_within_framework(form: RegisterFilterForm) -> None:
    """Theme codes are unique within a framework only: look the theme up in the inspection type
    chosen, and refuse a code several types share when none is chosen."""
    field = form.fields["theme"]
    framework = form.data.get("framework")
    if framework:
        field.queryset = field.queryset.filter(framework__code=framework)
        return
    code = form.data.get("theme")
    if code and field.queryset.filter(code=code).count() > 1:
        field.queryset = field.queryset.exclude(code=code)
        field.error_messages["invalid_choice"] = (
            "More than one inspection type has this theme: choose the inspection type too"
        )


def register(request):
    form = RegisterFilterForm(request.GET or None)
    if form.is_bound:
        _themes_within_framework(form)
    status = 200
    if not form.is_bound:
        publications = selectors.register_publications()
    elif form.is_valid():
        publications = selectors.register_publications(**form.cleaned_data)
    else:
        status = 400
        publications = selectors.register_publications().none()
    page = Paginator(publications, 20).get_page(request.GET.get("page"))
    return render(request, "reports/register.html", {"form": form, "page_obj": page}, status=status)


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
