"""/metrics: requests, the database and Celery (queues, tasks, renders), for the scraper's
bearer token or an admin, and nobody else."""

import pytest
from prometheus_client.parser import text_string_to_metric_families

from jtai import metrics


def _families(response) -> dict:
    return {f.name: f for f in text_string_to_metric_families(response.content.decode())}


def _value(families, name, sample_name, **labels):
    for sample in families[name].samples:
        if sample.name == sample_name and all(sample.labels.get(k) == v for k, v in labels.items()):
            return sample.value
    return None


@pytest.mark.django_db
def test_metrics_are_not_public(client, settings, ofsted_inspector):
    settings.METRICS_TOKEN = "scrape-token-for-tests-123"
    anonymous = client.get("/metrics")
    assert anonymous.status_code == 401
    assert anonymous["WWW-Authenticate"] == 'Bearer realm="metrics"'
    assert b"jtai_http_requests_total" not in anonymous.content
    wrong = client.get("/metrics", headers={"Authorization": "Bearer not-the-token"})
    assert wrong.status_code == 401
    client.force_login(ofsted_inspector)
    assert client.get("/metrics").status_code == 404


@pytest.mark.django_db
def test_without_a_token_set_no_bearer_gets_in(client, settings):
    settings.METRICS_TOKEN = ""
    assert client.get("/metrics", headers={"Authorization": "Bearer "}).status_code == 401


@pytest.mark.django_db
def test_the_scraper_reads_request_database_and_celery_metrics(client, settings):
    settings.METRICS_TOKEN = "scrape-token-for-tests-123"
    client.get("/accessibility/")
    client.get("/reports/")  # the register: a page that queries
    metrics.record_task(task="reports.tasks.render_report_version", state="SUCCESS", seconds=3.2)
    metrics.record_task(task="reports.tasks.render_report_version", state="FAILURE", seconds=0.4)
    metrics.record_render(kind="draft", seconds=4.5, pages=7)
    from jtai.models import OutboxMessage

    OutboxMessage.objects.create(task="jtai.tasks.flush_outbox", args=[])  # owed, not sent
    response = client.get(
        "/metrics", headers={"Authorization": "Bearer scrape-token-for-tests-123"}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    families = _families(response)
    assert _value(
        families,
        "jtai_http_requests",
        "jtai_http_requests_total",
        view="accessibility",
        method="GET",
        status="200",
    )
    assert _value(families, "jtai_db_queries", "jtai_db_queries_total", view="reports:register")
    assert "jtai_http_request_duration_seconds" in families
    assert "jtai_db_query_duration_seconds" in families
    # One line per queue, even when empty.
    queues = {s.labels["queue"] for s in families["jtai_celery_queue_length"].samples}
    assert queues == {"celery", "reports", "planning", "email"}
    assert "jtai_celery_unacked" in families or not settings.REDIS_URL
    task = "reports.tasks.render_report_version"
    assert _value(
        families, "jtai_celery_tasks", "jtai_celery_tasks_total", task=task, state="FAILURE"
    )
    assert _value(
        families,
        "jtai_celery_task_duration_seconds",
        "jtai_celery_task_duration_seconds_bucket",
        task=task,
        le="5.0",
    )
    assert _value(
        families, "jtai_report_render_seconds", "jtai_report_render_seconds_count", kind="draft"
    )
    assert _value(
        families, "jtai_report_pages", "jtai_report_pages_bucket", kind="draft", le="10.0"
    )
    unsent = OutboxMessage.objects.filter(sent_at__isnull=True).count()
    assert unsent >= 1
    assert _value(families, "jtai_outbox_unsent", "jtai_outbox_unsent") == unsent
    assert (
        _value(families, "jtai_outbox_oldest_unsent_seconds", "jtai_outbox_oldest_unsent_seconds")
        >= 0
    )


@pytest.mark.django_db
def test_an_admin_reads_them_signed_in(client, admin):
    client.force_login(admin)
    response = client.get("/metrics")
    assert response.status_code == 200
    assert "jtai_celery_queue_length" in _families(response)


@pytest.mark.services
def test_queue_depth_is_read_from_redis(require_redis, settings, client, admin, db):
    """Messages waiting in Redis show in the queue's depth (LLEN of the queue's list)."""
    import redis

    connection = redis.Redis.from_url(settings.REDIS_URL)
    connection.delete("planning")
    connection.rpush("planning", b"{}", b"{}", b"{}")
    try:
        client.force_login(admin)
        families = _families(client.get("/metrics"))
        assert (
            _value(
                families, "jtai_celery_queue_length", "jtai_celery_queue_length", queue="planning"
            )
            == 3
        )
    finally:
        connection.delete("planning")


@pytest.mark.services
def test_workers_add_their_counts_to_one_redis_hash(require_redis):
    """What one worker records, any web replica reads: the counts live in Redis."""
    before = metrics.store.read().get("task_total|jtai.tasks.flush_outbox|SUCCESS", 0)
    metrics.record_task(task="jtai.tasks.flush_outbox", state="SUCCESS", seconds=0.01)
    metrics.record_task(task="jtai.tasks.flush_outbox", state="SUCCESS", seconds=0.02)
    assert metrics.store.read()["task_total|jtai.tasks.flush_outbox|SUCCESS"] == before + 2
