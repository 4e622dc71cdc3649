"""The Django admin for the agencies models: every list and form opens; search and filters work."""

import pytest

from agencies.models import IlacsOutcome, Inspectorate, LocalAuthority, Role, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("root", "root@example.test", "pw-not-used")
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    "model",
    [
        "localauthority",
        "ilacsoutcome",
        "inspectorate",
        "agencytype",
        "partneragency",
        "areacontact",
        "user",
    ],
)
def test_every_agencies_model_has_a_list_and_an_add_form(staff_client, model):
    assert staff_client.get(f"/django-admin/agencies/{model}/").status_code == 200
    assert staff_client.get(f"/django-admin/agencies/{model}/add/").status_code == 200


def test_local_authority_search_and_filters(staff_client):
    html = staff_client.get("/django-admin/agencies/localauthority/", {"q": "370"}).content
    assert b"Barnsley" in html and b"1 result" in html
    response = staff_client.get("/django-admin/agencies/localauthority/", {"status": "former"})
    assert b"8 local authorities" in response.content
    response = staff_client.get("/django-admin/agencies/localauthority/", {"region__exact": "NE"})
    assert b"12 local authorities" in response.content


def test_change_forms_open(staff_client):
    barnsley = LocalAuthority.objects.get(code="BNS")
    response = staff_client.get(f"/django-admin/agencies/localauthority/{barnsley.pk}/change/")
    assert response.status_code == 200
    assert b"Rotherham" in response.content  # the neighbours inline
    outcome = IlacsOutcome.objects.get(authority=barnsley)
    assert (
        staff_client.get(f"/django-admin/agencies/ilacsoutcome/{outcome.pk}/change/").status_code
        == 200
    )
    ofsted = Inspectorate.objects.get(code="ofsted")
    assert (
        staff_client.get(f"/django-admin/agencies/inspectorate/{ofsted.pk}/change/").status_code
        == 200
    )


def test_a_user_gets_a_role_and_an_inspectorate_in_the_admin(staff_client):
    cqc = Inspectorate.objects.get(code="cqc")
    response = staff_client.post(
        "/django-admin/agencies/user/add/",
        {
            "username": "new_inspector",
            "password1": "a long enough passphrase 42",
            "password2": "a long enough passphrase 42",
            "usable_password": "true",
            "role": Role.INSPECTOR,
            "inspectorate": cqc.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get(username="new_inspector")
    assert (user.role, user.inspectorate) == (Role.INSPECTOR, cqc)
    user_page = staff_client.get(f"/django-admin/agencies/user/{user.pk}/change/")
    assert b"Role in jtai" in user_page.content


def test_an_inspector_without_an_inspectorate_is_refused_not_a_500(staff_client):
    response = staff_client.post(
        "/django-admin/agencies/user/add/",
        {
            "username": "nobody",
            "password1": "a long enough passphrase 42",
            "password2": "a long enough passphrase 42",
            "usable_password": "true",
            "role": Role.INSPECTOR,
            "inspectorate": "",
        },
    )
    assert response.status_code == 200
    assert "every inspector and lead inspector belongs to one" in response.content.decode()
    assert not User.objects.filter(username="nobody").exists()
