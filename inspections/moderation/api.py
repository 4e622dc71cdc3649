"""Moderation API: return a judgement with a comment; sign off an inspectorate's judgements."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from . import selectors
from .permissions import require_return, require_sign_off
from .services import judgement_return, judgements_sign_off


class ReturnInput(serializers.Serializer):
    comment = serializers.CharField(max_length=4000)


class JudgementStatusOutput(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField()
    returned_comment = serializers.CharField()


class JudgementReturnApi(APIView):
    @extend_schema(
        request=ReturnInput,
        responses=JudgementStatusOutput,
        summary="Return a judgement to its inspector with a comment",
    )
    def post(self, request, pk):
        judgement = selectors.judgement_for(request.user, pk)
        require_return(request.user, judgement.inspection, judgement)
        data = ReturnInput(data=request.data)
        data.is_valid(raise_exception=True)
        judgement = judgement_return(
            judgement=judgement, user=request.user, comment=data.validated_data["comment"]
        )
        return Response(JudgementStatusOutput(judgement).data)


class SignOffOutput(serializers.Serializer):
    signed_off = serializers.IntegerField()


class SignOffApi(APIView):
    @extend_schema(
        request=None,
        responses=SignOffOutput,
        summary="Sign off your inspectorate's completed judgements (in moderation)",
    )
    def post(self, request, pk):
        inspection = selectors.inspection_for(request.user, pk)
        require_sign_off(request.user, inspection)
        count = judgements_sign_off(inspection=inspection, user=request.user)
        return Response({"signed_off": count}, status=status.HTTP_200_OK)
