"""The report's rules in the inspection's lifecycle (registered at start-up).

Publishing needs a final version; sending for factual accuracy needs a factual-accuracy
version and every section agreed by the leads it concerns; starting moderation creates the
report's sections; publishing makes sure a `Publication` exists (publish now when the
lifecycle verb is used directly), and asking for the action plan creates it, due from the
publication time.
"""

from inspections.lifecycle import after, guard
from jtai.exceptions import ApplicationError


@guard("send_for_factual_accuracy")
def needs_factual_accuracy_version(inspection, *, by, reason):
    from .models import ReportVersion, VersionKind

    if not ReportVersion.objects.filter(
        inspection=inspection, kind=VersionKind.FACTUAL_ACCURACY
    ).exists():
        raise ApplicationError("Generate the factual accuracy version of the report first.")


@guard("send_for_factual_accuracy")
def needs_agreed_sections(inspection, *, by, reason):
    from .services.sections import sections_not_agreed

    waiting = sections_not_agreed(inspection)
    if waiting:
        titles = ", ".join(f"“{s.title}”" for s in waiting)
        raise ApplicationError(
            f"Every section must be agreed before factual accuracy. Not yet agreed: {titles}."
        )


@guard("send_for_factual_accuracy")
def needs_a_request_to_the_area(inspection, *, by, reason):
    """No shortcut past the emails: the verb follows a request sent to the area's contacts
    (`factual_accuracy_send`, from the report page or its API). Registered after the
    sections' guard, so a lead is first told what still needs agreeing."""
    from .models import FactualAccuracyRequest

    if not FactualAccuracyRequest.objects.filter(version__inspection=inspection).exists():
        raise ApplicationError(
            "Send the factual accuracy version to the area's contacts from the report: "
            "choosing who gets it sends their emails and moves the inspection on."
        )


@guard("publish")
def needs_final_version(inspection, *, by, reason):
    from .models import ReportVersion, VersionKind

    if not ReportVersion.objects.filter(inspection=inspection, kind=VersionKind.FINAL).exists():
        raise ApplicationError("Generate the final version of the report before publishing.")


@after("publish")
def ensure_publication(inspection, *, by, transition):
    from .models import Publication, ReportVersion, VersionKind
    from .services import publication_create

    if Publication.objects.filter(inspection=inspection).exists():
        return
    final = ReportVersion.objects.get(inspection=inspection, kind=VersionKind.FINAL)
    publication_create(inspection=inspection, version=final, by=by)


@after("await_action_plan")
def ensure_action_plan(inspection, *, by, transition):
    from .models import ActionPlan, Publication
    from .services import action_plan_due_date

    publication = Publication.objects.filter(inspection=inspection).first()
    if publication is None:
        return
    due = action_plan_due_date(publication)
    ActionPlan.objects.get_or_create(publication=publication, defaults={"due_date": due})
    inspection.action_plan_due_date = due
    inspection.save(update_fields=["action_plan_due_date"])


@after("start_moderation")
def create_report_sections(inspection, *, by, transition):
    from .services import report_sections_ensure

    report_sections_ensure(inspection=inspection)
