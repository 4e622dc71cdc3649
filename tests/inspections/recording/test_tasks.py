"""Recording's Celery tasks are registered with the worker by the Celery app's discovery."""


def test_the_worker_finds_recordings_tasks():
    from jtai.celery import app

    app.loader.import_default_modules()
    assert "inspections.recording.tasks.notify_shared_judgement_changed" in app.tasks
