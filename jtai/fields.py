"""Serializer fields that hold API input to the bounds in `jtai.bounds`."""

from __future__ import annotations

from rest_framework import serializers

from .bounds import MAX_INT, validate_date_in_range


class DateField(serializers.DateField):
    """A date between `EARLIEST_DATE` and `LATEST_DATE`: input dates go through this field."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.validators.append(validate_date_in_range)


class IntegerField(serializers.IntegerField):
    """An integer a database integer column can hold, unless the field is bounded tighter."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_value", MAX_INT)
        kwargs.setdefault("min_value", -MAX_INT - 1)
        super().__init__(**kwargs)
