"""The area's nominated contact, the items the area is asked for, and the files it sends."""

from __future__ import annotations

import datetime
from pathlib import PurePath

from django.conf import settings
from django.db import models

from ..models.inspection import Inspection
from .storage import PrivateStorage

__all__ = ["InspectionContact", "RequestItem", "RequestUpload"]


class InspectionContact(models.Model):
    """The person an area nominates to answer the request for one inspection."""

    inspection = models.ForeignKey(
        Inspection, on_delete=models.CASCADE, related_name="area_contacts"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contact_for"
    )
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    nominated_at = models.DateTimeField()
    request_sent_at = models.DateTimeField(
        null=True, blank=True, help_text="When the request for information was emailed to them."
    )

    class Meta:
        ordering = ["inspection", "nominated_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "user"], name="area_contact_once_per_inspection"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} for {self.inspection}"


class RequestItem(models.Model):
    """One item of the request: copied from the framework's list when the area is notified,
    so a later change to the list never rewrites what an area was asked for."""

    inspection = models.ForeignKey(
        Inspection, on_delete=models.CASCADE, related_name="request_items"
    )
    code = models.SlugField(max_length=60)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    due_working_day = models.PositiveSmallIntegerField(
        help_text="The working day it is due, counting the day of notification as day 1."
    )
    due_date = models.DateField()
    order = models.PositiveSmallIntegerField(default=0)
    source = models.CharField(max_length=300)

    class Meta:
        ordering = ["inspection", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "code"], name="request_item_once")
        ]

    def __str__(self) -> str:
        return self.title

    def is_late_on(self, day: datetime.date, *, received: bool) -> bool:
        return not received and day > self.due_date


def upload_path(upload: RequestUpload, filename: str) -> str:
    """Files live under the inspection's own folder, outside anything served as media; the
    stored name is the item's code and the upload's time, never the sender's file name."""
    suffix = PurePath(filename).suffix.lower()[:6]
    stamp = upload.uploaded_at.strftime("%Y%m%dT%H%M%S%f")
    return f"information/{upload.item.inspection_id}/{upload.item.code}-{stamp}{suffix}"


class RequestUpload(models.Model):
    """A file the area sent for an item, checked and scanned before it was stored."""

    item = models.ForeignKey(RequestItem, on_delete=models.CASCADE, related_name="uploads")
    file = models.FileField(upload_to=upload_path, storage=PrivateStorage(), max_length=300)
    original_name = models.CharField(max_length=255)
    kind = models.CharField(max_length=10)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField()
    scan_result = models.CharField(max_length=100, blank=True)
    contains_names = models.BooleanField(
        default=False,
        help_text="The area says the file names children: only the overall lead and the "
        "inspector assigned to its case see it (the lead and admins when it has no case).",
    )
    case_reference = models.CharField(
        max_length=20, blank=True, help_text="The case the file is about, when it is one case's."
    )

    class Meta:
        ordering = ["item", "uploaded_at"]

    def __str__(self) -> str:
        return self.original_name
