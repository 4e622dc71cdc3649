from csp.decorators import csp_update
from drf_spectacular.utils import extend_schema, inline_serializer
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework import serializers
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from .api import PROBLEM_TYPES, problem_type
from .authentication import ScopedRateThrottle, token_for


class ObtainTokenView(APIView):
    """Exchange a username and password for an API token, good for `API_TOKEN_HOURS`; the
    same token until then, a new one after. Throttled per client address (`auth-token`)."""

    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "auth-token"

    @extend_schema(
        request=AuthTokenSerializer,
        responses=inline_serializer("Token", {"token": serializers.CharField()}),
    )
    def post(self, request):
        serializer = AuthTokenSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        token = token_for(serializer.validated_data["user"])
        return Response({"token": token.key})


class ProblemTypeView(APIView):
    """What one kind of problem means: the page a problem body's `type` names."""

    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(
        responses=inline_serializer(
            "ProblemType",
            {
                "type": serializers.CharField(),
                "title": serializers.CharField(),
                "description": serializers.CharField(),
            },
        ),
        summary="What a problem type means",
    )
    def get(self, request, slug):
        if slug not in PROBLEM_TYPES:
            raise NotFound()
        title, description = PROBLEM_TYPES[slug]
        return Response({"type": problem_type(slug), "title": title, "description": description})


class ApiDocsView(SpectacularSwaggerSplitView):
    """Interactive API docs. The page loads its start-up script from a URL, not inline, so
    the Content Security Policy holds; only inline styles (Swagger UI's own) are allowed here.
    """

    @classmethod
    def as_view(cls, **initkwargs):
        return csp_update({"style-src": ["'unsafe-inline'"]})(super().as_view(**initkwargs))
