# ruff: noqa: E501  (prose in data reads better unbroken)
"""The five inspection models of the sources, as data.

Loaded by data migrations: `load_frameworks` creates the rows, `load_framework_facts` sets what
later migrations added (statuses, sources) and corrects rows loaded before. A new framework or
theme is a new entry here (or rows added in the admin UI), never a code branch.
"""

import datetime

D = datetime.date

GRADE_DESCRIPTORS = {
    "outstanding": "Practice is exceptional and consistently improves children's lives; others can learn from it.",
    "good": "Children are safe and their experiences and progress are consistently good.",
    "requires_improvement": "Practice is not yet good; there are no widespread or serious failures that leave children harmed or at risk.",
    "inadequate": "There are widespread or serious failures that leave children harmed or at risk of harm.",
}

# Ofsted, CQC and HMIC shared the judgement structure of the four graded areas. HMI Probation
# assessed a sample of cases against its own criteria instead, and HMI Prisons inspected a
# custodial establishment only where one is in the area: the agency types they judge are left
# out of the four areas, and take part in the shared LSCB judgement only.
INTEGRATED_GRADED_BY = ("ofsted", "cqc", "hmicfrs")
INTEGRATED_NOT_GRADED = ["probation", "youth_offending", "custodial"]

INTEGRATED_AREAS = [
    {
        "code": "overall_effectiveness",
        "title": "Overall effectiveness",
        "criteria": "How well the agency's arrangements help, protect and care for children, taking account of all the evidence in the other judgement areas.",
        "excluded": INTEGRATED_NOT_GRADED,
    },
    {
        "code": "help_and_protection",
        "title": "The experiences and progress of children who need help and protection",
        "criteria": "Early help is offered when needs emerge; concerns are recognised and acted on; risk is assessed and reduced; children are seen, heard and helped.",
        "excluded": INTEGRATED_NOT_GRADED,
    },
    {
        "code": "looked_after_and_care_leavers",
        "title": "The experiences and progress of children looked after and care leavers",
        "criteria": "Children in care live in stable homes that meet their needs; their health, education and wishes are attended to; care leavers are supported into adulthood.",
        "excluded": ["police", *INTEGRATED_NOT_GRADED],
    },
    {
        "code": "leadership",
        "title": "Leadership, management and governance",
        "criteria": "Leaders know the quality of practice, act on it, work in partnership and make sure staff have the capacity and skills to protect children.",
        "excluded": INTEGRATED_NOT_GRADED,
    },
    {
        "code": "lscb",
        "title": "The effectiveness of the Local Safeguarding Children Board",
        "criteria": "How well the LSCB coordinates and checks the effectiveness of what local agencies do to safeguard children, taking account of the contribution of each agency.",
        "shared": True,
    },
]

# Titles of judgement areas that follow a renamed body: the LSCB became the safeguarding
# partnership under Working Together 2018 (local arrangements in place by 29 September 2019).
# area code -> [(first day, last day, title)], read by `selectors.judgement_area_title_on`.
DATED_AREA_TITLES = {
    "lscb": [
        (
            None,
            D(2019, 9, 28),
            "The effectiveness of the Local Safeguarding Children Board",
        ),
        (
            D(2019, 9, 29),
            None,
            "The effectiveness of the local safeguarding partnership",
        ),
    ],
}
DATED_AREA_TITLES_SOURCE = (
    "Working Together to Safeguard Children 2018, transitional guidance (HM Government, July "
    "2018): local arrangements in place by 29 September 2019"
)

CASE_CRITERIA = [
    ("risk_identified", "Risk of harm to the child was identified and assessed promptly"),
    ("information_shared", "Agencies shared information in time to protect the child"),
    ("plan_addresses_need", "Plans addressed the child's needs and the risks to them"),
    ("child_voice", "The child's wishes and feelings were sought and recorded"),
    ("outcomes_improved", "Help led to improvements in the child's circumstances"),
]

JTAI_AREAS = [
    {
        "code": "identification_and_response",
        "title": "Identification and initial response to concerns",
        "criteria": "How well agencies recognise concerns about children, share information and respond at the front door.",
    },
    {
        "code": "assessment_and_planning",
        "title": "Assessment, planning and decision-making",
        "criteria": "Whether assessments and plans understand the child's experience and reduce risk.",
    },
    {
        "code": "quality_of_practice",
        "title": "The quality of practice with children and families",
        "criteria": "Whether direct work with children is effective, timely and makes a difference.",
    },
    {
        "code": "leadership_and_partnership",
        "title": "Leadership, management and partnership working",
        "criteria": "Whether leaders understand practice in the theme, and work together to improve it.",
    },
]

ALL_FOUR = ["ofsted", "cqc", "hmicfrs", "hmiprobation"]
WITHOUT_PROBATION = ["ofsted", "cqc", "hmicfrs"]

# The JTAI's themes as they ran, each with the inspectorates taking part and the public document
# its dates come from. Where a source gives only a month, the theme runs from the first (or to
# the last) day of that month; where it gives the day the guidance was published, from that day.
# Codes are stable: inspections and programmes refer to themes by them.
JTAI_THEMES = [
    {
        "code": "cse-missing",
        "name": "Child sexual exploitation and children missing from home, care or education",
        "start": D(2016, 2, 1),
        "end": D(2016, 8, 31),
        "inspectorates": ALL_FOUR,
        "source": "'Time to listen': a joined up response to child sexual exploitation and missing children (September 2016)",
    },
    {
        "code": "domestic-abuse-2016",
        "name": "Children living with domestic abuse",
        "start": D(2016, 9, 1),
        "end": D(2017, 3, 31),
        "inspectorates": ALL_FOUR,
        "source": "The multi-agency response to children living with domestic abuse: prevent, protect and repair (September 2017)",
    },
    {
        "code": "neglect",
        "name": "Abuse and neglect of older children",
        "description": "The response to abuse and neglect, with a deep dive on the neglect of older children (Haringey, November 2017: 'the response to abuse and neglect').",
        "start": D(2017, 5, 1),
        "end": D(2017, 12, 31),
        "inspectorates": ALL_FOUR,
        "source": "Growing up neglected: a multi-agency response to older children (July 2018)",
    },
    {
        "code": "criminal-exploitation",
        "name": "Criminal exploitation of children, trafficking and modern slavery",
        "description": "Three inspections in the spring of 2018 of the response to child exploitation and children missing, with a focus on criminal exploitation.",
        "start": D(2018, 3, 1),
        "end": D(2018, 5, 31),
        "inspectorates": ALL_FOUR,
        "source": "Protecting children from criminal exploitation, human trafficking and modern slavery: an addendum (November 2018)",
    },
    {
        "code": "sexual-abuse-family",
        "name": "Child sexual abuse in the family environment",
        "start": D(2018, 9, 1),
        "end": D(2019, 5, 31),
        "inspectorates": ALL_FOUR,
        "source": "The multi-agency response to child sexual abuse in the family environment (February 2020)",
    },
    {
        "code": "mental-health",
        "name": "Children's mental health",
        "description": "Children aged 10 to 15 living with mental ill health; the inspections took place between September 2019 and February 2020.",
        "start": D(2019, 9, 1),
        "end": D(2020, 2, 29),
        "inspectorates": ALL_FOUR,
        "source": "'Feeling heard': partner agencies working together to make a difference for children with mental ill health (December 2020)",
    },
    {
        "code": "front-door",
        "name": "The front door: the identification of initial need and risk",
        "start": D(2022, 4, 1),
        "end": None,
        "inspectorates": WITHOUT_PROBATION,
        "source": "Joint targeted area inspection of the multi-agency response to identification of initial need and risk (2022, updated April 2024)",
    },
    {
        "code": "family-help",
        "name": "Children and families who need help",
        "description": "Family help: mainly targeted early help, and the threshold between early help and children in need.",
        "start": D(2022, 10, 7),
        "end": None,
        "inspectorates": WITHOUT_PROBATION,
        "source": "Joint targeted area inspection of the multi-agency response to children and families who need help (7 October 2022)",
    },
    {
        "code": "serious-youth-violence",
        "name": "Serious youth violence",
        "start": D(2023, 9, 1),
        "end": None,
        "inspectorates": ALL_FOUR,
        "source": "Joint targeted area inspections of the multi-agency response to serious youth violence (2023)",
    },
    {
        "code": "domestic-abuse-2024",
        "name": "Children who are victims of domestic abuse: the youngest children",
        "description": "Domestic abuse again, with a focus on unborn babies and children aged 0 to 7.",
        "start": D(2024, 9, 12),
        "end": None,
        "inspectorates": ALL_FOUR,
        "source": "Joint targeted area inspection of the multi-agency response to children who are victims of domestic abuse (12 September 2024)",
    },
    {
        "code": "sexual-abuse-family-2025",
        "name": "Child sexual abuse in the family environment (second round)",
        "start": D(2025, 9, 10),
        "end": None,
        "inspectorates": ALL_FOUR,
        "source": "Joint targeted area inspections of the multi-agency response to child sexual abuse in the family environment (10 September 2025)",
    },
]

# What became of each framework, with the public document that says so.
FRAMEWORK_STATUS = {
    "integrated-2015": {
        "status": "piloted",
        "status_from": D(2014, 6, 1),
        "status_to": D(2015, 2, 26),
        "status_summary": "Proposed in June 2014 and piloted twice; on 26 February 2015 the inspectorates dropped it before any inspection ran, and developed joint targeted area inspections instead.",
        "status_source": "Joint targeted area inspections: consultation document (Ofsted, July 2015)",
    },
    "jtai": {
        "status": "in_force",
        "status_from": D(2016, 2, 1),
        "status_to": None,
        "status_summary": "In force since February 2016; paused during the pandemic and restarted in April 2022.",
        "status_source": "Joint inspections of arrangements and services for children in need of help and protection (framework and guidance, January 2016)",
    },
    "child-protection-2012": {
        "status": "proposed",
        "status_from": None,
        "status_to": D(2013, 4, 1),
        "status_summary": "Proposed in 2012, piloted in a few areas, and dropped in April 2013 before any inspection ran.",
        "status_source": "One in six authorities to face multi-agency inspections (Children & Young People Now, June 2014)",
    },
    "looked-after-2012": {
        "status": "proposed",
        "status_from": None,
        "status_to": D(2013, 4, 1),
        "status_summary": "Proposed in 2012 and dropped in April 2013, with the multi-agency child protection inspection, before any inspection ran.",
        "status_source": "One in six authorities to face multi-agency inspections (Children & Young People Now, June 2014)",
    },
    "front-door": {
        "status": "proposed",
        "status_from": D(2014, 9, 12),
        "status_to": None,
        "status_summary": "Proposed by the ADCS in September 2014 as its alternative to the integrated inspection, and never run; since 2022 the JTAI's front-door theme looks at the same place.",
        "status_source": "Integrated inspections for children's services 'lack credibility', warns directors (Community Care, September 2014)",
    },
}

FRAMEWORKS = [
    {
        "code": "integrated-2015",
        "name": "Integrated inspection",
        "description": (
            "Integrated inspection of services for children in need of help and protection, "
            "children looked after and care leavers, with a joint inspection of the Local "
            "Safeguarding Children Board. Targeted at 20 to 25 areas from April 2015."
        ),
        "versions": [
            {
                "version": 1,
                "active_from": D(2015, 4, 1),
                "active_to": D(2016, 11, 30),
                "graded": True,
                "aggregate_judgement_allowed": False,
                "window_days": 26,
                "notice_working_days": 10,
                "report_form": "summary_and_agency",
                "action_plan_working_days": 70,
                "min_tracked_cases": 0,
                "method": (
                    "Ofsted, CQC and HMIC inspectors were in the area during one four-week "
                    "period, each making separate judgements on its own agencies with the same "
                    "judgement structure. HMI Probation did not grade those areas: it assessed "
                    "a sample of cases held by probation providers and youth offending teams "
                    "against its own criteria. HMI Prisons joined only where a custodial "
                    "establishment is in the area. All inspectorates made one shared judgement "
                    "on the Local Safeguarding Children Board."
                ),
                "inspectorates": {
                    "ofsted": "required",
                    "cqc": "required",
                    "hmicfrs": "required",
                    "hmiprobation": "required",
                    "hmiprisons": "conditional",
                },
                "agency_types": {
                    "childrens_social_care": "ofsted",
                    "health": "cqc",
                    "police": "hmicfrs",
                    "probation": "hmiprobation",
                    "youth_offending": "hmiprobation",
                    "custodial": "hmiprisons",
                },
                "areas": INTEGRATED_AREAS,
                "case_criteria": CASE_CRITERIA,
            }
        ],
        "themes": [],
    },
    {
        "code": "jtai",
        "name": "Joint targeted area inspection",
        "description": (
            "Short, themed ('deep dive') inspections of how agencies work together in an area, "
            "by Ofsted, CQC and HMICFRS, with HMI Probation where the theme includes it. "
            "Ungraded: a joint letter of findings, then a written statement of action that the "
            "partnership submits to Ofsted."
        ),
        "versions": [
            {
                "version": 1,
                "active_from": D(2016, 2, 1),
                "active_to": None,
                "graded": False,
                "aggregate_judgement_allowed": False,
                "window_days": 5,
                "notice_working_days": 10,
                "report_form": "letter",
                "action_plan_working_days": 70,
                "min_tracked_cases": 5,
                "method": (
                    "The inspection starts at notification, which is day 1 of ten working days. "
                    "The first days are for data requests and the selection of children's "
                    "cases, which the agencies audit; inspectors are then on site for a week, "
                    "track at least five children's cases in depth, and meet leaders, "
                    "practitioners, children and families. Within 70 working days of the "
                    "letter's publication, the director of children's services (under later "
                    "guidance, the safeguarding partners) submits the written statement of "
                    "action to Ofsted on behalf of the partnership."
                ),
                "inspectorates": {
                    "ofsted": "required",
                    "cqc": "required",
                    "hmicfrs": "required",
                    "hmiprobation": "optional",
                },
                "agency_types": {
                    "childrens_social_care": "ofsted",
                    "education": "ofsted",
                    "health": "cqc",
                    "police": "hmicfrs",
                    "probation": "hmiprobation",
                    "youth_offending": "hmiprobation",
                },
                "areas": JTAI_AREAS,
                "case_criteria": CASE_CRITERIA,
            }
        ],
        "themes": JTAI_THEMES,
    },
    {
        "code": "child-protection-2012",
        "name": "Multi-agency child protection inspection",
        "description": (
            "The 2012 proposal: unannounced, two weeks, covering social care, health, "
            "education, police and probation, with four graded judgements."
        ),
        "versions": [
            {
                "version": 1,
                "active_from": D(2013, 6, 3),
                "active_to": None,
                "graded": True,
                "aggregate_judgement_allowed": True,
                "window_days": 12,
                "notice_working_days": None,
                "report_form": "summary_and_agency",
                "action_plan_working_days": None,
                "min_tracked_cases": 0,
                "method": "Unannounced; inspectors from each inspectorate were on site for two weeks.",
                "inspectorates": {
                    "ofsted": "required",
                    "cqc": "required",
                    "hmicfrs": "required",
                    "hmiprobation": "required",
                    "hmiprisons": "conditional",
                },
                "agency_types": {
                    "childrens_social_care": "ofsted",
                    "education": "ofsted",
                    "health": "cqc",
                    "police": "hmicfrs",
                    "probation": "hmiprobation",
                    "custodial": "hmiprisons",
                },
                "areas": [
                    {
                        "code": "overall_effectiveness",
                        "title": "Overall effectiveness of multi-agency work to protect children",
                    },
                    {
                        "code": "help_and_protection",
                        "title": "Effectiveness of help and protection",
                    },
                    {"code": "quality_of_practice", "title": "Quality of practice"},
                    {"code": "leadership", "title": "Leadership, governance and partnerships"},
                ],
                "case_criteria": CASE_CRITERIA,
            }
        ],
        "themes": [],
    },
    {
        "code": "looked-after-2012",
        "name": "Looked-after children and care leavers inspection",
        "description": (
            "The 2012 proposal: Ofsted with CQC, unannounced, two weeks; inspectors talk "
            "directly with children in care, care leavers, carers and adopters."
        ),
        "versions": [
            {
                "version": 1,
                "active_from": D(2013, 6, 3),
                "active_to": None,
                "graded": True,
                "aggregate_judgement_allowed": True,
                "window_days": 12,
                "notice_working_days": None,
                "report_form": "summary_and_agency",
                "action_plan_working_days": None,
                "min_tracked_cases": 0,
                "method": "Unannounced; Ofsted and CQC inspectors were on site for two weeks.",
                "inspectorates": {"ofsted": "required", "cqc": "required"},
                "agency_types": {"childrens_social_care": "ofsted", "health": "cqc"},
                "areas": [
                    {"code": "overall_effectiveness", "title": "Overall effectiveness"},
                    {
                        "code": "looked_after",
                        "title": "The experiences and progress of children looked after",
                    },
                    {
                        "code": "care_leavers",
                        "title": "The experiences and progress of care leavers",
                    },
                    {"code": "leadership", "title": "Leadership, management and governance"},
                ],
                "case_criteria": CASE_CRITERIA,
            }
        ],
        "themes": [],
    },
    {
        "code": "front-door",
        "name": "Front-door inspection",
        "description": (
            "The ADCS alternative: an unannounced inspection of the multi-agency 'front door' "
            "(the initial response to need and risk), assessing each agency's contribution."
        ),
        "versions": [
            {
                "version": 1,
                "active_from": D(2015, 4, 1),
                "active_to": None,
                "graded": False,
                "aggregate_judgement_allowed": False,
                "window_days": 5,
                "notice_working_days": None,
                "report_form": "letter",
                "action_plan_working_days": None,
                "min_tracked_cases": 0,
                "method": "Unannounced; inspectors examined the multi-agency front door for a week.",
                "inspectorates": {
                    "ofsted": "required",
                    "cqc": "required",
                    "hmicfrs": "required",
                    "hmiprobation": "optional",
                },
                "agency_types": {
                    "childrens_social_care": "ofsted",
                    "education": "ofsted",
                    "health": "cqc",
                    "police": "hmicfrs",
                    "probation": "hmiprobation",
                },
                "areas": [
                    {"code": "initial_response", "title": "The initial response to need and risk"},
                    {
                        "code": "information_sharing",
                        "title": "Information sharing and decision-making",
                    },
                    {"code": "thresholds", "title": "Understanding and application of thresholds"},
                    {"code": "leadership", "title": "Leadership and oversight of the front door"},
                ],
                "case_criteria": CASE_CRITERIA,
            }
        ],
        "themes": [],
    },
]


def load_frameworks(apps=None) -> None:
    """Create or update every framework of FRAMEWORKS. Idempotent.

    `apps` is the migration state's registry (or None for the live models).
    """
    if apps is None:
        from django.apps import apps as live_apps

        apps = live_apps
    get = apps.get_model
    Framework = get("inspections", "Framework")
    FrameworkVersion = get("inspections", "FrameworkVersion")
    FrameworkInspectorate = get("inspections", "FrameworkInspectorate")
    FrameworkAgencyType = get("inspections", "FrameworkAgencyType")
    JudgementArea = get("inspections", "JudgementArea")
    CaseCriterion = get("inspections", "CaseCriterion")
    Theme = get("inspections", "Theme")
    inspectorates = {i.code: i for i in get("agencies", "Inspectorate").objects.all()}
    agency_types = {a.code: a for a in get("agencies", "AgencyType").objects.all()}

    for spec in FRAMEWORKS:
        framework, _ = Framework.objects.update_or_create(
            code=spec["code"], defaults={"name": spec["name"], "description": spec["description"]}
        )
        for vspec in spec["versions"]:
            fields = {
                k: v
                for k, v in vspec.items()
                if k not in ("version", "inspectorates", "agency_types", "areas", "case_criteria")
            }
            version, created = FrameworkVersion.objects.get_or_create(
                framework=framework, version=vspec["version"], defaults=fields
            )
            if not created:
                # A version in use is never changed here; new content means a new version.
                continue
            for code, participation in vspec["inspectorates"].items():
                FrameworkInspectorate.objects.create(
                    version=version, inspectorate=inspectorates[code], participation=participation
                )
            for code, judged_by in vspec["agency_types"].items():
                FrameworkAgencyType.objects.create(
                    version=version,
                    agency_type=agency_types[code],
                    judged_by=inspectorates[judged_by],
                )
            for order, aspec in enumerate(vspec["areas"], 1):
                area = JudgementArea.objects.create(
                    version=version,
                    code=aspec["code"],
                    title=aspec["title"],
                    criteria=aspec.get("criteria", ""),
                    order=order,
                    is_shared=aspec.get("shared", False),
                    grade_descriptors=GRADE_DESCRIPTORS if vspec["graded"] else {},
                )
                for code in aspec.get("excluded", []):
                    area.excluded_agency_types.add(agency_types[code])
            for order, (code, text) in enumerate(vspec["case_criteria"], 1):
                CaseCriterion.objects.create(version=version, code=code, text=text, order=order)
        for tspec in spec["themes"]:
            theme, _ = Theme.objects.update_or_create(
                framework=framework,
                code=tspec["code"],
                defaults={
                    "name": tspec["name"],
                    "description": tspec.get("description", ""),
                    "start_date": tspec["start"],
                    "end_date": tspec["end"],
                },
            )
            theme.inspectorates.set([inspectorates[c] for c in tspec["inspectorates"]])


def load_framework_facts(apps=None) -> None:
    """Bring existing rows up to the facts above. Idempotent; runs after `load_frameworks`.

    Sets each framework's status and its source, each theme's source, and corrects the text
    and the graded areas of the versions already loaded (their structure is otherwise kept).
    `apps` is the migration state's registry (or None for the live models).
    """
    if apps is None:
        from django.apps import apps as live_apps

        apps = live_apps
    get = apps.get_model
    Framework = get("inspections", "Framework")
    FrameworkVersion = get("inspections", "FrameworkVersion")
    JudgementArea = get("inspections", "JudgementArea")
    Theme = get("inspections", "Theme")
    agency_types = {a.code: a for a in get("agencies", "AgencyType").objects.all()}

    for spec in FRAMEWORKS:
        Framework.objects.filter(code=spec["code"]).update(**FRAMEWORK_STATUS[spec["code"]])
        for vspec in spec["versions"]:
            version = FrameworkVersion.objects.filter(
                framework__code=spec["code"], version=vspec["version"]
            ).first()
            if version is None:
                continue
            FrameworkVersion.objects.filter(pk=version.pk).update(method=vspec["method"])
            for aspec in vspec["areas"]:
                area = JudgementArea.objects.filter(version=version, code=aspec["code"]).first()
                if area is not None:
                    area.excluded_agency_types.set(
                        [agency_types[c] for c in aspec.get("excluded", [])]
                    )
        for tspec in spec["themes"]:
            Theme.objects.filter(framework__code=spec["code"], code=tspec["code"]).update(
                source=tspec["source"]
            )
