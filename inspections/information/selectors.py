"""Reads of the request for information, scoped to the user: an inspection or a file the
user may not see is simply not found."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from jtai import clock

from ..models import Inspection, Status
from ..permissions import visible_inspections
from .models import InspectionContact, RequestItem, RequestUpload
from .permissions import contact_inspections, is_area_contact, visible_uploads


def request_inspections(user) -> QuerySet[Inspection]:
    """The inspections whose request `user` may see: a contact's own; otherwise the ones the
    user may see at all (their teams', or every one for an admin)."""
    if is_area_contact(user):
        return contact_inspections(user)
    return visible_inspections(user)


def request_inspection(user, pk: int) -> Inspection:
    return get_object_or_404(
        request_inspections(user).select_related(
            "authority", "framework_version__framework", "theme"
        ),
        pk=pk,
    )


def request_items(inspection: Inspection, user) -> list[RequestItem]:
    """The items with the uploads `user` may see (newest last), in the order the area was
    asked."""
    return list(
        RequestItem.objects.filter(inspection=inspection).prefetch_related(
            Prefetch(
                "uploads",
                RequestUpload.objects.filter(visible_uploads(user, inspection))
                .select_related("uploaded_by")
                .order_by("uploaded_at"),
            )
        )
    )


def request_item(inspection: Inspection, item_pk: int) -> RequestItem:
    return get_object_or_404(
        RequestItem.objects.select_related("inspection"), inspection=inspection, pk=item_pk
    )


# Late items are chased while the request is live: once evidence closes, the team works with
# what it has and nothing is flagged late any more.
CHASED_STATUSES = (Status.NOTIFIED, Status.FIELDWORK)


def late_items(inspection: Inspection, *, today: datetime.date | None = None) -> list[RequestItem]:
    """Items past their due date with nothing uploaded (due yesterday or before), while the
    request is live."""
    today = today or clock.today()
    if inspection.status not in CHASED_STATUSES:
        return []
    received = RequestUpload.objects.filter(item=OuterRef("pk"))
    return list(
        RequestItem.objects.filter(inspection=inspection, due_date__lt=today)
        .exclude(Exists(received))
        .order_by("due_date", "order")
    )


@dataclass(frozen=True)
class RequestSummary:
    items: int
    received: int
    late: list[RequestItem]

    @property
    def outstanding(self) -> int:
        return self.items - self.received


def request_summary(inspection: Inspection, *, today=None) -> RequestSummary | None:
    """How many items were asked for and received, and which are late; None before notice.
    One query, whatever the number of items."""
    today = today or clock.today()
    items = list(
        RequestItem.objects.filter(inspection=inspection)
        .annotate(received=Exists(RequestUpload.objects.filter(item=OuterRef("pk"))))
        .order_by("due_date", "order")
    )
    if not items:
        return None
    return RequestSummary(
        items=len(items),
        received=sum(1 for item in items if item.received),
        late=[
            item
            for item in items
            if not item.received and item.due_date < today and inspection.status in CHASED_STATUSES
        ],
    )


def inspection_contacts(inspection: Inspection) -> list[InspectionContact]:
    return list(inspection.area_contacts.select_related("user").order_by("nominated_at"))


def upload_for_download(user, pk: int) -> RequestUpload:
    """A file the user may see listed: through an inspection whose request they see. Whether
    they may download it is the permissions' question (the contact may not)."""
    stored = get_object_or_404(
        RequestUpload.objects.select_related("item__inspection"),
        pk=pk,
        item__inspection__in=request_inspections(user),
    )
    # A file marked "contains names" is not there for anyone it is not shown to.
    inspection = stored.item.inspection
    if not RequestUpload.objects.filter(visible_uploads(user, inspection), pk=pk).exists():
        raise Http404("No such file")
    return stored
