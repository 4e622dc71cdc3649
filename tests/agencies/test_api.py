"""GET /api/local-authorities/, /api/local-authorities/{gss_code}/, /api/inspectorates/."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

LIST = "/api/local-authorities/"


@pytest.fixture
def api(cqc_inspector):
    client = APIClient()
    client.force_authenticate(cqc_inspector)
    return client


@pytest.mark.parametrize(
    "url", [LIST, f"{LIST}E08000016/", f"{LIST}E99999999/", "/api/inspectorates/"]
)
def test_anonymous_requests_get_401_json(url):
    response = APIClient().get(url)
    assert response.status_code == 401
    assert response.json()["detail"] == "Authentication credentials were not provided."


def test_token_authentication_works(cqc_inspector):
    token = Token.objects.create(user=cqc_inspector)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert client.get(LIST).status_code == 200


def test_session_authentication_works(client, ofsted_inspector):
    client.force_login(ofsted_inspector)
    assert client.get(LIST).status_code == 200


def test_the_list_is_paginated_and_holds_current_and_former(api):
    body = api.get(LIST).json()
    assert body["count"] == 161
    assert len(body["results"]) == 25
    assert body["next"].endswith("?page=2")
    assert body["previous"] is None
    last = api.get(LIST, {"page": 7}).json()
    assert len(last["results"]) == 161 - 6 * 25


def test_an_authority_carries_neighbours_and_latest_outcome(api):
    body = api.get(LIST, {"gss_code": "E08000016"}).json()
    assert body["count"] == 1
    barnsley = body["results"][0]
    assert barnsley["name"] == "Barnsley"
    assert barnsley["la_code"] == "370"
    assert barnsley["region"] == "YH"
    assert barnsley["region_name"] == "Yorkshire and the Humber"
    assert barnsley["type"] == "MD"
    assert barnsley["is_current"] is True
    assert len(barnsley["statistical_neighbours"]) == 10
    assert barnsley["statistical_neighbours"][0] == {
        "rank": 1,
        "gss_code": "E08000018",
        "name": "Rotherham",
    }
    assert barnsley["latest_ilacs_outcome"] == {
        "framework": "short",
        "start_date": "2023-09-11",
        "end_date": "2023-09-15",
        "publication_date": "2023-10-27",
        "overall_effectiveness": "good",
        "impact_of_leaders": "good",
        "help_and_protection": "requires_improvement",
        "in_care": "good",
        "care_leavers": "good",
        "report_url": "https://files.ofsted.gov.uk/v1/file/50231520",
    }


@pytest.mark.parametrize(
    ("params", "count"),
    [
        ({"current": "true"}, 153),
        ({"current": "false"}, 8),
        ({"region": "NE"}, 12),
        ({"region": "GL", "current": "true"}, 33),
        ({"region": "EM", "current": "false"}, 1),  # Northamptonshire
        ({"search": "northamptonshire"}, 3),
        ({"search": "370"}, 1),  # DfE LA code
        ({"search": "e08000016"}, 1),  # GSS code, any case
        ({"search": "NYK"}, 1),  # register code
        ({"search": "North Yorkshire"}, 2),  # the county and the unitary council
        ({"search": "North Yorkshire", "current": "true"}, 1),
        ({"gss_code": "E10000021"}, 1),
        ({"gss_code": "E09000099"}, 0),
        ({"search": ""}, 161),
    ],
)
def test_filters(api, params, count):
    response = api.get(LIST, params)
    assert response.status_code == 200
    assert response.json()["count"] == count


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"region": "XX"}, "region"),
        ({"current": "maybe"}, "current"),
        ({"gss_code": "E0X"}, "gss_code"),
        ({"gss_code": "'; drop table"}, "gss_code"),
        ({"search": "x" * 101}, "search"),
    ],
)
def test_a_bad_filter_is_a_400_naming_the_field(api, params, field):
    response = api.get(LIST, params)
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "The request is not valid."
    assert list(body["errors"]) == [field]
    assert body["errors"][field]


def test_a_page_beyond_the_end_is_a_json_404(api):
    response = api.get(LIST, {"page": 99})
    assert response.status_code == 404
    assert "detail" in response.json()


def test_detail_by_gss_code(api):
    response = api.get(f"{LIST}E10000021/")
    assert response.status_code == 200
    county = response.json()
    assert county["name"] == "Northamptonshire"
    assert county["is_current"] is False
    assert county["end_date"] == "2021-04-01"
    assert [s["name"] for s in county["successors"]] == [
        "North Northamptonshire",
        "West Northamptonshire",
    ]
    assert county["latest_ilacs_outcome"] is None
    north = api.get(f"{LIST}E06000061/").json()
    assert north["predecessors"] == [{"gss_code": "E10000021", "name": "Northamptonshire"}]


def test_unknown_gss_code_is_a_json_404(api):
    response = api.get(f"{LIST}E99999999/")
    assert response.status_code == 404
    assert response.json()["detail"] == "Not found."


def test_inspectorates_with_their_agency_types(api):
    response = api.get("/api/inspectorates/")
    assert response.status_code == 200
    page = response.json()
    assert page["count"] == 5 and page["next"] is None
    body = page["results"]
    assert [i["code"] for i in body] == ["ofsted", "cqc", "hmicfrs", "hmiprobation", "hmiprisons"]
    hmicfrs = body[2]
    names = {(n["short_name"], n["valid_from"], n["valid_to"]) for n in hmicfrs["names"]}
    assert ("HMIC", None, "2017-07-18") in names
    assert ("HMICFRS", "2017-07-19", "2022-09-07") in names
    assert all(n["source"] for n in hmicfrs["names"])
    assert [t["code"] for t in hmicfrs["agency_types"]] == ["police"]
    prisons = body[4]
    assert prisons["agency_types"] == [
        {
            "code": "custodial",
            "name": "Custodial establishment",
            "is_custodial": True,
            "is_partnership": False,
        }
    ]


def test_the_list_costs_a_fixed_number_of_queries(api, django_assert_max_num_queries):
    # count, page, neighbours, outcomes, successors, predecessors: whatever the page size.
    with django_assert_max_num_queries(6):
        first = api.get(LIST)
    with django_assert_max_num_queries(6):
        everything = api.get(LIST, {"page": 7})
    assert first.status_code == everything.status_code == 200


def test_detail_costs_a_fixed_number_of_queries(api, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        assert api.get(f"{LIST}E08000016/").status_code == 200


def test_the_schema_documents_the_filters_and_responses(api):
    response = api.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json()
    operation = schema["paths"]["/api/local-authorities/"]["get"]
    names = {p["name"] for p in operation["parameters"]}
    assert {"gss_code", "region", "search", "current", "page"} <= names
    assert "/api/local-authorities/{gss_code}/" in schema["paths"]
    assert "/api/inspectorates/" in schema["paths"]
    output = schema["components"]["schemas"]["LocalAuthority"]["properties"]
    assert {"statistical_neighbours", "latest_ilacs_outcome", "successors"} <= set(output)
