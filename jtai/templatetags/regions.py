"""A table that may be wider than a phone's screen scrolls inside its own region, not the page.

    {% load regions %}
    {% table_region %}
    <table class="govuk-table">
      <caption class="govuk-table__caption govuk-table__caption--m">Judgements</caption>
      ...
    </table>
    {% endtable_region %}

WCAG 1.4.10 (reflow) allows a data table to scroll in two dimensions, but only the table:
the page itself must not scroll sideways at 320 CSS pixels. The region is focusable
(`tabindex="0"`), so a keyboard user can scroll it, and named by the table's caption
(`role="region"`, `aria-labelledby`); a caption without an id is given one. A table with no
caption must say what names it: `{% table_region labelledby="heading-id" %}`.
"""

import re

from django import template
from django.template.base import TemplateSyntaxError, token_kwargs
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

_CAPTION = re.compile(r"<caption\b([^>]*)>", re.IGNORECASE)
_ID = re.compile(r"""\bid\s*=\s*["']([^"']+)["']""", re.IGNORECASE)


class TableRegionNode(template.Node):
    def __init__(self, nodelist, labelledby):
        self.nodelist = nodelist
        self.labelledby = labelledby

    def render(self, context):
        content = self.nodelist.render(context)
        labelledby = self.labelledby.resolve(context) if self.labelledby else None
        if not labelledby:
            match = _CAPTION.search(content)
            if match is None:
                raise TemplateSyntaxError(
                    'table_region: the table needs a <caption> or labelledby="id"'
                )
            found = _ID.search(match.group(1))
            if found:
                labelledby = found.group(1)
            else:
                # Numbered within the page being rendered, so ids stay unique and stable.
                number = context.render_context.get("jtai_table_regions", 0) + 1
                context.render_context["jtai_table_regions"] = number
                labelledby = f"table-caption-{number}"
                tag = f'<caption id="{labelledby}"{match.group(1)}>'
                content = content[: match.start()] + tag + content[match.end() :]
        return format_html(
            '<div class="jtai-table-region" role="region" tabindex="0" aria-labelledby="{}">'
            "{}</div>",
            labelledby,
            mark_safe(content),  # noqa: S308 - the rendered template, already escaped
        )


@register.tag
def table_region(parser, token):
    bits = token.split_contents()[1:]
    kwargs = token_kwargs(bits, parser)
    if bits or set(kwargs) - {"labelledby"}:
        raise TemplateSyntaxError('table_region takes only labelledby="id"')
    nodelist = parser.parse(("endtable_region",))
    parser.delete_first_token()
    return TableRegionNode(nodelist, kwargs.get("labelledby"))
