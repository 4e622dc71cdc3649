"""What the recording API's resources share: error responses, the area of a judgement, and the
reading and changing of one recorded object."""

from collections.abc import Callable

from django.db.models import Model
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from jtai.api import VersionedResource

from .. import selectors
from ..permissions import Access

ERROR_RESPONSES = {
    400: OpenApiResponse(description="Not valid: {detail, errors: {field: [messages]}}"),
    403: OpenApiResponse(description="You may read this but not change it"),
    404: OpenApiResponse(description="No such object, or not visible to you"),
}
MAX_VERSION = 2**31 - 1
CONFLICT = {409: OpenApiResponse(description="Stale version: someone saved a newer one")}


class AreaOutput(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    title = serializers.CharField()


# One recorded object (a case, an evidence record, a judgement...) found by its own id.
# GET answers with the object as the inspection's selectors read it. PUT checks the user may
# change it, validates `input_serializer` and saves through the service, then answers the same
# way. Subclasses name the model and the pieces, and declare the schema of each method.
# The version read may come as If-Match instead of the body's `version` (`VersionedResource`).
# (A comment, not a docstring: the schema would give a docstring as every subclass's description.)
class RecordDetailApi(VersionedResource, APIView):
    model: type[Model]
    input_serializer: type[serializers.Serializer]
    output_serializer: type[serializers.Serializer]
    # staticmethods: the selector that reads the object for an access (or 404), and the check
    # that the user may change it (PermissionDenied).
    read: Callable[[Access, int], Model]
    require_edit: Callable[[Access, Model], None]
    # True where the edit permission needs the object as the selector reads it.
    check_read_object = False

    def current_version(self, request, pk) -> int:
        obj, _ = selectors.object_and_access(request.user, self.model, pk)
        return obj.version

    def output(self, obj, access) -> dict:
        return self.output_serializer(obj).data

    def save(self, request, obj, values: dict) -> None:
        raise NotImplementedError

    def record_read(self, request, obj, access) -> None:
        """Record the read in the access records, where the object is a child-level item."""

    def get(self, request, pk):
        obj, access = selectors.object_and_access(request.user, self.model, pk)
        obj = self.read(access, obj.pk)
        self.record_read(request, obj, access)
        return Response(self.output(obj, access))

    def put(self, request, pk):
        obj, access = selectors.object_and_access(request.user, self.model, pk)
        if self.check_read_object:
            obj = self.read(access, obj.pk)
        self.require_edit(access, obj)
        data = self.input_serializer(data=request.data)
        data.is_valid(raise_exception=True)
        self.save(request, obj, data.validated_data)
        return Response(self.output(self.read(access, obj.pk), access))
