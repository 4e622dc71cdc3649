"""Query helpers every app's selectors may use."""

from django.db.models import QuerySet


def filter_given(queryset: QuerySet, **lookups) -> QuerySet:
    """`queryset` narrowed by each lookup whose value is given (left out when empty or None),
    one `filter()` at a time, in the order named."""
    for lookup, value in lookups.items():
        if value:
            queryset = queryset.filter(**{lookup: value})
    return queryset
