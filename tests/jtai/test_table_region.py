"""{% table_region %}: a wide table scrolls inside a focusable region named by its caption."""

import pytest
from django.template import Context, Template, TemplateSyntaxError


def _render(source: str, **context) -> str:
    return Template(source).render(Context(context))


def test_the_region_is_focusable_and_named_by_the_caption_it_gives_an_id():
    html = _render(
        "{% table_region %}<table><caption class='c'>Grades</caption></table>{% endtable_region %}"
        "{% table_region %}<table><caption>Team</caption></table>{% endtable_region %}"
    )
    assert (
        '<div class="jtai-table-region" role="region" tabindex="0" '
        'aria-labelledby="table-caption-1"><table><caption id="table-caption-1" class=\'c\'>'
        "Grades</caption></table></div>"
    ) in html
    # Numbered within the page, so two regions never share an id.
    assert 'aria-labelledby="table-caption-2"><table><caption id="table-caption-2">Team' in html


def test_a_caption_with_an_id_keeps_it_and_labelledby_names_another_element():
    html = _render(
        '{% table_region %}<table><caption id="mine">Cases</caption></table>{% endtable_region %}'
    )
    assert 'aria-labelledby="mine"' in html and html.count('id="mine"') == 1
    html = _render(
        "{% table_region labelledby=heading %}<table><tr><td>1</td></tr></table>"
        "{% endtable_region %}",
        heading="evidence-heading",
    )
    assert 'aria-labelledby="evidence-heading"' in html


def test_the_content_is_escaped_as_the_template_escapes_it():
    html = _render(
        "{% table_region %}<table><caption>{{ name }}</caption></table>{% endtable_region %}",
        name="<script>x</script>",
    )
    assert "&lt;script&gt;" in html and "<script>" not in html


def test_a_table_without_a_caption_or_a_label_is_refused():
    with pytest.raises(TemplateSyntaxError):
        _render("{% table_region %}<table></table>{% endtable_region %}")
    with pytest.raises(TemplateSyntaxError):
        Template("{% table_region width=3 %}{% endtable_region %}")
