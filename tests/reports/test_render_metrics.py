"""A render's time and pages, and a render that made no version, show on /metrics."""

from django.urls import reverse
from prometheus_client.parser import text_string_to_metric_families


def _sample(client, name, **labels) -> float:
    text = client.get("/metrics").content.decode()
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name == name and all(sample.labels.get(k) == v for k, v in labels.items()):
                return sample.value
    return 0.0


def test_renders_and_failed_renders_are_counted(
    lead_client,
    inspection,
    generate_version,
    admin,
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    from django.test import Client

    import reports.services.drafting as drafting

    client = Client()  # the admin's own browser: `lead_client` is the test's `client`
    client.force_login(admin)
    renders = _sample(client, "jtai_report_render_seconds_count", kind="draft")
    failures = _sample(client, "jtai_report_render_failures_total", reason="error")

    version = generate_version(lead_client, inspection, "draft")
    assert _sample(client, "jtai_report_render_seconds_count", kind="draft") == renders + 1
    assert version.page_count >= 1
    assert _sample(client, "jtai_report_pages_sum", kind="draft") >= version.page_count

    def broken(html, **kwargs):
        raise RuntimeError("the fonts went missing")

    monkeypatch.setattr(drafting, "html_to_pdf", broken)
    with django_capture_on_commit_callbacks(execute=True):
        lead_client.post(reverse("reports:generate", args=[inspection.pk]), {"kind": "draft"})
    assert _sample(client, "jtai_report_render_failures_total", reason="error") == failures + 1
