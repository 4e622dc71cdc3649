"""Every write of the report, by concern: its sections (`sections`), drafting and generation
(`drafting`), factual
accuracy, publication and the written statement of action (`action_plans`). Keyword-only,
atomic, raising `ApplicationError` when a rule is broken and `PermissionDenied` (through
`reports.permissions`) when the person may not act.

The inspection's status moves only through the lifecycle's verbs (`inspections.services`),
which check roles and source states and write the audit trail; `reports.lifecycle` adds the
report's guards (no publication without a final version) and after-hooks.
"""

from .action_plans import (
    ACTION_PLAN_MAX_BYTES,
    action_plan_accept,
    action_plan_due_date,
    action_plan_submit,
)
from .drafting import (
    KIND_STATES,
    generation_blockers,
    job_is_stalled,
    report_draft_update,
    report_job_create,
    report_job_dispatch,
    report_job_fail,
    report_job_retry,
    report_job_run,
    report_jobs_recover,
    report_render_now,
)
from .factual_accuracy import (
    FACTUAL_ACCURACY_LINK_DAYS,
    FACTUAL_ACCURACY_WORKING_DAYS,
    factual_accuracy_comment_record,
    factual_accuracy_comment_respond,
    factual_accuracy_emails_dispatch,
    factual_accuracy_emails_recover,
    factual_accuracy_link_revoke,
    factual_accuracy_send,
    recipients_from_contacts,
)
from .publication import (
    pre_publication_copies_send_due,
    pre_publication_copy_due,
    pre_publication_copy_send,
    publication_create,
    report_publish,
)
from .sections import (
    key_findings_section,
    report_section_agree,
    report_section_save,
    report_sections_ensure,
    sections_not_agreed,
)

__all__ = [
    "ACTION_PLAN_MAX_BYTES",
    "FACTUAL_ACCURACY_LINK_DAYS",
    "FACTUAL_ACCURACY_WORKING_DAYS",
    "KIND_STATES",
    "action_plan_accept",
    "action_plan_due_date",
    "action_plan_submit",
    "factual_accuracy_comment_record",
    "factual_accuracy_comment_respond",
    "factual_accuracy_emails_dispatch",
    "factual_accuracy_emails_recover",
    "factual_accuracy_link_revoke",
    "factual_accuracy_send",
    "recipients_from_contacts",
    "generation_blockers",
    "job_is_stalled",
    "key_findings_section",
    "pre_publication_copies_send_due",
    "pre_publication_copy_due",
    "pre_publication_copy_send",
    "publication_create",
    "report_draft_update",
    "report_job_create",
    "report_job_dispatch",
    "report_job_fail",
    "report_job_retry",
    "report_job_run",
    "report_jobs_recover",
    "report_publish",
    "report_render_now",
    "report_section_agree",
    "report_section_save",
    "report_sections_ensure",
    "sections_not_agreed",
]
