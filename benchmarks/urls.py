"""The product's URLs and the pages benchmark's trivial page: signed in, the base template
around a fixed paragraph, no query beyond the session and its user."""

from functools import cache

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.template import engines
from django.urls import path

from jtai.urls import handler400, handler403, handler404, handler500
from jtai.urls import urlpatterns as product

TRIVIAL_PATH = "/benchmark/trivial/"
TRIVIAL_TEMPLATE = """{% extends "base.html" %}
{% block title %}Trivial page{% endblock %}
{% block content %}
<div class="govuk-grid-row">
  <div class="govuk-grid-column-two-thirds">
    <h1 class="govuk-heading-xl">Trivial page</h1>
    <p class="govuk-body">The pages benchmark's yardstick: the base template around this
    paragraph, for a signed-in user, with no query beyond the session and its user.</p>
  </div>
</div>
{% endblock %}"""


@cache
def _template():
    return engines["django"].from_string(TRIVIAL_TEMPLATE)


@login_required
def trivial(request):
    return HttpResponse(_template().render({}, request))


urlpatterns = [path(TRIVIAL_PATH.lstrip("/"), trivial, name="benchmark-trivial"), *product]

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]
