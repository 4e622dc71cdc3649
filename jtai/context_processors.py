from django.conf import settings
from django.urls import NoReverseMatch, reverse

# The service navigation for each audience: (link text, URL names to try in order).
# A name that does not resolve (yet) is left out rather than breaking every page.
_PROGRAMMES = (
    "inspections:planning:programme-list",
    "inspections:planning:list",
    "planning:programme-list",
    "planning:list",
)
NAVIGATION = {
    "admin": [
        ("Inspections", ("inspections:list",)),
        ("Schedule", ("inspections:schedule",)),
        ("Calendar", ("inspections:calendar",)),
        ("Programmes", _PROGRAMMES),
        ("Reports", ("reports:register",)),
        ("Local authorities", ("agencies:authority-list",)),
    ],
    "inspector": [
        ("My inspections", ("inspections:list",)),
        ("My schedule", ("inspections:my-schedule",)),
        ("Reports", ("reports:register",)),
        ("Local authorities", ("agencies:authority-list",)),
    ],
    "public": [
        ("Published reports", ("reports:register",)),
        ("Local authorities", ("agencies:authority-list",)),
    ],
}


def first_url(names) -> str | None:
    for name in names:
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return None


def audience(user) -> str:
    if not user.is_authenticated:
        return "public"
    if getattr(user, "is_admin", False):
        return "admin"
    return "inspector"


def navigation_for(user, path: str) -> list[dict]:
    items = []
    for text, names in NAVIGATION[audience(user)]:
        href = first_url(names)
        if href:
            items.append({"text": text, "href": href})
    # The current section is the longest link that the page's path starts with.
    matches = [item for item in items if path == item["href"] or path.startswith(item["href"])]
    if matches:
        current = max(matches, key=lambda item: len(item["href"]))
        current["current"] = path == current["href"]
        current["active"] = True
    return items


def service(request):
    user = getattr(request, "user", None)
    return {
        "service_name": settings.SERVICE_NAME,
        "demo_mode": settings.DEMO_MODE,
        "service_navigation": navigation_for(user, request.path) if user is not None else [],
    }
