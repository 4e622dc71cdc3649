"""Reference data and people. This app knows nothing of inspections."""

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import F, Q

from jtai import clock
from jtai.models import NotificationEmail


class Region(models.TextChoices):
    """Ofsted's regions, keyed by the codes of the public ILACS data."""

    EAST_MIDLANDS = "EM", "East Midlands"
    EAST_OF_ENGLAND = "EE", "East of England"
    LONDON = "GL", "London"
    NORTH_EAST = "NE", "North East"
    NORTH_WEST = "NW", "North West"
    SOUTH_EAST = "SE", "South East"
    SOUTH_WEST = "SW", "South West"
    WEST_MIDLANDS = "WM", "West Midlands"
    YORKSHIRE_AND_THE_HUMBER = "YH", "Yorkshire and the Humber"


class AuthorityType(models.TextChoices):
    UNITARY = "UA", "Unitary authority"
    METROPOLITAN = "MD", "Metropolitan district"
    LONDON_BOROUGH = "LBO", "London borough"
    COUNTY = "CTY", "County council"
    CITY_CORPORATION = "CC", "City corporation"


class Grade(models.TextChoices):
    """The four-point scale shared by Ofsted and the joint frameworks."""

    OUTSTANDING = "outstanding", "Outstanding"
    GOOD = "good", "Good"
    REQUIRES_IMPROVEMENT = "requires_improvement", "Requires improvement"
    INADEQUATE = "inadequate", "Inadequate"


class LocalAuthorityQuerySet(models.QuerySet):
    def current(self, on=None):
        on = on or clock.today()
        return self.filter(Q(start_date__isnull=True) | Q(start_date__lte=on)).filter(
            Q(end_date__isnull=True) | Q(end_date__gt=on)
        )

    def with_childrens_services(self):
        return self.filter(la_code__isnull=False)

    def with_custodial_establishment(self):
        """Authorities an active custodial agency (a secure setting, a young offender
        institution) serves: the frameworks' conditional inspectorates join there."""
        return self.filter(
            partner_agencies__is_active=True, partner_agencies__agency_type__is_custodial=True
        ).distinct()

    def with_latest_ilacs(self):
        """Annotate `latest_ilacs_grade` (overall effectiveness, "" when not graded) and
        `latest_ilacs_date` (its start date) from each authority's latest ILACS outcome, in
        the same query: filter or order on them, e.g. the authorities last judged inadequate."""
        latest = IlacsOutcome.objects.filter(authority=models.OuterRef("pk")).order_by(
            "-start_date"
        )
        return self.annotate(
            latest_ilacs_grade=models.Subquery(latest.values("overall_effectiveness")[:1]),
            latest_ilacs_date=models.Subquery(latest.values("start_date")[:1]),
        )


class LocalAuthority(models.Model):
    """An English authority with children's services, current or former.

    GSS codes identify boundaries; reorganised authorities keep their row, end-dated,
    with their successors, so history stays correct.
    """

    gss_code = models.CharField("GSS code", max_length=9, unique=True)
    code = models.CharField("register code", max_length=4, unique=True)
    name = models.CharField(max_length=120)
    official_name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=120, unique=True)
    la_type = models.CharField("type", max_length=3, choices=AuthorityType.choices)
    la_code = models.CharField(
        "DfE LA code",
        max_length=3,
        unique=True,
        null=True,
        blank=True,
        help_text="The DfE 3-digit code; only authorities with children's services have one.",
    )
    ofsted_urn = models.CharField("Ofsted URN", max_length=8, unique=True, null=True, blank=True)
    region = models.CharField(max_length=2, choices=Region.choices, blank=True)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    successors = models.ManyToManyField(
        "self", symmetrical=False, related_name="predecessors", blank=True
    )
    population_0_25 = models.PositiveIntegerField(null=True, blank=True)

    objects = LocalAuthorityQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "local authorities"
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gt=models.F("start_date")),
                name="authority_ends_after_it_starts",
                violation_error_message="The end date must be after the start date.",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_current(self) -> bool:
        today = clock.today()
        return (self.start_date is None or self.start_date <= today) and (
            self.end_date is None or self.end_date > today
        )


class StatisticalNeighbour(models.Model):
    """DfE's ten statistical neighbours of an authority, in rank order."""

    authority = models.ForeignKey(
        LocalAuthority, on_delete=models.CASCADE, related_name="neighbour_links"
    )
    neighbour = models.ForeignKey(LocalAuthority, on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["authority", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "rank"], name="one_neighbour_per_rank"),
            models.UniqueConstraint(fields=["authority", "neighbour"], name="neighbour_once"),
        ]


class IlacsFramework(models.TextChoices):
    SHORT = "short", "Short"
    STANDARD = "standard", "Standard"


class IlacsOutcome(models.Model):
    """An Ofsted ILACS inspection outcome for an authority (the latest is what targeting uses)."""

    authority = models.ForeignKey(
        LocalAuthority, on_delete=models.CASCADE, related_name="ilacs_outcomes"
    )
    framework = models.CharField(max_length=10, choices=IlacsFramework.choices)
    start_date = models.DateField()
    end_date = models.DateField()
    publication_date = models.DateField(null=True, blank=True)
    overall_effectiveness = models.CharField(max_length=24, choices=Grade.choices, blank=True)
    impact_of_leaders = models.CharField(max_length=24, choices=Grade.choices, blank=True)
    help_and_protection = models.CharField(max_length=24, choices=Grade.choices, blank=True)
    in_care = models.CharField(max_length=24, choices=Grade.choices, blank=True)
    care_leavers = models.CharField(max_length=24, choices=Grade.choices, blank=True)
    report_url = models.URLField(blank=True)

    # What the outcome says of the authority, as the API and the reference fixture give it.
    FACTS = (
        "framework",
        "start_date",
        "end_date",
        "publication_date",
        "overall_effectiveness",
        "impact_of_leaders",
        "help_and_protection",
        "in_care",
        "care_leavers",
        "report_url",
    )

    class Meta:
        ordering = ["authority", "-start_date"]
        get_latest_by = "start_date"
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "start_date"], name="one_ilacs_outcome_per_visit"
            ),
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="ilacs_ends_after_it_starts",
                violation_error_message="The inspection cannot end before it starts.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.authority} ILACS {self.start_date:%B %Y}"


class Inspectorate(models.Model):
    """One of the five inspectorates, by its current name; the names it went by before are its
    `InspectorateName` rows (HMIC became HMICFRS in July 2017)."""

    code = models.SlugField(max_length=20, unique=True)
    name = models.CharField(max_length=120)
    short_name = models.CharField(max_length=20)
    order = models.PositiveSmallIntegerField(default=0)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.short_name


class InspectorateName(models.Model):
    """The name an inspectorate went by from one day to another (both days included).

    "Her Majesty's ..." became "His Majesty's ..." on 8 September 2022; HMIC became HMICFRS
    on 19 July 2017. An empty `valid_from` means "since before the product's records".
    """

    inspectorate = models.ForeignKey(Inspectorate, on_delete=models.CASCADE, related_name="names")
    name = models.CharField(max_length=120)
    short_name = models.CharField(max_length=20)
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(
        null=True, blank=True, help_text="The last day of the name; empty while it is current."
    )
    source = models.CharField(
        max_length=300, help_text="The title of the public document the name and dates come from."
    )

    class Meta:
        ordering = ["inspectorate", F("valid_from").asc(nulls_first=True)]
        constraints = [
            models.UniqueConstraint(
                fields=["inspectorate", "valid_from"], name="inspectorate_name_once_per_start"
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="inspectorate_name_period_ordered",
                violation_error_message="A name cannot end before it starts.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def is_valid_on(self, day) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


class AgencyType(models.Model):
    """A kind of local agency, and the inspectorate that judges it."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=120)
    inspectorate = models.ForeignKey(
        Inspectorate, on_delete=models.PROTECT, related_name="agency_types"
    )
    is_custodial = models.BooleanField(default=False)
    is_partnership = models.BooleanField(
        default=False, help_text="A partnership judged jointly by all inspectorates (the LSCB)."
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class PartnerAgency(models.Model):
    """An agency that serves one or more areas (a police force serves several authorities)."""

    name = models.CharField(max_length=200)
    agency_type = models.ForeignKey(AgencyType, on_delete=models.PROTECT, related_name="agencies")
    authorities = models.ManyToManyField(LocalAuthority, related_name="partner_agencies")
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["agency_type__order", "name"]
        verbose_name_plural = "partner agencies"
        constraints = [
            models.UniqueConstraint(fields=["name", "agency_type"], name="agency_name_per_type")
        ]

    def __str__(self) -> str:
        return self.name


class PartnerAgencyName(models.Model):
    """A name a partner agency went by before its current one (both days included).

    Agencies are merged and renamed: Haringey's clinical commissioning group became part of the
    North Central London integrated care board in July 2022; the National Probation Service and
    the community rehabilitation companies became the Probation Service in June 2021. A report
    names each agency as it was on the inspection's date.
    """

    agency = models.ForeignKey(PartnerAgency, on_delete=models.CASCADE, related_name="names")
    name = models.CharField(max_length=200)
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(help_text="The last day the agency went by this name.")
    source = models.CharField(
        max_length=300, help_text="The title of the public document the name and dates come from."
    )

    class Meta:
        ordering = ["agency", "valid_to"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "valid_to"], name="agency_name_once_per_end"),
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="agency_name_period_ordered",
                violation_error_message="A name cannot end before it starts.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def is_valid_on(self, day) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and day <= self.valid_to


class ContactRole(models.TextChoices):
    DCS = "dcs", "Director of children's services"
    CHIEF_EXECUTIVE = "chief_executive", "Chief executive"
    CHIEF_CONSTABLE = "chief_constable", "Chief constable"
    HEALTH = "health", "Health accountable officer"
    PCC = "pcc", "Police and crime commissioner"
    PROBATION = "probation", "Head of probation"
    YOT = "yot", "Head of youth offending service"
    LSCB_CHAIR = "lscb_chair", "Chair of the safeguarding partnership"
    OTHER = "other", "Other contact"


class AreaContact(models.Model):
    """A leader in an area who receives notifications and the letter of findings."""

    authority = models.ForeignKey(LocalAuthority, on_delete=models.CASCADE, related_name="contacts")
    agency = models.ForeignKey(
        PartnerAgency, on_delete=models.SET_NULL, null=True, blank=True, related_name="contacts"
    )
    role = models.CharField(max_length=20, choices=ContactRole.choices)
    name = models.CharField(max_length=120)
    email = models.EmailField()

    class Meta:
        ordering = ["authority", "role", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()}, {self.authority})"


class Role(models.TextChoices):
    ADMIN = "admin", "Admin"
    LEAD_INSPECTOR = "lead", "Lead inspector"
    INSPECTOR = "inspector", "Inspector"
    # A person in the inspected area, nominated for one inspection: they see its request for
    # information and upload to it, nothing else.
    AREA_CONTACT = "area_contact", "Area's nominated contact"


class JtaiUserManager(UserManager):
    def create_superuser(self, username, email=None, password=None, **extra_fields):
        extra_fields.setdefault("role", Role.ADMIN)
        return super().create_superuser(username, email, password, **extra_fields)


class User(AbstractUser):
    """A person using jtai. Every inspector and lead inspector belongs to one inspectorate."""

    objects = JtaiUserManager()

    role = models.CharField(max_length=20, choices=Role.choices, default=Role.INSPECTOR)
    inspectorate = models.ForeignKey(
        Inspectorate, on_delete=models.PROTECT, null=True, blank=True, related_name="people"
    )
    notification_email = models.CharField(
        max_length=10, choices=NotificationEmail.choices, default=NotificationEmail.IMMEDIATE
    )
    # Kept by `jtai.notifications` alongside the rows, so the header shows the count without
    # a query of its own on every page.
    unread_notifications = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(role="admin")
                | Q(role="area_contact", inspectorate__isnull=True)
                | (Q(role__in=["lead", "inspector"]) & Q(inspectorate__isnull=False)),
                name="inspectors_belong_to_an_inspectorate",
                violation_error_message=(
                    "Choose an inspectorate: every inspector and lead inspector belongs to one "
                    "(and an area's contact to none)."
                ),
            )
        ]

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN or self.is_superuser

    @property
    def is_lead(self) -> bool:
        return self.role == Role.LEAD_INSPECTOR

    @property
    def is_area_contact(self) -> bool:
        return self.role == Role.AREA_CONTACT and not self.is_superuser

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username
