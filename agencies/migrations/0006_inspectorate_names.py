"""The names the inspectorates went by, with the days they changed and where that is recorded.

Idempotent: each name is keyed by its inspectorate and first day, so loading again updates.
"""

import datetime

from django.db import migrations

D = datetime.date

# The Crown's demise on 8 September 2022 made "Her Majesty's ..." "His Majesty's ...".
ACCESSION = D(2022, 9, 8)
ACCESSION_SOURCE = (
    "Joint targeted area inspection of the multi-agency response to children and families "
    "who need help (Ofsted, CQC and HMICFRS, 7 October 2022), naming His Majesty's "
    "Inspectorate after the death of Queen Elizabeth II on 8 September 2022"
)
HMICFRS_FROM = D(2017, 7, 19)
HMICFRS_SOURCE = "Fire and rescue authorities: England (written ministerial statement, 19 July 2017)"

# Names HMIC, HMI Probation and HMI Prisons in full, as "Her Majesty's ...".
HER_MAJESTY_SOURCE = "Consultation on targeted programme of integrated inspections (Ofsted, 2014)"

# (inspectorate code, name, short name, valid from, valid to, source)
NAMES = [
    (
        "ofsted",
        "Office for Standards in Education, Children's Services and Skills",
        "Ofsted",
        D(2007, 4, 1),
        None,
        "Education and Inspections Act 2006",
    ),
    (
        "cqc",
        "Care Quality Commission",
        "CQC",
        D(2009, 4, 1),
        None,
        "Health and Social Care Act 2008",
    ),
    (
        "hmicfrs",
        "Her Majesty's Inspectorate of Constabulary",
        "HMIC",
        None,
        HMICFRS_FROM - datetime.timedelta(days=1),
        HER_MAJESTY_SOURCE,
    ),
    (
        "hmicfrs",
        "Her Majesty's Inspectorate of Constabulary and Fire & Rescue Services",
        "HMICFRS",
        HMICFRS_FROM,
        ACCESSION - datetime.timedelta(days=1),
        HMICFRS_SOURCE,
    ),
    (
        "hmicfrs",
        "His Majesty's Inspectorate of Constabulary and Fire & Rescue Services",
        "HMICFRS",
        ACCESSION,
        None,
        ACCESSION_SOURCE,
    ),
    (
        "hmiprobation",
        "Her Majesty's Inspectorate of Probation",
        "HMI Probation",
        None,
        ACCESSION - datetime.timedelta(days=1),
        HER_MAJESTY_SOURCE,
    ),
    (
        "hmiprobation",
        "His Majesty's Inspectorate of Probation",
        "HMI Probation",
        ACCESSION,
        None,
        "Joint targeted area inspections of the multi-agency response to serious youth "
        "violence (Ofsted, CQC, HMICFRS and HMI Probation, 2023)",
    ),
    (
        "hmiprisons",
        "Her Majesty's Inspectorate of Prisons",
        "HMI Prisons",
        None,
        ACCESSION - datetime.timedelta(days=1),
        HER_MAJESTY_SOURCE,
    ),
    (
        "hmiprisons",
        "His Majesty's Inspectorate of Prisons",
        "HMI Prisons",
        ACCESSION,
        None,
        "HM Chief Inspector of Prisons for England and Wales: Annual report 2022-23",
    ),
]


def load(apps, schema_editor):
    Inspectorate = apps.get_model("agencies", "Inspectorate")
    InspectorateName = apps.get_model("agencies", "InspectorateName")
    by_code = {i.code: i for i in Inspectorate.objects.all()}
    for code, name, short_name, valid_from, valid_to, source in NAMES:
        if code not in by_code:
            continue
        InspectorateName.objects.update_or_create(
            inspectorate=by_code[code],
            valid_from=valid_from,
            defaults={
                "name": name,
                "short_name": short_name,
                "valid_to": valid_to,
                "source": source,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("agencies", "0005_inspectorate_name")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
