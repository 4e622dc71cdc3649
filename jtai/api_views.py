from csp.decorators import csp_update
from drf_spectacular.utils import extend_schema, inline_serializer
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework import serializers
from rest_framework.authtoken.models import Token
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView


class ObtainTokenView(APIView):
    """Exchange a username and password for an API token."""

    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(
        request=AuthTokenSerializer,
        responses=inline_serializer("Token", {"token": serializers.CharField()}),
    )
    def post(self, request):
        serializer = AuthTokenSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        token, _ = Token.objects.get_or_create(user=serializer.validated_data["user"])
        return Response({"token": token.key})


class ApiDocsView(SpectacularSwaggerSplitView):
    """Interactive API docs. The page loads its start-up script from a URL, not inline, so
    the Content Security Policy holds; only inline styles (Swagger UI's own) are allowed here.
    """

    @classmethod
    def as_view(cls, **initkwargs):
        return csp_update({"style-src": ["'unsafe-inline'"]})(super().as_view(**initkwargs))
