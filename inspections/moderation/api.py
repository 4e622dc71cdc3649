"""Moderation API: return a judgement with a comment; sign off an inspectorate's judgements."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from ..models import Judgement
from ..permissions import visible_inspections
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
        judgement = get_object_or_404(
            Judgement.objects.filter(inspection__in=visible_inspections(request.user)), pk=pk
        )
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
        inspection = get_object_or_404(visible_inspections(request.user), pk=pk)
        count = judgements_sign_off(inspection=inspection, user=request.user)
        return Response({"signed_off": count}, status=status.HTTP_200_OK)
