import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jtai.settings")

app = Celery("jtai")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
app.autodiscover_tasks(["inspections.recording", "inspections.planning", "inspections.retention"])
