"""The API of the request for information: the request and its items, the contact's
uploads, and the admins' nomination of the contact. Same selectors, services and answers as
the pages: another inspection's request is 404, a role that may not act is 403."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from jtai.openapi import CONFLICT

from . import selectors, services
from .permissions import is_area_contact, require_can_nominate

# --- output ---------------------------------------------------------------------------------


class UploadOut(serializers.Serializer):
    id = serializers.IntegerField()
    original_name = serializers.CharField()
    kind = serializers.CharField()
    size = serializers.IntegerField()
    sha256 = serializers.CharField()
    uploaded_at = serializers.DateTimeField()
    contains_names = serializers.BooleanField()
    case_reference = serializers.CharField()


class ItemOut(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    title = serializers.CharField()
    description = serializers.CharField()
    due_working_day = serializers.IntegerField()
    due_date = serializers.DateField()
    source = serializers.CharField()
    late = serializers.SerializerMethodField()
    uploads = UploadOut(many=True, source="uploads.all")

    def get_late(self, item) -> bool:
        return item.pk in self.context.get("late", set())


class ContactOut(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="user.display_name")
    email = serializers.EmailField(source="user.email")
    nominated_at = serializers.DateTimeField()
    request_sent_at = serializers.DateTimeField(allow_null=True)


class RequestOut(serializers.Serializer):
    inspection = serializers.IntegerField()
    items = ItemOut(many=True)
    received = serializers.IntegerField(help_text="Items with at least one file.")
    late = serializers.IntegerField(help_text="Items past their due date with no file.")
    contacts = ContactOut(many=True, help_text="The area's contacts (empty for the contact).")


# --- input ----------------------------------------------------------------------------------


class UploadIn(serializers.Serializer):
    file = serializers.FileField()
    contains_names = serializers.BooleanField(
        required=False,
        default=False,
        help_text="The file names children: only the lead and the inspector assigned to its "
        "case (or, with no case, the lead and admins) will see it.",
    )
    case_reference = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=20
    )


class ContactIn(serializers.Serializer):
    first_name = serializers.CharField(max_length=150)
    last_name = serializers.CharField(max_length=150)
    email = serializers.EmailField()


# --- views ----------------------------------------------------------------------------------


class RequestApi(APIView):
    @extend_schema(responses=RequestOut, summary="An inspection's request for information")
    def get(self, request, pk):
        inspection = selectors.request_inspection(request.user, pk)
        late = {item.pk for item in selectors.late_items(inspection)}
        items = selectors.request_items(inspection, request.user)
        contacts = []
        if not is_area_contact(request.user):
            contacts = selectors.inspection_contacts(inspection)
        body = {
            "inspection": inspection.pk,
            "items": items,
            "received": sum(1 for item in items if item.uploads.all()),
            "late": len(late),
            "contacts": contacts,
        }
        return Response(RequestOut(body, context={"late": late}).data)


class UploadApi(APIView):
    @extend_schema(
        request=UploadIn,
        responses={201: UploadOut, 409: CONFLICT},
        summary="Send a file for an item (the area's contact)",
    )
    def post(self, request, pk, item_pk):
        inspection = selectors.request_inspection(request.user, pk)
        item = selectors.request_item(inspection, item_pk)
        data = UploadIn(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        stored = services.request_upload_add(
            item=item, upload=values.pop("file"), by=request.user, **values
        )
        return Response(UploadOut(stored).data, status=status.HTTP_201_CREATED)


class ContactsApi(APIView):
    @extend_schema(
        request=ContactIn,
        responses={201: ContactOut, 409: CONFLICT},
        summary="Nominate the area's contact (admins)",
    )
    def post(self, request, pk):
        inspection = selectors.request_inspection(request.user, pk)
        require_can_nominate(request.user)
        data = ContactIn(data=request.data)
        data.is_valid(raise_exception=True)
        contact = services.inspection_contact_nominate(
            inspection=inspection, by=request.user, **data.validated_data
        )
        return Response(ContactOut(contact).data, status=status.HTTP_201_CREATED)
