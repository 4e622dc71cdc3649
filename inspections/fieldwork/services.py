"""Writes of fieldwork: the deep-dive cohort, the answers to the theme's case-tracking tool,
the partnership's audit and its evaluation, the on-site timetable, and the line of enquiry an
evidence record answers."""

import datetime

from django.db import transaction

from inspections.models import (
    AuditEvaluation,
    CaseTrackingAnswer,
    CaseTrackingQuestion,
    Inspection,
    PlanType,
    SessionKind,
    TeamMember,
    ThemeCohortCriteria,
    TimetableSession,
    TrackedCase,
)
from inspections.recording.least_data import personal_details_errors
from inspections.recording.services.cases import case_reference_errors
from inspections.recording.services.common import MAX_NOTE_LENGTH
from jtai import clock
from jtai.exceptions import ApplicationError

MAX_ANSWER_LENGTH = MAX_NOTE_LENGTH


def _refuse(errors: dict[str, list[str]]) -> None:
    if errors:
        raise ApplicationError(next(iter(errors.values()))[0], fields=errors)


# --- the cohort ------------------------------------------------------------------------------


def cohort_criteria_for(inspection: Inspection) -> ThemeCohortCriteria | None:
    if inspection.theme_id is None:
        return None
    return ThemeCohortCriteria.objects.filter(theme=inspection.theme_id).first()


def cohort_errors(criteria: ThemeCohortCriteria | None, *, age, plan_type) -> dict:
    """Why a child does not meet the theme's criteria for the deep dive (empty when they do)."""
    errors: dict[str, list[str]] = {}
    if age is None:
        errors["age"] = ["Enter the child's age in years"]
    elif criteria is not None and not criteria.min_age <= age <= criteria.max_age:
        errors["age"] = [
            f"The theme tracks children aged {criteria.min_age} to {criteria.max_age}: "
            f"this child is {age}"
        ]
    if plan_type not in PlanType.values:
        errors["plan_type"] = ["Select the child's plan"]
    elif criteria is not None and criteria.plan_types and plan_type not in criteria.plan_types:
        allowed = ", ".join(PlanType(p).label.lower() for p in criteria.plan_types)
        errors["plan_type"] = [f"The theme tracks children with a plan of: {allowed}"]
    return errors


@transaction.atomic
def tracked_case_add(
    *, inspection: Inspection, user, reference: str, age: int | None, plan_type: str
) -> TrackedCase:
    """Add a child to the deep-dive cohort, by reference, if they meet the theme's criteria."""
    if inspection.theme_id is None:
        raise ApplicationError("This inspection has no theme, so it has no deep-dive cohort")
    # One cohort change at a time per inspection, so a reference cannot be added twice.
    Inspection.objects.select_for_update().filter(pk=inspection.pk).first()
    reference = (reference or "").strip()
    errors: dict[str, list[str]] = {}
    reference_errors = case_reference_errors(reference)
    if reference_errors:
        errors["reference"] = reference_errors
    elif TrackedCase.objects.filter(inspection=inspection, reference=reference).exists():
        errors["reference"] = [f"Case {reference} is already in the cohort"]
    errors.update(cohort_errors(cohort_criteria_for(inspection), age=age, plan_type=plan_type))
    _refuse(errors)
    case = TrackedCase(
        inspection=inspection, reference=reference, age=age, plan_type=plan_type, selected_by=user
    )
    case.full_clean()
    case.save()
    return case


@transaction.atomic
def tracked_case_remove(*, case: TrackedCase) -> None:
    if case.answers.exists() or case.partnership_audit:
        raise ApplicationError(
            f"Case {case.reference} has answers or an audit recorded: it stays in the cohort"
        )
    case.delete()


# --- answers and the audit -------------------------------------------------------------------


@transaction.atomic
def case_answers_record(
    *, case: TrackedCase, agency, user, answers: dict[str, str]
) -> list[CaseTrackingAnswer]:
    """Record one agency's answers to the theme's questions for a tracked case.

    `answers` maps a question code to the answer; an empty answer removes it.
    """
    inspection = case.inspection
    # Two inspectors saving the same agency's answers at once: the second waits for the first.
    TrackedCase.objects.select_for_update().filter(pk=case.pk).first()
    if not inspection.agencies.filter(pk=agency.pk).exists():
        raise ApplicationError(
            "Select an agency covered by this inspection",
            fields={"agency": ["Select an agency covered by this inspection"]},
        )
    questions = {q.code: q for q in CaseTrackingQuestion.objects.filter(theme=inspection.theme_id)}
    errors: dict[str, list[str]] = {}
    for code, text in answers.items():
        if code not in questions:
            errors[code] = ["This is not a question of the theme's case-tracking tool"]
        elif len(text or "") > MAX_ANSWER_LENGTH:
            errors[code] = [f"The answer must be {MAX_ANSWER_LENGTH} characters or fewer"]
        elif details := personal_details_errors(text, what="the answer"):
            errors[code] = details
    _refuse(errors)
    existing = {
        a.question_id: a for a in CaseTrackingAnswer.objects.filter(case=case, agency=agency)
    }
    now = clock.now()
    saved = []
    for code, text in answers.items():
        question = questions[code]
        text = (text or "").strip()
        answer = existing.get(question.pk)
        if not text:
            if answer is not None:
                answer.delete()
            continue
        if answer is None:
            answer = CaseTrackingAnswer(case=case, question=question, agency=agency)
        elif answer.answer == text:
            saved.append(answer)
            continue
        answer.answer = text
        answer.answered_by = user
        answer.answered_at = now
        answer.full_clean()
        answer.save()
        saved.append(answer)
    return saved


@transaction.atomic
def case_audit_record(
    *, case: TrackedCase, user, partnership_audit: str, evaluation: str = "", comment: str = ""
) -> TrackedCase:
    """Record the partnership's own audit of the case and the inspectors' evaluation of it."""
    partnership_audit = (partnership_audit or "").strip()
    comment = (comment or "").strip()
    errors: dict[str, list[str]] = {}
    if len(partnership_audit) > MAX_NOTE_LENGTH:
        errors["partnership_audit"] = [f"The audit must be {MAX_NOTE_LENGTH} characters or fewer"]
    elif details := personal_details_errors(partnership_audit, what="the audit"):
        errors["partnership_audit"] = details
    if evaluation and evaluation not in AuditEvaluation.values:
        errors["evaluation"] = ["Select good, adequate or inadequate"]
    elif evaluation and not partnership_audit:
        errors["partnership_audit"] = ["Record the partnership's audit before evaluating it"]
    if evaluation == AuditEvaluation.INADEQUATE and not comment:
        errors["comment"] = ["Say why the partnership's audit is inadequate"]
    if len(comment) > MAX_NOTE_LENGTH:
        errors["comment"] = [f"The comment must be {MAX_NOTE_LENGTH} characters or fewer"]
    elif details := personal_details_errors(comment, what="the comment"):
        errors["comment"] = details
    _refuse(errors)
    case.partnership_audit = partnership_audit
    case.audit_evaluation = evaluation or ""
    case.audit_evaluation_comment = comment
    case.audit_updated_by = user
    case.audit_updated_at = clock.now()
    case.full_clean()
    case.save()
    return case


# --- the timetable ---------------------------------------------------------------------------


def _time_range(start: datetime.time, end: datetime.time) -> str:
    return f"{start:%H:%M} to {end:%H:%M}"


def _session_values(
    *, inspection, date, start_time, end_time, kind, title, room, attendees, external_attendees
):
    errors: dict[str, list[str]] = {}
    if date is None:
        errors["date"] = ["Enter the date of the session"]
    elif not inspection.window_start <= date <= inspection.window_end:
        errors["date"] = [
            "The session must be within the inspection's window, "
            f"{inspection.window_start:%-d %B %Y} to {inspection.window_end:%-d %B %Y}"
        ]
    if start_time is None:
        errors["start_time"] = ["Enter the time the session starts"]
    if end_time is None:
        errors["end_time"] = ["Enter the time the session ends"]
    elif start_time is not None and end_time <= start_time:
        errors["end_time"] = ["The session must end after it starts"]
    if kind not in SessionKind.values:
        errors["kind"] = ["Select the kind of session"]
    elif kind == SessionKind.FEEDBACK and date is not None and date != inspection.window_end:
        errors["date"] = [
            f"The feedback meeting is on the last day on site, {inspection.window_end:%A %-d %B %Y}"
        ]
    title = (title or "").strip() or (SessionKind(kind).label if kind in SessionKind else "")
    if len(title) > 200:
        errors["title"] = ["The title must be 200 characters or fewer"]
    room = (room or "").strip()
    if len(room) > 120:
        errors["room"] = ["The room must be 120 characters or fewer"]
    member_ids = {getattr(m, "pk", m) for m in (attendees or [])}
    members = list(
        TeamMember.objects.filter(
            inspection=inspection, pk__in=member_ids, is_active=True
        ).select_related("user")
    )
    if len(members) != len(member_ids):
        errors["attendees"] = ["Select attendees from the inspection's team"]
    external = "\n".join(
        line.strip() for line in (external_attendees or "").splitlines() if line.strip()
    )
    if len(external) > MAX_NOTE_LENGTH:
        errors["external_attendees"] = [
            f"The other attendees must be {MAX_NOTE_LENGTH} characters or fewer"
        ]
    return errors, title, room, members, external


def _clashes(*, members, date, start_time, end_time, exclude_pk=None) -> list[str]:
    """A sentence for each team member already in another session at that time."""
    if not members:
        return []
    overlapping = (
        TimetableSession.objects.filter(
            attendees__user__in=[m.user_id for m in members],
            date=date,
            start_time__lt=end_time,
            end_time__gt=start_time,
        )
        .exclude(pk=exclude_pk)
        .prefetch_related("attendees")
        .distinct()
    )
    names = {m.user_id: m.user.display_name for m in members}
    clashes = []
    for other in overlapping:
        for attendee in other.attendees.all():
            if attendee.user_id in names:
                clashes.append(
                    f"{names[attendee.user_id]} is already in '{other.title}' from "
                    f"{_time_range(other.start_time, other.end_time)} on "
                    f"{other.date:%A %-d %B %Y}"
                )
    return sorted(set(clashes))


def _save_session(session, *, inspection, values, exclude_pk=None):
    # One timetable change at a time per inspection, so two clashing saves cannot both pass.
    Inspection.objects.select_for_update().filter(pk=inspection.pk).first()
    errors, title, room, members, external = _session_values(inspection=inspection, **values)
    if not errors:
        clashes = _clashes(
            members=members,
            date=values["date"],
            start_time=values["start_time"],
            end_time=values["end_time"],
            exclude_pk=exclude_pk,
        )
        if clashes:
            errors["attendees"] = clashes
    _refuse(errors)
    session.date = values["date"]
    session.start_time = values["start_time"]
    session.end_time = values["end_time"]
    session.kind = values["kind"]
    session.title = title
    session.room = room
    session.external_attendees = external
    session.full_clean()
    session.save()
    session.attendees.set(members)
    return session


@transaction.atomic
def session_create(
    *,
    inspection: Inspection,
    user,
    date,
    start_time,
    end_time,
    kind: str,
    title: str = "",
    room: str = "",
    attendees=(),
    external_attendees: str = "",
) -> TimetableSession:
    """Add a session to the on-site timetable; refused outside the window or when one of the
    team would be in two places at once."""
    return _save_session(
        TimetableSession(inspection=inspection, created_by=user),
        inspection=inspection,
        values={
            "date": date,
            "start_time": start_time,
            "end_time": end_time,
            "kind": kind,
            "title": title,
            "room": room,
            "attendees": attendees,
            "external_attendees": external_attendees,
        },
    )


@transaction.atomic
def session_update(
    *,
    session: TimetableSession,
    date,
    start_time,
    end_time,
    kind: str,
    title: str = "",
    room: str = "",
    attendees=(),
    external_attendees: str = "",
) -> TimetableSession:
    return _save_session(
        session,
        inspection=session.inspection,
        values={
            "date": date,
            "start_time": start_time,
            "end_time": end_time,
            "kind": kind,
            "title": title,
            "room": room,
            "attendees": attendees,
            "external_attendees": external_attendees,
        },
        exclude_pk=session.pk,
    )


@transaction.atomic
def session_delete(*, session: TimetableSession) -> None:
    session.delete()
