# ruff: noqa: E501  (prose reads better unbroken)
"""The demo recording's words: judgements' prose per agency type and area, the shared
judgement, evidence notes, case summaries and the cycle of case outcomes."""

from inspections.models import EvidenceSource

# Per agency type and judgement area: grade, strengths, areas for improvement, evidence summary.
PROSE = {
    "childrens_social_care": {
        "overall_effectiveness": (
            "requires_improvement",
            [
                "Children at immediate risk of significant harm are identified quickly and protected through timely strategy discussions.",
                "Social workers know their children well and speak about them with warmth and understanding.",
                "Caseloads have reduced since the last inspection and most staff say they are manageable.",
            ],
            [
                "The quality of assessments is too variable: too many do not analyse the impact of cumulative neglect.",
                "Management oversight does not consistently challenge drift in children in need plans.",
            ],
            "Inspectors tracked 18 children's cases and sampled a further 42, met 31 social workers and team managers, observed two strategy meetings and a child protection conference, and reviewed performance reports and audits.",
        ),
        "help_and_protection": (
            "requires_improvement",
            [
                "The multi-agency safeguarding hub makes timely, well-recorded decisions about contacts and referrals.",
                "Strategy discussions include the right agencies and lead to proportionate section 47 enquiries.",
                "Children who go missing are offered return home interviews, and most take them up.",
            ],
            [
                "Child protection plans are not specific enough about what must change and by when.",
                "Too many children step down from child protection plans to child in need plans that are not reviewed within timescales.",
                "Information from return home interviews is not used well enough to understand patterns of exploitation.",
            ],
            "Twelve tracked cases of children subject to child protection plans; 25 contacts sampled at the front door; interviews with the MASH manager and two duty teams; observation of a child protection conference.",
        ),
        "looked_after_and_care_leavers": (
            "good",
            [
                "Decisions for children to come into care are timely and based on thorough assessments.",
                "Most children live in stable placements close to home and keep links with their families and friends.",
                "Care leavers have personal advisers who stay in touch, and most live in suitable accommodation.",
            ],
            [
                "Too few care leavers are in education, employment or training, and pathway plans do not tackle this with enough ambition.",
            ],
            "Inspectors met 14 children in care and 9 care leavers, read 20 case files, observed a looked-after review, and met the children in care council.",
        ),
        "leadership": (
            "requires_improvement",
            [
                "Senior leaders have an accurate view of the quality of practice and have acted on the findings of the last inspection.",
                "A stable, permanent workforce is being built: agency staff have fallen from 38% to 17% in a year.",
            ],
            [
                "Quality assurance identifies weak practice but actions are not followed through to improve outcomes for children.",
                "Performance information is not used routinely by team managers to track the progress of plans.",
            ],
            "Meetings with the chief executive, the director of children's services, the lead member and the principal social worker; review of the self-evaluation, the improvement plan and eight audits.",
        ),
    },
    "health": {
        "overall_effectiveness": (
            "good",
            [
                "Health practitioners recognise risk to children and refer appropriately to children's social care.",
                "The designated professionals provide strong leadership and are well respected across the partnership.",
            ],
            [
                "Adult mental health and substance misuse services do not always consider the needs of the children of the adults they treat.",
            ],
            "CQC inspectors visited the acute trust, the community health provider and three GP practices, met 46 practitioners and reviewed 52 health records.",
        ),
        "help_and_protection": (
            "good",
            [
                "Midwives identify domestic abuse early, through routine enquiry at booking and later appointments.",
                "Health visitors use a structured assessment of parenting that gives a clear picture of risk.",
                "Emergency department staff check the child protection information system for every child who attends.",
            ],
            [
                "GPs rarely contribute reports to child protection conferences, so plans lack their knowledge of the family.",
                "The paediatric liaison process does not follow up children who leave the emergency department before being seen.",
            ],
            "Sixteen health records of children subject to child protection plans; interviews with the named GP, the named midwife and the safeguarding team of the acute trust; observation of the paediatric liaison meeting.",
        ),
        "looked_after_and_care_leavers": (
            "requires_improvement",
            [
                "Initial health assessments are carried out by paediatricians who know the needs of children in care.",
            ],
            [
                "Only 61% of initial health assessments are completed within 20 working days of a child coming into care.",
                "Care leavers do not receive a summary of their health history when they leave care.",
                "Children placed out of the area wait too long for child and adolescent mental health services.",
            ],
            "Review of 14 health assessments, the looked-after children's health team's performance report, and interviews with the designated nurse and doctor for children in care.",
        ),
        "leadership": (
            "good",
            [
                "The clinical commissioning group holds providers to account through a safeguarding assurance framework with clear standards.",
                "Safeguarding training is well attended and evaluated, and supervision for health visitors and school nurses is regular.",
            ],
            [
                "Commissioners do not yet have the information they need on the timeliness of review health assessments for children placed out of the area.",
            ],
            "Meetings with the accountable officer, the chief nurse and the designated professionals; review of contract monitoring reports and the safeguarding dashboard.",
        ),
    },
    "police": {
        "overall_effectiveness": (
            "requires_improvement",
            [
                "Officers attending incidents of domestic abuse record the presence of children and make referrals.",
                "The force has invested in a specialist child exploitation team that is valued by partners.",
            ],
            [
                "Referrals from frontline officers often lack the information social workers need to assess risk.",
                "Investigations of offences against children are too often delayed by the capacity of the public protection unit.",
            ],
            "HMICFRS inspectors reviewed 60 cases involving children, interviewed 38 officers and staff, and observed the daily risk meeting and the MASH.",
        ),
        "help_and_protection": (
            "inadequate",
            [
                "Police attend strategy discussions reliably and share intelligence promptly.",
            ],
            [
                "Children detained overnight in police custody are not transferred to local authority accommodation as the law requires.",
                "Too many investigations into child sexual abuse had no supervisory review for several months.",
                "Officers do not always speak to children at incidents, so their voice is missing from referrals.",
            ],
            "Thirty investigations of offences against children were examined; custody records of 22 children detained overnight were reviewed; interviews with public protection unit investigators and custody sergeants.",
        ),
        "leadership": (
            "requires_improvement",
            [
                "Chief officers have made child protection a priority in the force plan and this is understood by staff.",
            ],
            [
                "The force does not know whether its work to protect children is effective, because performance information measures activity rather than outcomes.",
                "Staff in the public protection unit carry high workloads and many are not accredited detectives.",
            ],
            "Meetings with the chief constable's lead for public protection and the head of the public protection unit; review of the force's child protection performance framework.",
        ),
    },
    "probation": {
        "overall_effectiveness": (
            "good",
            [
                "Offender managers routinely check whether the people they supervise live with or have contact with children.",
                "Risk management plans set out clear actions to protect children.",
            ],
            [
                "Home visits are not used consistently to understand the circumstances of children in the household.",
            ],
            "HMI Probation inspected a sample of 24 cases supervised by the National Probation Service and the community rehabilitation company, with interviews of each case's offender manager.",
        ),
        "help_and_protection": (
            "good",
            [
                "Child safeguarding checks are made at the start of every sentence and acted upon.",
                "Offender managers contribute well to child protection conferences and core groups.",
            ],
            [
                "Information from children's social care is not always recorded on the case management system, so it is not available to the next offender manager.",
            ],
            "Twenty-four cases in the sample; interviews with offender managers and their line managers; review of child safeguarding referrals.",
        ),
        "looked_after_and_care_leavers": (
            "requires_improvement",
            [
                "Care leavers on probation are identified and their personal advisers are contacted.",
            ],
            [
                "Offender managers do not work closely enough with personal advisers to plan the transition of care leavers to adult supervision.",
            ],
            "Six cases of care leavers under supervision; interviews with two personal advisers.",
        ),
        "leadership": (
            "good",
            [
                "Leaders of both probation providers take an active part in the safeguarding board and its sub-groups.",
                "Staff receive regular child safeguarding training and say their managers support them with complex cases.",
            ],
            [
                "The community rehabilitation company's quality assurance does not look at work to protect children.",
            ],
            "Meetings with the heads of the local probation delivery unit and the community rehabilitation company; review of training records and audits.",
        ),
    },
    "youth_offending": {
        "overall_effectiveness": (
            "requires_improvement",
            [
                "Case managers build trusting relationships with children and their families.",
                "The youth offending service works closely with the exploitation team to protect children at risk of criminal exploitation.",
            ],
            [
                "Assessments of safety and wellbeing do not draw enough on information held by other agencies.",
                "Plans to manage risk to others are not reviewed when circumstances change.",
            ],
            "HMI Probation inspected 20 cases of children supervised by the youth offending service and met case managers, the management board chair and partner agencies.",
        ),
        "help_and_protection": (
            "requires_improvement",
            [
                "Children at risk of exploitation are identified early and discussed at the multi-agency exploitation panel.",
            ],
            [
                "Too few children subject to youth offending supervision have an up-to-date assessment of their health needs.",
                "Contingency plans do not say what will happen if risk to the child increases.",
            ],
            "Twenty cases in the sample, including eight children at risk of criminal exploitation; interviews with case managers and the police officer seconded to the service.",
        ),
        "looked_after_and_care_leavers": (
            "good",
            [
                "Children in care who offend receive a joined-up service from their social worker and case manager.",
                "The service has worked with children's homes to reduce the criminalisation of children in care.",
            ],
            [
                "Children placed in the area by other authorities are not always known to the service until they offend.",
            ],
            "Seven cases of children in care; interviews with social workers and the managers of two children's homes.",
        ),
        "leadership": (
            "requires_improvement",
            [
                "The management board is well attended by senior leaders from each partner agency.",
            ],
            [
                "The board does not receive the information it needs to understand the quality of work with children.",
                "Access to specialist speech and language therapy has lapsed since the post became vacant.",
            ],
            "Meeting with the chair of the management board and the head of service; review of board minutes and the youth justice plan.",
        ),
    },
}
# The JTAI's and other frameworks' areas read like one of the integrated areas.
AREA_ALIASES = {
    "identification_and_response": "help_and_protection",
    "initial_response": "help_and_protection",
    "information_sharing": "help_and_protection",
    "thresholds": "help_and_protection",
    "assessment_and_planning": "help_and_protection",
    "quality_of_practice": "looked_after_and_care_leavers",
    "looked_after": "looked_after_and_care_leavers",
    "care_leavers": "looked_after_and_care_leavers",
    "leadership_and_partnership": "leadership",
}
TYPE_ALIASES = {"education": "childrens_social_care", "custodial": "youth_offending"}

SHARED_TEXT = (
    "The Local Safeguarding Children Board requires improvement. The board is well chaired and "
    "partners attend its meetings, but it does not yet know enough about the quality of "
    "frontline practice. Its multi-agency audits are well targeted at the area's priorities, "
    "including neglect and child sexual exploitation, yet the learning from them has not been "
    "followed through to show that practice has changed. The board's training offer is well "
    "used and evaluated. Serious case reviews are commissioned promptly and their findings are "
    "shared widely."
)
SHARED_STRENGTHS = [
    "An independent chair who provides effective challenge to partner agencies.",
    "Multi-agency audits focused on the area's priorities, including neglect.",
    "A well-attended and evaluated multi-agency training programme.",
]
SHARED_IMPROVEMENTS = [
    "Monitor the effectiveness of early help across all partner agencies.",
    "Make sure the learning from audits and case reviews leads to measurable change in practice.",
]

EVIDENCE_NOTES = {
    EvidenceSource.CASE_FILE: [
        "Case {ref}: the strategy discussion was held the same day and included police and health; the section 47 enquiry was completed within 15 working days.",
        "Case {ref}: the assessment describes the home conditions in detail but does not analyse the impact of neglect on the child's development.",
        "Case {ref}: the child's views were recorded at each visit and are reflected in the plan.",
        "Case {ref}: health visitor records show regular contact and timely referral when the baby's weight faltered.",
        "Case {ref}: the risk management plan was not updated after a new partner moved into the household.",
    ],
    EvidenceSource.INTERVIEW: [
        "Interview with a team manager: caseloads average 17 children; supervision monthly and recorded.",
        "Interview with the designated nurse: initial health assessment timeliness has improved since a second paediatrician was appointed.",
        "Interview with two detective constables in the public protection unit: workloads of 25 to 30 investigations each.",
        "Interview with an offender manager: child safeguarding checks are requested at the start of every order.",
        "Interview with a personal adviser: keeps in touch with every care leaver at least every eight weeks.",
    ],
    EvidenceSource.OBSERVATION: [
        "Observation of the daily MASH meeting: risk discussed clearly, decisions recorded with reasons.",
        "Observation of a child protection conference: the parents were helped to take part; the GP had not sent a report.",
        "Observation of the multi-agency exploitation panel: good information sharing, actions not always given owners.",
    ],
    EvidenceSource.DOCUMENT: [
        "The self-evaluation is candid about the variability of assessments and sets out a credible plan.",
        "Performance report for the quarter: 61% of initial health assessments completed within 20 working days.",
        "The force's public protection performance framework counts referrals but not their outcomes.",
        "The youth justice plan for the year; the board's minutes for the last four meetings.",
    ],
    EvidenceSource.MEETING: [
        "Meeting with the director of children's services and the lead member: priorities and the improvement plan.",
        "Meeting with the safeguarding board's independent chair about the board's audit programme.",
        "Meeting with the chief nurse of the clinical commissioning group on contract monitoring.",
    ],
}

CASE_SUMMARIES = [
    "Chosen from the front door's contacts in the last six months: domestic abuse, under five.",
    "Child subject to a child protection plan for neglect, with health and police involvement.",
    "Teenager at risk of criminal exploitation, supervised by the youth offending service.",
    "Child in care placed out of the area, with a review health assessment due.",
    "Care leaver on a community order supervised by probation.",
    "Child in need following a referral from school about persistent absence.",
]
OUTCOME_CYCLE = [
    "met",
    "met",
    "partly_met",
    "met",
    "not_met",
    "partly_met",
    "met",
    "not_applicable",
]
