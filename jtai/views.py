from django.conf import settings
from django.contrib.auth import views as auth_views
from django.db import connection
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template.loader import get_template
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .api import problem_response
from .context_processors import audience
from .forms import LoginForm
from .page_cache import PUBLICATION_TTL, cached_page


@cached_page(ttl=PUBLICATION_TTL)
def home(request):
    return render(request, "home.html", {"audience": audience(request.user)})


def accessibility(request):
    return render(request, "accessibility.html")


def privacy(request, retention_kinds=None):
    """The privacy notice and record of processing. `retention_kinds` (given by the URL
    configuration, which wires the apps) returns the retention schedule's kinds: what is held,
    why and for how long is read from the schedule itself, never written here by hand."""
    return render(request, "privacy.html", {"kinds": retention_kinds() if retention_kinds else []})


class LoginView(auth_views.LoginView):
    """Sign in with the GOV.UK form; repeated failures lock the account (django-axes)."""

    authentication_form = LoginForm
    redirect_authenticated_user = True


# Error pages: GOV.UK pages in the browser, JSON under /api/ (every API error is JSON).
def _wants_json(request) -> bool:
    return request.path.startswith("/api/")


def _error(request, status, template, detail):
    if _wants_json(request):
        return problem_response(request, status, detail)
    return render(request, template, status=status)


def bad_request(request, exception=None):
    return _error(request, 400, "errors/400.html", "The request is not valid.")


def permission_denied(request, exception=None):
    return _error(
        request, 403, "errors/403.html", "You do not have permission to perform this action."
    )


def page_not_found(request, exception=None):
    return _error(request, 404, "errors/404.html", "Not found.")


def server_error(request):
    # Rendered without a RequestContext on purpose: whatever broke may break the context too.
    if _wants_json(request):
        return problem_response(request, 500, "Sorry, there is a problem with the service.")
    html = get_template("errors/500.html").render(
        {"service_name": settings.SERVICE_NAME, "request": request}
    )
    return HttpResponseServerError(html)


def csrf_failure(request, reason=""):
    if _wants_json(request):
        return problem_response(request, 403, f"CSRF check failed: {reason}")
    return render(request, "errors/csrf.html", status=403)


@require_GET
@never_cache
def healthz(request):
    """The process is up. Touches nothing else."""
    return JsonResponse({"status": "ok"})


@require_GET
@never_cache
def readyz(request):
    """The database and, when configured, the broker answer."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception as exc:  # noqa: BLE001 - any failure means not ready
        checks["database"] = f"error: {exc.__class__.__name__}"
    if settings.REDIS_URL:
        try:
            import redis

            redis.Redis.from_url(settings.REDIS_URL, socket_timeout=2).ping()
            checks["broker"] = "ok"
        except Exception as exc:  # noqa: BLE001
            checks["broker"] = f"error: {exc.__class__.__name__}"
    else:
        checks["broker"] = "in-process"
    ready = all(v in ("ok", "in-process") for v in checks.values())
    return JsonResponse(
        {"status": "ok" if ready else "unavailable", "checks": checks}, status=200 if ready else 503
    )
