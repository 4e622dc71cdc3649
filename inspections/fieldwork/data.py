"""Each JTAI theme's fieldwork as data: the deep-dive cohort's criteria, the tool for tracking
children's experiences (the questions each agency's inspectors answer for a tracked case) and
the key lines of enquiry, each naming the section of the letter of findings it feeds.

Keyed by the theme's code (see `inspections.framework_data.JTAI_THEMES`). Every entry names
the document it comes from. Where the published guidance was found, the criteria and the
questions follow it (paraphrased: the tools' own wording is Crown copyright and long); where it
was not, the source says the questions are modelled on the published tools, so nobody takes
them for the inspectorates' words. A new theme is a new entry here (and a migration that
loads it), never a code branch.
"""

# The sections of a JTAI letter of findings, as the framework's judgement areas name them.
FRONT_DOOR = "Identification and initial response to concerns"
ASSESSMENT = "Assessment, planning and decision-making"
PRACTICE = "The quality of practice with children and families"
LEADERSHIP = "Leadership, management and partnership working"

NEGLECT_GUIDANCE = (
    "Guidance for joint targeted area inspections on the theme: children living with neglect "
    "(Ofsted, CQC, HMIC, HMI Probation, April 2017, reference 170018), Annex B: tool for "
    "tracking children's experiences"
)
MENTAL_HEALTH_GUIDANCE = (
    "Guidance for joint targeted area inspections on the theme: children's mental health "
    "(Ofsted, CQC, HMICFRS, HMI Probation, July 2019, reference 190035), Annex B: tool for "
    "tracking children's experiences"
)
MODELLED = (
    "Modelled on the published JTAI tools for tracking children's experiences (neglect, 2017; "
    "children's mental health, 2019); this theme's own tool was not found in public sources: "
    "check against the theme's guidance before use"
)

# Questions every tool asks, in the published tools' order: the theme-specific ones come first.
COMMON_QUESTIONS = [
    ("identification", "How and when did this agency first identify concerns about the child?"),
    (
        "information_sharing",
        "Did this agency share information with partners promptly and act on what it received?",
    ),
    (
        "assessment",
        "Did this agency's assessment understand the child's history, experiences and risks?",
    ),
    (
        "plan_and_help",
        "Did the help and the plan address the child's needs, and were they reviewed as things "
        "changed?",
    ),
    (
        "voice_of_child",
        "Were the child's wishes and feelings sought, recorded and taken into account?",
    ),
    (
        "impact",
        "What difference has this agency's work made to the child's circumstances and safety?",
    ),
    (
        "management_oversight",
        "Was there management oversight and supervision of the work, and did it add value?",
    ),
]


def _questions(specific: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [*specific, *COMMON_QUESTIONS]


def _lines(theme_focus: str, specific: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """The theme's lines of enquiry: its own first, then the front door and leadership ones
    every JTAI pursues."""
    return [
        (
            "front_door",
            f"How effectively do agencies identify {theme_focus} at the front door, share "
            "information and decide what help or protection is needed?",
            FRONT_DOOR,
        ),
        *specific,
        (
            "leadership",
            f"Do leaders understand practice with {theme_focus}, and do they work together to "
            "improve it (audit, learning and the partnership's oversight)?",
            LEADERSHIP,
        ),
    ]


FIELDWORK_DATA = {
    "neglect": {
        "cohort": {
            "min_age": 7,
            "max_age": 15,
            "plan_types": ["child_in_need", "child_protection", "looked_after"],
            "cases_to_track": "5 to 7",
            "summary": "Children aged 7 to 15 who are being, or have been, neglected.",
        },
        "source": NEGLECT_GUIDANCE,
        "questions": _questions(
            [
                (
                    "neglect_recognised",
                    "Was neglect recognised, including its cumulative impact on an older child, "
                    "rather than only the presenting problem (going missing, drug use, "
                    "behaviour)?",
                ),
                (
                    "chronology",
                    "Is there a chronology that shows the history and pattern of neglect, and "
                    "was it used?",
                ),
                (
                    "school",
                    "Did the child's school identify and refer the neglect, and is it part of "
                    "the plan?",
                ),
            ]
        ),
        "lines": _lines(
            "older children living with neglect",
            [
                (
                    "recognition",
                    "Do professionals recognise neglect in older children early, and refer "
                    "it at the earliest opportunity?",
                    ASSESSMENT,
                ),
                (
                    "risk_reduced",
                    "Are risks to children living with neglect reduced, and does help make a "
                    "lasting difference (not improvement followed by drift and closure)?",
                    PRACTICE,
                ),
                (
                    "schools",
                    "How effective are schools in identifying and supporting children "
                    "experiencing neglect?",
                    PRACTICE,
                ),
            ],
        ),
    },
    "mental-health": {
        "cohort": {
            "min_age": 10,
            "max_age": 15,
            "plan_types": ["child_in_need", "child_protection", "looked_after"],
            "cases_to_track": "5 to 7",
            "summary": "Children aged 10 to 15 living with mental ill health who are on a child "
            "in need or child protection plan, or looked after.",
        },
        "source": MENTAL_HEALTH_GUIDANCE,
        "questions": _questions(
            [
                (
                    "mental_health_identified",
                    "Did professionals identify the child's mental ill health, talk with the "
                    "child about it and know where to get advice?",
                ),
                (
                    "specialist_help",
                    "Did the child get timely specialist help (CAMHS or other), and did "
                    "agencies work together while they waited?",
                ),
                (
                    "challenge",
                    "Did professionals challenge one another, and escalate, when help was not "
                    "working?",
                ),
            ]
        ),
        "lines": _lines(
            "children living with mental ill health",
            [
                (
                    "skilled_workforce",
                    "Are professionals trained and confident to talk to children about their "
                    "emotional health, and to refer them for support?",
                    PRACTICE,
                ),
                (
                    "joint_working",
                    "Do agencies share information and work together so that children get the "
                    "right specialist help in time?",
                    ASSESSMENT,
                ),
                (
                    "reflective_supervision",
                    "Do professionals challenge one another appropriately, with reflective "
                    "supervision?",
                    PRACTICE,
                ),
            ],
        ),
    },
}

SERIOUS_YOUTH_VIOLENCE_GUIDANCE = (
    "Joint targeted area inspections of the multi-agency response to serious youth violence "
    "(Ofsted, CQC, HMICFRS, HMI Probation, updated 22 September 2023); questions paraphrased "
    "from its evaluation criteria (the tracking tool itself was not found); age range modelled"
)
DOMESTIC_ABUSE_2024_GUIDANCE = (
    "Joint targeted area inspection of the multi-agency response to children who are victims "
    "of domestic abuse (Ofsted, CQC, HMICFRS, HMI Probation, 12 September 2024); questions "
    "paraphrased from its scope and evaluation (the tracking tool itself was not found)"
)

FIELDWORK_DATA["serious-youth-violence"] = {
    "cohort": {
        "min_age": 10,
        "max_age": 17,
        "plan_types": [],
        "cases_to_track": "5 to 7",
        "summary": "Children at risk of, or affected by, serious youth violence, including "
        "children who are criminally exploited.",
    },
    "source": SERIOUS_YOUTH_VIOLENCE_GUIDANCE,
    "questions": _questions(
        [
            (
                "risk_outside_home",
                "Did agencies identify the risks to the child outside the home (places, peers, "
                "exploitation) and act on them together?",
            ),
            (
                "not_criminalised",
                "Did agencies avoid criminalising the child unnecessarily, and see them as a "
                "child first?",
            ),
            (
                "access_to_services",
                "Did the child and family get effective services, including therapeutic help, "
                "in time?",
            ),
        ]
    ),
    "lines": _lines(
        "children affected by serious youth violence",
        [
            (
                "reduce_risk",
                "Do agencies work together to identify children at risk of serious youth "
                "violence, intervene to reduce the risk and monitor the impact?",
                ASSESSMENT,
            ),
            (
                "criminalisation",
                "Do agencies avoid unnecessarily criminalising children, and are practitioners "
                "trained to avoid victim-blaming and recognise bias?",
                PRACTICE,
            ),
            (
                "places",
                "Do multi-agency interventions in places where children are at risk (parks, "
                "streets, shopping centres) make them safer?",
                PRACTICE,
            ),
        ],
    ),
}

FIELDWORK_DATA["domestic-abuse-2024"] = {
    "cohort": {
        "min_age": 0,
        "max_age": 7,
        "plan_types": [],
        "cases_to_track": "5 to 7",
        "summary": "Unborn babies and children aged 0 to 7 who are victims of domestic abuse.",
    },
    "source": DOMESTIC_ABUSE_2024_GUIDANCE,
    "questions": _questions(
        [
            (
                "child_as_victim",
                "Was the child seen as a victim of domestic abuse in their own right (what they "
                "saw, heard or experienced)?",
            ),
            (
                "adult_victim_response",
                "Did the response to the adult victim (maternity, adult mental health, police) "
                "protect the unborn baby or young child?",
            ),
            (
                "perpetrator",
                "Did agencies (including probation) manage the perpetrator and the risk they "
                "pose to the child?",
            ),
        ]
    ),
    "lines": _lines(
        "the youngest children who are victims of domestic abuse",
        [
            (
                "adult_services",
                "Are children's welfare promoted and protected through timely responses to "
                "adult victims, in maternity and adult mental health services?",
                ASSESSMENT,
            ),
            (
                "perpetrators",
                "How well do agencies, including probation, work with perpetrators to reduce "
                "the risk to children?",
                PRACTICE,
            ),
            (
                "early_years",
                "Do agencies work with education, early years providers and the voluntary "
                "sector to identify and respond to children who are victims?",
                PRACTICE,
            ),
        ],
    ),
}

# The other themes: plausible tools, said to be modelled (see MODELLED).
_MODELLED_THEMES = {
    "cse-missing": (
        "children at risk of sexual exploitation or who go missing",
        {"min_age": 10, "max_age": 17, "plan_types": []},
        "Children at risk of, or experiencing, sexual exploitation, or who go missing from home, "
        "care or education.",
        (
            "return_interview",
            "Was the child offered a return home interview after each missing episode, and "
            "was what they said used?",
        ),
    ),
    "domestic-abuse-2016": (
        "children living with domestic abuse",
        {"min_age": 0, "max_age": 17, "plan_types": []},
        "Children living with domestic abuse, with a focus on the impact on the child.",
        (
            "police_notification",
            "Did police notifications of domestic abuse reach the agencies working with the "
            "child, and were they acted on?",
        ),
    ),
    "criminal-exploitation": (
        "children at risk of criminal exploitation, trafficking and modern slavery",
        {"min_age": 10, "max_age": 17, "plan_types": []},
        "Children at risk of, or experiencing, criminal exploitation, trafficking or modern "
        "slavery.",
        (
            "exploitation_recognised",
            "Was the child seen as a victim of exploitation rather than only as an offender?",
        ),
    ),
    "sexual-abuse-family": (
        "children sexually abused in the family environment",
        {"min_age": 0, "max_age": 17, "plan_types": []},
        "Children who are being, or have been, sexually abused in the family environment.",
        (
            "disclosure",
            "How was the abuse identified or disclosed, and was the child's account heard and "
            "supported (including through any criminal investigation)?",
        ),
    ),
    "front-door": (
        "need and risk",
        {"min_age": 0, "max_age": 17, "plan_types": []},
        "Children referred to the front door in the last six months, of all ages.",
        (
            "threshold_decision",
            "Was the decision at the front door (thresholds, consent, strategy discussion) "
            "timely and right for the child?",
        ),
    ),
    "family-help": (
        "children and families who need help",
        {"min_age": 0, "max_age": 17, "plan_types": ["early_help", "child_in_need"]},
        "Children and families receiving early help or on a child in need plan.",
        (
            "early_help_offer",
            "Did the family get help early enough, from the right agency, with a lead "
            "professional?",
        ),
    ),
    "sexual-abuse-family-2025": (
        "children sexually abused in the family environment",
        {"min_age": 0, "max_age": 17, "plan_types": []},
        "Children who are being, or have been, sexually abused in the family environment.",
        (
            "disclosure",
            "How was the abuse identified or disclosed, and was the child's account heard and "
            "supported?",
        ),
    ),
}

for _code, (_focus, _criteria, _summary, _question) in _MODELLED_THEMES.items():
    FIELDWORK_DATA[_code] = {
        "cohort": {**_criteria, "cases_to_track": "5 to 7", "summary": _summary},
        "source": MODELLED,
        "questions": _questions([_question]),
        "lines": _lines(
            _focus,
            [
                (
                    "assessment_and_plan",
                    f"Do assessments and plans for {_focus} understand the child's experience "
                    "and reduce the risks to them?",
                    ASSESSMENT,
                ),
                (
                    "difference_made",
                    f"Does direct work with {_focus} make a difference, and is the child's "
                    "voice heard?",
                    PRACTICE,
                ),
            ],
        ),
    }


def load_fieldwork_data(apps=None) -> None:
    """Load (or bring up to date) each theme's cohort criteria, questions and lines of enquiry.

    Idempotent. `apps` is the migration state's registry (or None for the live models). Themes
    not in the database (a fresh install without the JTAI) are skipped.
    """
    if apps is None:
        from django.apps import apps as live_apps

        apps = live_apps
    get = apps.get_model
    Theme = get("inspections", "Theme")
    Criteria = get("inspections", "ThemeCohortCriteria")
    Question = get("inspections", "CaseTrackingQuestion")
    Line = get("inspections", "LineOfEnquiry")
    themes = {t.code: t for t in Theme.objects.filter(framework__code="jtai")}
    for code, spec in FIELDWORK_DATA.items():
        theme = themes.get(code)
        if theme is None:
            continue
        cohort = spec["cohort"]
        Criteria.objects.update_or_create(
            theme=theme,
            defaults={
                "min_age": cohort["min_age"],
                "max_age": cohort["max_age"],
                "plan_types": cohort["plan_types"],
                "cases_to_track": cohort["cases_to_track"],
                "summary": cohort["summary"],
                "source": spec["source"],
            },
        )
        for order, (qcode, text) in enumerate(spec["questions"], 1):
            Question.objects.update_or_create(
                theme=theme,
                code=qcode,
                defaults={"text": text, "order": order, "source": spec["source"]},
            )
        for order, (lcode, text, section) in enumerate(spec["lines"], 1):
            Line.objects.update_or_create(
                theme=theme,
                code=lcode,
                defaults={
                    "text": text,
                    "report_section": section,
                    "order": order,
                    "source": spec["source"],
                },
            )
