"""Links by the row: one `reverse` for a URL name, then each row's id written into the path.

A page with a link or two per row (the moderation grid, the inspections list, the register)
spent a fifth of its time in `{% url %}`: each call resolves the URL name again through
Django's resolver and its per-request state. `Links` reverses once with a placeholder for the
last argument and puts each row's id (a number or a slug) in its place.

    read = Links("inspections:moderation:judgement", inspection.pk)
    read(judgement.pk)            # "/inspections/12/moderation/judgements/345/"
    {{ read|with_id:j.pk }}       # the same in a template ({% load links %})
"""

from urllib.parse import quote

from django.urls import reverse

# An id no row has: the one thing in the reversed path that is replaced.
_PLACEHOLDER = "7777777777777777777"


class Links:
    do_not_call_in_templates = True  # a template passes it to `with_id`, never calls it bare

    def __init__(self, name: str, *args):
        self._head, found, self._tail = reverse(name, args=[*args, _PLACEHOLDER]).rpartition(
            _PLACEHOLDER
        )
        if not found:
            raise ValueError(f"{name} does not end in an argument to fill in")

    def __call__(self, last) -> str:
        # A number or a slug, quoted as `reverse` quotes a path's arguments.
        return f"{self._head}{quote(str(last), safe='')}{self._tail}"
