"""Writes of the request for information: the items an area is asked for, its nominated
contact, the files it sends, and the email that tells the contact."""

from __future__ import annotations

import datetime
import hashlib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.urls import reverse

from agencies.models import Role
from jtai import clock
from jtai.exceptions import ApplicationError
from jtai.queue import enqueue_on_commit

from .. import workdays
from ..models import Inspection
from ..recording.services.cases import case_reference_errors
from ..services.common import fail, full_clean, long_date
from . import checks, data, scan
from .models import InspectionContact, RequestItem, RequestUpload
from .permissions import (
    can_nominate,
    require_can_nominate,
    require_can_upload,
    uploads_are_open,
)

SEND_TASK = "inspections.information.tasks.send_request_emails"


def due_date_for(day_one: datetime.date, working_day: int) -> datetime.date:
    """The date of working day `working_day`, when the day of notification is day 1."""
    return workdays.add_working_days(workdays.next_working_day(day_one), working_day - 1)


@transaction.atomic
def request_items_create(*, inspection: Inspection, day_one: datetime.date) -> list[RequestItem]:
    """Ask the area for the framework's list of items, due in working days from `day_one`.
    Idempotent: an item already asked for is left as it is."""
    existing = set(inspection.request_items.values_list("code", flat=True))
    created = []
    specs = data.items_for(inspection.framework_version.framework.code)
    for order, spec in enumerate(specs, start=1):
        if spec.code in existing:
            continue
        item = RequestItem(
            inspection=inspection,
            code=spec.code,
            title=spec.title,
            description=spec.description,
            due_working_day=spec.due_working_day,
            due_date=due_date_for(day_one, spec.due_working_day),
            order=order,
            source=spec.source,
        )
        full_clean(item)
        item.save()
        created.append(item)
    return created


@transaction.atomic
def inspection_contact_nominate(
    *, inspection: Inspection, by, email: str, first_name: str, last_name: str
) -> InspectionContact:
    """Nominate the area's contact for `inspection`: an account of their own with the area
    contact's role (found by email, or created without a password: an admin sets one), able
    to see this inspection's request and nothing else. Once the area is notified, the contact
    is emailed the request."""
    require_can_nominate(by)
    if not can_nominate(by, inspection):
        fail("A cancelled or deferred inspection has no contact to nominate", conflict=True)
    email = email.strip().lower()
    User = get_user_model()
    user = User.objects.filter(email__iexact=email).first() or (
        User.objects.filter(username__iexact=email).first()
    )
    if user is None:
        user = User(
            username=email,
            email=email,
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            role=Role.AREA_CONTACT,
        )
        user.set_unusable_password()
        full_clean(user)
        user.save()
    elif not user.is_area_contact:
        fail("This email belongs to a member of staff, not to someone in the area", "email")
    if inspection.area_contacts.filter(user=user).exists():
        fail(f"{user.display_name} is already the area's contact", "email")
    contact = InspectionContact(
        inspection=inspection, user=user, nominated_by=by, nominated_at=clock.now()
    )
    full_clean(contact)
    contact.save()
    if inspection.request_items.exists():
        enqueue_on_commit(SEND_TASK, inspection.pk)
    return contact


@transaction.atomic
def inspection_contact_remove(*, contact: InspectionContact, by) -> None:
    require_can_nominate(by)
    contact.delete()


@transaction.atomic
def request_upload_add(
    *, item: RequestItem, upload, by, contains_names: bool = False, case_reference: str = ""
) -> RequestUpload:
    """Store a file the area's contact sent for `item`, once it has passed the checks: its
    size (before it is read), its content, and the virus scan. A refused file is not kept.
    A file marked `contains_names` is shown only to the lead and the inspector assigned to
    its case (`case_reference`), or to the lead and admins when it has none."""
    inspection = item.inspection
    require_can_upload(by, inspection)
    if not uploads_are_open(inspection):
        fail("The request is closed: files can no longer be sent", conflict=True)
    case_reference = (case_reference or "").strip()
    if case_reference and (errors := case_reference_errors(case_reference)):
        raise ApplicationError(errors[0], fields={"case_reference": errors})
    kind = checks.check_upload(upload)
    scan_result = scan.scan_upload(upload)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    stored = RequestUpload(
        item=item,
        original_name=(upload.name or "")[-255:],
        kind=kind,
        size=upload.size,
        sha256=digest.hexdigest(),
        uploaded_by=by,
        uploaded_at=clock.now(),
        scan_result=scan_result,
        contains_names=bool(contains_names),
        case_reference=case_reference,
    )
    stored.file.save(upload.name, upload, save=False)
    try:
        stored.save()
    except Exception:
        stored.file.delete(save=False)
        raise
    return stored


def request_link(inspection: Inspection) -> str:
    """The absolute address of the inspection's request page, for emails."""
    return settings.SITE_URL + reverse("inspections:information:request", args=[inspection.pk])


def _request_email_body(inspection: Inspection, contact: InspectionContact) -> str:
    items = list(inspection.request_items.order_by("order"))
    lines = [
        f"Dear {contact.user.display_name},",
        "",
        f"{inspection.authority.name} has been notified of a "
        f"{inspection.framework_version.framework.name.lower()}"
        + (f" ({inspection.theme.name})" if inspection.theme else "")
        + f". Inspectors arrive on {long_date(inspection.window_start)}.",
        "",
        "As the area's nominated contact, please send the following, by the dates shown:",
        "",
        *[f"- {item.title}: by {long_date(item.due_date)}" for item in items],
        "",
        "Send the files, and see what you have sent, on the request's page:",
        request_link(inspection),
        "",
        "Refer to children by reference only, never by name.",
    ]
    return "\n".join(lines)


@transaction.atomic
def request_send_emails(*, inspection_id: int) -> int:
    """Email the request to each nominated contact not yet sent it. Idempotent."""
    inspection = (
        Inspection.objects.select_for_update(of=("self",))
        .select_related("authority", "framework_version__framework", "theme")
        .get(pk=inspection_id)
    )
    if not inspection.request_items.exists():
        return 0
    contacts = list(
        inspection.area_contacts.select_related("user").filter(request_sent_at__isnull=True)
    )
    subject = f"Request for information: inspection of {inspection.authority.name}"
    messages = [
        EmailMessage(subject, _request_email_body(inspection, c), to=[c.user.email])
        for c in contacts
        if c.user.email
    ]
    if messages:
        get_connection().send_messages(messages)
    InspectionContact.objects.filter(pk__in=[c.pk for c in contacts]).update(
        request_sent_at=clock.now()
    )
    return len(messages)


def on_notify(inspection: Inspection, *, day_one: datetime.date) -> None:
    """The after-hook's work: ask for the items, then email the contacts once committed."""
    request_items_create(inspection=inspection, day_one=day_one)
    enqueue_on_commit(SEND_TASK, inspection.pk)
