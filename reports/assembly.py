"""The report's content, assembled from an inspection into a plain, serialisable snapshot.

`assemble_report(inspection_id)` reads everything the report says in a fixed number of queries
and returns a dict of plain values (strings, numbers, lists, dicts). The HTML page, the print
HTML, the PDF and the text diff are all rendered from this snapshot, and a version stores it,
so a published report is exactly what was generated, whatever changes afterwards.

Which parts a report has follows the framework's data (`report_form`, `graded`,
`aggregate_judgement_allowed`, shared areas), never its name.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict

from django.db.models import Count, Prefetch

from agencies.models import AreaContact, ContactRole, Grade
from agencies.selectors import agency_names_on, inspectorate_names_on
from inspections.models import (
    AssessmentOutcome,
    CaseCriterion,
    CaseKind,
    CaseSample,
    EvidenceRecord,
    EvidenceSource,
    Inspection,
    Judgement,
    JudgementArea,
    ReportForm,
    SharedJudgement,
    TeamMember,
)

SNAPSHOT_SCHEMA = 1

# The leaders a letter of findings is addressed to, in the order the letter names them.
LETTER_ROLES = [
    ContactRole.DCS,
    ContactRole.CHIEF_EXECUTIVE,
    ContactRole.CHIEF_CONSTABLE,
    ContactRole.HEALTH,
    ContactRole.PCC,
    ContactRole.PROBATION,
    ContactRole.YOT,
    ContactRole.LSCB_CHAIR,
]

GRADE_LABELS = dict(Grade.choices)
GRADE_ORDER = [g.value for g in Grade]


def _date(day: datetime.date | None) -> str:
    return f"{day:%-d %B %Y}" if day else ""


def _date_range(start: datetime.date, end: datetime.date) -> str:
    if start.year != end.year:
        return f"{start:%-d %B %Y} to {end:%-d %B %Y}"
    if start.month != end.month:
        return f"{start:%-d %B} to {end:%-d %B %Y}"
    return f"{start:%-d} to {end:%-d %B %Y}"


def paragraphs(text: str) -> list[str]:
    """Split text typed in a textarea into paragraphs (blank lines separate them)."""
    blocks = [" ".join(block.split()) for block in (text or "").replace("\r", "").split("\n\n")]
    return [b for b in blocks if b]


def blocks(text: str) -> list[dict]:
    """Text typed in a section as blocks to render: paragraphs, and lists where lines start
    with "- " (or "* ")."""
    result = []
    for block in (text or "").replace("\r", "").split("\n\n"):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        if all(line[:2] in ("- ", "* ") for line in lines):
            result.append({"list": [line[2:].strip() for line in lines]})
        else:
            result.append({"text": " ".join(" ".join(lines).split())})
    return result


def _inspectorate_names(inspectorate, names_on_day: dict[int, tuple[str, str]]):
    """The inspectorate's names as they were on the report's day (`inspectorate_names_on`)."""
    name, short_name = names_on_day.get(
        inspectorate.pk, (inspectorate.name, inspectorate.short_name)
    )
    return {"code": inspectorate.code, "name": name, "short_name": short_name}


def report_title(inspection: Inspection) -> str:
    version = inspection.framework_version
    authority = inspection.authority.name
    if version.report_form == ReportForm.LETTER_OF_FINDINGS:
        if inspection.theme_id:
            return (
                f"Joint inspection of the multi-agency response to "
                f"{inspection.theme.name[0].lower()}{inspection.theme.name[1:]} in {authority}"
            )
        return f"{version.framework.name}: letter of findings, {authority}"
    return f"{version.framework.name} of services for children in {authority}"


def assemble_report(inspection_id: int, *, key_findings: str | None = None) -> dict:
    """The snapshot of the report for one inspection (see the module docstring)."""
    inspection = Inspection.objects.select_related(
        "authority", "framework_version__framework", "theme"
    ).get(pk=inspection_id)
    version = inspection.framework_version
    day = inspection.window_start
    names_on_day = inspectorate_names_on(day)
    graded = version.graded
    is_letter = version.report_form == ReportForm.LETTER_OF_FINDINGS

    inspectorates = [
        _inspectorate_names(i, names_on_day)
        for i in inspection.inspectorates.order_by("order", "name")
    ]
    inspectorate_by_code = {i["code"]: i for i in inspectorates}

    areas = list(JudgementArea.objects.filter(version=version).order_by("order", "code"))
    agency_areas = [a for a in areas if not a.is_shared]

    judgements = list(
        Judgement.objects.filter(inspection=inspection)
        .select_related("agency__agency_type", "area", "inspectorate")
        .order_by("agency__agency_type__order", "agency__name", "area__order")
    )

    from .models import KEY_FINDINGS_KEYS, ReportSection

    sections_rows = list(
        ReportSection.objects.filter(inspection=inspection)
        .select_related("agency", "inspectorate")
        .order_by("order", "id")
    )
    # Agencies named as they were on the inspection's date (a 2017 letter names the LSCB).
    agency_names = agency_names_on(
        day,
        {j.agency for j in judgements} | {s.agency for s in sections_rows if s.agency_id},
    )

    evidence_counts: dict[int, Counter] = defaultdict(Counter)
    for row in (
        EvidenceRecord.objects.filter(inspection=inspection)
        .values("agency_id", "source")
        .annotate(n=Count("id"))
        .order_by()
    ):
        evidence_counts[row["agency_id"]][row["source"]] = row["n"]

    cases = list(
        CaseSample.objects.filter(inspection=inspection)
        .prefetch_related(
            # As lists: a related manager made for each of hundreds of cases costs more than
            # reading its rows.
            Prefetch("agencies", to_attr="report_agencies"),
            Prefetch("assessments", to_attr="report_assessments"),
        )
        .order_by("reference")
    )
    criteria = list(CaseCriterion.objects.filter(version=version).order_by("order"))

    shared_judgements = list(
        SharedJudgement.objects.filter(inspection=inspection)
        .select_related("area")
        .prefetch_related(Prefetch("agreements__inspectorate"))
        .order_by("area__order")
    )

    team = list(
        TeamMember.objects.filter(inspection=inspection, is_active=True)
        .select_related("user", "inspectorate")
        .order_by("inspectorate__order", "role", "user__last_name")
    )

    findings_key = KEY_FINDINGS_KEYS.get(version.report_form)
    sections = []
    for section in sections_rows:
        text = section.text
        if section.key == findings_key:
            if key_findings is None:
                key_findings = text
            else:
                text = key_findings
        sections.append(
            {
                "id": f"section-{section.key}",
                "key": section.key,
                "kind": section.kind,
                "title": section.title,
                "agency": agency_names[section.agency_id] if section.agency_id else "",
                "inspectorate": (
                    _inspectorate_names(section.inspectorate, names_on_day)["name"]
                    if section.inspectorate_id
                    else ""
                ),
                "text": text,
                "blocks": blocks(text),
            }
        )
    key_findings = key_findings or ""

    # Agencies, in the framework's agency-type order, each with its judgements.
    agencies: list[dict] = []
    by_agency: dict[int, dict] = {}
    cases_by_agency: Counter = Counter()
    tracked_by_agency: Counter = Counter()
    for case in cases:
        for agency in case.report_agencies:
            cases_by_agency[agency.pk] += 1
            if case.kind == CaseKind.TRACKED:
                tracked_by_agency[agency.pk] += 1

    for judgement in judgements:
        agency = judgement.agency
        entry = by_agency.get(agency.pk)
        if entry is None:
            counts = evidence_counts.get(agency.pk, Counter())
            entry = {
                "id": f"agency-{agency.pk}",
                "name": agency_names[agency.pk],
                "type": agency.agency_type.name,
                "type_code": agency.agency_type.code,
                "inspectorate": inspectorate_by_code.get(
                    judgement.inspectorate.code,
                    _inspectorate_names(judgement.inspectorate, names_on_day),
                ),
                "judgements": [],
                "strengths": [],
                "improvements": [],
                "evidence_base": {
                    "cases": cases_by_agency.get(agency.pk, 0),
                    "tracked_cases": tracked_by_agency.get(agency.pk, 0),
                    "evidence_records": sum(counts.values()),
                    "by_source": [
                        {"source": label, "count": counts[code]}
                        for code, label in EvidenceSource.choices
                        if counts.get(code)
                    ],
                },
            }
            by_agency[agency.pk] = entry
            agencies.append(entry)
        area = judgement.area
        grade = judgement.grade if graded else ""
        entry["judgements"].append(
            {
                "area_code": area.code,
                "area_title": area.title,
                "grade": grade,
                "grade_label": GRADE_LABELS.get(grade, ""),
                "descriptor": (area.grade_descriptors or {}).get(grade, "") if grade else "",
                "strengths": [s for s in judgement.strengths if s],
                "improvements": [s for s in judgement.improvements if s],
                "evidence_summary": paragraphs(judgement.evidence_summary),
            }
        )
        entry["strengths"].extend(s for s in judgement.strengths if s)
        entry["improvements"].extend(s for s in judgement.improvements if s)

    # The grades table: one row per agency, one column per agency judgement area.
    grade_columns = [{"code": a.code, "title": a.title} for a in agency_areas]
    grades_table = []
    if graded:
        for entry in agencies:
            by_code = {j["area_code"]: j for j in entry["judgements"]}
            grades_table.append(
                {
                    "agency": entry["name"],
                    "agency_id": entry["id"],
                    "inspectorate": entry["inspectorate"]["short_name"],
                    "grades": [
                        {
                            "area_code": col["code"],
                            "grade": (
                                by_code[col["code"]]["grade"] if col["code"] in by_code else ""
                            ),
                            "label": (
                                by_code[col["code"]]["grade_label"]
                                if col["code"] in by_code
                                else "Not applicable"
                            ),
                        }
                        for col in grade_columns
                    ],
                }
            )

    shared = []
    for sj in shared_judgements:
        grade = sj.grade if graded else ""
        shared.append(
            {
                "id": f"shared-{sj.area.code}",
                "area_code": sj.area.code,
                "area_title": sj.area.title,
                "grade": grade,
                "grade_label": GRADE_LABELS.get(grade, ""),
                "descriptor": (sj.area.grade_descriptors or {}).get(grade, "") if grade else "",
                "text": paragraphs(sj.text),
                "strengths": [s for s in sj.strengths if s],
                "improvements": [s for s in sj.improvements if s],
                "agreed_by": [
                    _inspectorate_names(a.inspectorate, names_on_day)["short_name"]
                    for a in sorted(sj.agreements.all(), key=lambda a: a.inspectorate.order)
                    if a.agrees and a.judgement_version == sj.version
                ],
            }
        )

    # Case-sample summary: counts and outcomes per criterion. Never a case's reference: published
    # reports do not identify children's cases (`reports.privacy`).
    outcome_counts = {c.pk: Counter() for c in criteria}
    for case in cases:
        for assessment in case.report_assessments:
            if assessment.criterion_id in outcome_counts:
                outcome_counts[assessment.criterion_id][assessment.outcome] += 1
    case_summary = {
        "total": len(cases),
        "tracked": sum(1 for c in cases if c.kind == CaseKind.TRACKED),
        "sampled": sum(1 for c in cases if c.kind == CaseKind.SAMPLED),
        "min_tracked": version.min_tracked_cases,
        "outcome_labels": [label for _, label in AssessmentOutcome.choices],
        "criteria": [
            {
                "text": c.text,
                "counts": [
                    outcome_counts[c.pk].get(code, 0) for code, _ in AssessmentOutcome.choices
                ],
            }
            for c in criteria
        ],
        "by_agency": [
            {"agency": e["name"], "cases": e["evidence_base"]["cases"]}
            for e in agencies
            if e["evidence_base"]["cases"]
        ],
    }

    window = _date_range(inspection.window_start, inspection.window_end)
    snapshot = {
        "schema": SNAPSHOT_SCHEMA,
        "inspection_id": inspection.pk,
        "reference": inspection.reference,
        "title": report_title(inspection),
        "form": version.report_form,
        "is_letter": is_letter,
        "graded": graded,
        "aggregate_allowed": version.aggregate_judgement_allowed,
        "authority": {
            "name": inspection.authority.name,
            "official_name": inspection.authority.official_name,
            "gss_code": inspection.authority.gss_code,
            "region": inspection.authority.get_region_display(),
        },
        "framework": {
            "code": version.framework.code,
            "name": version.framework.name,
            "version": version.version,
            "method": paragraphs(version.method),
            "action_plan_working_days": version.action_plan_working_days,
        },
        "theme": (
            {"code": inspection.theme.code, "name": inspection.theme.name}
            if inspection.theme_id
            else None
        ),
        "dates": {
            "window_start": inspection.window_start.isoformat(),
            "window_end": inspection.window_end.isoformat(),
            "window": window,
            "notification": _date(inspection.notification_date),
        },
        "inspectorates": inspectorates,
        "key_findings": paragraphs(key_findings),
        "sections": sections,
        "grade_columns": grade_columns,
        "grades_table": grades_table,
        "shared": shared,
        "agencies": agencies,
        "case_samples": case_summary,
        "annex": {
            "team": [
                {
                    "name": m.user.get_full_name() or m.user.username,
                    "role": m.get_role_display(),
                    "inspectorate": _inspectorate_names(m.inspectorate, names_on_day)["short_name"],
                }
                for m in team
            ],
            "framework": f"{version.framework.name} (version {version.version})",
            "method": paragraphs(version.method),
            "window": window,
            "notification": _date(inspection.notification_date),
        },
        "letter": None,
    }
    if is_letter:
        snapshot["letter"] = _letter(inspection, version)
    snapshot["contents"] = _contents(snapshot)
    return snapshot


def _letter(inspection: Inspection, version) -> dict:
    contacts = list(
        AreaContact.objects.filter(authority=inspection.authority, role__in=LETTER_ROLES)
    )
    order = {role: i for i, role in enumerate(LETTER_ROLES)}
    contacts.sort(key=lambda c: (order.get(c.role, 99), c.name))
    days = version.action_plan_working_days
    return {
        "addressees": [{"name": c.name, "role": c.get_role_display()} for c in contacts],
        "wsoa_required": bool(days),
        "wsoa_working_days": days,
    }


def _contents(snapshot: dict) -> list[dict]:
    sections = [s for s in snapshot.get("sections") or [] if s["blocks"]]
    if snapshot["is_letter"]:
        if sections:
            items = [{"id": s["id"], "title": s["title"]} for s in sections]
        else:
            items = [{"id": "letter", "title": "Letter of findings"}]
            items.append({"id": "findings", "title": "Key findings"})
            items += [{"id": a["id"], "title": a["name"]} for a in snapshot["agencies"]]
        if snapshot["case_samples"]["total"]:
            items.append({"id": "cases", "title": "The children's cases inspectors looked at"})
        if snapshot["letter"]["wsoa_required"] and not sections:
            items.append({"id": "next-steps", "title": "Next steps"})
        items.append({"id": "annex", "title": "About this inspection"})
        return items
    items = [{"id": s["id"], "title": s["title"]} for s in sections]
    items += [{"id": "summary", "title": "Summary report"}]
    items += [{"id": s["id"], "title": s["area_title"]} for s in snapshot["shared"]]
    items += [{"id": a["id"], "title": f"{a['name']}"} for a in snapshot["agencies"]]
    if snapshot["case_samples"]["total"]:
        items.append({"id": "cases", "title": "Case-sample summary"})
    items.append({"id": "annex", "title": "Annex: about this inspection"})
    return items


def snapshot_lines(snapshot: dict) -> list[str]:
    """The snapshot's words as lines of text, in reading order, for diffs between versions."""
    lines = [snapshot["title"], snapshot["authority"]["name"], snapshot["dates"]["window"]]
    lines += ["", "Key findings"] + snapshot["key_findings"]
    for section in snapshot.get("sections") or []:
        if section["text"].strip() and section["key"] not in ("key-findings", "headline-findings"):
            lines += ["", section["title"]]
            for block in section["blocks"]:
                lines += (
                    [f"• {item}" for item in block["list"]] if "list" in block else [block["text"]]
                )
    for row in snapshot["grades_table"]:
        lines.append(
            f"{row['agency']}: "
            + "; ".join(
                f"{col['title']}: {g['label']}"
                for col, g in zip(snapshot["grade_columns"], row["grades"], strict=False)
            )
        )
    for shared in snapshot["shared"]:
        lines += ["", shared["area_title"], f"Grade: {shared['grade_label']}"] + shared["text"]
        lines += [f"Strength: {s}" for s in shared["strengths"]]
        lines += [f"Area for improvement: {s}" for s in shared["improvements"]]
    for agency in snapshot["agencies"]:
        lines += ["", agency["name"]]
        for j in agency["judgements"]:
            lines.append(f"{j['area_title']}: {j['grade_label'] or 'ungraded'}")
            lines += [f"Strength: {s}" for s in j["strengths"]]
            lines += [f"Area for improvement: {s}" for s in j["improvements"]]
            lines += j["evidence_summary"]
    cs = snapshot["case_samples"]
    lines += ["", f"Cases: {cs['total']} ({cs['tracked']} tracked, {cs['sampled']} sampled)"]
    return lines


def grade_rank(grade: str) -> int:
    return GRADE_ORDER.index(grade) if grade in GRADE_ORDER else len(GRADE_ORDER)
