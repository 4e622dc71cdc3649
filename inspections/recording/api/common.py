"""What the recording API's resources share: error responses, paging, the area of a judgement."""

from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers

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
