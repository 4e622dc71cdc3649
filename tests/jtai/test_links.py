"""`Links` writes the same paths as `reverse`, one reverse for a page's rows."""

import pytest
from django.urls import reverse

from jtai.links import Links


@pytest.mark.parametrize(
    ("name", "args", "last"),
    [
        ("inspections:moderation:judgement", (12,), 345),
        ("inspections:recording:shared", (7,), 1),
        ("inspections:detail", (), 98765),
        ("reports:detail", (), "haringey-jtai-2018-01"),
    ],
)
def test_the_same_path_as_reverse(name, args, last):
    assert Links(name, *args)(last) == reverse(name, args=[*args, last])


def test_an_id_is_quoted_as_reverse_quotes_it():
    # A slug never holds these, but nothing unquoted reaches a page.
    assert Links("reports:detail")("a b/c") == "/reports/a%20b%2Fc/"


def test_a_name_without_an_argument_to_fill_is_refused():
    with pytest.raises(Exception):  # noqa: B017, PT011 - reverse refuses the extra argument
        Links("reports:register")


def test_a_template_passes_it_to_the_filter_and_never_calls_it():
    from django.template import Context, Template

    html = Template("{% load links %}{{ links|with_id:5 }}").render(
        Context({"links": Links("inspections:detail")})
    )
    assert html == reverse("inspections:detail", args=[5])
