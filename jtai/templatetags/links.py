"""`{{ links|with_id:row.pk }}`: a row's link from a `jtai.links.Links` the view made."""

from django import template

register = template.Library()


@register.filter
def with_id(links, last) -> str:
    return links(last)
