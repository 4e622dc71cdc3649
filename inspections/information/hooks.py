"""The request for information's after-hook on the lifecycle, registered by
`InspectionsConfig.ready()`: on notification the area is asked for the framework's items."""

from django.utils import timezone

from ..lifecycle import after
from . import services


@after("notify")
def ask_the_area_for_information(inspection, *, transition, **_):
    """Day 1 is the day the area is notified."""
    services.on_notify(inspection, day_one=timezone.localdate(transition.at))
