"""The five inspectorates and the agency types each judges."""

import datetime

from django.db import migrations

INSPECTORATES = [
    {
        "code": "ofsted",
        "name": "Office for Standards in Education, Children's Services and Skills",
        "short_name": "Ofsted",
        "order": 1,
        "description": "Inspects local authority children's services, and leads joint inspections.",
    },
    {
        "code": "cqc",
        "name": "Care Quality Commission",
        "short_name": "CQC",
        "order": 2,
        "description": "Inspects health services: commissioners, trusts and GPs.",
    },
    {
        "code": "hmicfrs",
        "name": "His Majesty's Inspectorate of Constabulary and Fire & Rescue Services",
        "short_name": "HMICFRS",
        "former_name": "Her Majesty's Inspectorate of Constabulary",
        "former_short_name": "HMIC",
        "renamed_on": datetime.date(2017, 7, 19),
        "order": 3,
        "description": "Inspects the police force serving the area.",
    },
    {
        "code": "hmiprobation",
        "name": "His Majesty's Inspectorate of Probation",
        "short_name": "HMI Probation",
        "order": 4,
        "description": "Inspects probation providers and youth offending teams, from a case sample.",
    },
    {
        "code": "hmiprisons",
        "name": "His Majesty's Inspectorate of Prisons",
        "short_name": "HMI Prisons",
        "order": 5,
        "description": "Inspects custodial and detention establishments, where one is in the area.",
    },
]

AGENCY_TYPES = [
    ("childrens_social_care", "Local authority children's services", "ofsted", False, False),
    ("education", "Education", "ofsted", False, False),
    ("health", "Health services", "cqc", False, False),
    ("police", "Police", "hmicfrs", False, False),
    ("probation", "Probation services", "hmiprobation", False, False),
    ("youth_offending", "Youth offending team", "hmiprobation", False, False),
    ("custodial", "Custodial establishment", "hmiprisons", True, False),
    ("lscb", "Local Safeguarding Children Board", "ofsted", False, True),
]


def load(apps, schema_editor):
    Inspectorate = apps.get_model("agencies", "Inspectorate")
    AgencyType = apps.get_model("agencies", "AgencyType")
    by_code = {}
    # The rename fields were dropped later (0009: the dated names are InspectorateName rows);
    # the tests reload this data with today's models, so only the fields the model has are set.
    known = {f.name for f in Inspectorate._meta.get_fields()}
    for row in INSPECTORATES:
        fields = {k: v for k, v in row.items() if k in known}
        code = fields.pop("code")
        by_code[code], _ = Inspectorate.objects.update_or_create(code=code, defaults=fields)
    for order, (code, name, inspectorate, custodial, partnership) in enumerate(AGENCY_TYPES, 1):
        AgencyType.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "inspectorate": by_code[inspectorate],
                "is_custodial": custodial,
                "is_partnership": partnership,
                "order": order,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("agencies", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
