# ruff: noqa: E501  (prose in data reads better unbroken)
"""The five inspection models of the sources, as data.

Loaded by a data migration and by `manage.py load_frameworks`. A new framework or theme is a new
entry here (or rows added in the admin UI), never a code branch.
"""

import datetime

D = datetime.date

GRADE_DESCRIPTORS = {
    "outstanding": "Practice is exceptional and consistently improves children's lives; others can learn from it.",
    "good": "Children are safe and their experiences and progress are consistently good.",
    "requires_improvement": "Practice is not yet good; there are no widespread or serious failures that leave children harmed or at risk.",
    "inadequate": "There are widespread or serious failures that leave children harmed or at risk of harm.",
}

INTEGRATED_AREAS = [
    {
        "code": "overall_effectiveness",
        "title": "Overall effectiveness",
        "criteria": "How well the agency's arrangements help, protect and care for children, taking account of all the evidence in the other judgement areas.",
    },
    {
        "code": "help_and_protection",
        "title": "The experiences and progress of children who need help and protection",
        "criteria": "Early help is offered when needs emerge; concerns are recognised and acted on; risk is assessed and reduced; children are seen, heard and helped.",
    },
    {
        "code": "looked_after_and_care_leavers",
        "title": "The experiences and progress of children looked after and care leavers",
        "criteria": "Children in care live in stable homes that meet their needs; their health, education and wishes are attended to; care leavers are supported into adulthood.",
        "excluded": ["police"],
    },
    {
        "code": "leadership",
        "title": "Leadership, management and governance",
        "criteria": "Leaders know the quality of practice, act on it, work in partnership and make sure staff have the capacity and skills to protect children.",
    },
    {
        "code": "lscb",
        "title": "The effectiveness of the Local Safeguarding Children Board",
        "criteria": "How well the LSCB coordinates and checks the effectiveness of what local agencies do to safeguard children, taking account of the contribution of each agency.",
        "shared": True,
    },
]

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
                    "judgement structure. HMI Probation judged a sample of cases; HMI Prisons "
                    "joined where a custodial establishment is in the area. All inspectorates "
                    "made one shared judgement on the Local Safeguarding Children Board."
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
            "Short, themed ('deep dive') inspections by Ofsted, CQC, HMICFRS and HMI Probation "
            "of how agencies work together in an area. Ungraded: a joint letter of findings, "
            "then a written statement of action from the partnership."
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
                    "Agencies were notified ten working days before inspectors arrived and "
                    "audited selected children's cases. Inspectors were on site for a week, "
                    "tracked at least five children's cases in depth, and met leaders, "
                    "practitioners, children and families."
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
        "themes": [
            (
                "cse-missing",
                "Child sexual exploitation and children missing",
                D(2016, 2, 1),
                D(2016, 7, 31),
            ),
            (
                "domestic-abuse-2016",
                "Children living with domestic abuse",
                D(2016, 9, 1),
                D(2017, 3, 31),
            ),
            ("neglect", "Neglect", D(2017, 4, 1), D(2017, 12, 31)),
            (
                "criminal-exploitation",
                "Criminal exploitation of children",
                D(2018, 1, 1),
                D(2018, 6, 30),
            ),
            (
                "sexual-abuse-family",
                "Child sexual abuse in the family environment",
                D(2018, 9, 1),
                D(2019, 6, 30),
            ),
            ("mental-health", "Children's mental health", D(2019, 9, 1), D(2020, 3, 20)),
            (
                "front-door",
                "The multi-agency response at the 'front door'",
                D(2022, 5, 1),
                D(2023, 3, 31),
            ),
            ("serious-youth-violence", "Serious youth violence", D(2023, 4, 1), D(2024, 3, 31)),
            ("domestic-abuse-2024", "Children living with domestic abuse", D(2024, 4, 1), None),
        ],
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

THEME_INSPECTORATES = ["ofsted", "cqc", "hmicfrs", "hmiprobation"]


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
        for code, name, start, end in spec["themes"]:
            theme, _ = Theme.objects.update_or_create(
                framework=framework,
                code=code,
                defaults={"name": name, "start_date": start, "end_date": end},
            )
            theme.inspectorates.set([inspectorates[c] for c in THEME_INSPECTORATES])
