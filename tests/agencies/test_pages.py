"""The public reference pages: local authorities (list, detail) and inspectorates."""

import re

import pytest

from tests.conftest import PageReader

pytestmark = pytest.mark.django_db

LIST = "/local-authorities/"


def page(client, url, params=None, status=200):
    response = client.get(url, params or {})
    assert response.status_code == status
    html = response.content.decode()
    reader = PageReader(html)
    assert reader.h1 == 1
    assert not reader.unlabelled
    # CSP: no inline scripts or styles.
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert " style=" not in html
    return html, reader


@pytest.mark.parametrize(
    ("url", "title"),
    [
        (LIST, "Local authorities"),
        (f"{LIST}E08000016/", "Barnsley – Local authorities"),
        (f"{LIST}E10000021/", "Northamptonshire (former authority) – Local authorities"),
        ("/inspectorates/", "Inspectorates"),
    ],
)
def test_pages_are_public_with_a_title_and_one_h1(client, url, title):
    _, reader = page(client, url)
    assert reader.title == f"{title} – Joint targeted area inspections"


def test_the_list_shows_current_authorities_25_a_page(client):
    html, reader = page(client, LIST)
    assert "Showing 1 to 25 of 153 local authorities" in html
    assert html.count('<tr class="govuk-table__row">') == 1 + 25
    assert f"{LIST}E09000002/" in reader.links  # Barking and Dagenham comes first
    assert "?page=2" in reader.links
    html, _ = page(client, LIST, {"page": 7})
    assert "Showing 151 to 153 of 153 local authorities" in html
    assert "(page 7 of 7)" in html


def test_search_by_name_or_code(client):
    html, reader = page(client, LIST, {"q": "barnsley"})
    assert "1 local authority" in html
    assert f"{LIST}E08000016/" in reader.links
    for code in ("E08000016", "370", "80426"):
        html, reader = page(client, LIST, {"q": code})
        assert reader.links.count(f"{LIST}E08000016/") == 1
    html, _ = page(client, LIST, {"q": "no such place"})
    assert "No local authorities match your search." in html
    assert 'value="no such place"' in html  # what was typed is kept


def test_filter_by_region_keeps_the_filter_across_pages(client):
    html, _ = page(client, LIST, {"region": "GL"})
    assert "Showing 1 to 25 of 33 local authorities" in html
    assert "?region=GL&amp;page=2" in html
    assert '<option value="GL" selected>' in html
    html, _ = page(client, LIST, {"region": "GL", "page": 2})
    assert "Showing 26 to 33 of 33 local authorities" in html


def test_former_authorities_only_when_asked(client):
    html, _ = page(client, LIST, {"q": "northamptonshire"})
    assert "2 local authorities" in html
    assert "Former authority" not in html
    html, _ = page(client, LIST, {"q": "northamptonshire", "include_former": "on"})
    assert "3 local authorities" in html
    assert "Former authority, until 2021" in html
    html, _ = page(client, LIST, {"include_former": "on"})
    assert "of 161 local authorities" in html


def test_a_bad_filter_shows_an_error_and_keeps_the_rest(client):
    html, reader = page(client, LIST, {"q": "north", "region": "XX"})
    assert reader.title.startswith("Error: Local authorities")
    assert "govuk-error-summary" in html
    assert "Select an Ofsted region from the list" in html
    assert 'value="north"' in html
    assert "North Tyneside" in html  # the search still applies


def test_the_list_costs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        client.get(LIST)
    with django_assert_max_num_queries(8):
        client.get(LIST, {"include_former": "on", "page": 3})


def test_detail_shows_codes_region_neighbours_and_latest_outcome(client):
    html, reader = page(client, f"{LIST}E08000016/")
    for text in (
        "E08000016",
        "370",
        "80426",
        "Metropolitan district",
        "Yorkshire and the Humber",
        "Barnsley Metropolitan Borough Council",
        "11 September 2023 to 15 September 2023",
        "published 27 October 2023",
        '<strong class="govuk-tag govuk-tag--yellow">Requires improvement</strong>',
        '<strong class="govuk-tag govuk-tag--teal">Good</strong>',
    ):
        assert text in html
    assert "https://files.ofsted.gov.uk/v1/file/50231520" in reader.links
    neighbours = re.search(r'<ol class="govuk-list govuk-list--number">(.*?)</ol>', html, re.S)
    assert neighbours.group(1).count("<li>") == 10
    assert neighbours.group(1).index("Rotherham") < neighbours.group(1).index("</li>")


def test_detail_of_a_former_authority_links_its_successors(client):
    html, reader = page(client, f"{LIST}E10000021/")
    assert "replaced on 1 April 2021" in html
    assert f"{LIST}E06000061/" in reader.links
    assert f"{LIST}E06000062/" in reader.links
    html, reader = page(client, f"{LIST}E06000061/")
    assert f"{LIST}E10000021/" in reader.links
    assert "Not judged separately" in html  # care leavers, before 2023


def test_detail_of_an_unknown_code_is_404_and_lower_case_redirects(client):
    assert client.get(f"{LIST}E99999999/").status_code == 404
    response = client.get(f"{LIST}e08000016/")
    assert response.status_code == 301
    assert response["Location"] == f"{LIST}E08000016/"


def test_detail_costs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(7):
        client.get(f"{LIST}E08000016/")


def test_inspectorates_list_the_five_with_their_agency_types(client):
    html, _ = page(client, "/inspectorates/")
    assert re.findall(r'<h2 class="govuk-heading-m" id="([a-z]+)">', html) == [
        "ofsted",
        "cqc",
        "hmicfrs",
        "hmiprobation",
        "hmiprisons",
    ]
    assert "Her Majesty&#x27;s Inspectorate of Constabulary (HMIC) to 18 July 2017" in html
    assert "Youth offending team" in html
    assert "Custodial establishment, where one is in the area" in html


def test_detail_lists_the_active_partner_agencies_serving_the_area(client):
    from agencies.models import AgencyType, LocalAuthority, PartnerAgency

    barnsley = LocalAuthority.objects.get(code="BNS")
    police = PartnerAgency.objects.create(
        name="South Yorkshire Police", agency_type=AgencyType.objects.get(code="police")
    )
    police.authorities.add(barnsley)
    closed = PartnerAgency.objects.create(
        name="A closed trust", agency_type=AgencyType.objects.get(code="health"), is_active=False
    )
    closed.authorities.add(barnsley)
    html, _ = page(client, f"{LIST}E08000016/")
    assert "Partner agencies serving this area" in html
    assert "South Yorkshire Police" in html
    assert "A closed trust" not in html
    assert "69,889" in html  # population aged 0 to 25
