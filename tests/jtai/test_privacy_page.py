"""The privacy notice states what is held, why and for how long from the retention schedule
itself, not from text written into the page."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from inspections.retention import registry
from inspections.retention.registry import Action, Kind

pytestmark = pytest.mark.django_db


def _row(html: str, code: str) -> str:
    start = html.index(f'data-kind="{code}"')
    return html[start : html.index("</tr>", start)]


def test_the_page_lists_each_kind_with_its_period_from_the_schedule(client):
    response = client.get(reverse("privacy"))
    assert response.status_code == 200
    html = response.content.decode()
    kinds = registry.kinds()
    assert {k.code for k in kinds} >= {
        "uploads",
        "case_samples",
        "case_tracking",
        "evidence",
        "judgement_drafts",
        "report_versions",
        "factual_accuracy_comments",
        "emails",
        "access_records",
        "published_report",
    }
    for kind in kinds:
        row = _row(html, kind.code)
        assert escape(kind.label) in row
        assert escape(kind.period) in row
        assert escape(kind.purpose) in row
        assert kind.action.label in row
    assert "6 months after the report is published" in _row(html, "case_samples")
    assert "Kept permanently" in _row(html, "published_report")


def test_a_changed_period_shows_on_the_page(client, monkeypatch):
    evidence = registry.get("evidence")
    changed = Kind(**{**evidence.__dict__, "months": 9})
    monkeypatch.setitem(registry._kinds, "evidence", changed)
    html = client.get(reverse("privacy")).content.decode()
    assert "9 months after the report is published" in _row(html, "evidence")


def test_a_kind_a_later_app_registers_is_listed(client, monkeypatch):
    monkeypatch.setitem(
        registry._kinds,
        "visitor_log",
        Kind(
            code="visitor_log",
            label="Visitors",
            held="Who visited.",
            purpose="Security.",
            basis="Law.",
            action=Action.DELETE,
            months=1,
        ),
    )
    assert "1 month after the report is published" in _row(
        client.get(reverse("privacy")).content.decode(), "visitor_log"
    )
