"""factory_boy factories for people and partner agencies, for the tests and the benchmarks.

factory_boy is a test extra: product code never imports this module (the architecture test
holds that). Inspectorates, agency types and local authorities are reference data that the
migrations load, so the factories look them up by code rather than invent them.
"""

import csv

import factory
from factory.django import DjangoModelFactory, Password

from agencies.importers.authorities import AUTHORITY_COLUMNS
from agencies.importers.ilacs import ILACS_COLUMNS
from agencies.importers.lookup import LOOKUP_COLUMNS
from agencies.models import (
    AgencyType,
    AreaContact,
    ContactRole,
    Inspectorate,
    LocalAuthority,
    PartnerAgency,
    Role,
    User,
)

PASSWORD = "correct horse battery staple"


def inspectorate(code: str) -> Inspectorate:
    return Inspectorate.objects.get(code=code)


def agency_type(code: str) -> AgencyType:
    return AgencyType.objects.get(code=code)


def authority(name: str) -> LocalAuthority:
    return LocalAuthority.objects.get(name=name)


class UserFactory(DjangoModelFactory):
    """An inspector of Ofsted by default; `inspectorate_code=None` for an admin.

    Users are found by username before being created: tests and benchmarks that name the
    same person (a lead shared by several inspections) get the same user."""

    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    class Params:
        inspectorate_code = "ofsted"
        admin = factory.Trait(role=Role.ADMIN, inspectorate_code=None)

    username = factory.Sequence(lambda n: f"inspector_{n}")
    role = Role.INSPECTOR
    inspectorate = factory.LazyAttribute(
        lambda o: inspectorate(o.inspectorate_code) if o.inspectorate_code else None
    )
    first_name = factory.LazyAttribute(lambda o: o.username.split("_")[0].title())
    last_name = "Tester"
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.test")
    password = Password(PASSWORD)


def person(username: str, role: str = Role.INSPECTOR, inspectorate_code="ofsted", **extra):
    """The user called `username`, created on first use, who can sign in with PASSWORD."""
    user = UserFactory(username=username, role=role, inspectorate_code=inspectorate_code, **extra)
    if not user.has_usable_password():
        user.set_password(PASSWORD)
        user.save()
    return user


class PartnerAgencyFactory(DjangoModelFactory):
    """A new partner agency; `authorities=[...]` says which areas it serves."""

    class Meta:
        model = PartnerAgency
        skip_postgeneration_save = True

    class Params:
        type_code = "childrens_social_care"

    name = factory.Sequence(lambda n: f"Partner agency {n}")
    agency_type = factory.LazyAttribute(lambda o: agency_type(o.type_code))

    @factory.post_generation
    def authorities(self, create, extracted, **kwargs):
        if create and extracted:
            self.authorities.add(*extracted)


class SharedPartnerAgencyFactory(PartnerAgencyFactory):
    """The agency of that name and type if it exists: areas share one police force, one
    probation service, so tests that name an agency twice get it once."""

    class Meta:
        django_get_or_create = ("name", "agency_type")


def add_agency(authority: LocalAuthority, type_code: str, name: str) -> PartnerAgency:
    """The agency called `name`, serving `authority` (as well as any area it served)."""
    return SharedPartnerAgencyFactory(name=name, type_code=type_code, authorities=[authority])


class AreaContactFactory(DjangoModelFactory):
    """The area's contact for a role; one per role and authority, kept if it exists."""

    class Meta:
        model = AreaContact
        django_get_or_create = ("authority", "role")

    authority = factory.LazyFunction(
        lambda: LocalAuthority.objects.with_childrens_services().order_by("pk").first()
    )
    role = ContactRole.DCS
    name = factory.Sequence(lambda n: f"Contact {n}")
    email = factory.LazyAttribute(lambda o: f"{o.role}@example.test")


# Files in the public formats the importers read (see agencies.importers), for their tests:
# the columns each importer reads, with some of the columns it passes over.
AUTHORITY_HEADER = [*AUTHORITY_COLUMNS, "current-authority"]
LOOKUP_HEADER = [*LOOKUP_COLUMNS, "ltla23cd", "ons_population_0-25"]
ILACS_HEADER = ["urn", "region_code", "local_authority", *ILACS_COLUMNS]

# Rows as mySociety publishes them (a subset of its columns; the importer needs no more).
NORTHAMPTONSHIRE = [
    # row 2: skipped, not a children's services authority
    [
        "KET",
        "Kettering Borough Council",
        "Kettering",
        "E07000153",
        "",
        "2021-04-01",
        "NNT",
        "England",
        "",
        "NMD",
        "False",
    ],
    # row 3
    [
        "NTH",
        "Northamptonshire County Council",
        "Northamptonshire",
        "E10000021",
        "",
        "2021-04-01",
        "NNT,WNT",
        "England",
        "East Midlands",
        "CTY",
        "False",
    ],
    # row 4
    [
        "NNT",
        "North Northamptonshire Council",
        "North Northamptonshire",
        "E06000061",
        "2021-04-01",
        "",
        "",
        "England",
        "East Midlands",
        "UA",
        "True",
    ],
    # row 5
    [
        "WNT",
        "West Northamptonshire Council",
        "West Northamptonshire",
        "E06000062",
        "2021-04-01",
        "",
        "",
        "England",
        "East Midlands",
        "UA",
        "True",
    ],
    # row 6: skipped, Scotland
    [
        "ABE",
        "Aberdeen City Council",
        "Aberdeen City",
        "S12000033",
        "2005-06-18",
        "",
        "",
        "Scotland",
        "Scotland",
        "SCO",
        "True",
    ],
]
NORTHAMPTONSHIRE_LOOKUP = [
    # row 2: the former county, matched on ltla23cd
    ["121939", "928", "", "", "EM", "East Midlands", "E10000021", ""],
    # row 3
    ["2637539", "940", "E06000061", "941", "EM", "East Midlands", "E06000061", "107825"],
    # row 4
    ["2637548", "941", "E06000062", "940", "EM", "East Midlands", "E06000062", "130330"],
]
BARNSLEY_LOOKUP = [
    ["80426", "370", "E08000016", "372", "YH", "Yorkshire and the Humber", "E08000016", ""],
    ["80543", "372", "E08000018", "370", "YH", "Yorkshire and the Humber", "E08000018", ""],
]
BARNSLEY_ILACS = [
    # row 2
    [
        "80426",
        "YH",
        "barnsley",
        "370",
        "https://files.ofsted.gov.uk/v1/file/50231520",
        "good",
        "short",
        "11/09/2023",
        "15/09/2023",
        "27/10/23",
        "good",
        "requires improvement",
        "good",
        "good",
    ],
    # row 3: no inspection recorded, skipped
    [
        "80543",
        "YH",
        "rotherham",
        "372",
        "https://files.ofsted.gov.uk/v1/file/1",
        "nan",
        "None",
        "",
        "",
        "",
        "nan",
        "nan",
        "nan",
        "nan",
    ],
]


def write_csv(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path
