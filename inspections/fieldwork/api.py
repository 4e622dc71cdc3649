"""The fieldwork API: the cohort and each tracked case's answers and audit, the on-site
timetable, and the lines of enquiry with the evidence behind them. Same services, same
selectors, same permissions as the pages."""

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from inspections.models import AuditEvaluation, PlanType, SessionKind, TimetableSession, TrackedCase
from inspections.recording import selectors as recording_selectors
from inspections.recording.api.common import ERROR_RESPONSES
from jtai.api import PaginatedListMixin

from . import selectors, services
from .access import tracked_case_read
from .permissions import (
    require_answer_for,
    require_edit_timetable,
    require_record_audit,
    require_select_cohort,
)

# --- the cohort ------------------------------------------------------------------------------


class TrackedCaseOutput(serializers.Serializer):
    id = serializers.IntegerField()
    inspection = serializers.IntegerField(source="inspection_id")
    reference = serializers.CharField()
    age = serializers.IntegerField()
    plan_type = serializers.CharField()
    partnership_audit = serializers.CharField()
    audit_evaluation = serializers.CharField()
    audit_evaluation_comment = serializers.CharField()


class AnswerOutput(serializers.Serializer):
    question = serializers.CharField()
    text = serializers.CharField()
    answer = serializers.CharField(allow_null=True)


class AgencyAnswersOutput(serializers.Serializer):
    agency = serializers.IntegerField()
    inspectorate = serializers.CharField()
    editable = serializers.BooleanField()
    answers = AnswerOutput(many=True)


class TrackedCaseDetailOutput(TrackedCaseOutput):
    agencies = AgencyAnswersOutput(many=True)


class TrackedCaseInput(serializers.Serializer):
    reference = serializers.CharField(max_length=20, help_text="A case reference, never a name.")
    age = serializers.IntegerField(min_value=0, max_value=25)
    plan_type = serializers.ChoiceField(choices=PlanType.choices)


class AnswersInput(serializers.Serializer):
    answers = serializers.DictField(
        child=serializers.CharField(allow_blank=True),
        help_text="Question code -> answer; an empty answer removes it.",
    )


class AuditInput(serializers.Serializer):
    partnership_audit = serializers.CharField(allow_blank=True)
    evaluation = serializers.ChoiceField(
        choices=[("", "Not evaluated"), *AuditEvaluation.choices], required=False, allow_blank=True
    )
    comment = serializers.CharField(required=False, allow_blank=True)


def _case_detail(access, case) -> dict:
    groups = selectors.case_answers(access, case)
    data = TrackedCaseOutput(case).data
    data["agencies"] = [
        {
            "agency": group.agency.pk,
            "inspectorate": group.inspectorate.code,
            "editable": group.editable,
            "answers": [
                {
                    "question": question.code,
                    "text": question.text,
                    "answer": answer.answer if answer else None,
                }
                for question, answer in group.answers
            ],
        }
        for group in groups
    ]
    return data


class InspectionTrackedCasesApi(PaginatedListMixin, APIView):
    @extend_schema(responses={200: TrackedCaseOutput(many=True), 404: ERROR_RESPONSES[404]})
    def get(self, request, pk):
        access = recording_selectors.access_to(request.user, pk)
        return self.paginated_response(
            request,
            selectors.cohort_for(access),
            lambda page: TrackedCaseOutput(page, many=True).data,
        )

    @extend_schema(request=TrackedCaseInput, responses={201: TrackedCaseOutput, **ERROR_RESPONSES})
    def post(self, request, pk):
        access = recording_selectors.access_to(request.user, pk)
        require_select_cohort(access)
        data = TrackedCaseInput(data=request.data)
        data.is_valid(raise_exception=True)
        case = services.tracked_case_add(
            inspection=access.inspection, user=request.user, **data.validated_data
        )
        return Response(TrackedCaseOutput(case).data, status=status.HTTP_201_CREATED)


class TrackedCaseDetailApi(APIView):
    @extend_schema(responses={200: TrackedCaseDetailOutput, 404: ERROR_RESPONSES[404]})
    def get(self, request, pk):
        case, access = recording_selectors.object_and_access(request.user, TrackedCase, pk)
        tracked_case_read(request, case, access.inspection)
        return Response(_case_detail(access, case))


class TrackedCaseAnswersApi(APIView):
    @extend_schema(
        request=AnswersInput,
        responses={200: TrackedCaseDetailOutput, **ERROR_RESPONSES},
        summary="Record one agency's answers (its own inspectorate's inspectors only)",
    )
    def put(self, request, pk, agency_pk):
        case, access = recording_selectors.object_and_access(request.user, TrackedCase, pk)
        agency = (
            recording_selectors.agency_choices_for(access.inspection).filter(pk=agency_pk).first()
        )
        if agency is None:
            raise Http404("No such agency on this inspection")
        require_answer_for(access, agency)
        data = AnswersInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.case_answers_record(
            case=case, agency=agency, user=request.user, answers=data.validated_data["answers"]
        )
        return Response(_case_detail(access, case))


class TrackedCaseAuditApi(APIView):
    @extend_schema(request=AuditInput, responses={200: TrackedCaseDetailOutput, **ERROR_RESPONSES})
    def put(self, request, pk):
        case, access = recording_selectors.object_and_access(request.user, TrackedCase, pk)
        require_record_audit(access)
        data = AuditInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        services.case_audit_record(
            case=case,
            user=request.user,
            partnership_audit=values["partnership_audit"],
            evaluation=values.get("evaluation", ""),
            comment=values.get("comment", ""),
        )
        return Response(_case_detail(access, case))


# --- the timetable ---------------------------------------------------------------------------


class SessionOutput(serializers.Serializer):
    id = serializers.IntegerField()
    inspection = serializers.IntegerField(source="inspection_id")
    date = serializers.DateField()
    start_time = serializers.TimeField(format="%H:%M")
    end_time = serializers.TimeField(format="%H:%M")
    kind = serializers.CharField()
    title = serializers.CharField()
    room = serializers.CharField()
    attendees = serializers.SerializerMethodField(help_text="Team member ids.")
    external_attendees = serializers.ListField(
        child=serializers.CharField(), source="external_attendee_list"
    )

    def get_attendees(self, obj) -> list[int]:
        return [m.pk for m in obj.attendees.all()]


class SessionInput(serializers.Serializer):
    date = serializers.DateField()
    start_time = serializers.TimeField()
    end_time = serializers.TimeField()
    kind = serializers.ChoiceField(choices=SessionKind.choices)
    title = serializers.CharField(required=False, allow_blank=True, max_length=200)
    room = serializers.CharField(required=False, allow_blank=True, max_length=120)
    attendees = serializers.ListField(
        child=serializers.IntegerField(), required=False, help_text="Team member ids."
    )
    external_attendees = serializers.ListField(
        child=serializers.CharField(max_length=200),
        required=False,
        help_text="Job titles, never names.",
    )

    def values(self) -> dict:
        values = dict(self.validated_data)
        values["external_attendees"] = "\n".join(values.get("external_attendees", []))
        return values


class InspectionTimetableApi(PaginatedListMixin, APIView):
    @extend_schema(responses={200: SessionOutput(many=True), 404: ERROR_RESPONSES[404]})
    def get(self, request, pk):
        access = recording_selectors.access_to(request.user, pk)
        return self.paginated_response(
            request,
            selectors.sessions_for(access),
            lambda page: SessionOutput(page, many=True).data,
        )

    @extend_schema(request=SessionInput, responses={201: SessionOutput, **ERROR_RESPONSES})
    def post(self, request, pk):
        access = recording_selectors.access_to(request.user, pk)
        require_edit_timetable(access)
        data = SessionInput(data=request.data)
        data.is_valid(raise_exception=True)
        session = services.session_create(
            inspection=access.inspection, user=request.user, **data.values()
        )
        return Response(
            SessionOutput(selectors.session_for(access, session.pk)).data,
            status=status.HTTP_201_CREATED,
        )


class SessionDetailApi(APIView):
    @extend_schema(responses={200: SessionOutput, 404: ERROR_RESPONSES[404]})
    def get(self, request, pk):
        session, access = recording_selectors.object_and_access(request.user, TimetableSession, pk)
        return Response(SessionOutput(selectors.session_for(access, session.pk)).data)

    @extend_schema(request=SessionInput, responses={200: SessionOutput, **ERROR_RESPONSES})
    def put(self, request, pk):
        session, access = recording_selectors.object_and_access(request.user, TimetableSession, pk)
        require_edit_timetable(access)
        data = SessionInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.session_update(session=session, **data.values())
        return Response(SessionOutput(selectors.session_for(access, session.pk)).data)

    @extend_schema(responses={204: None, **ERROR_RESPONSES})
    def delete(self, request, pk):
        session, access = recording_selectors.object_and_access(request.user, TimetableSession, pk)
        require_edit_timetable(access)
        services.session_delete(session=session)
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- lines of enquiry ------------------------------------------------------------------------


class LineOfEnquiryOutput(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    text = serializers.CharField()
    report_section = serializers.CharField()
    source = serializers.CharField()
    evidence = serializers.SerializerMethodField(help_text="Ids of the evidence records linked.")

    def get_evidence(self, obj) -> list[int]:
        return [record.pk for record in obj.evidence_records]


class InspectionLinesOfEnquiryApi(PaginatedListMixin, APIView):
    @extend_schema(
        responses={200: LineOfEnquiryOutput(many=True), 404: ERROR_RESPONSES[404]},
        summary="The theme's lines of enquiry, each with its evidence and report section",
    )
    def get(self, request, pk):
        access = recording_selectors.access_to(request.user, pk)
        lines, _ = selectors.traceability(access)
        return self.paginated_response(
            request, lines, lambda page: LineOfEnquiryOutput(page, many=True).data
        )
