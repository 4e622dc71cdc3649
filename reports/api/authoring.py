"""Report API: queue a generation (202 with a status URL), read a job, list versions; read,
write (409 when stale) and agree the report's sections."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from jtai.api import PaginatedListMixin, VersionedResource
from jtai.exceptions import ApplicationError
from jtai.idempotency import idempotent
from jtai.openapi import CONFLICT

from ..models import FactualAccuracyComment, ReportJob, VersionKind
from ..selectors import (
    area_contacts,
    factual_accuracy_comment_for,
    factual_accuracy_comment_for_user,
    factual_accuracy_link_for_user,
    inspection_for_team,
    job_for_user,
    latest_factual_accuracy_version,
    section_for,
    sections_for,
    versions_for,
)
from ..services import (
    factual_accuracy_comment_respond,
    factual_accuracy_link_revoke,
    factual_accuracy_send,
    recipients_from_contacts,
    report_job_create,
    report_publish,
    report_section_agree,
    report_section_save,
    report_sections_ensure,
)


class GenerateInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=VersionKind.choices)


class JobOutput(serializers.ModelSerializer):
    status_url = serializers.SerializerMethodField()
    version = serializers.SerializerMethodField()

    class Meta:
        model = ReportJob
        fields = [
            "id",
            "kind",
            "status",
            "progress",
            "error",
            "attempts",
            "created_at",
            "started_at",
            "finished_at",
            "status_url",
            "version",
        ]

    def get_status_url(self, job) -> str:
        return reverse("api-report-job", args=[job.pk])

    def get_version(self, job) -> dict | None:
        version = getattr(job, "version", None)
        if version is None:
            return None
        return VersionOutput(version).data


class VersionOutput(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.IntegerField()
    kind = serializers.CharField()
    label = serializers.CharField()
    pdf_sha256 = serializers.CharField()
    page_count = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    pdf_url = serializers.SerializerMethodField()

    def get_pdf_url(self, version) -> str:
        """The API's download: a token works as well as a session."""
        return reverse("api-report-version-pdf", args=[version.inspection_id, version.pk])


class InspectionReportsApi(PaginatedListMixin, APIView):
    @extend_schema(responses=VersionOutput(many=True), summary="Report versions, newest first")
    def get(self, request, pk):
        inspection = inspection_for_team(request.user, pk)
        return self.paginated_response(
            request, versions_for(inspection), lambda page: VersionOutput(page, many=True).data
        )

    @extend_schema(
        request=GenerateInput,
        responses={202: JobOutput, 409: CONFLICT},
        summary="Queue a generation: 202, then poll the job's URL (Location)",
    )
    @idempotent
    def post(self, request, pk):
        inspection = inspection_for_team(request.user, pk)
        data = GenerateInput(data=request.data)
        data.is_valid(raise_exception=True)
        job = report_job_create(
            inspection=inspection, user=request.user, kind=data.validated_data["kind"]
        )
        body = JobOutput(job).data
        return Response(
            body, status=status.HTTP_202_ACCEPTED, headers={"Location": body["status_url"]}
        )


class ReportJobApi(APIView):
    @extend_schema(responses=JobOutput, summary="A generation job: status, progress, the version")
    def get(self, request, pk):
        job = job_for_user(request.user, pk)
        return Response(JobOutput(job).data)


class FactualAccuracyLinkOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    role = serializers.CharField()
    email = serializers.EmailField()
    revoked_at = serializers.DateTimeField(allow_null=True)


class FactualAccuracyLinkRevokeApi(APIView):
    """Revoke one recipient's factual-accuracy link (the overall lead's; 409 when already)."""

    @extend_schema(request=None, responses=FactualAccuracyLinkOutput)
    def post(self, request, pk):
        link = factual_accuracy_link_for_user(request.user, pk)
        link = factual_accuracy_link_revoke(link=link, user=request.user)
        return Response(FactualAccuracyLinkOutput(link).data)


# Sections of the report ----------------------------------------------------------------------


class SectionOutput(serializers.Serializer):
    key = serializers.CharField()
    kind = serializers.CharField()
    title = serializers.CharField()
    order = serializers.IntegerField()
    owner = serializers.SerializerMethodField()
    text = serializers.CharField()
    status = serializers.CharField()
    version = serializers.IntegerField()
    updated_at = serializers.DateTimeField(allow_null=True)
    agreed_by = serializers.SerializerMethodField()

    def get_owner(self, section) -> str:
        """`overall_lead`, or the code of the inspectorate whose lead writes the section."""
        return section.inspectorate.code if section.inspectorate_id else "overall_lead"

    def get_agreed_by(self, section) -> list[str]:
        return sorted(
            a.inspectorate.code
            for a in section.agreements.all()
            if a.section_version == section.version
        )


class SectionInput(serializers.Serializer):
    version = serializers.IntegerField(min_value=0, help_text="The version the text started from.")
    text = serializers.CharField(allow_blank=True, max_length=20000)
    ready = serializers.BooleanField(default=False)
    comment = serializers.IntegerField(
        required=False,
        allow_null=True,
        help_text="The factual-accuracy comment this change answers (accepting it).",
    )


class AgreeSectionInput(serializers.Serializer):
    version = serializers.IntegerField(min_value=0, help_text="The version the lead read.")


class ReportSectionsApi(PaginatedListMixin, APIView):
    @extend_schema(responses=SectionOutput(many=True), summary="The report's sections, in order")
    def get(self, request, pk):
        inspection = inspection_for_team(request.user, pk)
        report_sections_ensure(inspection=inspection)
        return self.paginated_response(
            request, sections_for(inspection), lambda page: SectionOutput(page, many=True).data
        )


def _section(request, pk, key):
    inspection = inspection_for_team(request.user, pk)
    report_sections_ensure(inspection=inspection)
    return inspection, section_for(inspection, key)


class ReportSectionApi(VersionedResource, APIView):
    version_required_methods = frozenset({"PUT"})

    def current_version(self, request, pk, key) -> int:
        return _section(request, pk, key)[1].version

    @extend_schema(responses=SectionOutput, summary="One section of the report")
    def get(self, request, pk, key):
        _, section = _section(request, pk, key)
        return Response(SectionOutput(section).data)

    @extend_schema(
        request=SectionInput,
        responses={200: SectionOutput, 409: CONFLICT},
        summary="Save a section over the version it started from (409 when stale)",
    )
    def put(self, request, pk, key):
        inspection, section = _section(request, pk, key)
        data = SectionInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        if values.get("comment"):
            comment = factual_accuracy_comment_for(inspection, values["comment"])
            factual_accuracy_comment_respond(
                comment=comment,
                user=request.user,
                response=FactualAccuracyComment.Response.ACCEPTED,
                note="The report was changed.",
                section=section,
                text=values["text"],
                version=values["version"],
            )
        else:
            report_section_save(
                section=section,
                user=request.user,
                version=values["version"],
                text=values["text"],
                ready=values["ready"],
            )
        return Response(SectionOutput(section_for(inspection, key)).data)


class ReportSectionAgreeApi(APIView):
    @extend_schema(
        request=AgreeSectionInput,
        responses={200: SectionOutput, 409: CONFLICT},
        summary="A concerned inspectorate's lead agrees the version they read",
    )
    def post(self, request, pk, key):
        inspection, section = _section(request, pk, key)
        data = AgreeSectionInput(data=request.data)
        data.is_valid(raise_exception=True)
        report_section_agree(
            section=section, user=request.user, version=data.validated_data["version"]
        )
        return Response(SectionOutput(section_for(inspection, key)).data)


class CommentRespondInput(serializers.Serializer):
    response = serializers.ChoiceField(
        choices=[c for c in FactualAccuracyComment.Response.choices if c[0] != "pending"]
    )
    response_note = serializers.CharField(
        allow_blank=True,
        required=False,
        default="",
        help_text="Why the report stands: required when rejecting.",
    )
    section = serializers.SlugField(
        required=False, help_text="Accepting: the key of the section the correction changes."
    )
    text = serializers.CharField(allow_blank=True, required=False, max_length=20000)
    version = serializers.IntegerField(
        required=False, min_value=0, help_text="The section's version the text started from."
    )


class CommentOutput(serializers.Serializer):
    id = serializers.IntegerField()
    from_name = serializers.CharField()
    section = serializers.CharField()
    comment = serializers.CharField()
    response = serializers.CharField()
    response_note = serializers.CharField()
    responded_at = serializers.DateTimeField(allow_null=True)


class FactualAccuracyCommentRespondApi(APIView):
    """The report's answer to a factual-accuracy comment: accepted (optionally with the
    section's correction, its revision linked to the comment) or rejected with the reason."""

    @extend_schema(
        request=CommentRespondInput,
        responses={200: CommentOutput, 409: CONFLICT},
        summary="Answer a factual-accuracy comment (409 when the section's version is stale)",
    )
    def post(self, request, pk):
        comment = factual_accuracy_comment_for_user(request.user, pk)
        data = CommentRespondInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        section = None
        if values.get("section"):
            section = section_for(comment.request.version.inspection, values["section"])
        comment = factual_accuracy_comment_respond(
            comment=comment,
            user=request.user,
            response=values["response"],
            note=values["response_note"],
            section=section,
            text=values.get("text"),
            version=values.get("version"),
        )
        return Response(CommentOutput(comment).data)


class FactualAccuracySendInput(serializers.Serializer):
    contacts = serializers.ListField(
        child=serializers.IntegerField(),
        allow_empty=False,
        help_text="The ids of the area's contacts to send it to: nobody is chosen by default.",
    )


class FactualAccuracyRequestOutput(serializers.Serializer):
    id = serializers.IntegerField()
    version = serializers.IntegerField(source="version_id")
    recipients = serializers.ListField(child=serializers.DictField())
    sent_at = serializers.DateTimeField()
    comments_due = serializers.DateField()
    expires_at = serializers.DateTimeField()
    emails_queued = serializers.SerializerMethodField()

    def get_emails_queued(self, request) -> bool:
        return request.emails_queued_at is not None


class FactualAccuracySendApi(APIView):
    """Send the factual-accuracy version to the contacts chosen, as the report page does: a
    request with one expiring link per recipient, each emailed, and the inspection moved to
    factual accuracy."""

    @extend_schema(
        request=FactualAccuracySendInput,
        responses={201: FactualAccuracyRequestOutput, 409: CONFLICT},
    )
    def post(self, request, pk):
        inspection = inspection_for_team(request.user, pk)
        data = FactualAccuracySendInput(data=request.data)
        data.is_valid(raise_exception=True)
        contacts = {c.pk: c for c in area_contacts(inspection)}
        unknown = [c for c in data.validated_data["contacts"] if c not in contacts]
        if unknown:
            raise serializers.ValidationError(
                {"contacts": [f"Not a contact of the area: {unknown}"]}
            )
        version = latest_factual_accuracy_version(inspection)
        if version is None:
            raise ApplicationError("Generate the factual accuracy version first.")
        fa_request = factual_accuracy_send(
            version=version,
            user=request.user,
            recipients=recipients_from_contacts(
                contacts[c] for c in data.validated_data["contacts"]
            ),
        )
        return Response(
            FactualAccuracyRequestOutput(fa_request).data, status=status.HTTP_201_CREATED
        )


class PublishInput(serializers.Serializer):
    publish_at = serializers.DateTimeField(
        required=False, allow_null=True, help_text="Embargoed until then; now when absent."
    )


class PublicationOutput(serializers.Serializer):
    slug = serializers.CharField()
    title = serializers.CharField()
    publish_at = serializers.DateTimeField()
    is_public = serializers.BooleanField()
    version = serializers.IntegerField(source="version_id")


class PublishApi(APIView):
    """Publish the final version, now or under embargo, as the report page does (the
    inspection then waits for the written statement of action where the framework asks)."""

    @extend_schema(request=PublishInput, responses={201: PublicationOutput, 409: CONFLICT})
    def post(self, request, pk):
        inspection = inspection_for_team(request.user, pk)
        data = PublishInput(data=request.data)
        data.is_valid(raise_exception=True)
        publication = report_publish(
            inspection=inspection,
            user=request.user,
            publish_at=data.validated_data.get("publish_at"),
        )
        return Response(PublicationOutput(publication).data, status=status.HTTP_201_CREATED)
