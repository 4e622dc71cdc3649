"""Small public-format files for the import tests, and an HTML reader for the page tests."""

import csv
from html.parser import HTMLParser

AUTHORITY_HEADER = [
    "local-authority-code",
    "official-name",
    "nice-name",
    "gss-code",
    "start-date",
    "end-date",
    "replaced-by",
    "nation",
    "region",
    "local-authority-type",
    "current-authority",
]
LOOKUP_HEADER = [
    "urn",
    "la_code",
    "la_code_new",
    "stat_neighbours",
    "region_code",
    "region_name",
    "ltla23cd",
    "ons_population_0-25",
]
ILACS_HEADER = [
    "urn",
    "la_code",
    "region_code",
    "local_authority",
    "inspection_link",
    "overall_effectiveness_grade",
    "inspection_framework",
    "inspection_start_date",
    "inspection_end_date",
    "publication_date",
    "impact_of_leaders_grade",
    "help_and_protection_grade",
    "in_care_grade",
    "care_leavers_grade",
]

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
        "370",
        "YH",
        "barnsley",
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
        "372",
        "YH",
        "rotherham",
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


class PageReader(HTMLParser):
    """Collects what the page tests check: h1s, the title, labels and form controls."""

    def __init__(self, html: str):
        super().__init__()
        self.h1 = 0
        self.title = ""
        self.labels: set[str] = set()
        self.controls: list[dict] = []
        self.links: list[str] = []
        self._in_title = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "h1":
            self.h1 += 1
        elif tag == "title":
            self._in_title = True
        elif tag == "label" and attrs.get("for"):
            self.labels.add(attrs["for"])
        elif tag in ("input", "select", "textarea") and attrs.get("type") not in (
            "hidden",
            "submit",
        ):
            self.controls.append(attrs)
        elif tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data

    @property
    def unlabelled(self) -> list[str]:
        return [c.get("name", "?") for c in self.controls if c.get("id") not in self.labels]
