"""Factual-accuracy comments by API: the requests sent and their comments, and a comment the
team records from the area (answering one is `FactualAccuracyCommentRespondApi`)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from jtai.api import PaginatedListMixin
from jtai.idempotency import idempotent

from .. import selectors
from ..services import factual_accuracy_comment_record
from .authoring import CommentOutput, FactualAccuracyLinkOutput


class FactualAccuracyRequestDetailOutput(serializers.Serializer):
    id = serializers.IntegerField()
    version = serializers.IntegerField(source="version_id")
    sent_at = serializers.DateTimeField()
    comments_due = serializers.DateField()
    expires_at = serializers.DateTimeField()
    links = FactualAccuracyLinkOutput(many=True, source="links.all")
    comments = CommentOutput(many=True, source="comments.all")


class CommentRecordInput(serializers.Serializer):
    from_name = serializers.CharField(max_length=200, help_text="Who the comment is from.")
    section = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default="", help_text="Where."
    )
    comment = serializers.CharField(max_length=20000)


class FactualAccuracyRequestListApi(PaginatedListMixin, APIView):
    @extend_schema(
        responses=FactualAccuracyRequestDetailOutput(many=True),
        summary="The factual-accuracy requests sent, with their links and comments",
    )
    def get(self, request, pk):
        inspection = selectors.inspection_for_team(request.user, pk)
        return self.paginated_response(
            request,
            selectors.factual_accuracy_requests_for(inspection),
            lambda page: FactualAccuracyRequestDetailOutput(page, many=True).data,
        )


class FactualAccuracyCommentRecordApi(APIView):
    @extend_schema(
        request=CommentRecordInput,
        responses={201: CommentOutput},
        summary="Record a comment the area made on the factual-accuracy version",
    )
    @idempotent
    def post(self, request, pk, request_pk):
        inspection = selectors.inspection_for_team(request.user, pk)
        fa_request = selectors.factual_accuracy_request_for(inspection, request_pk)
        data = CommentRecordInput(data=request.data)
        data.is_valid(raise_exception=True)
        comment = factual_accuracy_comment_record(
            request=fa_request, user=request.user, **data.validated_data
        )
        return Response(CommentOutput(comment).data, status=status.HTTP_201_CREATED)
