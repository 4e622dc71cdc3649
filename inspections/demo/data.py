"""The demo's data: partner agencies and contacts in real areas, the extra inspectors, the
teams, the references of the story's inspections and Haringey's real dates."""

import datetime

from agencies.models import Role

from ..models import TeamRole

# area -> [(agency type code, name, other areas it also serves)]
AGENCIES = {
    "Haringey": [
        ("childrens_social_care", "Haringey Council children's services", []),
        ("education", "Haringey Council schools and learning", []),
        (
            "health",
            "NHS North Central London Integrated Care Board",
            ["Enfield", "Barnet", "Camden", "Islington"],
        ),
        ("health", "Whittington Health NHS Trust", ["Islington"]),
        ("police", "Metropolitan Police Service", ["Enfield", "Barnet", "Camden", "Islington"]),
        (
            "probation",
            "The Probation Service, London region",
            ["Enfield", "Barnet", "Camden", "Islington"],
        ),
        ("youth_offending", "Haringey Youth Justice Service", []),
        ("lscb", "Haringey Safeguarding Children Partnership", []),
    ],
    "Birmingham": [
        ("childrens_social_care", "Birmingham Children's Trust", []),
        ("education", "Birmingham City Council education and skills", []),
        ("health", "NHS Birmingham and Solihull Integrated Care Board", ["Solihull"]),
        ("health", "Birmingham Women's and Children's NHS Foundation Trust", []),
        (
            "police",
            "West Midlands Police",
            ["Solihull", "Coventry", "Sandwell", "Dudley", "Walsall", "Wolverhampton"],
        ),
        (
            "probation",
            "The Probation Service, West Midlands region",
            ["Solihull", "Coventry", "Sandwell", "Dudley", "Walsall", "Wolverhampton"],
        ),
        ("youth_offending", "Birmingham Youth Justice Service", []),
        ("lscb", "Birmingham Safeguarding Children Partnership", []),
    ],
    "Leeds": [
        ("childrens_social_care", "Leeds City Council children and families", []),
        ("education", "Leeds City Council learning", []),
        (
            "health",
            "NHS West Yorkshire Integrated Care Board",
            ["Bradford", "Calderdale", "Kirklees", "Wakefield"],
        ),
        ("health", "Leeds Teaching Hospitals NHS Trust", []),
        ("police", "West Yorkshire Police", ["Bradford", "Calderdale", "Kirklees", "Wakefield"]),
        (
            "probation",
            "The Probation Service, Yorkshire and the Humber region",
            ["Bradford", "Calderdale", "Kirklees", "Wakefield"],
        ),
        ("youth_offending", "Leeds Youth Justice Service", []),
        ("custodial", "HMYOI Wetherby", []),
        ("lscb", "Leeds Safeguarding Children Partnership", []),
    ],
    "Cornwall": [
        ("childrens_social_care", "Cornwall Council children's services", []),
        ("education", "Cornwall Council education", []),
        ("health", "NHS Cornwall and Isles of Scilly Integrated Care Board", []),
        ("health", "Royal Cornwall Hospitals NHS Trust", []),
        ("police", "Devon and Cornwall Police", ["Devon", "Plymouth", "Torbay"]),
        ("probation", "The Probation Service, South West region", ["Devon", "Plymouth", "Torbay"]),
        ("youth_offending", "Cornwall Youth Justice Service", []),
        ("lscb", "Cornwall and Isles of Scilly Safeguarding Children Partnership", []),
    ],
    "Kent": [
        ("childrens_social_care", "Kent County Council children's services", []),
        ("education", "Kent County Council education", []),
        ("health", "NHS Kent and Medway Integrated Care Board", ["Medway"]),
        ("police", "Kent Police", ["Medway"]),
        ("probation", "The Probation Service, Kent, Surrey and Sussex region", ["Medway"]),
        ("youth_offending", "Kent Youth Justice Service", []),
        ("lscb", "Kent Safeguarding Children Multi-Agency Partnership", []),
    ],
    "Nottingham": [
        ("childrens_social_care", "Nottingham City Council children's services", []),
        ("education", "Nottingham City Council education", []),
        ("health", "NHS Nottingham and Nottinghamshire Integrated Care Board", ["Nottinghamshire"]),
        ("health", "Nottingham University Hospitals NHS Trust", ["Nottinghamshire"]),
        ("police", "Nottinghamshire Police", ["Nottinghamshire"]),
        ("probation", "The Probation Service, East Midlands region", ["Nottinghamshire"]),
        ("youth_offending", "Nottingham City Youth Justice Service", []),
        ("lscb", "Nottingham City Safeguarding Children Partnership", []),
    ],
    "Nottinghamshire": [
        ("childrens_social_care", "Nottinghamshire County Council children's services", []),
        ("youth_offending", "Nottinghamshire Youth Justice Service", []),
        ("lscb", "Nottinghamshire Safeguarding Children Partnership", []),
    ],
}

# Names the demo's agencies went by before: (current name) -> [(former name, first day or None,
# last day, source)]. Only Haringey's inspection lies far enough back to need them.
_CCG_MERGER = (
    "Haringey Council, Health and Wellbeing Board minutes: NCL CCG merger update (the single "
    "North Central London CCG took effect from 1 April 2020)"
)
_ICBS = "Health and Care Act 2022: integrated care boards replaced CCGs on 1 July 2022"
_PROBATION = (
    "Ministry of Justice, Future of probation: the National Probation Service and the community "
    "rehabilitation companies unified as the Probation Service on 26 June 2021"
)
_LSCB = (
    "Working Together to Safeguard Children 2018, transitional guidance (HM Government, July "
    "2018): local arrangements in place by 29 September 2019"
)
FORMER_NAMES = {
    "NHS North Central London Integrated Care Board": [
        (
            "NHS Barnet, Camden, Enfield, Haringey and Islington clinical commissioning groups",
            datetime.date(2013, 4, 1),
            datetime.date(2020, 3, 31),
            _CCG_MERGER,
        ),
        (
            "NHS North Central London Clinical Commissioning Group",
            datetime.date(2020, 4, 1),
            datetime.date(2022, 6, 30),
            _ICBS,
        ),
    ],
    "The Probation Service, London region": [
        (
            "National Probation Service (London division) and London Community Rehabilitation "
            "Company",
            datetime.date(2015, 2, 1),
            datetime.date(2021, 6, 25),
            _PROBATION,
        ),
    ],
    "Haringey Safeguarding Children Partnership": [
        ("Haringey Local Safeguarding Children Board", None, datetime.date(2019, 9, 28), _LSCB),
    ],
}

# Made-up people in each area's leading roles (example.org addresses only).
CONTACT_PEOPLE = [
    (
        "dcs",
        "Director of children's services",
        [
            "Alex Morgan",
            "Sam Patel",
            "Jo Fletcher",
            "Chris Adebayo",
            "Nicola Shaw",
            "Ravi Chauhan",
            "Helen Doyle",
        ],
    ),
    (
        "chief_executive",
        "Chief executive",
        [
            "Pat Lawson",
            "Morgan Reid",
            "Kim Osei",
            "Lee Harding",
            "Ruth Bellamy",
            "Imogen Clarke",
            "Tariq Hussain",
        ],
    ),
    (
        "chief_constable",
        "Chief constable",
        [
            "Dana Frost",
            "Owen Pryce",
            "Marcus Bell",
            "Sian Roberts",
            "Gillian Moss",
            "Peter Walsh",
            "Femi Ade",
        ],
    ),
    (
        "health",
        "Health accountable officer",
        [
            "Jordan Blake",
            "Priti Shah",
            "Colin Ward",
            "Erin Walsh",
            "Mark Tully",
            "Leah Grant",
            "Tom Ridley",
        ],
    ),
    (
        "pcc",
        "Police and crime commissioner",
        [
            "Robin Hale",
            "Aidan Cole",
            "Joan Pike",
            "Ben Lowry",
            "Maya Sutton",
            "Olu Bankole",
            "Grace Ellis",
        ],
    ),
    (
        "probation",
        "Head of probation",
        [
            "Kerry Nash",
            "Ian Booth",
            "Parveen Akhtar",
            "Luke Rowe",
            "Zoe Marsh",
            "Hannah Quinn",
            "Adam Fox",
        ],
    ),
    (
        "yot",
        "Head of youth justice",
        [
            "Sally Ruiz",
            "Dev Mistry",
            "Ann Kerr",
            "Paul Brennan",
            "Lucy Tan",
            "Craig Munro",
            "Esther Obi",
        ],
    ),
    (
        "lscb_chair",
        "Independent chair of the safeguarding partnership",
        [
            "Miriam Hart",
            "Neil Sharp",
            "Beth Lyons",
            "Gary Holt",
            "Rosa Lind",
            "Yusuf Malik",
            "Clare Dunn",
        ],
    ),
]

# Extra demo inspectors for the second team (the notified inspection runs while the main demo
# team is in fieldwork). username, role, inspectorate, first name, last name
EXTRA_PEOPLE = [
    ("ofsted2", Role.LEAD_INSPECTOR, "ofsted", "Samuel", "Achebe"),
    ("cqc2", Role.INSPECTOR, "cqc", "Fiona", "Grant"),
    ("hmicfrs2", Role.INSPECTOR, "hmicfrs", "Imran", "Qureshi"),
]

HYPOTHETICAL_NOTE = (
    " Hypothetical run of a proposal: the 2015 integrated inspection was proposed and piloted "
    "but never ran; this revision exists so the demo can plan one, always in the future."
)

PUBLISHED_REFERENCE = "demo-published"
# The hypothetical run of the integrated proposal: planned today, for a window in the future.
HYPOTHETICAL_REFERENCE = "demo-planned"
# A second hypothetical run, taken all the way to its final report (a summary report and one
# report per agency) on dates still to come: planned today, everything after in the future.
HYPOTHETICAL_REPORT_REFERENCE = "demo-hypothetical-report"
HYPOTHETICAL_REPORT_AREA = "Cornwall"
HYPOTHETICAL_REPORT_WEEKS_AHEAD = 20

# Haringey's JTAI as it happened (local times of day are the demo's).
HARINGEY = {
    "schedule": (datetime.date(2017, 10, 23), datetime.time(10, 0)),
    "staff": (datetime.date(2017, 10, 24), datetime.time(10, 0)),
    "notify": (datetime.date(2017, 11, 21), datetime.time(9, 30)),
    "start_fieldwork": (datetime.date(2017, 12, 4), datetime.time(9, 0)),
    "drafts": (datetime.date(2017, 12, 6), datetime.time(16, 0)),
    "complete": (datetime.date(2017, 12, 8), datetime.time(12, 0)),
    "close_evidence": (datetime.date(2017, 12, 8), datetime.time(17, 0)),
    "start_moderation": (datetime.date(2017, 12, 11), datetime.time(9, 30)),
    "sign_off": (datetime.date(2017, 12, 14), datetime.time(15, 0)),
    "draft_report": (datetime.date(2017, 12, 18), datetime.time(11, 0)),
    "factual_accuracy_version": (datetime.date(2018, 1, 3), datetime.time(9, 0)),
    "factual_accuracy": (datetime.date(2018, 1, 3), datetime.time(10, 0)),
    "comments": (datetime.date(2018, 1, 16), datetime.time(16, 0)),
    "respond": (datetime.date(2018, 1, 18), datetime.time(11, 0)),
    "final_report": (datetime.date(2018, 1, 25), datetime.time(14, 0)),
    "publish": (datetime.date(2018, 1, 30), datetime.time(9, 30)),
    "await_action_plan": (datetime.date(2018, 1, 30), datetime.time(9, 35)),
}


MAIN_TEAM = [
    ("lead", TeamRole.OVERALL_LEAD, []),
    ("ofsted", TeamRole.INSPECTOR, ["childrens_social_care", "education"]),
    ("cqc", TeamRole.INSPECTORATE_LEAD, ["health"]),
    ("hmicfrs", TeamRole.INSPECTORATE_LEAD, ["police"]),
    ("hmiprobation", TeamRole.INSPECTORATE_LEAD, ["probation", "youth_offending"]),
    ("hmiprisons", TeamRole.INSPECTORATE_LEAD, ["custodial"]),
]
SECOND_TEAM = [
    ("ofsted2", TeamRole.OVERALL_LEAD, ["childrens_social_care", "education"]),
    ("cqc2", TeamRole.INSPECTORATE_LEAD, ["health"]),
    ("hmicfrs2", TeamRole.INSPECTORATE_LEAD, ["police"]),
]


PAST = [
    ("demo-past-kent", "Kent", 16),
    ("demo-past-cornwall", "Cornwall", 26),
    ("demo-past-nottingham", "Nottingham", 34),
    ("demo-past-leeds", "Leeds", 44),
]
# Every inspection the demo takes past fieldwork, and how far: recording fills them, reports
# moderates and publishes them.
TO_MODERATION = [
    "demo-moderation",
    PUBLISHED_REFERENCE,
    *(p[0] for p in PAST),
    HYPOTHETICAL_REPORT_REFERENCE,
]
TO_PUBLICATION = [PUBLISHED_REFERENCE, *(p[0] for p in PAST)]
