"""Reads of fieldwork, scoped to the user through the recording selectors (an inspection the
user may not see is a 404), with their joins decided once."""

import datetime
import re
from dataclasses import dataclass, field
from itertools import groupby

from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404

from inspections.models import (
    CaseTrackingAnswer,
    CaseTrackingQuestion,
    EvidenceRecord,
    LineOfEnquiry,
    PlanType,
    TeamMember,
    TimetableSession,
    TrackedCase,
)
from inspections.recording.permissions import Access
from inspections.recording.services.cases import case_reference_errors

from .services import cohort_criteria_for, cohort_errors

# --- the cohort ------------------------------------------------------------------------------


def cohort_for(access: Access) -> QuerySet[TrackedCase]:
    return (
        TrackedCase.objects.filter(inspection=access.inspection)
        .annotate(answer_count=Count("answers"))
        .order_by("reference")
    )


def tracked_case_for(access: Access, case_pk) -> TrackedCase:
    case = (
        TrackedCase.objects.filter(inspection=access.inspection, pk=case_pk)
        .select_related("audit_updated_by")
        .first()
    )
    if case is None:
        raise Http404("No such tracked case")
    return case


def questions_for(inspection) -> list[CaseTrackingQuestion]:
    if inspection.theme_id is None:
        return []
    return list(CaseTrackingQuestion.objects.filter(theme=inspection.theme_id))


# Words an area's list uses for each plan.
PLAN_WORDS = {
    "eh": PlanType.EARLY_HELP,
    "early help": PlanType.EARLY_HELP,
    "cin": PlanType.CHILD_IN_NEED,
    "child in need": PlanType.CHILD_IN_NEED,
    "cp": PlanType.CHILD_PROTECTION,
    "cpp": PlanType.CHILD_PROTECTION,
    "child protection": PlanType.CHILD_PROTECTION,
    "cla": PlanType.LOOKED_AFTER,
    "lac": PlanType.LOOKED_AFTER,
    "looked after": PlanType.LOOKED_AFTER,
    "none": PlanType.NONE,
    "no plan": PlanType.NONE,
}


@dataclass
class Candidate:
    """One line of the area's list, checked against the theme's criteria."""

    line: str
    reference: str = ""
    age: int | None = None
    plan_type: str = ""
    reasons: list[str] = field(default_factory=list)
    already_selected: bool = False

    @property
    def eligible(self) -> bool:
        return not self.reasons and not self.already_selected

    @property
    def plan_label(self) -> str:
        return PlanType(self.plan_type).label if self.plan_type in PlanType.values else ""


def cohort_candidates(inspection, text: str, *, limit: int = 500) -> list[Candidate]:
    """The area's child-level list (one child a line: reference, age, plan; separated by
    commas or tabs), each checked against the theme's criteria. References only: a line with
    a name is refused, not shown."""
    criteria = cohort_criteria_for(inspection)
    selected = set(
        TrackedCase.objects.filter(inspection=inspection).values_list("reference", flat=True)
    )
    candidates = []
    for raw in (text or "").splitlines()[:limit]:
        line = raw.strip()
        if not line:
            continue
        parts = [p.strip() for p in re.split(r"[,\t;]", line)]
        candidate = Candidate(line=line, reference=parts[0] if parts else "")
        reasons = case_reference_errors(candidate.reference)
        if len(parts) > 1 and parts[1].isdigit():
            candidate.age = int(parts[1])
        if len(parts) > 2:
            word = parts[2].lower().replace("-", " ").replace("_", " ")
            candidate.plan_type = PLAN_WORDS.get(word, word.replace(" ", "_"))
        if not reasons:
            errors = cohort_errors(criteria, age=candidate.age, plan_type=candidate.plan_type)
            reasons = [message for messages in errors.values() for message in messages]
        else:
            # Never echo back what may be a child's name.
            candidate.line = ""
            candidate.reference = ""
        candidate.reasons = reasons
        candidate.already_selected = candidate.reference in selected
        candidates.append(candidate)
    return candidates


@dataclass
class AgencyAnswers:
    agency: object
    inspectorate: object
    answers: list = field(default_factory=list)  # [(question, answer or None)]
    editable: bool = False

    @property
    def answered(self) -> int:
        return sum(1 for _, a in self.answers if a is not None)


def case_answers(access: Access, case: TrackedCase) -> list[AgencyAnswers]:
    """Per agency of the inspection judged by an inspectorate taking part, the theme's
    questions with that agency's answers."""
    from .permissions import can_answer_for, judging_inspectorates

    judged_by = judging_inspectorates(access.inspection)
    # Prefetched with the inspection: only the inspectorates taking part answer.
    inspectorates = {i.pk: i for i in access.inspection.inspectorates.all()}
    questions = questions_for(access.inspection)
    answers = {
        (a.agency_id, a.question_id): a
        for a in CaseTrackingAnswer.objects.filter(case=case).select_related("answered_by")
    }
    groups = []
    for agency in access.inspection.agencies.select_related("agency_type").order_by(
        "agency_type__order", "name"
    ):
        inspectorate = inspectorates.get(judged_by.get(agency.agency_type_id))
        if inspectorate is None:
            continue
        groups.append(
            AgencyAnswers(
                agency=agency,
                inspectorate=inspectorate,
                answers=[(q, answers.get((agency.pk, q.pk))) for q in questions],
                editable=can_answer_for(access, agency, judged_by),
            )
        )
    return groups


# --- the timetable ---------------------------------------------------------------------------


def sessions_for(access: Access) -> QuerySet[TimetableSession]:
    return (
        TimetableSession.objects.filter(inspection=access.inspection)
        .prefetch_related(
            Prefetch(
                "attendees", queryset=TeamMember.objects.select_related("user", "inspectorate")
            )
        )
        .order_by("date", "start_time", "id")
    )


def timetable_days(access: Access) -> list[tuple]:
    """[(date, [sessions])], one entry per day of the window, empty days included."""
    sessions = list(sessions_for(access))
    by_day = {day: list(items) for day, items in groupby(sessions, key=lambda s: s.date)}
    inspection = access.inspection
    days = []
    day = inspection.window_start
    while day <= inspection.window_end:
        days.append((day, by_day.get(day, [])))
        day += datetime.timedelta(days=1)
    return days


def session_for(access: Access, session_pk) -> TimetableSession:
    session = sessions_for(access).filter(pk=session_pk).first()
    if session is None:
        raise Http404("No such session")
    return session


def team_choices(inspection) -> QuerySet[TeamMember]:
    return (
        TeamMember.objects.filter(inspection=inspection, is_active=True)
        .select_related("user", "inspectorate")
        .order_by("inspectorate__order", "role", "user__last_name")
    )


def sessions_attended_by(user) -> QuerySet[TimetableSession]:
    """The sessions a person attends, on inspections that still run, for their calendar."""
    from inspections.models import INACTIVE_STATUSES

    return (
        TimetableSession.objects.filter(attendees__user=user, attendees__is_active=True)
        .exclude(inspection__status__in=INACTIVE_STATUSES)
        .select_related("inspection__authority")
        .prefetch_related(Prefetch("attendees", queryset=TeamMember.objects.select_related("user")))
        .distinct()
        .order_by("date", "start_time")
    )


# --- lines of enquiry ------------------------------------------------------------------------


def lines_of_enquiry_for(inspection) -> QuerySet[LineOfEnquiry]:
    if inspection.theme_id is None:
        return LineOfEnquiry.objects.none()
    return LineOfEnquiry.objects.filter(theme=inspection.theme_id)


def traceability(access: Access) -> tuple[list[LineOfEnquiry], list[EvidenceRecord]]:
    """Each line of enquiry with the evidence behind it, and the evidence not yet linked."""
    evidence = list(
        EvidenceRecord.objects.filter(inspection=access.inspection)
        .select_related("agency", "recorded_by")
        .order_by("-date", "-id")
    )
    lines = list(lines_of_enquiry_for(access.inspection))
    by_line: dict[int, list] = {}
    unlinked = []
    for record in evidence:
        if record.line_of_enquiry_id is None:
            unlinked.append(record)
        else:
            by_line.setdefault(record.line_of_enquiry_id, []).append(record)
    for line in lines:
        line.evidence_records = by_line.get(line.pk, [])
    return lines, unlinked
