"""Emails link to the service at SITE_URL: production refuses to start without it."""

from tests.jtai.test_settings import production_env, run_manage


def test_production_without_a_site_url_refuses_to_start():
    env = production_env()
    del env["JTAI_SITE_URL"]
    result = run_manage("check", **env)
    assert result.returncode != 0
    assert "JTAI_SITE_URL is not set" in result.stderr


def test_debug_mode_has_a_local_site_url():
    script = "from django.conf import settings; print(settings.SITE_URL)"
    result = run_manage("shell", "-c", script, DJANGO_DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("http://127.0.0.1:8000")
